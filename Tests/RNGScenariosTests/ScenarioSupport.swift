import Foundation
import RNGDiffer
import RNGScenarios
import RNGTrace
import TestSupport

/// One scenario recorded in memory, with its diff.
struct RecordedPair: Sendable {
  let scenario: TraceScenario
  let a: RecordedRun
  let b: RecordedRun

  /// The fixture paths, relative to the repository root, as the README's commands name them.
  var pathA: String { "fixtures/traces/\(scenario.name)/a.trace" }
  var pathB: String { "fixtures/traces/\(scenario.name)/b.trace" }

  /// `rngdiff a.trace b.trace` on the in-memory traces, named like the fixture files.
  func diff(options: DiffOptions = DiffOptions()) throws -> DiffReport {
    try TraceDiffer.diff(
      a: TraceReader(bytes: a.bytes, name: pathA), b: TraceReader(bytes: b.bytes, name: pathB), options: options)
  }
}

enum Pairs {
  /// Every scenario, recorded once per test process.
  static let all: [RecordedPair] = ScenarioCatalog.all.map { scenario in
    do {
      return RecordedPair(scenario: scenario, a: try scenario.record(.a), b: try scenario.record(.b))
    } catch {
      fatalError("recording \(scenario.name) failed: \(error)")
    }
  }

  static func named(_ name: String) -> RecordedPair {
    guard let pair = all.first(where: { $0.scenario.name == name }) else { fatalError("no scenario \(name)") }
    return pair
  }

  static var names: [String] { ScenarioCatalog.all.map(\.name) }

  /// The repository root; also made the working directory, so the binary
  /// sees the same relative paths as a user typing the README's commands.
  static let root: URL = {
    let root = Fixtures.repositoryRoot()
    _ = FileManager.default.changeCurrentDirectoryPath(root.path)
    return root
  }()
}

/// Every folder under `fixtures/traces/`: the Swift scenarios' pairs and the
/// pairs the classic scripts' `compare` commands keep.
enum FixtureFolders {
  static var names: [String] { Pairs.names + ClassicCatalog.all.compactMap(\.fixture) }

  /// The kind the folder's pair must be diagnosed with.
  static func kind(_ name: String) -> String {
    ScenarioCatalog.named(name)?.expectation.kind ?? ClassicCatalog.fixture(name)?.kind ?? "<no such folder>"
  }

  /// `rngdiff a.trace b.trace` on the committed files, named as a user names them.
  static func diff(_ name: String) throws -> DiffReport {
    let a = "fixtures/traces/\(name)/a.trace", b = "fixtures/traces/\(name)/b.trace"
    _ = Pairs.root
    return try TraceDiffer.diff(
      a: TraceReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: a))), name: a),
      b: TraceReader(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: b))), name: b))
  }
}

/// Compares `text` with `Tests/RNGScenariosTests/Expected/<name>`; with
/// `RNGDIFF_UPDATE_EXPECTED=1` it writes the file instead (then review the diff).
func expectedText(_ name: String, actual text: String, file: StaticString = #filePath) throws -> String {
  let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Expected")
    .appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RNGDIFF_UPDATE_EXPECTED"] == "1" {
    try text.write(to: url, atomically: true, encoding: .utf8)
    return text
  }
  return try String(contentsOf: url, encoding: .utf8)
}

/// The fenced blocks of a Markdown file: each command block (```sh) that
/// runs `swift run rngdiff …`, with the ```text block right after it.
struct DocumentedRun {
  var file: String
  var line: Int
  var arguments: [String]
  var output: String
  /// The 0-based line indices of the ```text block's body in the file.
  var outputLines: Range<Int> = 0..<0
}

/// Replaces the ```text block of each run in `url` with `outputs` (same
/// order as `documentedRuns(in:)`); used under `RNGDIFF_UPDATE_EXPECTED=1`.
func rewriteDocumentedOutputs(in url: URL, runs: [DocumentedRun], outputs: [String]) throws {
  var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  for (run, output) in zip(runs, outputs).reversed() where run.output != "<no ```text block after the command>" {
    var body = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if body.last == "" { body.removeLast() }
    lines.replaceSubrange(run.outputLines, with: body)
  }
  try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
}

func documentedRuns(in url: URL) throws -> [DocumentedRun] {
  let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  var runs: [DocumentedRun] = []
  var k = 0
  while k < lines.count {
    // `swift run rngdiff …` (README, walkthroughs) or `rngdiff …` (the guides), alone in its block.
    let prefix = k + 1 < lines.count && lines[k + 1].hasPrefix("rngdiff ") ? "rngdiff " : "swift run rngdiff "
    guard lines[k] == "```sh", k + 2 < lines.count, lines[k + 1].hasPrefix(prefix), lines[k + 2] == "```" else {
      k += 1
      continue
    }
    let arguments = lines[k + 1].dropFirst(prefix.count).split(separator: " ").map(String.init)
    var j = k + 3
    while j < lines.count && lines[j].isEmpty { j += 1 }
    guard j < lines.count, lines[j] == "```text" else {
      runs.append(DocumentedRun(file: url.lastPathComponent, line: k + 2, arguments: arguments, output: "<no ```text block after the command>"))
      k += 3
      continue
    }
    var output: [String] = []
    var m = j + 1
    while m < lines.count && lines[m] != "```" {
      output.append(lines[m])
      m += 1
    }
    runs.append(DocumentedRun(file: url.lastPathComponent, line: k + 2, arguments: arguments, output: output.joined(separator: "\n") + "\n", outputLines: (j + 1)..<m))
    k = m + 1
  }
  return runs
}
