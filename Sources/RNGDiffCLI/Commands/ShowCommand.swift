/// `rngdiff show A`: wired to RNGTrace once the trace layer lands.
enum ShowCommand {
  static func run(_ arguments: [String], io: TerminalIO) throws -> ExitCode {
    throw UsageError("showing traces is not available in this build yet", command: "show")
  }
}
