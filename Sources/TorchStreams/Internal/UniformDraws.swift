/// How PyTorch turns MT19937 words into uniform floats and applies `from`/`to`.
///
/// float32 keeps the LOW 24 bits of one word; float64 the low 53 bits of
/// `random64()` (two words, the first one high). Both are exact in their type.
enum UniformDraws {
  @inline(__always)
  static func float32(_ word: UInt32) -> Float { Float(word & 0xFF_FFFF) * 0x1p-24 }

  @inline(__always)
  static func float64(_ word: UInt64) -> Double { Double(word & (1 << 53 - 1)) * 0x1p-53 }
}

/// `a * b + c` the way a kernel computed it: one rounding where the compiler
/// fused the pair into an FMA instruction, two where it did not.
@inline(__always)
func multiplyAdd(_ a: Float, _ b: Float, _ c: Float, fused: Bool) -> Float {
  fused ? c.addingProduct(a, b) : a * b + c
}

/// The float64 version of ``multiplyAdd(_:_:_:fused:)-(Float,Float,Float,Bool)``.
@inline(__always)
func multiplyAdd(_ a: Double, _ b: Double, _ c: Double, fused: Bool) -> Double {
  fused ? c.addingProduct(a, b) : a * b + c
}
