/// What `fit`, `evaluate` and `predict` print while they run with
/// `verbose` 1 or 2: Keras 3's format (``KerasProgressBar``) or tf-keras'
/// (``TFKerasProgressBar``), updated after each step and at the end.
protocol KerasProgressDisplay {
  /// After step `current` (1-based) with the logs so far (`values`, in the
  /// order shown; made only when something is printed), or at the end (`finalize`).
  mutating func update(_ current: Int, _ makeValues: @autoclosure () -> [(String, Float)], finalize: Bool)
}
