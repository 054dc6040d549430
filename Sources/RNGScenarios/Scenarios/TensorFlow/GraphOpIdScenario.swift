import RNGTrace
import TensorFlowStreams

/// tensorflow#14675, "Small change to graph changes initial values of
/// variables": in TensorFlow 1.x graph mode an op without `seed=` takes
/// `graph._last_id`, the id of the most recently created op, as its op seed.
/// Writing `tf.reduce_mean(x)` instead of `tf.reduce_sum(x) / tf.size(x)`
/// creates fewer ops before the variables, so every variable's initializer
/// gets another op seed: `op-seed-derivation`.
enum GraphOpIdScenario {
  static func program(path: String, mean: String) -> ScenarioProgram {
    ScenarioProgram(path: path, text: """
      import numpy as np
      import tensorflow as tf  # TensorFlow 1.x

      tf.set_random_seed(2017)

      x = tf.placeholder(tf.float32, [None, 4], name="x")
      \(mean)
      w1 = tf.get_variable("w1", [4, 8])
      b1 = tf.get_variable("b1", [8], initializer=tf.zeros_initializer())
      w2 = tf.get_variable("w2", [8, 1])
      y = tf.placeholder(tf.float32, [None, 1], name="y")
      loss = tf.reduce_mean(tf.square(tf.matmul(tf.nn.relu(tf.matmul(x - mu, w1) + b1), w2) - y))

      with tf.Session() as sess:
          sess.run(tf.global_variables_initializer())
          feed = {x: np.arange(32, dtype=np.float32).reshape(8, 4) / 16 - 1,
                  y: (np.arange(8) % 2).astype(np.float32).reshape(8, 1)}
          print(sess.run(w1)[0, 0], sess.run(loss, feed))
      """)
  }

  static let sumOverSize = program(path: "a.py", mean: "mu = tf.reduce_sum(x) / tf.cast(tf.size(x), tf.float32)")
  static let reduceMean = program(path: "b.py", mean: "mu = tf.reduce_mean(x)")

  /// Ops each statement adds to the graph, before and after its
  /// initializer takes its op seed (counted with TensorFlow 2.21's
  /// `tf.compat.v1` graph builder and reference variables).
  enum Ops {
    static let placeholder = 1
    /// `Const` (axes), `Sum`, `Size`, `Cast`, `RealDiv`.
    static let sumOverSize = 5
    /// `Const` (axes), `Mean`.
    static let reduceMean = 2
    /// `get_variable` with the default `glorot_uniform_initializer`: the
    /// `shape`, `min` and `max` constants, then `get_seed`, then
    /// `RandomUniform`, `Sub`, `Mul`, `AddV2`, `VariableV2`, `Assign`, `Identity`.
    static let glorotBeforeSeed = 3
    static let glorotAfterSeed = 7
    /// `get_variable` with `zeros_initializer`: `Const`, `VariableV2`, `Assign`, `Identity`.
    static let zerosVariable = 4
  }

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? sumOverSize : reduceMean
    let header = ScenarioHeader.make(
      profile: TraceProfile(framework: .tensorflow, version: "1.15", semantics: "graph mode: op seed = graph._last_id"),
      label: side == .a ? "reduce_sum / size" : "reduce_mean", program: program,
      config: RunConfig(device: "cpu", libraries: [NamedValue("tensorflow", "1.15")]))
    let run = ScenarioRecording(side: side, program: program, header: header)
    var tf = TensorFlowEagerContext(observer: run.observer)
    // Op ids start at 1 in a TensorFlow 1.x graph.
    var lastID = 0
    func add(_ ops: Int) {
      lastID += ops
      guard var graph = tf.exit() else { preconditionFailure("building in a graph") }
      graph.lastOperationID = Int64(lastID)
      tf.enter(graph)
    }
    tf.enter(TensorFlowGraph(id: "default", seed: nil, rule: .lastOperationID))
    run.at("tf.set_random_seed(2017)")
    tf.setSeed(2017)

