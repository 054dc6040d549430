import RNGEngine
import RNGStreams
import Testing

/// `RandomState(MT19937(seed))` and `Generator(PCG64(seed))` through
/// `rngdiff sample numpy`; values are checked by numpy_bit_generators.jsonl.
@Suite struct NumPyBitGeneratorSampleTests {
  @Test(arguments: [
    ("RandomState(PCG64(1))", "<calls>:1:13: rngdiff emulates RandomState on MT19937 only; RandomState(PCG64(...)) is not provided"),
    ("Generator(MT19937(1))", "<calls>:1:11: rngdiff emulates Generator on PCG64 only; Generator(MT19937(...)) is not provided"),
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
}
