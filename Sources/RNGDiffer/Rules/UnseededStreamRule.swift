import RNGTrace

extension DiffEngine {
  /// `unseeded-stream`: A stream was seeded from OS entropy in one run (or both).
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#unseeded-stream.
  enum UnseededStreamRule: DiagnosisRule {
    static let kind = DiagnosisKind.unseededStream

    /// Evidence: either stream took OS entropy.
    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? {
      a.seeding.isEntropy || b.seeding.isEntropy ? .unseededStream : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      return "\(streamPhrase(c)) is seeded from OS entropy in \(entropyPhrase(c)), so \(who) and every later draw on it change from run to run."
    }

    static func fix(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this consumer"
      let stream = streamPhrase(c)
      if let requested = requestedEntropyCalls(c).first {
        return "Pass a fixed seed instead of none to \(requested) (\(seedCall(c.stream?.framework))), or give \(who) an explicitly seeded generator."
      }
      return "Seed \(stream) before its first draw (\(seedCall(c.stream?.framework))), or give \(who) an explicitly seeded generator."
    }
  }
}
