import PythonSubset
import TensorFlowStreams

/// Keras 3 on TensorFlow reading `tf.data` datasets: `fit(dataset)`,
/// `fit(..., validation_data=dataset)`, `evaluate(dataset)` and
/// `predict(dataset)`.
///
/// ```python
/// ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(32, seed=11).batch(8)
/// model.fit(ds, epochs=3, validation_data=val_ds)   # trains on passes 1, 3, 5 of ds
/// model.evaluate(val_ds)                            # reads the next pass but one of val_ds
/// ```
///
/// Measured with Keras 3.15.1 on TensorFlow 2.21 (fixtures/scripts/keras/
/// fit_dataset.py, fit_dataset_validation.py): every time Keras goes over a
/// dataset — a training epoch, a validation run, `evaluate`, `predict` — it
/// makes **two iterators** and reads the first, so a reshuffling dataset
/// moves on two passes each time. A dataset used both to train and to
/// validate goes train (read), train (unread), validation (read),
/// validation (unread), epoch after epoch. tf-keras 2.21 (fixtures/scripts/
/// tf-keras/fit_dataset.py) makes one unread iterator when `fit` starts and
/// then one per epoch; each validation run, `evaluate` and `predict` make
/// two and read the second. Keras 3 on JAX (fixtures/scripts/keras/
/// fit_dataset_jax.py) makes one per epoch and one per evaluation, each
/// read, plus a throw-away one for its symbolic build (the first `fit` or
/// `evaluate` after `compile`). The draws of each iterator are
/// the dataset's own (`tensorflow.data.shuffle#N/passK`), recorded under
/// the consumer `<model>/fit`, `<model>/fit/validation`,
/// `<model>/evaluate` or `<model>/predict` with role `shuffle`.
///
/// A Sequential not built yet is built from the dataset's element spec
/// (Keras traces the first step with it and makes no extra iterator): in
/// `fit`, after the first epoch's iterator is made (its seeds drawn) and
/// before it is read (its order drawn), as TensorFlow runs them (Keras 3 on
/// TensorFlow and tf-keras: fixtures/scripts/keras/fit_dataset_builds.py,
/// fixtures/scripts/tf-keras/fit_dataset_builds.py).
///
/// `steps_per_epoch`, `validation_steps` and `steps` follow
/// ``KerasDatasetSteps``.
///
/// Edge cases: a dataset must be batched; `fit` and `evaluate` take a
/// dataset of `(x, y)` pairs, `predict` also one of `x` alone (a pair's `y`
/// is ignored, as Keras ignores it); `y=` next to a dataset is Keras'
/// `ValueError`; TensorFlow 1.x graphs and a model not built yet on JAX (Keras
/// builds it inside its symbolic build: its initializers' seeds are drawn
/// there and, for `predict`, twice — a trace the engine does not follow)
/// stop the run with a located message.
extension KerasModelObject {
  /// `fit(dataset)`: the training dataset, or nil when `x` is not one.
  func fitDataset(_ args: BoundArguments) throws -> TensorFlowDatasetObject? {
    guard let dataset = try inputDataset(args, "fit", pairs: true) else { return nil }
    if let split = try args.double("validation_split"), split != 0 {
      throw EvaluationError(
        "Argument `validation_split` is only supported for tensors or NumPy arrays.Found incompatible type in the input: [<class 'tensorflow.python.data.ops.\(dataset.moduleName).\(dataset.typeName)'>]",
        at: args.range("validation_split"), type: "ValueError")
    }
    return dataset
  }

  /// `x` of `fit`, `evaluate` or `predict` when it is a dataset Keras can
  /// read here (batched; of `(x, y)` pairs when `pairs`); nil when `x` is not a dataset.
  func inputDataset(_ args: BoundArguments, _ method: String, pairs: Bool) throws -> TensorFlowDatasetObject? {
    guard case .object(let dataset as TensorFlowDatasetObject)? = args.value("x") else { return nil }
    try requireDatasetSupport(args, "x", method)
    // (Keras ignores batch_size and shuffle for a dataset.)
    if args.isGiven("y") {
      throw EvaluationError(
        "When providing `x` as a tf.data.Dataset, `y` should not be passed. Instead, the targets should be included as part of the tf.data.Dataset.",
        at: args.range("y"), type: "ValueError")
    }
    try requireShape(dataset, args, "x", method, pairs: pairs)
    return dataset
  }

  /// `validation_data` of `fit` when it is a dataset, or nil.
  func validationDataset(_ args: BoundArguments) throws -> TensorFlowDatasetObject? {
    guard case .object(let dataset as TensorFlowDatasetObject)? = args.value("validation_data") else { return nil }
    try requireDatasetSupport(args, "validation_data", "fit")
    try requireShape(dataset, args, "validation_data", "fit", pairs: true)
    return dataset
  }

