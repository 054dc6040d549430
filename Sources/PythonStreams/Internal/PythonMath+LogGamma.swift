import Foundation

extension PythonMath {
  /// `math.lgamma(x)` for `x > 0`, as CPython computes it: its own Lanczos
  /// approximation (g ≈ 6.0247, 13 terms), not the C library's `lgamma`,
  /// which differs in the last bits for about 4 arguments in 10.
  ///
  /// ```swift
  /// PythonMath.logGamma(1)    // 0.0 (exactly, as for 2)
  /// PythonMath.logGamma(11)   // log(10!) to within an ulp
  /// ```
  ///
  /// Edge cases: `x = 1` and `x = 2` give exactly 0; `x < 1e-20` gives
  /// `-log(x)`; infinity gives infinity. Negative `x` (the reflection
  /// formula) is never needed by `random` and is not provided.
  static func logGamma(_ x: Double) -> Double {
    precondition(x > 0 || x.isNaN, "logGamma is defined here for x > 0")
    if !x.isFinite { return x }
    if x == x.rounded(.down) && x <= 2 { return 0 }
    if x < 1e-20 { return -Foundation.log(x) }
    var r = Foundation.log(lanczosSum(x)) - lanczosG
    r += (x - 0.5) * (Foundation.log(x + lanczosG - 0.5) - 1)
    return r
  }

  static let lanczosG = 6.024680040776729583740234375

  /// Numerator coefficients of the Lanczos sum (a published approximation's constants).
  static let lanczosNumerator: [Double] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
  ]

  /// Denominator coefficients: `x (x+1) … (x+11)` expanded.
  static let lanczosDenominator: [Double] = [
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
  ]

  /// The rational Lanczos sum for `x > 0`: Horner in `x` below 5, in `1/x`
  /// from 5 on (no overflow, less error).
  static func lanczosSum(_ x: Double) -> Double {
    var numerator = 0.0
    var denominator = 0.0
    if x < 5 {
      for i in stride(from: 12, through: 0, by: -1) {
        numerator = numerator * x + lanczosNumerator[i]
        denominator = denominator * x + lanczosDenominator[i]
      }
    } else {
      for i in 0..<13 {
        numerator = numerator / x + lanczosNumerator[i]
        denominator = denominator / x + lanczosDenominator[i]
      }
    }
    return numerator / denominator
  }
}
