import Foundation
import TestSupport
import Testing

/// `rngdiff sample keras` end to end: the built binary's output against the
/// values Keras 3.15.1 wrote into the committed goldens
/// (fixtures/reference/keras), and its exit codes.
@Suite struct KerasCommand {
  static let files = [
    "tensorflow": try! GoldenFile.load(Fixtures.url("reference/keras/keras-tensorflow.jsonl").path),
    "jax": try! GoldenFile.load(Fixtures.url("reference/keras/keras-jax.jsonl").path),
  ]

  /// The outputs of call `call` of the first golden case whose calls start
  /// with `calls` (the first calls of a case are what running them alone prints).
  static func golden(_ backend: String, seed: String?, calls: [String]) throws -> [ExactJSON] {
    let found = files[backend]?.cases.first { c in
      c["seed"]?.number == seed && Array((c["calls"]?.array ?? []).compactMap(\.string).prefix(calls.count)) == calls
    }
    let outputs = try #require(found, "no golden case seed \(seed ?? "none") calls \(calls)")["outputs"]?.array ?? []
    return outputs.filter { ($0["call"]?.int ?? 0) < calls.count }
  }

  static func plainLines(_ outputs: [ExactJSON]) -> [String] {
    outputs.flatMap { ($0["values"]?.array ?? []).compactMap(\.number) }
  }

  /// docs/sample.md's keras examples, on both backends.
  @Test(arguments: [
    ("tensorflow", nil, "GlorotUniform(seed=9)((3, 4))"), ("jax", nil, "GlorotUniform(seed=9)((3, 4))"),
    ("tensorflow", "0", "Dropout(0.5)(ones((40,)), training=True)"), ("jax", "0", "Dropout(0.5)(ones((40,)), training=True)"),
  ] as [(String, String?, String)])
  func docsExamplesPrintTheRealLibrarysValues(backend: String, seed: String?, call: String) throws {
    let result = try RNGDiffBinary.run(["sample", "keras", "--backend", backend] + (seed.map { ["--seed", $0] } ?? []) + [call])
    #expect(result.status == 0 && result.standardError.isEmpty, "\(result.standardError)")
    let expected = Self.plainLines(try Self.golden(backend, seed: seed, calls: [call]))
    #expect(!expected.isEmpty)
    #expect(result.standardOutput.split(separator: "\n").map(String.init) == expected)
  }

  @Test func denseKnownAnswerAsJSON() throws {
    let calls = ["d = Dense(3)", "d.build((None, 4))", "d.kernel", "d.bias"]
    for backend in ["tensorflow", "jax"] {
      let result = try RNGDiffBinary.run(["sample", "keras", "--backend", backend, "--seed", "5", "--json", calls.joined(separator: "; ")])
      #expect(result.status == 0)
      let lines = try result.standardOutput.split(separator: "\n").map { try ExactJSON.parse(String($0)) }
      let expected = try Self.golden(backend, seed: "5", calls: calls)
      #expect(lines.count == expected.count && lines.count == 2)
      for (line, want) in zip(lines, expected) {
        for key in ["call", "expr", "dtype", "shape", "values"] { #expect(line[key] == want[key], "\(backend) \(key)") }
      }
    }
  }

  @Test func theDefaultBackendIsTensorFlow() throws {
    let plain = try RNGDiffBinary.run(["sample", "keras", "uniform((5,), seed=7)"])
    #expect(plain.standardOutput.split(separator: "\n").map(String.init)
      == Self.plainLines(try Self.golden("tensorflow", seed: nil, calls: ["uniform((5,), seed=7)"])))
  }

  @Test func troubleExitsWithStatusTwo() throws {
    let badSeed = try RNGDiffBinary.run(["sample", "keras", "--seed", "-1", "uniform((2,))"])
    #expect(badSeed.status == 2)
    #expect(badSeed.standardError == "rngdiff: --seed:1:1: Seed must be between 0 and 2**32 - 1\n")
    let badCall = try RNGDiffBinary.run(["sample", "keras", "--backend", "jax", "uniform((2,), seed=-1)"])
    #expect(badCall.status == 2)
    #expect(badCall.standardError == "rngdiff: <calls>:1:20: Python integer -1 out of bounds for uint32\n")
    #expect(badCall.standardOutput.isEmpty)
  }
}
