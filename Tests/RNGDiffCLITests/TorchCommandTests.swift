import Foundation
import TestSupport
import Testing

/// `rngdiff sample torch` end to end: the built binary, its standard output
/// compared with the values torch 2.15 wrote into the committed goldens
/// (fixtures/reference/torch), and its exit codes.
@Suite struct TorchCommand {
  static let avx2 = try! GoldenFile.load(Fixtures.url("reference/torch/torch-avx2.jsonl").path)
  static let cpuDefault = try! GoldenFile.load(Fixtures.url("reference/torch/torch-default.jsonl").path)

  /// The outputs of the golden case with this seed (JSON number text) and these calls.
  static func golden(_ file: GoldenFile, seed: String, calls: [String]) throws -> [ExactJSON] {
    let found = file.cases.first { $0["seed"]?.number == seed && ($0["calls"]?.array ?? []).compactMap(\.string) == calls }
    return try #require(found, "no golden case seed \(seed) calls \(calls)")["outputs"]?.array ?? []
  }

  /// The lines plain output prints for golden outputs: each value's text
  /// (Python's repr, as json.dumps wrote it).
  static func plainLines(_ outputs: [ExactJSON]) -> [String] {
    outputs.flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
  }

  /// docs/sample.md's torch examples (and the brief's randint example).
  @Test(arguments: [
    "rand(5)", "randn(33)", "rand(3, dtype=torch.float64)", "randint(0, 10, (12,))", "randperm(200)",
    "empty(20).uniform_(-0.5, 0.5)", "dropout(ones(40), p=0.5)", "nn.Linear(3, 4)",
  ])
  func examplesPrintTheRealLibrarysValues(call: String) throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", call])
    #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    let expected = Self.plainLines(try Self.golden(Self.avx2, seed: "0", calls: [call]))
    #expect(!expected.isEmpty)
    #expect(lines == expected)
  }

  @Test func jsonOutputCarriesNamesDtypesAndShapes() throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", "--json", "nn.Linear(3, 4)"])
    #expect(result.status == 0)
    let lines = try result.standardOutput.split(separator: "\n").map { try ExactJSON.parse(String($0)) }
    let expected = try Self.golden(Self.avx2, seed: "0", calls: ["nn.Linear(3, 4)"])
    #expect(lines.count == expected.count)
    for (line, want) in zip(lines, expected) {
      for key in ["call", "expr", "name", "dtype", "shape", "values"] {
        #expect(line[key] == want[key], "\(key)")
      }
    }
  }

  @Test func cpuCapabilityPicksTheKernelsRounding() throws {
    let call = "empty(300).uniform_(-0.37, 1.9)"
    let avx2 = Self.plainLines(try Self.golden(Self.avx2, seed: "0", calls: [call]))
    let cpuDefault = Self.plainLines(try Self.golden(Self.cpuDefault, seed: "0", calls: [call]))
    #expect(avx2 != cpuDefault, "the kernels round differently")
    let plain = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", call])
    let configured = try RNGDiffBinary.run(["sample", "torch", "--seed", "0", "--config", "cpu_capability=default", call])
    #expect(plain.standardOutput.split(separator: "\n").map(String.init) == avx2)
    #expect(configured.standardOutput.split(separator: "\n").map(String.init) == cpuDefault)
  }

  @Test func negativeSeedsWrapToSixtyFourBits() throws {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "-1", "initial_seed(); rand(3)"])
    #expect(result.status == 0)
    let expected = Self.plainLines(try Self.golden(Self.avx2, seed: "-1", calls: ["initial_seed()", "rand(3)"]))
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected)
  }

  @Test(arguments: [
    (["--seed", "'hello'", "rand(1)"], "rngdiff: --seed:1:1: invalid literal for int() with base 10: 'hello'"),
    (["--seed", "2**64", "rand(1)"], "rngdiff: --seed:1:1: Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got 18446744073709551616"),
    (["--seed", "0", "randint(5, 5, (3,))"], "rngdiff: <calls>:1:12: random_ expects 'from' to be less than 'to', but got from=5 >= to=5"),
    (["--seed", "0", "--config", "cpu_capability=neon", "rand(1)"], "rngdiff: --config:1:1: cpu_capability must be default, avx2 or avx512 (the names torch.backends.cpu.get_cpu_capability() prints), got 'neon'"),
  ])
  func troubleExitsTwoWithOneLine(arguments: [String], message: String) throws {
    let result = try RNGDiffBinary.run(["sample", "torch"] + arguments)
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == message + "\n")
  }
}
