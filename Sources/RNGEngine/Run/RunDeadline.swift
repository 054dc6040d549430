import PythonSubset

/// The `rngdiff run --timeout` deadline, for work that runs long outside
/// the interpreter's own loop counting — a Keras `fit` of many epochs is
/// one Python call, so the interpreter never ticks while it trains.
///
/// `ScriptRun` binds ``current`` for the whole run; long native loops call
/// ``check(at:)`` once per step:
///
/// ```swift
/// for step in steps {
///   try RunDeadline.check(at: callRange)   // past --timeout: a located EvaluationError
///   …
/// }
/// ```
///
/// Edge cases: without `--timeout` (or outside a script run, as in
/// `rngdiff sample`) ``current`` is nil and the check does nothing.
struct RunDeadline: Sendable {
  /// When the run must stop.
  let instant: ContinuousClock.Instant
  /// What the limit was, for the message (`--timeout 1s`).
  let description: String

  /// The deadline of the script run in progress, if it has one.
  @TaskLocal static var current: RunDeadline?

  /// Stops the run, pointing at `range`, once the deadline has passed.
  ///
  /// - Parameter doing: what was running, for the message (`fit of model 'sequential'`).
  static func check(at range: SourceRange, doing: String) throws {
    guard let current, ContinuousClock.now >= current.instant else { return }
    throw EvaluationError("the script ran past \(current.description) here, in \(doing)", at: range)
  }
}
