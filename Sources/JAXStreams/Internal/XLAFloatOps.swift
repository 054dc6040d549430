/// Element operations with XLA's semantics (internal).
enum XLAFloatOps {
  /// `lax.max` (LLVM `maximum`): NaN if either operand is NaN, and
  /// +0 above −0.
  @inline(__always)
  static func maximum<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    if a.isNaN || b.isNaN { return .nan }
    if a == b { return a.sign == .minus ? b : a }
    return a > b ? a : b
  }

  /// `lax.min` (LLVM `minimum`): NaN if either operand is NaN, and
  /// −0 below +0.
  @inline(__always)
  static func minimum<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    if a.isNaN || b.isNaN { return .nan }
    if a == b { return a.sign == .minus ? a : b }
    return a < b ? a : b
  }

  /// `x`, or a zero of its sign when it is subnormal: XLA CPU runs with
  /// flush-to-zero and denormals-are-zero.
  @inline(__always)
  static func flushed<T: BinaryFloatingPoint>(_ x: T) -> T {
    x.isSubnormal ? (x.sign == .minus ? -0.0 : 0.0) : x
  }

  /// `x` rounded to float16 (nearest, ties to even), widened back.
  @inline(__always)
  static func float16(_ x: Float) -> Float { Float(Float16(x)) }

  /// `x` rounded to bfloat16 (nearest, ties to even), widened back.
  @inline(__always)
  static func bfloat16(_ x: Float) -> Float {
    if x.isNaN { return x }
    let bits = x.bitPattern
    let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
    return Float(bitPattern: rounded & 0xFFFF_0000)
  }

  /// Rounds a float32 result to `dtype` (float16, bfloat16 or float32).
  @inline(__always)
  static func round(_ x: Float, to dtype: JAXDType) -> Float {
    switch dtype {
    case .float16: return float16(x)
    case .bfloat16: return bfloat16(x)
    default: return x
    }
  }
}
