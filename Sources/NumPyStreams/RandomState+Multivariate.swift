import RNGBits
import RNGStreams

/// `RandomState.multinomial` and `RandomState.dirichlet`: one vector of
/// `d` (or `k`) values per output row, the rows in C order.
///
/// ```swift
/// var rs = try RandomState(seed: 0)
/// try rs.multinomial(n: 20, pvals: [0.2, 0.3, 0.5], size: [2])   // shape [2, 3]
/// try rs.dirichlet(alpha: [1, 2, 3], size: nil)                 // shape [3]
/// ```
///
/// `multivariate_normal` is not provided: NumPy computes it through LAPACK's
/// SVD, whose last bits depend on the BLAS build, so rngdiff cannot promise
/// NumPy's values bit for bit.
extension RandomState {
  /// `multinomial(n, pvals, size)`: per row, binomials on the remaining
  /// probability mass, the last count taking what is left. In NumPy 2.4
  /// `legacy_random_multinomial` calls the Generator's `random_binomial`
  /// (no draw for `n == 0` or `p == 0`, `log1p` inversion), not the legacy
  /// binomial: `multinomial(0, p)` consumes nothing.
  ///
  /// - Throws: "pvals < 0, pvals > 1 or pvals contains NaNs",
  ///   "sum(pvals[:-1]) > 1.0", "n < 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func multinomial(n: Int64, pvals: [Double], size: [Int]?) throws -> NumPySample {
    let d = pvals.count
    if pvals.contains(where: { !($0 >= 0) || !($0 <= 1) }) {
      throw FrameworkError("pvals < 0, pvals > 1 or pvals contains NaNs", parameter: "pvals")
    }
    if d > 0 && Sampling.kahanSum(Array(pvals.dropLast())) > 1.0 + 1e-12 {
      throw FrameworkError("sum(pvals[:-1]) > 1.0", parameter: "pvals")
    }
    let shape = (size ?? []) + [d]
    if shape.contains(where: { $0 < 0 }) { throw FrameworkError("negative dimensions are not allowed", parameter: "size") }
    if n < 0 { throw FrameworkError("n < 0", parameter: "n") }
    let rows = d == 0 ? 0 : shape.reduce(1, *) / d
    let before = bitGenerator.wordsDrawn
    var out = [Int64](repeating: 0, count: rows * d)
    var cache = BinomialSampler.Cache()
    drawing { bits in
      for row in 0..<rows {
        let offset = row * d
        MultinomialRow.fill(&bits, n: n, pvals: pvals[...], into: &out[offset..<offset + d], cache: &cache)
      }
    }
    if observer != nil {
      report(
        "multinomial", "multinomial", [.init("n", "\(n)"), .init("pvals", pvals.map(\.description).joined(separator: ", "))],
        shape: shape, from: before, values: .int64(out))
    }
    return NumPySample(values: .int64(out), shape: shape)
  }

  /// `dirichlet(alpha, size)`: per row, `k` legacy standard gammas divided
  /// by their sum (multiplied by its reciprocal, as NumPy does).
  ///
  /// - Throws: "alpha <= 0".
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func dirichlet(alpha: [Double], size: [Int]?) throws -> NumPySample {
    if alpha.contains(where: { $0 <= 0 }) { throw FrameworkError("alpha <= 0", parameter: "alpha") }
    let k = alpha.count
    let shape = (size ?? []) + [k]
    if shape.contains(where: { $0 < 0 }) { throw FrameworkError("negative dimensions are not allowed", parameter: "size") }
    let total = shape.reduce(1, *)
    let before = bitGenerator.wordsDrawn
    var out = [Double](repeating: 0, count: total)
    withLegacySource { source in
      var i = 0
      while i < total {
        var acc = 0.0
        for j in 0..<k {
          out[i + j] = source.legacyStandardGamma(alpha[j])
          acc = acc + out[i + j]
        }
        let inverse = 1 / acc
        for j in 0..<k { out[i + j] = out[i + j] * inverse }
        i += k
      }
    }
    if observer != nil {
      report(
        "dirichlet", "dirichlet", [.init("alpha", alpha.map(\.description).joined(separator: ", "))],
        shape: shape, from: before, values: .float64(out))
    }
    return NumPySample(values: .float64(out), shape: shape)
  }
}
