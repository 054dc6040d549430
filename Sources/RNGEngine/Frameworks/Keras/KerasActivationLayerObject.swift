import PythonSubset

/// `keras.layers.Activation(activation)`: applies an activation by name.
/// It has no weights and draws nothing; in `fit` it is emulated for the
/// activations ``KerasActivation`` knows (linear, relu, tanh, sigmoid,
/// softmax).
///
/// ```python
/// keras.Sequential([keras.Input((3,)), keras.layers.Dense(4), keras.layers.Activation("relu")])
/// ```
///
/// Edge cases: an activation given as a function rather than a name is
/// refused where the layer is made.
final class KerasActivationLayerObject: KerasWeightlessLayer {
  let layerName: String
  /// The activation's name as given (`relu`).
  let activationName: String

  init(name: String, activation: String) {
    layerName = name
    activationName = activation
  }

  var className: String { "Activation" }
  var attributeNames: [String] { ["activation", "built", "get_weights", "name", "weights"] }

  func outputShape(_ input: [Int?]) throws -> [Int?] { input }

  func attribute(_ name: String) throws -> Value? {
    name == "activation" ? .string(activationName) : try sharedAttribute(name)
  }
}
