/// Exit codes, as diff(1) uses them.
public enum ExitCode: Int32, Sendable {
  /// Identical traces; or a command that succeeded.
  case success = 0
  /// The traces differ.
  case different = 1
  /// Trouble: bad arguments, unreadable input, an error in a call string.
  case trouble = 2
}
