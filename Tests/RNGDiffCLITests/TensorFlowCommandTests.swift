import TestSupport
import Testing

/// `rngdiff sample tensorflow` end to end: the built binary's output
/// against the committed golden values of the real TensorFlow.
@Suite struct TensorFlowCommand {
  /// The golden case of `file` whose calls are `calls`.
  static func goldenCase(_ file: String, _ calls: [String]) throws -> ExactJSON {
    let golden = try GoldenFile.load(Fixtures.url(file).path)
    return try #require(golden.cases.first { ($0["calls"]?.array ?? []).compactMap(\.string) == calls }, "no golden case \(calls)")
  }

  /// `--seed` as the golden case's seed text (nil for null).
  static func seedArguments(_ golden: ExactJSON) -> [String] {
    switch golden["seed"] {
    case .number(let n)?: return ["--seed", n]
    case .bool(let b)?: return ["--seed", b ? "True" : "False"]
    default: return []
    }
  }

  /// Runs the case with `--json` and compares every line with the golden outputs.
  static func expectJSONMatches(_ framework: String, _ file: String, _ calls: [String]) throws {
    let golden = try goldenCase(file, calls)
    let result = try RNGDiffBinary.run(
      ["sample", framework] + seedArguments(golden) + ["--json", calls.joined(separator: "; ")])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError.isEmpty)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    let expected = golden["outputs"]?.array ?? []
    #expect(lines.count == expected.count)
    for (line, want) in zip(lines, expected) {
      #expect(try ExactJSON.parse(line) == want, "\(line)")
    }
  }

  @Test func eagerOpSeedsAndKernelsMatchTensorFlow() throws {
    try Self.expectJSONMatches(
      "tensorflow", "reference/tensorflow/tensorflow.jsonl",
      ["uniform([3])", "uniform([3])", "uniform([5], seed=5)", "uniform([5], seed=5)", "normal([4])"])
  }

  @Test func tracedFunctionsMatchTensorFlow() throws {
    try Self.expectJSONMatches(
      "tensorflow", "reference/tensorflow/tensorflow_function.jsonl",
      ["f = function(lambda: [uniform([2]), uniform([2]), uniform([2], seed=9)])", "f()", "f()", "uniform([2])"])
  }

  @Test func plainOutputIsOneValuePerLine() throws {
    let calls = ["stateless_uniform([6], seed=[1, 2])", "stateless_uniform([6], seed=[1, 2])", "stateless_uniform([3], seed=[0, 0])",
                 "stateless_uniform([5], seed=[-1, 5])", "stateless_uniform([5], seed=[-2**31, 2**31 - 1])",
                 "stateless_uniform([5], seed=[2**40, -3])", "stateless_uniform([5], seed=[-2**63, 2**63 - 1])"]
    let golden = try Self.goldenCase("reference/tensorflow/tensorflow.jsonl", calls)
    let result = try RNGDiffBinary.run(["sample", "tensorflow", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    let values = (golden["outputs"]?.array ?? []).flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == values)
  }

  @Test func troubleExitsTwoWithOneSentence() throws {
    let result = try RNGDiffBinary.run(["sample", "tensorflow", "--seed", "0", "uniform([2], minval=5, maxval=5, dtype=int32)"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: <calls>:1:31: Need minval < maxval: 5 >= 5.\n")
  }

  @Test func badStatelessSeedArgumentsExitTwo() throws {
    let result = try RNGDiffBinary.run(["sample", "tensorflow", "split([1, 2], num=-1)"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == "rngdiff: <calls>:1:19: Dimension -1 must be >= 0 (num is the first dimension of the [num, 2] result).\n")
  }

  @Test func statelessSeedGoldenCaseMatches() throws {
    try Self.expectJSONMatches("tensorflow", "reference/tensorflow/tensorflow_stateless.jsonl", [
      "fold_in([1, 2], 3)", "fold_in([1, 2], 0)", "fold_in([1, 2], -7)", "fold_in([1, 2], 2**40)",
      "fold_in([-1, 5], 2**31 - 1)", "fold_in(constant([1, 2], dtype=int64), 3)",
      "fold_in([1, 2], constant(3, dtype=int64))", "experimental.stateless_fold_in([5, 6], 7, alg='philox')",
      "experimental.stateless_fold_in([5, 6], -2**63)"])
  }

  @Test func generatorGoldenCaseMatches() throws {
    try Self.expectJSONMatches("tensorflow", "reference/tensorflow/tensorflow_generator.jsonl", [
      "g = Generator.from_seed(1234)", "gs = g.split(3)", "g.state", "gs[0].state", "gs[2].state", "gs[0].uniform([4])",
      "gs[1].normal([3])", "gs[2].state", "g.split()[0].state", "g.state", "h = g.split(1)[0]",
      "h.split(2)[1].uniform([2])"])
  }

  @Test func threefryGeneratorsExitTwo() throws {
    let result = try RNGDiffBinary.run(["sample", "tensorflow", "Generator.from_seed(1, alg='threefry').uniform([2])"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("rngdiff: <calls>:1:28: alg='threefry': TensorFlow creates the generator but every call on it fails on CPU"))
  }
}
