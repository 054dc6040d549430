import KerasStreams
import PythonSubset

/// `keras.layers.MaxPooling1D/2D`, `AveragePooling1D/2D` and the global
/// poolings in a script: no weights, no draws, only the shape they give.
///
/// ```python
/// keras.layers.MaxPooling2D()(keras.Input((6, 5, 3))).shape   # (None, 3, 2, 3)
/// ```
///
/// Edge cases: an input of the wrong rank is Keras' `InputSpec` error at
/// the call that builds it.
final class KerasPoolingObject: KerasWeightlessLayer {
  let layerName: String
  let pooling: Keras3.Pooling

  init(name: String, pooling: Keras3.Pooling) {
    layerName = name
    self.pooling = pooling
  }

  var className: String { pooling.className }
  var attributeNames: [String] { ["built", "get_weights", "name", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] { try pooling.outputShape(input, layerName: layerName) }
  func attribute(_ name: String) throws -> Value? { try sharedAttribute(name) }
}
