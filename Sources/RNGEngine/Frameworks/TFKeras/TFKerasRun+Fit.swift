import KerasStreams
import PythonSubset
import RNGRecording
import RNGStreams
import TensorFlowStreams

/// The shuffle of one tf-keras `fit`: one `RandomShuffle` kernel, seeded
/// `(G, 0)` from TensorFlow's global seed when the fit starts, whose
/// successive outputs are the epochs' orders.
///
/// ```swift
/// let shuffle = TFKerasFitShuffle(rows: 10, globalSeed: 1)
/// shuffle.next(...)   // epoch 1: [2, 4, 0, 8, 9, 1, 5, 6, 3, 7]
/// shuffle.next(...)   // epoch 2: the kernel's second output
/// ```
///
/// Edge case: without a global seed the kernel is seeded from entropy
/// (`--entropy-seed` makes that reproducible), as TensorFlow does.
final class TFKerasFitShuffle {
  let rows: Int
  var kernel: StatefulRandomKernel

  init(rows: Int, globalSeed: Int64?) {
    self.rows = rows
    let seeds = TensorFlowSeeds.getSeed(global: globalSeed, opSeed: nil, implicitOpSeed: 0)
    kernel = TFKerasRun.kernel(.randomShuffle, dtype: .int64, seeds: seeds)
  }

  /// The next epoch's order, recorded as a `shuffle` draw of `consumer`.
  func next(recorder: TraceRecorder?, consumer: String) -> [Int] {
    let (order, run) = kernel.runShuffle(rows: rows)
    if let recorder, run.count > 0 {
      recorder.consuming(consumer, role: "shuffle") {
        recorder.observe(kernel.report(
          run, operation: "shuffle", parameters: [.init("value", "range(\(rows))")], shape: [rows],
          values: .int64(order.map(Int64.init))))
      }
    }
    return order
  }
}

extension TFKerasRun {
  /// The multiplier a tf-keras Dropout applies in one training step (0 where
  /// dropped, `1 / (1 − rate)` where kept), from the Dropout's kernel in the
  /// trace of the model's train function the call runs, traced now if there
  /// is none for its input (``TFKerasTrainFunction``).
  ///
  /// The kernel's op seeds are `get_seed` in the train function's graph:
  /// the global seed at trace time with the graph counter (0 for the first
  /// seedless Dropout, 1 for the next, …), or the layer's legacy seed
  /// `seed + 1` (its one symbolic call when the model was built, from
  /// `Input`, `input_shape=` or `build()`), with graph seed 87654321 when no
  /// global seed is set; `seed + 2` when `fit` built the model from the data
  /// (``KerasModelObject/builtByData``: the layer's second symbolic call).
  func dropoutScale(
    model: KerasModelObject, dropout: KerasDropoutObject, path: String, rows: Int, columns: Int, at range: SourceRange
  ) throws -> KerasMatrix? {
    let rate = dropout.layer.rate
    guard rate > 0 else { return nil }
    if graph != nil { return try graphDropoutScale(dropout, path: path, rows: rows, columns: columns, at: range) }
    let function = trace(for: model)
    let id = ObjectIdentifier(dropout)
    guard let seeds = function.opSeeds[id] else {
      throw EvaluationError("Dropout layer '\(dropout.layer.name)' is not part of model '\(model.name)'", at: range)
    }
    var entry = function.kernels[id] ?? (Self.kernel(.randomUniform, dtype: .float32, seeds: seeds), kernelGeneration, 0)
    if entry.generation != kernelGeneration {
      // clear_session / set_seed dropped the kernel: a new one with the same seeds starts over.
      entry = (Self.kernel(.randomUniform, dtype: .float32, seeds: seeds, instance: entry.instance + 1), kernelGeneration, entry.instance + 1)
    }
    let count = rows * columns
    let ones = DrawnValues.float32(Array(repeating: 1, count: count))
    let (noise, run) = try entry.kernel.run(count: count)
    function.kernels[id] = entry
    let (scaled, keep) = DropoutMask.apply(ones, shape: [rows, columns], rate: rate, noiseShape: [rows, columns], noise: noise)
    if let recorder = dropout.session.recorder {
      var report = entry.kernel.report(
        run, operation: "dropout", parameters: [.init("rate", "\(rate)"), .init("noise_shape", "[\(rows), \(columns)]")],
        shape: [rows, columns], values: .bool(keep))
      report.distribution = "bernoulli"
      recorder.consuming(path, role: "mask") { recorder.observe(report) }
    }
    return KerasMatrix(rows: rows, columns: columns, values: scaled.float32 ?? [])
  }

  /// The trace of the model's train function that the call now running
  /// runs, traced now (with the current global seed) when there is none.
  func trace(for model: KerasModelObject) -> TFKerasTrainFunction.Trace {
    let id = ObjectIdentifier(model)
    let function = trainFunctions[id] ?? TFKerasTrainFunction()
    trainFunctions[id] = function
    if let traced = function.dispatch(function.callBatch) { return traced }
    let global = model.session.tensorFlowGlobalSeed
    let traced = TFKerasTrainFunction.Trace(batch: function.generalized(function.callBatch), traceSeed: global)
    var counter: Int64 = 0
    for case let dropout as KerasDropoutObject in model.layers where dropout.layer.rate > 0 {
      let layerSeed = dropoutSeeds[ObjectIdentifier(dropout)] ?? nil
      let opSeed = layerSeed.map { $0 + (model.builtByData ? 2 : 1) }
      let implicit = counter
      if opSeed == nil { counter += 1 }
      traced.opSeeds[ObjectIdentifier(dropout)] = TensorFlowSeeds.getSeed(global: global, opSeed: opSeed, implicitOpSeed: implicit)
    }
    function.add(traced)
    return traced
  }
}
