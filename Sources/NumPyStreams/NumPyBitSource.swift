import RNGBits
import RNGStreams

/// A bit generator NumPy's `Generator` and `RandomState` can draw from (its
/// `bitgen_t`): `MT19937`, `PCG64`, `PCG64DXSM`, `Philox` (``Philox4x64``)
/// and `SFC64`.
///
/// ```swift
/// var rng = NumPyGenerator(bitGenerator: SFC64(seedSequence: SeedSequence(entropy: [5])),
///                          seedSequence: SeedSequence(entropy: [5]), name: "g")
/// try rng.random(count: 3)     // np.random.Generator(np.random.SFC64(5)).random(3)
/// ```
///
/// The samplers are generic over this protocol, so each bit generator gets
/// its own specialised loop.
///
/// Edge cases (NumPy's rules, which each conformance follows):
/// - `nextUInt32` on the 64-bit generators returns the low half of a 64-bit
///   output and keeps the high half for the next 32-bit draw; 64-bit draws
///   neither use nor clear that kept half. MT19937 has no such buffer: its
///   32-bit draw is one word and its 64-bit draw is two (high word first).
/// - `nextDouble` is `(next64 >> 11) * 2^-53` for the 64-bit generators and
///   `(a >> 5, b >> 6)` combined from two words for MT19937.
public protocol NumPyBitSource {
  /// `next_uint32`.
  mutating func nextUInt32() -> UInt32
  /// `next_uint64`.
  mutating func nextUInt64() -> UInt64
  /// `next_double`.
  mutating func nextDouble() -> Double
  /// `next_float`: `(next_uint32 >> 8) * 2^-24`.
  mutating func nextFloat() -> Float
  /// Fills `buffer` with `next_double`s, in order (`random_sample(n)`).
  mutating func fillDoubles(_ buffer: UnsafeMutableBufferPointer<Double>)
  /// The stream counter, in the generator's own unit (32-bit words for
  /// MT19937, 64-bit outputs for the others), counted since seeding.
  var wordsDrawn: UInt64 { get }
  /// NumPy's class name: `"MT19937"`, `"PCG64"`, `"PCG64DXSM"`, `"Philox"`, `"SFC64"`.
  var numpyName: String { get }
  /// The algorithm named in draw reports.
  var algorithm: BitAlgorithm { get }
  /// `np.random.<numpyName>(seed_seq)`.
  init(seedSequence: SeedSequence)
}

extension NumPyBitSource {
  /// One `nextDouble()` per element.
  public mutating func fillDoubles(_ buffer: UnsafeMutableBufferPointer<Double>) {
    for i in buffer.indices { buffer[i] = nextDouble() }
  }
}

extension MT19937: NumPyBitSource {
  /// Twists and tempers in place over the state buffer (``MT19937/fillDouble53(_:)``).
  @inline(__always) public mutating func fillDoubles(_ buffer: UnsafeMutableBufferPointer<Double>) { fillDouble53(buffer) }
  @inline(__always) public mutating func nextUInt32() -> UInt32 { next() }
  @inline(__always) public mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) public mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) public mutating func nextFloat() -> Float { Float(next() >> 8) * (1.0 / 16_777_216.0) }
  public var numpyName: String { "MT19937" }
  public var algorithm: BitAlgorithm { .mt19937 }

  /// NumPy's `MT19937(seed_seq)`: 624 words of `generate_state`, word 0
  /// forced to 0x80000000 (never an all-zero state), position 623, so the
  /// first draw is the last key word, tempered, before the first twist. Not
  /// the legacy `init_genrand`/`init_by_array`.
  public init(seedSequence: SeedSequence) {
    var key = seedSequence.generateState32(MT19937.stateSize)
    key[0] = 0x8000_0000
    self.init(state: key, position: MT19937.stateSize - 1)
  }
}

extension PCG64: NumPyBitSource {
  @inline(__always) public mutating func nextUInt32() -> UInt32 { next32() }
  @inline(__always) public mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) public mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) public mutating func nextFloat() -> Float { nextFloat24() }
  public var numpyName: String { "PCG64" }
  public var algorithm: BitAlgorithm { .pcg64 }
}

extension PCG64DXSM: NumPyBitSource {
  @inline(__always) public mutating func nextUInt32() -> UInt32 { next32() }
  @inline(__always) public mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) public mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) public mutating func nextFloat() -> Float { nextFloat24() }
  public var numpyName: String { "PCG64DXSM" }
  public var algorithm: BitAlgorithm { .pcg64dxsm }
}

extension Philox4x64: NumPyBitSource {
  @inline(__always) public mutating func nextUInt32() -> UInt32 { next32() }
  @inline(__always) public mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) public mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) public mutating func nextFloat() -> Float { nextFloat24() }
  public var numpyName: String { "Philox" }
  public var algorithm: BitAlgorithm { .philox4x64_10 }
}

extension SFC64: NumPyBitSource {
  @inline(__always) public mutating func nextUInt32() -> UInt32 { next32() }
  @inline(__always) public mutating func nextUInt64() -> UInt64 { next64() }
  @inline(__always) public mutating func nextDouble() -> Double { nextDouble53() }
  @inline(__always) public mutating func nextFloat() -> Float { nextFloat24() }
  public var numpyName: String { "SFC64" }
  public var algorithm: BitAlgorithm { .sfc64 }
}
