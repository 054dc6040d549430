// Internal: TensorFlow's 32-bit word → float32 conversion.

/// A float32 in [0, 1) from the **low 23 bits** of a Philox word.
///
/// TensorFlow puts the word's low 23 bits under a fixed exponent of 127
/// (a float in [1, 2)) and subtracts 1, so every output is a multiple of
/// 2^-23 and the word's top 9 bits are ignored.
///
/// ```swift
/// uint32ToFloat(0x0000_0000)   // 0.0
/// uint32ToFloat(0xFF80_0000)   // 0.0 (only the low 23 bits count)
/// uint32ToFloat(0x007F_FFFF)   // 1 - 2^-23
/// ```
@inline(__always)
@usableFromInline
func uint32ToFloat(_ word: UInt32) -> Float {
  Float(bitPattern: (127 << 23) | (word & 0x007F_FFFF)) - 1.0
}
