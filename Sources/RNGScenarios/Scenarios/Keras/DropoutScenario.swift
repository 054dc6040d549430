import Foundation
import KerasStreams
import PythonStreams
import RNGTrace

/// Report 001: the user's experiment of removing the Dropout layer. In
/// Keras 3 a `Dropout` makes a `SeedGenerator` when it is constructed, and
/// without a seed that takes one `random.randint` from Python's global
/// `random`: the layer's existence shifts the seeds of every layer after it.
enum DropoutScenario {
  static func program(path: String, dropout: Bool) -> ScenarioProgram {
    let layers = [
      "model.add(keras.layers.Dense(16, activation=\"relu\"))",
      dropout ? "model.add(keras.layers.Dropout(0.05))" : nil,
      "model.add(keras.layers.Dense(8, activation=\"relu\"))",
      "model.add(keras.layers.Dense(1))",
    ].compactMap { $0 }.joined(separator: "\n")
    return ScenarioProgram(path: path, text: """
      import math
      import random
      import numpy as np
      import tensorflow as tf
      import keras


      \(ReportData.functions)


      np.random.seed(1)
      tf.random.set_seed(1)
      random.seed(1)

      model = keras.Sequential()
      model.add(keras.Input(shape=(4,)))
      \(layers)
      model.compile(loss="mse", optimizer="rmsprop")

      inputs, outputs = get_data()
      hist = model.fit(inputs, outputs, epochs=2, batch_size=4, shuffle=False)
      """)
  }

  static let withDropout = program(path: "a.py", dropout: true)
  static let withoutDropout = program(path: "b.py", dropout: false)

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? withDropout : withoutDropout
    let run = ScenarioRecording(
      side: side, program: program,
      header: KerasModel.header(label: side == .a ? "with Dropout" : "Dropout removed", program: program))
    run.at("random.seed(1)")
    var keras = Keras3.GlobalState(backend: .tensorflow, python: PythonRandom(seed: 1, observer: run.observer), observer: run.observer)
    var model = KerasModel("model")
    var specs: [KerasModel.LayerSpec] = [.dense(16, .relu, at: "keras.layers.Dense(16")]
    if side == .a { specs.append(.dropout(0.05, at: "keras.layers.Dropout(0.05)")) }
    specs.append(.dense(8, .relu, at: "keras.layers.Dense(8"))
    specs.append(.dense(1, .linear, at: "keras.layers.Dense(1)"))
    try run.phase("build", name: "model") {
      // Sequential with an Input: each layer is built as it is added.
      for spec in specs {
        try model.construct([spec], run: run, keras: &keras)
        try model.build(inputs: 4, run: run, keras: &keras)
      }
    }
    run.at("inputs, outputs = get_data()")
    let (inputs, outputs) = try getData(run, &keras.python)
    try model.fit(inputs, outputs, epochs: 2, batchSize: 4, at: "hist = model.fit(", run: run, keras: &keras)
    return try run.finish()
  }

  /// `get_data()`: eight `random.uniform(0.1, 9.9)` draws and the rows made from them.
  static func getData(_ run: ScenarioRecording, _ python: inout PythonRandom) throws -> (Float32Matrix, Float32Matrix) {
    var inputs: [Float] = []
    var outputs: [Float] = []
    run.at("xx = random.uniform(0.1, 9.9)")
    for _ in 0..<8 {
      let xx = run.consuming("get_data", role: "sample") { python.uniform(0.1, 9.9) }
      inputs += [Float(sin(xx)), Float(sin(xx * 1.8)), Float(sin(xx / 4)), Float(xx / 10)]
      outputs.append(Float(sin(xx) * 5 + sin(xx * 1.8) * 4 + sin(xx / 4) * 5))
    }
    return (Float32Matrix(rows: 8, columns: 4, values: inputs), Float32Matrix(rows: 8, columns: 1, values: outputs))
  }

  static let scenario = TraceScenario(
    name: "missing-draw",
    title: "Removing a Dropout layer shifts the seeds of the layers after it",
    reference: "report 001",
    story: """
      In report 001 a user finds that one model performs much better than "the same" model, and \
      while hunting for the reason removes the Dropout layers, which changes the results again. \
      Run a is a small version of the report's model with a `Dropout(0.05)` after the first \
      `Dense`; run b is the same script without it. With Keras 3, every `Dense` kernel initializer \
      and every `Dropout` (through its `SeedGenerator`) takes a seed from Python's global `random` \
      when it is constructed. The dropout layer's seed is a draw that b does not make, so every \
      layer built after it gets the next layer's seed, and the data that `get_data()` draws from \
      `random` moves along too.
      """,
    programA: withDropout, programB: withoutDropout,
    expectation: ScenarioExpectation(
      kind: "missing-draw", consumer: "model/dropout", role: "seed", stream: "python \"global\"",
      a: EventReference(.draw, "model/dropout", role: "seed"), b: nil
    ) { a, b in
      let units = a.first(.draw, "model/dropout", role: "seed")?.count ?? 0
      let ca = a.first(.draw, "model/dense_1/kernel", role: "seed")?.counter ?? 0
      let cb = b.first(.draw, "model/dense_1/kernel", role: "seed")?.counter ?? 0
      return """
        **missing-draw** at `model/dropout (seed)`: a draws \(units) u32 word\(units == 1 ? "" : "s") from \
        Python's global `random` that b does not (the Dropout's `SeedGenerator` seed), so every \
        later draw on it is shifted: `model/dense_1/kernel (seed)`, the first, is at counter \(ca) \
        in a and \(cb) in b. The masks a draws in every batch belong to the same cause. The later \
        kernels, the data drawn by `get_data()` and the losses are its effects.
        """
    },
    method: "The training data rows are computed from the `random.uniform` draws with the C library's `sin`, as Python's `math.sin` is."
  ) { try record($0) }
}
