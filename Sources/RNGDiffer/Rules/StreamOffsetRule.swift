import RNGTrace

extension DiffEngine {
  /// `stream-offset`: The same stream is at different counters and no traced draw accounts for it.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#stream-offset.
  enum StreamOffsetRule: DiagnosisRule {
    static let kind = DiagnosisKind.streamOffset

    /// Evidence for an unexplained counter offset that no reseed explains.
    static func offsetKind(reseedA: Bool, reseedB: Bool, restored: TraceSide?) -> DiagnosisKind? { .streamOffset }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      let unit = c.stream?.unit ?? c.hunkUnit
      let ca = c.a?.counter ?? 0, cb = c.b?.counter ?? 0
      var s = "\(who) draws from \(streamPhrase(c)) at counter \(ca) in a and \(cb) in b"
      let gap = c.unexplainedUnits.magnitude
      s += ", and no traced draw accounts for \(units(gap, unit)) of that offset"
      s += c.unexplainedUnits > 0 ? " (b's stream was advanced by something the trace does not record)." : " (a's stream was advanced by something the trace does not record)."
      let known = c.accountedBy.filter { $0.diagnosis >= 0 }
      if !known.isEmpty {
        s += " Traced draws account for the rest: " + known.prefix(4).map { "\($0.side.rawValue): \($0.consumer) \($0.units.magnitude)" }.joined(separator: ", ") + "."
      }
      return s
    }

    static func fix(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this consumer"
      let stream = streamPhrase(c)
      return "Find what advances \(stream) without being traced before \(who), or reseed the stream right before it."
    }
  }
}
