import KerasStreams
import PythonStreams
import RNGTrace

/// Report 000 (keras#9917, #8001, #13047): "I define the same model in two
/// ways, Sequential and functional; why do they give different results?"
///
/// What the Keras 3 emulation shows: the two definitions are the same model.
/// Built alone after the same seeding, they draw the same seeds and the same
/// weights (the `sequential-vs-functional` pair is identical). In the
/// report's script they differ because `model2` is built after `model1`:
/// Keras 3 draws every unseeded initializer's seed from Python's global
/// `random` when the layer is constructed, so `model2`'s layers take the
/// third and fourth seeds. Swapping the two definitions, as the report's
/// answer does, swaps which model gets which seeds: `reordered-draws`.
enum ModelOrderScenario {
  static let preamble = """
    import numpy as np
    np.random.seed(1)
    import random
    random.seed(2)
    import tensorflow as tf
    tf.random.set_seed(3)
    from keras.models import Model, Sequential
    from keras.layers import Input, Dense
    """

  static let model1Text = """
    model1 = Sequential([
        Dense(20, activation='sigmoid', kernel_initializer='glorot_normal', input_shape=(2,)),
        Dense(2, activation='linear', kernel_initializer='glorot_normal'),
    ])
    model1.compile(optimizer='adam', loss='mean_squared_error')
    """

  static let model2Text = """
    ipt = Input(shape=(2,))
    x = Dense(20, activation='sigmoid', kernel_initializer='glorot_normal')(ipt)
    out = Dense(2, activation='linear', kernel_initializer='glorot_normal')(x)
    model2 = Model(ipt, out)
    model2.compile(optimizer='adam', loss='mean_squared_error')
    """

  static let fitText = """
    x_train = np.array([[1, 2], [3, 4], [3, 4]])

    model1.fit(x_train, x_train, epochs=2, validation_split=0.1, shuffle=False)
    model2.fit(x_train, x_train, epochs=2, validation_split=0.1, shuffle=False)
    """

  static let asReported = ScenarioProgram(path: "a.py", text: [preamble, model1Text, model2Text, fitText].joined(separator: "\n\n"))
  static let swapped = ScenarioProgram(path: "b.py", text: [preamble, model2Text, model1Text, fitText].joined(separator: "\n\n"))

  static let model1Layers: [KerasModel.LayerSpec] = [
    .dense(20, .sigmoid, initializer: "glorot_normal", at: "Dense(20, activation='sigmoid', kernel_initializer='glorot_normal', input_shape=(2,))", builtAt: "model1 = Sequential(["),
    .dense(2, .linear, initializer: "glorot_normal", at: "    Dense(2, activation='linear'", builtAt: "model1 = Sequential(["),
  ]

  static let model2Layers: [KerasModel.LayerSpec] = [
    .dense(20, .sigmoid, initializer: "glorot_normal", at: "x = Dense(20"),
    .dense(2, .linear, initializer: "glorot_normal", at: "out = Dense(2"),
  ]

  /// `x_train = np.array([[1, 2], [3, 4], [3, 4]])`, split by
  /// `validation_split=0.1` into the first two rows and the last.
  static let xTrain = Float32Matrix(rows: 3, columns: 2, values: [1, 2, 3, 4, 3, 4])

  /// Defines model1 (Sequential) and model2 (functional) in `order`, fits both.
  static func record(_ side: ScenarioSide, program: ScenarioProgram, label: String, model2First: Bool) throws -> RecordedRun {
    let run = ScenarioRecording(side: side, program: program, header: KerasModel.header(label: label, program: program))
    run.at("random.seed(2)")
    var keras = Keras3.GlobalState(backend: .tensorflow, python: PythonRandom(seed: 2, observer: run.observer), observer: run.observer)
    var models: [String: KerasModel] = [:]
    func define(_ variable: String) throws {
      var model = KerasModel(variable)
      try run.phase("build", name: variable) {
        if variable == "model1" {
          // Sequential with an input shape: the layers are constructed, then the model builds them.
          try model.construct(model1Layers, run: run, keras: &keras)
          try model.build(inputs: 2, run: run, keras: &keras)
        } else {
          // Functional: each layer is constructed and built where it is called.
          for spec in model2Layers {
            try model.construct([spec], run: run, keras: &keras)
            try model.build(inputs: 2, run: run, keras: &keras)
          }
        }
      }
      models[variable] = model
    }
    for variable in model2First ? ["model2", "model1"] : ["model1", "model2"] { try define(variable) }
    let train = xTrain.slicing(rows: 0..<2)
    let validation = xTrain.slicing(rows: 2..<3)
    for variable in ["model1", "model2"] {
      guard let model = models[variable] else { continue }
      try model.fit(
        train, train, epochs: 2, batchSize: 32, validation: (validation, validation),
        at: "\(variable).fit(", metricPrefix: "\(variable)/", run: run, keras: &keras)
    }
    return try run.finish()
  }
}

