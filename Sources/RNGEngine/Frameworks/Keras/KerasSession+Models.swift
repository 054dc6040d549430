import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.Input`, `keras.Sequential` and `keras.Model` (functional), for
  /// script runs.
  func defineModels(in keras: Namespace, layers: Namespace) {
    let input = BuiltinFunction(signature: Signature("Input(shape=None, batch_size=None, dtype=None, name=None)")) { [self] args in
      guard let shape = try args.kerasDimensions("shape") else {
        throw EvaluationError("Input() needs a shape such as (3,)", at: args.callRange, type: "ValueError")
      }
      let name = try args.string("name") ?? state.uniqueName("input_layer")
      return .object(KerasSymbolicTensor(shape: [try args.int("batch_size")?.int] + shape, inputName: name, history: []))
    }
    keras.define("Input", .object(input))
    layers.define("Input", .object(input))
    keras.define("Sequential(layers=None, trainable=True, name=None)") { [self] args in
      let name = try args.string("name") ?? state.uniqueName("sequential")
      let model = KerasModelObject(kind: .sequential, name: name, session: self)
      if let list = args.value("layers"), !list.isNone {
        guard let items = Builtins.items(of: list) else {
          throw EvaluationError("Sequential() takes a list of layers", at: args.range("layers"), type: "TypeError")
        }
        for item in items {
          guard case .object(let o) = item else {
            throw EvaluationError("Sequential() takes layers, not '\(item.typeName)'", at: args.range("layers"), type: "TypeError")
          }
          try model.add(o, rebuild: false, at: args.range("layers"))
        }
        if let shape = model.inputShape { try model.build(shape, at: args.range("layers")) }
      }
      return .object(model)
    }
    keras.define("Model(inputs=None, outputs=None, name=None, **kwargs)") { [self] args in
      guard case .object(let i as KerasSymbolicTensor)? = args.value("inputs"),
        case .object(let o as KerasSymbolicTensor)? = args.value("outputs")
      else {
        throw EvaluationError(
          "rngdiff run's keras.Model takes inputs=keras.Input(...) and outputs= a tensor made from it (subclassed models come next)",
          at: args.callRange)
      }
      let name = try args.string("name") ?? state.uniqueName("functional")
      let model = KerasModelObject(kind: .functional, name: name, session: self)
      try model.connect(inputs: i, outputs: o)
      return .object(model)
    }
  }
}