    var weights: [String: Float32Matrix] = [:]
    try run.phase("build", name: "graph") {
      run.at("x = tf.placeholder")
      add(Ops.placeholder)
      run.at("mu = ")
      add(side == .a ? Ops.sumOverSize : Ops.reduceMean)
      for (name, rows, columns) in [("w1", 4, 8), ("b1", 8, 1), ("w2", 8, 1)] {
        run.at("\(name) = tf.get_variable")
        if name == "b1" {
          add(Ops.zerosVariable)
          weights[name] = Float32Matrix(rows: 1, columns: rows, values: Array(repeating: 0, count: rows))
          try run.tensor(name, moment: .initial, shape: [rows], values: weights[name]!.values)
          continue
        }
        add(Ops.glorotBeforeSeed)
        // glorot_uniform_initializer: VarianceScaling(1.0, "fan_avg", "uniform").
        let scale = 1.0 / max(1.0, Double(rows + columns) / 2.0)
        let limit = (3.0 * scale).squareRoot()
        let values = try run.consuming(name, role: "init") {
          try tf.uniform([rows, columns], minval: .float(-limit), maxval: .float(limit))
        }
        add(Ops.glorotAfterSeed)
        guard case .float32(let floats) = values else { preconditionFailure("float32 initializer") }
        weights[name] = Float32Matrix(rows: rows, columns: columns, values: floats)
        try run.tensor(name, moment: .initial, shape: [rows, columns], values: floats)
      }
    }
    tf.exit()
    guard let w1 = weights["w1"], let b1 = weights["b1"], let w2 = weights["w2"] else { preconditionFailure("built") }
    // sess.run(loss, feed): mu is the same float either way here (sum / 32).
    let x = Float32Matrix(rows: 8, columns: 4) { r, c in Float(r * 4 + c) / 16 - 1 }
    let y = Float32Matrix(rows: 8, columns: 1) { r, _ in Float(r % 2) }
    let mu = Summation.sequential.sum(x.values) / Float(x.values.count)
    let hidden = x.map { $0 - mu }.matmul(w1).addingBias(b1.values).map(Activation.relu.callAsFunction)
    try run.metric("loss", value: Double(MeanSquaredError.of(hidden.matmul(w2), y)))
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "op-seed-derivation",
    title: "`reduce_mean` for `reduce_sum / size` changes the initial weights",
    reference: "tensorflow#14675",
    story: """
      A TensorFlow 1.x user calls `tf.set_random_seed(2017)`, builds a graph, and fetches a \
      variable's initial value: the same in every run. Then they replace \
      `mu = tf.reduce_sum(x) / tf.size(x)` by `mu = tf.reduce_mean(x)`, a change that has nothing \
      to do with the variables, and the initial value is completely different.

      In graph mode TensorFlow ≤ 2.1 gives an op created without `seed=` the op seed \
      `graph._last_id`: the id of the most recently created op (the initializer's own `shape`, \
      `min` and `max` constants included). `reduce_sum(x) / cast(size(x))` creates five ops, \
      `reduce_mean(x)` two, so every initializer after it gets an op seed three lower. (TensorFlow \
      2.2 replaced `_last_id` by a counter of seedless random ops, so this exact change no longer \
      matters there; adding a random op still does.)
      """,
    programA: sumOverSize, programB: reduceMean,
    expectation: ScenarioExpectation(
      kind: "op-seed-derivation", consumer: "w1", role: "init", stream: nil,
      a: EventReference(.derivation, "w1", role: "init"), b: EventReference(.derivation, "w1", role: "init")
    ) { _, _ in
      let a = Ops.placeholder + Ops.sumOverSize + Ops.glorotBeforeSeed
      let b = Ops.placeholder + Ops.reduceMean + Ops.glorotBeforeSeed
      return """
        **op-seed-derivation** at `w1 (init)`: the op seed of `w1`'s initializer is derived by \
        `tf.get_seed` (graph mode, `_last_id` rule) from inputs that differ: `last_operation_id` is \
        \(a) in a and \(b) in b, so its `RandomUniform` kernel draws from another Philox stream. \
        `w2`'s op seed is shifted by the same three and is an effect, with both weights and the loss.
        """
    },
    method: """
      The op counts per statement (`GraphOpIdScenario.Ops`) were counted with TensorFlow 2.21's \
      `tf.compat.v1` graph builder (reference variables) on the same code; the `_last_id` rule and \
      the Philox kernels are those of TensorFlow 1.x, which cannot be installed here, so the op ids \
      are TensorFlow 2.21's count applied to the 1.x rule, numbered from 1 as in 1.x.
      """
  ) { try record($0) }
}
