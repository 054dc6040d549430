// Internal: TensorFlow's float32 Box–Muller transform.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Two float32 standard normals from two Philox words, as TensorFlow's
/// `BoxMullerFloat` computes them.
///
/// ```swift
/// let (first, second) = boxMullerFloat(block[0], block[1])
/// ```
///
/// The steps, with their roundings:
/// - `u1 = Uint32ToFloat(x0)`, raised to 1e-7f when smaller (so a zero word
///   gives a finite value);
/// - `v1 = Float(2π · Double(Uint32ToFloat(x1)))`: the constant is a double,
///   so the product is formed in double and rounded once to float;
/// - `u2 = sqrtf(-2 · logf(u1))` in float32 with the C library's `logf`;
/// - the **sine** output comes first: `(sin(v1) · u2, cos(v1) · u2)`, with
///   both from one `sincosf` call on Linux.
@inline(__always)
@usableFromInline
func boxMullerFloat(_ x0: UInt32, _ x1: UInt32) -> (Float, Float) {
  let epsilon = Float(bitPattern: 0x33D6_BF95)  // 1.0e-7f
  var u1 = uint32ToFloat(x0)
  if u1 < epsilon { u1 = epsilon }
  let v1 = Float(2.0 * Double.pi * Double(uint32ToFloat(x1)))
  let u2 = (-2.0 * logf(u1)).squareRoot()
  let (s, c) = LibMSinCos.evaluate(v1)
  return (s * u2, c * u2)
}
