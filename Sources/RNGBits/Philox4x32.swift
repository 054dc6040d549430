/// Philox4x32-10, the counter-based generator of TensorFlow's random ops
/// (CPU and GPU) and of curand.
///
/// A block is a pure function of a 128-bit counter and a 64-bit key; the
/// generator steps the counter by one block per call.
///
/// ```swift
/// Philox4x32.block(counter: .zero, key: .zero)
/// // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
///
/// var philox = Philox4x32(counter: [0, 0, 5, 0], key: [87654321, 0])
/// philox.nextBlock()      // block at counter (0, 0, 5, 0)
/// philox.blocksDrawn      // 1
/// ```
///
/// The counter is a little-endian 128-bit integer: word 0 is the lowest.
/// ``skip(blocks:)`` adds to it with carry, as TensorFlow's `Skip` does.
/// The stream's counter unit is one 128-bit block (four 32-bit words).
public struct Philox4x32: Sendable, Hashable {
  // Constants as inlinable computed properties, so loops in other modules
  // fold them rather than read globals.
  @inlinable static var multiplier0: UInt64 { 0xD251_1F53 }
  @inlinable static var multiplier1: UInt64 { 0xCD9E_8D57 }
  @inlinable static var keyBump0: UInt32 { 0x9E37_79B9 }
  @inlinable static var keyBump1: UInt32 { 0xBB67_AE85 }

  /// The counter of the next block.
  public private(set) var counter: SIMD4<UInt32>
  /// The key; never modified by drawing.
  public let key: SIMD2<UInt32>
  /// Blocks drawn or skipped since creation.
  public private(set) var blocksDrawn: UInt64 = 0

  /// A generator whose next block is at `counter`.
  public init(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) {
    self.counter = counter
    self.key = key
  }

  /// The ten-round Philox block function.
  @inlinable
  public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
    var c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3]
    var k0 = key[0], k1 = key[1]
    for round in 0..<10 {
      let p0 = multiplier0 &* UInt64(c0)
      let p1 = multiplier1 &* UInt64(c2)
      (c0, c1, c2, c3) = (
        UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0,
        UInt32(truncatingIfNeeded: p1),
        UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1,
        UInt32(truncatingIfNeeded: p0))
      if round < 9 {
        k0 &+= keyBump0
        k1 &+= keyBump1
      }
    }
    return SIMD4(c0, c1, c2, c3)
  }

  /// The block at the current counter; then the counter steps by one.
  public mutating func nextBlock() -> SIMD4<UInt32> {
    let out = Self.block(counter: counter, key: key)
    skip(blocks: 1)
    return out
  }

  /// Advances the counter by `blocks` (128-bit addition).
  public mutating func skip(blocks: UInt64) {
    counter = Self.add(counter, blocks)
    blocksDrawn &+= blocks
  }

  /// `counter + n` as 128-bit little-endian integers.
  @inlinable
  public static func add(_ counter: SIMD4<UInt32>, _ n: UInt64) -> SIMD4<UInt32> {
    let low = (UInt64(counter[1]) << 32) | UInt64(counter[0])
    let (sum, carried) = low.addingReportingOverflow(n)
    var result = SIMD4<UInt32>(
      UInt32(truncatingIfNeeded: sum), UInt32(truncatingIfNeeded: sum >> 32), counter[2], counter[3])
    if carried {
      let high = ((UInt64(counter[3]) << 32) | UInt64(counter[2])) &+ 1
      result[2] = UInt32(truncatingIfNeeded: high)
      result[3] = UInt32(truncatingIfNeeded: high >> 32)
    }
    return result
  }
}
