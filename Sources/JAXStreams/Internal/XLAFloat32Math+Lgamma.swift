extension XLAFloat32Math {
  /// `lgamma(x)` for `x ≥ ½` as XLA CPU computes it for float32 inside
  /// `poisson`'s rejection loop (internal), from the optimised HLO and the
  /// object code jaxlib 0.10.2 emits on x86-64: the Lanczos approximation
  /// (g = 7; the constant term rounds to 1 and eight coefficients, as the float32 constants of the HLO) with `z = x − 1`,
  ///
  ///     sum  = 1 + c₀/(z + 1) + c₁/(z + 2) + … + c₇/(z + 8), left to right
  ///     logT = log1p(z · (1/7.5)) + log 7.5
  ///     lgamma = fma((z + ½) − (z + 7.5)/logT, logT, log √(2π)) + log(sum)
  ///
  /// `log1p` and `log` are XLA's (``log1p(_:)``, ``log(_:)``). `z` is passed
  /// in: XLA folds `(k + 1) − 1` back to `k`. The reflection branch for
  /// `x < ½` (XLA's `sin`) is not ported: the sampler rejects those `k`.
  @inline(__always)
  static func lgammaShifted(_ z: Float) -> Float {
    if z.isInfinite && z > 0 { return .infinity }
    let coefficients: [Float] = [
      f(0x4429_214E), f(0xC49D_6474), f(0x4440_D4B3), f(0xC330_9D73), f(0x4148_1E14), f(0xBE0D_E595),
      f(0x3727_828A), f(0x3421_AA84),
    ]
    var sum = coefficients[0] / (z + 1) + 1
    for i in 1..<coefficients.count { sum = sum + coefficients[i] / (z + Float(i + 1)) }
    let logT = log1p(z * f(0x3E08_8889)) + f(0x4000_F42C)
    let tOverLogT = (z + 7.5) / logT
    return f(0x3F6B_3F8E).addingProduct((z + 0.5) - tOverLogT, logT) + log(sum)
  }
}
