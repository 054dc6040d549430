import RNGBits
import RNGStreams

/// NumPy's `Generator`, generic over its bit generator as NumPy's is:
/// `NumPyGenerator<PCG64>` is what `np.random.default_rng(seed)` returns, and
/// `NumPyGenerator<SFC64>` is `np.random.Generator(np.random.SFC64(seed))`.
///
/// The seed goes through ``SeedSequence`` (never `init_genrand`), and the
/// samplers differ from the legacy ``RandomState``: one `next_double` per
/// double, Lemire's method for bounded integers, a 256-layer ziggurat for
/// normals (no cache).
///
/// ```swift
/// var rng = try NumPyGenerator(seed: 12345)        // np.random.default_rng(12345)
/// try rng.random(count: 3)   // [0.22733602246716966, 0.31675833970975287, 0.7973654573327341]
///
/// let seq = SeedSequence(entropy: [5])
/// var sfc = NumPyGenerator(bitGenerator: SFC64(seedSequence: seq), seedSequence: seq, name: "g")
/// try sfc.random(count: 3)   // np.random.Generator(np.random.SFC64(5)).random(3)
/// ```
///
/// Every method that draws reports one ``DrawReport`` to ``observer``, with
/// the counter in the bit generator's unit (64-bit outputs; 32-bit words for
/// MT19937); construction with an `observer` reports the stream as seeded.
/// A 32-bit draw (float32 values, spans below 2^32 in `integers`) on a
/// 64-bit generator uses half a 64-bit output and keeps the other half for
/// the next 32-bit draw, across calls; a draw served from that kept half adds
/// 0 to the counter.
///
/// Edge cases:
/// - Negative seeds throw ("expected non-negative integer"); seeds of any
///   size are accepted through ``init(entropy:name:observer:)``.
/// - Stream names default to `"default_rng(<seed>)"`.
/// - On MT19937, `random()` takes two 32-bit words per double and a 32-bit
///   draw takes one word: MT19937 has no half-word buffer.
public struct NumPyGenerator<Bits: NumPyBitSource> {
  /// The bit generator.
  public var bitGenerator: Bits
  /// The seed sequence that seeded it.
  public let seedSequence: SeedSequence
  /// Which stream this is, for draw reports.
  public var identity: StreamIdentity
  /// Receives one report per drawing call; nil costs one check per call.
  public var observer: (any DrawObserver)?

  /// `Generator(bit_generator)` for a bit generator seeded from `seedSequence`.
  /// An `observer` hears the seeding.
  public init(
    bitGenerator: Bits, seedSequence: SeedSequence, name: String, call: String? = nil,
    observer: (any DrawObserver)? = nil
  ) {
    self.seedSequence = seedSequence
    self.bitGenerator = bitGenerator
    let entropy = seedSequence.entropy.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
    let spawn = seedSequence.spawnKey.isEmpty ? "" : ", spawn_key=(\(seedSequence.spawnKey.map(String.init).joined(separator: ", ")),)"
    identity = StreamIdentity(
      framework: .numpy, name: name, algorithm: bitGenerator.algorithm, seedMaterial: "SeedSequence(entropy=[\(entropy)]\(spawn))",
      seeding: .explicit(call: call ?? "np.random.Generator(np.random.\(bitGenerator.numpyName)(...))"))
    self.observer = observer
    observer?.observe(seeded: identity, start: bitGenerator.wordsDrawn)
  }

  /// `Generator(<Bits>(seed_sequence))`.
  public init(seedSequence: SeedSequence, name: String, call: String? = nil, observer: (any DrawObserver)? = nil) {
    self.init(bitGenerator: Bits(seedSequence: seedSequence), seedSequence: seedSequence, name: name, call: call, observer: observer)
  }

  /// Runs `body` on a local copy of the bit generator and stores it back:
  /// the optimiser keeps a local's 128-bit state in registers, which it
  /// cannot do for a stored property reached through `self`.
  @inline(__always)
  mutating func drawing<R>(_ body: (inout Bits) throws -> R) rethrows -> R {
    var bits = bitGenerator
    defer { bitGenerator = bits }
    return try body(&bits)
  }

  func report(
    _ operation: String, _ distribution: String, _ parameters: [DrawReport.Parameter],
    shape: [Int], from before: UInt64, values: DrawnValues?
  ) {
    observer?.observe(
      DrawReport(
        stream: identity, counterBefore: before, count: bitGenerator.wordsDrawn &- before,
        operation: operation, distribution: distribution, parameters: parameters, shape: shape, values: values))
  }
}

extension NumPyGenerator where Bits == PCG64 {
  /// `np.random.default_rng(seed)` for an int seed. An `observer` hears
  /// the seeding.
  ///
  /// - Throws: ``FrameworkError`` for a negative seed.
  public init(seed: Int128, name: String? = nil, observer: (any DrawObserver)? = nil) throws {
    self.init(
      seedSequence: SeedSequence(entropy: try Self.entropyWords(seed)),
      name: name ?? "default_rng(\(seed))", call: "np.random.default_rng(\(seed))", observer: observer)
  }

  /// `np.random.default_rng([s0, s1, ...])`: each int's words, concatenated.
  ///
  /// - Throws: ``FrameworkError`` for a negative element.
  public init(seedArray: [Int128], name: String? = nil, observer: (any DrawObserver)? = nil) throws {
    let words = try seedArray.flatMap(Self.entropyWords)
    let list = seedArray.map { "\($0)" }.joined(separator: ", ")
    self.init(
      seedSequence: SeedSequence(entropy: words), name: name ?? "default_rng([\(list)])",
      call: "np.random.default_rng([\(list)])", observer: observer)
  }

  /// A generator from raw entropy words (a Python int of any size, split into
  /// 32-bit words least significant first).
  public init(entropy: [UInt32], name: String, observer: (any DrawObserver)? = nil) {
    self.init(
      seedSequence: SeedSequence(entropy: entropy), name: name, call: "np.random.default_rng(...)", observer: observer)
  }
}

extension NumPyGenerator {
  /// The SeedSequence entropy words of one non-negative int seed.
  static func entropyWords(_ seed: Int128) throws -> [UInt32] {
    guard seed >= 0 else { throw FrameworkError("expected non-negative integer", parameter: "seed") }
    let magnitude = UInt128(seed)
    return SeedSequence.entropyWords(ofMagnitude: (0..<4).map { UInt32(truncatingIfNeeded: magnitude >> (32 * UInt128($0))) })
  }
}
