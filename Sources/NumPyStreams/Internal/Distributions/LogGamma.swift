import Foundation

/// NumPy's `random_loggam(x)`: log Γ(x) by the Stirling series of Zhang and
/// Jin, shifted up to x ≥ 7 (not libm's `lgamma`). Internal.
///
/// ```swift
/// LogGamma.value(1.0)    // 0.0 (also for 2.0)
/// LogGamma.value(10.0)   // ≈ 12.8018
/// ```
enum LogGamma {
  static func value(_ x: Double) -> Double {
    if x == 1.0 || x == 2.0 { return 0.0 }
    let n: Int64 = x < 7.0 ? CConversion.int64(7 - x) : 0
    var x0 = x + Double(n)
    let x2 = (1.0 / x0) * (1.0 / x0)
    let lg2pi = 1.8378770664093453e+00
    // Horner on the series coefficients a[9] … a[0], in NumPy's order.
    var gl0 = -1.39243221690590e+00
    gl0 = gl0 * x2 + 1.796443723688307e-01
    gl0 = gl0 * x2 - 2.955065359477124e-02
    gl0 = gl0 * x2 + 6.410256410256410e-03
    gl0 = gl0 * x2 - 1.917526917526918e-03
    gl0 = gl0 * x2 + 8.417508417508418e-04
    gl0 = gl0 * x2 - 5.952380952380952e-04
    gl0 = gl0 * x2 + 7.936507936507937e-04
    gl0 = gl0 * x2 - 2.777777777777778e-03
    gl0 = gl0 * x2 + 8.333333333333333e-02
    var gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * log(x0) - x0
    if x < 7.0 {
      var k: Int64 = 1
      while k <= n {
        gl -= log(x0 - 1.0)
        x0 -= 1.0
        k += 1
      }
    }
    return gl
  }
}
