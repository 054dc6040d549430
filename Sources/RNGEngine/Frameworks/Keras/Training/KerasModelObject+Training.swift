import Foundation
import KerasStreams
import PythonSubset
import RNGStreams
import RNGTrace
import TensorFlowStreams

/// `model.compile`, `fit`, `evaluate`, `predict`, `train_on_batch` and
/// `set_weights` for Keras 3 models of `Dense` and `Dropout` layers.
///
/// ```python
/// model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
/// history = model.fit(x, y, epochs=3, batch_size=4, verbose=0)
/// history.history["loss"]        # one float per epoch
/// ```
///
/// The random draws follow fixtures/reference/keras-fit/README.md: on
/// TensorFlow every epoch's order is the first output of a fresh
/// `RandomShuffle` kernel seeded from TensorFlow's global seed (an
/// entropy-seeded kernel per epoch without one); on JAX it is the next
/// `np.random.permutation` of NumPy's global state, after one discarded
/// permutation at the first `fit` after `compile()` (the symbolic build). Each
/// training step's Dropout mask uses the layer's `SeedGenerator` state
/// `[s, k]`, which then advances by one. The arithmetic is float32 and
/// agrees with Keras to the tolerance docs/scripts.md states.
///
/// `steps_per_epoch`, `validation_steps` and `steps` are taken with a
/// `tf.data` dataset (``KerasDatasetSteps``).
///
/// Edge cases: `class_weight`, `sample_weight`, `callbacks`,
/// `shuffle="batch"`, `steps_per_execution > 1`, inputs
/// that are not NumPy arrays and layers other than Dense/Dropout stop the
/// run with a located message naming what is accepted. `verbose` prints
/// Keras' progress output (``KerasProgressBar``, ``TFKerasProgressBar``).
extension KerasModelObject {
  func trainingMethod(_ name: String) -> Value {
    switch name {
    case "compile":
      return .object(BuiltinFunction(signature: Signature(
        "compile(optimizer='rmsprop', loss=None, loss_weights=None, metrics=None, weighted_metrics=None, run_eagerly=False, steps_per_execution=1, jit_compile='auto', auto_scale_loss=True)"
      )) { [self] args in try compile(args) })
    case "fit":
      return .object(BuiltinFunction(signature: Signature(
        "fit(x=None, y=None, batch_size=None, epochs=1, verbose='auto', callbacks=None, validation_split=0.0, validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1)"
      )) { [self] args in try fit(args) })
    case "evaluate":
      return .object(BuiltinFunction(signature: Signature(
        "evaluate(x=None, y=None, batch_size=None, verbose='auto', sample_weight=None, steps=None, callbacks=None, return_dict=False)"
      )) { [self] args in try evaluate(args) })
    case "predict":
      return .object(BuiltinFunction(signature: Signature("predict(x, batch_size=None, verbose='auto', steps=None, callbacks=None)")) {
        [self] args in try predict(args)
      })
    case "train_on_batch":
      return .object(BuiltinFunction(signature: Signature(
        "train_on_batch(x, y=None, sample_weight=None, class_weight=None, return_dict=False)")) { [self] args in try trainOnBatch(args) })
    default:
      return .object(BuiltinFunction(signature: Signature("set_weights(weights)")) { [self] args in try setWeights(args) })
    }
  }

  // MARK: compile

