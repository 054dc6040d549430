import RNGBits
import TestSupport
import Testing

/// The five NumPy bit generators against fixtures/reference/numpy-bits/
/// numpy_bit_streams.jsonl (NumPy 2.4.6): the first 1000 `random_raw()`
/// words (for seeds 0xdeadbeaf and 0 these are the data files NumPy's own
/// numpy/random/tests/test_direct.py checks, regenerated with the real
/// library), a fixed interleaving of 32-bit, 64-bit and double draws through
/// the C interface (which pins the 32-bit buffering rule), `jumped`,
/// `advance` and `spawn`.
@Suite struct NumPyBitStreamGoldens {
  static let records: [ExactJSON] = (try? GoldenFile.load(
    Fixtures.url("reference/numpy-bits/numpy_bit_streams.jsonl").path).cases) ?? []

  static func seedSequence(_ seed: ExactJSON) -> SeedSequence? {
    switch seed {
    case .number(let n): return UInt64(n).map { SeedSequence(entropy: SeedSequence.entropyWords(of: $0)) }
    case .string(let s) where s == "SeedSequence(42, spawn_key=(3,))": return SeedSequence(entropy: [42], spawnKey: [3])
    case .string(let s) where s == String(UInt128(1) << 100 + 7):
      return SeedSequence(entropy: SeedSequence.entropyWords(ofMagnitude: [7, 0, 0, 16]))
    case .array(let items): return SeedSequence(entropy: items.compactMap { $0.number.flatMap { UInt32($0) } })
    default: return nil
    }
  }

  static func hex(_ value: ExactJSON) -> UInt64? {
    value.string.flatMap { UInt64($0.dropFirst(2), radix: 16) }
  }

  @Test func theGoldenFileHasEveryGeneratorAndSeed() {
    #expect(Self.records.count == 25)
    #expect(Set(Self.records.compactMap { $0["bit_generator"]?.string }) == ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"])
  }

  @Test(arguments: 0..<25)
  func rawMixedJumpedAdvancedAndSpawned(index: Int) throws {
    let record = try #require(Self.records.count > index ? Self.records[index] : nil)
    let name = try #require(record["bit_generator"]?.string)
    let sequence = try #require(Self.seedSequence(record["seed"] ?? .null), "seed of record \(index)")
    switch name {
    case "MT19937": check(record, sequence, MT19937Words.init(seedSequence:))
    case "PCG64": check(record, sequence, PCG64.init(seedSequence:))
    case "PCG64DXSM": check(record, sequence, PCG64DXSM.init(seedSequence:))
    case "Philox": check(record, sequence, Philox4x64.init(seedSequence:))
    case "SFC64": check(record, sequence, SFC64.init(seedSequence:))
    default: Issue.record("unknown bit generator \(name)")
    }
  }

