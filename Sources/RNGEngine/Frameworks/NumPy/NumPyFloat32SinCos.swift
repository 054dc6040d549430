import Foundation

/// NumPy's own float32 `sin` and `cos` (its Highway kernel, run on every
/// machine with fused multiply-add, element by element the same at any
/// vector width): `y = rint(x·2/π)` (the multiply fused with the rounding
/// add, as NumPy's compiled kernel contracts them), a three-step Cody-Waite reduction
/// `r = x − y·π/2` in fused multiply-adds, minimax polynomials for the sine
/// and cosine of `r`, picked and negated by the quadrant `y`. NumPy's own
/// accuracy note: at most 1.49 ulp, so glibc's `sinf`/`cosf` differ on many
/// inputs.
///
/// ```swift
/// NumPyFloat32SinCos.value(1, cosine: false)   // NumPy's np.sin(np.float32(1))
/// ```
///
/// Edge cases as NumPy's kernel: NaN gives NaN; beyond |x| = 117435.992
/// (sine) or 71476.0625 (cosine) the reduction loses precision and NumPy
/// calls the C library's `sinf`/`cosf`, as this does (glibc on Linux). On a
/// machine without FMA NumPy calls the C library for every element.
enum NumPyFloat32SinCos {
  private static let twoOverPi: Float = 0x1.45f306p-1
  private static let halfPiHigh: Float = -0x1.921fb0p+00
  private static let halfPiMiddle: Float = -0x1.5110b4p-22
  private static let halfPiLow: Float = -0x1.846988p-48
  private static let roundingMagic: Float = 0x1.8p23
  private static let cosine: [Float] = [0x1.000000p+00, -0x1.000000p-01, 0x1.55553cp-05, -0x1.6c06dcp-10, 0x1.98e616p-16]
  private static let sine: [Float] = [0, -0x1.555556p-03, 0x1.11119ap-07, -0x1.a06bbap-13, 0x1.7d3bbcp-19]

  /// `c[n]·xⁿ + … + c[0]` by Horner's rule, each step one fused multiply-add.
  private static func horner(_ c: [Float], _ x: Float) -> Float {
    var p = c[c.count - 1]
    for k in stride(from: c.count - 2, through: 0, by: -1) { p = c[k].addingProduct(p, x) }
    return p
  }

  /// `sin(x)` or, with `cosine`, `cos(x)` as NumPy computes it for float32.
  static func value(_ x: Float, cosine isCosine: Bool) -> Float {
    if x.isNaN { return .nan }
    if Swift.abs(x) > (isCosine ? 71476.0625 : 117435.992) {
      return isCosine ? Foundation.cos(x) : Foundation.sin(x)
    }
    let quadrant = roundingMagic.addingProduct(x, twoOverPi) - roundingMagic
    var r = x.addingProduct(quadrant, halfPiHigh)
    r = r.addingProduct(quadrant, halfPiMiddle)
    r = r.addingProduct(quadrant, halfPiLow)
    let r2 = r * r
    let c = horner(cosine, r2)
    let s = r.addingProduct(horner(sine, r2), r)
    let q = Int(quadrant) + (isCosine ? 1 : 0)
    let picked = q & 1 == 0 ? s : c
    return q & 2 == 2 ? 0 - picked : picked
  }
}
