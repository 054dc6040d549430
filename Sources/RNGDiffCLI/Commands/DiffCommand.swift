/// `rngdiff A B`: wired to RNGDiffer once the trace layer lands.
enum DiffCommand {
  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    throw UsageError("diffing traces is not available in this build yet")
  }
}
