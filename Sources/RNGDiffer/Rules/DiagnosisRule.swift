import RNGTrace

/// One diagnosis of the differ: its kind, the evidence that decides it, the
/// sentence that explains it and its fix, together in one file
/// (`Sources/RNGDiffer/Rules/<Kind>Rule.swift`), as diffoscope keeps one
/// comparator per file. Adding a diagnosis is adding a file and listing its
/// rule in ``DiffEngine/DiagnosisRules``.
///
/// ```swift
/// DiffEngine.DiagnosisRules.rule(for: .seedMismatch).explanation(cause)
/// DiffEngine.DiagnosisRules.seedKind(a, b, configDiffers: false)   // .seedMismatch, .unseededStream, …
/// ```
///
/// The engine asks the rules at three decision points, each in list order,
/// and takes the first kind a rule gives: two differently seeded streams of
/// one consumer (``seedKind(_:_:configDiffers:)``), a one-sided hunk
/// (``hunkKind(_:side:)``), and a counter offset no traced draw explains
/// (``offsetKind(reseedA:reseedB:restored:)``). A rule that has no evidence at
/// a point keeps the default, nil. The other decisions (a parameter or value
/// difference at the same position, tensors and metrics, moves) are made
/// where the events are compared, and named after the rule they give.
protocol DiagnosisRule: SendableMetatype {
  /// The kind this rule reports.
  static var kind: DiagnosisKind { get }
  /// For two differing stream declarations of one consumer: the kind when
  /// this rule decides it, nil to let the next rule look.
  static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind?
  /// For a one-sided hunk (events only one run has), after it grew by an event.
  static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind?
  /// For a counter offset that no traced draw accounts for.
  static func offsetKind(reseedA: Bool, reseedB: Bool, restored: TraceSide?) -> DiagnosisKind?
  /// The report's explanation of a cause of this kind.
  static func explanation(_ c: Cause) -> String
  /// The report's one-sentence fix.
  static func fix(_ c: Cause) -> String
}

extension DiagnosisRule {
  static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? { nil }
  static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? { nil }
  static func offsetKind(reseedA: Bool, reseedB: Bool, restored: TraceSide?) -> DiagnosisKind? { nil }
}
