import Foundation
import RNGScenarios
import Testing
import TestSupport

/// The classic reports as real scripts (`fixtures/scripts/classic/`), as a
/// user meets them: each script prints under `rngdiff run` what it printed
/// under the real CPython, NumPy, TensorFlow, Keras 3, tf-keras, PyTorch and
/// JAX (`expected.json`, written by `fixtures/scripts/generate_expected.py
/// classic`); one `rngdiff compare` diagnoses each situation with the
/// expected kind and consumer; and the fixture pairs under
/// `fixtures/traces/` are exactly the traces that command keeps.
///
/// Under `RNGDIFF_UPDATE_EXPECTED=1` the fixture traces are rewritten from
/// the scripts instead of compared (review the diff).
@Suite("Classic reports as scripts")
struct ClassicScriptTests {
  static let classic = "fixtures/scripts/classic"

  /// One script's recorded run under the real libraries.
  struct Expected: Sendable, CustomStringConvertible {
    var script: String
    var stdout: String
    var exit: Int
    var description: String { script }
  }

  static let expected: [Expected] = {
    let url = Fixtures.repositoryRoot().appendingPathComponent(classic).appendingPathComponent("expected.json")
    guard let text = try? String(contentsOf: url, encoding: .utf8), let json = try? ExactJSON.parse(text),
      case .object(let cases)? = json["cases"]
    else { return [] }
    return cases.map { key, value in
      Expected(script: key, stdout: value["stdout"]?.string ?? "", exit: value["exit"]?.int ?? -1)
    }.sorted { $0.script < $1.script }
  }()

  /// The environment generate_expected.py runs CPython with.
  static let environment = ["KERAS_BACKEND": "tensorflow", "PYTHONHASHSEED": "0"]

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-classic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test("every script of every case is in expected.json (unless the case says why no real library ran it), ran to the end under the real libraries, and belongs to a case")
  func everyScriptIsCovered() throws {
    let root = Pairs.root
    let scripts = Set(ClassicCatalog.all.flatMap { c in c.scripts.map { "\(c.folderName)/\($0)" } })
    let realRun = Set(ClassicCatalog.all.filter { $0.withoutRealRun == nil }.flatMap { c in c.scripts.map { "\(c.folderName)/\($0)" } })
    #expect(Set(Self.expected.map(\.script)) == realRun)
    #expect(Self.expected.allSatisfy { $0.exit == 0 }, "\(Self.expected.filter { $0.exit != 0 })")
    let folder = root.appendingPathComponent(Self.classic)
    var found: Set<String> = []
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let sub = folder.appendingPathComponent(name)
      guard (try? sub.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { continue }
      for file in try FileManager.default.contentsOfDirectory(atPath: sub.path) where file.hasSuffix(".py") {
        found.insert("\(name)/\(file)")
      }
    }
    #expect(found == scripts, "scripts no case runs: \(found.subtracting(scripts).sorted())")
  }

