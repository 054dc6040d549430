import Foundation
import RNGDiffer
import RNGTrace

/// `rngdiff DIR_A DIR_B`: two distributed runs' folders of rank traces,
/// paired by ``RankPairing`` and diffed rank by rank (``RankedDiffReport``).
enum RankDiff {
  static func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  static func run(a: String, b: String, parsed: ParsedArguments, options: DiffOptions, color: Bool, io: TerminalIO) throws -> ExitCode {
    for (path, other) in [(a, b), (b, a)] where !isFolder(path) {
      throw UsageError(
        "'\(other)' is a folder but '\(path)' is not; give two folders of rank traces, or two trace files", command: "diff")
    }
    if parsed.values["--html"] != nil || parsed.has("--force") {
      throw UsageError("--html applies to two trace files; for folders, run 'rngdiff A/x.rank<N>.trace B/x.rank<N>.trace --html <file>' on the rank to look at", command: "diff")
    }
    let (filesA, filesB) = (try files(in: a), try files(in: b))
    let pairing: RankPairing
    do {
      pairing = try RankPairing(a: (a, filesA), b: (b, filesB))
    } catch {
      throw UsageError(error.description, command: "diff")
    }
    let report = try RankedDiffReport(pairing: pairing, folders: (a, b)) { pair in
      try TraceDiffer.diff(a: TraceReader(path: pair.a, options: options.reader), b: TraceReader(path: pair.b, options: options.reader), options: options)
    }
    if parsed.has("--json") {
      io.write(report.json() + "\n")
    } else {
      io.write(report.text(TextOptions(color: color, all: options.all)))
    }
    return report.exitStatus == 0 ? .success : .different
  }

  private static func files(in folder: String) throws -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      throw UsageError("cannot list the folder '\(folder)'", command: "diff")
    }
  }
}
