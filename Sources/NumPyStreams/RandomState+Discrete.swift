import Foundation
import RNGBits
import RNGStreams

/// `RandomState`'s discrete distributions (int64 results) with NumPy's
/// frozen legacy algorithms.
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// try rs.poisson(lam: .init("lam", 12.0), size: [4])           // PTRS
/// try rs.binomial(n: .init("n", integer: 1000), p: .init("p", 0.3), size: nil)   // BTPE
/// ```
///
/// Edge cases: `poisson(0)` and `hypergeometric(…, nsample)` paths that
/// need no draw return without consuming words; `binomial(0, p)` draws one
/// double (inversion with an empty range still reads `U`).
extension RandomState {
  /// `binomial(n, p, size)`.
  ///
  /// - Throws: "p < 0, p > 1 or p is NaN" (array wording "… contains NaNs"), "n < 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func binomial(n: NumPyParameter, p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    // NumPy checks p before n; the sampler takes (p, n).
    try ParameterConstraint.check([p, n], [.closedUnit, .nonNegativeLong])
    var cache = BinomialSampler.Cache()
    return try discreteCall("binomial", [n, p], [.none, .none], size: size) { s, n, p, _ in
      BinomialSampler.legacy(&s.bits, n: n.integer, p: p.double, cache: &cache)
    }
  }

  /// `negative_binomial(n, p, size)`: Poisson of a legacy gamma.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func negativeBinomial(n: NumPyParameter, p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("negative_binomial", [n, p], [.positive, .closedUnit], size: size) { s, n, p, _ in
      s.legacyNegativeBinomial(n.double, p.double)
    }
  }

  /// `poisson(lam=1.0, size)`: multiplication below 10, PTRS from 10 on.
  ///
  /// - Throws: "lam < 0 or lam is NaN", "lam value too large".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func poisson(lam: NumPyParameter = .init("lam", 1), size: [Int]?) throws -> NumPySample {
    try discreteCall("poisson", [lam], [.poisson], size: size) { s, lam, _, _ in
      PoissonSampler.sample(&s.bits, lam: lam.double)
    }
  }

  /// `zipf(a, size)`.
  ///
  /// - Throws: "a <= 1 or a is NaN"; and for `a >= 1025`, where `2^(a-1)`
  ///   overflows and NumPy's legacy loop never returns (measured:
  ///   `np.random.zipf(1025.5)` hangs), a refusal saying so instead of hanging.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func zipf(a: NumPyParameter, size: [Int]?) throws -> NumPySample {
    if let bad = a.values.first(where: { $0 > 1 && !Foundation.pow(2.0, $0 - 1.0).isFinite }) {
      throw FrameworkError(
        "a = \(bad) makes NumPy's legacy zipf loop forever (2**(a - 1) overflows); rngdiff refuses it instead of hanging",
        parameter: "a")
    }
    return try discreteCall("zipf", [a], [.greaterThanOne], size: size) { s, a, _, _ in LegacyDiscrete.zipf(&s.bits, a: a.double) }
  }

  /// `geometric(p, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func geometric(p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("geometric", [p], [.halfOpenAboveZero], size: size) { s, p, _, _ in
      LegacyDiscrete.geometric(&s.bits, p: p.double)
    }
  }

  /// `logseries(p, size)`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func logseries(p: NumPyParameter, size: [Int]?) throws -> NumPySample {
    try discreteCall("logseries", [p], [.halfOpenBelowOne], size: size) { s, p, _, _ in
      LegacyDiscrete.logseries(&s.bits, p: p.double)
    }
  }

  /// `hypergeometric(ngood, nbad, nsample, size)`.
  ///
  /// - Throws: "ngood + nbad < nsample" (checked first), "ngood < 0",
  ///   "nbad < 0", "nsample < 1 or nsample is NaN".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func hypergeometric(
    ngood: NumPyParameter, nbad: NumPyParameter, nsample: NumPyParameter, size: [Int]?
  ) throws -> NumPySample {
    try HypergeometricCheck.checkTotal(ngood: ngood, nbad: nbad, nsample: nsample)
    return try discreteCall(
      "hypergeometric", [ngood, nbad, nsample], [.nonNegativeLong, .nonNegative, .atLeastOne], size: size
    ) { s, g, b, n in
      LegacyHypergeometric.sample(&s.bits, good: g.integer, bad: b.integer, sample: n.integer)
    }
  }
}
