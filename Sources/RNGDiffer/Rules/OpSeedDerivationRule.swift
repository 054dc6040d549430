import RNGTrace

extension DiffEngine {
  /// `op-seed-derivation`: A derived seed (a TensorFlow op seed, an initializer seed) differs because the
  /// derivation's inputs differ, or one run derives seeds the other does not.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#op-seed-derivation.
  enum OpSeedDerivationRule: DiagnosisRule {
    static let kind = DiagnosisKind.opSeedDerivation

    /// Evidence: both streams' seeds are derived (and differ).
    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? {
      if case .derived = a.seeding, case .derived = b.seeding { return .opSeedDerivation }
      return nil
    }

    /// Evidence for a one-sided hunk: it derives seeds and draws nothing.
    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? {
      c.hunkDerivations > 0 ? .opSeedDerivation : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      if c.hunkSide != nil {
        let side = c.hunkSide ?? .b
        let other: TraceSide = side == .a ? .b : .a
        return "\(side.rawValue) derives \(c.hunkDerivations) seed\(c.hunkDerivations == 1 ? "" : "s") by \(c.hunkRules.joined(separator: ", ")) that \(other.rawValue) does not, so every later seed derived by that rule shifts."
      }
      var s = "The seed of \(who)"
      if let rule = c.derivationRule { s += " is derived by \(rule)" }
      if let inputs = c.derivationInputs {
        let changed = Set(inputs.a.map(\.name)).union(inputs.b.map(\.name)).sorted().filter { name in
          guard let x = inputs.a[name], let y = inputs.b[name] else { return true }
          return !NamedValue.sameValue(x, y)
        }
        let parts = changed.map { "\($0) = \(inputs.a[$0] ?? "none") in a, \(inputs.b[$0] ?? "none") in b" }
        if !parts.isEmpty { s += " from inputs that differ: " + parts.joined(separator: "; ") }
      } else if let a = c.stream?.a, let b = c.stream?.b {
        s += ": \(a.seedMaterial) in a, \(b.seedMaterial) in b"
      }
      if let results = c.derivationResults { s += " (seed \(results.a) in a, \(results.b) in b)" }
      return s + ", so its stream differs."
    }

    static func fix(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this consumer"
      // TensorFlow ≤ 2.1's graph rule counts every op; the later rules count random ops only.
      let everyOp = c.derivationInputs.map { $0.a["last_operation_id"] != nil || $0.b["last_operation_id"] != nil } ?? false
      let count = everyOp ? "how many ops of any kind the graph had before it" : "how many random ops were created before it"
      return "Give \(who) an explicit seed (seed=…) so its seed does not depend on \(count)."
    }
  }
}
