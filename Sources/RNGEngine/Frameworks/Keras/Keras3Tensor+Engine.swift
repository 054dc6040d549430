import KerasStreams

extension Keras3.Tensor {
  /// The engine's view of a Keras tensor (uint32 and int32 values held as Int64).
  var engineTensor: Tensor {
    switch values {
    case .float32(let v): return Tensor(shape: shape, float32: v)
    case .float64(let v): return Tensor(shape: shape, float64: v)
    case .int32(let v): return Tensor(shape: shape, int64: v.map(Int64.init), dtype: .int32)
    case .int64(let v): return Tensor(shape: shape, int64: v)
    case .uint32(let v): return Tensor(shape: shape, int64: v.map(Int64.init), dtype: .uint32)
    }
  }

  /// A Keras tensor from an engine array, or nil for a dtype Keras 3 is not
  /// emulated with here (float16, bool, …).
  init?(engine tensor: Tensor) {
    switch (tensor.dtype, tensor.storage) {
    case (.float32, .float(let v)): self.init(shape: tensor.shape, values: .float32(v))
    case (.float64, .double(let v)): self.init(shape: tensor.shape, values: .float64(v))
    case (.int32, .int(let v)): self.init(shape: tensor.shape, values: .int32(v.map { Int32(truncatingIfNeeded: $0) }))
    case (.int64, .int(let v)): self.init(shape: tensor.shape, values: .int64(v))
    case (.uint32, .int(let v)): self.init(shape: tensor.shape, values: .uint32(v.map { UInt32(truncatingIfNeeded: $0) }))
    default: return nil
    }
  }
}

extension Keras3.DType {
  /// The Keras dtype of an engine dtype, or nil when it is not emulated.
  init?(engine dtype: DType) {
    self.init(name: dtype.rawValue)
  }
}
