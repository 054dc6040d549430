/// NumPy's `random_multinomial`: one row of counts from binomials on the
/// remaining probability mass, using the Generator's `random_binomial`
/// (also what the legacy `multinomial` calls in NumPy 2.4). Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// var cache = BinomialSampler.Cache()
/// var row = [Int64](repeating: 0, count: 3)
/// MultinomialRow.fill(&mt, n: 20, pvals: [0.2, 0.3, 0.5][...], into: &row[...], cache: &cache)
/// ```
enum MultinomialRow {
  static func fill<B: NumPyBitSource>(
    _ bits: inout B, n: Int64, pvals: ArraySlice<Double>, into out: inout ArraySlice<Int64>, cache: inout BinomialSampler.Cache
  ) {
    let d = pvals.count
    let p0 = pvals.startIndex
    let o0 = out.startIndex
    var remaining = 1.0
    var dn = n
    var j = 0
    while j < d - 1 {
      out[o0 + j] = BinomialSampler.generator(&bits, n: dn, p: pvals[p0 + j] / remaining, cache: &cache)
      dn = dn &- out[o0 + j]
      if dn <= 0 { break }
      remaining -= pvals[p0 + j]
      j += 1
    }
    if dn > 0 { out[o0 + d - 1] = dn }
  }
}
