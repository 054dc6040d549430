// Internal: TensorFlow's float64 Box–Muller transform.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Two float64 standard normals from four Philox words, as TensorFlow's
/// `BoxMullerDouble` computes them.
///
/// ```swift
/// let (first, second) = boxMullerDouble(b[0], b[1], b[2], b[3])
/// ```
///
/// - `u1 = Uint64ToDouble(x0, x1)`, raised to 1e-7 when smaller;
/// - `v1 = 2π · Uint64ToDouble(x2, x3)`;
/// - `u2 = sqrt(-2 · log(u1))` with the C library's `log`;
/// - the **sine** output comes first, both from one `sincos` call on Linux.
@inline(__always)
@usableFromInline
func boxMullerDouble(_ x0: UInt32, _ x1: UInt32, _ x2: UInt32, _ x3: UInt32) -> (Double, Double) {
  let epsilon = Double(bitPattern: 0x3E7A_D7F2_9ABC_AF48)  // 1.0e-7
  var u1 = uint64ToDouble(x0, x1)
  if u1 < epsilon { u1 = epsilon }
  let v1 = 2.0 * Double.pi * uint64ToDouble(x2, x3)
  let u2 = (-2.0 * log(u1)).squareRoot()
  let (s, c) = LibMSinCos.evaluate(v1)
  return (s * u2, c * u2)
}
