import PythonSubset

/// The `rngdiff` command: dispatches to a subcommand and turns every error
/// into one sentence on standard error with exit status 2.
///
/// ```swift
/// let io = TerminalIO.capturing()
/// RNGDiffCommand.run(["sample", "python", "--seed", "0", "random()"], io: io)   // .success
/// io.standardOutputText                                                       // "0.8444218515250481\n"
/// ```
public enum RNGDiffCommand {
  public static let version = "0.1.0"

  static let help = """
    OVERVIEW: rngdiff finds where two ML runs' random draws first diverge, and why.

    USAGE: rngdiff <a.trace> <b.trace> [--json] [--all] [--color <when>] [--html <file> [--force]]
           rngdiff <dir_a> <dir_b> [--json] [--all] [--color <when>]
           rngdiff show <trace> [--json]
           rngdiff compare <a.py> <b.py> | <a.py> --runs 2 [--json] [--keep <dir>] [-- <args>...]
           rngdiff run <script> [-o <trace>] [--values] [--timeout <seconds>] [--force] [-- <args>...]
           rngdiff record <script> [--python <interpreter>] [-o <trace>] [--values] [--force] [-- <args>...]
           rngdiff sample <framework> [--seed <seed>] [--backend <backend>] [--json] <calls>

    SUBCOMMANDS:
      (default)               Diff two traces: the first divergence, its cause, its effects
                              and the fix. Exit status 0 identical, 1 different, 2 trouble.
                              Two folders of rank traces: diffed rank by rank.
      compare                 Run two scripts (or one twice) in the engine and diff them.
      run                     Run a Python script in the engine and write its trace.
      record                  Run a Python script in your own Python and write its trace.
      show                    Summarise one trace.
      sample                  Print a framework's random draws, bit-exact.

    OPTIONS:
      -h, --help              Show help; 'rngdiff <subcommand> --help' for a subcommand.
      --version               Show the version.

    See docs/ for the trace format, the diagnoses and the fidelity matrix.
    """

  /// Runs with `arguments` (without the program name) and returns the exit status.
  @discardableResult
  public static func run(_ arguments: [String], io: TerminalIO) -> ExitCode {
    do {
      guard let first = arguments.first else {
        io.writeError(help + "\n")
        return .trouble
      }
      switch first {
      case "-h", "--help", "help":
        io.write(help + "\n")
        return .success
      case "--version":
        io.write("rngdiff \(version)\n")
        return .success
      case "sample":
        return try SampleCommand.run(Array(arguments.dropFirst()), io: io)
      case "run":
        return try RunCommand.run(Array(arguments.dropFirst()), io: io)
      case "record":
        return try RecordCommand.run(Array(arguments.dropFirst()), io: io)
      case "show":
        return try ShowCommand.run(Array(arguments.dropFirst()), io: io)
      case "diff":
        return try DiffCommand.run(Array(arguments.dropFirst()), io: io)
      case "compare":
        return try CompareCommand.run(Array(arguments.dropFirst()), io: io)
      default:
        if CompareCommand.namesTwoScripts(arguments) { return try CompareCommand.run(arguments, io: io) }
        return try DiffCommand.run(arguments, io: io)
      }
    } catch {
      io.writeError("rngdiff: \(error)\n")
      return .trouble
    }
  }
}

extension CommandLine {
  /// Runs `rngdiff` with the process arguments and returns the exit status.
  public static func runRNGDiff() -> Int32 {
    RNGDiffCommand.run(Array(arguments.dropFirst()), io: .process()).rawValue
  }
}
