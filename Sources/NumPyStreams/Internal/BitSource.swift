import RNGBits

/// The raw draws NumPy's samplers ask a bit generator for (its `bitgen_t`).
///
/// Internal: the samplers are generic over this protocol so each bit
/// generator gets its own specialised loop; nothing is called through a
/// protocol witness at run time in optimised builds.
protocol NumPyBitSource {
  /// `next_uint32`.
  mutating func nextUInt32() -> UInt32
  /// `next_uint64`.
  mutating func nextUInt64() -> UInt64
  /// `next_double`.
  mutating func nextDouble() -> Double
  /// `next_float`: `(next_uint32 >> 8) * 2^-24`.
  mutating func nextFloat() -> Float
  /// The stream counter, in the generator's own unit.
  var counter: UInt64 { get }
}

extension MT19937: NumPyBitSource {
  @inline(__always) mutating func nextUInt32() -> UInt32 { next() }
  @inline(__always) mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) mutating func nextFloat() -> Float { Float(next() >> 8) * (1.0 / 16_777_216.0) }
  var counter: UInt64 { wordsDrawn }
}

extension PCG64: NumPyBitSource {
  @inline(__always) mutating func nextUInt32() -> UInt32 { next32() }
  @inline(__always) mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) mutating func nextFloat() -> Float { nextFloat24() }
  var counter: UInt64 { wordsDrawn }
}
