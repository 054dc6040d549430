import Foundation
import RNGStreams

extension PythonRandom {
  /// `vonmisesvariate(mu, kappa)`: an angle in `[0, 2π)` around `mu` with
  /// concentration `kappa`, by Best and Fisher's rejection method.
  ///
  /// For `kappa <= 1e-6` it is `2π * random()` (one draw). Otherwise each
  /// attempt draws two `random()` values (`z = cos(π u1)`, accepted against
  /// `u2`), and one more picks the side: `(mu ± acos(f)) % 2π`, with Python's
  /// float `%` (the result takes the sign of 2π, so it is never negative).
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 5)
  /// try r.vonmisesvariate(0.0, 4.0)   // near 0 or near 2π
  /// try r.vonmisesvariate(1.0, 0.0)   // uniform on [0, 2π)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` for a NaN `kappa` (CPython loops forever
  ///   on it) before any draw, and for CPython's math errors.
  public mutating func vonmisesvariate(_ mu: Double, _ kappa: Double) throws -> Double {
    let before = mt.wordsDrawn
    let value = try vonMisesDraw(mu: mu, kappa: kappa)
    if observer != nil {
      report("vonmisesvariate", "vonmises", [.init("mu", mu.description), .init("kappa", kappa.description)],
             from: before, values: .float64([value]))
    }
    return value
  }

  /// `math.tau`.
  static let tau = 2.0 * Double.pi

  mutating func vonMisesDraw(mu: Double, kappa: Double) throws -> Double {
    if kappa <= 1e-6 { return Self.tau * mt.nextDouble53() }
    guard !kappa.isNaN else {
      throw FrameworkError(
        "vonmisesvariate(kappa=nan) never returns in CPython (every attempt is rejected); rngdiff refuses it",
        parameter: "kappa")
    }
    let s = 0.5 / kappa
    let r = s + (1.0 + s * s).squareRoot()
    var z: Double
    while true {
      z = cos(Double.pi * mt.nextDouble53())
      let d = try PythonMath.divide(z, r + z)  // r + z is 0 only for an infinite kappa and z == -1
      let u2 = mt.nextDouble53()
      if u2 < 1.0 - d * d { break }
      if u2 <= (1.0 - d) * (try PythonMath.exp(d)) { break }
    }
    let q = 1.0 / r
    let f = (q + z) / (1.0 + q * z)
    let side = mt.nextDouble53()
    let angle = try PythonMath.acos(f)
    return PythonMath.remainder(side > 0.5 ? mu + angle : mu - angle, Self.tau)
  }
}
