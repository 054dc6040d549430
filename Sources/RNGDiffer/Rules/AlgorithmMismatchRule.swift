import RNGTrace

extension DiffEngine {
  /// `algorithm-mismatch`: The same consumer draws from a different generator algorithm (or framework).
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#algorithm-mismatch.
  enum AlgorithmMismatchRule: DiagnosisRule {
    static let kind = DiagnosisKind.algorithmMismatch

    /// Evidence: the paired streams have different algorithms or frameworks.
    static func seedKind(_ a: StreamEvent, _ b: StreamEvent, configDiffers: Bool) -> DiagnosisKind? {
      a.algorithm != b.algorithm || a.framework != b.framework ? .algorithmMismatch : nil
    }

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      let a = c.stream?.a, b = c.stream?.b
      return "\(who) draws from \(a?.framework.rawValue ?? "?") \"\(a?.name ?? "?")\" (\(a?.algorithm.rawValue ?? "?")) in a but \(b?.framework.rawValue ?? "?") \"\(b?.name ?? "?")\" (\(b?.algorithm.rawValue ?? "?")) in b: different generators never give the same values."
    }

    static func fix(_ c: Cause) -> String {
      return "Use the same generator API in both runs (for example np.random.seed with the legacy functions, or np.random.default_rng, but not one in each)."
    }
  }
}