extension ModelOrderScenario {
  static let reordered = TraceScenario(
    name: "reordered-draws",
    title: "Sequential against functional: the same model, built second",
    reference: "report 000 (keras#9917)",
    story: """
      "I define the same model in two ways. Why do I get different results?" The user seeds NumPy, \
      Python and TensorFlow, builds `model1` as a `Sequential` and `model2` with the functional API, \
      and fits both. The answer in the report: the seed is not reset between the two definitions, \
      and swapping them swaps the results.

      rngdiff, running the script against Keras 3 (TensorFlow backend), shows exactly that. Keras 3 \
      draws every unseeded initializer's seed from Python's global `random` when the layer is \
      constructed. `model1`'s two `Dense` layers take the first two seeds, `model2`'s the next two. \
      Run a is the script as reported; run b swaps the two definitions. (Built alone after the same \
      seeding, the two definitions draw identical weights: see the `sequential-vs-functional` pair.)
      """,
    programA: asReported, programB: swapped,
    expectation: ScenarioExpectation(
      kind: "reordered-draws", consumer: "model1/dense/kernel", role: "seed", stream: "python \"global\"",
      a: EventReference(.draw, "model1/dense/kernel", role: "seed"), b: EventReference(.draw, "model1/dense/kernel", role: "seed")
    ) { a, b in
      let ca = a.first(.draw, "model1/dense/kernel", role: "seed")?.counter ?? 0
      let cb = b.first(.draw, "model1/dense/kernel", role: "seed")?.counter ?? 0
      return """
        **reordered-draws** at `model1/dense/kernel (seed)`: both runs draw the same four \
        initializer seeds from Python's global `random`, in another order: `model1`'s first seed is \
        at counter \(ca) in a and \(cb) in b, so `model1` and `model2` trade weights. The kernels, \
        both models' losses and validation losses are its effects. The fix: build the models in the \
        same order, or reseed before each (`keras.utils.set_random_seed`), or give each initializer \
        a seed.
        """
    }
  ) { side in
    try record(
      side, program: side == .a ? asReported : swapped,
      label: side == .a ? "model1 defined first" : "model2 defined first", model2First: side == .b)
  }

  static let aloneSequential = ScenarioProgram(
    path: "a.py",
    text: [preamble, model1Text.replacingOccurrences(of: "model1", with: "model"),
           "x_train = np.array([[1, 2], [3, 4], [3, 4]])\n\nmodel.fit(x_train, x_train, epochs=2, validation_split=0.1, shuffle=False)"]
      .joined(separator: "\n\n"))
  static let aloneFunctional = ScenarioProgram(
    path: "b.py",
    text: [preamble, model2Text.replacingOccurrences(of: "model2", with: "model"),
           "x_train = np.array([[1, 2], [3, 4], [3, 4]])\n\nmodel.fit(x_train, x_train, epochs=2, validation_split=0.1, shuffle=False)"]
      .joined(separator: "\n\n"))

  /// Each definition alone, after the same seeding: identical traces.
  static let alone = TraceScenario(
    name: "sequential-vs-functional",
    title: "Sequential and functional, each built alone: identical",
    reference: "report 000 (keras#9917)",
    story: """
      The two definitions of report 000, each in its own script after the same seeding. Keras 3 \
      constructs the same layers in the same order, so they take the same seeds from Python's \
      `random` and draw the same weights: the models are equivalent, and rngdiff finds nothing to \
      report. What made them differ in the report is where `model2` was built (see \
      `reordered-draws`).
      """,
    programA: aloneSequential, programB: aloneFunctional,
    expectation: ScenarioExpectation(kind: "identical", consumer: nil, role: nil, stream: nil, a: nil, b: nil) { _, _ in
      """
      **identical** (exit status 0): every draw, derived seed, weight and loss agrees. The layer \
      names agree too, because each script builds one model.
      """
    }
  ) { side in
    let program = side == .a ? aloneSequential : aloneFunctional
    let run = ScenarioRecording(
      side: side, program: program,
      header: KerasModel.header(label: side == .a ? "Sequential" : "functional", program: program))
    run.at("random.seed(2)")
    var keras = Keras3.GlobalState(backend: .tensorflow, python: PythonRandom(seed: 2, observer: run.observer), observer: run.observer)
    var model = KerasModel("model")
    try run.phase("build", name: "model") {
      if side == .a {
        try model.construct(
          [.dense(20, .sigmoid, initializer: "glorot_normal", at: "input_shape=(2,))", builtAt: "model = Sequential(["),
           .dense(2, .linear, initializer: "glorot_normal", at: "    Dense(2, activation='linear'", builtAt: "model = Sequential([")],
          run: run, keras: &keras)
        try model.build(inputs: 2, run: run, keras: &keras)
      } else {
        for spec in model2Layers {
          try model.construct([spec], run: run, keras: &keras)
          try model.build(inputs: 2, run: run, keras: &keras)
        }
      }
    }
    let train = xTrain.slicing(rows: 0..<2)
    let validation = xTrain.slicing(rows: 2..<3)
    try model.fit(
      train, train, epochs: 2, batchSize: 32, validation: (validation, validation), at: "model.fit(", run: run,
      keras: &keras)
    return try run.finish()
  }
}
