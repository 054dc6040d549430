import JAXStreams
import PythonSubset

extension JAXSampleFramework {
  /// `bits`, `uniform`, `normal`, `truncated_normal`, `bernoulli`,
  /// `randint`, `permutation`, `choice`.
  static func defineSamplers(in ns: Namespace, _ random: JAXRandom, _ builder: JAXArrayBuilder) {
    let config = random.config
    ns.define("bits(key, shape=(), dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let shape = try args.jaxShape("shape", default: [])
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      return JAXResult.value(try args.framework { try random.bits(key, shape: shape, dtype: dtype) }, shape: shape)
    }
    ns.define("uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let shape = try args.jaxShape("shape", default: [])
      let dtype = try args.jaxDType("dtype")
      let minval = try args.jaxScalar("minval", integerDType: config.defaultInt)?.value ?? 0
      let maxval = try args.jaxScalar("maxval", integerDType: config.defaultInt)?.value ?? 1
      try args.requireNone("out_sharding")
      return JAXResult.value(
        try args.framework { try random.uniform(key, shape: shape, dtype: dtype, minval: minval, maxval: maxval) }, shape: shape)
    }
    ns.define("normal(key, shape=(), dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let shape = try args.jaxShape("shape", default: [])
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      return JAXResult.value(try args.framework { try random.normal(key, shape: shape, dtype: dtype) }, shape: shape)
    }
    ns.define("truncated_normal(key, lower, upper, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let lower = try requiredScalar(args, "lower", config)
      let upper = try requiredScalar(args, "upper", config)
      let shape = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework {
        try random.truncatedNormal(key, lower: lower.value, upper: upper.value, shape: shape, dtype: dtype)
      }
      return JAXResult.value(values, shape: shape ?? [])
    }
    ns.define("bernoulli(key, p=0.5, shape=None, mode='low', *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let p = try args.jaxScalar("p", integerDType: config.defaultInt) ?? JAXScalar(value: 0.5, dtype: nil)
      let shape = try args.shape("shape")
      let modeName = try args.string("mode") ?? "low"
      guard let mode = JAXRandom.BernoulliMode(rawValue: modeName) else {
        throw args.error("mode", "bernoulli() argument 'mode' must be 'low' or 'high', got '\(modeName)'")
      }
      try args.requireNone("out_sharding")
      let values = try args.framework { try random.bernoulli(key, p: p.value, shape: shape, mode: mode, dtype: p.dtype) }
      return JAXResult.value(values, shape: shape ?? [])
    }
    ns.define("randint(key, shape, minval, maxval, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      guard let shape = try args.shape("shape") else {
        throw args.error("shape", "randint() argument 'shape' must be an int or a tuple of ints, got None")
      }
      let minval = try args.jaxInt64("minval")
      let maxval = try args.jaxInt64("maxval")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework { try random.randint(key, shape: shape, minval: minval, maxval: maxval, dtype: dtype) }
      return JAXResult.value(values, shape: shape)
    }
    ns.define("permutation(key, x, axis=0, independent=False, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let x = args.value("x") ?? .none
      try requireAxisZero(args)
      try args.requireDefault("independent", isDefault: { !$0.isTruthy }, accepted: "False")
      try args.requireNone("out_sharding")
      if case .int = x, let n = try args.intValue("x") {
        let values = try args.framework { try random.permutation(key, n) }
        return JAXResult.value(values, shape: [values.count])
      }
      if let (tensor, values) = args.jaxArray("x") {
        let shuffled = try args.framework { try random.permutation(key, values, shape: tensor.shape) }
        return JAXResult.value(shuffled, shape: tensor.shape)
      }
      throw args.error(
        "x", "permutation() argument 'x' must be an int or an array of at least 1 dimension, got \(JAXBinding.describe(x))")
    }
    ns.define("choice(key, a, shape=(), replace=True, p=None, axis=0, mode=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let a = args.value("a") ?? .none
      let shapeValue = args.value("shape") ?? .tuple([])
      guard BoundArguments.asIntSequence(shapeValue) != nil else {
        throw args.error(
          "shape", "choice() argument 'shape' must be a sequence of ints such as (3,), got \(JAXBinding.describe(shapeValue))")
      }
      let shape = try args.jaxShape("shape", default: [])
      let replace = try args.bool("replace") ?? true
      let p = try probabilities(args)
      try requireAxisZero(args)
      try args.requireNone("mode")
      if case .int = a, let n = try args.intValue("a") {
        let values = try args.framework { try random.choice(key, n, shape: shape, replace: replace, p: p) }
        return JAXResult.value(values, shape: shape)
      }
      if let (tensor, values) = args.jaxArray("a") {
        let chosen = try args.framework {
          try random.choice(key, values, arrayShape: tensor.shape, shape: shape, replace: replace, p: p)
        }
        return JAXResult.value(chosen, shape: shape + tensor.shape.dropFirst())
      }
      throw args.error("a", "choice() argument 'a' must be an int or an array, got \(JAXBinding.describe(a))")
    }
  }

  /// A number argument that has no default.
  static func requiredScalar(_ args: BoundArguments, _ name: String, _ config: JAXConfig) throws -> JAXScalar {
    guard let scalar = try args.jaxScalar(name, integerDType: config.defaultInt) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a number, got None")
    }
    return scalar
  }

  /// Refuses an `axis` other than 0.
  static func requireAxisZero(_ args: BoundArguments) throws {
    try args.requireDefault("axis", isDefault: { BoundArguments.asInt($0)?.isZero ?? false }, accepted: "axis=0")
  }

  /// `p` of `choice`: a 1-D array of probabilities, or nil.
  static func probabilities(_ args: BoundArguments) throws -> [Double]? {
    guard args.isGiven("p") else { return nil }
    guard let (tensor, values) = args.jaxArray("p"), tensor.shape.count == 1, values.isFloatingPoint else {
      throw args.error(
        "p", "choice() argument 'p' must be a 1-D float array such as array([0.2, 0.8]), got \(JAXBinding.describe(args.value("p") ?? .none))")
    }
    return values.doubles
  }
}
