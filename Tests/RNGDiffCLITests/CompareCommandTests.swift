import Foundation
import TestSupport
import Testing

/// `rngdiff compare` as a user runs it, on the scripts in fixtures/scripts/compare:
/// the diagnosis kind and consumer in `--json`, the exit status, `--keep`, and bad input.
@Suite struct CompareCommandTests {
  static let folder = Fixtures.url("scripts/compare")
  static func script(_ name: String) -> String { folder.appendingPathComponent(name).path }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The report's JSON, with its first diagnosis.
  struct Report {
    var root: [String: Any]
    init(_ text: String) throws {
      root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }
    var verdict: String? { root["verdict"] as? String }
    var first: [String: Any]? { (root["diagnoses"] as? [[String: Any]])?.first }
    var kind: String? { first?["kind"] as? String }
    var consumer: String? { (first?["consumer"] as? [String: Any])?["path"] as? String }
    var stream: [String: Any]? { first?["stream"] as? [String: Any] }
    var causeConfig: [String] { (first?["config"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
  }

  // MARK: Two scripts

  @Test func twoScriptsSeededDifferentlyAreASeedMismatch() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("seed_1.py"), Self.script("seed_2.py"), "--json"])
    #expect(result.status == 1, "\(result.standardError)")
    let report = try Report(result.standardOutput)
    #expect(report.kind == "seed-mismatch")
    #expect(report.consumer == "<top>")
    #expect(report.stream?["framework"] as? String == "python")
    #expect(report.stream?["name"] as? String == "global")
    // The scripts' own output is not mixed into the report.
    #expect(!result.standardOutput.contains("order ["))
    #expect(result.standardError.isEmpty)
  }

  @Test func plainRNGDiffWithTwoScriptsMeansCompare() throws {
    let result = try RNGDiffBinary.run([Self.script("seed_1.py"), Self.script("seed_2.py")])
    #expect(result.status == 1, "\(result.standardError)")
    #expect(result.standardOutput.contains("seed-mismatch"))
    #expect(result.standardOutput.contains("random.seed(2) at"), "\(result.standardOutput)")
  }

