import RNGBits
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `RandomState(X(seed))` for X = PCG64, PCG64DXSM, Philox, SFC64 (and
/// MT19937) through `rngdiff sample numpy`: the values of
/// numpy_randomstate_bits.jsonl (real NumPy 2.4.6), the outputs each call
/// consumed as NumPy consumed them, and NumPy's refusals.
@Suite struct NumPyRandomStateBitsSample {
  static let path = Fixtures.url("reference/numpy-bits/numpy_randomstate_bits.jsonl").path

  @Test func goldenValuesMatchTheRealNumPy() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Self.path)
  }

  /// Each RandomState call reports one draw whose count is the outputs NumPy
  /// consumed (`counts`, measured from the bit generator's state before and
  /// after the call): 64-bit outputs, 0 for a 32-bit draw served from the
  /// kept half of an earlier one; 32-bit words on MT19937.
  @Test func drawCountsMatchWhatNumPyConsumed() throws {
    let golden = try GoldenFile.load(Self.path)
    #expect(golden.cases.count == 21)
    let algorithms: [String: BitAlgorithm] = [
      "PCG64": .pcg64, "PCG64DXSM": .pcg64dxsm, "Philox": .philox4x64_10, "SFC64": .sfc64, "MT19937": .mt19937,
    ]
    for (index, goldenCase) in golden.cases.enumerated() {
      let calls = GoldenFile.calls(goldenCase)
      let expected = (goldenCase["counts"]?.array ?? []).compactMap(\.int).map(UInt64.init)
      #expect(expected.count >= 6, "case \(index)")
      let log = DrawLog()
      _ = try SampleSession.run(framework: .numpy, seed: "0", calls: calls.joined(separator: "; "), options: [:], observer: log)
      let drawn = log.draws.filter { $0.stream.name.hasPrefix("RandomState#1") }
      #expect(drawn.map(\.count) == expected, "case \(index): \(calls.joined(separator: "; "))")
      let kind = calls[0].dropFirst(4).prefix { $0 != "(" }
      #expect(drawn.allSatisfy { $0.stream.algorithm == algorithms[String(kind)] }, "case \(index)")
    }
  }

  /// The stream is named and seeded as the recorder sees it, and a state
  /// assignment through the bit generator starts `RandomState#1/state1`.
  @Test func theStreamIsTheBitGeneratorsSeededThroughSeedSequence() throws {
    let log = DrawLog()
    _ = try SampleSession.run(
      framework: .numpy, seed: "0", calls: "b = Philox(5); r = RandomState(b); r.random_sample(1); t = b.state; b.state = t; r.random_sample(1)",
      options: [:], observer: log)
    #expect(log.draws.map(\.stream.name) == ["RandomState#1", "RandomState#1/state1"])
    #expect(log.draws[0].stream.seedMaterial == "Philox(SeedSequence(entropy=[0x5]))")
    #expect(log.draws[0].stream.seeding == .explicit(call: "np.random.RandomState(np.random.Philox(5))"))
    #expect(log.draws[0].stream.counterUnit == .word64)
  }

  @Test func numpysRefusalsOnAnotherBitGenerator() {
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(PCG64(1)); r.seed(3)") == "<calls>:1:28: TypeError: can only re-seed a MT19937 BitGenerator")
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(SFC64(1)); r.seed()") == "<calls>:1:28: TypeError: can only re-seed a MT19937 BitGenerator")
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(PCG64(1)); r.set_state(5)") == "<calls>:1:40: TypeError: state must be a dict or a tuple.")
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(PCG64(1)); r.set_state([1, 2])") == "<calls>:1:40: set_state can only be used with legacy MT19937 state instances.")
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(PCG64(1)); r.set_state({'bit_generator': 'PCG64'})") == "<calls>:1:40: state dictionary is not valid.")
    #expect(SampleRun.failure(.numpy, seed: "0", "r = RandomState(PCG64(1)); r.set_state(RandomState(MT19937(1)).get_state())") == "<calls>:1:40: ValueError: state must be for a PCG64 RNG")
  }
}
