import RNGTrace

extension DiffEngine {
  /// `data-order`: The input pipeline's draws (shuffles, sampling, augmentation) differ in
  /// presence or order.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#data-order.
  enum DataOrderRule: DiagnosisRule {
    static let kind = DiagnosisKind.dataOrder

    /// Evidence for a one-sided hunk: every draw in it belongs to the input
    /// pipeline (a `shuffle=True` loader's sampler seed and orders, against
    /// a loader that does not shuffle).
    static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind? {
      c.hunkDraws > 0 && c.hunkPipelineDraws == c.hunkDraws ? .dataOrder : nil
    }

    static func explanation(_ c: Cause) -> String {
      if c.hunkSide != nil { return ExtraDrawRule.oneSided(c) }
      return ReorderedDrawsRule.explanation(c)
    }

    static func fix(_ c: Cause) -> String {
      return "Seed the input pipeline explicitly (a shuffle seed, a DataLoader generator, worker_init_fn) so both runs present the data in the same order."
    }
  }
}
