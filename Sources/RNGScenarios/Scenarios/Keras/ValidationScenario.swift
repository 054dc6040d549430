import KerasStreams
import PythonStreams
import RNGTrace

/// Does adding validation data change training? In Keras 3 (no shuffling),
/// no: validation runs in inference mode and draws nothing; the runs differ
/// only in the `val_loss` they record (`structure-mismatch`). Compare
/// Lightning#6988, where a validation pass did draw (`data-order`).
enum ValidationScenario {
  static func program(path: String, validation: Bool) -> ScenarioProgram {
    let fit = validation
      ? "model.fit(x, y, epochs=2, batch_size=4, shuffle=False, validation_data=(x[:4], y[:4]))"
      : "model.fit(x, y, epochs=2, batch_size=4, shuffle=False)"
    return ScenarioProgram(path: path, text: """
      import numpy as np
      import keras

      keras.utils.set_random_seed(7)

      x = np.arange(32, dtype="float32").reshape(8, 4) / 16 - 1
      y = (np.arange(8) % 2).astype("float32").reshape(8, 1)

      model = keras.Sequential([
          keras.Input(shape=(4,)),
          keras.layers.Dense(8, activation="relu"),
          keras.layers.Dropout(0.5),
          keras.layers.Dense(1),
      ])
      model.compile(loss="mse", optimizer="sgd")
      \(fit)
      """)
  }

  static let plain = program(path: "a.py", validation: false)
  static let validated = program(path: "b.py", validation: true)

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? plain : validated
    let run = ScenarioRecording(
      side: side, program: program,
      header: KerasModel.header(label: side == .a ? "fit" : "fit with validation_data", program: program))
    var keras = Keras3.GlobalState(
      backend: .tensorflow, python: ScenarioEntropy.pythonRandom(run: "validation"), observer: run.observer)
    run.at("keras.utils.set_random_seed(7)")
    try keras.setRandomSeed(.int(7))
    let x = Float32Matrix(rows: 8, columns: 4) { r, c in Float(r * 4 + c) / 16 - 1 }
    let y = Float32Matrix(rows: 8, columns: 1) { r, _ in Float(r % 2) }
    var model = KerasModel("model")
    try run.phase("build", name: "model") {
      // The layers are constructed (seeds drawn), then the Sequential builds them.
      try model.construct(
        [.dense(8, .relu, at: "keras.layers.Dense(8", builtAt: "model = keras.Sequential(["),
         .dropout(0.5, at: "keras.layers.Dropout(0.5)"),
         .dense(1, at: "keras.layers.Dense(1)", builtAt: "model = keras.Sequential([")],
        run: run, keras: &keras)
      try model.build(inputs: 4, run: run, keras: &keras)
    }
    try model.fit(
      x, y, epochs: 2, batchSize: 4, validation: side == .b ? (x.slicing(rows: 0..<4), y.slicing(rows: 0..<4)) : nil,
      at: "model.fit(", run: run, keras: &keras)
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "structure-mismatch",
    title: "Validation data adds `val_loss`, and nothing else",
    reference: "the question behind Lightning#6988: does validating change training?",
    story: """
      Lightning#6988 showed that a validation pass can change training, when it draws from the \
      training's random stream (the `data-order` pair). Does passing `validation_data` to Keras 3's \
      `fit` do the same? Run a fits without validation, run b with it. Validation runs the model in \
      inference mode, where `Dropout` draws nothing, so every draw, mask and training loss agrees; \
      b only records one more metric per epoch.
      """,
    programA: plain, programB: validated,
    expectation: ScenarioExpectation(
      kind: "structure-mismatch", consumer: "val_loss", role: "epoch 1", stream: nil, a: nil,
      b: EventReference(.metric, "val_loss")
    ) { _, _ in
      """
      **structure-mismatch** at the metric `val_loss` of epoch 1: b records it and a does not; no \
      draw differs there (the second epoch's `val_loss` belongs to the same cause). Everything else \
      matches: the runs train identically.
      """
    }
  ) { try record($0) }
}
