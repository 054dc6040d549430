import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `tf.random.Generator` through `rngdiff sample tensorflow`: every value
/// and state in tensorflow_generator.jsonl (real TensorFlow 2.21), the
/// errors, and what the observer hears.
@Suite struct TensorFlowGeneratorSample {
  func run(_ calls: String, options: [String: String] = [:], observer: (any DrawObserver)? = nil) throws -> [SampleOutput] {
    try SampleSession.run(framework: .tensorflow, seed: nil, calls: calls, options: options, observer: observer)
  }

  func failure(_ calls: String, options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func goldenCasesMatchTheRealTensorFlow() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(
      path: Fixtures.url("reference/tensorflow/tensorflow_generator.jsonl").path)
  }

  @Test func badInputSaysWhatIsAccepted() {
    #expect(failure("Generator.from_seed(1, alg='threefry')").hasPrefix("<calls>:1:28: alg='threefry': TensorFlow creates the generator but every call on it fails on CPU"))
    #expect(failure("Generator.from_seed(1, alg='mt')") == "<calls>:1:28: Argument `alg` got unsupported value mt. Supported values are philox for the Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")
    #expect(failure("Generator.from_state([1, 2], alg='philox')").hasPrefix("<calls>:1:22: Shapes (2,) and (3,) are incompatible"))
    #expect(failure("Generator.from_seed('a')") == "<calls>:1:21: from_seed() argument 'seed' must be an int or a list of ints such as [1, 2, 3], got str 'a'")
    #expect(failure("Generator.from_seed(1).uniform([2], minval=None, maxval=3, dtype=int32)").hasPrefix("<calls>:1:57: For integer dtype int32, minval and maxval must be both None or both non-None"))
    #expect(failure("Generator.from_seed(1).split(-1)") == "<calls>:1:30: split() argument 'count' must be a non-negative int such as 2")
    #expect(failure("Generator.from_seed(1).uniform_full_int([2], dtype=float32)") == "<calls>:1:52: uniform_full_int() argument 'dtype' must be an integer dtype (int32, int64, uint32, uint64), got dtype float32")
    #expect(failure("Generator.from_seed(1).binomial([2], [10], [0.5])").hasPrefix("<calls>:1:38: Generator.binomial needs counts and probs of one float dtype"))
    #expect(failure("Generator()").hasPrefix("<calls>:1:1: Generator() needs copy_from=, or state= and alg= together"))
    #expect(failure("get_global_generator()", options: ["enable_op_determinism": "true"]) == "<calls>:1:1: \"get_global_generator\" cannot be called if determinism is enabled, unless \"set_global_generator\" has already been called. Please call \"set_global_generator\" first.")
    #expect(failure("Generator.from_non_deterministic_state()", options: ["enable_op_determinism": "true"]) == "<calls>:1:1: \"from_non_deterministic_state\" cannot be called when determinism is enabled.")
  }

  @Test func theGlobalGeneratorIsSeededFromEntropyOnce() throws {
    let log = DrawLog()
    let outputs = try run("get_global_generator().uniform([2]); get_global_generator().state", observer: log)
    #expect(outputs.count == 2)
    #expect(log.draws.count == 1)
    #expect(log.draws[0].stream.name == "generator#1")
    #expect(log.draws[0].stream.seeding == .entropy)
    // The second call sees the same generator, advanced by 2 × 256 blocks.
    #expect(log.seedings.map(\.name) == ["generator#1"])
  }

  @Test func generatorsAreStreamsThatSplitAndReset() throws {
    let log = DrawLog()
    _ = try run("g = Generator.from_seed(3); a, b = g.split(2); a.normal([2]); _ = g.reset_from_seed(3); g.uniform([1])", observer: log)
    #expect(log.draws.map(\.stream.name) == ["generator#1", "generator#2", "generator#1/reset1"])
    #expect(log.draws.map(\.counterBefore) == [0, 0, 0])
    #expect(log.draws.map(\.count) == [512, 512, 256])
    #expect(log.draws[0].stream.seeding == .explicit(call: "Generator.from_seed(3)"))
    #expect(log.draws[1].stream.seeding == .derived(rule: "tf.random.Generator.split", from: "generator#1 key 0"))
    #expect(log.derivations.filter { $0.rule == "tf.random.Generator.split" }.count == 2)
  }
}
