import Foundation
import RNGScenarios
import Testing
import TestSupport

/// The classic reports as real scripts (`fixtures/scripts/classic/`), as a
/// user meets them: each script prints under `rngdiff run` what it printed
/// under the real CPython, NumPy, TensorFlow, Keras 3 and tf-keras
/// (`expected.json`, written by `fixtures/scripts/generate_expected.py
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

  @Test("every script of every case is in expected.json, ran to the end under the real libraries, and belongs to a case")
  func everyScriptIsCovered() throws {
    let root = Pairs.root
    let scripts = Set(ClassicCatalog.all.flatMap { c in c.scripts.map { "\(c.folderName)/\($0)" } })
    #expect(Set(Self.expected.map(\.script)) == scripts)
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
}