  private func compile(_ args: BoundArguments) throws -> Value {
    let optimizer: KerasOptimizerObject
    switch args.value("optimizer") {
    case .string(let s)?:
      guard let made = KerasOptimizer(name: s) else {
        throw args.error("optimizer", "optimizer '\(s)' is not emulated by rngdiff run's training; accepted: \(KerasOptimizer.names)")
      }
      optimizer = KerasOptimizerObject(made)
    case .object(let o as KerasOptimizerObject)?: optimizer = o
    case nil: optimizer = KerasOptimizerObject(KerasOptimizer(.rmsprop(rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false), learningRate: 0.001))
    case let v?:
      throw args.error("optimizer", "optimizer \(v.repr) is not emulated by rngdiff run's training; accepted: \(KerasOptimizer.names)")
    }
    let loss: KerasLoss
    switch args.value("loss") {
    case .string(let s)?:
      guard let l = KerasLoss(name: s) else {
        throw args.error("loss", "loss '\(s)' is not emulated by rngdiff run's training; accepted: \(KerasLoss.names)")
      }
      loss = l
    case .object(let o as KerasLossObject)?: loss = o.loss
    case let v?:
      throw args.error("loss", "loss \(v.repr) is not emulated by rngdiff run's training; accepted: \(KerasLoss.names)")
    case nil:
      throw args.error("loss", "compile() needs a loss for rngdiff run's training; accepted: \(KerasLoss.names)")
    }
    var accuracyName: String?
    if let metrics = args.value("metrics"), !metrics.isNone {
      guard let items = Builtins.items(of: metrics) else {
        throw args.error("metrics", "compile() argument 'metrics' must be a list such as ['accuracy']")
      }
      for item in items {
        guard case .string(let m) = item, ["accuracy", "acc"].contains(m.lowercased()) else {
          throw args.error("metrics", "metric \(item.repr) is not emulated by rngdiff run's training; accepted: 'accuracy'")
        }
        accuracyName = m
      }
    }
    for name in ["loss_weights", "weighted_metrics"] where args.isGiven(name) {
      throw args.error(name, "compile() argument '\(name)' is not emulated by rngdiff run's training; leave it None")
    }
    if let steps = try args.int("steps_per_execution"), steps != PythonInt(1) {
      throw args.error("steps_per_execution", "compile(steps_per_execution=\(steps)) is not emulated by rngdiff run's training; accepted: 1")
    }
    let jit: Bool
    switch args.value("jit_compile") {
    case .bool(let b)?: jit = b
    case .string("auto")?, nil: jit = false
    case let v?: throw args.error("jit_compile", "compile() argument 'jit_compile' must be True, False or 'auto', got \(v.repr)")
    }
    if jit && session.backend == .tensorflow, let bad = layers.first(where: { ($0 as? KerasDropoutObject)?.layer.noiseShape != nil }) {
      throw args.error("jit_compile", "jit_compile=True with a Dropout noise_shape (layer '\((bad as? KerasDropoutObject)?.layer.name ?? "")') is not emulated; accepted: jit_compile=False or 'auto'")
    }
    if jit && session.backend == .tensorflow,
      let noisy = layers.first(where: { $0 is KerasGaussianNoiseObject || $0 is KerasGaussianDropoutObject }) as? any KerasWeightlessLayer
    {
      throw args.error("jit_compile", "jit_compile=True with a \(noisy.className) layer ('\(noisy.layerName)') is not emulated: XLA draws normal noise differently; accepted: jit_compile=False or 'auto'")
    }
    compiled = KerasCompileSettings(optimizer: optimizer, loss: loss, accuracyName: accuracyName, jitCompile: jit)
    // A new compiled loss, not built yet: Keras 3 on JAX runs its symbolic build again at the next fit or evaluate.
    compileLossBuilt = false
    try session.tfKeras?.compiled(self, args)
    return .none
  }

  private func requireCompiled(_ args: BoundArguments, _ method: String) throws -> KerasCompileSettings {
    guard let compiled else {
      throw EvaluationError("You must call `compile()` before using the model (model.\(method)()).", at: args.callRange, type: "ValueError")
    }
    return compiled
  }

  // MARK: fit

