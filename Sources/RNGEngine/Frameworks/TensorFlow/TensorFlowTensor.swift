import PythonSubset
import TensorFlowStreams

/// A TensorFlow tensor as the binding passes it between the engine and
/// ``TensorFlowStreams``: the values in one of the four dtypes the random
/// ops emulate, and the shape.
///
/// ```swift
/// let t = TensorFlowTensor(.float32([0.25, 0.5]), shape: [2])
/// t.value      // a tf.Tensor (ArrayObject of kind .tensorflow)
/// ```
struct TensorFlowTensor {
  var values: TensorValues
  var shape: [Int]

  init(_ values: TensorValues, shape: [Int]) {
    self.values = values
    self.shape = shape
  }

  /// The engine's tensor.
  var tensor: Tensor {
    switch values {
    case .float32(let v): return Tensor(dtype: .float32, shape: shape, storage: .float(v))
    case .float64(let v): return Tensor(dtype: .float64, shape: shape, storage: .double(v))
    case .int32(let v): return Tensor(dtype: .int32, shape: shape, storage: .int(v.map(Int64.init)))
    case .int64(let v): return Tensor(dtype: .int64, shape: shape, storage: .int(v))
    }
  }

  /// A `tf.Tensor` value.
  var value: Value { .object(ArrayObject(tensor, kind: .tensorflow, methods: Self.methods)) }

  /// The tensor's values, or nil when its dtype is not one of float32,
  /// float64, int32, int64.
  init?(_ tensor: Tensor) {
    switch (tensor.dtype, tensor.storage) {
    case (.float32, .float(let v)): values = .float32(v)
    case (.float64, .double(let v)): values = .float64(v)
    case (.int32, .int(let v)): values = .int32(v.map { Int32(truncatingIfNeeded: $0) })
    case (.int64, .int(let v)): values = .int64(v)
    default: return nil
    }
    shape = tensor.shape
  }

  /// `tensor.numpy()`: the same values as a NumPy array.
  static let methods: ArrayMethods = {
    var methods = ArrayMethods()
    methods.define("numpy()") { tensor, _ in .object(ArrayObject(tensor.tensor, kind: .numpy)) }
    return methods
  }()
}

extension TensorFlowDType {
  /// The engine's dtype of the same name.
  var engineDType: DType {
    switch self {
    case .float32: return .float32
    case .float64: return .float64
    case .int32: return .int32
    case .int64: return .int64
    }
  }

  /// The dtype names rngdiff emulates, for messages.
  static let emulatedNames = allCases.map(\.rawValue).joined(separator: ", ")
}
