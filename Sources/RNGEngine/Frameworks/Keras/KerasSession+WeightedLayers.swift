import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.layers.Conv1D`, `Conv2D`, `Embedding`, `BatchNormalization` and
  /// `LayerNormalization`: each names itself and makes its initializers
  /// (drawing their default seeds) here, in Keras' order, and builds its
  /// weights when a model (or `layer.build`) gives it an input shape.
  func defineWeightedLayers(in ns: Namespace) {
    for rank in 1...2 {
      ns.define(
        "Conv\(rank)D(filters, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1, groups=1, activation=None, use_bias=True, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None, **kwargs)"
      ) { [self] args in
        let filters = try positiveInt(args, "filters")
        let kernelSize = try windowTuple(args, "kernel_size", rank: rank) ?? []
        let strides = try windowTuple(args, "strides", rank: rank)
        let dilation = try windowTuple(args, "dilation_rate", rank: rank)
        let padding = try args.string("padding") ?? "valid"
        if let format = try args.string("data_format"), format != "channels_last" {
          throw args.error("data_format", "Conv\(rank)D(data_format='\(format)') is not emulated; accepted: None or 'channels_last'")
        }
        if let groups = try args.int("groups")?.int, groups != 1 {
          throw args.error("groups", "Conv\(rank)D(groups=\(groups)) is not emulated; accepted: groups=1")
        }
        let activation = try activationArgument(args)
        let useBias = try args.bool("use_bias") ?? true
        let kernel = try initializerArgument(args, "kernel_initializer", default: "glorot_uniform")
        let bias = try initializerArgument(args, "bias_initializer", default: "zeros")
        for name in ["kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha"] {
          try args.kerasRequireNone(name)
        }
        let name = try float32LayerName(args)
        let layer = try consuming(name ?? state.nextUniqueName("conv\(rank)d"), role: "seed") {
          try args.framework {
            try Keras3.Conv(
              rank: rank, filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, dilation: dilation,
              useBias: useBias, kernelInitializer: kernel, biasInitializer: bias, name: name, state: &state)
          }
        }
        let object = KerasWeightedLayerObject(layer, session: self)
        object.activationName = activation
        object.inputShapeArgument = inputShapeArgument(args)
        return .object(object)
      }
    }
    ns.define(
      "Embedding(input_dim, output_dim, embeddings_initializer='uniform', embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, lora_alpha=None, input_length=None, **kwargs)"
    ) { [self] args in
      let inputDim = try positiveInt(args, "input_dim")
      let outputDim = try positiveInt(args, "output_dim")
      let initializer = try initializerArgument(args, "embeddings_initializer", default: "uniform")
      for name in ["embeddings_regularizer", "embeddings_constraint", "weights", "lora_rank", "lora_alpha"] {
        try args.kerasRequireNone(name)
      }
      if try args.bool("mask_zero") == true {
        throw args.error("mask_zero", "Embedding(mask_zero=True) is not emulated (masks are not propagated); accepted: mask_zero=False")
      }
      let name = try float32LayerName(args)
      let layer = try consuming(name ?? state.nextUniqueName("embedding"), role: "seed") {
        try args.framework {
          try Keras3.Embedding(inputDim: inputDim, outputDim: outputDim, initializer: initializer, name: name, state: &state)
        }
      }
      let object = KerasWeightedLayerObject(layer, session: self)
      object.inputShapeArgument = inputShapeArgument(args)
      return .object(object)
    }
    ns.define(
      "BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros', moving_variance_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99, synchronized=False, **kwargs)"
    ) { [self] args in
      let axis = try args.int("axis")?.int ?? -1
      let momentum = try args.double("momentum") ?? 0.99
      let epsilon = try args.double("epsilon") ?? 1e-3
      let center = try args.bool("center") ?? true
      let scale = try args.bool("scale") ?? true
      for name in ["beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "renorm_clipping"] {
        try args.kerasRequireNone(name)
      }
      for flag in ["renorm", "synchronized"] where try args.bool(flag) == true {
        throw args.error(flag, "BatchNormalization(\(flag)=True) is not emulated; accepted: \(flag)=False")
      }
      let name = try float32LayerName(args)
      let layer = try consuming(name ?? state.nextUniqueName("batch_normalization"), role: "seed") {
        let beta = try initializerArgument(args, "beta_initializer", default: "zeros")
        let gamma = try initializerArgument(args, "gamma_initializer", default: "ones")
        let mean = try initializerArgument(args, "moving_mean_initializer", default: "zeros")
        let variance = try initializerArgument(args, "moving_variance_initializer", default: "ones")
        return try args.framework {
          try Keras3.BatchNormalization(
            axis: axis, momentum: momentum, epsilon: epsilon, center: center, scale: scale, betaInitializer: beta,
            gammaInitializer: gamma, movingMeanInitializer: mean, movingVarianceInitializer: variance, name: name, state: &state)
        }
      }
      let object = KerasWeightedLayerObject(layer, session: self)
      object.inputShapeArgument = inputShapeArgument(args)
      return .object(object)
    }
    ns.define(
      "LayerNormalization(axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs)"
    ) { [self] args in
      let axes: [Int]
      if let one = BoundArguments.asInt(args.value("axis") ?? .int(PythonInt(-1)))?.int {
        axes = [one]
      } else if let many = try args.kerasAxes("axis") {
        axes = many
      } else {
        throw args.error("axis", "Expected an int or a list/tuple of ints for the argument 'axis', but received: \(args.value("axis")?.repr ?? "None")")
      }
      let epsilon = try args.double("epsilon") ?? 1e-3
      let center = try args.bool("center") ?? true
      let scale = try args.bool("scale") ?? true
      for name in ["beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"] {
        try args.kerasRequireNone(name)
      }
      let name = try float32LayerName(args)
      let layer = try consuming(name ?? state.nextUniqueName("layer_normalization"), role: "seed") {
        let beta = try initializerArgument(args, "beta_initializer", default: "zeros")
        let gamma = try initializerArgument(args, "gamma_initializer", default: "ones")
        return try args.framework {
          try Keras3.LayerNormalization(
            axes: axes, epsilon: epsilon, center: center, scale: scale, betaInitializer: beta, gammaInitializer: gamma,
            name: name, state: &state)
        }
      }
      let object = KerasWeightedLayerObject(layer, session: self)
      object.inputShapeArgument = inputShapeArgument(args)
      return .object(object)
    }
  }

  /// A required positive int argument (`filters`, `input_dim`).
  func positiveInt(_ args: BoundArguments, _ name: String) throws -> Int {
    let value = args.value(name) ?? .none
    guard case .int(let i) = value, let n = i.int, n > 0 else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a positive integer, got \(value.repr)")
    }
    return n
  }

  /// An int or a tuple of `rank` positive ints (`kernel_size`, `strides`,
  /// `pool_size`), as Keras' `standardize_tuple` takes them; nil when absent or None.
  func windowTuple(_ args: BoundArguments, _ name: String, rank: Int) throws -> [Int]? {
    guard let value = args.value(name), !value.isNone else { return nil }
    let items: [Int]?
    if let one = BoundArguments.asInt(value)?.int {
      items = Array(repeating: one, count: rank)
    } else {
      items = BoundArguments.asIntSequence(value)?.compactMap { $0.int }
    }
    guard let items, items.count == rank, items.allSatisfy({ $0 >= 0 }) else {
      throw args.error(
        name, "\(args.signature.name)() argument '\(name)' must be an int or a tuple of \(rank) non-negative ints, got \(value.repr)")
    }
    return items
  }

  /// `activation=` as a name (nil for None); training checks it is one it emulates.
  func activationArgument(_ args: BoundArguments) throws -> String? {
    switch args.value("activation") {
    case nil, .none?: return nil
    case .string(let s)?: return s
    case let v?:
      throw args.error("activation", "\(args.signature.name)() argument 'activation' must be a name such as 'relu' or None, got \(v.repr)")
    }
  }

  /// `name=` of a layer whose weights rngdiff makes in float32 only; any
  /// other `dtype=` is refused at the keyword.
  func float32LayerName(_ args: BoundArguments) throws -> String? {
    let (name, dtype) = try layerKeywords(args)
    if let dtype, dtype != .float32 {
      let range = args.extraKeywords.first { $0.name == "dtype" }?.value.range ?? args.callRange
      throw EvaluationError("\(args.signature.name)(dtype='\(dtype.rawValue)') is not emulated; accepted: float32", at: range)
    }
    return name
  }

  /// `input_shape=` (or `input_dim=`) given to a layer, for a `Sequential` that starts with it.
  func inputShapeArgument(_ args: BoundArguments) -> [Int?]? {
    for (keyword, located) in args.extraKeywords {
      if keyword == "input_shape" {
        return BoundArguments.asIntSequence(located.value).map { $0.map { $0.int } }
      } else if keyword == "input_dim", let n = BoundArguments.asInt(located.value)?.int {
        return [n]
      }
    }
    return nil
  }
}
