import PythonSubset
import RNGStreams
import TensorFlowStreams

/// A TensorFlow tensor as the binding passes it between the engine and
/// ``TensorFlowStreams``: the values (in one of the four dtypes the random
/// ops emulate, see ``dtype``) and the shape.
///
/// ```swift
/// let t = TensorFlowTensor(.float32([0.25, 0.5]), shape: [2])
/// t.value      // a tf.Tensor (ArrayObject of kind .tensorflow)
/// ```
struct TensorFlowTensor {
  var values: DrawnValues
  var shape: [Int]

  init(_ values: DrawnValues, shape: [Int]) {
    self.values = values
    self.shape = shape
  }

  /// The TensorFlow dtype of the values.
  var dtype: TensorFlowDType {
    guard let dtype = TensorFlowDType(values.dtype) else { preconditionFailure("TensorFlow tensors hold emulated dtypes") }
    return dtype
  }

  /// The engine's tensor.
  var tensor: Tensor { Tensor(values, shape: shape) }

  /// A `tf.Tensor` value.
  var value: Value { .object(ArrayObject(tensor, kind: .tensorflow, methods: Self.methods)) }

  /// The tensor's values, or nil when its dtype is not one of float32,
  /// float64, int32, int64.
  init?(_ tensor: Tensor) {
    guard let values = tensor.drawnValues, TensorFlowDType(values.dtype) != nil else { return nil }
    self.init(values, shape: tensor.shape)
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
  var engineDType: DType { DType(elementType) }

  /// The dtype names rngdiff emulates, for messages.
  static let emulatedNames = allCases.map(\.rawValue).joined(separator: ", ")
}
