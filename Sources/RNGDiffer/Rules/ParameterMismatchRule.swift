import RNGTrace

extension DiffEngine {
  /// `parameter-mismatch`: The same consumer draws with a different distribution, parameters, dtype,
  /// shape or count.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#parameter-mismatch.
  enum ParameterMismatchRule: DiagnosisRule {
    static let kind = DiagnosisKind.parameterMismatch

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      // Another distribution shows in the phrases; otherwise name what differs
      // (an op the phrases do not show, one parameter among several).
      let phraseA = drawPhrase(c.a), phraseB = drawPhrase(c.b)
      let differences = phraseA == phraseB || c.a?.distribution == c.b?.distribution ? drawDifferences(c.a, c.b) : []
      let what = differences.isEmpty ? "" : "; what differs: " + differences.joined(separator: "; ")
      return "\(who) draws \(phraseA) in a but \(phraseB) in b\(what)."
    }

    static func fix(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this consumer"
      return "The two runs ask \(who) for different draws; make its definition (shape, distribution, parameters) the same in both."
    }
  }
}
