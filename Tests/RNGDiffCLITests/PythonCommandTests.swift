import TestSupport
import Testing

/// `rngdiff sample python` as a user runs it: the built binary's stdout
/// against values CPython 3.11.7 printed, and exit codes.
@Suite struct PythonCommandTests {
  @Test(arguments: ["0", "'hello'", "-42", "2**100 + 7"])
  func plainOutputIsCPythonsValues(seed: String) throws {
    let golden = try GoldenFile.reference("python/python_real.jsonl")
    let goldenSeed = seed == "2**100 + 7" ? "1267650600228229401496703205383" : seed
    let goldenCase = try #require(golden.firstCase(seed: goldenSeed, firstCall: "gauss()"))
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(["sample", "python", "--seed", seed, calls.joined(separator: "; ")])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let expected = calls.indices.flatMap { GoldenFile.outputs(goldenCase, call: $0).flatMap(GoldenFile.values) }
    #expect(result.standardOutput == expected.map { $0 + "\n" }.joined())
  }

  @Test func sequencesAndWideInts() throws {
    let golden = try GoldenFile.reference("python/python_integers.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: "42", firstCall: "getrandbits(0)"))
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(["sample", "python", "--seed", "42", "--json", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == calls.count)
    for (index, line) in lines.enumerated() {
      let output = GoldenFile.outputs(goldenCase, call: index)[0]
      #expect(line.contains("\"dtype\": \"\(output["dtype"]?.string ?? "")\""))
      #expect(line.hasSuffix("\"values\": [" + GoldenFile.values(output).joined(separator: ", ") + "]}"))
    }
  }

  /// `--config python_version=3.12` through the binary: binomialvariate's
  /// values as CPython 3.12.1 printed them; under the default (3.11) the
  /// call is refused with exit 2 and one line.
  @Test func pythonVersionProfileThroughTheBinary() throws {
    let golden = try GoldenFile.reference("python/python_module-3.12.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: "42", firstCall: "expovariate()"))
    let calls = GoldenFile.calls(goldenCase)
    let result = try RNGDiffBinary.run(
      ["sample", "python", "--seed", "42", "--config", "python_version=3.12", calls.joined(separator: "; ")])
    #expect(result.status == 0)
    let expected = calls.indices.flatMap { GoldenFile.outputs(goldenCase, call: $0).flatMap(GoldenFile.values) }
    #expect(result.standardOutput == expected.map { $0 + "\n" }.joined())

    let refused = try RNGDiffBinary.run(["sample", "python", "--seed", "42", "random(); binomialvariate(10, 0.5)"])
    #expect(refused.status == 2)
    #expect(refused.standardOutput.isEmpty)
    #expect(refused.standardError
      == "rngdiff: <calls>:1:11: binomialvariate() is new in Python 3.12; this run follows Python 3.11 (pass --config python_version=3.12)\n")
  }

  @Test func mistakesExitTwoWithOneLine() throws {
    let result = try RNGDiffBinary.run(["sample", "python", "--seed", "[1, 2]", "random()"])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError
      == "rngdiff: --seed:1:1: The only supported seed types are: None, int, float, str, bytes, and bytearray; got list\n")
    let empty = try RNGDiffBinary.run(["sample", "python", "--seed", "0", "randint(5, 4)"])
    #expect(empty.status == 2)
    #expect(empty.standardError == "rngdiff: <calls>:1:12: empty range for randrange() (5, 5, 0)\n")
  }
}
