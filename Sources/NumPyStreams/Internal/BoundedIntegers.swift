import RNGStreams

/// NumPy's bounded-integer kernels (`distributions.c`): integers in the
/// closed interval `[off, off + rng]`, by masked rejection (RandomState) or
/// Lemire's multiply-shift rejection (Generator).
///
/// Internal. One function per output width; each reproduces NumPy's word
/// consumption exactly, including the buffered 8- and 16-bit paths that
/// split one 32-bit word into several values (low bits first) and restart
/// their buffer on every call.
enum BoundedIntegers {
  /// Masked rejection (legacy RandomState) or Lemire's method (Generator).
  enum Method: Sendable {
    case masked
    case lemire
  }

  /// The smallest `2^k - 1` that is `>= value`.
  @inline(__always)
  static func mask(covering value: UInt64) -> UInt64 {
    var mask = value
    mask |= mask >> 1
    mask |= mask >> 2
    mask |= mask >> 4
    mask |= mask >> 8
    mask |= mask >> 16
    mask |= mask >> 32
    return mask
  }

  /// `random_interval(max)`: uniform in `0...max` by masked rejection, with
  /// 32-bit draws when `max` fits in 32 bits. Used by every `shuffle` and
  /// `permutation`, in both APIs.
  @inline(__always)
  static func interval<B: NumPyBitSource>(_ bits: inout B, max: UInt64) -> UInt64 {
    if max == 0 { return 0 }
    let mask = mask(covering: max)
    if max <= 0xFFFF_FFFF {
      let mask32 = UInt32(truncatingIfNeeded: mask)
      while true {
        let value = UInt64(bits.nextUInt32() & mask32)
        if value <= max { return value }
      }
    }
    while true {
      let value = bits.nextUInt64() & mask
      if value <= max { return value }
    }
  }

  // MARK: 32-bit and 64-bit kernels

  @inline(__always)
  static func masked32<B: NumPyBitSource>(_ bits: inout B, rng: UInt32, mask: UInt32) -> UInt32 {
    while true {
      let value = bits.nextUInt32() & mask
      if value <= rng { return value }
    }
  }

  @inline(__always)
  static func lemire32<B: NumPyBitSource>(_ bits: inout B, rng: UInt32) -> UInt32 {
    let exclusive = rng &+ 1
    var product = UInt64(bits.nextUInt32()) &* UInt64(exclusive)
    var leftover = UInt32(truncatingIfNeeded: product)
    if leftover < exclusive {
      let threshold = (UInt32.max &- rng) % exclusive
      while leftover < threshold {
        product = UInt64(bits.nextUInt32()) &* UInt64(exclusive)
        leftover = UInt32(truncatingIfNeeded: product)
      }
    }
    return UInt32(truncatingIfNeeded: product >> 32)
  }

  @inline(__always)
  static func masked64<B: NumPyBitSource>(_ bits: inout B, rng: UInt64, mask: UInt64) -> UInt64 {
    while true {
      let value = bits.nextUInt64() & mask
      if value <= rng { return value }
    }
  }

  @inline(__always)
  static func lemire64<B: NumPyBitSource>(_ bits: inout B, rng: UInt64) -> UInt64 {
    let exclusive = rng &+ 1
    var product = bits.nextUInt64().multipliedFullWidth(by: exclusive)
    if product.low < exclusive {
      let threshold = (UInt64.max &- rng) % exclusive
      while product.low < threshold {
        product = bits.nextUInt64().multipliedFullWidth(by: exclusive)
      }
    }
    return product.high
  }

  /// `random_bounded_uint64` for one value in `0...rng` (Generator's `choice`
  /// and its integer shuffles, with ``Method/lemire``).
  @inline(__always)
  static func bounded64<B: NumPyBitSource>(_ bits: inout B, rng: UInt64, method: Method) -> UInt64 {
    if rng == 0 { return 0 }
    if rng == 0xFFFF_FFFF { return UInt64(bits.nextUInt32()) }
    if rng < 0xFFFF_FFFF {
      switch method {
      case .masked:
        return UInt64(masked32(&bits, rng: UInt32(rng), mask: UInt32(truncatingIfNeeded: mask(covering: rng))))
      case .lemire: return UInt64(lemire32(&bits, rng: UInt32(rng)))
      }
    }
    if rng == UInt64.max { return bits.nextUInt64() }
    switch method {
    case .masked: return masked64(&bits, rng: rng, mask: mask(covering: rng))
    case .lemire: return lemire64(&bits, rng: rng)
    }
  }

