import Foundation
import TestSupport
import Testing

/// `rngdiff run` under each PYTHONHASHSEED prints what CPython 3.11.7 printed with it:
/// sets of strings iterate in that seed's order (fixtures/scripts/hashseed/expected.json,
/// written by fixtures/scripts/generate_expected.py hashseed).
@Suite struct HashSeedScriptTests {
  struct Case: Sendable, CustomStringConvertible {
    var script: String
    var seed: String
    var stdout: String
    var description: String { "\(script) PYTHONHASHSEED=\(seed)" }
  }

  static let folder = Fixtures.url("scripts/hashseed")

  static let cases: [Case] = {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let all = root["cases"] as? [String: [String: Any]]
    else { return [] }
    return all.keys.sorted().compactMap { key in
      let parts = key.split(separator: " ")
      guard parts.count == 2, parts[1].hasPrefix("PYTHONHASHSEED=") else { return nil }
      return Case(script: String(parts[0]), seed: String(parts[1].dropFirst("PYTHONHASHSEED=".count)),
                  stdout: all[key]?["stdout"] as? String ?? "")
    }
  }()

  @Test func everySeedHasAGolden() {
    #expect(Set(Self.cases.map(\.seed)) == ["0", "1", "42", "4294967295"])
    // The seeds really give different orders (else the test could not fail).
    #expect(Set(Self.cases.map(\.stdout)).count == Self.cases.count)
  }

  @Test(arguments: cases)
  func printsWhatCPythonPrintsUnderThatSeed(_ c: Case) throws {
    let trace = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-hash-\(UUID().uuidString).trace").path
    defer { try? FileManager.default.removeItem(atPath: trace) }
    let result = try RNGDiffBinary.run(
      ["run", Self.folder.appendingPathComponent(c.script).path, "-o", trace], environment: ["PYTHONHASHSEED": c.seed])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == c.stdout)
    let header = try String(contentsOfFile: trace, encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.contains(#""PYTHONHASHSEED":"\#(c.seed)""#), "\(header)")
  }

  @Test func aBadPYTHONHASHSEEDStopsAsPythonWould() throws {
    let trace = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-hash-\(UUID().uuidString).trace").path
    let result = try RNGDiffBinary.run(
      ["run", Self.folder.appendingPathComponent("string_sets.py").path, "-o", trace], environment: ["PYTHONHASHSEED": "-3"])
    #expect(!FileManager.default.fileExists(atPath: trace))
    #expect(result.status == 2)
    #expect(result.standardError.contains("PYTHONHASHSEED must be"), "\(result.standardError)")
  }
}
