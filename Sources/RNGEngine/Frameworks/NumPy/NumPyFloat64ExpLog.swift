import CTrainingKernels

/// NumPy's float64 `exp` and `log` on x86-64 machines with AVX-512
/// (NumPy's X86_V4 level: AVX512F, CD, BW, DQ and VL), where NumPy 2.4's
/// wheels call Intel's SVML (`__svml_exp8_ha`, `__svml_log8_ha`, the
/// "high accuracy" variants, linked into `_multiarray_umath`): ported here
/// operation by operation, each fused multiply-add, rounding and table
/// lookup as the library does them, so the bits are NumPy's. Elsewhere NumPy
/// 2.4 calls the C library's `exp`/`log` for float64 (its own AVX-512F
/// kernel is compiled only without SVML); ``available`` says which applies.
///
/// ```swift
/// NumPyFloat64ExpLog.exp(1)    // 2.718281828459045 (np.exp(1.0))
/// NumPyFloat64ExpLog.log(0.1)  // -2.3025850929940455 (np.log(0.1))
/// ```
///
/// exp: x·log2(e) rounded toward zero to a sixteenth, N; r = x − N·ln2 in
/// two fused steps; 2^(N mod 1) from a 16-entry table (high part and a
/// relative low part); a degree-6 polynomial of r; the result scaled by
/// 2^⌊N⌋ (AVX-512's scalef). For |x| ≥ 707.703… SVML finishes in scalar
/// code instead: a 64-entry table of 2^(j/64), unfused arithmetic, +∞ above
/// 709.782712893384, +0 below −745.1332191019411, and gradual underflow
/// rounded in two halves. NaN gives NaN, +∞ +∞, −∞ 0.
///
/// log: x = m·2ᵉ with m in [1, 2) (subnormals normalised), a reciprocal of
/// m to five binary places (the processor's 14-bit `vrcp14pd` estimate,
/// rounded), r = rcp·m − 1 fused, −log(rcp) from a 16-entry table in two
/// parts, a degree-9 polynomial of r and the parts summed high to low.
/// NaN gives NaN, ±0 −∞, a negative number NaN, +∞ +∞.
///
/// Edge cases: the rounded reciprocal steps at sixteen mantissas, measured
/// with the reference machine's `vrcp14sd` (AMD EPYC) and checked on 334
/// million mantissas (fixtures/reference/numpy/measure_rcp14_steps.c,
/// ``reciprocalSteps``); a processor whose estimate differs would differ in
/// about one log in 40,000 near those steps. NaN payloads and signs are not
/// kept (rngdiff's NaN is the one NaN Python prints). Checked against NumPy
/// 2.4.6 on 10,274,568 inputs (fixtures/reference/numpy/measure_float64_transcendentals.py).
enum NumPyFloat64ExpLog {
  /// Whether NumPy runs SVML for float64 exp/log on this processor
  /// (X86_V4 with the operating system saving the 512-bit registers).
  static let available: Bool = rngdiff_cpu_x86_v4() != 0

  // MARK: exp

