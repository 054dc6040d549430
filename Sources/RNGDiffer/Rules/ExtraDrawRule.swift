import RNGTrace

extension DiffEngine {
  /// `extra-draw`: Run b draws where run a does not.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#extra-draw.
  enum ExtraDrawRule: DiagnosisRule {
    static let kind = DiagnosisKind.extraDraw

    /// Evidence for a one-sided hunk: it draws, in b.
    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? {
      c.hunkDraws > 0 && side == .b ? .extraDraw : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      if c.hunkSide != nil { return oneSided(c) }
      return "\(who) is drawn in one run only."
    }

    static func fix(_ c: Cause) -> String {
      if c.hunkRules.contains(where: { $0 == "jax.split" || $0 == "jax.fold_in" }) {
        // JAX keys are values, not shared streams: the difference is how keys are derived.
        return "Derive the keys the same way in both runs: split (or fold_in) a key before each use and use every subkey once; a key used twice gives the same numbers twice."
      }
      return "Make both runs create the same random consumers, or give the extra consumer its own seeded generator so it does not shift the shared stream."
    }

    /// The explanation of a one-sided hunk of draws (extra, missing, or the
    /// input pipeline's): what the side draws that the other does not.
    static func oneSided(_ c: Cause) -> String {
      let unit = c.stream?.unit ?? c.hunkUnit
      let side = c.hunkSide ?? .b
      let other: TraceSide = side == .a ? .b : .a
      var s: String
      let keyed = c.hunkKeyedStreams.count
      if c.hunkStreams.count <= 1 && keyed == 0 {
        s = "\(side.rawValue) draws \(units(c.hunkUnits, unit)) from \(c.hunkStreams.first ?? "a stream") that \(other.rawValue) does not, for \(consumerList(c))."
      } else {
        var streams = c.hunkStreams.joined(separator: ", ")
        if keyed > 0 { streams += " and \(keyed) stream\(keyed == 1 ? "" : "s") keyed by the seeds it derives" }
        s = "\(side.rawValue) has \(c.hunkDraws) draw\(c.hunkDraws == 1 ? "" : "s") that \(other.rawValue) does not, on \(streams): \(consumerList(c))."
      }
      if c.kind == .dataOrder { s += " They belong to the input pipeline, so the data order differs." }
      if c.hunkDerivations > 0 {
        s += " It also derives \(c.hunkDerivations) seed\(c.hunkDerivations == 1 ? "" : "s") by \(c.hunkRules.joined(separator: ", ")) that \(other.rawValue) does not"
        s += c.effects.contains { $0.event == .derivation } ? ", and later seeds derived by the same rules shift." : "."
      }
      if let shifted = c.firstShifted {
        s += " Every later draw on that stream is shifted: the first, \(shifted.what), is at counter \(shifted.a) in a and \(shifted.b) in b."
      }
      return s
    }
  }
}
