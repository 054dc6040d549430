import KerasStreams
import PythonSubset
import RNGStreams
import TensorFlowStreams

/// `--profile tf1-keras`: tf.keras of TensorFlow 1.x (Keras 2.2.4-tf) in
/// graph mode. The models are the engine's Keras objects as for tf-keras;
/// what differs is how they take their randomness:
/// - every layer's first symbolic call adds ops to the default graph
///   (``TF1Graph``, counted by ``TF1OperationCounts``), in the order Keras
///   1.x makes them: as layers are added when the first has `input_shape=`,
///   else when `fit` first sees data — after `compile()` made the optimizer;
/// - an initializer is a stateful `RandomUniform` (or `TruncatedNormal`)
///   op seeded `(graph seed, seed=)`, or `(graph seed, _last_id)` without one;
/// - a Dropout is one `RandomUniform` op made at its symbolic call, whose
///   kernel every training step runs again; `floor(keep_prob + u)` is the mask;
/// - `fit` shuffles with `np.random.shuffle` of the previous epoch's order.
///
/// ```python
/// import tensorflow as tf
/// from tensorflow import keras
/// tf.set_random_seed(1)
/// model = keras.Sequential()
/// model.add(keras.layers.Dense(8, input_shape=(4,), kernel_initializer=keras.initializers.glorot_uniform(seed=1)))
/// model.add(keras.layers.Dropout(0.1))   # op seed (1, _last_id)
/// ```
extension TFKerasRun {
  /// A model's input placeholder, the first time the model is built.
  func placeInput(of model: KerasModelObject) {
    guard let graph, owns(model), placedInGraph.insert(ObjectIdentifier(model)).inserted else { return }
    graph.add(TF1OperationCounts.inputPlaceholder)
  }

  /// A layer's first symbolic call in `model` (after its variables were
  /// made): a Dense's `MatMul`, `BiasAdd` and activation; a Dropout's
  /// random op, which takes its op seed now.
  func place(_ layer: any PythonObject, in model: KerasModelObject) throws {
    guard let graph, owns(model), placedInGraph.insert(ObjectIdentifier(layer)).inserted else { return }
    if let dense = layer as? KerasDenseObject {
      let activation = dense.activationName.map { $0 != "linear" } ?? false
      graph.add(TF1OperationCounts.denseCall(bias: dense.layer.useBias, activation: activation))
    } else if let dropout = layer as? KerasDropoutObject, dropout.layer.rate > 0 {
      if !graph.hasLearningPhase {
        graph.add(TF1OperationCounts.learningPhase)
        graph.hasLearningPhase = true
      }
      graph.add(TF1OperationCounts.dropoutBeforeSeed)
      let seed = dropoutSeeds[ObjectIdentifier(dropout)] ?? nil
      let node = try dropout.session.consuming(model.name + "/" + dropout.layer.name, role: "mask") {
        try graph.randomNode(.randomUniform, opSeed: seed)
      }
      dropoutNodes[ObjectIdentifier(dropout)] = node
      graph.add(TF1OperationCounts.dropoutAfterSeed)
    }
  }

  /// `compile(optimizer=...)`: the train function is traced again; in TF
  /// 1.x the optimizer's variables join the graph now, which is before the
  /// layers when the model is not built yet.
  ///
  /// - Throws: under `--profile tf1-keras`, for an optimizer other than `'sgd'`.
  func compiled(_ model: KerasModelObject, _ args: BoundArguments) throws {
    dropTrainFunction(of: model)
    guard let graph, owns(model) else { return }
    guard case .string(let name)? = args.value("optimizer"), name.lowercased() == "sgd" else {
      throw args.error(
        "optimizer",
        "under --profile tf1-keras, compile() takes optimizer='sgd' (Keras 2.2's SGD: plain steps of lr 0.01); other optimizers are not emulated")
    }
    graph.add(TF1OperationCounts.sgdVariables * TF1OperationCounts.optimizerVariable)
  }

  /// A Dense variable made by a TF 1.x initializer: its random op takes its
  /// op seed after the initializer's constants, runs once, and the
  /// wrapper's arithmetic (`rnd * (max - min) + min`, or `rnd * stddev`)
  /// gives the values, in float32.
  func graphVariable(
    _ scaling: TFKeras.VarianceScaling, seed: Int64?, shape: [Int], path: String, session: KerasSession
  ) throws -> Keras3.Tensor {
    guard let graph else { preconditionFailure("a graph initializer outside --profile tf1-keras") }
    let scale = scaling.variance(for: shape)
    let uniform = scaling.distribution == .uniform
    let ops = TF1OperationCounts.variable(uniform ? .uniform : .truncatedNormal)
    graph.add(ops.beforeSeed)
    let values = try session.consuming(path, role: "init") { () throws -> [Float] in
      let node = try graph.randomNode(uniform ? .randomUniform : .truncatedNormal, opSeed: seed)
      let (raw, run) = try node.kernel.run(count: shape.reduce(1, *))
      let r = raw.float32 ?? []
      let values: [Float]
      let parameters: [DrawReport.Parameter]
      if uniform {
        let limit = (3.0 * scale).squareRoot()
        let (lo, hi) = (Float(-limit), Float(limit))
        let range = hi - lo
        values = r.map { $0 * range + lo }
        parameters = [.init("minval", PythonFloat.repr(-limit)), .init("maxval", PythonFloat.repr(limit))]
      } else {
        let stddev = scale.squareRoot() / TFKeras.VarianceScaling.truncatedStandardDeviation
        let s = Float(stddev)
        values = r.map { $0 * s + 0 }
        parameters = [.init("mean", "0.0"), .init("stddev", PythonFloat.repr(stddev))]
      }
      session.recorder?.observe(node.kernel.report(
        run, operation: uniform ? "uniform" : "truncated_normal", parameters: parameters, shape: shape, values: .float32(values)))
      return values
    }
    graph.add(ops.afterSeed)
    return Keras3.Tensor(shape: shape, values: .float32(values))
  }

  /// One training step's Dropout multiplier in TF 1.x: the Dropout's node
  /// runs again (its kernel continues), `floor(keep_prob + u)` is the mask.
  func graphDropoutScale(
    _ dropout: KerasDropoutObject, path: String, rows: Int, columns: Int, at range: SourceRange
  ) throws -> KerasMatrix {
    guard let node = dropoutNodes[ObjectIdentifier(dropout)] else {
      throw EvaluationError("Dropout layer '\(dropout.layer.name)' was not built into the graph of its model", at: range)
    }
    let rate = dropout.layer.rate
    let count = rows * columns
    let (noise, run) = try node.kernel.run(count: count)
    let ones = DrawnValues.float32(Array(repeating: 1, count: count))
    let (scaled, keep) = DropoutMask.applyKeepProbability(ones, keepProbability: 1 - rate, noise: noise)
    if let recorder = dropout.session.recorder {
      var report = node.kernel.report(
        run, operation: "dropout", parameters: [.init("keep_prob", PythonFloat.repr(1 - rate)), .init("noise_shape", "[\(rows), \(columns)]")],
        shape: [rows, columns], values: .bool(keep))
      report.distribution = "bernoulli"
      recorder.consuming(path, role: "mask") { recorder.observe(report) }
    }
    return KerasMatrix(rows: rows, columns: columns, values: scaled.float32 ?? [])
  }

  /// `K.clear_session()` in TF 1.x: a new default graph, without a seed.
  func resetGraph() {
    graph?.reset()
    dropoutNodes = [:]
    placedInGraph = []
  }
}
