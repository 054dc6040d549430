#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TorchStreams

/// Sanity of the polynomial emulation on its own (the goldens prove it bit for
/// bit inside Box–Muller; these show it is a log and a sincos at all).
@Suite struct AVX2MathTests {
  @Test func logIsWithinTwoUlpsOfLibm() {
    var x: Float = 0x1p-24
    while x <= 1 {
      let approx = AVX2MathFloat32.log(x)
      let exact = logf(x)
      #expect(abs(approx - exact) <= 2 * max(exact.ulp, Float.leastNormalMagnitude), "log(\(x))")
      x = x * 1.001 + 0x1p-30
    }
    #expect(AVX2MathFloat32.log(1) == 0)
    #expect(AVX2MathFloat32.log(0).isNaN && AVX2MathFloat32.log(-1).isNaN)
  }

  @Test func sinCosAreWithinTwoUlpsOfLibmOnTheBoxMullerRange() {
    var theta: Float = 0
    while theta < 2 * .pi {
      let (s, c) = AVX2MathFloat32.sinCos(theta)
      #expect(abs(s - sinf(theta)) <= 2 * Float(1).ulp, "sin(\(theta))")
      #expect(abs(c - cosf(theta)) <= 2 * Float(1).ulp, "cos(\(theta))")
      theta += 0.000_731
    }
  }
}
