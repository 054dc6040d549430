/// NumPy's 32-bit draw rule for its 64-bit bit generators (PCG64,
/// PCG64DXSM, Philox, SFC64): `next_uint32` returns the low half of a fresh
/// 64-bit output and keeps the high half (`has_uint32`, `uinteger`) for the
/// next 32-bit draw; 64-bit draws neither use nor clear it.
///
/// ```swift
/// var sfc = SFC64(seedSequence: SeedSequence(entropy: [0]))
/// sfc.next32()          // 0xb96a6332, low half of 0x91959e5fb96a6332
/// sfc.cachedUInt32      // 0x91959e5f, kept for the next 32-bit draw
/// sfc.nextDouble53()    // from a fresh 64-bit output; the kept half stays
/// ```
///
/// A conforming type supplies ``next64()`` and storage for the kept half;
/// `next32`, NumPy's `next_double` and `next_float` come from here, so the
/// four generators cannot drift apart.
public protocol HalfWordBuffered {
  /// The next 64-bit output.
  mutating func next64() -> UInt64
  /// The kept high half and whether it is waiting to be used.
  var halfWord: HalfWordBuffer { get set }
}

/// The kept high half of a 64-bit output (NumPy's `uinteger`) and whether it
/// is waiting (`has_uint32`). The value stays after it is used, as in NumPy.
public struct HalfWordBuffer: Sendable, Hashable {
  /// NumPy's `uinteger`.
  public var value: UInt32
  /// NumPy's `has_uint32`.
  public var isWaiting: Bool

  @inlinable
  public init(value: UInt32 = 0, isWaiting: Bool = false) {
    self.value = value
    self.isWaiting = isWaiting
  }

  /// A buffer holding `cached`, or an empty one for nil.
  @inlinable
  public init(_ cached: UInt32?) {
    self.init(value: cached ?? 0, isWaiting: cached != nil)
  }
}

extension HalfWordBuffered {
  /// The next 32-bit output: the kept high half if one is waiting, else the
  /// low half of a fresh 64-bit output (whose high half is kept).
  @inlinable
  public mutating func next32() -> UInt32 {
    if halfWord.isWaiting {
      halfWord.isWaiting = false
      return halfWord.value
    }
    let word = next64()
    halfWord = HalfWordBuffer(value: UInt32(truncatingIfNeeded: word >> 32), isWaiting: true)
    return UInt32(truncatingIfNeeded: word)
  }

  /// NumPy's `next_double`: `(next64() >> 11) * 2^-53`.
  @inlinable
  public mutating func nextDouble53() -> Double {
    Double(next64() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }

  /// NumPy's `next_float`: `(next32() >> 8) * 2^-24`.
  @inlinable
  public mutating func nextFloat24() -> Float {
    Float(next32() >> 8) * (1.0 / 16_777_216.0)
  }

  /// The high half of the last 64-bit output, when a 32-bit draw left it for the next one.
  public var cachedUInt32: UInt32? { halfWord.isWaiting ? halfWord.value : nil }

  /// NumPy's `uinteger`: the last high half a 32-bit draw kept, still there
  /// after it is used (then ``cachedUInt32`` is nil); 0 until the first
  /// 32-bit draw and after an `advance`.
  public var keptHalfWord: UInt32 { halfWord.value }
}