  /// `random_bounded_uint64_fill`: the int64/uint64 dtypes. Spans that fit in
  /// 32 bits go through the 32-bit kernels. Values are stored as `T` (the
  /// dtype's own element, same bits), so no converting copy follows.
  static func fill64<B: NumPyBitSource, T: FixedWidthInteger>(
    _ bits: inout B, off: UInt64, rng: UInt64, count: Int, method: Method, as _: T.Type = UInt64.self
  ) -> [T] {
    [T](unsafeUninitializedCapacity: count) { out, initialized in
      HugePages.advise(out)
      if rng == 0 {
        for i in 0..<count { out[i] = T(truncatingIfNeeded: off) }
      } else if rng == 0xFFFF_FFFF {
        for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ UInt64(bits.nextUInt32())) }
      } else if rng < 0xFFFF_FFFF {
        let rng32 = UInt32(rng)
        switch method {
        case .masked:
          let mask = UInt32(truncatingIfNeeded: Self.mask(covering: rng))
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ UInt64(masked32(&bits, rng: rng32, mask: mask))) }
        case .lemire:
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ UInt64(lemire32(&bits, rng: rng32))) }
        }
      } else if rng == UInt64.max {
        for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ bits.nextUInt64()) }
      } else {
        switch method {
        case .masked:
          let mask = Self.mask(covering: rng)
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ masked64(&bits, rng: rng, mask: mask)) }
        case .lemire:
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ lemire64(&bits, rng: rng)) }
        }
      }
      initialized = count
    }
  }

  /// `random_bounded_uint32_fill`: the int32/uint32 dtypes, stored as `T`.
  static func fill32<B: NumPyBitSource, T: FixedWidthInteger>(
    _ bits: inout B, off: UInt32, rng: UInt32, count: Int, method: Method, as _: T.Type = UInt32.self
  ) -> [T] {
    [T](unsafeUninitializedCapacity: count) { out, initialized in
      HugePages.advise(out)
      if rng == 0 {
        for i in 0..<count { out[i] = T(truncatingIfNeeded: off) }
      } else if rng == 0xFFFF_FFFF {
        for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ bits.nextUInt32()) }
      } else {
        switch method {
        case .masked:
          let mask = UInt32(truncatingIfNeeded: Self.mask(covering: UInt64(rng)))
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ masked32(&bits, rng: rng, mask: mask)) }
        case .lemire:
          for i in 0..<count { out[i] = T(truncatingIfNeeded: off &+ lemire32(&bits, rng: rng)) }
        }
      }
      initialized = count
    }
  }

  // MARK: Buffered 16-bit, 8-bit and boolean kernels

  /// A 32-bit word handed out in `width`-bit pieces, low bits first; a new
  /// word is drawn when the pieces run out. Lives for one call only.
  struct WordBuffer {
    var word: UInt32 = 0
    var remaining = 0

    @inline(__always)
    mutating func next<B: NumPyBitSource>(_ bits: inout B, width: Int) -> UInt32 {
      if remaining == 0 {
        word = bits.nextUInt32()
        remaining = 32 / width - 1
      } else {
        word >>= UInt32(width)
        remaining -= 1
      }
      return word
    }
  }

  /// `random_bounded_uint16_fill` (int16/uint16) and `random_bounded_uint8_fill`
  /// (int8/uint8): `width` is 16 or 8; values are returned widened.
  static func fillNarrow<B: NumPyBitSource>(
    _ bits: inout B, off: UInt32, rng: UInt32, count: Int, width: Int, method: Method
  ) -> [UInt32] {
    let full: UInt32 = width == 16 ? 0xFFFF : 0xFF
    var buffer = WordBuffer()
    return [UInt32](unsafeUninitializedCapacity: count) { out, initialized in
      HugePages.advise(out)
      if rng == 0 {
        for i in 0..<count { out[i] = off }
      } else if rng == full {
        for i in 0..<count { out[i] = (off &+ buffer.next(&bits, width: width)) & full }
      } else {
        switch method {
        case .masked:
          let mask = UInt32(truncatingIfNeeded: Self.mask(covering: UInt64(rng)))
          for i in 0..<count {
            var value: UInt32
            repeat { value = buffer.next(&bits, width: width) & mask } while value > rng
            out[i] = (off &+ value) & full
          }
        case .lemire:
          let exclusive = rng + 1
          for i in 0..<count {
            var product = (buffer.next(&bits, width: width) & full) &* exclusive
            var leftover = product & full
            if leftover < exclusive {
              let threshold = (full - rng) % exclusive
              while leftover < threshold {
                product = (buffer.next(&bits, width: width) & full) &* exclusive
                leftover = product & full
              }
            }
            out[i] = (off &+ (product >> UInt32(width))) & full
          }
        }
      }
      initialized = count
    }
  }

  /// `random_bounded_bool_fill`: one bit per value from a 32-bit word, bit 0 first.
  static func fillBool<B: NumPyBitSource>(_ bits: inout B, off: Bool, rng: UInt32, count: Int) -> [Bool] {
    if rng == 0 { return [Bool](repeating: off, count: count) }
    var buffer = WordBuffer()
    return [Bool](unsafeUninitializedCapacity: count) { out, initialized in
      HugePages.advise(out)
      for i in 0..<count { out[i] = buffer.next(&bits, width: 1) & 1 != 0 }
      initialized = count
    }
  }
}
