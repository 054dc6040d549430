import RNGTrace

extension DiffEngine {
  /// `structure-mismatch`: The runs record different phases, tensors or metrics (no draw differs).
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#structure-mismatch.
  enum StructureMismatchRule: DiagnosisRule {
    static let kind = DiagnosisKind.structureMismatch

    /// Evidence for a one-sided hunk: anything else (phases, tensors, metrics only).
    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? { .structureMismatch }

    static func explanation(_ c: Cause) -> String {
      let side = c.hunkSide ?? .b
      let other: TraceSide = side == .a ? .b : .a
      let listed = c.hunk.prefix(4).map { "\($0.event.rawValue) \($0.what)" }.joined(separator: ", ")
      let more = c.hunkSize > 4 ? ", and \(c.hunkSize - 4) more" : ""
      return "\(side.rawValue) records \(c.hunkSize) event\(c.hunkSize == 1 ? "" : "s") that \(other.rawValue) does not: \(listed)\(more). No draw differs here."
    }

    static func fix(_ c: Cause) -> String {
      return "Record both runs with the same options and phases, or compare only the part both record."
    }
  }
}
