import Foundation

extension LegacySource {
  /// `legacy_standard_exponential`: `-log(1 - U)`, one double (two words).
  ///
  /// ```swift
  /// var source = LegacySource(try RandomState(seed: 0))
  /// source.legacyStandardExponential()   // -log(1 - 0.5488135039273248)
  /// ```
  @inline(__always)
  mutating func legacyStandardExponential() -> Double {
    -log(1.0 - bits.nextDouble())
  }

  /// `legacy_standard_gamma(shape)`: exponential for `shape == 1`, 0 for
  /// `shape == 0`, Johnk-style rejection (uniform + exponential) for
  /// `shape < 1`, Marsaglia–Tsang with the cached-Gaussian polar method for
  /// `shape > 1`.
  mutating func legacyStandardGamma(_ shape: Double) -> Double {
    if shape == 1.0 { return legacyStandardExponential() }
    if shape == 0.0 { return 0.0 }
    if shape < 1.0 {
      while true {
        let u = bits.nextDouble()
        let v = legacyStandardExponential()
        if u <= 1.0 - shape {
          let x = pow(u, 1.0 / shape)
          if x <= v { return x }
        } else {
          let y = -log((1 - u) / shape)
          let x = pow(1.0 - shape + shape * y, 1.0 / shape)
          if x <= v + y { return x }
        }
      }
    }
    let b = shape - 1.0 / 3.0
    let c = 1.0 / (9 * b).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextGauss()
        v = 1.0 + c * x
      } while v <= 0.0
      v = v * v * v
      let u = bits.nextDouble()
      if u < 1.0 - 0.0331 * (x * x) * (x * x) { return b * v }
      if log(u) < 0.5 * x * x + b * (1.0 - v + log(v)) { return b * v }
    }
  }

  /// `legacy_chisquare(df)`: `2 · standard_gamma(df / 2)`.
  mutating func legacyChisquare(_ df: Double) -> Double {
    2.0 * legacyStandardGamma(df / 2.0)
  }

  /// `legacy_beta(a, b)`: Johnk's algorithm when both are `<= 1` (with a
  /// log-space fallback when both powers underflow), else two gammas.
  mutating func legacyBeta(_ a: Double, _ b: Double) -> Double {
    if a <= 1.0 && b <= 1.0 {
      while true {
        let u = bits.nextDouble()
        let v = bits.nextDouble()
        let x = pow(u, 1.0 / a)
        let y = pow(v, 1.0 / b)
        if x + y <= 1.0 {
          if x + y > 0 { return x / (x + y) }
          var logX = log(u) / a
          var logY = log(v) / b
          let logM = logX > logY ? logX : logY
          logX -= logM
          logY -= logM
          return exp(logX - log(exp(logX) + exp(logY)))
        }
      }
    }
    let ga = legacyStandardGamma(a)
    let gb = legacyStandardGamma(b)
    return ga / (ga + gb)
  }

  /// `legacy_f(dfnum, dfden)`.
  mutating func legacyF(_ dfnum: Double, _ dfden: Double) -> Double {
    (legacyChisquare(dfnum) * dfden) / (legacyChisquare(dfden) * dfnum)
  }

  /// `legacy_standard_t(df)`: a Gaussian, then a gamma.
  mutating func legacyStandardT(_ df: Double) -> Double {
    let num = nextGauss()
    let denom = legacyStandardGamma(df / 2)
    return (df / 2).squareRoot() * num / denom.squareRoot()
  }

  /// `legacy_noncentral_chisquare(df, nonc)`: chisquare for `nonc == 0`;
  /// `chisquare(df - 1) + (gauss + sqrt(nonc))²` for `df > 1`; otherwise a
  /// Poisson mixture (NaN when `nonc` is NaN, after drawing).
  mutating func legacyNoncentralChisquare(_ df: Double, _ nonc: Double) -> Double {
    if nonc == 0 { return legacyChisquare(df) }
    if 1 < df {
      let chi2 = legacyChisquare(df - 1)
      let n = nextGauss() + nonc.squareRoot()
      return chi2 + n * n
    }
    let i = PoissonSampler.sample(&bits, lam: nonc / 2.0)
    let out = legacyChisquare(df + 2 * Double(i))
    return nonc.isNaN ? .nan : out
  }

  /// `legacy_noncentral_f(dfnum, dfden, nonc)`.
  mutating func legacyNoncentralF(_ dfnum: Double, _ dfden: Double, _ nonc: Double) -> Double {
    let t = legacyNoncentralChisquare(dfnum, nonc) * dfden
    return t / (legacyChisquare(dfden) * dfnum)
  }

  /// `legacy_negative_binomial(n, p)`: Poisson of a gamma with scale `(1-p)/p`.
  mutating func legacyNegativeBinomial(_ n: Double, _ p: Double) -> Int64 {
    let y = ((1 - p) / p) * legacyStandardGamma(n)
    return PoissonSampler.sample(&bits, lam: y)
  }
}
