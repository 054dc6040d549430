import Foundation
import RNGBits
import RNGStreams

/// `Generator`'s discrete distributions (int64 results) that need no
/// exponential ziggurat.
///
/// ```swift
/// var rng = try NumPyGenerator(seed: 42)
/// try rng.poisson(lam: .init("lam", 4.0), size: [3])
/// try rng.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: nil)   // BTPE
/// ```
///
/// Edge cases: `binomial` with `n == 0` or `p == 0` and `poisson(0)` return
/// 0 without drawing (unlike the legacy `binomial`).
extension NumPyGenerator {
  /// `poisson(lam=1.0, size)`: the same sampler as the legacy one.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func poisson(lam: NumPyParameter = .init("lam", 1), size: [Int]?) throws -> NumPySample {
    try discreteCall("poisson", [lam], [.poisson], size: size) { b, lam, _, _ in PoissonSampler.sample(&b, lam: lam.double) }
  }

  /// `binomial(n, p, size)`: `random_binomial` (0 without drawing for
  /// `n == 0` or `p == 0`, `log1p` inversion, BTPE).
  ///
  /// - Throws: "p < 0, p > 1 or p is NaN", "n < 0".
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func binomial(n: NumPyParameter, p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try ParameterConstraint.check([p, n], [.closedUnit, .nonNegative])
    var cache = BinomialSampler.Cache()
    return try discreteCall("binomial", [n, p], [.none, .none], size: size) { b, n, p, _ in
      BinomialSampler.generator(&b, n: n.integer, p: p.double, cache: &cache)
    }
  }

  /// `logseries(p, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func logseries(p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("logseries", [p], [.halfOpenBelowOne], size: size) { b, p, _, _ in
      GeneratorSamplers.logseries(&b, p: p.double)
    }
  }

  /// `zipf(a, size)`.
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func zipf(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("zipf", [a], [.greaterThanOne], size: size) { b, a, _, _ in GeneratorSamplers.zipf(&b, a: a.double) }
  }

  /// `hypergeometric(ngood, nbad, nsample, size)`.
  ///
  /// - Throws: "both ngood and nbad must be less than 1000000000",
  ///   "ngood + nbad < nsample", "ngood < 0", "nbad < 0", "nsample < 0".
  @_specialize(exported: true, where Bits == PCG64)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
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
