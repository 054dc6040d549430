import Foundation
import RNGDiffer
import RNGTrace

/// `rngdiff A B [--json] [--all] [--color WHEN] [--html FILE [--force]]`: the differ.
enum DiffCommand {
  static let options = CommandOptions(
    flags: ["--json", "--all", "--force"], valued: [("--color", "<when>"), ("--html", "<file>")], positionals: ["a.trace", "b.trace"],
    command: "diff")

  static let help = """
    OVERVIEW: Diff two traces: where random draws, seeds, weights or masks first diverge, why,
    what that knocked on, and how to fix it.

    USAGE: rngdiff <a.trace> <b.trace> [--json] [--all] [--color <when>] [--html <file> [--force]]
           rngdiff <dir_a> <dir_b> [--json] [--all] [--color <when>]

    ARGUMENTS:
      <a.trace>, <b.trace>    Trace files (JSON Lines, see docs/trace-format.md); '-' reads one
                              side from standard input.
      <dir_a>, <dir_b>        Two distributed runs: folders of <name>.rank<N>.trace files (as
                              'rngdiff record' writes under torchrun), diffed rank by rank; a
                              line per rank, then the report of the lowest rank that differs.

    OPTIONS:
      --json                  One JSON object: {"verdict": ..., "diagnoses": [...]}
                              (schema in docs/diff-report.md).
      --all                   List every divergence, not only the first cause and its effects.
      --color <when>          auto (default: only on a terminal), always or never. NO_COLOR
                              turns colour off.
      --html <file>           Also write the report as one self-contained HTML page (timeline
                              of every stream, metric curves, tensors that differ); the text
                              or JSON report still goes to standard output.
      --force                 Overwrite an existing --html file.
      -h, --help              Show this help.

    EXIT STATUS:
      0 the traces are identical, 1 they differ, 2 trouble (unreadable input, bad arguments).

    The diagnoses are described in docs/diagnoses.md.
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    guard parsed.positionals.count == 2 else {
      if parsed.positionals.count < 2 {
        throw UsageError("expected two traces to compare, got \(parsed.positionals.count): rngdiff <a.trace> <b.trace>", command: "diff")
      }
      throw UsageError("expected two traces to compare, got \(parsed.positionals.count)", command: "diff")
    }
    let (pathA, pathB) = (parsed.positionals[0], parsed.positionals[1])
    if pathA == "-" && pathB == "-" {
      throw UsageError("only one side can be standard input ('-')", command: "diff")
    }
    let color = try io.useColor(parsed.values["--color"])
    var options = DiffOptions()
    options.all = parsed.has("--all")
    if RankDiff.isFolder(pathA) || RankDiff.isFolder(pathB) {
      return try RankDiff.run(a: pathA, b: pathB, parsed: parsed, options: options, color: color, io: io)
    }
    let htmlPath = parsed.values["--html"]
    if let htmlPath { try HTMLOutput.check(htmlPath, force: parsed.has("--force")) }
    if parsed.has("--force") && htmlPath == nil {
      throw UsageError("--force only applies to --html <file>", command: "diff")
    }
    // The page is drawn from a second reading of each trace; standard input
    // and pipes (`<(zcat a.trace.gz)`) can be read once only, so they are
    // kept in memory for it.
    var held: [String: [UInt8]] = [:]
    if htmlPath != nil {
      for path in [pathA, pathB] where path == "-" || !HTMLOutput.isRegularFile(path) {
        if path == "-" { held[path] = io.readStandardInput() }
        else if let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() { held[path] = [UInt8](data) }
      }
    }
    func open(_ path: String) throws -> TraceReader {
      if let bytes = held[path] { return try TraceReader(bytes: bytes, name: path, options: options.reader) }
      return try TraceInput.open(path, io: io, options: options.reader)
    }
    // The page hatches every divergent event (up to the limit): the diff
    // lists them, and the text and JSON show them only with --all.
    var diffOptions = options
    if htmlPath != nil { diffOptions.all = true }
    var report = try TraceDiffer.diff(a: open(pathA), b: open(pathB), options: diffOptions)
    if let htmlPath {
      // The scripts' lines are looked for next to each trace (and in the
      // current directory).
      var htmlOptions = HTMLOptions()
      if pathA != "-" { htmlOptions.scripts.folderA = (pathA as NSString).deletingLastPathComponent }
      if pathB != "-" { htmlOptions.scripts.folderB = (pathB as NSString).deletingLastPathComponent }
      let page = try report.html(a: open(pathA), b: open(pathB), options: htmlOptions)
      try HTMLOutput.write(page, to: htmlPath, force: parsed.has("--force"))
      if !options.all {
        report.divergences = []
        report.omittedDivergences = 0
      }
    }
    if parsed.has("--json") {
      io.write(report.json() + "\n")
    } else {
      io.write(report.text(TextOptions(color: color, all: options.all)))
    }
    return report.exitStatus == 0 ? .success : .different
  }
}

/// Writing the `--html` page: never over an existing file without `--force`.
enum HTMLOutput {
  /// Fails early (before the diff) when the page cannot be written.
  static func check(_ path: String, force: Bool) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue { throw UsageError("'\(path)' is a directory; give --html a file name", command: "diff") }
      if !force { throw UsageError("'\(path)' exists; rngdiff does not overwrite it without --force (or give --html another path)", command: "diff") }
    } else {
      let directory = (path as NSString).deletingLastPathComponent
      let parent = directory.isEmpty ? "." : directory
      if !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
        throw UsageError("cannot write the HTML report to '\(path)': the folder '\(parent)' does not exist", command: "diff")
      }
    }
  }

  /// Whether `path` is a plain file (which can be read twice), not a pipe or a device.
  static func isRegularFile(_ path: String) -> Bool {
    (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
  }

  static func write(_ page: String, to path: String, force: Bool) throws {
    do {
      try Data(page.utf8).write(to: URL(fileURLWithPath: path), options: force ? [.atomic] : [.withoutOverwriting])
    } catch {
      if !force && FileManager.default.fileExists(atPath: path) {
        throw UsageError("'\(path)' exists; rngdiff does not overwrite it without --force (or give --html another path)", command: "diff")
      }
      throw UsageError("cannot write the HTML report to '\(path)'", command: "diff")
    }
  }
}
