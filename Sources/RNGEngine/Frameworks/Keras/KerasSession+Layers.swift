import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.layers.Dense` and `keras.layers.Dropout`.
  func defineLayers(in ns: Namespace) {
    ns.define(
      "Dense(units, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None, quantization_config=None, **kwargs)"
    ) { [self] args in
      let unitsValue = args.value("units") ?? .none
      guard case .int(let i) = unitsValue, let units = i.int, units > 0 else {
        throw args.error(
          "units", "Received an invalid value for `units`, expected a positive integer. Received: units=\(unitsValue.repr)")
      }
      let useBias = try args.bool("use_bias") ?? true
      let kernel = try initializerArgument(args, "kernel_initializer", default: "glorot_uniform")
      let bias = try initializerArgument(args, "bias_initializer", default: "zeros")
      for name in [
        "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
        "lora_rank", "lora_alpha", "quantization_config",
      ] {
        try args.kerasRequireNone(name)
      }
      if let activation = args.value("activation"), !activation.isNone {
        guard case .string = activation else {
          throw args.error("activation", "Dense() argument 'activation' must be a name such as 'relu' or None, got \(activation.repr)")
        }
      }
      let (name, dtype) = try layerKeywords(args)
      // Default seeds are drawn now, from Python's `random`, for the layer about to be named.
      let layer = try consuming(name ?? state.nextUniqueName("dense"), role: "seed") {
        try args.framework {
        try Keras3.Dense(
          units: units, useBias: useBias, kernelInitializer: kernel, biasInitializer: bias, dtype: dtype, name: name,
          state: &state)
        }
      }
      let dense = KerasDenseObject(layer, session: self)
      if case .string(let activation)? = args.value("activation") { dense.activationName = activation }
      for (keyword, located) in args.extraKeywords {
        if keyword == "input_shape" {
          dense.inputShapeArgument = BoundArguments.asIntSequence(located.value).map { $0.map { $0.int } }
        } else if keyword == "input_dim", let n = BoundArguments.asInt(located.value)?.int {
          dense.inputShapeArgument = [n]
        }
      }
      return .object(dense)
    }
    ns.define("Dropout(rate, noise_shape=None, seed=None, **kwargs)") { [self] args in
      let rate = try args.kerasDouble("rate")
      let noiseShape = try args.kerasDimensions("noise_shape")
      // The seed goes to SeedGenerator(seed), which only a positive rate makes.
      let seed = rate > 0 ? try args.kerasGeneratorSeed("seed", backend: backend) : nil
      let (name, _) = try layerKeywords(args)
      let layer = try consuming(name ?? state.nextUniqueName("dropout"), role: "seed") {
        try args.framework {
          try Keras3.Dropout(rate: rate, noiseShape: noiseShape, seed: seed, name: name, state: &state)
        }
      }
      return .object(KerasDropoutObject(layer, session: self))
    }
    defineWeightlessLayers(in: ns)
    defineWeightedLayers(in: ns)
    definePoolingLayers(in: ns)
  }

  /// A `kernel_initializer=` or `bias_initializer=`: a name or an initializer instance.
  func initializerArgument(_ args: BoundArguments, _ name: String, default fallback: String = "") throws -> Keras3.Dense.InitializerArgument {
    switch args.value(name) {
    case nil: return .name(fallback)
    case .string(let s)?: return .name(s)
    case .object(let o as KerasInitializerObject)?:
      return .instance(o.initializer)
    case let v?:
      throw args.error(
        name, "\(args.signature.name)() argument '\(name)' must be an initializer name such as 'he_normal' or an initializer such as GlorotUniform(seed=1), got \(v.repr)")
    }
  }

  /// The layer keyword arguments rngdiff takes: `name`, `dtype` (float32 or
  /// float64) and, without effect on the weights, `trainable`, `autocast`,
  /// `input_shape`, `input_dim`.
  func layerKeywords(_ args: BoundArguments) throws -> (name: String?, dtype: Keras3.DType?) {
    var name: String?
    var dtype: Keras3.DType?
    for (keyword, located) in args.extraKeywords {
      switch (keyword, located.value) {
      case ("name", .string(let s)): name = s
      case ("dtype", .string(let s)):
        guard let d = Keras3.DType(name: s), d.isFloatingPoint else {
          throw EvaluationError("\(args.signature.name)() keyword 'dtype' must be 'float32' or 'float64', got '\(s)'", at: located.range)
        }
        dtype = d
      case ("dtype", .dtype(let d)):
        guard let kd = Keras3.DType(engine: d), kd.isFloatingPoint else {
          throw EvaluationError("\(args.signature.name)() keyword 'dtype' must be 'float32' or 'float64', got \(d.rawValue)", at: located.range)
        }
        dtype = kd
      case ("trainable", _), ("autocast", _), ("input_shape", _), ("input_dim", _):
        break
      default:
        throw EvaluationError(
          "\(args.signature.name)() got an unexpected keyword argument '\(keyword)'; accepted: \(args.signature.text) with name, dtype, trainable, autocast, input_shape, input_dim",
          at: located.range)
      }
    }
    return (name, dtype)
  }
}