  /// 2^(j/16) for j = 0…15, rounded to nearest (the table's high parts).
  static let expHigh: [UInt64] = [
    0x3ff0000000000000, 0x3ff0b5586cf9890f, 0x3ff172b83c7d517b, 0x3ff2387a6e756238,
    0x3ff306fe0a31b715, 0x3ff3dea64c123422, 0x3ff4bfdad5362a27, 0x3ff5ab07dd485429,
    0x3ff6a09e667f3bcd, 0x3ff7a11473eb0187, 0x3ff8ace5422aa0db, 0x3ff9c49182a3f090,
    0x3ffae89f995ad3ad, 0x3ffc199bdd85529c, 0x3ffd5818dcfba487, 0x3ffea4afa2a490da,
  ]
  /// 2^(j/16)/high − 1, rounded to nearest (the relative low parts).
  static let expLow: [UInt64] = [
    0x0000000000000000, 0x3c979aa65d837b6d, 0xbc801b15eaa59348, 0x3c968efde3a8a894,
    0x3c834d754db0abb6, 0x3c859f48a72a4c6d, 0x3c7690cebb7aafb0, 0x3c9063e1e21c5409,
    0xbc93b3efbf5e2228, 0xbc7b32dcb94da51d, 0x3c8db72fc1f0eab4, 0x3c71affc2b91ce27,
    0x3c8c1a7792cb3387, 0x3c736eae30af0cb3, 0x3c74a385a63d07a7, 0xbc8ff7128fd391f0,
  ]
  static let log2e = Double(bitPattern: 0x3ff7_1547_652b_82fe)
  /// 1.5·2⁴⁸ + 1023: x·log2(e) added to it keeps four binary places.
  static let sixteenthsShifter = Double(bitPattern: 0x42f8_0000_0000_3ff0)
  static let ln2High = Double(bitPattern: 0x3fe6_2e42_fefa_39ef)
  static let ln2Low = Double(bitPattern: 0x3c7a_bc9e_3b39_803f)
  /// c1…c6 of exp(r) − 1 ≈ c1·r + … + c6·r⁶ (SVML's minimax values).
  private static let expC1 = Double(bitPattern: 0x3fef_ffff_ffff_ff70)
  private static let expC2 = Double(bitPattern: 0x3fe0_0000_0000_d008)
  private static let expC3 = Double(bitPattern: 0x3fc5_5555_5393_9732)
  private static let expC4 = Double(bitPattern: 0x3fa5_5557_242d_68fe)
  private static let expC5 = Double(bitPattern: 0x3f81_101c_bbc2_65c0)
  private static let expC6 = Double(bitPattern: 0x3f57_4118_3694_0c04)
  /// |x| from which SVML's vector code hands over to its scalar code.
  static let expScalarFrom = Double(bitPattern: 0x4086_1da0_4cba_fe44)

  static func exp(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if !(x.magnitude < expScalarFrom) { return expScalar(x) }
    // N = x·log2(e) + shifter, rounded toward zero (the sum is positive, so down): the
    // nearest-rounded fused sum, one step down when its residual shows it rounded up.
    var shifted = sixteenthsShifter.addingProduct(x, log2e)
    if (sixteenthsShifter - shifted).addingProduct(x, log2e) < 0 { shifted = shifted.nextDown }
    let n = shifted - sixteenthsShifter
    let j = Int(shifted.bitPattern & 15)
    var r = x.addingProduct(-n, ln2High)
    r = r.addingProduct(-n, ln2Low)
    let r2 = r * r
    let p56 = expC5.addingProduct(expC6, r)
    let p34 = expC3.addingProduct(expC4, r)
    let p12 = expC1.addingProduct(expC2, r)
    let p36 = p34.addingProduct(p56, r2)
    let p16 = p12.addingProduct(p36, r2)
    let high = Double(bitPattern: expHigh[j])
    let p = Double(bitPattern: expLow[j]).addingProduct(p16, r)
    let q = high.addingProduct(high, p)
    // scalef: q·2^⌊N⌋, exact here (|x| < 707.7 keeps the result normal).
    return q * Double(sign: .plus, exponent: Int(n.rounded(.down)), significand: 1)
  }

