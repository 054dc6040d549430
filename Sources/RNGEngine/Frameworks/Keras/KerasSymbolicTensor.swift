import PythonSubset

/// A symbolic Keras tensor: what `keras.Input((3,))` returns and what a
/// layer called on one returns. It has a shape (batch dimension `None`) and
/// remembers the layers that made it, so `keras.Model(inputs, outputs)` can
/// find its layers in call order.
///
/// ```python
/// inputs = keras.Input((3,))           # shape (None, 3), input layer 'input_layer'
/// x = keras.layers.Dense(4)(inputs)    # builds dense: kernel (3, 4), bias (4,)
/// ```
final class KerasSymbolicTensor: PythonObject {
  let shape: [Int?]
  /// The input layer's name (`input_layer`, `input_layer_1`, …).
  let inputName: String
  /// The layers applied since the input, in call order.
  let history: [any PythonObject]

  init(shape: [Int?], inputName: String, history: [any PythonObject]) {
    self.shape = shape
    self.inputName = inputName
    self.history = history
  }

  var typeName: String { "KerasTensor" }
  var repr: String {
    "<KerasTensor shape=(" + shape.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + (shape.count == 1 ? ",)" : ")") + ">"
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "shape": return .tuple(shape.map { $0.map { .int(PythonInt($0)) } ?? .none })
    case "dtype": return .string("float32")
    default: return nil
    }
  }

  /// The tensor a layer makes from this one.
  func through(_ layer: any PythonObject, shape newShape: [Int?]) -> KerasSymbolicTensor {
    KerasSymbolicTensor(shape: newShape, inputName: inputName, history: history + [layer])
  }
}
