#if canImport(Glibc)
import Glibc  // links libm: `addingProduct` (fma) and `squareRoot` call into it on Linux
#elseif canImport(Musl)
import Musl
#endif

/// XLA CPU's float32 elementary functions, operation for operation (internal).
///
/// JAX samplers are compiled by XLA; on CPU, XLA expands `log`, `log1p`,
/// `erf` and `erf_inv` into polynomial code instead of calling libm, and
/// LLVM then fuses some multiply/add pairs into FMA instructions. The
/// functions below repeat that code with the same roundings: every
/// `addingProduct` is one FMA instruction in the compiled kernel, every other
/// operator is one IEEE float32 operation. The FMA placement was read from
/// the object code jaxlib 0.10.2 emits on an x86-64 CPU with FMA (AVX2 or
/// AVX-512); a CPU without FMA, a GPU or a TPU lowers the same graph
/// differently.
///
/// The polynomial coefficients are the published ones (Cephes for `log` and
/// `log1p`, Giles 2010 for `erf_inv`) as float32 bit patterns.
enum XLAFloat32Math {
  @inline(__always) static func f(_ bits: UInt32) -> Float { Float(bitPattern: bits) }

  // MARK: log

  static let sqrtHalf = f(0x3F35_04F3)
  static let logP0: (Float, Float, Float) = (f(0x3D90_21BB), f(0xBDEB_D1B8), f(0x3DEF_251A))
  static let logP1: (Float, Float, Float) = (f(0xBDFE_5D4F), f(0x3E11_E9BF), f(0xBE2A_AE50))
  static let logP2: (Float, Float, Float) = (f(0x3E4C_CEAC), f(0xBE7F_FFFC), f(0x3EAA_AAAA))
  static let ln2Low = f(0xB95E_8083)
  static let ln2High = f(0x3F31_8000)

  /// Natural logarithm as XLA CPU computes it for float32
  /// (range reduction to [√½, √2), then a degree-8 polynomial in three parts).
  static func log(_ v: Float) -> Float {
    if v.isNaN || v < 0 { return Float(bitPattern: 0xFFFF_FFFF) }
    if v == 0 { return -.infinity }
    if v == .infinity { return .infinity }
    let m = v > Float.leastNormalMagnitude ? v : Float.leastNormalMagnitude
    let bits = m.bitPattern
    var e = Float(Int32(bitPattern: bits >> 23) - 127) + 1
    let mantissa = Float(bitPattern: (bits & 0x807F_FFFF) | 0x3F00_0000)
    let small = mantissa < sqrtHalf
    let x = (mantissa - 1) + (small ? mantissa : 0)
    if small { e = e - 1 }
    let x2 = x * x
    let x3 = x2 * x
    let p0 = logP0.2.addingProduct(logP0.1.addingProduct(logP0.0, x), x)
    let p1 = logP1.2.addingProduct(logP1.1.addingProduct(logP1.0, x), x)
    let p2 = logP2.2.addingProduct(logP2.1.addingProduct(logP2.0, x), x)
    var y = p1.addingProduct(x3, p0)
    y = p2.addingProduct(y, x3)
    y = (e * ln2Low).addingProduct(x3, y)
    var r = x.addingProduct(-0.5, x2)
    r = r + y
    return r.addingProduct(ln2High, e)
  }

  // MARK: log1p

  static let log1pThreshold = f(0x3ED4_13CD)  // √2 − 1
  static let log1pDenominator: [Float] = [
    f(0x4171_01AD), f(0x42A6_185B), f(0x435D_C32D), f(0x439A_8CA3), f(0x4358_6D8A), f(0x4270_7982),
  ]
  static let log1pNumerator: [Float] = [
    Float(4.5270000862445199635215E-5),
    f(0x3EFF_40C5), f(0x40D2_84FA), f(0x41EF_4B9C), f(0x4273_CC76), f(0x4264_73AD), f(0x41A0_5101),
  ]

  /// `log(1 + x)` as XLA CPU computes it: a Cephes rational function for
  /// |x| < √2 − 1, otherwise ``log(_:)`` of the rounded `1 + x`.
  static func log1p(_ x: Float) -> Float {
    guard abs(x) < log1pThreshold else { return log(x + 1) }
    var den: Float = 1
    for c in log1pDenominator { den = c.addingProduct(den, x) }
    var num = log1pNumerator[0]
    for c in log1pNumerator.dropFirst() { num = c.addingProduct(num, x) }
    let x2 = x * x
    var t = (x * x2) * (num / den)
    t = t.addingProduct(-0.5, x2)
    return x + t
  }

  // MARK: erf_inv

  static let erfInvCentral: [Float] = [
    f(0x32F1_6588), f(0x34B8_4B36), f(0xB66C_7357), f(0xB693_5AC1), f(0x3965_32DB),
    f(0xBAA4_5408), f(0xBB88_E4EF), f(0x3E7C_8F63), f(0x3FC0_2E2F),
  ]
  static let erfInvTail: [Float] = [
    f(0xB951_F09B), f(0x38D3_B56B), f(0x3AB0_DC72), f(0xBB70_BDE7), f(0x3BBC_127B),
    f(0xBBF9_C5D7), f(0x3C1A_A57E), f(0x3F80_36DB), f(0x4035_4F7E),
  ]

  /// Inverse error function (Giles' single-precision approximation) as the
  /// `chlo.erf_inv` decomposition compiles on XLA CPU. ±1 map to ±∞.
  static func erfInv(_ u: Float) -> Float {
    let l = log1p(u * -u)  // −w
    let central = l > -5
    let coefficients = central ? erfInvCentral : erfInvTail
    let w = central ? (-2.5 - l) : ((-l).squareRoot() - 3)
    var p = coefficients[1].addingProduct(coefficients[0], w)
    for c in coefficients.dropFirst(2) { p = c.addingProduct(w, p) }
    if abs(u) == 1 { p = .infinity }
    return u * p
  }

  // MARK: erf

  static let erfClamp = f(0x406F_9C68)
  static let erfNumerator: [Float] = [f(0x3970_2D51), f(0x3B5F_5DA2), f(0x3D50_B6EB), f(0x3E3D_A740), f(0x3F90_6EBA)]
  static let erfDenominator: [Float] = [
    f(0xB3FD_3906), f(0x37C5_88DF), f(0x3A85_6D28), f(0x3C66_87D4), f(0x3DE3_4C21), f(0x3EFE_B44A), 1,
  ]

  /// Error function as XLA CPU's float32 intrinsic computes it: a rational
  /// function of x² on [−3.744, 3.744], ±1 outside. NaN stays NaN.
  static func erf(_ x: Float) -> Float {
    if x.isNaN { return x }
    if abs(x) >= erfClamp { return x < 0 ? -1 : 1 }
    let x2 = x * x
    var p = erfNumerator[1].addingProduct(x2, erfNumerator[0])
    for c in erfNumerator.dropFirst(2) { p = c.addingProduct(p, x2) }
    var q = erfDenominator[1].addingProduct(x2, erfDenominator[0])
    for c in erfDenominator.dropFirst(2) { q = c.addingProduct(q, x2) }
    return (x * p) / q
  }

  /// `√2` as the float32 constant JAX multiplies `erf_inv` by.
  static let sqrt2 = f(0x3FB5_04F3)
  /// The float32 constant XLA multiplies by when JAX divides by `√2`.
  static let reciprocalSqrt2 = f(0x3F35_04F3)
}
