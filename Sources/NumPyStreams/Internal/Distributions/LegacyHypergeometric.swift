import Foundation

/// `RandomState.hypergeometric`'s algorithm (`legacy_random_hypergeometric`):
/// the HYP urn walk for `sample <= 10`, HRUA ratio-of-uniforms (with Ivan
/// Frohne's two corrections) above, 0 for `sample <= 0`. Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// LegacyHypergeometric.sample(&mt, good: 10, bad: 5, sample: 7)   // HYP
/// ```
enum LegacyHypergeometric {
  static func sample<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    if sample > 10 { return hrua(&bits, good: good, bad: bad, sample: sample) }
    if sample > 0 { return hyp(&bits, good: good, bad: bad, sample: sample) }
    return 0
  }

  static func hyp<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    let d1 = bad &+ good &- sample
    let d2 = Double(min(bad, good))
    var y = d2
    var k = sample
    while y > 0.0 {
      let u = bits.nextDouble()
      y -= Double(CConversion.int64(floor(u + y / Double(d1 &+ k))))
      k &-= 1
      if k == 0 { break }
    }
    var z = CConversion.int64(d2 - y)
    if good > bad { z = sample &- z }
    return z
  }

  static let d1 = 1.7155277699214135
  static let d2 = 0.8989161620588988

  static func hrua<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    let minGoodBad = min(good, bad)
    let popSize = good &+ bad
    let maxGoodBad = max(good, bad)
    let m = min(sample, popSize &- sample)
    let d4 = Double(minGoodBad) / Double(popSize)
    let d5 = 1.0 - d4
    let d6 = Double(m) * d4 + 0.5
    let d7 = (Double(popSize &- m) * Double(sample) * d4 * d5 / Double(popSize &- 1) + 0.5).squareRoot()
    let d8 = d1 * d7 + d2
    let d9 = CConversion.int64(floor(Double(m &+ 1) * Double(minGoodBad &+ 1) / Double(popSize &+ 2)))
    let d10 =
      LogGamma.value(Double(d9 &+ 1)) + LogGamma.value(Double(minGoodBad &- d9 &+ 1))
      + LogGamma.value(Double(m &- d9 &+ 1)) + LogGamma.value(Double(maxGoodBad &- m &+ d9 &+ 1))
    let d11 = min(Double(min(m, minGoodBad)) + 1.0, floor(d6 + 16 * d7))
    var z: Int64
    while true {
      let x = bits.nextDouble()
      let y = bits.nextDouble()
      let w = d6 + d8 * (y - 0.5) / x
      if w < 0.0 || w >= d11 { continue }
      z = CConversion.int64(floor(w))
      let t =
        d10
        - (LogGamma.value(Double(z &+ 1)) + LogGamma.value(Double(minGoodBad &- z &+ 1))
          + LogGamma.value(Double(m &- z &+ 1)) + LogGamma.value(Double(maxGoodBad &- m &+ z &+ 1)))
      if x * (4.0 - x) - 3.0 <= t { break }
      if x * (x - t) >= 1 { continue }
      if 2.0 * log(x) <= t { break }
    }
    if good > bad { z = m &- z }
    if m < sample { z = good &- z }
    return z
  }
}
