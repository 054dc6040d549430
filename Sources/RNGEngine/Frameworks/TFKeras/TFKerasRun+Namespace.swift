import KerasStreams
import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TFKerasRun {
  /// The `tf_keras` module of a script run: `Sequential`, `Model`, `Input`,
  /// `layers.Dense`/`Dropout`/`Input`, `utils.set_random_seed`,
  /// `backend.clear_session`, and the `optimizers` and `losses` that
  /// training shares with Keras 3 (tf-keras 2.21 has the same defaults).
  ///
  /// ```python
  /// import tf_keras
  /// from tf_keras import layers
  /// tf_keras.utils.set_random_seed(1)
  /// m = tf_keras.Sequential([tf_keras.Input((3,)), layers.Dense(6, activation="tanh"), layers.Dropout(0.5), layers.Dense(1)])
  /// ```
  ///
  /// Models are the engine's Keras model objects, marked as tf-keras's so
  /// that their initial weights, shuffles and Dropout masks follow tf-keras.
  func module(session: KerasSession, keras: Namespace) throws -> Namespace {
    let tfKeras = Namespace(name: "tf_keras")
    let layers = Namespace(name: "tf_keras.layers")
    let utils = Namespace(name: "tf_keras.utils")
    let backendModule = Namespace(name: "tf_keras.backend")
    guard case .object(let kerasLayers as Namespace)? = try keras.attribute("layers"),
      let input = try kerasLayers.attribute("Input"), case .object(let sequential)? = try keras.attribute("Sequential")
    else { throw EvaluationError("the tf_keras module could not be made", at: nil) }
    layers.define("Input", input)
    tfKeras.define("Input", input)
    defineDense(in: layers, session: session)
    defineDropout(in: layers, session: session)
    defineRefusedLayers(in: layers)
    tfKeras.define("Sequential(layers=None, name=None)") { [self] args in
      var arguments = Arguments(callRange: args.callRange, calleeRange: args.callRange)
      if let list = args.value("layers") { arguments.keywords.append(("layers", Located(list, args.range("layers")))) }
      if let name = args.value("name") { arguments.keywords.append(("name", Located(name, args.range("name")))) }
      guard case .object(let model as KerasModelObject) = try sequential.call(arguments) else {
        throw EvaluationError("Sequential() could not be made", at: args.callRange)
      }
      models.insert(ObjectIdentifier(model))
      return .object(model)
    }
    tfKeras.define("Model(inputs=None, outputs=None, name=None, **kwargs)") { [self] args in
      guard case .object(let i as KerasSymbolicTensor)? = args.value("inputs"),
        case .object(let o as KerasSymbolicTensor)? = args.value("outputs")
      else {
        throw EvaluationError(
          "rngdiff run's tf_keras.Model takes inputs=tf_keras.Input(...) and outputs= a tensor made from it", at: args.callRange)
      }
      let name = try args.string("name") ?? session.state.uniqueName("model")
      let model = KerasModelObject(kind: .functional, name: name, session: session)
      models.insert(ObjectIdentifier(model))
      try model.connect(inputs: i, outputs: o)
      return .object(model)
    }
    utils.define("set_random_seed(seed)") { [self] args in
      try setRandomSeed(args.value("seed") ?? .none, session: session, at: args.range("seed"))
      return .none
    }
    backendModule.define("clear_session()") { [self] _ in
      session.clearSession()
      restartKernels()
      resetGraph()
      return .none
    }
    tfKeras.define("layers", .object(layers))
    tfKeras.define("utils", .object(utils))
    tfKeras.define("backend", .object(backendModule))
    for name in ["optimizers", "losses"] {
      if let shared = try keras.attribute(name) { tfKeras.define(name, shared) }
    }
    tfKeras.define("__version__", .string("2.21.0"))
    if graph != nil { defineTF1Differences(in: tfKeras, layers: layers, utils: utils) }
    return tfKeras
  }

  /// `tf_keras.utils.set_random_seed(seed)`: Python's `random`, NumPy's
  /// global state, TensorFlow's global seed (every kernel restarts) and
  /// tf-keras's private `random.Random(seed)` for initializer seeds.
  func setRandomSeed(_ seed: Value, session: KerasSession, at range: SourceRange) throws {
    let integer = try TFKerasProcess.seedInteger(seed, at: range)
    // As in tf-keras, Python's `random` is seeded before NumPy refuses a seed outside 0 ... 2**32 - 1.
    guard let small = integer.int64 else {
      try session.state.python.seed(.bigInt(magnitude: integer.words32, negative: integer.isNegative))
      throw EvaluationError("Seed must be between 0 and 2**32 - 1, got \(integer).", at: range, type: "ValueError")
    }
    do {
      try TFKeras.setRandomSeed(small, python: &session.state.python, tensorflow: &eager, backend: &backend)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range, type: "ValueError")
    }
    try session.seedNumPy?(seed, range)
    try session.seedTensorFlow?(seed, range)
    session.tensorFlowGlobalSeed = small
    restartKernels()
  }

  /// Layers real tf-keras has that `rngdiff run` does not emulate for it
  /// (all but `LSTM`/`GRU` are emulated for Keras 3): calling one stops the
  /// run at the call, saying so, rather than with an `AttributeError` real
  /// tf-keras would never raise.
  ///
  /// ```python
  /// tf_keras.layers.Conv2D(4, 3)  # refused: Keras 3's keras.layers.Conv2D is emulated
  /// tf_keras.layers.LSTM(4)       # refused with the reason Keras 3 refuses it
  /// ```
  static let unemulatedLayers =
    ["Activation", "Flatten", "Reshape", "Conv1D", "Conv2D", "Embedding", "BatchNormalization", "LayerNormalization"]
    + ["Max", "Average", "GlobalMax", "GlobalAverage"].flatMap { ["\($0)Pooling1D", "\($0)Pooling2D"] }
    + ["GaussianNoise", "GaussianDropout", "SpatialDropout1D", "SpatialDropout2D", "AlphaDropout", "LSTM", "GRU"]

  private func defineRefusedLayers(in layers: Namespace) {
    for layer in Self.unemulatedLayers {
      let refused = KerasSession.refusedLayers.first { $0.0 == layer }.map { ": \($0.1)" }
      let why = refused ?? " (Keras 3's keras.layers.\(layer) is)"
      layers.define("\(layer)(*args, **kwargs)") { args in
        throw EvaluationError(
          "tf_keras.layers.\(layer) is not emulated by rngdiff run\(why); tf_keras layers accepted: Dense, Dropout, Input",
          at: args.callRange)
      }
    }
  }

  /// `tf_keras.layers.Dense`: Keras's Dense object, its weights made at
  /// build by tf-keras's initializers (named: `glorot_uniform`, `he_normal`, …, `zeros`, `ones`).
  private func defineDense(in layers: Namespace, session: KerasSession) {
    layers.define(
      "Dense(units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, **kwargs)"
    ) { [self] args in
      let unitsValue = args.value("units") ?? .none
      guard case .int(let i) = unitsValue, let units = i.int, units > 0 else {
        throw args.error(
          "units", "Received an invalid value for `units`, expected a positive integer. Received: units=\(unitsValue.repr)")
      }
      for name in ["kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint"] {
        try args.kerasRequireNone(name)
      }
      if let activation = args.value("activation"), !activation.isNone {
        guard case .string = activation else {
          throw args.error("activation", "Dense() argument 'activation' must be a name such as 'relu' or None, got \(activation.repr)")
        }
      }
      let kernel = try initializer(args, "kernel_initializer", default: "glorot_uniform")
      let bias = try initializer(args, "bias_initializer", default: "zeros")
      let (name, dtype) = try session.layerKeywords(args)
      if let dtype, dtype != .float32 {
        throw EvaluationError(
          "tf_keras Dense(dtype='\(dtype.rawValue)') is not emulated by rngdiff run; accepted: float32", at: args.callRange)
      }
      let zeros = Keras3.Initializer.constant(0, className: "Zeros", state: &session.state)
      let layer = try args.framework {
        try Keras3.Dense(
          units: units, useBias: try args.bool("use_bias") ?? true, kernelInitializer: .instance(zeros),
          biasInitializer: .instance(zeros), name: name, state: &session.state)
      }
      let dense = KerasDenseObject(layer, session: session)
      if case .string(let activation)? = args.value("activation") { dense.activationName = activation }
      for (keyword, located) in args.extraKeywords {
        if keyword == "input_shape" {
          dense.inputShapeArgument = BoundArguments.asIntSequence(located.value).map { $0.map { $0.int } }
        } else if keyword == "input_dim", let n = BoundArguments.asInt(located.value)?.int {
          dense.inputShapeArgument = [n]
        }
      }
      denseInitializers[ObjectIdentifier(dense)] = (kernel, bias)
      dense.afterBuild = { [unowned self] dense, path in try initialize(dense, path: path) }
      return .object(dense)
    }
  }

  /// Replaces a just-built Dense's placeholder weights by tf-keras's: the
  /// kernel (its initializer's seed drawn now), then the bias.
  func initialize(_ dense: KerasDenseObject, path: String) throws {
    guard var initializers = denseInitializers[ObjectIdentifier(dense)], let kernel = dense.layer.kernel else { return }
    let session = dense.session
    func values(_ initial: inout Initial, _ shape: [Int], _ weight: String) throws -> Keras3.Tensor {
      switch initial {
      case .constant(let c):
        graph?.add(TF1OperationCounts.variable(.constant).afterSeed)
        return Keras3.Tensor(shape: shape, values: .float32(Array(repeating: c, count: shape.reduce(1, *))))
      case .random(var initializer):
        defer { initial = .random(initializer) }
        let drawn = try session.consuming(path + "/" + weight, role: "init") {
          try initializer(shape, dtype: .float32, backend: &backend, python: &session.state.python)
        }
        return Keras3.Tensor(shape: shape, values: drawn)
      case .graph(let scaling, let seed):
        return try graphVariable(scaling, seed: seed, shape: shape, path: path + "/" + weight, session: session)
      }
    }
    let k = try values(&initializers.kernel, kernel.shape, "kernel")
    let b = try dense.layer.bias.map { try values(&initializers.bias, $0.shape, "bias") }
    denseInitializers[ObjectIdentifier(dense)] = initializers
    try dense.layer.assign(kernel: k, bias: b)
  }

  /// A Dense's initializer argument: a name, or (TensorFlow 1.x) an
  /// initializer object from `keras.initializers`.
  func initializer(_ args: BoundArguments, _ name: String, default fallback: String) throws -> Initial {
    let given: String
    switch args.value(name) {
    case nil: given = fallback
    case .string(let s)?: given = s
    case .object(let object as TF1InitializerObject)? where graph != nil: return object.initial
    case let v?:
      let accepted = graph == nil ? "an initializer name such as 'glorot_uniform'" : "a name such as 'glorot_uniform' or keras.initializers.glorot_uniform(seed=...)"
      throw args.error(name, "\(graph == nil ? "tf_keras " : "")Dense() argument '\(name)' must be \(accepted) in rngdiff run, got \(v.repr)")
    }
    if let preset = Self.presets[given] { return graph == nil ? .random(preset) : .graph(preset, seed: nil) }
    if given == "zeros" { return .constant(0) }
    if given == "ones" { return .constant(1) }
    throw args.error(
      name, "\(graph == nil ? "tf_keras" : "keras") initializer '\(given)' is not emulated by rngdiff run; accepted: \(Self.presets.keys.sorted().joined(separator: ", ")), zeros, ones")
  }

  /// The variance-scaling initializers by name, without a seed.
  static let presets: [String: TFKeras.VarianceScaling] = [
    "glorot_uniform": .glorotUniform(), "glorot_normal": .glorotNormal(), "he_uniform": .heUniform(),
    "he_normal": .heNormal(), "lecun_uniform": .lecunUniform(), "lecun_normal": .lecunNormal(),
  ]

  /// `tf_keras.layers.Dropout`: Keras's Dropout object (its own seed
  /// generator unused), with tf-keras's `seed=` kept for the train function.
  private func defineDropout(in layers: Namespace, session: KerasSession) {
    layers.define("Dropout(rate, noise_shape=None, seed=None, **kwargs)") { [self] args in
      if let shape = args.value("noise_shape"), !shape.isNone {
        throw args.error("noise_shape", "tf_keras Dropout(noise_shape=...) is not emulated by rngdiff run; accepted: None")
      }
      let checked = try TFKerasSampleFramework.dropout(args)
      let seed = try args.tfOpSeed("seed").map(TensorFlowSeeds.truncate)
      var name: String?
      if case .string(let s)? = args.extraKeywords.first(where: { $0.name == "name" })?.value.value { name = s }
      let layer = try args.framework {
        try Keras3.Dropout(rate: checked.rate, noiseShape: nil, seed: 0, name: name, state: &session.state)
      }
      let dropout = KerasDropoutObject(layer, session: session)
      dropoutSeeds[ObjectIdentifier(dropout)] = .some(seed)
      return .object(dropout)
    }
  }
}