  @Test func aScriptComparedWithItselfIsIdentical() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("seed_1.py"), Self.script("seed_1.py"), "--json"])
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(try Report(result.standardOutput).verdict == "identical")
  }

  /// Both scripts get the same stand-in entropy: two unseeded scripts that draw
  /// alike are identical, as the same program would be on one machine state.
  @Test func twoScriptsShareTheirEntropy() throws {
    let unseeded = Self.script("numpy_unseeded.py")
    let result = try RNGDiffBinary.run(["compare", unseeded, unseeded])
    #expect(result.status == 0, "\(result.standardOutput)")
  }

  @Test func showOutputPrefixesEachRunsLinesOnStandardError() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("seed_1.py"), Self.script("seed_2.py"), "--json", "--show-output"])
    #expect(result.status == 1)
    _ = try Report(result.standardOutput)  // still one JSON object
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.first?.hasPrefix("a| order [") == true, "\(result.standardError)")
    #expect(lines.contains { $0.hasPrefix("b| keep [") }, "\(result.standardError)")
  }

  // MARK: One script, run twice

  @Test func anUnseededStreamIsNamedWhenAScriptRunsTwice() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("numpy_unseeded.py"), "--runs", "2", "--json"])
    #expect(result.status == 1, "\(result.standardError)")
    let report = try Report(result.standardOutput)
    #expect(report.kind == "unseeded-stream")
    #expect(report.consumer == "<top>")
    #expect(report.stream?["framework"] as? String == "numpy")
  }

  @Test func runsTwiceWithAnEntropySeedIsReproducible() throws {
    let arguments = ["compare", Self.script("numpy_unseeded.py"), "--runs", "2", "--json", "--entropy-seed", "5"]
    let first = try RNGDiffBinary.run(arguments), second = try RNGDiffBinary.run(arguments)
    #expect(first.status == 1)
    #expect(first.standardOutput == second.standardOutput)
    let other = try RNGDiffBinary.run(["compare", Self.script("numpy_unseeded.py"), "--runs", "2", "--json", "--entropy-seed", "6"])
    #expect(other.standardOutput != first.standardOutput, "another seed, other entropy")
  }

  @Test func aFullySeededScriptRunsTheSameTwice() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("seed_1.py"), "--runs", "2", "--json"])
    #expect(result.status == 0, "\(result.standardOutput)")
  }

  /// Every stream is seeded, but layers are initialised in the order of a set of
  /// strings: with PYTHONHASHSEED unset each run has its own hash key, and the
  /// report names PYTHONHASHSEED; with it set, the runs match.
  @Test func setOrderUnderARandomHashSeedIsBlamedOnPYTHONHASHSEED() throws {
    let script = Self.script("set_order_draws.py")
    let result = try RNGDiffBinary.run(["compare", script, "--runs", "2", "--json", "--entropy-seed", "3"])
    #expect(result.status == 1, "\(result.standardError)")
    let report = try Report(result.standardOutput)
    #expect(report.kind == "config-mismatch")
    #expect(report.causeConfig == ["PYTHONHASHSEED"])
    #expect((report.first?["explanation"] as? String)?.contains("set_order_draws.py:8") == true)
    #expect((report.first?["fix"] as? String)?.contains("PYTHONHASHSEED=0") == true)
    let fixed = try RNGDiffBinary.run(["compare", script, "--runs", "2", "--entropy-seed", "3"], environment: ["PYTHONHASHSEED": "0"])
    #expect(fixed.status == 0, "\(fixed.standardOutput)")
  }

  // MARK: --keep

  @Test func keepWritesBothTracesAndNeverOverwritesWithoutForce() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let keep = out.appendingPathComponent("traces").path
    let arguments = ["compare", Self.script("seed_1.py"), Self.script("seed_2.py"), "--keep", keep]
    #expect(try RNGDiffBinary.run(arguments).status == 1)
    let a = keep + "/a.trace", b = keep + "/b.trace"
    #expect(FileManager.default.fileExists(atPath: a) && FileManager.default.fileExists(atPath: b))
    // The kept traces diff as the command did.
    let diff = try RNGDiffBinary.run(["--json", a, b])
    #expect(diff.status == 1)
    #expect(try Report(diff.standardOutput).kind == "seed-mismatch")
    let again = try RNGDiffBinary.run(arguments)
    #expect(again.status == 2)
    #expect(again.standardError.contains("exists") && again.standardError.contains("--force"), "\(again.standardError)")
    #expect(try RNGDiffBinary.run(arguments + ["--force"]).status == 1)
  }

  @Test func htmlWritesThePageBesideTheReport() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let page = out.appendingPathComponent("report.html").path
    let result = try RNGDiffBinary.run(["compare", Self.script("seed_1.py"), Self.script("seed_2.py"), "--html", page, "--json"])
    #expect(result.status == 1)
    #expect(try Report(result.standardOutput).kind == "seed-mismatch")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("seed-mismatch"))
  }

  // MARK: Bad input

  static func expectOneSentence(_ arguments: [String], mentioning words: [String]) throws {
    let result = try RNGDiffBinary.run(arguments)
    #expect(result.status == 2, "\(arguments)")
    let message = result.standardError.trimmingCharacters(in: .newlines)
    #expect(!message.isEmpty && !message.contains("\n"), "one line: \(message)")
    #expect(message.hasPrefix("rngdiff: "), "\(message)")
    for word in words { #expect(message.contains(word), "\(message) should mention \(word)") }
    #expect(result.standardOutput.isEmpty)
  }

  @Test func badInputGetsOneSentenceAndExit2() throws {
    let seed = Self.script("seed_1.py")
    try Self.expectOneSentence(["compare", seed, "/no/such/script.py"], mentioning: ["/no/such/script.py"])
    try Self.expectOneSentence(["compare", seed, Self.folder.appendingPathComponent("../language/expected.json").path], mentioning: [".py", "expected.json"])
    try Self.expectOneSentence(["compare", seed, seed, "--frobnicate"], mentioning: ["--frobnicate", "accepted"])
    try Self.expectOneSentence(["compare", seed], mentioning: ["two scripts"])
    try Self.expectOneSentence(["compare", seed, "--runs", "3"], mentioning: ["--runs"])
    try Self.expectOneSentence(["compare", seed, seed, "--runs", "2"], mentioning: ["--runs 2"])
    try Self.expectOneSentence(["compare", seed, seed, "--entropy-seed", "-4"], mentioning: ["--entropy-seed"])
    try Self.expectOneSentence(["compare", seed, seed, "--profile", "pytorch"], mentioning: ["pytorch", "keras3-tensorflow"])
  }

  /// A script that fails stops the command with the script's located message.
  @Test func aFailingScriptStopsWithALocatedMessage() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let broken = out.appendingPathComponent("broken.py")
    try "import random\nrandom.seed(1)\nprint(1 / 0)\n".write(to: broken, atomically: true, encoding: .utf8)
    try Self.expectOneSentence(["compare", Self.script("seed_1.py"), broken.path], mentioning: ["broken.py:3:", "ZeroDivisionError"])
  }

  @Test func helpDescribesTheCommand() throws {
    let result = try RNGDiffBinary.run(["compare", "--help"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("--runs <n>") && result.standardOutput.contains("--keep <dir>"))
  }
}

