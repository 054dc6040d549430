import Foundation

/// `RandomState`'s frozen discrete samplers that draw only uniforms:
/// `legacy_random_zipf`, `legacy_random_geometric`, `legacy_logseries`
/// (NumPy 1.16's algorithms; the Generator's differ). Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// LegacyDiscrete.geometric(&mt, p: 0.1)   // ceil(log1p(-U) / log(1 - p))
/// ```
enum LegacyDiscrete {
  /// Rejection from `floor(U^(-1/(a-1)))`; values above `Int64.max` are rejected.
  static func zipf<B: NumPyBitSource>(_ bits: inout B, a: Double) -> Int64 {
    let am1 = a - 1.0
    let b = pow(2.0, am1)
    while true {
      let u = 1.0 - bits.nextDouble()
      let v = bits.nextDouble()
      let x = floor(pow(u, -1.0 / am1))
      if x > Double(Int64.max) || x < 1.0 { continue }
      let t = pow(1.0 + 1.0 / x, am1)
      if v * x * (t - 1.0) / (b - 1.0) <= t / b { return CConversion.int64(x) }
    }
  }

  /// Search for `p >= 1/3`, else `ceil(log1p(-U) / log(1 - p))`.
  static func geometric<B: NumPyBitSource>(_ bits: inout B, p: Double) -> Int64 {
    if p >= 0.333333333333333333333333 { return UniformTransforms.geometricSearch(&bits, p: p) }
    return CConversion.int64(ceil(log1p(-bits.nextDouble()) / log(1 - p)))
  }

  static func logseries<B: NumPyBitSource>(_ bits: inout B, p: Double) -> Int64 {
    let r = log(1.0 - p)
    while true {
      let v = bits.nextDouble()
      if v >= p { return 1 }
      let u = bits.nextDouble()
      let q = 1.0 - exp(r * u)
      if v <= q * q {
        let result = CConversion.int64(floor(1 + log(v) / log(q)))
        if result < 1 || v == 0.0 { continue }
        return result
      }
      if v >= q { return 1 }
      return 2
    }
  }
}
