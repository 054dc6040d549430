/// NumPy's float64 `expm1` on x86-64 machines with AVX-512 (NumPy's X86_V4
/// level), where NumPy 2.4's wheels call Intel's SVML (`__svml_expm18_ha`):
/// ported operation by operation, like ``NumPyFloat64ExpLog``, whose table of
/// 2^(j/16), constants and scalar code for large arguments it shares.
/// Elsewhere NumPy calls the C library's `expm1`.
///
/// ```swift
/// NumPyFloat64Expm1.expm1(1e-10)  // 1.00000000005e-10 (np.expm1(1e-10))
/// ```
///
/// x·log2(e) rounded to nearest to a sixteenth, N (clamped at −128 for the
/// scale); r = x − N·ln2 in two fused steps with the second step's rounding
/// error kept; 2^(N mod 1)·2^⌊N⌋ − 1 formed with its rounding error
/// (whichever of the two is larger taken first); a degree-8 polynomial of r;
/// the parts summed small to large, and x's sign put on the result (so −0
/// gives −0).
///
/// Edge cases: from 707.703… up (and +∞) SVML's scalar exp, which is +∞ above
/// 709.782712893384; −∞ gives −1, NaN gives NaN. Where |r| would reach 2 (x
/// below about −2⁵³, where N·ln2 is far from x) SVML clears one exponent bit
/// of r and its low part, as the port does.
enum NumPyFloat64Expm1 {
  private typealias Exp = NumPyFloat64ExpLog

  /// Coefficients of r³ … r⁸ in exp(r) − 1 − r − r²/2 (SVML's minimax values).
  private static let c3 = Double(bitPattern: 0x3fc5_5555_5555_55f9)
  private static let c4 = Double(bitPattern: 0x3fa5_5555_5555_560a)
  private static let c5 = Double(bitPattern: 0x3f81_1111_10a6_5711)
  private static let c6 = Double(bitPattern: 0x3f56_c16c_1630_4601)
  private static let c7 = Double(bitPattern: 0x3f2a_01f8_f4b1_29c3)
  private static let c8 = Double(bitPattern: 0x3efa_01f8_f4be_0bb2)

  /// x with bit 62 (the top exponent bit) cleared: |x| < 2 for every number SVML meets here.
  private static func belowTwo(_ x: Double) -> Double { Double(bitPattern: x.bitPattern & 0xbfff_ffff_ffff_ffff) }

  static func expm1(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x == -.infinity { return -1 }
    if !(x < Exp.expScalarFrom) { return Exp.expScalar(x) }
    let shifted = Exp.sixteenthsShifter.addingProduct(x, Exp.log2e)
    let n = shifted - Exp.sixteenthsShifter
    let j = Int(shifted.bitPattern & 15)
    let r1 = x.addingProduct(-n, Exp.ln2High)
    let scaledHigh = Double(bitPattern: Exp.expHigh[j])
      * Double(sign: .plus, exponent: Int(max(n, -128).rounded(.down)), significand: 1)
    let r2 = r1.addingProduct(-n, Exp.ln2Low)
    let r = belowTwo(r2)
    let rLow = belowTwo((r1 - r2).addingProduct(-n, Exp.ln2Low))
    let p56 = c5.addingProduct(r, c6)
    let p34 = c3.addingProduct(r, c4)
    let rr = r * r
    let tableLow = Double(bitPattern: Exp.expLow[j])
    let p78 = c7.addingProduct(r, c8)
    let low = (rLow + tableLow).addingProduct(r, tableLow)
    var p = p56.addingProduct(rr, p78)
    // 2^(N mod 1)·2^⌊N⌋ − 1 and its rounding error, the larger part first.
    let big = scaledHigh < 1 ? -1.0 : scaledHigh
    let small = scaledHigh < 1 ? scaledHigh : -1.0
    p = p34.addingProduct(rr, p)
    let minusOne = scaledHigh + -1.0
    p = (0.5).addingProduct(r, p)
    let error = (big - minusOne) + small
    p = low.addingProduct(rr, p)
    let high = minusOne.addingProduct(scaledHigh, r)
    let productLow = (-(high - minusOne)).addingProduct(scaledHigh, r)
    let rest = productLow + error.addingProduct(p, scaledHigh)
    let sum = high + rest
    return Double(bitPattern: sum.bitPattern | (x.bitPattern & 0x8000_0000_0000_0000))
  }
}
