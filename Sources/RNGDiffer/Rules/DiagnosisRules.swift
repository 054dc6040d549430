import RNGTrace

extension DiffEngine {
  /// Every diagnosis rule, and the order in which the engine asks them at
  /// each decision point (see ``DiagnosisRule``).
  ///
  /// ```swift
  /// DiagnosisRules.rule(for: .extraDraw) == ExtraDrawRule.self   // true
  /// ```
  enum DiagnosisRules {
    /// One rule per kind, in the order of `DiagnosisKind.allCases`.
    static let all: [any DiagnosisRule.Type] = [
      SeedMismatchRule.self, UnseededStreamRule.self, StreamOffsetRule.self, OpSeedDerivationRule.self,
      MissingDrawRule.self, ExtraDrawRule.self, ReorderedDrawsRule.self, AlgorithmMismatchRule.self,
      StateCarryoverRule.self, DataOrderRule.self, NumericNondeterminismRule.self, ConfigMismatchRule.self,
      ParameterMismatchRule.self, StructureMismatchRule.self, UnexplainedRule.self,
    ]

    /// Two streams of one consumer seeded differently: the generator first,
    /// then entropy, derivation, the same seeding giving another state, and
    /// a different seed last.
    static let seedRules: [any DiagnosisRule.Type] = [
      AlgorithmMismatchRule.self, UnseededStreamRule.self, OpSeedDerivationRule.self, UnexplainedRule.self,
      SeedMismatchRule.self,
    ]

    /// A one-sided hunk: the input pipeline's draws, other draws by side,
    /// seeds only, anything else.
    static let hunkRules: [any DiagnosisRule.Type] = [
      DataOrderRule.self, MissingDrawRule.self, ExtraDrawRule.self, OpSeedDerivationRule.self, StructureMismatchRule.self,
    ]

    /// An unexplained counter offset: a reseed or restore in one run only, else an offset.
    static let offsetRules: [any DiagnosisRule.Type] = [StateCarryoverRule.self, StreamOffsetRule.self]

    /// The rule that reports `kind`.
    static func rule(for kind: DiagnosisKind) -> any DiagnosisRule.Type {
      for rule in all where rule.kind == kind { return rule }
      preconditionFailure("no rule for \(kind.rawValue)")
    }

    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind {
      for rule in seedRules { if let kind = rule.seedKind(a, b, configDiffers: configDiffers) { return kind } }
      return .seedMismatch
    }

    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind {
      for rule in hunkRules { if let kind = rule.hunkKind(c, side: side) { return kind } }
      return .structureMismatch
    }

    static func offsetKind(reseedA: Bool, reseedB: Bool, restored: TraceSide?) -> DiagnosisKind {
      for rule in offsetRules {
        if let kind = rule.offsetKind(reseedA: reseedA, reseedB: reseedB, restored: restored) { return kind }
      }
      return .streamOffset
    }
  }
}
