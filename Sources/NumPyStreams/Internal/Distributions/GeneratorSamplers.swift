import Foundation

/// The `Generator` samplers of NumPy 2.4's `distributions.c` that differ
/// from the legacy ones and need no exponential ziggurat: `random_wald`,
/// `random_vonmises` (with the wrapped-normal fallback above kappa 1e6),
/// `random_logseries` (`log1p`/`expm1` form), `random_zipf` (uniform on
/// `(Umin, 1]`). Internal.
///
/// ```swift
/// var pcg = PCG64(seedSequence: SeedSequence(entropy: [0]))
/// GeneratorSamplers.wald(&pcg, mean: 1, scale: 3)
/// ```
enum GeneratorSamplers {
  static func wald<B: NumPyBitSource>(_ bits: inout B, mean: Double, scale: Double) -> Double {
    var y = Ziggurat.shared.normal(&bits)
    y = mean * y * y
    let d = 1 + (1 + 4 * scale / y).squareRoot()
    let x = mean * (1 - 2 / d)
    let u = bits.nextDouble()
    if u <= mean / (mean + x) { return x }
    return mean * mean / x
  }

  static func vonmises<B: NumPyBitSource>(_ bits: inout B, mu: Double, kappa: Double) -> Double {
    if kappa.isNaN { return .nan }
    if kappa < 1e-8 { return Double.pi * (2 * bits.nextDouble() - 1) }
    let s: Double
    if kappa < 1e-5 {
      s = 1.0 / kappa + kappa
    } else if kappa <= 1e6 {
      let r = 1 + (1 + 4 * kappa * kappa).squareRoot()
      let rho = (r - (2 * r).squareRoot()) / (2 * kappa)
      s = (1 + rho * rho) / (2 * rho)
    } else {
      var result = mu + (1.0 / kappa).squareRoot() * Ziggurat.shared.normal(&bits)
      if result < -Double.pi { result += 2 * Double.pi }
      if result > Double.pi { result -= 2 * Double.pi }
      return result
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

  static func logseries<B: NumPyBitSource>(_ bits: inout B, p: Double) -> Int64 {
    let r = log1p(-p)
    while true {
      let v = bits.nextDouble()
      if v >= p { return 1 }
      let u = bits.nextDouble()
      let q = -expm1(r * u)
      if v <= q * q {
        let result = CConversion.int64(floor(1 + log(v) / log(q)))
        if result < 1 || v == 0.0 { continue }
        return result
      }
      if v >= q { return 1 }
      return 2
    }
  }

  static func zipf<B: NumPyBitSource>(_ bits: inout B, a: Double) -> Int64 {
    if a >= 1025 { return 1 }
    let am1 = a - 1.0
    let b = pow(2.0, am1)
    let uMin = pow(Double(Int64.max), -am1)
    while true {
      let u01 = bits.nextDouble()
      let u = u01 * uMin + (1 - u01)
      let v = bits.nextDouble()
      let x = floor(pow(u, -1.0 / am1))
      if x > Double(Int64.max) || x < 1.0 { continue }
      let t = pow(1.0 + 1.0 / x, am1)
      if v * x * (t - 1.0) / (b - 1.0) <= t / b { return CConversion.int64(x) }
    }
  }
}
