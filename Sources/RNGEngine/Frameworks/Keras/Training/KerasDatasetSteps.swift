import PythonSubset

/// Keras going over a `tf.data` dataset a given number of steps at a time:
/// `fit(dataset, steps_per_epoch=S)`, `validation_steps=S`, and
/// `evaluate`/`predict(dataset, steps=S)`, on Keras 3 (TensorFlow and JAX
/// backends) and on tf-keras, for a finite dataset of C batches (no `repeat()`).
///
/// ```python
/// model.fit(ds, epochs=3, steps_per_epoch=2)   # C = 4: epochs read batches 1-2, 3-4 of pass 1, then 1-2 of pass 2
/// ```
///
/// Measured with Keras 3.15.1 (TensorFlow 2.21, JAX 0.10.2) and tf-keras
/// 2.21 (batches logged with `tf.py_function`, and the pass a fresh
/// iterator reads after each call; fixtures/scripts/keras/fit_dataset_steps.py,
/// fixtures/scripts/keras/fit_dataset_steps_jax.py, fixtures/scripts/tf-keras/fit_dataset_steps.py):
///
/// - **Keras 3 `fit`** keeps one iterator across epochs: an epoch reads
///   the next S batches of it, or those left when fewer are (Keras warns
///   that the input ran out and ends the epoch early); once it has given C
///   batches, Keras makes a fresh one (unread until the next epoch). The
///   first is made in the first epoch. So S = C differs from no S: one
///   iterator per epoch instead of two.
/// - **Keras 3 `validation_steps`, `evaluate`, `predict`**: each run makes
///   a fresh iterator and reads min(S, C) batches of it, then one more
///   iterator (unread) when that was all C.
/// - **Keras 3 on JAX** follows the same rules, but an iterator is made
///   only when its first batch is read (its adapter's generator), so the
///   unread ones are never made; its symbolic build still reads a
///   throw-away iterator first (``KerasModelObject/fitPassesBeforeEpochs(_:consumer:at:)``).
/// - **tf-keras `fit`** with S ≠ C makes one iterator when `fit` starts and
///   reads on from it, S batches an epoch; an epoch that runs out of data
///   ends there (tf-keras logs a warning) and no later epoch runs; an epoch
///   that gets no batch at all logs its metrics just reset (a loss of 0).
///   S = C is the same as no S (``KerasModelObject/fitPassesBeforeEpochs(_:consumer:at:)``).
/// - **tf-keras `validation_steps`, `evaluate`, `predict`** with S ≠ C: one
///   iterator a run, min(S, C) batches read; in `fit`, once a validation
///   run ran out of data, later runs make their iterator and read nothing
///   (the epoch logs no `val_` values).
///
/// Edge cases: a dataset with `repeat()` (TensorFlow's repeat makes its
/// next pass before the current one is read out, which the engine's
/// datasets do not model) and `steps_per_epoch` or `validation_steps` next
/// to NumPy arrays stop the run with a located
/// message saying what is accepted.
final class KerasDatasetSteps {
  enum Rules { case keras3TensorFlow, keras3JAX, tfKeras }
  let dataset: TensorFlowDatasetObject
  /// S, and C (the batches of one pass).
  let steps: Int, batches: Int
  let rules: Rules
  private let consumer: String
  private let session: KerasSession
  private var current: TensorFlowDatasetObject.ElementIterator?
  private var seen = 0
  /// tf-keras: the input ran out of data (no later epoch; no later validation batch).
  private(set) var ranOut = false

  init(dataset: TensorFlowDatasetObject, steps: Int, batches: Int, rules: Rules, consumer: String, session: KerasSession) {
    self.dataset = dataset
    self.steps = steps
    self.batches = batches
    self.rules = rules
    self.consumer = consumer
    self.session = session
  }

  /// Makes the iterator the next read takes, if there is none (its seeds are drawn now).
  func makeIterator(at range: SourceRange) throws {
    if current == nil { current = try session.consuming(consumer, role: "shuffle") { try dataset.elementIterator(at: range) } }
  }

  /// One training epoch's batches (as source rows).
  func epoch(at range: SourceRange) throws -> [[Int]] {
    try makeIterator(at: range)
    switch rules {
    case .keras3TensorFlow, .keras3JAX:
      let read = try self.read(Swift.min(steps, batches - seen), at: range)
      seen += read.count
      if seen >= batches {
        current = nil
        seen = 0
        // (On JAX the fresh iterator is made when the next epoch reads it.)
        if rules == .keras3TensorFlow { try makeIterator(at: range) }
      }
      return read
    case .tfKeras:
      let read = try self.read(steps, at: range)
      if read.count < steps { ranOut = true }
      return read
    }
  }

  /// One run of `evaluate`, `predict` or a validation, in two halves around
  /// the build of a model not built yet: the iterator read is made, then read.
  func startRun(at range: SourceRange) throws {
    current = nil
    seen = 0
    try makeIterator(at: range)
  }

  /// The run's batches; nil when tf-keras reads nothing (its input ran out in an earlier validation run).
  func finishRun(at range: SourceRange) throws -> [[Int]]? {
    if ranOut { return nil }
    let read = try self.read(Swift.min(steps, batches), at: range)
    switch rules {
    case .keras3TensorFlow:
      if read.count >= batches {
        current = nil
        try makeIterator(at: range)
      }
    case .tfKeras:
      if read.count < steps { ranOut = true }
    case .keras3JAX: break
    }
    return read
  }

  /// Up to `count` batches of the current iterator, fewer when it ends.
  private func read(_ count: Int, at range: SourceRange) throws -> [[Int]] {
    guard let current else { return [] }
    return try session.consuming(consumer, role: "shuffle") {
      var out: [[Int]] = []
      while out.count < count, let element = try current.next(range) {
        switch element {
        case .row(let r): out.append([r])
        case .rows(let rows): out.append(rows)
        }
      }
      return out
    }
  }
}
