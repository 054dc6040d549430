import PythonSubset

/// A `keras.optimizers.SGD(...)` (or `Adam`, `RMSprop`, `Adagrad`) in a
/// script: the optimizer and its slots, shared by every model compiled
/// with it, as in Keras (the state lives in the optimizer object).
///
/// ```python
/// opt = keras.optimizers.Adam(learning_rate=0.01)
/// model.compile(optimizer=opt, loss="mse")
/// opt.iterations        # updates applied so far
/// ```
///
/// Edge case: like Keras, an optimizer that has updated one model's weights
/// refuses another model's (``trainedModel`` remembers which).
final class KerasOptimizerObject: PythonObject {
  var optimizer: KerasOptimizer
  /// The model whose weights the optimizer's slots were made for, once it has updated them.
  var trainedModel: ObjectIdentifier?

  init(_ optimizer: KerasOptimizer) { self.optimizer = optimizer }

  var typeName: String { optimizer.kind.className }
  var repr: String { "<keras.src.optimizers.\(typeName.lowercased()).\(typeName) object>" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "learning_rate": return .float(Double(Float(optimizer.learningRate)))
    case "iterations": return .int(PythonInt(optimizer.iterations))
    case "name": return .string(typeName.lowercased())
    default: return nil
    }
  }
}

/// A `keras.losses.MeanSquaredError()` (or another emulated loss class).
final class KerasLossObject: PythonObject {
  let loss: KerasLoss
  init(_ loss: KerasLoss) { self.loss = loss }
  var typeName: String { KerasLoss.classNames[KerasLoss.allCases.firstIndex(of: loss) ?? 0] }
  var repr: String { "<\(typeName) name=\(loss.rawValue)>" }
  func attribute(_ name: String) throws -> Value? { name == "name" ? .string(loss.rawValue) : nil }
}

/// What `model.fit` returns: `history.history` (a dict of per-epoch lists)
/// and `history.epoch`.
final class KerasHistoryObject: PythonObject {
  let history: DictObject
  let epochs: [Int]

  init(history: DictObject, epochs: [Int]) {
    self.history = history
    self.epochs = epochs
  }

  var typeName: String { "History" }
  var repr: String { "<keras.src.callbacks.history.History object>" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "history": return .object(history)
    case "epoch": return .object(ListObject(epochs.map { .int(PythonInt($0)) }))
    default: return nil
    }
  }
}
