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

  /// Natural logarithm as XLA CPU computes it for float32
  /// (range reduction to [√½, √2), then a degree-8 polynomial in three parts).
  @inline(__always)
  static func log(_ v: Float) -> Float {
    let sqrtHalf = f(0x3F35_04F3), ln2Low = f(0xB95E_8083), ln2High = f(0x3F31_8000)
    let logP0 = (f(0x3D90_21BB), f(0xBDEB_D1B8), f(0x3DEF_251A))
    let logP1 = (f(0xBDFE_5D4F), f(0x3E11_E9BF), f(0xBE2A_AE50))
    let logP2 = (f(0x3E4C_CEAC), f(0xBE7F_FFFC), f(0x3EAA_AAAA))
    // Denormals-are-zero: a subnormal input is ±0 to XLA CPU.
    if v == 0 || v.isSubnormal { return -.infinity }
    if v.isNaN || v < 0 { return Float(bitPattern: 0xFFFF_FFFF) }
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

  /// `log(1 + x)` as XLA CPU computes it: a Cephes rational function for
  /// |x| < √2 − 1, otherwise ``log(_:)`` of the rounded `1 + x`.
  ///
  /// The numerator and denominator are Horner schemes written out step by
  /// step (no coefficient arrays), highest coefficient first.
  @inline(__always)
  static func log1p(_ x: Float) -> Float {
    guard abs(x) < f(0x3ED4_13CD) /* √2 − 1 */ else { return log(x + 1) }
    var den: Float = 1
    den = f(0x4171_01AD).addingProduct(den, x)
    den = f(0x42A6_185B).addingProduct(den, x)
    den = f(0x435D_C32D).addingProduct(den, x)
    den = f(0x439A_8CA3).addingProduct(den, x)
    den = f(0x4358_6D8A).addingProduct(den, x)
    den = f(0x4270_7982).addingProduct(den, x)
    var num = Float(4.5270000862445199635215E-5)
    num = f(0x3EFF_40C5).addingProduct(num, x)
    num = f(0x40D2_84FA).addingProduct(num, x)
    num = f(0x41EF_4B9C).addingProduct(num, x)
    num = f(0x4273_CC76).addingProduct(num, x)
    num = f(0x4264_73AD).addingProduct(num, x)
    num = f(0x41A0_5101).addingProduct(num, x)
    let x2 = x * x
    var t = (x * x2) * (num / den)
    t = t.addingProduct(-0.5, x2)
    return x + t
  }

  // MARK: erf_inv

  /// Inverse error function (Giles' single-precision approximation) as the
  /// `chlo.erf_inv` decomposition compiles on XLA CPU. ±1 map to ±∞.
  ///
  /// `p = c₁ + c₀·w`, then `p = cₖ + w·p` for k = 2…8, each step one FMA;
  /// the central (`w < 5`) and tail coefficients are written out below.
  @inline(__always)
  static func erfInv(_ u: Float) -> Float {
    let l = log1p(u * -u)  // −w
    var p: Float
    if l > -5 {
      let w = -2.5 - l
      p = f(0x34B8_4B36).addingProduct(f(0x32F1_6588), w)
      p = f(0xB66C_7357).addingProduct(w, p)
      p = f(0xB693_5AC1).addingProduct(w, p)
      p = f(0x3965_32DB).addingProduct(w, p)
      p = f(0xBAA4_5408).addingProduct(w, p)
      p = f(0xBB88_E4EF).addingProduct(w, p)
      p = f(0x3E7C_8F63).addingProduct(w, p)
      p = f(0x3FC0_2E2F).addingProduct(w, p)
    } else {
      let w = (-l).squareRoot() - 3
      p = f(0x38D3_B56B).addingProduct(f(0xB951_F09B), w)
      p = f(0x3AB0_DC72).addingProduct(w, p)
      p = f(0xBB70_BDE7).addingProduct(w, p)
      p = f(0x3BBC_127B).addingProduct(w, p)
      p = f(0xBBF9_C5D7).addingProduct(w, p)
      p = f(0x3C1A_A57E).addingProduct(w, p)
      p = f(0x3F80_36DB).addingProduct(w, p)
      p = f(0x4035_4F7E).addingProduct(w, p)
    }
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
