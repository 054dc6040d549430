import RNGTrace

extension DiffEngine {
  /// `unexplained`: Values differ and no rule explains why.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#unexplained.
  enum UnexplainedRule: DiagnosisRule {
    static let kind = DiagnosisKind.unexplained

    /// Evidence: both runs seed the stream the same way (the framework's
    /// default in both, or the same explicit call), yet its state differs:
    /// the framework (a version, a switch) changed it, not the script. With
    /// a configuration difference this is a `config-mismatch`.
    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? {
      if case .frameworkDefault = a.seeding, case .frameworkDefault = b.seeding {
        return configDiffers ? .configMismatch : .unexplained
      }
      if case .explicit(let callA, _) = a.seeding, case .explicit(let callB, _) = b.seeding, callA == callB {
        return configDiffers ? .configMismatch : .unexplained
      }
      return nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      if let call = sameCallOtherState(c) {
        return "\(who) draws from \(streamPhrase(c)), seeded by the same call (\(call)) in both runs, yet the stream's state differs (\(c.stream?.a?.seedMaterial ?? "?") in a, \(c.stream?.b?.seedMaterial ?? "?") in b). No rule explains it."
      }
      if c.a?.event == .derivation {
        return "The seed of \(who) is derived by the same rule from the same inputs in both runs, yet the result differs (\(c.derivationResults?.a ?? "?") in a, \(c.derivationResults?.b ?? "?") in b). No rule explains it."
      }
      if let a = c.a?.count, let b = c.b?.count, a != b {
        return "\(who) draws from the same stream at the same counter with the same parameters in both runs, yet \(sameDrawDifference(c)). No rule explains it."
      }
      return "\(who) draws from the same stream at the same counter with the same parameters in both runs, yet the values differ (digest \(c.a?.digest ?? "-") in a, \(c.b?.digest ?? "-") in b). No rule explains it; data differs nevertheless."
    }

    static func fix(_ c: Cause) -> String {
      if let numeric = c.numeric, numeric.note == nil {
        // The values are already there: what is missing is the setting that explains them.
        return "No rule explains this; look for a setting the traces do not record (CPU features, library builds, environment variables) and record it in both traces' headers."
      }
      return "No rule explains this; record both runs with values to compare them element by element."
    }
  }
}
