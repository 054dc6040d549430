import Foundation
import RNGStreams

extension PythonRandom {
  /// `gammavariate(alpha, beta)`: shape `alpha`, scale `beta`, by CPython's
  /// three methods.
  ///
  /// - `alpha > 1`: Cheng's rejection method, two `random()` values per
  ///   attempt; a first value outside `(1e-7, 0.9999999)` is thrown away
  ///   alone (one draw).
  /// - `alpha == 1`: `-log(1 - random()) * beta` (one draw).
  /// - `alpha < 1`: Ahrens and Dieter's GS method, two values per attempt.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 9)
  /// try r.gammavariate(2.0, 3.0)   // mean 6
  /// try r.gammavariate(0.0, 1.0)   // throws: alpha and beta must be > 0.0
  /// ```
  ///
  /// - Throws: ``FrameworkError`` "gammavariate: alpha and beta must be >
  ///   0.0" before any draw; an infinite or NaN `alpha` (CPython loops
  ///   forever on it) is refused before any draw; CPython's `**` error "0.0 cannot be raised to a
  ///   negative power" when a tiny `alpha` makes the candidate underflow to 0.
  public mutating func gammavariate(_ alpha: Double, _ beta: Double) throws -> Double {
    let before = mt.wordsDrawn
    let value = try gammaDraw(alpha: alpha, beta: beta)
    if observer != nil {
      report("gammavariate", "gamma", [.init("alpha", alpha.description), .init("beta", beta.description)],
             from: before, values: .float64([value]))
    }
    return value
  }

  /// `betavariate(alpha, beta)`: `y / (y + gammavariate(beta, 1))` with
  /// `y = gammavariate(alpha, 1)`; when `y == 0` the second gamma is not
  /// drawn and the result is 0.0.
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 9)
  /// try r.betavariate(2.0, 5.0)   // in [0, 1], mean 2/7
  /// ```
  ///
  /// - Throws: ``FrameworkError`` with gammavariate's message for a
  ///   non-positive parameter (`beta` only once `alpha`'s gamma was drawn).
  public mutating func betavariate(_ alpha: Double, _ beta: Double) throws -> Double {
    let before = mt.wordsDrawn
    let y = try gammaDraw(alpha: alpha, beta: 1.0)
    let value = y != 0 ? y / (y + (try gammaDraw(alpha: beta, beta: 1.0))) : 0.0
    if observer != nil {
      report("betavariate", "beta", [.init("alpha", alpha.description), .init("beta", beta.description)],
             from: before, values: .float64([value]))
    }
    return value
  }

  /// `log(4.0)` and `1 + log(4.5)`, as CPython's module computes them at import.
  static let log4 = log(4.0)
  static let sgMagic = 1.0 + log(4.5)
  /// `math.e`.
  static let e = 2.718281828459045

  mutating func gammaDraw(alpha: Double, beta: Double) throws -> Double {
    if alpha <= 0 || beta <= 0 {
      throw FrameworkError("gammavariate: alpha and beta must be > 0.0", parameter: alpha <= 0 ? "alpha" : "beta")
    }
    guard alpha.isFinite else {
      throw FrameworkError(
        "gammavariate(alpha=\(alpha)) never returns in CPython (every attempt is rejected); rngdiff refuses it",
        parameter: "alpha")
    }
    if alpha > 1 {
      let ainv = (2.0 * alpha - 1.0).squareRoot()
      let bbb = alpha - Self.log4
      let ccc = alpha + ainv
      while true {
        let u1 = mt.nextDouble53()
        if !(1e-7 < u1 && u1 < 0.9999999) { continue }
        let u2 = 1.0 - mt.nextDouble53()
        let v = log(u1 / (1.0 - u1)) / ainv
        let x = alpha * (try PythonMath.exp(v))
        let z = u1 * u1 * u2
        let r = bbb + ccc * v - x
        if r + Self.sgMagic - 4.5 * z >= 0.0 { return x * beta }
        if r >= (try PythonMath.log(z)) { return x * beta }
      }
    }
    if alpha == 1 {
      return -(try PythonMath.log(1.0 - mt.nextDouble53())) * beta
    }
    var x: Double
    while true {
      let u = mt.nextDouble53()
      let b = (Self.e + alpha) / Self.e
      let p = b * u
      if p <= 1.0 {
        x = try PythonMath.power(p, 1.0 / alpha)
      } else {
        x = -(try PythonMath.log((b - p) / alpha))
      }
      let u1 = mt.nextDouble53()
      if p > 1.0 {
        if u1 <= (try PythonMath.power(x, alpha - 1.0)) { break }
      } else if u1 <= (try PythonMath.exp(-x)) {
        break
      }
    }
    return x * beta
  }
}