  private func fit(_ args: BoundArguments) throws -> Value {
    let settings = try requireCompiled(args, "fit")
    for name in ["class_weight", "sample_weight"] where args.isGiven(name) {
      throw args.error(name, "fit() argument '\(name)' is not emulated by rngdiff run's training; leave it None")
    }
    if let callbacks = args.value("callbacks"), !callbacks.isNone, Builtins.items(of: callbacks)?.isEmpty != true {
      throw args.error("callbacks", "fit() callbacks are not emulated by rngdiff run's training; call fit in a loop instead")
    }
    let validatesAfter = try validationEpochs(args)
    let shuffle: Bool
    switch args.value("shuffle") {
    case .bool(let b)?: shuffle = b
    case nil: shuffle = true
    case let v?:
      throw args.error("shuffle", "fit(shuffle=\(v.repr)) is not emulated by rngdiff run's training; accepted: True or False")
    }
    let epochs = try args.intValue("epochs") ?? 1
    let initialEpoch = try args.intValue("initial_epoch") ?? 0
    let verbosity = try progressVerbosity(args)
    let dataset = try fitDataset(args)
    let fitPath = name + "/fit"
    // steps_per_epoch: the iterator Keras keeps across epochs (KerasDatasetSteps).
    let stepper = try datasetSteps(args, "steps_per_epoch", dataset, consumer: fitPath)
    // Keras 3 on TensorFlow and tf-keras 2.21 build a model they first see in fit while tracing
    // the first train step: inside the first epoch, before that epoch's order is drawn (as a real
    // run records it). TensorFlow 1.x Keras builds it before its training loop.
    let ownedByTFKeras = session.tfKeras?.owns(self) == true
    let buildsInFirstStep = (ownedByTFKeras ? session.tfKeras?.graph == nil : session.backend == .tensorflow)
      && initialEpoch < epochs && shapeToBuild(from: args) != nil
    if buildsInFirstStep, let recorder = session.recorder { try recorder.beginPhase("fit", name: name) }
    // Before the first epoch: JAX's symbolic build, tf-keras' first iterator (with steps_per_epoch, the one it reads).
    if let stepper {
      if stepper.rules == .keras3JAX, let dataset { try fitPassesBeforeEpochs(dataset, consumer: fitPath, at: args.callRange) }
      if stepper.rules == .tfKeras { try stepper.makeIterator(at: args.callRange) }
    } else if let dataset {
      try fitPassesBeforeEpochs(dataset, consumer: fitPath, at: args.callRange)
    }
    if buildsInFirstStep, let recorder = session.recorder { try recorder.beginPhase("epoch", index: initialEpoch + 1) }
    // The first epoch's iterator is made before the first train step is traced, which builds the model.
    if let stepper, stepper.rules == .keras3TensorFlow, buildsInFirstStep { try stepper.makeIterator(at: args.callRange) }
    var startedPass = buildsInFirstStep && stepper == nil ? try dataset.map { try startPass($0, consumer: fitPath, at: args.callRange) } : nil
    try buildFromData(args)
    let stack = try KerasTrainingStack(self, at: args.callRange)
    let (x, y) = try dataset.map { try datasetData($0, "x", args, stack, settings.loss) } ?? data(args, stack, settings.loss)
    let batchSize = try positive(args, "batch_size") ?? 32
    var train = (x: x, y: y)
    var validation: (x: KerasMatrix, y: KerasMatrix)?
    let validationDataset = try self.validationDataset(args)
    let validationStepper = try datasetSteps(args, "validation_steps", validationDataset, consumer: fitPath + "/validation")
    if let validationDataset {
      validation = try datasetData(validationDataset, "validation_data", args, stack, settings.loss)
    } else if let vd = args.value("validation_data"), !vd.isNone {
      guard let items = Builtins.items(of: vd), items.count == 2 else {
        throw args.error("validation_data", "fit() argument 'validation_data' must be a tuple (x_val, y_val); sample weights and datasets are not emulated")
      }
      let vx = try samples(items[0], "validation_data", args, stack)
      let vy = try targets(items[1], "validation_data", args, settings.loss, stack)
      guard vx.rows == vy.rows && vx.columns == stack.inputColumns else {
        throw args.error("validation_data", "fit() validation_data has \(vx.rows) rows of \(vx.columns) inputs and \(vy.rows) targets; the model takes \(stack.inputColumns) inputs")
      }
      validation = (vx, vy)
    } else if let split = try args.double("validation_split"), split != 0 {
      guard split > 0 && split < 1 else {
        throw args.error("validation_split", "`validation_split` must be in [0, 1), got \(PythonFloat.repr(split))")
      }
      // Keras cuts before shuffling, computing the cut in double.
      let splitAt = Int((Double(x.rows) * (1.0 - split)).rounded(.down))
      guard splitAt > 0 && splitAt < x.rows else {
        throw args.error("validation_split",
          "Training data contains \(x.rows) samples, which is not sufficient to split it into a validation and training set as specified by `validation_split=\(PythonFloat.repr(split))`. Either provide more data, or a different value for the `validation_split` argument.")
      }
      train = (x.gathering(rows: 0..<splitAt), y.gathering(rows: 0..<splitAt))
      validation = (x.gathering(rows: splitAt..<x.rows), y.gathering(rows: splitAt..<x.rows))
    }
    let validationBatch = try positive(args, "validation_batch_size") ?? batchSize
    let n = train.x.rows
    if session.backend == .jax && shuffle && !compileLossBuilt && dataset == nil {
      // _symbolic_build takes one batch of a started epoch iterator, then throws the iterator away.
      _ = try session.consuming(fitPath + "/symbolic_build", role: "shuffle") { try session.numpyPermutation?(n) }
    }
    compileLossBuilt = true
    let seeds = TensorFlowSeeds.getSeed(global: session.tensorFlowGlobalSeed, opSeed: nil, implicitOpSeed: 0)
    let tfKeras = session.tfKeras?.owns(self) == true ? session.tfKeras : nil
    // tf-keras's steps run the train function's trace for their input's batch dimension.
    tfKeras?.willTrain(self, batch: dataset.map { $0.fixedBatchSize } ?? (n % batchSize == 0 ? batchSize : nil))
    // tf-keras: one shuffle kernel for the whole fit, continuing across epochs.
    let tfKerasShuffle = tfKeras != nil && tfKeras?.graph == nil && shuffle
      ? TFKerasFitShuffle(rows: n, globalSeed: session.tensorFlowGlobalSeed) : nil
    // TensorFlow 1.x: np.random.shuffle of one index array, epoch after epoch.
    var graphOrder = tfKeras?.graph != nil ? Array(0..<n) : nil
    let accuracy = settings.accuracyName.map { _ in KerasAccuracy(targetColumns: y.columns, outputs: stack.outputColumns) }
    // Keras 3 returns the logs sorted by name (`pythonify_logs`): accuracy, loss, val_accuracy,
    // val_loss; tf-keras in its metrics' order: loss, accuracy, val_loss, val_accuracy.
    var keys = shownLogs(loss: 0, settings.accuracyName, 0).map(\.0)
    if validation != nil { keys += keys.map { "val_" + $0 } }
    // (Epochs without validation log no val_ keys; the order stays the same.)
    if tfKeras == nil { keys.sort() }
    var history: [String: [Double]] = [:]
    // A range, not an array: `epochs=10**12` runs until --timeout rather than allocating first.
    let epochRange = initialEpoch < epochs ? initialEpoch..<epochs : 0..<0
    var epochsRun: [Int] = []
    try phase("fit", name: name, begun: buildsInFirstStep) {
      for epoch in epochRange {
        // tf-keras stops at the epoch after its input ran out of data.
        if stepper?.ranOut == true { break }
        try RunDeadline.check(at: args.callRange, doing: "model '\(name)' fit (epoch \(epoch + 1))")
        epochsRun.append(epoch)
        if verbosity > 0 && epochs > 1 { session.output("Epoch \(epoch + 1)/\(epochs)\n") }
        try phase("epoch", index: epoch + 1, begun: buildsInFirstStep && epoch == initialEpoch) {
          let order: [Int]
          var batches: [[Int]]? = nil
          if let stepper {
            batches = try stepper.epoch(at: args.callRange)
            order = []
          } else if let dataset {
            // The dataset's own order and batches: a pass per epoch (and the iterators
            // Keras makes and never reads: KerasModelObject+Datasets.swift).
            if let started = startedPass {
              batches = try readPass(started, consumer: fitPath, at: args.callRange)
              startedPass = nil
            } else {
              batches = try readPass(dataset, consumer: fitPath, at: args.callRange)
            }
            order = []
          } else if !shuffle {
            order = Array(0..<n)
          } else if let previous = graphOrder {
            let shuffled = try session.consuming(fitPath, role: "shuffle") { try session.numpyPermutation?(n) ?? [] }
            graphOrder = shuffled.map { previous[Int($0)] }
            order = graphOrder ?? []
          } else if let tfKerasShuffle {
            order = tfKerasShuffle.next(recorder: session.recorder, consumer: fitPath)
          } else if session.backend == .tensorflow {
            order = try tensorFlowShuffle(n, seeds: seeds, consumer: fitPath)
          } else {
            order = try session.consuming(fitPath, role: "shuffle") { try session.numpyPermutation?(n) ?? [] }.map { Int($0) }
          }
          var lossMean = KerasMean(), accuracyMean = KerasMean()
          // Each step's rows: the dataset's batches, or consecutive slices of the order (not copied).
          let steps: [ArraySlice<Int>] = batches?.map { $0[...] }
            ?? stride(from: 0, to: n, by: batchSize).map { order[$0..<Swift.min($0 + batchSize, n)] }
          // (Keras announces steps_per_epoch steps, and ends there even when the data ran out before.)
          let announced = stepper?.steps ?? steps.count
          var progress = progressDisplay(verbosity, target: announced)
          for (k, rows) in steps.enumerated() {
            try RunDeadline.check(at: args.callRange, doing: "model '\(name)' fit (epoch \(epoch + 1))")
            let step = try trainStep(
              stack, train.x.gathering(rows: rows), train.y.gathering(rows: rows), settings, accuracy, at: args.callRange)
            lossMean.add(step.loss, weight: Float(rows.count))
            if let m = step.matches { accuracyMean.add(values: m) }
            progress?.update(k + 1, shownLogs(loss: lossMean.result, settings.accuracyName, accuracyMean.result), finalize: false)
          }
          if let dataset, stepper == nil { try fitPassAfterEpoch(dataset, consumer: fitPath, at: args.callRange) }
          var logs = ["loss": lossMean.result]
          if let name = settings.accuracyName { logs[name] = accuracyMean.result }
          // (tf-keras: an epoch that got no batch logs its metrics just reset, 0.)
          if steps.isEmpty { logs = logs.mapValues { _ in 0 } }
          if let validation, validatesAfter(epoch + 1) {
            let consumer = fitPath + "/validation"
            var batches: [[Int]]? = nil
            if let validationStepper {
              try validationStepper.startRun(at: args.callRange)
              batches = try validationStepper.finishRun(at: args.callRange)
            } else if let validationDataset {
              batches = try evaluationPass(validationDataset, consumer: consumer, at: args.callRange)
            }
            // (tf-keras logs no val_ values once its validation input ran out.)
            if validationStepper == nil || batches != nil {
              let v = evaluation(stack, validation.x, validation.y, batchSize: validationBatch, batches: batches, settings, accuracy)
              logs["val_loss"] = v.loss
              if let name = settings.accuracyName { logs["val_" + name] = v.accuracy }
            }
          }
          let logged = keys.filter { logs[$0] != nil }
          progress?.update(announced, logged.map { ($0, logs[$0] ?? 0) }, finalize: true)
          for key in logged { history[key, default: []].append(Double(logs[key] ?? 0)) }
          try recordEpoch(epoch + 1, keys: logged, logs: logged.map { logs[$0] ?? 0 })
        }
      }
    }
    let dict = DictObject(keys.map { key in (.string(key), .object(ListObject((history[key] ?? []).map { .float($0) }))) })
    return .object(KerasHistoryObject(history: dict, epochs: epochsRun))
  }

