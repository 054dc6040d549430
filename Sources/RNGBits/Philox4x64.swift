/// Philox4x64-10, the counter-based generator behind NumPy's `np.random.Philox`.
///
/// A block of four 64-bit words is a pure function of a 256-bit counter and
/// a 128-bit key (ten rounds). NumPy keeps one block in a buffer and hands
/// its words out in order; when the buffer is used up it first adds one to
/// the counter (with carry), then computes the block at the new counter.
///
/// ```swift
/// var philox = Philox4x64(seedSequence: SeedSequence(entropy: [0]))  // np.random.Philox(0)
/// philox.next64()    // 0x0399e5b222b82fa9: word 0 of the block at counter 1
/// philox.counter     // [1, 0, 0, 0]
/// ```
///
/// Seeding (NumPy): the key is `seed_seq.generate_state(2, uint64)`, the
/// counter starts at zero and the buffer is empty.
///
/// Edge cases:
/// - 32-bit draws split one 64-bit output, low half first, and keep the high
///   half for the next 32-bit draw, as for ``PCG64``.
/// - ``wordsDrawn`` counts 64-bit outputs, one buffer word each.
public struct Philox4x64: HalfWordBuffered, Sendable, Hashable {
  @inlinable static var multiplier0: UInt64 { 0xD2E7_470E_E14C_6C93 }
  @inlinable static var multiplier1: UInt64 { 0xCA5A_8263_9512_1157 }
  @inlinable static var keyBump0: UInt64 { 0x9E37_79B9_7F4A_7C15 }
  @inlinable static var keyBump1: UInt64 { 0xBB67_AE85_84CA_A73B }
  /// Words per block.
  public static let blockSize = 4

  @usableFromInline var ctr: SIMD4<UInt64>
  @usableFromInline var buf: SIMD4<UInt64> = .zero
  @usableFromInline var position: Int = Philox4x64.blockSize
  /// The key; drawing never changes it.
  public let key: SIMD2<UInt64>
  /// The counter of the block in the buffer, little-endian (word 0 lowest).
  public var counter: SIMD4<UInt64> { ctr }
  /// The current block.
  public var buffer: SIMD4<UInt64> { buf }
  /// The next buffer word to hand out; ``blockSize`` when the buffer is used up.
  public var bufferPosition: Int { position }
  /// The kept high half of the last 64-bit output (see ``HalfWordBuffered``).
  public var halfWord = HalfWordBuffer()
  @usableFromInline var drawn: UInt64 = 0

  /// Number of 64-bit outputs drawn since the state was installed.
  public var wordsDrawn: UInt64 { drawn }

  /// Installs a raw state (NumPy's `bit_generator.state = {...}`).
  ///
  /// - Precondition: `bufferPosition` is in `0...4`.
  public init(
    counter: SIMD4<UInt64>, key: SIMD2<UInt64>, buffer: SIMD4<UInt64> = .zero,
    bufferPosition: Int = Philox4x64.blockSize, cachedUInt32: UInt32? = nil
  ) {
    precondition((0...Self.blockSize).contains(bufferPosition), "the Philox buffer position must be in 0...4")
    ctr = counter
    self.key = key
    buf = buffer
    position = bufferPosition
    halfWord = HalfWordBuffer(cachedUInt32)
  }

  /// `np.random.Philox(seed_seq)`: key from `generate_state(2, uint64)`, counter zero.
  public init(seedSequence: SeedSequence) {
    let k = seedSequence.generateState64(2)
    self.init(counter: .zero, key: SIMD2(k[0], k[1]))
  }

  /// The ten-round Philox4x64 block function.
  @inlinable
  public static func block(counter: SIMD4<UInt64>, key: SIMD2<UInt64>) -> SIMD4<UInt64> {
    var c0 = counter[0], c1 = counter[1], c2 = counter[2], c3 = counter[3]
    var k0 = key[0], k1 = key[1]
    for round in 0..<10 {
      let (high0, low0) = multiplier0.multipliedFullWidth(by: c0)
      let (high1, low1) = multiplier1.multipliedFullWidth(by: c2)
      (c0, c1, c2, c3) = (high1 ^ c1 ^ k0, low1, high0 ^ c3 ^ k1, low0)
      if round < 9 {
        k0 &+= keyBump0
        k1 &+= keyBump1
      }
    }
    return SIMD4(c0, c1, c2, c3)
  }

  /// The next 64-bit output.
  @inlinable
  public mutating func next64() -> UInt64 {
    if position >= Self.blockSize {
      ctr = Self.add(ctr, (1, 0, 0, 0))
      buf = Self.block(counter: ctr, key: key)
      position = 0
    }
    let out = buf[position]
    position += 1
    drawn &+= 1
    return out
  }

  /// `counter + step` as 256-bit little-endian integers (mod 2^256).
  @inlinable
  public static func add(_ counter: SIMD4<UInt64>, _ step: (UInt64, UInt64, UInt64, UInt64)) -> SIMD4<UInt64> {
    var result = counter
    var carry: UInt64 = 0
    for (i, word) in [step.0, step.1, step.2, step.3].enumerated() {
      let (partial, overflow1) = result[i].addingReportingOverflow(word)
      let (sum, overflow2) = partial.addingReportingOverflow(carry)
      result[i] = sum
      carry = (overflow1 || overflow2) ? 1 : 0
    }
    return result
  }

  /// NumPy's `advance(delta)`: adds `delta` (256 bits, little-endian words)
  /// to the counter and empties the buffer and the kept half-word, so the next
  /// draw computes the block at `counter + delta + 1`.
  public mutating func advance(_ delta: (UInt64, UInt64, UInt64, UInt64)) {
    ctr = Self.add(ctr, delta)
    buf = .zero
    position = Self.blockSize
    halfWord = HalfWordBuffer()
  }

  /// NumPy's `jumped(jumps)`: a copy advanced by `jumps * 2^128` blocks
  /// (mod 2^256), with its draw counter at zero.
  public func jumped(_ jumps: UInt128 = 1) -> Philox4x64 {
    var copy = self
    copy.advance((0, 0, UInt64(truncatingIfNeeded: jumps), UInt64(truncatingIfNeeded: jumps >> 64)))
    copy.drawn = 0
    return copy
  }
}
