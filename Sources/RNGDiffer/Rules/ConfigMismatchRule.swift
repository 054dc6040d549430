import RNGTrace

extension DiffEngine {
  /// `config-mismatch`: Values differ where no draw explains it, and the runs' configuration differs.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#config-mismatch.
  enum ConfigMismatchRule: DiagnosisRule {
    static let kind = DiagnosisKind.configMismatch

    /// Whether a derivation of `rule` records a configuration switch rather than a seed: the
    /// runs' configuration says how it differs, so a divergent one is a `config-mismatch`.
    ///
    ///     isSwitch("jax.config.update")    // true: jax_threefry_partitionable True vs False
    ///     isSwitch("jax.random.split")     // false: a key derivation
    static func isSwitch(_ rule: String) -> Bool { rule.hasSuffix("config.update") }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      let diffs = c.configDifferences.prefix(3).map { "\($0.name) \($0.a ?? "unset") in a, \($0.b ?? "unset") in b" }.joined(separator: "; ")
      if let call = sameCallOtherState(c) {
        return "\(who) draws from \(streamPhrase(c)), seeded by the same call (\(call)) in both runs, yet the stream's state differs (\(c.stream?.a?.seedMaterial ?? "?") in a, \(c.stream?.b?.seedMaterial ?? "?") in b), and the runs' configuration differs: \(diffs)."
      }
      if c.a?.event == .draw {
        return "\(who) draws from the same stream at the same counter with the same parameters, yet \(sameDrawDifference(c)), and the runs' configuration differs: \(diffs)."
      }
      return "\(who) differs although every draw before it matches, and the runs' configuration differs: \(diffs)."
    }

    static func fix(_ c: Cause) -> String {
      if let first = c.configDifferences.first {
        return "Run both with the same configuration, starting with \(first.name) (\(first.a ?? "unset") vs \(first.b ?? "unset"))."
      }
      return "Run both with the same library versions, device, thread counts and determinism settings."
    }
  }
}
