import RNGTrace

extension DiffEngine {
  /// `seed-mismatch`: The same consumer draws from streams seeded with different values.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#seed-mismatch.
  enum SeedMismatchRule: DiagnosisRule {
    static let kind = DiagnosisKind.seedMismatch

    /// Evidence: the paired streams' seed material differs and no earlier
    /// seed rule (algorithm, entropy, derivation, same call) explains it.
    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? { .seedMismatch }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      if c.splitsParent {
        return "\(c.derivationRule ?? "A derivation") splits \(streamPhrase(c)), seeded \(seedPhrase(c.stream?.a)) in a but \(seedPhrase(c.stream?.b)) in b, so every key derived from it differs (listed under effects)."
      }
      if let side = defaultSeededSide(c) {
        let other: TraceSide = side == .a ? .b : .a
        let seeded = side == .a ? c.stream?.b : c.stream?.a
        return "\(who) draws from \(streamPhrase(c)) seeded \(seedPhrase(seeded)) in \(other.rawValue), but \(side.rawValue) never seeds it and gets the framework's default seed \(defaultPhrase(side == .a ? c.stream?.a : c.stream?.b)). A default seed is the same in every run, so \(side.rawValue) repeats itself, but it is not \(other.rawValue)'s seed."
      }
      return "\(who) draws from \(streamPhrase(c)) seeded \(seedPhrase(c.stream?.a)) in a but \(seedPhrase(c.stream?.b)) in b."
    }

    static func fix(_ c: Cause) -> String {
      let stream = streamPhrase(c)
      let ca = c.stream?.a.map(seedPhrase) ?? "?", cb = c.stream?.b.map(seedPhrase) ?? "?"
      if let side = defaultSeededSide(c) {
        let seeded = side == .a ? c.stream?.b : c.stream?.a
        let call = seeded?.seeding.call.map { " (\($0))" } ?? ""
        return "Seed \(stream) explicitly in \(side.rawValue) as \(side == .a ? "b" : "a") does\(call), or in neither; do not rely on the framework's default seed in one run only."
      }
      return "Seed both runs with the same value (a: \(ca); b: \(cb))."
    }
  }
}
