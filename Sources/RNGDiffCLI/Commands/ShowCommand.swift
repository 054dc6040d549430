import RNGTrace

/// `rngdiff show A [--json]`: a summary of one trace.
enum ShowCommand {
  static let options = CommandOptions(
    flags: ["--json"], valued: [("--color", "<when>")], positionals: ["trace"], command: "show")

  static let help = """
    OVERVIEW: Summarise one trace: header, streams with draw counts, consumers in order,
    tensors, metrics, and any findings (such as a counter gap).

    USAGE: rngdiff show <trace> [--json] [--color <when>]

    ARGUMENTS:
      <trace>                 A trace file; '-' reads standard input.

    OPTIONS:
      --json                  The summary as one JSON object (see docs/trace-format.md).
      --color <when>          auto (default), always or never. NO_COLOR turns colour off.
      -h, --help              Show this help.
    """

  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    let parsed = try ArgumentParser.parse(arguments, options)
    if parsed.wantsHelp {
      io.write(help + "\n")
      return .success
    }
    guard parsed.positionals.count == 1 else {
      throw UsageError("expected one trace, got \(parsed.positionals.count): rngdiff show <trace>", command: "show")
    }
    let color = try io.useColor(parsed.values["--color"])
    let reader = try TraceInput.open(parsed.positionals[0], io: io)
    let summary = try TraceSummary(reading: reader)
    io.write(parsed.has("--json") ? summary.json() + "\n" : summary.text(color: color))
    return .success
  }
}
