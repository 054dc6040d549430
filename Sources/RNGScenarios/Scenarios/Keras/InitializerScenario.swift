import KerasStreams
import PythonStreams
import RNGTrace

/// Report 000's `model1` sets `kernel_initializer='glorot_normal'`; the
/// same model written with the default initializer (`glorot_uniform`) takes
/// the same seed and asks its stream for other numbers: `parameter-mismatch`.
enum InitializerScenario {
  static func program(path: String, initializer: String?) -> ScenarioProgram {
    let argument = initializer.map { ", kernel_initializer='\($0)'" } ?? ""
    return ScenarioProgram(path: path, text: """
      import numpy as np
      import keras
      from keras.models import Sequential
      from keras.layers import Dense

      keras.utils.set_random_seed(2)

      model = Sequential([
          Dense(20, activation='sigmoid'\(argument), input_shape=(2,)),
          Dense(2, activation='linear'\(argument)),
      ])
      model.compile(optimizer='adam', loss='mean_squared_error')

      x_train = np.array([[1, 2], [3, 4], [3, 4]])
      model.fit(x_train, x_train, epochs=2, validation_split=0.1, shuffle=False)
      """)
  }

  static let normal = program(path: "a.py", initializer: "glorot_normal")
  static let uniform = program(path: "b.py", initializer: nil)

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? normal : uniform
    let initializer = side == .a ? "glorot_normal" : "glorot_uniform"
    let run = ScenarioRecording(
      side: side, program: program, header: KerasModel.header(label: initializer, program: program))
    var keras = Keras3.GlobalState(
      backend: .tensorflow, python: ScenarioEntropy.pythonRandom(run: "initializer"), observer: run.observer)
    run.at("keras.utils.set_random_seed(2)")
    try keras.setRandomSeed(.int(2))
    var model = KerasModel("model")
    try run.phase("build", name: "model") {
      try model.construct(
        [.dense(20, .sigmoid, initializer: initializer, at: "Dense(20", builtAt: "model = Sequential(["),
         .dense(2, .linear, initializer: initializer, at: "Dense(2,", builtAt: "model = Sequential([")],
        run: run, keras: &keras)
      try model.build(inputs: 2, run: run, keras: &keras)
    }
    let train = ModelOrderScenario.xTrain.slicing(rows: 0..<2)
    let validation = ModelOrderScenario.xTrain.slicing(rows: 2..<3)
    try model.fit(
      train, train, epochs: 2, batchSize: 32, validation: (validation, validation), at: "model.fit(", run: run,
      keras: &keras)
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "parameter-mismatch",
    title: "Same seed, another initializer: `glorot_normal` against the default",
    reference: "report 000 (its model sets `kernel_initializer='glorot_normal'`)",
    story: """
      Report 000's model sets `kernel_initializer='glorot_normal'`. Someone rewrites it from a \
      tutorial that leaves the default, `glorot_uniform`, and compares. Both runs seed with \
      `keras.utils.set_random_seed(2)`, construct the same layers in the same order and so take \
      the same initializer seeds; but the first kernel asks its stream for a truncated normal in \
      run a and a uniform in run b.
      """,
    programA: normal, programB: uniform,
    expectation: ScenarioExpectation(
      kind: "parameter-mismatch", consumer: "model/dense/kernel", role: "init", stream: nil,
      a: EventReference(.draw, "model/dense/kernel", role: "init"), b: EventReference(.draw, "model/dense/kernel", role: "init")
    ) { _, _ in
      """
      **parameter-mismatch** at `model/dense/kernel (init)`: both runs draw from the stateless \
      stream keyed by the same seed, at the same position, but a asks for a truncated normal and b \
      for a uniform. The other kernel is a second case of the same; the losses are effects.
      """
    }
  ) { try record($0) }
}
