import Foundation

/// `Generator.hypergeometric` (`random_hypergeometric.c`): a direct urn
/// simulation with `random_interval` draws unless `10 <= sample <=
/// good + bad - 10`, where Stadlober's HRUA with `logfactorial` applies.
/// Internal.
///
/// ```swift
/// var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
/// GeneratorHypergeometric.sample(&pcg, good: 10, bad: 5, sample: 7)   // urn
/// ```
enum GeneratorHypergeometric {
  static func sample<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    if sample >= 10 && sample <= good &+ bad &- 10 { return hrua(&bits, good: good, bad: bad, sample: sample) }
    return urn(&bits, good: good, bad: bad, sample: sample)
  }

  static func urn<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    let total = good &+ bad
    let upper = sample > total / 2
    var computed = upper ? total &- sample : sample
    var remainingTotal = total
    var remainingGood = good
    while computed > 0 && remainingGood > 0 && remainingTotal > remainingGood {
      remainingTotal -= 1
      if Int64(bitPattern: BoundedIntegers.interval(&bits, max: UInt64(bitPattern: remainingTotal))) < remainingGood {
        remainingGood -= 1
      }
      computed -= 1
    }
    if remainingTotal == remainingGood { remainingGood &-= computed }
    return upper ? remainingGood : good &- remainingGood
  }

  static let d1 = 1.7155277699214135
  static let d2 = 0.8989161620588988

  static func hrua<B: NumPyBitSource>(_ bits: inout B, good: Int64, bad: Int64, sample: Int64) -> Int64 {
    let popSize = good &+ bad
    let computed = min(sample, popSize &- sample)
    let minGoodBad = min(good, bad)
    let maxGoodBad = max(good, bad)
    let p = Double(minGoodBad) / Double(popSize)
    let q = Double(maxGoodBad) / Double(popSize)
    let mu = Double(computed) * p
    let a = mu + 0.5
    let variance = Double(popSize &- computed) * Double(computed) * p * q / Double(popSize &- 1)
    let c = (variance + 0.5).squareRoot()
    let h = d1 * c + d2
    let m = CConversion.int64(floor(Double(computed &+ 1) * Double(minGoodBad &+ 1) / Double(popSize &+ 2)))
    let g =
      LogFactorial.value(m) + LogFactorial.value(minGoodBad &- m) + LogFactorial.value(computed &- m)
      + LogFactorial.value(maxGoodBad &- computed &+ m)
    let b = min(Double(min(computed, minGoodBad) &+ 1), floor(a + 16 * c))
    var k: Int64
    while true {
      let u = bits.nextDouble()
      let v = bits.nextDouble()
      let x = a + h * (v - 0.5) / u
      if x < 0.0 || x >= b { continue }
      k = CConversion.int64(floor(x))
      let gp =
        LogFactorial.value(k) + LogFactorial.value(minGoodBad &- k) + LogFactorial.value(computed &- k)
        + LogFactorial.value(maxGoodBad &- computed &+ k)
      let t = g - gp
      if u * (4.0 - u) - 3.0 <= t { break }
      if u * (u - t) >= 1 { continue }
      if 2.0 * log(u) <= t { break }
    }
    if good > bad { k = computed &- k }
    if computed < sample { k = good &- k }
    return k
  }
}