  @Test("rngdiff run prints what the real libraries printed", arguments: expected)
  func printsWhatTheRealLibrariesPrint(_ c: Expected) throws {
    _ = Pairs.root
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try RNGDiffBinary.run(
      ["run", "\(Self.classic)/\(c.script)", "-o", out.appendingPathComponent("run.trace").path, "--entropy-seed", "1"],
      environment: Self.environment)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == c.stdout)
  }

  @Test("one compare command diagnoses each situation with the expected kind and consumer", arguments: ClassicCatalog.all.map(\.name))
  func compareDiagnoses(_ name: String) throws {
    _ = Pairs.root
    let c = try #require(ClassicCatalog.named(name))
    let result = try RNGDiffBinary.run(c.compareArguments + ["--json"])
    #expect(result.standardError.isEmpty, "\(result.standardError)")
    let report = try ExactJSON.parse(result.standardOutput)
    let diagnoses = report["diagnoses"]?.array ?? []
    if c.kind == "identical" {
      #expect(result.status == 0)
      #expect(report["verdict"]?.string == "identical")
      #expect(diagnoses.isEmpty)
      return
    }
    #expect(result.status == 1)
    #expect(report["verdict"]?.string == "different")
    let first = try #require(diagnoses.first, "\(name): no diagnosis")
    #expect(first["kind"]?.string == c.kind)
    let models = c.options.first == "--models"
    // With --models the consumer is the layer in each model: "a" is model 1's.
    #expect(first["consumer"]?[models ? "a" : "path"]?.string == c.consumer)
    #expect(first["consumer"]?["role"]?.string == c.role)
  }

  @Test("one situation, one cause: what a case's change knocks on (a kernel's seed derivations at <top>, a Dropout's masks, a moved kernel's weights) is listed as its effects",
        arguments: ClassicCatalog.all.filter { $0.kind != "identical" }.map(\.name))
  func oneCausePerSituation(_ name: String) throws {
    _ = Pairs.root
    let c = try #require(ClassicCatalog.named(name))
    let result = try RNGDiffBinary.run(c.compareArguments + ["--json"])
    let diagnoses = try ExactJSON.parse(result.standardOutput)["diagnoses"]?.array ?? []
    let listed = diagnoses.map { "\($0["kind"]?.string ?? "?") \($0["consumer"]?["path"]?.string ?? "-")" }
    #expect(diagnoses.count == 1, "\(name): \(listed)")
  }

  @Test("each fixture pair is what its compare command keeps, and diffs to the same diagnosis",
        arguments: ClassicCatalog.all.filter { $0.fixture != nil }.map(\.name))
  func fixtureIsTheKeptTraces(_ name: String) throws {
    let root = Pairs.root
    let c = try #require(ClassicCatalog.named(name))
    let fixture = try #require(c.fixture)
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let kept = try RNGDiffBinary.run(c.compareArguments + ["--keep", out.path])
    #expect(kept.status == 1, "\(kept.standardError)")
    let committed = root.appendingPathComponent("fixtures/traces/\(fixture)")
    for file in ["a.trace", "b.trace"] {
      let fresh = try Data(contentsOf: out.appendingPathComponent(file))
      let url = committed.appendingPathComponent(file)
      if ProcessInfo.processInfo.environment["RNGDIFF_UPDATE_EXPECTED"] == "1" {
        try fresh.write(to: url)
        continue
      }
      #expect(
        FileManager.default.contents(atPath: url.path) == fresh,
        "fixtures/traces/\(fixture)/\(file) is not what `\(c.keepCommand ?? "")` writes; run RNGDIFF_UPDATE_EXPECTED=1 swift test --filter ClassicScriptTests and review the diff")
    }
    // The committed pair, diffed as traces, gives the command's diagnosis.
    let diff = try RNGDiffBinary.run(["fixtures/traces/\(fixture)/a.trace", "fixtures/traces/\(fixture)/b.trace", "--json"])
    #expect(diff.status == 1)
    let first = try #require(try ExactJSON.parse(diff.standardOutput)["diagnoses"]?.array?.first)
    #expect(first["kind"]?.string == c.kind)
    #expect(first["consumer"]?["path"]?.string == c.consumer)
  }

  @Test("the README of each fixture folder made from scripts is current", arguments: ClassicCatalog.all.filter { $0.fixture != nil }.map(\.name))
  func fixtureReadme(_ name: String) throws {
    let root = Pairs.root
    let c = try #require(ClassicCatalog.named(name))
    let url = root.appendingPathComponent("fixtures/traces/\(c.fixture ?? "")/README.md")
    let text = FixtureFiles.readme(for: c)
    #expect(
      (try? String(contentsOf: url, encoding: .utf8)) == text,
      "fixtures/traces/\(c.fixture ?? "")/README.md is out of date; run `swift run TraceFixtures fixtures/traces`")
    #expect(text.contains(c.keepCommand ?? "<none>"))
    #expect(text.contains("**\(c.kind)**"))
  }

  @Test("structure-mismatch: validation adds the val_loss metrics, one cause of two events, and nothing else")
  func validationIsOneCause() throws {
    _ = Pairs.root
    let diff = try RNGDiffBinary.run(["fixtures/traces/structure-mismatch/a.trace", "fixtures/traces/structure-mismatch/b.trace", "--json"])
    let diagnoses = try #require(try ExactJSON.parse(diff.standardOutput)["diagnoses"]?.array)
    #expect(diagnoses.count == 1)
    #expect(diagnoses.first?["hunk_size"]?.int == 2)
  }

  @Test("state-carryover: the reseed the explanation points at is a's second set_random_seed, inside the loop")
  func reseedInTheLoop() throws {
    _ = Pairs.root
    let c = try #require(ClassicCatalog.named("state-carryover"))
    let result = try RNGDiffBinary.run(c.compareArguments + ["--json"])
    let first = try #require(try ExactJSON.parse(result.standardOutput)["diagnoses"]?.array?.first)
    let script = try String(contentsOfFile: c.scriptPaths[0], encoding: .utf8)
    let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
    let reseed = try #require(lines.firstIndex { $0.contains("keras.utils.set_random_seed(1337)") })
    #expect(lines[reseed].hasPrefix("    "), "the reseed must be inside the loop")
    #expect(first["explanation"]?.string?.contains("keras.utils.set_random_seed(1337) at \(c.scriptPaths[0]):\(reseed + 1)") == true)
  }

  /// The draws of a committed fixture trace, each as "consumer role stream counter count digest".
  static func draws(_ fixture: String, _ file: String) throws -> [String] {
    let text = try String(contentsOf: Pairs.root.appendingPathComponent("fixtures/traces/\(fixture)/\(file)"), encoding: .utf8)
    return try text.split(separator: "\n").compactMap { line -> String? in
      let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      guard event["event"] as? String == "draw" else { return nil }
      return ["consumer", "role", "stream", "counter", "count", "digest"].map { "\(event[$0] ?? "-")" }.joined(separator: " ")
    }
  }

  /// The events of one kind in a fixture trace, as JSON objects.
  static func events(_ kind: String, _ fixture: String, _ file: String) throws -> [[String: Any]] {
    let text = try String(contentsOf: Pairs.root.appendingPathComponent("fixtures/traces/\(fixture)/\(file)"), encoding: .utf8)
    return try text.split(separator: "\n").compactMap { line in
      let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      return event["event"] as? String == kind ? event : nil
    }
  }

  @Test("input-shape-tf1: both models start from the same weights; the Dropout's op seed is the op count before it, in b higher by the SGD variables compile() made first")
  func tf1DropoutOpSeed() throws {
    let report = try FixtureFolders.diff("input-shape-tf1")
    #expect(report.diagnoses.count == 1, "\(report.diagnoses.map(\.kind))")
    let initial = { (file: String) in
      try Self.events("tensor", "input-shape-tf1", file).filter { $0["moment"] as? String == "init" }.map { "\($0["name"] ?? "") \($0["digest"] ?? "")" }
    }
    let weights = try initial("a.trace"), weightsB = try initial("b.trace")
    #expect(weights.count == 6 && weights == weightsB)
    let opSeed = { (file: String) -> Int? in
      let derivations = try Self.events("derivation", "input-shape-tf1", file).filter { $0["consumer"] as? String == "sequential/dropout" }
      return derivations.count == 1 ? ((derivations[0]["inputs"] as? [String: Any])?["last_operation_id"] as? String).flatMap { Int($0) } : nil
    }
    // docs/frameworks/tf-keras.md's counts, in the order a.py makes the ops: the input placeholder (1);
    // Dense(16)'s kernel (3 constants, RandomUniform and its 3 ops, 3 variable ops) and zero bias (4);
    // its MatMul, BiasAdd, relu (3); the learning phase (2); the Dropout's cond and constants (8).
    let a = try #require(try opSeed("a.trace"))
    #expect(a == 1 + (3 + 4 + 3) + 4 + 3 + 2 + 8)
    // b.py: the same ops, after compile()'s SGD variables (iterations, lr, momentum, decay: 4 ops each).
    let b = try opSeed("b.trace")
    #expect(b == a + 4 * 4)
  }

  @Test("extra-draw: b's extra units are exactly the classifier's 640 × 5 weights and 5 biases, and the model starts after them")
  func extraDrawUnits() throws {
    let first = try #require(try FixtureFolders.diff("extra-draw").diagnoses.first)
    // nn.Linear draws one 32-bit word per float32 element (kaiming_uniform_, then uniform_).
    #expect(first.hunkUnits == UInt64(640 * 5 + 5))
    #expect(first.hunk.map(\.what) == ["classifier.weight (init)", "classifier.bias (init)"])
    let fc1 = { (file: String) in try Self.draws("extra-draw", file).first { $0.hasPrefix("model.fc1.weight init ") } }
    #expect(try fc1("a.trace")?.contains(" 0 32 ") == true, "a's model is drawn first")
    #expect(try fc1("b.trace")?.contains(" \(640 * 5 + 5) 32 ") == true, "b's model is drawn after the classifier")
  }

  @Test("data-order: b's only extra draw is the validation randperm, and the training loader's draws move by its words")
  func sanityCheckShift() throws {
    let first = try #require(try FixtureFolders.diff("data-order").diagnoses.first)
    #expect(first.hunk.count == 1)
    #expect(first.b?.operation == "randperm")
    let a = try Self.draws("data-order", "a.trace"), b = try Self.draws("data-order", "b.trace")
    #expect(b.count == a.count + 1)
    let loaderSeed = { (draws: [String]) in draws.first { $0.hasPrefix("train_loader seed ") }?.split(separator: " ")[3] }
    let counterA = try #require(loaderSeed(a).flatMap { UInt64($0) }), counterB = try #require(loaderSeed(b).flatMap { UInt64($0) })
    #expect(counterB - counterA == first.hunkUnits)
  }

  @Test("config-mismatch: one cause, the jax.config.update line, and every key and draw after it is its effect")
  func threefrySwitch() throws {
    let report = try FixtureFolders.diff("config-mismatch")
    #expect(report.diagnoses.count == 1, "\(report.diagnoses.map(\.kind))")
    let first = try #require(report.diagnoses.first)
    #expect(first.a?.event == .derivation)
    let script = try String(contentsOfFile: "fixtures/scripts/classic/config-mismatch/a.py", encoding: .utf8)
    let line = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("jax.config.update(") }) + 1
    #expect(first.a?.source == "fixtures/scripts/classic/config-mismatch/a.py:\(line)")
    #expect(first.configDifferences.map(\.name) == ["profile.semantics"])
    // The same draws in both runs, from the same seed key, key(0, 0); every key split from it differs.
    let consumers = { (draws: [String]) in draws.map { $0.split(separator: " ", omittingEmptySubsequences: false).prefix(2).joined(separator: " ") } }
    let a = try Self.draws("config-mismatch", "a.trace"), b = try Self.draws("config-mismatch", "b.trace")
    #expect(consumers(a) == consumers(b))
    #expect(a.filter { $0.contains(" jax.key(0,0) 0 ") }.count == 1 && b.filter { $0.contains(" jax.key(0,0) 0 ") }.count == 1)
    #expect(Set(a.dropFirst(2)).isDisjoint(with: b.dropFirst(2)), "after the seed key, no draw agrees")
  }

  @Test("numeric-nondeterminism: the two GPU runs draw exactly the same, and only their sum-order seed differs")
  func sameDrawsOtherSums() throws {
    let a = try Self.draws("numeric-nondeterminism", "a.trace"), b = try Self.draws("numeric-nondeterminism", "b.trace")
    #expect(!a.isEmpty && a == b)
    let first = try #require(try FixtureFolders.diff("numeric-nondeterminism").diagnoses.first)
    #expect(first.configDifferences.isEmpty, "the device and determinism settings are the same")
  }
}