  /// The epochs (1-based) after which `fit` validates: `validation_freq`
  /// as an int (every n-th epoch) or a list of epoch numbers, as Keras'
  /// `_should_eval` reads it.
  func validationEpochs(_ args: BoundArguments) throws -> (Int) -> Bool {
    guard let value = args.value("validation_freq"), !value.isNone else { return { _ in true } }
    if case .object(let list as ListObject) = value {
      var epochs: Set<Int> = []
      for item in list.elements {
        guard case .int(let i) = item, let n = i.int else {
          throw args.error("validation_freq", "fit() argument 'validation_freq' must be an int or a list of epoch numbers, got \(value.repr)")
        }
        epochs.insert(n)
      }
      return { epochs.contains($0) }
    }
    guard let n = try args.intValue("validation_freq"), n > 0 else {
      throw args.error("validation_freq", "fit() argument 'validation_freq' must be a positive int or a list of epoch numbers, got \(value.repr)")
    }
    return { $0 % n == 0 }
  }

  /// The samples and targets of a dataset of `(x, y)` pairs: its two source tensors, row by row.
  func datasetData(
    _ dataset: TensorFlowDatasetObject, _ name: String, _ args: BoundArguments, _ stack: KerasTrainingStack, _ loss: KerasLoss
  ) throws -> (KerasMatrix, KerasMatrix) {
    let x = try samples(.object(ArrayObject(dataset.components[0].tensor, kind: .numpy)), name, args, stack)
    let y = try targets(.object(ArrayObject(dataset.components[1].tensor, kind: .numpy)), name, args, loss, stack)
    return (x, y)
  }

  /// The samples of a dataset for `predict`: its first source tensor, row by row.
  func datasetSamples(_ dataset: TensorFlowDatasetObject, _ args: BoundArguments, _ stack: KerasTrainingStack) throws -> KerasMatrix {
    try samples(.object(ArrayObject(dataset.components[0].tensor, kind: .numpy)), "x", args, stack)
  }

  /// `steps_per_epoch`, `validation_steps` or `steps` (argument `name`)
  /// over `dataset` (``KerasDatasetSteps``): nil when not given, or when
  /// tf-keras reads it as it reads no steps (S equal to the dataset's batches).
  func datasetSteps(
    _ args: BoundArguments, _ name: String, _ dataset: TensorFlowDatasetObject?, consumer: String
  ) throws -> KerasDatasetSteps? {
    guard let value = args.value(name), !value.isNone else { return nil }
    let method = args.signature.name
    guard let steps = try args.intValue(name), steps > 0 else {
      throw args.error(name, "\(method)(\(name)=\(value.repr)) is not emulated by rngdiff run's training; accepted: a positive int or None")
    }
    guard let dataset else {
      // (Without validation data Keras ignores it; with validation_split it would cut the arrays' validation.)
      let split = try args.double("validation_split") ?? 0
      if name == "validation_steps" && (args.value("validation_data")?.isNone ?? true) && split == 0 { return nil }
      throw args.error(name, "\(method)() argument '\(name)' is emulated for a tf.data dataset only; leave it None with NumPy arrays")
    }
    let rules: KerasDatasetSteps.Rules
    switch reading {
    case .keras3JAX: rules = .keras3JAX
    case .keras3TensorFlow: rules = .keras3TensorFlow
    case .tfKeras: rules = .tfKeras
    }
    guard let batches = dataset.cardinality, !dataset.repeats else {
      throw args.error(name, "\(method)() argument '\(name)' is not emulated for a dataset with repeat(); accepted: a finite dataset without repeat(), or \(name)=None")
    }
    if rules == .tfKeras && steps == batches { return nil }
    return KerasDatasetSteps(dataset: dataset, steps: steps, batches: batches, rules: rules, consumer: consumer, session: session)
  }

  /// The first half of a run of `evaluate` or `predict` with `steps=`: on
  /// JAX, `symbolicBuild` (`evaluate` before the compiled loss is built)
  /// first reads a throw-away iterator's first batches; then the iterator read is made.
  func startStepsRun(_ steps: KerasDatasetSteps, consumer: String, symbolicBuild: Bool, at range: SourceRange) throws {
    if reading == .keras3JAX && symbolicBuild { try symbolicBuildPass(steps.dataset, consumer: consumer, at: range) }
    try steps.startRun(at: range)
  }

  /// How this model's Keras goes over a dataset (see the type's description).
  private enum Reading { case keras3TensorFlow, keras3JAX, tfKeras }

  private var reading: Reading {
    if session.tfKeras?.owns(self) == true { return .tfKeras }
    return session.backend == .jax ? .keras3JAX : .keras3TensorFlow
  }