  /// 2^(j/64) for j = 0…63 rounded to nearest, and SVML's low parts for them
  /// (its scalar table, read from NumPy 2.4.6's `_multiarray_umath`).
  private static let scalarHigh: [UInt64] = [
    0x3ff0000000000000, 0x3ff02c9a3e778061, 0x3ff059b0d3158574, 0x3ff0874518759bc8,
    0x3ff0b5586cf9890f, 0x3ff0e3ec32d3d1a2, 0x3ff11301d0125b51, 0x3ff1429aaea92de0,
    0x3ff172b83c7d517b, 0x3ff1a35beb6fcb75, 0x3ff1d4873168b9aa, 0x3ff2063b88628cd6,
    0x3ff2387a6e756238, 0x3ff26b4565e27cdd, 0x3ff29e9df51fdee1, 0x3ff2d285a6e4030b,
    0x3ff306fe0a31b715, 0x3ff33c08b26416ff, 0x3ff371a7373aa9cb, 0x3ff3a7db34e59ff7,
    0x3ff3dea64c123422, 0x3ff4160a21f72e2a, 0x3ff44e086061892d, 0x3ff486a2b5c13cd0,
    0x3ff4bfdad5362a27, 0x3ff4f9b2769d2ca7, 0x3ff5342b569d4f82, 0x3ff56f4736b527da,
    0x3ff5ab07dd485429, 0x3ff5e76f15ad2148, 0x3ff6247eb03a5585, 0x3ff6623882552225,
    0x3ff6a09e667f3bcd, 0x3ff6dfb23c651a2f, 0x3ff71f75e8ec5f74, 0x3ff75feb564267c9,
    0x3ff7a11473eb0187, 0x3ff7e2f336cf4e62, 0x3ff82589994cce13, 0x3ff868d99b4492ed,
    0x3ff8ace5422aa0db, 0x3ff8f1ae99157736, 0x3ff93737b0cdc5e5, 0x3ff97d829fde4e50,
    0x3ff9c49182a3f090, 0x3ffa0c667b5de565, 0x3ffa5503b23e255d, 0x3ffa9e6b5579fdbf,
    0x3ffae89f995ad3ad, 0x3ffb33a2b84f15fb, 0x3ffb7f76f2fb5e47, 0x3ffbcc1e904bc1d2,
    0x3ffc199bdd85529c, 0x3ffc67f12e57d14b, 0x3ffcb720dcef9069, 0x3ffd072d4a07897c,
    0x3ffd5818dcfba487, 0x3ffda9e603db3285, 0x3ffdfc97337b9b5f, 0x3ffe502ee78b3ff6,
    0x3ffea4afa2a490da, 0x3ffefa1bee615a27, 0x3fff50765b6e4540, 0x3fffa7c1819e90d8,
  ]
  private static let scalarLow: [UInt64] = [
    0x0000000000000000, 0xbc7160139cd8dc5d, 0x3c8cd2523567f613, 0x3c60f74e61e6c861,
    0x3c979aa65d837b6d, 0x3c3ebe3d702f9cd1, 0xbc9556522a2fbd0e, 0xbc91c923b9d5f416,
    0xbc801b15eaa59348, 0x3c8b898c3f1353bf, 0x3c9aecf73e3a2f60, 0x3c8a6f4144a6c38d,
    0x3c968efde3a8a894, 0x3c80472b981fe7f2, 0x3c82f7e16d09ab31, 0x3c8b3782720c0ab4,
    0x3c834d754db0abb6, 0x3c8fdd395dd3f84a, 0xbc924aedcc4b5068, 0xbc71d1e83e9436d2,
    0x3c859f48a72a4c6d, 0xbc58a78f4817895b, 0x3c4363ed60c2ac11, 0x3c6ecce1daa10379,
    0x3c7690cebb7aafb0, 0xbc8f94340071a38e, 0xbc78dec6bd0f385f, 0x3c93350518fdd78e,
    0x3c9063e1e21c5409, 0x3c9432e62b64c035, 0xbc8c33c53bef4da8, 0xbc93cedd78565858,
    0xbc93b3efbf5e2228, 0xbc6367efb86da9ee, 0xbc781f647e5a3ecf, 0xbc8619321e55e68a,
    0xbc7b32dcb94da51d, 0x3c65ebe1abd66c55, 0xbc9369b6f13b3734, 0xbc94d450d872576e,
    0x3c8db72fc1f0eab4, 0x3c7bf68359f35f44, 0xbc5da9b88b6c1e29, 0xbc92434322f4f9aa,
    0x3c71affc2b91ce27, 0xbc87c50422622263, 0xbc91bbd1d3bcbb15, 0x3c8469846e735ab3,
    0x3c8c1a7792cb3387, 0xbc55c3d956dcaeba, 0xbc68d6f438ad9334, 0x3c74ffd70a5fddcd,
    0x3c736eae30af0cb3, 0x3c84e08fd10959ac, 0x3c676b2c6c921968, 0xbc8fad5d3ffffa6f,
    0x3c74a385a63d07a7, 0x3c8e5a50d5c192ac, 0xbc82d52107b43e1f, 0x3c74b604603a88d3,
    0xbc8ff7128fd391f0, 0x3c8ec3bc41aa2008, 0x3c8a64a931d185ee, 0x3c77893b4d91cd9d,
  ]
  private static let scalarInvLn2Over64 = Double(bitPattern: 0x4057_1547_652b_82fe)
  private static let scalarShifter = Double(bitPattern: 0x4338_0000_0000_0000)
  private static let scalarLn2Over64High = Double(bitPattern: 0x3f86_2e42_fefa_0000)
  private static let scalarLn2Over64Low = Double(bitPattern: 0x3d1c_f79a_bc9e_3b3a)
  private static let scalarC2 = Double(bitPattern: 0x3fe0_0000_0000_0000)
  private static let scalarC3 = Double(bitPattern: 0x3fc5_5555_5555_48f8)
  private static let scalarC4 = Double(bitPattern: 0x3fa5_5555_5555_8fcc)
  private static let scalarC5 = Double(bitPattern: 0x3f81_1112_3aaf_20d3)
  private static let scalarC6 = Double(bitPattern: 0x3f56_c16a_1c2a_3ffd)
  private static let overflowAbove = Double(bitPattern: 0x4086_2e42_fefa_39ef)
  private static let subnormalBelow = Double(bitPattern: 0xc086_232b_dd7a_bcd2)
  private static let zeroBelow = Double(bitPattern: 0xc087_4910_d52d_3051)

