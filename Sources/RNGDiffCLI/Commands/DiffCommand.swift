import RNGDiffer
import RNGTrace

/// `rngdiff A B [--json] [--all] [--color WHEN]`: the differ.
enum DiffCommand {
  static let options = CommandOptions(
    flags: ["--json", "--all"], valued: [("--color", "<when>")], positionals: ["a.trace", "b.trace"], command: "diff")

  static let help = """
    OVERVIEW: Diff two traces: where random draws, seeds, weights or masks first diverge, why,
    what that knocked on, and how to fix it.

    USAGE: rngdiff <a.trace> <b.trace> [--json] [--all] [--color <when>]

    ARGUMENTS:
      <a.trace>, <b.trace>    Trace files (JSON Lines, see docs/trace-format.md); '-' reads one
                              side from standard input.

    OPTIONS:
      --json                  One JSON object: {"verdict": ..., "diagnoses": [...]}
                              (schema in docs/diff-report.md).
      --all                   List every divergence, not only the first cause and its effects.
      --color <when>          auto (default: only on a terminal), always or never. NO_COLOR
                              turns colour off.
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
    let a = try TraceInput.open(pathA, io: io, options: options.reader)
    let b = try TraceInput.open(pathB, io: io, options: options.reader)
    let report = try TraceDiffer.diff(a: a, b: b, options: options)
    if parsed.has("--json") {
      io.write(report.json() + "\n")
    } else {
      io.write(report.text(TextOptions(color: color, all: options.all)))
    }
    return report.exitStatus == 0 ? .success : .different
  }
}
