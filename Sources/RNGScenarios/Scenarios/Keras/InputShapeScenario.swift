import Foundation
import KerasStreams
import PythonStreams
import RNGTrace
import TensorFlowStreams

/// Report 001's main question, with tf-keras (Keras 2, `tf.keras` up to
/// TensorFlow 2.15): with `input_shape` the `Sequential` builds each layer
/// when it is added; without it, at the first `fit`. tf-keras draws an
/// unseeded initializer's seed from Python's global `random` when the
/// initializer first runs, that is at build time, and the report's
/// `get_data()` draws from the same `random` in between: the kernels take
/// other seeds.
enum InputShapeScenario {
  static func program(path: String, inputShape: Bool) -> ScenarioProgram {
    let first = inputShape
      ? "model.add(keras.layers.Dense(16, activation=\"relu\", input_shape=(4,)))"
      : "model.add(keras.layers.Dense(16, activation=\"relu\"))"
    return ScenarioProgram(path: path, text: """
      import math
      import random
      import numpy as np
      import tensorflow as tf
      import tf_keras as keras  # Keras 2: tf.keras in TensorFlow <= 2.15


      \(ReportData.functions)


      np.random.seed(1)
      tf.random.set_seed(1)
      random.seed(1)

      model = keras.Sequential()
      \(first)
      model.add(keras.layers.Dropout(0.05))
      model.add(keras.layers.Dense(8, activation="relu"))
      model.add(keras.layers.Dense(1))
      model.compile(loss="mse", optimizer="rmsprop")

      inputs, outputs = get_data()
      hist = model.fit(inputs, outputs, epochs=2, batch_size=4, shuffle=False)
      """)
  }

  static let withShape = program(path: "a.py", inputShape: true)
  static let withoutShape = program(path: "b.py", inputShape: false)

  struct Layer {
    var name: String
    var units: Int
    var activation: Activation
    var line: String
  }

  static let denses = [
    Layer(name: "dense", units: 16, activation: .relu, line: "keras.layers.Dense(16"),
    Layer(name: "dense_1", units: 8, activation: .relu, line: "keras.layers.Dense(8"),
    Layer(name: "dense_2", units: 1, activation: .linear, line: "keras.layers.Dense(1)"),
  ]

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? withShape : withoutShape
    let header = ScenarioHeader.make(
      profile: TraceProfile(framework: .tfKeras, version: "2.21.0"),
      label: side == .a ? "with input_shape" : "without input_shape", program: program,
      config: RunConfig(device: "cpu", libraries: [NamedValue("tf_keras", "2.21.0"), NamedValue("tensorflow", "2.21.0")]))
    let run = ScenarioRecording(side: side, program: program, header: header)
    var tf = TensorFlowEagerContext(observer: run.observer)
    run.at("tf.random.set_seed(1)")
    tf.setSeed(1)
    run.at("random.seed(1)")
    // tf-keras takes its seeds from the global `random`, which reports those draws itself.
    var python = PythonRandom(seed: 1, observer: run.observer)
    var backend = TFKeras.Backend(observer: run.observer)
    var kernels: [Float32Matrix] = []
    var dropout = try TFKeras.Dropout(0.05)

    func build(at line: String?) throws {
      try run.phase("build", name: "model") {
        var width = 4
        for layer in denses {
          run.at(line ?? layer.line)
          var glorot = TFKeras.VarianceScaling.glorotUniform()
          // The seed draw, then the stateless kernel draw, both at the first call.
          let shape = [width, layer.units]
          let values = try run.consuming("model/\(layer.name)/kernel", role: "init") {
            try glorot(shape, backend: &backend, python: &python)
          }
          guard case .float32(let floats) = values else { preconditionFailure("float32 kernel") }
          kernels.append(Float32Matrix(rows: width, columns: layer.units, values: floats))
          try run.tensor("model/\(layer.name)/kernel", moment: .initial, shape: shape, values: floats)
          try run.tensor("model/\(layer.name)/bias", moment: .initial, shape: [layer.units], values: Array(repeating: 0, count: layer.units))
          width = layer.units
        }
      }
    }
    if side == .a { try build(at: nil) }
    run.at("inputs, outputs = get_data()")
    let (inputs, outputs) = try DropoutScenario.getData(run, &python)
    if side == .b { try build(at: "hist = model.fit(") }

    try run.phase("fit", name: "model") {
      for epoch in 1...2 {
        try run.phase("epoch", index: epoch) {
          var losses: [Float] = []
          for start in [0, 4] {
            let rows = start..<start + 4
            var h = inputs.slicing(rows: rows).matmul(kernels[0]).map(Activation.relu.callAsFunction)
            run.at("hist = model.fit(")
            let dropped = try run.consuming("model/dropout", role: "mask") {
              try dropout(.float32(h.values), shape: h.shape, training: true, tensorflow: &tf)
            }
            guard case .float32(let kept) = dropped else { preconditionFailure("float32 dropout") }
            h = Float32Matrix(rows: h.rows, columns: h.columns, values: kept)
            h = h.matmul(kernels[1]).map(Activation.relu.callAsFunction)
            losses.append(MeanSquaredError.of(h.matmul(kernels[2]), outputs.slicing(rows: rows)))
          }
          try run.metric("loss", epoch: epoch, value: Double(Summation.sequential.mean(losses)))
        }
      }
    }
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "input-shape",
    title: "With and without `input_shape` in tf-keras: the kernels are built after `get_data()`",
    reference: "report 001",
    story: """
      Report 001: leaving out `input_shape` in the first layer of a `Sequential` changes the \
      model's results a lot. With tf-keras (Keras 2, which the report's TensorFlow 1.12 shipped as \
      `tf.keras`; the `tf_keras` package today), an unseeded initializer takes its seed from \
      Python's global `random` the first time it runs, that is when its layer is built. With \
      `input_shape` the layers are built as they are added; without it, at the first `fit`. In \
      between, the report's `get_data()` calls `random.uniform` once per row: without \
      `input_shape` the kernels take their seeds after those draws. (With Keras 3 the seeds are \
      drawn when the layers are constructed, and this difference disappears.)
      """,
    programA: withShape, programB: withoutShape,
    expectation: ScenarioExpectation(
      kind: "data-order", consumer: "get_data", role: "sample", stream: "python \"global\"",
      a: EventReference(.draw, "get_data", role: "sample"), b: EventReference(.draw, "get_data", role: "sample")
    ) { a, b in
      let ca = a.first(.draw, "get_data", role: "sample")?.counter ?? 0
      let cb = b.first(.draw, "get_data", role: "sample")?.counter ?? 0
      let ka = a.first(.draw, "model/dense/kernel", role: "init")?.counter ?? 0
      let kb = b.first(.draw, "model/dense/kernel", role: "init")?.counter ?? 0
      return """
        **data-order** at `get_data (sample)`: the kernels' seeds and `get_data()`'s draws share \
        Python's global `random` and come in the other order: the first data draw is at counter \(ca) \
        in a and \(cb) in b, and the first kernel's seed at \(ka) in a and \(kb) in b. rngdiff names \
        the data draws (they moved as a block; the kernels anchor the alignment) and lists the kernels \
        and the losses as effects. Both the training data and the initial weights differ; the fix \
        for this report is to pass `input_shape` (or seed the initializers), not to reseed the data.
        """
    }
  ) { try record($0) }
}