  /// SVML's scalar exp for |x| ≥ 707.703… (and ±∞), every operation rounded on its own.
  static func expScalar(_ x: Double) -> Double {
    if x.isInfinite { return x < 0 ? 0 : .infinity }
    if x > overflowAbove { return .infinity }
    if x < zeroBelow { return 0 }
    let shifted = x * scalarInvLn2Over64 + scalarShifter
    let k = Int32(truncatingIfNeeded: shifted.bitPattern)
    let j = Int(k & 63)
    let kf = shifted - scalarShifter
    var r = x - kf * scalarLn2Over64High
    r = r - kf * scalarLn2Over64Low
    var p = scalarC6 * r + scalarC5
    p = p * r + scalarC4
    p = p * r + scalarC3
    p = p * r + scalarC2
    p = p * r
    p = p * r
    p = p + r
    p = p + Double(bitPattern: scalarLow[j])
    let high = Double(bitPattern: scalarHigh[j])
    p = p * high
    let m = Int(k >> 6)
    if !(x < subnormalBelow) {
      let biased = (m + 1023) & 2047
      let sum = p + high
      if biased > 2046 { return sum * powerOfTwo((biased - 1) & 2047) * 2 }
      return sum * powerOfTwo(biased)
    }
    // Gradual underflow: the result formed 2⁶⁰ too large, then scaled down once, or in
    // two halves (a 21-bit head, exact, and the rest) where one scaling would round twice.
    let biased = (m + 1083) & 2047
    let scale = powerOfTwo(biased)
    let tail = p * scale
    let head = scale * high
    let sum = head + tail
    let down = Double(bitPattern: 0x3c30_0000_0000_0000)  // 2⁻⁶⁰
    if biased <= 50 { return sum * down }
    let error = (head - sum) + tail
    let splitter = sum * Double(bitPattern: 0x41f8_0000_0000_0000)  // 1.5·2³²
    let top = (sum + splitter) - splitter
    let rest = error + (sum - top)
    return top * down + rest * down
  }

  /// The double whose biased exponent field is `biased` and significand 1.
  private static func powerOfTwo(_ biased: Int) -> Double { Double(bitPattern: UInt64(biased) << 52) }

  // MARK: log

