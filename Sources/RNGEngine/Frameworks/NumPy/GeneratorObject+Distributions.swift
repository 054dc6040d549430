import NumPyStreams
import PythonSubset
import RNGStreams

extension GeneratorObject {
  /// Defines the `Generator` distribution methods rngdiff reproduces
  /// (array parameters broadcast, `size=None` with scalars returning a
  /// Python number), and for the others a method that refuses with the
  /// reason.
  ///
  /// ```python
  /// rng = np.random.default_rng(42); rng.poisson([1.0, 50.0]); rng.binomial(1000, 0.3, size=4)
  /// ```
  static func defineDistributions(_ m: inout PythonClassMethods<GeneratorObject>) {
    typealias D = NumPyDistributionArguments
    func call(_ signature: String, _ body: @escaping @Sendable (inout EngineGenerator, BoundArguments, [Int]?) throws -> NumPySample) {
      m.define(signature) { g, args in
        let size = try D.size(args)
        let sample = try args.framework { try body(&g.generator, args, size) }
        return try D.result(sample, args)
      }
    }
    call("poisson(lam=1.0, size=None)") { s, a, size in try s.poisson(lam: D.float(a, "lam", default: 1), size: size) }
    call("binomial(n, p, size=None)") { s, a, size in try s.binomial(n: D.integer(a, "n"), p: D.float(a, "p"), size: size) }
    call("laplace(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.laplace(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("gumbel(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.gumbel(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("logistic(loc=0.0, scale=1.0, size=None)") { s, a, size in
      try s.logistic(loc: D.float(a, "loc", default: 0), scale: D.float(a, "scale", default: 1), size: size)
    }
    call("triangular(left, mode, right, size=None)") { s, a, size in
      try s.triangular(left: D.float(a, "left"), mode: D.float(a, "mode"), right: D.float(a, "right"), size: size)
    }
    call("lognormal(mean=0.0, sigma=1.0, size=None)") { s, a, size in
      try s.lognormal(mean: D.float(a, "mean", default: 0), sigma: D.float(a, "sigma", default: 1), size: size)
    }
    call("standard_cauchy(size=None)") { s, _, size in try s.standardCauchy(size: size) }
    call("wald(mean, scale, size=None)") { s, a, size in
      try s.wald(mean: D.float(a, "mean"), scale: D.float(a, "scale"), size: size)
    }
    call("vonmises(mu, kappa, size=None)") { s, a, size in
      try s.vonmises(mu: D.float(a, "mu"), kappa: D.float(a, "kappa"), size: size)
    }
    call("logseries(p, size=None)") { s, a, size in try s.logseries(p: D.float(a, "p"), size: size) }
    call("zipf(a, size=None)") { s, a, size in try s.zipf(a: D.float(a, "a"), size: size) }
    call("hypergeometric(ngood, nbad, nsample, size=None)") { s, a, size in
      try s.hypergeometric(ngood: D.integer(a, "ngood"), nbad: D.integer(a, "nbad"), nsample: D.integer(a, "nsample"), size: size)
    }
    call("multinomial(n, pvals, size=None)") { s, a, size in
      let value = a.value("pvals") ?? .none
      guard !value.isNone, let pvals = SampleOutput.asArray(value) else {
        throw a.error("pvals", "multinomial() argument 'pvals' must be a sequence of numbers, got \(value.typeName)")
      }
      return try s.multinomial(n: D.integer(a, "n"), pvals: pvals.doubles, pvalsShape: pvals.shape, size: size)
    }
    call("multivariate_hypergeometric(colors, nsample, size=None, method='marginals')") { s, a, size in
      try multivariateHypergeometric(&s, a, size)
    }
    let refused = [
      "exponential(scale=1.0, size=None)", "standard_exponential(size=None, dtype=np.float64, method='zig', out=None)",
      "gamma(shape, scale=1.0, size=None)", "standard_gamma(shape, size=None, dtype=np.float64, out=None)",
      "beta(a, b, size=None)", "chisquare(df, size=None)", "f(dfnum, dfden, size=None)",
      "noncentral_chisquare(df, nonc, size=None)", "noncentral_f(dfnum, dfden, nonc, size=None)",
      "standard_t(df, size=None)", "pareto(a, size=None)", "weibull(a, size=None)", "power(a, size=None)",
      "rayleigh(scale=1.0, size=None)", "negative_binomial(n, p, size=None)", "geometric(p, size=None)",
      "dirichlet(alpha, size=None)",
      "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8, method='svd')",
    ]
    for signature in refused {
      let name = String(signature.prefix { $0 != "(" })
      m.define(signature) { _, args in
        throw EvaluationError(
          "rngdiff does not emulate Generator.\(name) yet: only the Generator distributions that need no exponential ziggurat are reproduced bit for bit (see docs/frameworks/numpy.md)",
          at: args.callRange)
      }
    }
  }

  /// `multivariate_hypergeometric`'s arguments, checked as NumPy checks them
  /// (a 1-D sequence of ints for `colors`, an int `nsample`, `method` one of
  /// two names), then the sampler. The `count` method lists the population,
  /// so its `sum(colors)` counts against rngdiff's per-call value limit.
  private static func multivariateHypergeometric(
    _ g: inout EngineGenerator, _ a: BoundArguments, _ size: [Int]?
  ) throws -> NumPySample {
    let methodValue = a.value("method") ?? .string("marginals")
    guard case .string(let name) = methodValue, let method = MultivariateHypergeometricMethod(rawValue: name) else {
      throw a.error("method", "method must be \"count\" or \"marginals\".")
    }
    let nsampleValue = a.value("nsample") ?? .none
    guard let nsampleInt = BoundArguments.asInt(nsampleValue) else {
      throw a.error("nsample", "nsample must be an integer")
    }
    guard let nsample = nsampleInt.int64 else {
      throw a.error("nsample", nsampleInt.isNegative ? "nsample must be nonnegative." : "nsample must not exceed \(Int64.max)")
    }
    let colorsValue = a.value("colors") ?? .none
    let invalid = "colors must be a one-dimensional sequence of nonnegative integers not exceeding \(Int64.max)."
    guard let tensor = SampleOutput.asArray(colorsValue), tensor.rank == 1 else { throw a.error("colors", invalid) }
    let colors: [Int64]
    switch tensor.storage {
    case .int(let v): colors = v
    default:
      guard tensor.count == 0 else { throw a.error("colors", invalid) }
      colors = []
    }
    if method == .count, colors.allSatisfy({ $0 >= 0 }) {
      let total = colors.reduce(0) { $0 &+ $1 }
      if total > 0, total <= Int64(Int.max) { _ = try NumPyArguments.count([Int(total)], at: a.range("colors")) }
    }
    if let size { _ = try NumPyArguments.count(size + [colors.count], at: a.callRange) }
    return try g.multivariateHypergeometric(colors: colors, nsample: nsample, size: size, method: method)
  }
}
