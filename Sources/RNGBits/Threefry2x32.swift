/// Threefry2x32-20, the counter-based hash behind JAX's default PRNG.
///
/// JAX has no generator state: every random function hashes a key with a
/// counter it derives from the output index. This type is therefore just the
/// block function.
///
/// ```swift
/// Threefry2x32.hash(key: [0, 0], counter: [0, 0])   // [0x6b200159, 0x99ba4efe]
/// ```
///
/// Twenty rounds: five blocks of four rotate-add-xor rounds, with a key
/// injection after each block (rotation sets alternate between blocks).
public enum Threefry2x32 {
  @usableFromInline static let parity: UInt32 = 0x1BD1_1BDA
  @usableFromInline static let rotationsEven: (UInt32, UInt32, UInt32, UInt32) = (13, 15, 26, 6)
  @usableFromInline static let rotationsOdd: (UInt32, UInt32, UInt32, UInt32) = (17, 29, 16, 24)

  /// Hashes `counter` under `key`.
  @inlinable
  public static func hash(key: SIMD2<UInt32>, counter: SIMD2<UInt32>) -> SIMD2<UInt32> {
    let schedule = (key[0], key[1], key[0] ^ key[1] ^ parity)
    @inline(__always) func keyWord(_ i: Int) -> UInt32 {
      switch i % 3 {
      case 0: return schedule.0
      case 1: return schedule.1
      default: return schedule.2
      }
    }
    var x0 = counter[0] &+ schedule.0
    var x1 = counter[1] &+ schedule.1
    @inline(__always) func round(_ r: UInt32) {
      x0 &+= x1
      x1 = (x1 << r) | (x1 >> (32 - r))
      x1 ^= x0
    }
    for s in 1...5 {
      let rotations = s % 2 == 1 ? rotationsEven : rotationsOdd
      round(rotations.0)
      round(rotations.1)
      round(rotations.2)
      round(rotations.3)
      x0 &+= keyWord(s)
      x1 &+= keyWord(s + 1) &+ UInt32(s)
    }
    return SIMD2(x0, x1)
  }
}
