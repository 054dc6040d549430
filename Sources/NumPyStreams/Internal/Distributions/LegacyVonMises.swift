import Foundation

/// `RandomState.vonmises`'s frozen algorithm (`legacy_vonmises`): Best and
/// Fisher's rejection with the small-kappa branches and no wrapped-normal
/// fallback (the Generator has one above kappa 1e6). Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// LegacyVonMises.sample(&mt, mu: 0.5, kappa: 4.0)
/// ```
///
/// Edge cases: NaN kappa returns NaN without drawing; kappa < 1e-8 is a
/// uniform angle on (-π, π).
enum LegacyVonMises {
  /// Whether NumPy's legacy loop ends for this kappa. Above about 1e16,
  /// `rho` rounds to 1 and `s` to exactly 1 (above about 6.7e153 `4·kappa²`
  /// overflows and `s` is NaN); then `W` is 1, `Y` is 0 and an attempt is
  /// accepted only when a uniform is exactly 0, so NumPy 2.4.6 never returns
  /// (measured: `np.random.vonmises(0, 1e150)` and `(0, 1e160)` hang).
  static func terminates(kappa: Double) -> Bool {
    if kappa.isNaN || kappa < 1e-5 { return true }
    let r = 1 + (1 + 4 * kappa * kappa).squareRoot()
    let rho = (r - (2 * r).squareRoot()) / (2 * kappa)
    let s = (1 + rho * rho) / (2 * rho)
    return s.isFinite && s > 1
  }

  static func sample<B: NumPyBitSource>(_ bits: inout B, mu: Double, kappa: Double) -> Double {
    if kappa.isNaN { return .nan }
    if kappa < 1e-8 { return Double.pi * (2 * bits.nextDouble() - 1) }
    let s: Double
    if kappa < 1e-5 {
      s = 1.0 / kappa + kappa
    } else {
      let r = 1 + (1 + 4 * kappa * kappa).squareRoot()
      let rho = (r - (2 * r).squareRoot()) / (2 * kappa)
      s = (1 + rho * rho) / (2 * rho)
    }
    var w: Double
    while true {
      let u = bits.nextDouble()
      let z = cos(Double.pi * u)
      w = (1 + s * z) / (s + z)
      let y = kappa * (s - w)
      let v = bits.nextDouble()
      if y * (2 - y) - v >= 0 || log(y / v) + 1 - y >= 0 { break }
    }
    let u = bits.nextDouble()
    var result = acos(w)
    if u < 0.5 { result = -result }
    result += mu
    let negative = result < 0
    var mod = abs(result)
    mod = fmod(mod + Double.pi, 2 * Double.pi) - Double.pi
    if negative { mod *= -1 }
    return mod
  }
}
