import RNGTrace

extension DiffEngine {
  /// `numeric-nondeterminism`: Tensors or metrics differ although every draw before them matches.
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#numeric-nondeterminism.
  enum NumericNondeterminismRule: DiagnosisRule {
    static let kind = DiagnosisKind.numericNondeterminism

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      return "\(who) differs although every draw before it matches in both runs: the computation itself is not deterministic (kernel choice, thread scheduling, atomic adds)."
    }

    static func fix(_ c: Cause) -> String {
      return "Enable deterministic kernels (torch.use_deterministic_algorithms(True) or tf.config.experimental.enable_op_determinism()) and fix the thread counts."
    }
  }
}
