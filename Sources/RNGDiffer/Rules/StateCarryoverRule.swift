import RNGTrace

extension DiffEngine {
  /// `state-carryover`: One run reseeds (or restores) a stream where the other carries its state over.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#state-carryover.
  enum StateCarryoverRule: DiagnosisRule {
    static let kind = DiagnosisKind.stateCarryover

    /// Evidence for an unexplained counter offset: one run declared the
    /// stream more often (a reseed), or restored it from a saved state while
    /// the other did not.
    static func offsetKind(reseedA: Bool, reseedB: Bool, restored: TraceSide?) -> DiagnosisKind? {
      reseedA != reseedB || restored != nil ? .stateCarryover : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      let ca = c.a?.counter ?? 0, cb = c.b?.counter ?? 0
      if let side = c.restoredSide {
        let other: TraceSide = side == .a ? .b : .a
        let restored = side == .a ? c.stream?.a : c.stream?.b
        let fresh = side == .a ? c.stream?.b : c.stream?.a
        return "\(side.rawValue) restores \(streamPhrase(c)) from a saved state (\(restored?.seeding.phrase ?? "restored")), but \(other.rawValue) does not (\(fresh?.seeding.phrase ?? "not declared")), so \(other.rawValue)'s resumed run does not continue the stream where the checkpoint left it: \(who) is at counter \(ca) in a and \(cb) in b."
      }
      guard let reseed = c.reseedLine else {
        return "\(who) draws from \(streamPhrase(c)) at counter \(ca) in a and \(cb) in b because one run reseeded the stream and the other carried its state over."
      }
      let other: TraceSide = reseed.side == .a ? .b : .a
      let call = reseed.call.map { " (\($0))" } ?? ""
      return "\(reseed.side.rawValue) reseeds \(streamPhrase(c)) at \(reseed.location)\(call) before \(who), but \(other.rawValue) does not, so \(other.rawValue)'s stream carries over from earlier draws: \(who) is at counter \(ca) in a and \(cb) in b."
    }

    static func fix(_ c: Cause) -> String {
      let stream = streamPhrase(c)
      if c.restoredSide != nil {
        return "Save \(stream)'s state with the checkpoint and restore it when resuming (torch.get_rng_state/set_rng_state, np.random.get_state/set_state, random.getstate/setstate), in both runs, or reseed it at the same point in both."
      }
      return "Reseed \(stream) at the same point in both runs (\(seedCall(c.stream?.framework)) before each model construction or fit), or create the model inside the loop after seeding."
    }
  }
}