  /// −log(d) for d = k/32 (k = 32, 17…31; for k < 24 −log(2d), the exponent taking
  /// one more), to about 40 bits, and the rest rounded to nearest.
  static let logHigh: [UInt64] = [
    0x0000000000000000, 0xbfaf0a30c0120000, 0xbfbe27076e2b0000, 0xbfc5ff3070a78000,
    0xbfcc8ff7c79a8000, 0xbfd1675cababc000, 0xbfd4618bc21c4000, 0xbfd739d7f6bbc000,
    0x3fd269621134c000, 0x3fcf991c6cb38000, 0x3fca93ed3c8b0000, 0x3fc5bf406b540000,
    0x3fc1178e82280000, 0x3fb9335e5d590000, 0x3fb08598b59e0000, 0x3fa0415d89e80000,
  ]
  static let logLow: [UInt64] = [
    0x0000000000000000, 0x3d53ab33d066d1d2, 0x3d2a342c2af0003c, 0xbd43d3c873e20a07,
    0xbd4a21ac25d81ef3, 0x3d59f1fc63382a8f, 0xbd5ec27d0b7b37b3, 0xbd50069ce24c53fb,
    0x3d5b92783beb7677, 0x3d59bcbecca0cdf3, 0xbd530e486a0ac42d, 0x3d5ed8fdc149767e,
    0xbd4b8421cc74be04, 0x3d52622b8757a8fb, 0x3d4d034451fecdfb, 0xbd577771fd187145,
  ]
  /// The mantissas (as bit patterns of m in [1, 2)) from which the processor's reciprocal
  /// estimate, rounded to 1/32, is one step smaller: 31/32 from the first, …, 16/32 from the last.
  /// Measured with `vrcp14sd` and `vrndscalesd` on the reference machine (measure_rcp14_steps.c).
  static let reciprocalSteps: [UInt64] = [
    0x3ff0_40f0_0000_0000, 0x3ff0_c970_0000_0000, 0x3ff1_5b40_0000_0000, 0x3ff1_f700_0000_0000,
    0x3ff2_9e60_0000_0000, 0x3ff3_5230_0000_0000, 0x3ff4_1430_0000_0000, 0x3ff4_e5f0_0000_0000,
    0x3ff5_c990_0000_0000, 0x3ff6_c150_0000_0000, 0x3ff7_d070_0000_0000, 0x3ff8_f9c0_0000_0000,
    0x3ffa_41a0_0000_0000, 0x3ffb_ad00_0000_0000, 0x3ffd_41c0_0000_0000, 0x3fff_0800_0000_0000,
  ]
  /// The coefficients of r², r³, … r⁹ in log(1 + r) − r (SVML's minimax values).
  static let logC: [Double] = [
    0xbfdf_ffff_ffff_ffc6, 0x3fd5_5555_5555_5466, 0xbfd0_0000_000c_05bd, 0x3fc9_9999_99cc_9f5c,
    0xbfc5_5553_fb28_db06, 0x3fc2_4922_9cee_81ef, 0xbfc0_0735_7e93_af62, 0x3fbc_81cd_309d_7c70,
  ].map { Double(bitPattern: $0) }
  static let logLn2High = Double(bitPattern: 0x3fe6_2e42_fefa_0000)
  static let logLn2Low = Double(bitPattern: 0x3d7c_f79a_bc9e_0000)

  static func log(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x == .infinity { return .infinity }
    var exponent = Double(x.exponent)
    let m = x.significand
    let k = 32 - reciprocalSteps.reduce(0) { m.bitPattern >= $1 ? $0 + 1 : $0 }
    let rcp = Double(k) / 32
    if k < 24 { exponent += 1 }
    let r = (-1.0).addingProduct(rcp, m)
    let r2 = r * r
    let r4 = r2 * r2
    let a = logC[4].addingProduct(r, logC[5])
    var b = logC[6].addingProduct(r, logC[7])
    let c = logC[2].addingProduct(r, logC[3])
    let d = logC[0].addingProduct(r, logC[1])
    b = a.addingProduct(r2, b)
    let cd = d.addingProduct(r2, c)
    var poly = cd.addingProduct(r4, b)
    let t = Double(bitPattern: logHigh[k & 15]).addingProduct(exponent, logLn2High)
    let high = t + r
    let rHigh = high - t
    let rLow = r - rHigh
    poly = rLow.addingProduct(r2, poly)
    let low = Double(bitPattern: logLow[k & 15]).addingProduct(logLn2Low, exponent)
    return high + (poly + low)
  }
}
