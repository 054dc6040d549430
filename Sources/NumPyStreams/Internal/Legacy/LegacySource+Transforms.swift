import Foundation

extension LegacySource {
  /// `legacy_pareto(a)`: `exp(E / a) - 1`.
  ///
  /// ```swift
  /// var source = LegacySource(try RandomState(seed: 0))
  /// source.legacyPareto(3.0)
  /// ```
  mutating func legacyPareto(_ a: Double) -> Double {
    exp(legacyStandardExponential() / a) - 1
  }

  /// `legacy_weibull(a)`: `E^(1/a)`; 0 without drawing for `a == 0`.
  mutating func legacyWeibull(_ a: Double) -> Double {
    if a == 0.0 { return 0.0 }
    return pow(legacyStandardExponential(), 1.0 / a)
  }

  /// `legacy_power(a)`: `(1 - exp(-E))^(1/a)`.
  mutating func legacyPower(_ a: Double) -> Double {
    pow(1 - exp(-legacyStandardExponential()), 1.0 / a)
  }

  /// `legacy_rayleigh(mode)`: `mode · sqrt(-2 · log1p(-U))`.
  mutating func legacyRayleigh(_ mode: Double) -> Double {
    mode * (-2.0 * log1p(-bits.nextDouble())).squareRoot()
  }

  /// `legacy_wald(mean, scale)`: one Gaussian, one uniform.
  mutating func legacyWald(_ mean: Double, _ scale: Double) -> Double {
    let mu2l = mean / (2 * scale)
    var y = nextGauss()
    y = mean * y * y
    let x = mean + mu2l * (y - (4 * scale * y + y * y).squareRoot())
    let u = bits.nextDouble()
    if u <= mean / (mean + x) { return x }
    return mean * mean / x
  }

  /// `legacy_lognormal(mean, sigma)`: `exp(mean + sigma · gauss)`.
  mutating func legacyLognormal(_ mean: Double, _ sigma: Double) -> Double {
    exp(mean + sigma * nextGauss())
  }

  /// `legacy_standard_cauchy`: the ratio of two Gaussians (first over second).
  mutating func legacyStandardCauchy() -> Double {
    let numerator = nextGauss()
    return numerator / nextGauss()
  }
}
