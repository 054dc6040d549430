#if canImport(Glibc)
import Glibc  // `log` below is the C library's, which XLA CPU also calls for float64
#elseif canImport(Musl)
import Musl
#endif

/// XLA CPU's float64 `log1p` and `erf_inv`, operation for operation (internal).
///
/// Unlike float32, XLA CPU calls the C library's `log` for float64, so on
/// the same glibc this emulation gets the same bits (checked with glibc
/// 2.3x on x86-64). Every `addingProduct` is one FMA in the compiled kernel.
/// The coefficients are the published ones (Cephes `log1p`, Giles' double
/// precision `erfinv`) as float64 bit patterns.
enum XLAFloat64Math {
  @inline(__always) static func d(_ bits: UInt64) -> Double { Double(bitPattern: bits) }

  /// `log` as XLA CPU computes it for float64: the C library's, except that
  /// a subnormal input is ±0 (denormals-are-zero), so its log is −∞.
  @inline(__always)
  static func log(_ x: Double) -> Double {
    x.isSubnormal ? -.infinity : cLibraryLog(x)
  }

  static let log1pThreshold = d(0x3FDA_8279_99FC_EF32)  // √2 − 1
  static let log1pDenominator: [Double] = [
    d(0x402E_2035_9E90_3E37), d(0x4054_C30B_5221_3498), d(0x406B_B865_90FC_FB56), d(0x4073_5194_5DC9_08A5),
    d(0x406B_0DB1_3E48_E066), d(0x404E_0F30_4466_448E),
  ]
  static let log1pNumerator: [Double] = [
    d(0x3F07_BC09_62B3_95CA), d(0x3FDF_E818_A0FE_1A83), d(0x401A_509F_46F4_FA53), d(0x403D_E973_8B8C_B9C9),
    d(0x404E_798E_B86C_3351), d(0x404C_8E75_9747_9A10), d(0x4034_0A20_2D99_830A),
  ]

  /// `log(1 + x)`: a Cephes rational function for |x| < √2 − 1, otherwise
  /// the C library's `log` of the rounded `1 + x`.
  static func log1p(_ x: Double) -> Double {
    guard abs(x) < log1pThreshold else { return log(x + 1) }
    var den: Double = 1
    for c in log1pDenominator { den = c.addingProduct(den, x) }
    var num = log1pNumerator[0]
    for c in log1pNumerator.dropFirst() { num = c.addingProduct(num, x) }
    let x2 = x * x
    let t = ((x * x2) * (num / den)).addingProduct(-0.5, x2)
    return x + t
  }

  static let erfInvCentral: [Double] = [
    d(0xBBB1_35D2_E746_E627), d(0xBC08_DDF9_3324_D327), d(0x3C37_B83E_EF0B_7C9F), d(0x3C69_BA72_CD58_9B91),
    d(0xBCA3_3689_090A_6B96), d(0x3C78_2E11_8981_32E0), d(0x3CFD_E4AC_FD9E_26BA), d(0xBD26_D33E_ED66_C487),
    d(0xBD36_F216_7040_D8E2), d(0x3D87_2A22_C2D7_7E20), d(0xBDAC_8859_C4E5_C0AF), d(0xBDCD_C583_D118_A561),
    d(0x3E12_0F47_CCF4_6B3C), d(0xBE31_A9E3_8DC8_4D60), d(0xBE5F_36CD_6D3D_46A9), d(0x3E9C_6B4F_5D03_B787),
    d(0xBEB6_E8A5_434A_E8A2), d(0xBEED_1D1F_7B87_36F6), d(0x3F28_79C2_A212_F024), d(0xBF48_4576_9484_FCA8),
    d(0xBF78_B6C3_3114_F909), d(0x3FCE_BD80_D9B1_3E28), d(0x3FFA_755E_7C99_AE86),
  ]
  static let erfInvMiddle: [Double] = [
    d(0x3E23_040F_87DB_D932), d(0x3E78_5CBE_5287_8635), d(0xBE92_7774_53DD_3955), d(0x3E53_95AB_CD55_4C6C),
    d(0x3EB9_3638_8A37_90AD), d(0xBED0_D5DB_812B_5083), d(0x3EC8_860C_D5D6_52F6), d(0x3EEA_29A0_CACD_FB23),
    d(0xBF08_CEF1_F802_81F2), d(0x3F11_E684_D0B9_188A), d(0x3EF9_32CD_54C8_A222), d(0xBF37_448A_89EF_8AA3),
    d(0x3F4F_3CC5_5AD4_0C25), d(0xBF5B_A924_132F_38B1), d(0x3F64_68EE_CA53_3CF8), d(0xBF6E_BADA_BB89_1BBD),
    d(0x3F75_FFCF_E5B7_6AFC), d(0x3FF0_158A_6D64_1D39), d(0x4008_ABCC_380D_5A48),
  ]
  static let erfInvTail: [Double] = [
    d(0xBDBD_CEC3_A778_5389), d(0xBDF1_8FEE_C0E3_8727), d(0x3E19_E6BF_2DDA_45E3), d(0xBE30_468F_B24E_2F5F),
    d(0x3E40_5AC6_A8FB_A182), d(0xBE50_102E_495F_B9C0), d(0x3E5F_4C20_E133_4AF8), d(0xBE72_2D22_0FDF_9C3E),
    d(0x3E8E_BC8B_B824_CB54), d(0xBEB0_A8D4_0EA3_72CC), d(0x3ED2_FBD2_9D09_3D2B), d(0xBEF4_A349_7E1E_0FAC),
    d(0x3F13_EBF4_EB00_938F), d(0xBF2C_2F36_A8FC_5D53), d(0xBF22_2EA5_DF04_047C), d(0x3FF0_2A30_D1FB_A0DC),
    d(0x4013_664D_DD1A_D7FB),
  ]

  /// Inverse error function (Giles' double-precision approximation in three
  /// ranges of `w = −log1p(−u²)`: below 6.25, below 16, beyond) as XLA CPU
  /// compiles it. ±1 map to ±∞.
  static func erfInv(_ u: Double) -> Double {
    let l = log1p(u * -u)  // −w
    let coefficients: [Double]
    let w: Double
    if l > -6.25 {
      (coefficients, w) = (erfInvCentral, -3.125 - l)
    } else if l > -16 {
      (coefficients, w) = (erfInvMiddle, (-l).squareRoot() - 3.25)
    } else {
      (coefficients, w) = (erfInvTail, (-l).squareRoot() - 5)
    }
    var p = coefficients[0]
    for c in coefficients.dropFirst() { p = c.addingProduct(w, p) }
    if abs(u) == 1 { p = .infinity }
    return u * p
  }

  /// `√2` as float64.
  static let sqrt2 = d(0x3FF6_A09E_667F_3BCD)
}

/// The C library's `log` (the enum's own `log` shadows it inside the enum).
@inline(__always)
private func cLibraryLog(_ x: Double) -> Double { log(x) }
