/// NumPy's own float32 `exp` and `log` (its AVX2/AVX-512F kernels, which
/// NumPy runs on every x86-64 machine with AVX2 and FMA3, element by element
/// the same at any vector width): a Cody-Waite range reduction or an
/// exponent/mantissa split, then a rational minimax approximation evaluated
/// with fused multiply-adds, in float32 throughout. NumPy's own accuracy
/// notes: at most 2.52 ulp (exp) and 3.83 ulp (log) from the true value, so
/// glibc's correctly-rounded-ish `expf`/`logf` differ on many inputs.
///
/// ```swift
/// NumPyFloat32ExpLog.exp(1)   // 2.7182817 (NumPy's np.exp(np.float32(1)))
/// ```
///
/// Edge cases as NumPy's kernel: NaN gives NaN; `exp` is +∞ from
/// 88.72283935546875 up and 0 from −103.97208404541015625 down, and its
/// subnormal results are the AVX-512 `scalef` rounding (one rounding of
/// poly·2ᵏ), which the AVX2 kernel does differently; `log` of a negative
/// number is NaN, of ±0 −∞, of +∞ +∞. On a machine without AVX2 NumPy
/// calls the C library's `expf`/`logf` instead.
enum NumPyFloat32ExpLog {
  // The kernels' float32 constants, as NumPy's npy_simd_data.h and npy_math.h define them.
  private static let log2e: Float = 1.442695040888963407359924681001892137
  private static let ln2High: Float = -6.93145752e-1
  private static let ln2Low: Float = -1.42860677e-6
  private static let roundingMagic: Float = 0x1.8p23
  private static let expNumerator: [Float] = [
    9.999999999980870924916e-01, 7.257664613233124478488e-01, 2.473615434895520810817e-01,
    5.114512081637298353406e-02, 6.757896990527504603057e-03, 5.082762527590693718096e-04,
  ]
  private static let expDenominator: [Float] = [1.0, -2.742335390411667452936e-01, 2.159509375685829852307e-02]
  private static let logNumerator: [Float] = [
    0, 9.999999999999998702752e-01, 2.112677543073053063722e+00, 1.480000633576506585156e+00,
    3.808837741388407920751e-01, 2.589979117907922693523e-02,
  ]
  private static let logDenominator: [Float] = [
    1.0, 2.612677543073109236779e+00, 2.453006071784736363091e+00, 9.864942958519418960339e-01,
    1.546476374983906719538e-01, 5.875095403124574342950e-03,
  ]
  private static let ln2: Float = 0.693147180559945309417232121458176568
  private static let sqrtHalf: Float = 0.707106781186547524400844362104849039

  /// `c[n]·xⁿ + … + c[0]` by Horner's rule, each step one fused multiply-add.
  private static func horner(_ c: [Float], _ x: Float) -> Float {
    var p = c[c.count - 1]
    for k in stride(from: c.count - 2, through: 0, by: -1) { p = c[k].addingProduct(p, x) }
    return p
  }

  static func exp(_ input: Float) -> Float {
    if input.isNaN { return .nan }
    if input >= 88.72283935546875 { return .infinity }
    if input <= -103.97208404541015625 { return 0 }
    // k = rint(x·log2e) by the float32 magic-number trick; y = x − k·ln2 in two fused steps.
    let k = (input * log2e + roundingMagic) - roundingMagic
    var y = input.addingProduct(k, ln2High)
    y = y.addingProduct(k, ln2Low)
    y = y.addingProduct(k, 0)
    let poly = horner(expNumerator, y) / horner(expDenominator, y)
    // poly·2ᵏ rounded once (AVX-512's scalef): exact in double, then one rounding to float.
    return Float(Double(poly) * Double(sign: .plus, exponent: Int(k), significand: 1))
  }

  static func log(_ input: Float) -> Float {
    if input.isNaN { return .nan }
    if input < 0 { return -.nan }
    if input == 0 { return -.infinity }
    if input == .infinity { return .infinity }
    // x = m·2ᵉ with m in [0.5, 1) (subnormals normalized, as getexp/getmant do).
    var exponent = Float(input.exponent + 1)
    var m = Float(sign: .plus, exponent: -1, significand: input.significand)
    if m <= sqrtHalf {
      m = m + m
      exponent = exponent - 1
    }
    let x = m - 1
    let poly = horner(logNumerator, x) / horner(logDenominator, x)
    return poly.addingProduct(exponent, ln2)
  }
}
