import JAXStreams
import PythonSubset
import RNGStreams

extension JAXSampleFramework {
  /// `exponential`, `gumbel`, `laplace`, `logistic`, `cauchy`,
  /// `rademacher`, `categorical`, `gamma`/`loggamma`/`t` and the
  /// `loggamma` family (float64 only), and a clear refusal for the samplers
  /// not emulated yet (`multinomial`, …).
  static func defineDistributions(in ns: Namespace, _ random: JAXRandom) {
    typealias Sampler = (JAXKey, [Int], JAXDType?) throws -> DrawnValues
    let exponential: Sampler = { k, s, d in try random.exponential(k, shape: s, dtype: d) }
    let laplace: Sampler = { k, s, d in try random.laplace(k, shape: s, dtype: d) }
    let logistic: Sampler = { k, s, d in try random.logistic(k, shape: s, dtype: d) }
    let cauchy: Sampler = { k, s, d in try random.cauchy(k, shape: s, dtype: d) }
    let rademacher: Sampler = { k, s, d in try random.rademacher(k, shape: s, dtype: d) }
    let simple: [(String, Sampler)] = [
      ("exponential", exponential), ("laplace", laplace), ("logistic", logistic), ("cauchy", cauchy),
      ("rademacher", rademacher),
    ]
    for (name, sample) in simple {
      ns.define("\(name)(key, shape=(), dtype=None, *, out_sharding=None)") { args in
        let key = try args.jaxKey("key", raw: random.config.defaultImpl)
        let shape = try args.jaxShape("shape", default: [])
        let dtype = try args.jaxDType("dtype")
        try args.requireNone("out_sharding")
        return JAXResult.value(try args.framework { try sample(key, shape, dtype) }, shape: shape)
      }
    }
    ns.define("gumbel(key, shape=(), dtype=None, mode=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let shape = try args.jaxShape("shape", default: [])
      let dtype = try args.jaxDType("dtype")
      let mode = try gumbelMode(args)
      try args.requireNone("out_sharding")
      return JAXResult.value(try args.framework { try random.gumbel(key, shape: shape, dtype: dtype, mode: mode) }, shape: shape)
    }
    ns.define("categorical(key, logits, axis=-1, shape=None, replace=True, mode=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      guard let (tensor, logits) = args.jaxArray("logits") else {
        throw args.error(
          "logits", "categorical() argument 'logits' must be a float array such as array([0.1, 0.5, 2.0]), got \(JAXBinding.describe(args.value("logits") ?? .none))")
      }
      let axis = try args.intValue("axis") ?? -1
      guard axis == -1 || (tensor.shape.count > 0 && axis == tensor.shape.count - 1) else {
        throw args.error("axis", "categorical() is emulated along the last axis only (axis=-1), got axis=\(axis)")
      }
      let shape = try args.shape("shape")
      guard try args.bool("replace") ?? true else {
        throw args.error("replace", "categorical(replace=False) (the Gumbel top-k trick) is not emulated by rngdiff; use replace=True")
      }
      let mode = try gumbelMode(args)
      try args.requireNone("out_sharding")
      let values = try args.framework {
        try random.categorical(key, logits: logits, logitsShape: tensor.shape, shape: shape, mode: mode)
      }
      return JAXResult.value(values, shape: shape ?? Array(tensor.shape.dropLast()))
    }
    for name in ["gamma", "loggamma"] {
      defineParameterSampler(in: ns, random, "\(name)(key, a, shape=None, dtype=None, *, out_sharding=None)", parameters: ["a"]) {
        key, p, shape, dtype in
        try random.gamma(key, a: p[0].values, aShape: p[0].shape, shape: shape, dtype: dtype, logSpace: name == "loggamma")
      }
    }
    defineParameterSampler(in: ns, random, "t(key, df, shape=(), dtype=None, *, out_sharding=None)", parameters: ["df"]) {
      key, p, shape, dtype in try random.t(key, df: p[0].values, dfShape: p[0].shape, shape: shape, dtype: dtype)
    }
    defineParameterSampler(in: ns, random, "poisson(key, lam, shape=None, dtype=None, *, out_sharding=None)", parameters: ["lam"]) {
      key, p, shape, dtype in try random.poisson(key, lam: p[0].values, lamShape: p[0].shape, shape: shape, dtype: dtype)
    }
    defineScalarParameterSamplers(in: ns, random)
    defineGammaFamily(in: ns, random)
    defineWeibullMin(in: ns, random)
    defineParameterSampler(
      in: ns, random, "binomial(key, n, p, shape=None, dtype=None)", parameters: ["n", "p"], defaultShape: broadcastShape("binomial")
    ) { key, p, shape, dtype in
      try random.binomial(key, n: p[0].values, nShape: p[0].shape, p: p[1].values, pShape: p[1].shape, shape: shape, dtype: dtype)
    }
    let refused = [
      "multinomial",
      "multivariate_normal", "maxwell", "double_sided_maxwell", "orthogonal",
      "generalized_normal", "ball",
    ]
    let reasons = [
      "multivariate_normal": " (its factor comes from LAPACK's Cholesky or SVD and XLA's dot product, whose summation order rngdiff does not reproduce)",
      "maxwell": " (XLA fuses its squares, sum and square root into vectorised code whose roundings change with the output's shape: measured, 1 value in 6 to 20 is an ulp off, in float32 and float64)",
    ]
    for name in refused {
      let reason = reasons[name] ?? ""
      ns.define("\(name)(*args, **kwargs)") { args in
        throw EvaluationError(
          "jax.random.\(name) is not emulated by rngdiff yet\(reason), so its values cannot be reproduced; the emulated samplers are bits, uniform, normal, truncated_normal, bernoulli, randint, permutation, choice, exponential, gumbel, laplace, logistic, cauchy, rademacher, categorical, gamma, loggamma, t, chisquare, f, beta, dirichlet, poisson, binomial, rayleigh, triangular, geometric, wald, lognormal, pareto and weibull_min",
          at: args.callRange)
      }
    }
  }

  /// `wald`, `rayleigh`, `triangular`, `geometric`, `pareto` and `lognormal`, with number or
  /// array parameters (broadcast to `shape` as JAX does).
  static func defineScalarParameterSamplers(in ns: Namespace, _ random: JAXRandom) {
    typealias Sampler = (JAXKey, [Double], [Int], [Int]?, JAXDType?) throws -> DrawnValues
    let oneParameter: [(String, String, String, Sampler)] = [
      ("wald", "mean", "", { try random.wald($0, mean: $1, meanShape: $2, shape: $3, dtype: $4) }),
      ("rayleigh", "scale", "", { try random.rayleigh($0, scale: $1, scaleShape: $2, shape: $3, dtype: $4) }),
      ("geometric", "p", "", { try random.geometric($0, p: $1, pShape: $2, shape: $3, dtype: $4) }),
      ("pareto", "b", "", { try random.pareto($0, b: $1, bShape: $2, shape: $3, dtype: $4) }),
      ("lognormal", "sigma", "1.0", { try random.lognormal($0, sigma: $1, sigmaShape: $2, shape: $3, dtype: $4) }),
    ]
    for (name, parameter, defaultValue, sample) in oneParameter {
      let signature = defaultValue.isEmpty ? parameter : "\(parameter)=\(defaultValue)"
      ns.define("\(name)(key, \(signature), shape=None, dtype=None, *, out_sharding=None)") { args in
        let key = try args.jaxKey("key", raw: random.config.defaultImpl)
        let (values, valuesShape) = args.isGiven(parameter) ? try parameterArray(args, parameter, random.config) : ([1.0], [])
        let shape = try args.shape("shape")
        let dtype = try args.jaxDType("dtype")
        try args.requireNone("out_sharding")
        return JAXResult.value(try args.framework { try sample(key, values, valuesShape, shape, dtype) }, shape: shape ?? valuesShape)
      }
    }
    ns.define("triangular(key, left, mode, right, shape=None, dtype=None, *, out_sharding=None)") { args in
      let key = try args.jaxKey("key", raw: random.config.defaultImpl)
      let (left, leftShape) = try parameterArray(args, "left", random.config)
      let (mode, modeShape) = try parameterArray(args, "mode", random.config)
      let (right, rightShape) = try parameterArray(args, "right", random.config)
      let given = try args.shape("shape")
      let dtype = try args.jaxDType("dtype")
      try args.requireNone("out_sharding")
      let values = try args.framework {
        try random.triangular(key, left: left, leftShape: leftShape, mode: mode, modeShape: modeShape, right: right, rightShape: rightShape,
                              shape: given, dtype: dtype)
      }
      return JAXResult.value(values, shape: try given ?? args.framework {
        try JAXRandom.broadcastShapes(JAXRandom.broadcastShapes(leftShape, modeShape, function: "triangular"), rightShape, function: "triangular")
      })
    }
  }

  /// A distribution parameter (`a`, `df`): a Python number or a float array,
  /// with its shape.
  static func parameterArray(_ args: BoundArguments, _ name: String, _ config: JAXConfig) throws -> ([Double], [Int]) {
    if let (tensor, values) = args.jaxArray(name), values.isFloatingPoint {
      return (values.doubles, tensor.shape)
    }
    if let scalar = try? args.jaxScalar(name, integerDType: config.defaultInt) {
      return ([scalar.value], [])
    }
    throw args.error(
      name, "\(args.signature.name)() argument '\(name)' must be a number or a float array such as array([0.5, 2.0]), got \(JAXBinding.describe(args.value(name) ?? .none))")
  }

  /// `mode=` of `gumbel` and `categorical`: None or `'low'`, or `'high'`.
  static func gumbelMode(_ args: BoundArguments) throws -> JAXRandom.GumbelMode {
    guard let name = try args.string("mode") else { return .low }
    guard let mode = JAXRandom.GumbelMode(rawValue: name) else {
      throw args.error("mode", "\(args.signature.name)() argument 'mode' must be 'low' or 'high' (rngdiff does not emulate 'highest'), got '\(name)'")
    }
    return mode
  }
}