  /// One training step: forward with masks, loss, backward, optimizer update.
  private func trainStep(
    _ stack: KerasTrainingStack, _ x: KerasMatrix, _ y: KerasMatrix, _ settings: KerasCompileSettings, _ accuracy: KerasAccuracy?,
    at range: SourceRange
  ) throws -> (loss: Float, matches: [Float]?) {
    let (output, tape) = try stack.forward(x, training: true) { dropout, path, rows, columns in
      try dropoutScale(dropout, path: path, rows: rows, columns: columns, xla: settings.jitCompile, at: range)
    } noise: { layer, path, input in
      try noiseStep(layer, path: path, input: input, at: range)
    }
    let result = settings.loss.evaluate(predictions: output, targets: y)
    let me = ObjectIdentifier(self)
    if let other = settings.optimizer.trainedModel, other != me {
      throw EvaluationError(
        "this optimizer already trained another model's weights and cannot update model '\(name)'; give each model its own optimizer (keras.optimizers.SGD(...) per compile)",
        at: range, type: "ValueError")
    }
    settings.optimizer.trainedModel = me
    var variables = stack.variables
    // TensorFlow gives an Embedding's gradient as IndexedSlices (see KerasOptimizer.apply).
    let back = stack.backward(tape, gradient: result.gradient, occurrenceSquares: session.backend == .tensorflow)
    settings.optimizer.optimizer.apply(gradients: back.gradients, squares: back.squares, to: &variables)
    try stack.assign(variables)
    return (result.loss, accuracy?.matches(predictions: output, targets: y))
  }

