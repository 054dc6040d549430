import Foundation

/// NumPy's `random_poisson(lam)`, shared by `RandomState` and `Generator`:
/// multiplication of uniforms for `lam < 10`, Hörmann's transformed
/// rejection (PTRS) for `lam >= 10`, 0 for `lam == 0`. Internal.
///
/// ```swift
/// var mt = MT19937(seed: 0)
/// PoissonSampler.sample(&mt, lam: 5)    // RandomState(0).poisson(5)
/// ```
enum PoissonSampler {
  static func sample<B: NumPyBitSource>(_ bits: inout B, lam: Double) -> Int64 {
    if lam >= 10 { return transformedRejection(&bits, lam: lam) }
    if lam == 0 { return 0 }
    return multiplication(&bits, lam: lam)
  }

  static func multiplication<B: NumPyBitSource>(_ bits: inout B, lam: Double) -> Int64 {
    let enlam = exp(-lam)
    var x: Int64 = 0
    var product = 1.0
    while true {
      product *= bits.nextDouble()
      if product > enlam { x &+= 1 } else { return x }
    }
  }

  static func transformedRejection<B: NumPyBitSource>(_ bits: inout B, lam: Double) -> Int64 {
    let slam = lam.squareRoot()
    let loglam = log(lam)
    let b = 0.931 + 2.53 * slam
    let a = -0.059 + 0.02483 * b
    let invalpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    // NumPy evaluates log(invalpha) on every attempt; it is the same value each time.
    let logInvalpha = log(invalpha)
    while true {
      let u = bits.nextDouble() - 0.5
      let v = bits.nextDouble()
      let us = 0.5 - abs(u)
      let k = CConversion.int64(floor((2 * a / us + b) * u + lam + 0.43))
      if us >= 0.07 && v <= vr { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if (log(v) + logInvalpha - log(a / (us * us) + b)) <= (-lam + Double(k) * loglam - LogGamma.value(Double(k) + 1)) {
        return k
      }
    }
  }
}
