import RNGBits
import RNGStreams

/// The Philox key and counter a stateless TensorFlow op derives from its
/// `seed=[s0, s1]` (`GenerateKey`, also `StatelessRandomGetKeyCounter`).
///
/// Both seed elements are sign-extended to 64 bits and hashed with one
/// Philox block under the fixed key `(0x3EC8F720, 0x02461E29)`; the
/// block's words 0–1 become the key and words 2–3 the high half of the
/// counter (the low half starts at 0).
///
/// ```swift
/// let k = StatelessKey(seed: (1, 2))
/// k.key       // (0x6d2f7fba, 0x908502c9)
/// k.counter   // (0, 0, 0x619cb60b, 0xf7734320)
/// ```
///
/// Edge case: an int32 seed `-1` is the 64-bit pattern `0xFFFF_FFFF_FFFF_FFFF`,
/// so `[-1, 5]` and `[2**32 - 1, 5]` (an int64 tensor) give different keys.
public struct StatelessKey: Sendable, Hashable {
  /// The two seed elements as given.
  public let seed: (Int64, Int64)
  public let key: SIMD2<UInt32>
  public let counter: SIMD4<UInt32>

  /// The fixed key of the seed scrambling block.
  static let scrambleKey = SIMD2<UInt32>(0x3EC8_F720, 0x0246_1E29)

  public init(seed: (Int64, Int64)) {
    self.seed = seed
    let s0 = UInt64(bitPattern: seed.0)
    let s1 = UInt64(bitPattern: seed.1)
    let mix = Philox4x32.block(
      counter: SIMD4(
        UInt32(truncatingIfNeeded: s0), UInt32(truncatingIfNeeded: s0 >> 32),
        UInt32(truncatingIfNeeded: s1), UInt32(truncatingIfNeeded: s1 >> 32)),
      key: Self.scrambleKey)
    key = SIMD2(mix[0], mix[1])
    counter = SIMD4(0, 0, mix[2], mix[3])
  }

  /// A key from a Python seed list; it must have exactly two elements.
  ///
  /// - Throws: ``FrameworkError`` for any other length.
  public init(seed: [Int64]) throws {
    guard seed.count == 2 else {
      throw FrameworkError("seed must have shape [2], got \(seed.count) element(s).", parameter: "seed")
    }
    self.init(seed: (seed[0], seed[1]))
  }

  /// The stream every stateless op with this seed reads: `stateless(s0,s1)`.
  public var stream: StreamIdentity {
    StreamIdentity(
      framework: .tensorflow, name: "stateless(\(seed.0),\(seed.1))", algorithm: .philox4x32_10,
      seedMaterial: "key=(\(hex(key[0])),\(hex(key[1]))) counter=(0,0,\(hex(counter[2])),\(hex(counter[3])))",
      seeding: .derived(rule: "tf.stateless.GenerateKey", from: "seed=[\(seed.0), \(seed.1)]"))
  }

  var fill: PhiloxFill { PhiloxFill(counter: counter, key: key) }

  public static func == (a: StatelessKey, b: StatelessKey) -> Bool { a.seed == b.seed }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(seed.0)
    hasher.combine(seed.1)
  }
}

/// `0x` and eight lowercase hex digits.
func hex(_ word: UInt32) -> String {
  let digits = String(word, radix: 16)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
