/// NumPy's float64 `log1p` on x86-64 machines with AVX-512 (NumPy's X86_V4
/// level), where NumPy 2.4's wheels call Intel's SVML (`__svml_log1p8_ha`):
/// ported operation by operation, like ``NumPyFloat64ExpLog``, whose
/// reciprocal steps, table of −log and polynomial it shares. Elsewhere NumPy
/// calls the C library's `log1p`.
///
/// ```swift
/// NumPyFloat64Log1p.log1p(1e-10)  // 9.999999999500001e-11 (np.log1p(1e-10))
/// ```
///
/// 1 + x is formed with its rounding error (the larger of 1 and x first);
/// the sum is split into m·2ᵉ with m in [1, 2), m's reciprocal estimate
/// rounded to 1/32 gives r = rcp·m − 1 + rcp·(error·2⁻ᵉ) and its rounding
/// error, and log's table and degree-9 polynomial finish as in `log`, with
/// x's sign put on the result (so −0 gives −0).
///
/// Edge cases: −1 gives −∞, below −1 (−∞ included) NaN, +∞ +∞, NaN NaN.
enum NumPyFloat64Log1p {
  private typealias Log = NumPyFloat64ExpLog

  static func log1p(_ x: Double) -> Double {
    if x.isNaN || x < -1 { return .nan }
    if x == -1 { return -.infinity }
    if x == .infinity { return .infinity }
    // 1 + x in two parts.
    let a = 1 + x
    let larger = Swift.max(1, x), smaller = Swift.min(1, x)
    let aLow = smaller - (a - larger)
    let e = a.exponent
    let m = a.significand
    let k = 32 - Log.reciprocalSteps.reduce(0) { m.bitPattern >= $1 ? $0 + 1 : $0 }
    let rcp = Double(k) / 32
    let lowScaled = aLow * Double(sign: .plus, exponent: -e, significand: 1)
    let r0 = (-1.0).addingProduct(rcp, m)
    let product = rcp * lowScaled
    let exponent = Double(e) + (k < 24 ? 1 : 0)
    let r = r0 + product
    let r2 = r * r
    let c = Log.logC
    let p89 = c[6].addingProduct(r, c[7])
    let rLow = product - (r - r0)
    let t = Double(bitPattern: Log.logHigh[k & 15]).addingProduct(exponent, Log.logLn2High)
    let lowT = rLow + Double(bitPattern: Log.logLow[k & 15])
    let p67 = c[4].addingProduct(r, c[5])
    let p23 = c[0].addingProduct(r, c[1])
    let high = t + r
    let p69 = p67.addingProduct(r2, p89)
    var p45 = c[2].addingProduct(r, c[3])
    let r4 = r2 * r2
    p45 = p23.addingProduct(r2, p45)
    let rHigh = high - t
    var poly = p45.addingProduct(r4, p69)
    let rRest = r - rHigh
    poly = rRest.addingProduct(r2, poly)
    let low = lowT.addingProduct(Log.logLn2Low, exponent)
    let sum = high + (poly + low)
    return Double(bitPattern: sum.bitPattern | (x.bitPattern & 0x8000_0000_0000_0000))
  }
}
