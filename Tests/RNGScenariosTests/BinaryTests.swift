import Foundation
import RNGScenarios
import Testing
import TestSupport

/// The built `rngdiff` on the README's main example and the documented
/// commands, as a user runs them from the repository root.
@Suite("rngdiff on the fixtures")
struct BinaryTests {
  static let mainExample = "extra-draw"
  static let pathA = "fixtures/traces/\(mainExample)/a.trace"
  static let pathB = "fixtures/traces/\(mainExample)/b.trace"

  @Test("the README's main example: exit 1, the reviewed report, and JSON with verdict different")
  func mainExample() throws {
    _ = Pairs.root
    let result = try RNGDiffBinary.run([Self.pathA, Self.pathB])
    #expect(result.status == 1)
    #expect(result.standardOutput == (try expectedText("\(Self.mainExample).txt", actual: result.standardOutput)))
    #expect(result.standardError.isEmpty)
    let json = try RNGDiffBinary.run([Self.pathA, Self.pathB, "--json"])
    #expect(json.status == 1)
    let report = try ExactJSON.parse(json.standardOutput)
    #expect(report["verdict"]?.string == "different")
    #expect(report["diagnoses"]?.array?.first?["kind"]?.string == FixtureFolders.kind(Self.mainExample))
  }

  @Test("a trace diffed with itself is identical: exit 0")
  func identicalToItself() throws {
    _ = Pairs.root
    let result = try RNGDiffBinary.run([Self.pathA, Self.pathA])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("identical"))
  }

  @Test("a missing file: exit 2 and one line on standard error")
  func missingFile() throws {
    _ = Pairs.root
    let result = try RNGDiffBinary.run(["fixtures/traces/no-such-pair/a.trace", Self.pathB])
    #expect(result.status == 2)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(result.standardError.contains("fixtures/traces/no-such-pair/a.trace"))
  }

  /// Under `RNGDIFF_UPDATE_EXPECTED=1` the blocks are rewritten instead
  /// (review the diff of the Markdown files).
  @Test("every command shown in README.md, docs/compare.md and docs/walkthroughs prints exactly the output shown")
  func documentedOutputs() throws {
    let root = Pairs.root
    var files = [root.appendingPathComponent("README.md"), root.appendingPathComponent("docs/compare.md")]
    let walkthroughs = root.appendingPathComponent("docs/walkthroughs")
    for name in try FileManager.default.contentsOfDirectory(atPath: walkthroughs.path).sorted() where name.hasSuffix(".md") {
      files.append(walkthroughs.appendingPathComponent(name))
    }
    var checked = 0
    let update = ProcessInfo.processInfo.environment["RNGDIFF_UPDATE_EXPECTED"] == "1"
    for file in files {
      let runs = try documentedRuns(in: file)
      var outputs: [String] = []
      for run in runs {
        let result = try RNGDiffBinary.run(run.arguments)
        outputs.append(result.standardOutput)
        if update { continue }
        #expect(
          result.standardOutput == run.output,
          "\(run.file):\(run.line): `rngdiff \(run.arguments.joined(separator: " "))` prints something else now; update the block to:\n\(result.standardOutput)")
        checked += 1
      }
      if update && outputs != runs.map(\.output) {
        try rewriteDocumentedOutputs(in: file, runs: runs, outputs: outputs)
      }
    }
    if update { return }
    #expect(checked >= 8, "expected the README and the walkthroughs to show at least 8 runs, found \(checked)")
  }
}
