/// Scalar emulation of the float32 `log` and `sincos` polynomials PyTorch's AVX2
/// kernel runs in its Box–Muller block (the Cephes-derived `log256_ps` and
/// `sincos256_ps` of `avx_mathfun.h`), lane by lane.
///
/// Bit-exactness needs more than the polynomials: GCC compiled that kernel with
/// floating-point contraction, so some multiply-then-add pairs are one fused
/// multiply-add and others are two roundings. Every `addingProduct` below is a
/// place where the compiled kernel fuses; every separate `*` and `+` is a place
/// where it rounds twice. The placement was fitted to, and is checked against,
/// values from the real library (see docs/frameworks/torch.md).
enum AVX2MathFloat32 {
  // Constants are written as doubles and rounded once to float, as the C
  // source's float initialisers from double literals are.
  static let minNormal = Float(bitPattern: 0x0080_0000)
  static let sqrtHalf = Float(0.707106781186547524 as Double)
  static let logP: (Float, Float, Float, Float, Float, Float, Float, Float, Float) = (
    Float(7.0376836292E-2 as Double), Float(-1.1514610310E-1 as Double), Float(1.1676998740E-1 as Double),
    Float(-1.2420140846E-1 as Double), Float(1.4249322787E-1 as Double), Float(-1.6668057665E-1 as Double),
    Float(2.0000714765E-1 as Double), Float(-2.4999993993E-1 as Double), Float(3.3333331174E-1 as Double))
  static let logQ1 = Float(-2.12194440e-4 as Double)
  static let logQ2 = Float(0.693359375 as Double)

  static let minusDP1 = Float(-0.78515625 as Double)
  static let minusDP2 = Float(-2.4187564849853515625e-4 as Double)
  static let minusDP3 = Float(-3.77489497744594108e-8 as Double)
  static let sinP0 = Float(-1.9515295891E-4 as Double)
  static let sinP1 = Float(8.3321608736E-3 as Double)
  static let sinP2 = Float(-1.6666654611E-1 as Double)
  static let cosP0 = Float(2.443315711809948E-005 as Double)
  static let cosP1 = Float(-1.388731625493765E-003 as Double)
  static let cosP2 = Float(4.166664568298827E-002 as Double)
  static let fourOverPi = Float(1.27323954473516 as Double)

  /// Natural logarithm of `input` (NaN for `input <= 0`).
  static func log(_ input: Float) -> Float {
    let invalid = input <= 0
    // max(x, smallest normal) keeps the second operand when the compare fails, as maxps does.
    var x = input > minNormal ? input : minNormal
    let exponentBits = Int32(bitPattern: x.bitPattern >> 23)
    x = Float(bitPattern: (x.bitPattern & ~0x7F80_0000) | Float(0.5).bitPattern)
    var e = Float(exponentBits &- 0x7F) + 1
    let below = x < sqrtHalf
    let tmp: Float = below ? x : 0
    x = x - 1
    e = e - (below ? 1 : 0)
    x = x + tmp
    let z = x * x
    let p = logP  // one read of the table; the polynomial is unrolled
    var y = p.0
    y = p.1.addingProduct(y, x)                                      // fma(y, x, p_k)
    y = p.2.addingProduct(y, x)
    y = p.3.addingProduct(y, x)
    y = p.4.addingProduct(y, x)
    y = p.5.addingProduct(y, x)
    y = p.6.addingProduct(y, x)
    y = p.7.addingProduct(y, x)
    y = p.8.addingProduct(y, x)
    y = y * x
    y = (e * logQ1).addingProduct(y, z)                             // fma(y, z, e*q1)
    y = y.addingProduct(-z, 0.5)                                     // fma(-z, 0.5, y)
    x = (x + y).addingProduct(e, logQ2)                              // fma(e, q2, x + y)
    return invalid ? .nan : x
  }

  /// Sine and cosine of `input`, valid for the Box–Muller angles in [0, 2π).
  static func sinCos(_ input: Float) -> (sin: Float, cos: Float) {
    var signSin = input.bitPattern & 0x8000_0000
    var x = Float(bitPattern: input.bitPattern & 0x7FFF_FFFF)
    var y = x * fourOverPi
    // cvttps2dq: truncation, 0x80000000 when out of range.
    var j: Int32 = y.magnitude < 2_147_483_648 ? Int32(y) : Int32.min
    j = (j &+ 1) & ~1
    y = Float(j)
    let swapSignSin = UInt32(bitPattern: (j & 4) << 29)
    let sinFromSinPolynomial = (j & 2) == 0
    x = x.addingProduct(y, minusDP1)                                 // fma(y, -DP1, x)
    x = x.addingProduct(y, minusDP2)
    x = x.addingProduct(y, minusDP3)
    let signCos = UInt32(bitPattern: (~(j &- 2) & 4) << 29)
    signSin ^= swapSignSin
    let z = x * x
    var yc = cosP1.addingProduct(cosP0, z)                           // fma(c0, z, c1)
    yc = cosP2.addingProduct(yc, z)
    yc = yc * z
    yc = (-(z * 0.5)).addingProduct(yc, z)                           // fma(yc, z, -(z*0.5))
    yc = yc + 1
    var ys = sinP1.addingProduct(sinP0, z)
    ys = sinP2.addingProduct(ys, z)
    ys = ys * z
    ys = x.addingProduct(ys, x)                                      // fma(ys, x, x)
    // Blend exactly as the vector code does (masked adds, not a select).
    let sinPart: Float = sinFromSinPolynomial ? ys : 0
    let cosPart: Float = sinFromSinPolynomial ? 0 : yc
    let s = cosPart + sinPart
    let c = (yc - cosPart) + (ys - sinPart)
    return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
  }
}
