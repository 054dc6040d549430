/// Which of a scenario's two runs: `a` (the reference) or `b` (the one that
/// behaves differently). `rngdiff a.trace b.trace` compares them in that order.
///
/// ```swift
/// for side in ScenarioSide.allCases { _ = try scenario.record(side) }
/// ScenarioSide.b.traceFile     // "b.trace"
/// ```
public enum ScenarioSide: String, Sendable, Hashable, CaseIterable {
  /// The reference run.
  case a
  /// The run that differs.
  case b

  /// The file name of this side's trace in a fixture folder: `a.trace`, `b.trace`.
  public var traceFile: String { "\(rawValue).trace" }
}
