import TorchStreams

/// Conversions between the engine's ``Tensor`` and TorchStreams' values.
extension TorchDType {
  /// The torch dtype of an engine dtype, or nil for one the samplers do not
  /// produce (float16, bfloat16, uint16, uint32, uint64).
  init?(_ dtype: DType) {
    switch dtype {
    case .float32: self = .float32
    case .float64: self = .float64
    case .int64: self = .int64
    case .int32: self = .int32
    case .int16: self = .int16
    case .int8: self = .int8
    case .uint8: self = .uint8
    case .bool: self = .bool
    default: return nil
    }
  }

  /// The engine dtype with the same name.
  var engineType: DType {
    switch self {
    case .float32: return .float32
    case .float64: return .float64
    case .int64: return .int64
    case .int32: return .int32
    case .int16: return .int16
    case .int8: return .int8
    case .uint8: return .uint8
    case .bool: return .bool
    }
  }

  /// The dtypes the torch binding accepts, as a user writes them.
  static let acceptedNames = allCases.map { "torch.\($0.name)" }.joined(separator: ", ")
}

extension Tensor {
  /// A tensor of `shape` holding `values`.
  ///
  /// - Precondition: `values.count` is the element count of `shape`.
  init(_ values: TorchValues, shape: [Int]) {
    let storage: Storage
    switch values {
    case .float32(let v): storage = .float(v)
    case .float64(let v): storage = .double(v)
    case .bool(let v): storage = .bool(v)
    default: storage = .int(values.integers ?? [])
    }
    self.init(dtype: values.dtype.engineType, shape: shape, storage: storage)
  }
}

extension TorchValues {
  /// The elements of `tensor`, or nil when its dtype is not a torch dtype
  /// the samplers produce.
  init?(_ tensor: Tensor) {
    guard let dtype = TorchDType(tensor.dtype) else { return nil }
    self.init(tensor.storage, as: dtype)
  }

  /// `storage` converted to `dtype` as a torch cast does (floats to integers
  /// toward zero, integers wrapping); nil when a float going to an integer
  /// type is NaN, infinite or outside int64.
  init?(_ storage: Tensor.Storage, as dtype: TorchDType) {
    switch (storage, dtype) {
    case (.float(let v), .float32): self = .float32(v); return
    case (.double(let v), .float64): self = .float64(v); return
    case (.bool(let v), .bool): self = .bool(v); return
    default: break
    }
    switch storage {
    case .float, .double:
      let doubles = Self.doubles(storage)
      switch dtype {
      case .float32: self = .float32(doubles.map { Float($0) })
      case .float64: self = .float64(doubles)
      case .bool: self = .bool(doubles.map { $0 != 0 })
      default:
        var integers: [Int64] = []
        for d in doubles {
          guard let i = Int64(exactly: d.rounded(.towardZero)) else { return nil }
          integers.append(i)
        }
        self = .fromIntegers(integers, dtype: dtype)
      }
    case .int(let v): self = .fromIntegers(v, dtype: dtype)
    case .unsigned(let v): self = .fromIntegers(v.map { Int64(truncatingIfNeeded: $0) }, dtype: dtype)
    case .bool(let v): self = .fromIntegers(v.map { $0 ? 1 : 0 }, dtype: dtype)
    case .big(let v): self = .fromIntegers(v.map { Int64(truncatingIfNeeded: $0.truncatingUInt64) }, dtype: dtype)
    }
  }

  private static func doubles(_ storage: Tensor.Storage) -> [Double] {
    switch storage {
    case .float(let v): return v.map(Double.init)
    case .double(let v): return v
    default: return []
    }
  }
}