  /// The multiplier a Dropout applies in one training step: 0 where
  /// dropped, the keep scale where kept. Running the layer on ones gives
  /// exactly that, with the layer's own draw (and its recording).
  private func dropoutScale(
    _ dropout: KerasDropoutObject, path: String, rows: Int, columns: Int, xla: Bool, at range: SourceRange
  ) throws -> KerasMatrix? {
    guard dropout.layer.rate > 0 else { return nil }
    if let tfKeras = session.tfKeras, tfKeras.owns(self) {
      return try tfKeras.dropoutScale(model: self, dropout: dropout, path: path, rows: rows, columns: columns, at: range)
    }
    let ones = Keras3.Tensor(shape: [rows, columns], values: .float32(Array(repeating: 1, count: rows * columns)))
    let scaled = try session.consuming(path, role: "mask") { () throws -> Keras3.Tensor in
      do {
        if xla, session.backend == .tensorflow, let generator = dropout.layer.seedGenerator {
          return try session.state.dropoutXLA(ones, rate: dropout.layer.rate, seed: .generator(generator))
        }
        return try dropout.layer(ones, training: true, state: &session.state)
      } catch let e as FrameworkError {
        throw EvaluationError("Dropout layer '\(dropout.layer.name)': \(e.message)", at: range)
      }
    }
    return KerasMatrix(rows: rows, columns: columns, values: scaled.values.float32 ?? [])
  }

  /// What a noise layer does in one training step, with its own draw
  /// (recorded as a `noise` draw of `path`): `GaussianNoise` adds its noise
  /// (the gradient passes unchanged); `GaussianDropout` multiplies by its
  /// noise, drawn by running the layer on ones, so the gradient is scaled
  /// by the same values.
  private func noiseStep(
    _ layer: any KerasWeightlessLayer, path: String, input: KerasMatrix, at range: SourceRange
  ) throws -> (output: KerasMatrix, scale: KerasMatrix?) {
    let shape = [input.rows, input.columns]
    return try session.consuming(path, role: "noise") { () throws -> (output: KerasMatrix, scale: KerasMatrix?) in
      do {
        switch layer {
        case let noise as KerasGaussianNoiseObject:
          let x = Keras3.Tensor(shape: shape, values: .float32(input.values))
          let y = try noise.layer(x, training: true, state: &session.state)
          return (KerasMatrix(rows: input.rows, columns: input.columns, values: y.values.float32 ?? []), nil)
        case let dropout as KerasGaussianDropoutObject:
          let ones = Keras3.Tensor(shape: shape, values: .float32(Array(repeating: 1, count: input.values.count)))
          let n = try dropout.layer(ones, training: true, state: &session.state)
          let scale = KerasMatrix(rows: input.rows, columns: input.columns, values: n.values.float32 ?? [])
          return (input.combined(with: scale, *), dropout.layer.seedGenerator == nil ? nil : scale)
        default:
          return (input, nil)
        }
      } catch let e as FrameworkError {
        throw EvaluationError("\(layer.className) layer '\(layer.layerName)': \(e.message)", at: range)
      }
    }
  }

  /// The epoch's order from a fresh `RandomShuffle(G, 0)` kernel, recorded
  /// as a `shuffle` draw of `consumer`.
  private func tensorFlowShuffle(_ n: Int, seeds: OpSeeds, consumer: String) throws -> [Int] {
    let key = KernelKey(op: .randomShuffle, dtype: .int64, seeds: seeds)
    var kernel: StatefulRandomKernel
    if seeds.isNondeterministic {
      // GuardedPhiloxRandom seeds itself from two OS-random 64-bit words.
      let w = Entropy.words(4)
      kernel = StatefulRandomKernel(
        key: key, entropySeed: UInt64(w[0]) | UInt64(w[1]) << 32, seed2: UInt64(w[2]) | UInt64(w[3]) << 32)
    } else {
      kernel = StatefulRandomKernel(key: key)
    }
    let (order, run) = kernel.runShuffle(rows: n)
    if let recorder = session.recorder, run.count > 0 {
      recorder.consuming(consumer, role: "shuffle") {
        recorder.observe(kernel.report(
          run, operation: "shuffle", parameters: [.init("value", "range(\(n))")], shape: [n], values: .int64(order.map(Int64.init))))
      }
    }
    return order
  }