/// `rngdiff compare SCRIPT --models m1 m2`: two models of one script, by position.
@Suite struct CompareModelsTests {
  static func script(_ name: String) -> String { CompareCommandTests.script(name) }
  /// A script of the classic reports (`fixtures/scripts/classic/<case>/<file>`).
  static func classic(_ path: String) -> String { Fixtures.url("scripts/classic").appendingPathComponent(path).path }

  /// The classic report: Sequential then functional after one seed. The functional
  /// model's layers take their default seeds from Python's random after the
  /// Sequential's took theirs (real Keras 3.15.1 gives them other weights too).
  @Test func sequentialThenFunctionalIsAStateCarryoverAtTheFirstDense() throws {
    let result = try RNGDiffBinary.run(["compare", Self.classic("reordered-draws/a.py"), "--models", "model1", "model2", "--json"])
    #expect(result.status == 1, "\(result.standardError)")
    let report = try CompareCommandTests.Report(result.standardOutput)
    #expect(report.root["structure"] as? String == "same")
    #expect(report.kind == "state-carryover")
    #expect(report.first?["position"] as? Int == 0)
    let consumer = report.first?["consumer"] as? [String: Any]
    #expect(consumer?["a"] as? String == "s_hidden" && consumer?["b"] as? String == "f_hidden" && consumer?["role"] as? String == "seed")
    // What moved the shared stream on: the first model's two layers.
    let takenBy = (report.first?["taken_by"] as? [[String: Any]] ?? []).compactMap { $0["consumer"] as? String }
    #expect(takenBy == ["s_hidden", "s_out"], "\(takenBy)")
    let text = try RNGDiffBinary.run(["compare", Self.classic("reordered-draws/a.py"), "--models", "model1", "model2"])
    #expect(text.standardOutput.contains("seeded by random.seed(2)"), "\(text.standardOutput)")
  }

  /// Reseeding before each definition makes them equivalent, as in real Keras
  /// (the script prints "identical weights: True" under Keras 3.15.1, classic/expected.json).
  @Test func reseededDefinitionsAreEquivalent() throws {
    let result = try RNGDiffBinary.run(["compare", Self.classic("sequential-vs-functional/two_models.py"), "--models", "model1", "model2", "--json"])
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    let report = try CompareCommandTests.Report(result.standardOutput)
    #expect(report.verdict == "identical")
    #expect((report.root["weights"] as? [[String: Any]])?.allSatisfy { $0["same"] as? Bool == true } == true)
  }

  @Test func structurallyDifferentModelsAreSaidToBeSoFirst() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("two_models_different.py"), "--models", "wide", "narrow", "--json"])
    #expect(result.status == 1)
    let report = try CompareCommandTests.Report(result.standardOutput)
    #expect(report.root["structure"] as? String == "different")
    #expect(report.kind == "structure-mismatch")
    let differences = report.root["structure_differences"] as? [String] ?? []
    #expect(differences.first?.contains("kernel [2, 20]") == true && differences.first?.contains("kernel [2, 16]") == true, "\(differences)")
  }

  @Test func badModelArgumentsGetOneSentence() throws {
    let script = Self.classic("reordered-draws/a.py")
    try CompareCommandTests.expectOneSentence(["compare", script, "--models", "model1"], mentioning: ["--models"])
    try CompareCommandTests.expectOneSentence(["compare", script, "--models", "model1", "nowhere"], mentioning: ["a.py:", "'nowhere'"])
    try CompareCommandTests.expectOneSentence(["compare", script, "--models", "model1", "first"], mentioning: ["'first'", "not a Keras model"])
    try CompareCommandTests.expectOneSentence(["compare", script, script, "--models", "model1", "model2"], mentioning: ["--models"])
  }
}
