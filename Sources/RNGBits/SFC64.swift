/// SFC64, Chris Doty-Humphrey's Small Fast Chaotic generator, as NumPy's
/// `np.random.SFC64` runs it.
///
/// The state is three 64-bit words `a`, `b`, `c` and a 64-bit counter `w`
/// that steps by one per output. Each output is `a + b + w`; the words are
/// then mixed with shifts and a rotation.
///
/// ```swift
/// var sfc = SFC64(seedSequence: SeedSequence(entropy: [0]))   // np.random.SFC64(0)
/// sfc.next64()     // 0x91959e5fb96a6332 (NumPy's sfc64-testset-2, row 0)
/// sfc.next32()     // low half of the next output; the high half is kept
/// ```
///
/// Seeding (NumPy): `a, b, c` are `seed_seq.generate_state(3, uint64)`,
/// `w = 1`, and twelve outputs are discarded.
///
/// Edge cases:
/// - 32-bit draws split one 64-bit output, low half first, and keep the high
///   half for the next 32-bit draw (NumPy's `has_uint32`); 64-bit draws
///   neither use nor clear it.
/// - ``wordsDrawn`` counts 64-bit outputs since seeding, not the twelve
///   discarded ones; NumPy's own counter `w` is in ``counter``.
public struct SFC64: HalfWordBuffered, Sendable, Hashable {
  @usableFromInline var a: UInt64
  @usableFromInline var b: UInt64
  @usableFromInline var c: UInt64
  @usableFromInline var w: UInt64
  /// The three mixed state words, `a`, `b`, `c`.
  public var words: (a: UInt64, b: UInt64, c: UInt64) { (a, b, c) }
  /// NumPy's counter `w` (the fourth word of `state['state']`).
  public var counter: UInt64 { w }
  /// The kept high half of the last 64-bit output (see ``HalfWordBuffered``).
  public var halfWord = HalfWordBuffer()
  @usableFromInline var drawn: UInt64 = 0

  /// Number of 64-bit outputs drawn since the state was installed.
  public var wordsDrawn: UInt64 { drawn }

  /// Installs a raw state (NumPy's `bit_generator.state = {...}`), nothing discarded.
  public init(a: UInt64, b: UInt64, c: UInt64, counter: UInt64, cachedUInt32: UInt32? = nil) {
    self.a = a
    self.b = b
    self.c = c
    w = counter
    halfWord = HalfWordBuffer(cachedUInt32)
  }

  /// NumPy's seeding from three 64-bit words: `w = 1`, then twelve outputs discarded.
  public init(seed: (UInt64, UInt64, UInt64)) {
    self.init(a: seed.0, b: seed.1, c: seed.2, counter: 1)
    for _ in 0..<12 { _ = next64() }
    drawn = 0
  }

  /// `np.random.SFC64(seed_seq)`: the seed words are `generate_state(3, uint64)`.
  public init(seedSequence: SeedSequence) {
    let s = seedSequence.generateState64(3)
    self.init(seed: (s[0], s[1], s[2]))
  }

  /// The next 64-bit output.
  @inlinable
  public mutating func next64() -> UInt64 {
    let out = a &+ b &+ w
    w &+= 1
    a = b ^ (b >> 11)
    b = c &+ (c << 3)
    c = ((c << 24) | (c >> 40)) &+ out
    drawn &+= 1
    return out
  }

  /// Same words, counter, kept half-word and draw count.
  public static func == (lhs: SFC64, rhs: SFC64) -> Bool {
    lhs.words == rhs.words && lhs.counter == rhs.counter && lhs.halfWord == rhs.halfWord
      && lhs.drawn == rhs.drawn
  }

  /// Hashes what ``==`` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(words.a)
    hasher.combine(words.b)
    hasher.combine(words.c)
    hasher.combine(counter)
    hasher.combine(halfWord)
    hasher.combine(drawn)
  }
}