  /// The loss (and accuracy) over `x`, in batches (consecutive ones of
  /// `batchSize` rows, or a dataset pass's `batches`), Dropout off.
  private func evaluation(
    _ stack: KerasTrainingStack, _ x: KerasMatrix, _ y: KerasMatrix, batchSize: Int, batches: [[Int]]? = nil,
    _ settings: KerasCompileSettings, _ accuracy: KerasAccuracy?, verbosity: Int = 0, announced: Int? = nil
  ) -> (loss: Float, accuracy: Float?) {
    var lossMean = KerasMean(), accuracyMean = KerasMean()
    let steps: [ArraySlice<Int>] = batches?.map { $0[...] }
      ?? stride(from: 0, to: x.rows, by: batchSize).map { ArraySlice($0..<Swift.min($0 + batchSize, x.rows)) }
    var progress = progressDisplay(verbosity, target: announced ?? steps.count)
    defer { progress?.update(announced ?? steps.count, shownLogs(loss: lossMean.result, settings.accuracyName, accuracyMean.result), finalize: true) }
    for (k, rows) in steps.enumerated() {
      defer { progress?.update(k + 1, shownLogs(loss: lossMean.result, settings.accuracyName, accuracyMean.result), finalize: false) }
      let xb = x.gathering(rows: rows), yb = y.gathering(rows: rows)
      // Inference draws nothing, so the forward pass cannot throw here.
      guard let output = try? stack.forward(xb, training: false).output else { continue }
      lossMean.add(settings.loss.evaluate(predictions: output, targets: yb).loss, weight: Float(rows.count))
      if let accuracy { accuracyMean.add(values: accuracy.matches(predictions: output, targets: yb)) }
    }
    return (lossMean.result, accuracy.map { _ in accuracyMean.result })
  }

  /// A Sequential never given its input's shape (no `Input`, no
  /// `input_shape=`) is built by its first `fit`, `evaluate`, `predict` or
  /// `train_on_batch` from the shape of the samples `x` holds, as Keras
  /// builds it when it first sees data: tf-keras draws its initializers'
  /// seeds then (after whatever the script drew before), Keras 3 drew them
  /// when the layers were made. A model built so is marked
  /// (``builtByData``): tf-keras seeds a seeded Dropout differently then.
  private func buildFromData(_ args: BoundArguments) throws {
    guard let shape = shapeToBuild(from: args) else { return }
    try build(shape, at: args.callRange)
    builtByData = true
  }

  /// The input shape a Sequential not built yet takes from the samples `x`, or nil (built, or no array).
  private func shapeToBuild(from args: BoundArguments) -> [Int?]? {
    guard !isBuilt, kind == .sequential, !layers.isEmpty else { return nil }
    let shape: [Int]
    switch args.value("x") {
    case .object(let array as ArrayObject)?: shape = array.tensor.arrayShape
    // A dataset's element spec: its samples' shape (the first source tensor's, rows first).
    case .object(let dataset as TensorFlowDatasetObject)?: shape = dataset.components.first?.shape ?? []
    default: return nil
    }
    guard shape.count >= 2, shape.allSatisfy({ $0 > 0 }) else { return nil }
    return [nil] + shape.dropFirst().map { Optional($0) }
  }

  // MARK: evaluate, predict, train_on_batch, set_weights

  private func evaluate(_ args: BoundArguments) throws -> Value {
    let settings = try requireCompiled(args, "evaluate")
    if args.isGiven("sample_weight") {
      throw args.error("sample_weight", "evaluate() argument 'sample_weight' is not emulated by rngdiff run's training; leave it None")
    }
    let dataset = try inputDataset(args, "evaluate", pairs: true)
    let consumer = name + "/evaluate"
    let stepper = try datasetSteps(args, "steps", dataset, consumer: consumer)
    let result = try phase("evaluate", name: name) {
      // Keras makes the dataset's iterator, builds a model not built yet as it traces its step, then reads.
      if let stepper { try startStepsRun(stepper, consumer: consumer, symbolicBuild: !compileLossBuilt, at: args.callRange) }
      let started = stepper != nil ? nil
        : try dataset.map { try startEvaluation($0, consumer: consumer, symbolicBuild: !compileLossBuilt, at: args.callRange) }
      try buildFromData(args)
      let stack = try KerasTrainingStack(self, at: args.callRange)
      let (x, y) = try dataset.map { try datasetData($0, "x", args, stack, settings.loss) } ?? data(args, stack, settings.loss)
      compileLossBuilt = true
      let accuracy = settings.accuracyName.map { _ in KerasAccuracy(targetColumns: y.columns, outputs: stack.outputColumns) }
      let batches = try stepper.map { try $0.finishRun(at: args.callRange) ?? [] }
        ?? dataset.map { try finishEvaluation($0, started!, consumer: consumer, at: args.callRange) }
      return evaluation(
        stack, x, y, batchSize: try positive(args, "batch_size") ?? 32, batches: batches, settings, accuracy,
        verbosity: try progressVerbosity(args), announced: stepper?.steps)
    }
    return logsValue(settings, loss: result.loss, accuracy: result.accuracy, asDict: try args.bool("return_dict") ?? false)
  }

