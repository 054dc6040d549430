/// Why two traces diverge, in one word from a fixed vocabulary
/// (docs/diagnoses.md describes each: meaning, typical cause, example, fix).
///
/// ```swift
/// report.diagnoses.first?.kind == .extraDraw
/// DiagnosisKind.extraDraw.rawValue     // "extra-draw"
/// ```
public enum DiagnosisKind: String, Sendable, Hashable, CaseIterable {
  /// The same consumer draws from streams seeded with different values.
  case seedMismatch = "seed-mismatch"
  /// A stream was seeded from OS entropy in one run (or both).
  case unseededStream = "unseeded-stream"
  /// The same stream is at different counters and no traced draw accounts for it.
  case streamOffset = "stream-offset"
  /// A derived seed (a TensorFlow op seed, an initializer seed) differs
  /// because the derivation's inputs differ.
  case opSeedDerivation = "op-seed-derivation"
  /// Run a draws where run b does not.
  case missingDraw = "missing-draw"
  /// Run b draws where run a does not.
  case extraDraw = "extra-draw"
  /// The same consumers draw from a shared stream in a different order.
  case reorderedDraws = "reordered-draws"
  /// The same consumer draws from a different generator algorithm.
  case algorithmMismatch = "algorithm-mismatch"
  /// One run reseeds a stream where the other carries its state over.
  case stateCarryover = "state-carryover"
  /// The input pipeline's draws (shuffles, sampling, augmentation) differ in
  /// presence or order.
  case dataOrder = "data-order"
  /// Tensors or metrics differ although every draw before them matches.
  case numericNondeterminism = "numeric-nondeterminism"
  /// Values differ and the runs' configuration (library versions, device,
  /// threads, determinism switches, PYTHONHASHSEED) differs.
  case configMismatch = "config-mismatch"
  /// The same consumer draws with a different distribution, parameters,
  /// dtype, shape or count.
  case parameterMismatch = "parameter-mismatch"
  /// The runs record different phases, tensors or metrics (no draw differs).
  case structureMismatch = "structure-mismatch"
  /// Values differ and no rule explains why. Yet data differs.
  case unexplained
}
