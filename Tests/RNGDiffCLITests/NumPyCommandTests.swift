import TestSupport
import Testing

/// `rngdiff sample numpy` and `numpy-generator` as a user runs them: the
/// built binary's stdout against values NumPy 2.4.6 printed, and exit codes.
@Suite struct NumPyCommandTests {
  /// Plain output prints one value per line, as the golden file holds them.
  @Test func legacyPlainOutputIsNumPysValues() throws {
    let golden = try GoldenFile.reference("numpy/numpy_normal.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: "42", firstCall: "randn(7)"))
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(["sample", "numpy", "--seed", "42", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let expected = calls.indices.flatMap { GoldenFile.outputs(goldenCase, call: $0).flatMap(GoldenFile.values) }
    #expect(result.standardOutput == expected.map { $0 + "\n" }.joined())
  }

  /// `--json` prints what golden.py wrote, field for field.
  @Test func jsonOutputIsTheGoldenFormat() throws {
    let golden = try GoldenFile.reference("numpy/numpy_integers.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: "[1, 2, 3]", firstCall: "randint(0, 5, 10, dtype=uint8)"))
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(["sample", "numpy", "--seed", "[1, 2, 3]", "--json", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    let outputs = goldenCase["outputs"]?.array ?? []
    #expect(lines.count == outputs.count)
    for (line, output) in zip(lines, outputs) {
      let expr = output["expr"]?.string ?? ""
      let shape = (output["shape"]?.array ?? []).compactMap(\.number).joined(separator: ", ")
      let values = GoldenFile.values(output).joined(separator: ", ")
      let expected = "{\"call\": \(output["call"]?.int ?? -1), \"expr\": \"\(expr)\", \"dtype\": \"\(output["dtype"]?.string ?? "")\", \"shape\": [\(shape)], \"values\": [\(values)]}"
      #expect(line == expected)
    }
  }

  @Test func generatorWithAWideSeed() throws {
    let seed = "2**100 + 7"
    let golden = try GoldenFile.reference("numpy-generator/numpy_generator_uniform.jsonl")
    let expected = golden.values(seed: "1267650600228229401496703205383", firstCall: "random(20)")
    #expect(expected.count == 20)
    let result = try RNGDiffBinary.run(["sample", "numpy-generator", "--seed", seed, "random(20)"])
    #expect(result.status == 0)
    #expect(result.standardOutput == expected.map { $0 + "\n" }.joined())
  }

  /// The three examples of docs/sample.md's Errors section, as printed.
  @Test(arguments: [
    (["sample", "numpy", "--seed", "0", "randint(0, 5, 2, int, 3)"],
     "rngdiff: <calls>:1:23: randint() takes at most 4 positional arguments but 5 were given; accepted: randint(low, high=None, size=None, dtype=int)"),
    (["sample", "numpy", "--seed", "-1", "random()"], "rngdiff: --seed:1:1: Seed must be between 0 and 2**32 - 1"),
    (["sample", "numpy-generator", "--seed", "-1", "random()"], "rngdiff: --seed:1:1: expected non-negative integer"),
  ])
  func mistakesExitTwoWithOneLine(arguments: [String], message: String) throws {
    let result = try RNGDiffBinary.run(arguments)
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == message + "\n")
  }

  @Test func unknownCallSuggestsTheClosestName() throws {
    let result = try RNGDiffBinary.run(["sample", "numpy", "rnd(3)"])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("rngdiff: <calls>:1:1: 'rnd' is not a numpy call rngdiff knows; did you mean 'rand'? accepted: Generator, MT19937, PCG64, PCG64DXSM, Philox, RandomState, SFC64, SeedSequence, "))
    #expect(result.standardError.contains(" binomial, ") && result.standardError.contains(" gamma, "), "\(result.standardError)")
  }
}

/// `rngdiff sample numpy 'Generator(X(seed)).method(...)'` for each of NumPy's
/// bit generators: stdout against numpy_bit_pairings.jsonl (NumPy 2.4.6).
@Suite struct NumPyBitGeneratorCommandTests {
  /// What `rngdiff sample numpy` printed for a golden case's calls (it must
  /// succeed, silently on stderr) and the value texts NumPy printed.
  func printedAndExpected(_ goldenCase: ExactJSON) throws -> (printed: String, expected: [String]) {
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(["sample", "numpy", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    return (result.standardOutput, calls.indices.flatMap { GoldenFile.outputs(goldenCase, call: $0).flatMap(GoldenFile.values) })
  }

  @Test(arguments: ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"])
  func generatorOnEachBitGeneratorPrintsNumPysValues(bitGenerator: String) throws {
    let golden = try GoldenFile.reference("numpy-bits/numpy_bit_pairings.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: "0", firstCall: "Generator(\(bitGenerator)(5)).random(3)"))
    let (printed, expected) = try printedAndExpected(goldenCase)
    #expect(expected.count == 9)
    #expect(printed == expected.map { $0 + "\n" }.joined())
  }

  /// SeedSequence objects, spawning, `jumped`/`advance` and `bit_generator.state`
  /// entries, printed as NumPy printed them.
  @Test(arguments: ["Philox", "SFC64"])
  func seedSequencesSpawnAndStatePrintNumPysValues(bitGenerator: String) throws {
    let golden = try GoldenFile.reference("numpy-bits/numpy_bit_pairings.jsonl")
    let goldenCase = try #require(golden.cases.first { c in
      GoldenFile.calls(c).contains("bg = \(bitGenerator)(ss)")
    })
    let (printed, expected) = try printedAndExpected(goldenCase)
    #expect(expected.count > 20)
    #expect(printed == expected.map { $0 + "\n" }.joined())
  }

  /// `RandomState(SFC64(11))`: the legacy distributions over SFC64, stdout against
  /// numpy_randomstate_bits.jsonl (NumPy 2.4.6).
  @Test func randomStateOnSFC64PrintsNumPysValues() throws {
    let golden = try GoldenFile.reference("numpy-bits/numpy_randomstate_bits.jsonl")
    let goldenCase = try #require(golden.cases.first { GoldenFile.calls($0).first == "b = SFC64(11)" })
    let (printed, expected) = try printedAndExpected(goldenCase)
    #expect(expected.count > 50)
    #expect(printed == expected.map { $0 + "\n" }.joined())
  }
}
