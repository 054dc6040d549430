import RNGEngine
import RNGStreams
import Testing

/// `RandomState(X(seed))` and `Generator(X(seed))` for NumPy's five bit
/// generators through `rngdiff sample numpy`; values are checked by
/// numpy_bit_generators.jsonl, numpy-bits/numpy_bit_pairings.jsonl and
/// numpy-bits/numpy_randomstate_bits.jsonl.
@Suite struct NumPyBitGeneratorSampleTests {
  @Test(arguments: [
    ("b = PCG64(1); r = RandomState(b); g = Generator(b)",
     "<calls>:1:49: this PCG64 object is already used by another RandomState or Generator; NumPy would share its state between them, which rngdiff does not emulate: create a new PCG64(...) for this Generator"),
    ("Generator(SFC64())", "<calls>:1:11: rngdiff needs an explicit seed for SFC64(...); None would seed from operating-system entropy"),
    ("MT19937(1).jumped(1001)", "<calls>:1:19: rngdiff emulates MT19937.jumped for at most 1000 jumps (each one evaluates a 19937-term polynomial), got 1001"),
    ("MT19937(1).jumped(-1)", "<calls>:1:19: jumps must be a non-negative integer"),
    ("SFC64(1).advance(3)", "<calls>:1:1: 'numpy.random.SFC64' object has no attribute 'advance'"),
    ("SeedSequence()", "<calls>:1:1: rngdiff needs explicit entropy for SeedSequence(...); None would draw it from the operating system"),
    ("SeedSequence(1).generate_state(2, float32)", "<calls>:1:35: only support uint32 or uint64"),
    ("PCG64(1).spawn(-1)", "<calls>:1:16: n_children must be a non-negative integer"),
    ("SeedSequence(1, pool_size=2)", "<calls>:1:27: The size of the entropy pool should be at least 4"),
    ("MT19937()", "<calls>:1:1: rngdiff needs an explicit seed for MT19937(...); None would seed from operating-system entropy"),
    ("Generator(5)", "<calls>:1:11: Generator() argument 'bit_generator' must be a bit generator such as PCG64(seed)"),
    ("MT19937(-1)", "<calls>:1:9: expected non-negative integer"),
    ("b = MT19937(1); r = RandomState(b); s = RandomState(b)",
     "<calls>:1:53: this MT19937 object is already used by another RandomState or Generator; NumPy would share its state between them, which rngdiff does not emulate: create a new MT19937(...) for this RandomState"),
  ])
  func unsupportedPairingsAreRefusedWithTheReason(calls: String, message: String) {
    #expect(SampleRun.failure(.numpy, seed: "0", calls) == message)
  }

  @Test func aWrappedGeneratorIsItsOwnStream() throws {
    let log = DrawLog()
    _ = try SampleRun.outputs(.numpy, seed: "0", "RandomState(MT19937(5)).random(3); random(1); Generator(PCG64(7)).random(2)", observer: log)
    #expect(log.draws.map(\.stream.name) == ["RandomState#1", "global", "Generator#1"])
    #expect(log.draws.map(\.count) == [6, 2, 2])
    #expect(log.draws[0].stream.seedMaterial.hasPrefix("MT19937(SeedSequence(entropy=[0x5"))
  }

  /// Each Generator reports in its own algorithm's name and 64-bit outputs
  /// (MT19937: 32-bit words, two per double); a float32 draw on a 64-bit
  /// generator takes half a word and keeps the other half.
  @Test func generatorsOnEachBitGeneratorReportTheirAlgorithm() throws {
    let log = DrawLog()
    _ = try SampleRun.outputs(
      .numpy, seed: "0",
      "Generator(SFC64(1)).random(2); Generator(Philox(1)).random(1, dtype=float32); Generator(MT19937(1)).random(2); Generator(PCG64DXSM(1)).integers(0, 10, 3)",
      observer: log)
    #expect(log.draws.map(\.stream.algorithm) == [.sfc64, .philox4x64_10, .mt19937, .pcg64dxsm])
    #expect(log.draws.map(\.count) == [2, 1, 4, 2])
    #expect(log.draws.map(\.stream.name) == ["Generator#1", "Generator#2", "Generator#3", "Generator#4"])
  }

  /// A Generator and its bit generator share one state, as in NumPy: raw
  /// draws and `advance` through the bit generator move the Generator's
  /// stream, and the Generator's draws show in `bit_generator.state`.
  @Test func aGeneratorSharesItsBitGeneratorsState() throws {
    let shared = try SampleRun.outputs(.numpy, seed: "0", "bg = PCG64(7); g = Generator(bg); bg.random_raw(1); g.random(1)")
    let separate = try SampleRun.outputs(.numpy, seed: "0", "PCG64(7).random_raw(2)")
    let fresh = try SampleRun.outputs(.numpy, seed: "0", "Generator(PCG64(7)).random(2)")
    #expect(shared.count == 2)
    guard case .unsigned(let both)? = separate.first?.tensor.storage, case .unsigned(let one)? = shared.first?.tensor.storage else {
      Issue.record("random_raw(n) should give a uint64 array")
      return
    }
    #expect(one == [both[0]])
    #expect(shared[1].tensor.doubles == [fresh[0].tensor.doubles[1]])
  }
}