  private func predict(_ args: BoundArguments) throws -> Value {
    let dataset = try inputDataset(args, "predict", pairs: false)
    let consumer = name + "/predict"
    let stepper = try datasetSteps(args, "steps", dataset, consumer: consumer)
    let output = try phase("predict", name: name) {
      // Keras makes the dataset's iterator, builds a model not built yet as it traces its step, then reads.
      if let stepper { try startStepsRun(stepper, consumer: consumer, symbolicBuild: false, at: args.callRange) }
      let started = stepper != nil ? nil
        : try dataset.map { try startEvaluation($0, consumer: consumer, symbolicBuild: false, at: args.callRange) }
      try buildFromData(args)
      let stack = try KerasTrainingStack(self, at: args.callRange)
      let x: KerasMatrix, steps: Int
      if let dataset, stepper != nil || started != nil {
        // The rows of the pass Keras reads, batch after batch.
        let batches = try stepper.map { try $0.finishRun(at: args.callRange) ?? [] }
          ?? finishEvaluation(dataset, started!, consumer: consumer, at: args.callRange)
        x = try datasetSamples(dataset, args, stack).gathering(rows: batches.flatMap { $0 })
        steps = stepper?.steps ?? batches.count
      } else {
        x = try samples(args.value("x") ?? .none, "x", args, stack)
        let batchSize = try positive(args, "batch_size") ?? 32
        steps = (x.rows + batchSize - 1) / batchSize
      }
      let verbosity = try progressVerbosity(args)
      var progress = progressDisplay(verbosity, target: steps)
      let output = try stack.forward(x, training: false).output
      for k in 1...Swift.max(steps, 1) { progress?.update(k, [], finalize: k == steps) }
      return output
    }
    return .object(ArrayObject(Tensor(shape: [output.rows, output.columns], float32: output.values), kind: .numpy))
  }

  private func trainOnBatch(_ args: BoundArguments) throws -> Value {
    let settings = try requireCompiled(args, "train_on_batch")
    for name in ["sample_weight", "class_weight"] where args.isGiven(name) {
      throw args.error(name, "train_on_batch() argument '\(name)' is not emulated by rngdiff run's training; leave it None")
    }
    try buildFromData(args)
    let stack = try KerasTrainingStack(self, at: args.callRange)
    let (x, y) = try data(args, stack, settings.loss)
    // The symbolic build uses the batch given: no draw.
    compileLossBuilt = true
    if let tfKeras = session.tfKeras, tfKeras.owns(self) { tfKeras.willTrain(self, batch: x.rows) }
    let accuracy = settings.accuracyName.map { _ in KerasAccuracy(targetColumns: y.columns, outputs: stack.outputColumns) }
    let step = try trainStep(stack, x, y, settings, accuracy, at: args.callRange)
    var mean = KerasMean()
    if let m = step.matches { mean.add(values: m) }
    return logsValue(settings, loss: step.loss, accuracy: step.matches.map { _ in mean.result }, asDict: try args.bool("return_dict") ?? false)
  }

  private func setWeights(_ args: BoundArguments) throws -> Value {
    guard let list = args.value("weights"), let items = Builtins.items(of: list) else {
      throw args.error("weights", "set_weights() takes a list of arrays, one per weight in model.weights order")
    }
    let current = weights
    guard items.count == current.count else {
      throw args.error("weights", "You called `set_weights(weights)` on model '\(name)' with a weight list of length \(items.count), but the model was expecting \(current.count) weights.")
    }
    var values: [[Float]] = []
    for (item, weight) in zip(items, current) {
      guard case .object(let array as ArrayObject) = item, array.tensor.arrayShape == weight.tensor.shape else {
        throw args.error("weights", "set_weights(): weight '\(weight.path)' needs an array of shape \(weight.tensor.shape), got \(item.repr)")
      }
      values.append(array.tensor.doubles.map { Float($0) })
    }
    try args.framework { try KerasTrainingStack(self, at: args.callRange).assign(values, all: true) }
    return .none
  }

  // MARK: helpers

  /// `loss`, or `[loss, accuracy]`, or the dict of both, as Keras returns logs.
  private func logsValue(_ settings: KerasCompileSettings, loss: Float, accuracy: Float?, asDict: Bool) -> Value {
    var pairs: [(Value, Value)] = [(.string("loss"), .float(Double(loss)))]
    if let name = settings.accuracyName, let accuracy { pairs.append((.string(name), .float(Double(accuracy)))) }
    if asDict { return .object(DictObject(pairs.map { (key: $0.0, value: $0.1) })) }
    return pairs.count == 1 ? pairs[0].1 : .object(ListObject(pairs.map(\.1)))
  }

  /// The loss and the accuracy (when compiled with it) by name, in the
  /// order Keras shows its logs: sorted by name on Keras 3, the loss first on tf-keras.
  private func shownLogs(loss: Float, _ accuracyName: String?, _ accuracy: Float) -> [(String, Float)] {
    guard let accuracyName else { return [("loss", loss)] }
    let logs = [("loss", loss), (accuracyName, accuracy)]
    return session.tfKeras?.owns(self) == true ? logs : logs.sorted { $0.0 < $1.0 }
  }

