/// Exit codes, as diff(1) uses them, plus the status of a script that
/// `rngdiff record` ran and that failed (its own status, passed on).
///
/// ```swift
/// ExitCode.success.rawValue          // 0
/// ExitCode(rawValue: 3).rawValue     // 3: `sys.exit(3)` in a recorded script
/// ```
public struct ExitCode: RawRepresentable, Hashable, Sendable {
  public var rawValue: Int32

  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Identical traces; or a command that succeeded.
  public static let success = ExitCode(rawValue: 0)
  /// The traces differ.
  public static let different = ExitCode(rawValue: 1)
  /// Trouble: bad arguments, unreadable input, an error in a call string.
  public static let trouble = ExitCode(rawValue: 2)
}
