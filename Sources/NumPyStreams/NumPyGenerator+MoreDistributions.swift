import Foundation
import RNGBits
import RNGStreams

/// The `Generator` distributions rngdiff reproduces beyond uniform, normal
/// and integers: those whose NumPy 2.4 algorithms draw only uniforms,
/// bounded integers and ziggurat normals (and `multinomial`, in its own file).
///
/// ```swift
/// var rng = try NumPyGenerator(seed: 42)
/// try rng.poisson(lam: .init("lam", 4.0), size: [3])
/// try rng.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: nil)
/// ```
///
/// Not here: the calls that need NumPy's exponential ziggurat
/// (`exponential`, `standard_exponential`, `gamma`, `standard_gamma`,
/// `beta`, `chisquare`, `f`, `standard_t`, `noncentral_*`, `pareto`,
/// `weibull`, `power`, `rayleigh`, `negative_binomial`, `geometric`,
/// `dirichlet`): its tables could not be reproduced bit for bit from their
/// construction (see docs/frameworks/numpy.md).
extension NumPyGenerator {
  /// `poisson(lam=1.0, size)`: the same sampler as the legacy one.
  public mutating func poisson(lam: NumPyParameter = .init("lam", 1), size: [Int]?) throws -> NumPySample {
    try discreteCall("poisson", [lam], [.poisson], size: size) { b, lam, _, _ in PoissonSampler.sample(&b, lam: lam.double) }
  }

  /// `binomial(n, p, size)`: `random_binomial` (0 without drawing for
  /// `n == 0` or `p == 0`, `log1p` inversion, BTPE).
  ///
  /// - Throws: "p < 0, p > 1 or p is NaN", "n < 0".
  public mutating func binomial(n: NumPyParameter, p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try ParameterConstraint.check([p, n], [.closedUnit, .nonNegative])
    var cache = BinomialSampler.Cache()
    return try discreteCall("binomial", [n, p], [.none, .none], size: size) { b, n, p, _ in
      BinomialSampler.generator(&b, n: n.integer, p: p.double, cache: &cache)
    }
  }

  /// `laplace(loc=0.0, scale=1.0, size)`.
  public mutating func laplace(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("laplace", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.laplace(&b, loc: x, scale: y)
    }
  }

  /// `gumbel(loc=0.0, scale=1.0, size)`.
  public mutating func gumbel(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("gumbel", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.gumbel(&b, loc: x, scale: y)
    }
  }

  /// `logistic(loc=0.0, scale=1.0, size)`.
  public mutating func logistic(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("logistic", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      UniformTransforms.logistic(&b, loc: x, scale: y)
    }
  }

  /// `triangular(left, mode, right, size)`.
  public mutating func triangular(
    left: NumPyParameter, mode: NumPyParameter, right: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    try TriangularCheck.check(left: left, mode: mode, right: right)
    return try continuousCall("triangular", [left, mode, right], [.none, .none, .none], size: size) { b, x, y, z in
      UniformTransforms.triangular(&b, left: x, mode: y, right: z)
    }
  }

  /// `lognormal(mean=0.0, sigma=1.0, size)`: `exp(mean + sigma · z)`, `z` from the ziggurat.
  public mutating func lognormal(
    mean: NumPyParameter = .init("mean", 0), sigma: NumPyParameter = .init("sigma", 1), size: [Int]?
  ) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("lognormal", [mean, sigma], [.none, .nonNegative], size: size) { b, x, y, _ in
      Foundation.exp(x + y * ziggurat.normal(&b))
    }
  }

  /// `standard_cauchy(size)`: two ziggurat normals, first over second.
  public mutating func standardCauchy(size: [Int]?) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("standard_cauchy", [], [], size: size) { b, _, _, _ in
      let numerator = ziggurat.normal(&b)
      return numerator / ziggurat.normal(&b)
    }
  }

  /// `normal(loc, scale, size)` with array parameters (broadcast).
  public mutating func normal(loc: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    let ziggurat = Ziggurat.shared
    return try continuousCall("normal", [loc, scale], [.none, .nonNegative], size: size) { b, x, y, _ in
      x + y * ziggurat.normal(&b)
    }
  }

  /// `wald(mean, scale, size)`.
  public mutating func wald(mean: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("wald", [mean, scale], [.positive, .positive], size: size) { b, x, y, _ in
      GeneratorSamplers.wald(&b, mean: x, scale: y)
    }
  }

  /// `vonmises(mu, kappa, size)`.
  public mutating func vonmises(mu: NumPyParameter, kappa: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("vonmises", [mu, kappa], [.none, .nonNegative], size: size) { b, x, y, _ in
      GeneratorSamplers.vonmises(&b, mu: x, kappa: y)
    }
  }

  /// `logseries(p, size)`.
  public mutating func logseries(p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("logseries", [p], [.halfOpenBelowOne], size: size) { b, p, _, _ in
      GeneratorSamplers.logseries(&b, p: p.double)
    }
  }

  /// `zipf(a, size)`.
  public mutating func zipf(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("zipf", [a], [.greaterThanOne], size: size) { b, a, _, _ in GeneratorSamplers.zipf(&b, a: a.double) }
  }

  /// `hypergeometric(ngood, nbad, nsample, size)`.
  ///
  /// - Throws: "both ngood and nbad must be less than 1000000000",
  ///   "ngood + nbad < nsample", "ngood < 0", "nbad < 0", "nsample < 0".
  public mutating func hypergeometric(
    ngood: NumPyParameter, nbad: NumPyParameter, nsample: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    let limit: Int64 = 1_000_000_000
    if (ngood.integers ?? []).contains(where: { $0 >= limit }) || (nbad.integers ?? []).contains(where: { $0 >= limit }) {
      throw FrameworkError("both ngood and nbad must be less than 1000000000", parameter: "ngood")
    }
    try HypergeometricCheck.checkTotal(ngood: ngood, nbad: nbad, nsample: nsample)
    return try discreteCall(
      "hypergeometric", [ngood, nbad, nsample], [.nonNegative, .nonNegative, .nonNegative], size: size
    ) { b, g, n, s in
      GeneratorHypergeometric.sample(&b, good: g.integer, bad: n.integer, sample: s.integer)
    }
  }
}

extension NumPyGenerator {
  /// `uniform(low, high, size)` with array parameters (broadcast).
  ///
  /// - Throws: "Range exceeds valid bounds" for a non-finite difference,
  ///   "high - low < 0" for a negative one (sign bit, so `-0.0` too).
  public mutating func uniform(low: NumPyParameter, high: NumPyParameter, size: [Int]?) throws -> NumPySample {
    let range = try UniformRange.range(low: low, high: high)
    if range.values.contains(where: { !$0.isNaN && $0.sign == .minus }) {
      throw FrameworkError("high - low < 0", parameter: "high")
    }
    return try continuousCall("uniform", [low, range], [.none, .none], size: size) { b, x, y, _ in
      x + y * b.nextDouble53()
    }
  }
}