  func check<G: GoldenBits>(_ record: ExactJSON, _ sequence: SeedSequence, _ make: (SeedSequence) -> G) {
    let context = "\(record["bit_generator"]?.string ?? "?") seed \(record["seed"].map { "\($0)" } ?? "?")"
    var raw = make(sequence)
    let expectedRaw = (record["raw"]?.array ?? []).compactMap(Self.hex)
    #expect(expectedRaw.count == 1000, "\(context)")
    let gotRaw = (0..<expectedRaw.count).map { _ in raw.rawWord() }
    #expect(gotRaw == expectedRaw, "\(context): first mismatch at \(gotRaw.indices.first { gotRaw[$0] != expectedRaw[$0] } ?? -1)")

    var mixed = make(sequence)
    let ops = "u32 u32 u32 u64 u32 dbl u32 u64 u64 u32 u32 u32 dbl u32 u64".split(separator: " ")
    let expectedMixed = record["mixed"]?.array ?? []
    #expect(expectedMixed.count == ops.count, "\(context)")
    for (op, want) in zip(ops, expectedMixed) {
      switch op {
      case "u32": #expect(UInt64(mixed.next32()) == Self.hex(want), "\(context) mixed \(op)")
      case "u64": #expect(mixed.next64() == Self.hex(want), "\(context) mixed \(op)")
      default:
        let value = mixed.nextDouble53()
        #expect(want.string.flatMap(Double.init) == value, "\(context) mixed double \(value)")
      }
    }

    // MT19937.jumped (a polynomial jump) is not emulated; the others must have it.
    if let jumped = record["jumped"], record["bit_generator"]?.string != "MT19937" {
      for jumps in [1, 3] {
        guard var j = make(sequence).jumpedCopy(UInt64(jumps)) else {
          Issue.record("\(context): no jumped")
          continue
        }
        let expected = (jumped["\(jumps)"]?.array ?? []).compactMap(Self.hex)
        #expect(expected.indices.map { _ in j.rawWord() } == expected, "\(context) jumped(\(jumps))")
      }
    }
    if case .object(let advances)? = record["advanced_after_3"] {
      for (delta, words) in advances {
        var a = make(sequence)
        for _ in 0..<3 { _ = a.rawWord() }
        let ok = a.advanceBy(UInt128(delta) ?? 0)
        #expect(ok, "\(context) has advance")
        let expected = (words.array ?? []).compactMap(Self.hex)
        #expect(expected.indices.map { _ in a.rawWord() } == expected, "\(context) advance(\(delta))")
      }
    }
    let children = sequence.spawn(2)
    for (child, words) in zip(children, record["spawned"]?.array ?? []) {
      var c = make(child)
      let expected = (words.array ?? []).compactMap(Self.hex)
      #expect(expected.indices.map { _ in c.rawWord() } == expected, "\(context) spawned child")
    }
  }
}

/// NumPy's `MT19937(seed_seq)`: 624 words of `generate_state`, word 0 set to
/// 0x80000000, position at the end so the first draw twists.
struct MT19937Words {
  var mt: MT19937
  init(seedSequence: SeedSequence) {
    var key = seedSequence.generateState32(MT19937.stateSize)
    key[0] = 0x8000_0000
    mt = MT19937(state: key, position: MT19937.stateSize - 1)
  }
}

/// The draws the golden file pins, for each bit generator.
protocol GoldenBits {
  /// `random_raw()`: 32 bits for MT19937, 64 for the others.
  mutating func rawWord() -> UInt64
  mutating func next32() -> UInt32
  mutating func next64() -> UInt64
  mutating func nextDouble53() -> Double
  func jumpedCopy(_ jumps: UInt64) -> Self?
  /// Returns false where the bit generator has no `advance`.
  mutating func advanceBy(_ delta: UInt128) -> Bool
}

extension GoldenBits {
  mutating func rawWord() -> UInt64 { next64() }
  func jumpedCopy(_ jumps: UInt64) -> Self? { nil }
  mutating func advanceBy(_ delta: UInt128) -> Bool { false }
}

extension MT19937Words: GoldenBits {
  mutating func rawWord() -> UInt64 { UInt64(mt.next()) }
  mutating func next32() -> UInt32 { mt.next() }
  mutating func next64() -> UInt64 { mt.next64() }
  mutating func nextDouble53() -> Double { mt.nextDouble53() }
}

extension PCG64: GoldenBits {
  func jumpedCopy(_ jumps: UInt64) -> PCG64? { jumped(UInt128(jumps)) }
  mutating func advanceBy(_ delta: UInt128) -> Bool { advance(delta); return true }
}

extension PCG64DXSM: GoldenBits {
  func jumpedCopy(_ jumps: UInt64) -> PCG64DXSM? { jumped(UInt128(jumps)) }
  mutating func advanceBy(_ delta: UInt128) -> Bool { advance(delta); return true }
}

extension Philox4x64: GoldenBits {
  func jumpedCopy(_ jumps: UInt64) -> Philox4x64? { jumped(UInt128(jumps)) }
  mutating func advanceBy(_ delta: UInt128) -> Bool {
    advance((UInt64(truncatingIfNeeded: delta), UInt64(truncatingIfNeeded: delta >> 64), 0, 0))
    return true
  }
}

extension SFC64: GoldenBits {}
