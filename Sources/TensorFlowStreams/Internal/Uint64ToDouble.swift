// Internal: TensorFlow's two-word → float64 conversion.

/// A float64 in [0, 1) from two Philox words: the low 20 bits of `high`
/// and all 32 bits of `low` form the 52-bit mantissa under exponent 1023,
/// then 1 is subtracted.
///
/// ```swift
/// uint64ToDouble(0, 0)                     // 0.0
/// uint64ToDouble(0x000F_FFFF, 0xFFFF_FFFF) // 1 - 2^-52
/// ```
///
/// TensorFlow passes the block's words in order: `(w[2i], w[2i+1])`, so
/// the *first* word supplies the high mantissa bits.
@inline(__always)
@usableFromInline
func uint64ToDouble(_ high: UInt32, _ low: UInt32) -> Double {
  let mantissa = (UInt64(high & 0x000F_FFFF) << 32) | UInt64(low)
  return Double(bitPattern: (1023 << 52) | mantissa) - 1.0
}