  /// The batches one validation run reads, with the iterators Keras makes around it.
  func evaluationPass(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws -> [[Int]] {
    try finishEvaluation(dataset, try startEvaluation(dataset, consumer: consumer, symbolicBuild: false, at: range), consumer: consumer, at: range)
  }

  /// The first half of an evaluation (`evaluate`, `predict`, a validation
  /// run): the iterators up to the one read, made (seeds drawn), and that
  /// one, not read yet (a model not built yet is built in between, when
  /// Keras traces its step). On JAX, `symbolicBuild` (`evaluate` before the
  /// compiled loss is built) first reads a throw-away iterator's first batches.
  func startEvaluation(
    _ dataset: TensorFlowDatasetObject, consumer: String, symbolicBuild: Bool, at range: SourceRange
  ) throws -> TensorFlowDatasetObject.ElementIterator {
    switch reading {
    case .tfKeras: try skipIterator(dataset, consumer: consumer, at: range)
    case .keras3JAX where symbolicBuild: try symbolicBuildPass(dataset, consumer: consumer, at: range)
    case .keras3JAX, .keras3TensorFlow: break
    }
    return try startPass(dataset, consumer: consumer, at: range)
  }

  /// The second half: reads the iterator `started`, then makes the one Keras 3 makes after it on TensorFlow.
  func finishEvaluation(
    _ dataset: TensorFlowDatasetObject, _ started: TensorFlowDatasetObject.ElementIterator, consumer: String, at range: SourceRange
  ) throws -> [[Int]] {
    let rows = try readPass(started, consumer: consumer, at: range)
    if reading == .keras3TensorFlow { try skipIterator(dataset, consumer: consumer, at: range) }
    return rows
  }

  /// What `fit` does with its dataset before the first epoch: tf-keras
  /// makes one iterator it never reads; Keras 3 on JAX, before its compiled
  /// loss is built, reads the first batches of one it then throws away (its
  /// symbolic build); Keras 3 on TensorFlow does nothing.
  func fitPassesBeforeEpochs(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws {
    switch reading {
    case .tfKeras: try skipIterator(dataset, consumer: consumer, at: range)
    case .keras3JAX where !compileLossBuilt: try symbolicBuildPass(dataset, consumer: consumer + "/symbolic_build", at: range)
    case .keras3JAX, .keras3TensorFlow: break
    }
  }

  /// What `fit` does with its dataset after each epoch's training: Keras 3
  /// on TensorFlow makes its second iterator.
  func fitPassAfterEpoch(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws {
    if reading == .keras3TensorFlow { try skipIterator(dataset, consumer: consumer, at: range) }
  }

  /// Keras 3 on JAX's symbolic build: an iterator whose first two batches
  /// are read (one, and the one its adapter prefetches), then dropped. (The
  /// trace records the pass's whole order: the engine draws a pass's order
  /// at its first batch; TensorFlow draws a word per element it gives out.)
  private func symbolicBuildPass(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws {
    try session.consuming(consumer, role: "shuffle") {
      let elements = try dataset.elementIterator(at: range)
      for _ in 0..<2 where try elements.next(range) != nil {}
    }
  }

  /// The iterator Keras reads: one pass's batches, as source rows.
  func readPass(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws -> [[Int]] {
    try session.consuming(consumer, role: "shuffle") { try dataset.passRows(at: range) }
  }

  /// The iterator Keras reads, made but not read yet (its seeds are drawn
  /// now, its order when ``readPass(_:consumer:at:)-(ElementIterator,_,_)`` reads it).
  func startPass(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws -> TensorFlowDatasetObject.ElementIterator {
    try session.consuming(consumer, role: "shuffle") { try dataset.elementIterator(at: range) }
  }

  /// The batches of an iterator made by ``startPass(_:consumer:at:)``, as source rows.
  func readPass(_ started: TensorFlowDatasetObject.ElementIterator, consumer: String, at range: SourceRange) throws -> [[Int]] {
    try session.consuming(consumer, role: "shuffle") { try TensorFlowDatasetObject.rows(of: started, at: range) }
  }

  /// The second iterator Keras makes and never reads: its seeds only.
  func skipIterator(_ dataset: TensorFlowDatasetObject, consumer: String, at range: SourceRange) throws {
    _ = try session.consuming(consumer, role: "shuffle") { try dataset.elementIterator(at: range) }
  }

  private func requireDatasetSupport(_ args: BoundArguments, _ name: String, _ method: String) throws {
    guard session.tfKeras?.graph == nil else {
      throw args.error(name, "\(method)() on a tf.data dataset is not emulated under --profile tf1-keras")
    }
    if reading == .keras3JAX && !isBuilt {
      throw args.error(name, "\(method)() on a tf.data dataset with a model not built yet is not emulated on the JAX backend (Keras builds it inside its symbolic build, which the engine's trace does not follow); give the model its input shape (keras.Input) first")
    }
  }

  private func requireShape(_ dataset: TensorFlowDatasetObject, _ args: BoundArguments, _ name: String, _ method: String, pairs: Bool) throws {
    let isPair = dataset.isTuple && dataset.components.count == 2
    let isSamples = !dataset.isTuple && dataset.components.count == 1
    guard dataset.isBatched, isPair || (!pairs && isSamples) else {
      let wanted = pairs ? "a batched dataset of (x, y) pairs" : "a batched dataset of samples or of (x, y) pairs"
      throw args.error(name, "\(method)() needs \(wanted), such as Dataset.from_tensor_slices((x, y)).batch(32); got \(dataset.repr)")
    }
  }
}
