import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `bit_generator.state = ...` through `rngdiff sample numpy`: the values of
/// numpy_state_assignment.jsonl (real NumPy 2.4.6) — restores give the
/// same draws again, copies continue the other generator — the new stream
/// a restore starts, NumPy's refusals, and the states `MT19937.jumped` gives.
@Suite struct NumPyStateAssignmentSample {
  func failure(_ calls: String) -> String {
    do {
      _ = try SampleSession.run(framework: .numpy, seed: "0", calls: calls, options: [:])
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func goldenCasesMatchTheRealNumPy() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(
      path: Fixtures.url("reference/numpy-bits/numpy_state_assignment.jsonl").path)
  }

  /// `MT19937.jumped`: state words, position and later draws of
  /// numpy_mt19937_jump.jsonl (real NumPy 2.4.6).
  @Test func mt19937JumpsMatchTheRealNumPy() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(
      path: Fixtures.url("reference/numpy-bits/numpy_mt19937_jump.jsonl").path)
  }

  @Test func aRestoreStartsANewStreamSeededByTheAssignment() throws {
    let log = DrawLog()
    _ = try SampleSession.run(
      framework: .numpy, seed: "0",
      calls: "g = default_rng(1); s = g.bit_generator.state; g.random(2); g.bit_generator.state = s; g.random(2)",
      options: [:], observer: log)
    let streams = log.draws.map(\.stream)
    #expect(streams.count == 2)
    #expect(streams.last?.name == (streams.first?.name ?? "") + "/state1")
    #expect(streams.last?.seeding == .explicit(call: "bit_generator.state = {...}"))
    #expect(log.draws.map(\.values) == [log.draws[0].values, log.draws[0].values])
  }

  @Test func badStatesAreRefusedWithNumPysMessages() {
    #expect(failure("g = default_rng(1); g.bit_generator.state = 3") == "<calls>:1:21: TypeError: state must be a dict")
    #expect(failure("g = default_rng(1); g.bit_generator.state = Generator(SFC64(1)).bit_generator.state") == "<calls>:1:21: ValueError: state must be for a PCG64 RNG")
    #expect(failure("g = Generator(SFC64(1)); g.bit_generator.state = default_rng(1).bit_generator.state") == "<calls>:1:26: ValueError: state must be for a {self.__class__.__name__} RNG")
    #expect(failure("g = Generator(Philox(1)); g.bit_generator.state = default_rng(1).bit_generator.state") == "<calls>:1:27: ValueError: state must be for a Philox PRNG")
    #expect(failure("g = Generator(MT19937(1)); g.bit_generator.state = ('MT19937', [1, 2], 0)") == "<calls>:1:28: ValueError: state['key'] must hold 624 ints, got 2")
  }
}
