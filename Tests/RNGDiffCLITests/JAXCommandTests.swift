import Foundation
import TestSupport
import Testing

/// `rngdiff sample jax` end to end: the built binary's output against the
/// committed golden values (fixtures/reference/jax), and its exit codes.
@Suite struct JAXCommandTests {
  /// The output objects of the first golden case whose calls are `calls`
  /// under the given flags.
  static func goldenOutputs(_ calls: [String], partitionable: Bool = true, x64: Bool = false) throws -> [ExactJSON] {
    for goldenCase in try goldenCases.get() {
      guard goldenCase["calls"]?.array?.compactMap(\.string) == calls,
        goldenCase["config"]?["jax_threefry_partitionable"] == .bool(partitionable),
        goldenCase["config"]?["jax_enable_x64"] == .bool(x64)
      else { continue }
      return goldenCase["outputs"]?.array ?? []
    }
    Issue.record("no golden case for \(calls)")
    return []
  }

  /// Every committed JAX golden case, read once.
  static let goldenCases = Result {
    try Fixtures.goldenFiles().filter { $0.contains("/reference/jax/") }.flatMap { try GoldenFile.load($0).cases }
  }

  /// Runs `rngdiff sample jax --json …` and checks every line against the
  /// golden case's outputs, field by field.
  func expectJSONMatches(_ calls: [String], config: [String] = [], partitionable: Bool = true, x64: Bool = false) throws {
    let want = try Self.goldenOutputs(calls, partitionable: partitionable, x64: x64)
    let result = try RNGDiffBinary.run(["sample", "jax"] + config.flatMap { ["--config", $0] } + ["--json", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == want.count)
    for (line, expected) in zip(lines, want) {
      let got = try ExactJSON.parse(line)
      for field in ["call", "expr", "dtype", "shape", "values"] {
        #expect(got[field] == expected[field], "\(calls) \(field)")
      }
    }
  }

  @Test func defaultConfigurationMatchesJAX() throws {
    try expectJSONMatches(["uniform(key(0))", "uniform(key(0), (5,))", "uniform(PRNGKey(0), (3, 4))", "uniform(key(0), (2, 3, 5))"])
    try expectJSONMatches(["split(split(key(0))[1], 3)", "fold_in(split(key(42), 4)[2], 7)", "split(fold_in(fold_in(key(1), 2), 3), 5)",
                           "fold_in(fold_in(fold_in(PRNGKey(3), 4294967295), 0), 65536)", "split(split(split(PRNGKey(9), 5)[4], 4)[3])",
                           "key_data(split(key(5))[0])", "wrap_key_data(key_data(split(key(5))[1]))",
                           "wrap_key_data(array([1, 2], dtype=uint32))",
                           "uniform(wrap_key_data(array([4294967295, 4294967295], dtype=uint32)), (5,))",
                           "bits(fold_in(split(key(8))[0], 99), (9,))"])
  }

  @Test func configFlagsChangeValuesAsInJAX() throws {
    try expectJSONMatches(["normal(key(5))", "normal(PRNGKey(5), (2, 3))", "normal(key(5), (3, 1, 7))", "normal(key(5), (33,), float64)"],
                          config: ["jax_threefry_partitionable=false"], partitionable: false)
    try expectJSONMatches(["bits(key(3), (9,), uint64)", "bits(key(3), (9,), uint32)", "bits(key(3), (9,), uint8)",
                           "bits(key(3), (7,), uint16)", "split(key(4294967301), 3)", "fold_in(key(4294967301), 12)"],
                          config: ["jax_enable_x64=true"], x64: true)
  }

  @Test func plainOutputIsOneValuePerLine() throws {
    let want = try Self.goldenOutputs(["bernoulli(key(22))", "bernoulli(key(22), 0.7)", "bernoulli(PRNGKey(22), 0.25, (3, 4))",
                                       "bernoulli(key(23), float16(0.3), (100,))", "bernoulli(key(23), bfloat16(0.3), (100,), mode='high')"])
    let result = try RNGDiffBinary.run(["sample", "jax", "bernoulli(PRNGKey(22), 0.25, (3, 4))"])
    #expect(result.status == 0)
    let expected = (want[2]["values"]?.array ?? []).map { $0 == .bool(true) ? "True" : "False" }
    #expect(expected.count == 12)
    #expect(result.standardOutput == expected.joined(separator: "\n") + "\n")
  }

  @Test(arguments: [
    (["sample", "jax", "uniform(key(0), (2,), int32)"], "rngdiff: <calls>:1:23: dtype argument to `uniform` must be a float dtype, got int32.\n"),
    (["sample", "jax", "--config", "jax_enable_x65=true", "key(0)"],
     "rngdiff: --config:1:1: unknown jax config 'jax_enable_x65'; accepted: jax_default_prng_impl, jax_enable_x64, jax_threefry_partitionable\n"),
    (["sample", "jax", "--seed", "0", "key(0)"],
     "rngdiff: jax has no global seed; pass keys explicitly, e.g. 'uniform(key(0), (5,))' (see 'rngdiff sample --help')\n"),
  ])
  func troubleExitsTwoWithOneLine(arguments: [String], message: String) throws {
    let result = try RNGDiffBinary.run(arguments)
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == message)
  }

  @Test func distributionSamplersMatchTheRealJAX() throws {
    try expectJSONMatches(["gumbel(key(3), (500,), mode='low')", "gumbel(key(3), (500,), mode='high')",
                           "gumbel(key(4), (3, 7), mode='high')"])
    try expectJSONMatches(["categorical(key(0), array([0.1, 0.5, 2.0]), shape=(50,))",
                           "categorical(key(1), array([[0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 1.0, 0.0]]))",
                           "categorical(key(2), array([[0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 1.0, 0.0]]), shape=(5, 2))",
                           "categorical(key(3), array([-1.0, -inf, 0.5, 0.5]), shape=(30,))",
                           "categorical(key(4), array([1.0, 2.0, 3.0]))",
                           "categorical(key(5), array([0.0, 0.0]), shape=(20,), mode='high')"])
    try expectJSONMatches(["exponential(key(11), (300,))", "exponential(key(11), (7,), float32)"],
                          config: ["jax_enable_x64=true"], x64: true)
    try expectJSONMatches(["poisson(key(0), 3.0, (200,))", "poisson(key(1), 0.5, (100,))", "poisson(key(2), 9.9, (100,))",
                           "poisson(key(3), array([0.0, 1.0, 2.5, 7.0]))", "poisson(key(4), 0.0, (5,))",
                           "poisson(key(5), 4.0)", "poisson(key(6), array([[1.0], [5.0]]), (2, 3))"])
    try expectJSONMatches(["t(key(0), 3.0, (100,))", "t(key(1), 0.7, (30,))", "t(key(2), array([1.0, 10.0]))"],
                          config: ["jax_enable_x64=true"], x64: true)
  }

  @Test func samplersNotEmulatedExitTwo() throws {
    let result = try RNGDiffBinary.run(["sample", "jax", "multivariate_normal(key(0), array([0.0, 0.0]), array([[1.0, 0.0], [0.0, 1.0]]))"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("rngdiff: <calls>:1:1: jax.random.multivariate_normal is not emulated by rngdiff yet (its factor comes from LAPACK's Cholesky"))
    let float32 = try RNGDiffBinary.run(["sample", "jax", "gamma(key(0), 2.0, (3,))"])
    #expect(float32.status == 2)
    #expect(float32.standardError.hasPrefix("rngdiff: <calls>:1:1: gamma is emulated in float64 only (--config jax_enable_x64=true)"))
  }
}