  /// `verbose` of `fit`, `evaluate` or `predict`: 0, 1 or 2 (`"auto"` is 1,
  /// as Keras makes it outside a distributed run). tf-keras' TensorFlow 1.x
  /// graph loops (--profile tf1-keras) print in a format not emulated: 0 there.
  private func progressVerbosity(_ args: BoundArguments) throws -> Int {
    if session.tfKeras?.owns(self) == true && session.tfKeras?.graph != nil { return 0 }
    switch args.value("verbose") {
    case nil, .string("auto")?: return 1
    case .bool(let b)?: return b ? 1 : 0
    case .int(let i)? where i.int.map({ (0...2).contains($0) }) == true: return i.int ?? 0
    case let v?:
      throw args.error("verbose", "\(args.signature.name)() argument 'verbose' must be 'auto', 0, 1 or 2, got \(v.repr)")
    }
  }

  /// The progress output of a run of `target` steps: Keras 3's bar, or tf-keras' for its models; nil when silent.
  private func progressDisplay(_ verbosity: Int, target: Int) -> (any KerasProgressDisplay)? {
    guard verbosity > 0 else { return nil }
    if session.tfKeras?.owns(self) == true { return TFKerasProgressBar(verbose: verbosity, target: target, write: session.output) }
    return KerasProgressBar(verbose: verbosity, target: target, write: session.output)
  }

  private func positive(_ args: BoundArguments, _ name: String) throws -> Int? {
    guard let n = try args.intValue(name) else { return nil }
    guard n > 0 else { throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a positive int, got \(n)") }
    return n
  }

  /// `x` and `y` of a call, checked against the model and the loss.
  private func data(_ args: BoundArguments, _ stack: KerasTrainingStack, _ loss: KerasLoss) throws -> (KerasMatrix, KerasMatrix) {
    let x = try samples(args.value("x") ?? .none, "x", args, stack)
    let y = try targets(args.value("y") ?? .none, "y", args, loss, stack)
    guard y.rows == x.rows else {
      throw args.error("y", "\(args.signature.name)(): x has \(x.rows) rows but y has \(y.rows)")
    }
    return (x, y)
  }

  func targets(_ value: Value, _ name: String, _ args: BoundArguments, _ loss: KerasLoss, _ stack: KerasTrainingStack) throws -> KerasMatrix {
    let y = try matrix(value, name, args, allowVector: true)
    if let problem = loss.checkTargets(y, predictionColumns: stack.outputColumns) { throw args.error(name, problem) }
    return y
  }

  /// A NumPy array of rank 2 (or 1, as one column, with `allowVector`) as float32 rows.
  private func matrix(_ value: Value, _ name: String, _ args: BoundArguments, allowVector: Bool = false, samples: Bool = false) throws -> KerasMatrix {
    guard case .object(let array as ArrayObject) = value else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a NumPy array (np.array(...)); lists, tf.data datasets and generators are not emulated, got \(value.typeName)")
    }
    let shape = array.tensor.arrayShape
    let doubles = array.tensor.doubles
    switch shape.count {
    case 2 where shape[0] > 0: return KerasMatrix(rows: shape[0], columns: shape[1], values: doubles.map { Float($0) })
    case 3... where shape[0] > 0 && samples:
      // Images and sequences: each sample's values in row-major order.
      return KerasMatrix(rows: shape[0], columns: shape.dropFirst().reduce(1, *), values: doubles.map { Float($0) })
    case 1 where allowVector && shape[0] > 0: return KerasMatrix(rows: shape[0], columns: 1, values: doubles.map { Float($0) })
    default:
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a non-empty \(allowVector ? "1-D or 2-D" : samples ? "array of samples (rows, ...)" : "2-D (rows, features)") array, got shape \(shape)")
    }
  }

  /// Inputs of a call: an array of samples whose shape after the first
  /// (batch) dimension is the model's input shape, as rows.
  func samples(_ value: Value, _ name: String, _ args: BoundArguments, _ stack: KerasTrainingStack) throws -> KerasMatrix {
    let x = try matrix(value, name, args, samples: true)
    if case .object(let array as ArrayObject) = value, Array(array.tensor.arrayShape.dropFirst()) != stack.sampleShape {
      let wanted = "(None, " + stack.sampleShape.map(String.init).joined(separator: ", ") + ")"
      throw args.error(
        name, "\(args.signature.name)() input '\(name)' has shape \(array.tensor.arrayShape) but the model takes samples of shape \(wanted)")
    }
    return x
  }

  /// Runs `body` between phase markers when recording.
  private func phase<T>(
    _ phase: String, index: Int? = nil, name: String? = nil, begun: Bool = false, _ body: () throws -> T
  ) throws -> T {
    guard let recorder = session.recorder else { return try body() }
    return try recorder.phase(phase, index: index, name: name, begun: begun, body)
  }

  /// After an epoch: every weight (moment `epoch`) and the epoch's logs as metrics.
  private func recordEpoch(_ epoch: Int, keys: [String], logs: [Float]) throws {
    guard let recorder = session.recorder else { return }
    for (path, tensor) in weights {
      try recorder.tensor(path, moment: .afterEpoch(epoch), shape: tensor.shape, values: tensor.values)
    }
    for (key, value) in zip(keys, logs) { try recorder.metric(key, epoch: epoch, value: Double(value)) }
  }
}
