import RNGTrace

extension DiffEngine {
  /// `missing-draw`: Run a draws where run b does not.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#missing-draw.
  enum MissingDrawRule: DiagnosisRule {
    static let kind = DiagnosisKind.missingDraw

    /// Evidence for a one-sided hunk: it draws, in a.
    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? {
      c.hunkDraws > 0 && side == .a ? .missingDraw : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      if c.hunkSide != nil { return ExtraDrawRule.oneSided(c) }
      return "\(who) is drawn in one run only."
    }

    static func fix(_ c: Cause) -> String {
      ExtraDrawRule.fix(c)
    }
  }
}
