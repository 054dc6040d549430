import RNGBits
import RNGStreams

/// CPython's `random.Random`: MT19937 seeded by `init_by_array`, plus the
/// `gauss` cache.
///
/// The same type serves the module-level `random.*` functions, a user's
/// `random.Random(s)` instance, TensorFlow's private eager op-seed generator
/// and tf-keras's seed generator: all of them are CPython `Random` objects.
///
/// ```swift
/// var r = PythonRandom(seed: 42)
/// r.random()                   // 0.6394267984578837
/// PythonRandom(seed: 42).randint(0, 2_147_483_647)   // 478163327
/// ```
///
/// Edge cases:
/// - Integer seeds use their absolute value: `seed(-42) == seed(42)`.
/// - Seeds wider than 64 bits go through ``init(seedWords:)`` with the
///   magnitude's 32-bit words, least significant first.
/// - `seed(0)` seeds with the one word `[0]`.
public struct PythonRandom: Sendable, Hashable {
  /// The underlying generator.
  public var mt: MT19937
  /// The second value of the last `gauss()` pair, returned by the next call.
  public var gaussNext: Double?

  /// Seeds from the magnitude's 32-bit words, least significant first
  /// (`random.seed(n)` for any int `n`).
  public init(seedWords: [UInt32]) {
    mt = MT19937(key: seedWords.isEmpty ? [0] : seedWords)
    gaussNext = nil
  }

  /// `random.seed(seed)` for an int that fits in 64 bits.
  public init(seed: Int64) {
    self.init(seedWords: Self.words(of: seed.magnitude))
  }

  /// The 32-bit words of `magnitude`, least significant first (`[0]` for 0).
  public static func words(of magnitude: UInt64) -> [UInt32] {
    let low = UInt32(truncatingIfNeeded: magnitude)
    let high = UInt32(truncatingIfNeeded: magnitude >> 32)
    return high == 0 ? [low] : [low, high]
  }

  /// `random()`: a 53-bit double in [0, 1), two words.
  public mutating func random() -> Double { mt.nextDouble53() }

  /// `getrandbits(k)` for `0 <= k <= 64`: words are filled least significant
  /// first and the last word keeps its high bits.
  ///
  /// - Precondition: `k <= 64`.
  public mutating func getrandbits(_ k: Int) -> UInt64 {
    precondition((0...64).contains(k), "getrandbits(k) handles k <= 64 here")
    if k == 0 { return 0 }
    if k <= 32 { return UInt64(mt.next() >> UInt32(32 - k)) }
    let low = UInt64(mt.next())
    let high = UInt64(mt.next() >> UInt32(64 - k))
    return (high << 32) | low
  }

  /// `_randbelow(n)`: `getrandbits(n.bit_length())` until the result is below `n`.
  ///
  /// - Precondition: `n > 0`.
  public mutating func randbelow(_ n: UInt64) -> UInt64 {
    precondition(n > 0, "randbelow needs n > 0")
    let k = UInt64.bitWidth - n.leadingZeroBitCount
    var r = getrandbits(k)
    while r >= n { r = getrandbits(k) }
    return r
  }

  /// `randint(a, b)`: uniform in `a...b`, inclusive.
  ///
  /// - Precondition: `a <= b` and the span fits in `UInt64`.
  public mutating func randint(_ a: Int64, _ b: Int64) -> Int64 {
    precondition(a <= b, "randint needs a <= b")
    let span = UInt64(bitPattern: b &- a) &+ 1
    return a &+ Int64(bitPattern: randbelow(span))
  }
}
