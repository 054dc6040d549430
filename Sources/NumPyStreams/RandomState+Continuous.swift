import RNGBits
import RNGStreams

/// `RandomState`'s continuous distributions with NumPy 1.16's frozen
/// (legacy) algorithms. Each takes ``NumPyParameter``s (scalars or arrays,
/// broadcast as NumPy does) and `size` (nil: `size=None`), checks the
/// parameters with NumPy's messages, and reports one draw.
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// try rs.exponential(scale: .init("scale", 2.0), size: [3])
/// try rs.gamma(shape: .init("shape", 0.5), size: nil)          // one Python float
/// ```
extension RandomState {
  /// `standard_exponential(size)`: `-log(1 - U)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardExponential(size: [Int]?) throws -> NumPySample {
    try continuousCall("standard_exponential", [], [], size: size) { s, _, _, _ in s.legacyStandardExponential() }
  }

  /// `exponential(scale=1.0, size)`: `scale · (-log(1 - U))`.
  ///
  /// - Throws: "scale < 0" (sign bit set, `-0.0` included).
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func exponential(scale: NumPyParameter = .init("scale", 1), size: [Int]?) throws -> NumPySample {
    try continuousCall("exponential", [scale], [.nonNegative], size: size) { s, a, _, _ in a * s.legacyStandardExponential() }
  }

  /// `standard_gamma(shape, size)`.
  ///
  /// - Throws: "shape < 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardGamma(shape: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("standard_gamma", [shape], [.nonNegative], size: size) { s, a, _, _ in s.legacyStandardGamma(a) }
  }

  /// `gamma(shape, scale=1.0, size)`: `scale · standard_gamma(shape)`.
  ///
  /// - Throws: "shape < 0", "scale < 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func gamma(shape: NumPyParameter, scale: NumPyParameter = .init("scale", 1), size: [Int]?) throws -> NumPySample {
    try continuousCall("gamma", [shape, scale], [.nonNegative, .nonNegative], size: size) { s, a, b, _ in
      b * s.legacyStandardGamma(a)
    }
  }

  /// `beta(a, b, size)`.
  ///
  /// - Throws: "a <= 0", "b <= 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func beta(a: NumPyParameter, b: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("beta", [a, b], [.positive, .positive], size: size) { s, a, b, _ in s.legacyBeta(a, b) }
  }

  /// `chisquare(df, size)`.
  ///
  /// - Throws: "df <= 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func chisquare(df: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("chisquare", [df], [.positive], size: size) { s, a, _, _ in s.legacyChisquare(a) }
  }

  /// `f(dfnum, dfden, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func f(dfnum: NumPyParameter, dfden: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("f", [dfnum, dfden], [.positive, .positive], size: size) { s, a, b, _ in s.legacyF(a, b) }
  }

  /// `noncentral_chisquare(df, nonc, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func noncentralChisquare(df: NumPyParameter, nonc: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("noncentral_chisquare", [df, nonc], [.positive, .nonNegative], size: size) { s, a, b, _ in
      s.legacyNoncentralChisquare(a, b)
    }
  }

  /// `noncentral_f(dfnum, dfden, nonc, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func noncentralF(
    dfnum: NumPyParameter, dfden: NumPyParameter, nonc: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("noncentral_f", [dfnum, dfden, nonc], [.positive, .positive, .nonNegative], size: size) { s, a, b, c in
      s.legacyNoncentralF(a, b, c)
    }
  }

  /// `standard_cauchy(size)`: Gaussian over Gaussian.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardCauchy(size: [Int]?) throws -> NumPySample {
    try continuousCall("standard_cauchy", [], [], size: size) { s, _, _, _ in s.legacyStandardCauchy() }
  }

  /// `standard_t(df, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func standardT(df: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("standard_t", [df], [.positive], size: size) { s, a, _, _ in s.legacyStandardT(a) }
  }

  /// `vonmises(mu, kappa, size)`.
  ///
  /// - Throws: "kappa < 0"; and, where NumPy would never return (kappa above
  ///   about 1e16, see ``LegacyVonMises/terminates(kappa:)``), a refusal
  ///   saying so instead of hanging.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func vonmises(mu: NumPyParameter, kappa: NumPyParameter, size: [Int]?) throws -> NumPySample {
    if let bad = kappa.values.first(where: { !LegacyVonMises.terminates(kappa: $0) }) {
      throw FrameworkError(
        "kappa = \(bad) makes NumPy's legacy vonmises loop forever (its rejection constant rounds to 1); rngdiff refuses it instead of hanging",
        parameter: "kappa")
    }
    return try continuousCall("vonmises", [mu, kappa], [.none, .nonNegative], size: size) { s, a, b, _ in
      LegacyVonMises.sample(&s.bits, mu: a, kappa: b)
    }
  }

  /// `pareto(a, size)`: `exp(E / a) - 1`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func pareto(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("pareto", [a], [.positive], size: size) { s, a, _, _ in s.legacyPareto(a) }
  }

  /// `weibull(a, size)`: `E^(1/a)`, 0 for `a == 0`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func weibull(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("weibull", [a], [.nonNegative], size: size) { s, a, _, _ in s.legacyWeibull(a) }
  }

  /// `power(a, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func power(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("power", [a], [.positive], size: size) { s, a, _, _ in s.legacyPower(a) }
  }

  /// `laplace(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func laplace(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("laplace", [loc, scale], [.none, .nonNegative], size: size) { s, a, b, _ in
      UniformTransforms.laplace(&s.bits, loc: a, scale: b)
    }
  }

  /// `gumbel(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func gumbel(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("gumbel", [loc, scale], [.none, .nonNegative], size: size) { s, a, b, _ in
      UniformTransforms.gumbel(&s.bits, loc: a, scale: b)
    }
  }

  /// `logistic(loc=0.0, scale=1.0, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func logistic(
    loc: NumPyParameter = .init("loc", 0), scale: NumPyParameter = .init("scale", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("logistic", [loc, scale], [.none, .nonNegative], size: size) { s, a, b, _ in
      UniformTransforms.logistic(&s.bits, loc: a, scale: b)
    }
  }

  /// `lognormal(mean=0.0, sigma=1.0, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func lognormal(
    mean: NumPyParameter = .init("mean", 0), sigma: NumPyParameter = .init("sigma", 1), size: [Int]?
  ) throws -> NumPySample {
    try continuousCall("lognormal", [mean, sigma], [.none, .nonNegative], size: size) { s, a, b, _ in
      s.legacyLognormal(a, b)
    }
  }

  /// `rayleigh(scale=1.0, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func rayleigh(scale: NumPyParameter = .init("scale", 1), size: [Int]?) throws -> NumPySample {
    try continuousCall("rayleigh", [scale], [.nonNegative], size: size) { s, a, _, _ in s.legacyRayleigh(a) }
  }

  /// `wald(mean, scale, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func wald(mean: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("wald", [mean, scale], [.positive, .positive], size: size) { s, a, b, _ in s.legacyWald(a, b) }
  }

  /// `triangular(left, mode, right, size)`.
  ///
  /// - Throws: "left > mode", "mode > right", "left == right".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func triangular(
    left: NumPyParameter, mode: NumPyParameter, right: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    try TriangularCheck.check(left: left, mode: mode, right: right)
    return try continuousCall("triangular", [left, mode, right], [.none, .none, .none], size: size) { s, a, b, c in
      UniformTransforms.triangular(&s.bits, left: a, mode: b, right: c)
    }
  }

  /// `normal(loc, scale, size)` with array parameters (broadcast): one
  /// cached-polar Gaussian per element, `loc + scale · g`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func normal(loc: NumPyParameter, scale: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try continuousCall("normal", [loc, scale], [.none, .nonNegative], size: size) { s, a, b, _ in a + b * s.nextGauss() }
  }

  /// `uniform(low, high, size)` with array parameters (broadcast):
  /// `low + (high - low) · U` per element.
  ///
  /// - Throws: "Range exceeds valid bounds" when a `high - low` is not finite.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func uniform(low: NumPyParameter, high: NumPyParameter, size: [Int]?) throws -> NumPySample {
    let range = try UniformRange.range(low: low, high: high)
    return try continuousCall("uniform", [low, range], [.none, .none], size: size) { s, a, b, _ in
      a + b * s.bits.nextDouble()
    }
  }
}
