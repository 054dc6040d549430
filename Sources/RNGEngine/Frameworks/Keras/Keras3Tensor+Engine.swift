import KerasStreams
import RNGStreams

extension Keras3.Tensor {
  /// The engine's view of a Keras tensor.
  var engineTensor: Tensor { Tensor(values, shape: shape) }

  /// A Keras tensor from an engine array, or nil for a dtype Keras 3 is not
  /// emulated with here (float16, bool, …).
  init?(engine tensor: Tensor) {
    guard let values = tensor.drawnValues, Keras3.DType(values.dtype) != nil else { return nil }
    self.init(shape: tensor.shape, values: values)
  }
}

extension Keras3.DType {
  /// The Keras dtype of an engine dtype, or nil when it is not emulated.
  init?(engine dtype: DType) {
    self.init(name: dtype.rawValue)
  }
}
