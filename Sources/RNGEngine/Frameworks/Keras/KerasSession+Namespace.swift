import KerasStreams
import PythonSubset

extension KerasSession {
  /// Every name the call strings see: `keras.random`'s functions and
  /// `SeedGenerator`, `keras.ops`'s `ones` and `zeros`,
  /// `keras.utils.set_random_seed`, the initializer classes, `Dense`,
  /// `Dropout`, `Input`, `Sequential`, `Model`, and `keras` itself with those as `keras.random.*`,
  /// `keras.initializers.*`, `keras.layers.*`, `keras.ops.*`, `keras.utils.*`.
  var namespace: [String: Value] {
    let random = Namespace(name: "keras.random")
    let ops = Namespace(name: "keras.ops")
    let utils = Namespace(name: "keras.utils")
    let initializers = Namespace(name: "keras.initializers")
    let layers = Namespace(name: "keras.layers")
    let keras = Namespace(name: "keras")
    defineRandom(in: random)
    defineOps(in: ops)
    utils.define("set_random_seed(seed)") { [self] args in
      try setRandomSeed(args.value("seed") ?? .none, at: args.range("seed"))
      return .none
    }
    defineInitializers(in: initializers)
    defineLayers(in: layers)
    defineModels(in: keras, layers: layers)
    defineTraining(in: keras)
    for (name, module) in [("random", random), ("ops", ops), ("utils", utils), ("initializers", initializers), ("layers", layers)] {
      keras.define(name, .object(module))
    }
    var names: [String: Value] = ["keras": .object(keras)]
    for module in [random, ops, utils, initializers, layers] {
      for (name, value) in module.members where !Self.scriptOnlyLayers.contains(name) { names[name] = value }
    }
    for name in ["Sequential", "Model", "Input"] { names[name] = try? keras.attribute(name) ?? nil }
    return names
  }
}
