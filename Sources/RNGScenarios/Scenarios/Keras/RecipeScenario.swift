import KerasStreams
import PythonStreams
import RNGTrace

/// Report 004's recipe (seed NumPy and TensorFlow, then build the model)
/// run today with Keras 3: the initializers take their seeds from Python's
/// `random`, which the recipe never seeds, so two runs of the script differ.
enum RecipeScenario {
  static func program(_ command: String) -> ScenarioProgram {
    ScenarioProgram(path: "mlp.py", text: """
      from pandas import DataFrame, concat
      from sklearn.metrics import mean_squared_error
      from numpy.random import seed
      seed(1)
      import tensorflow as tf
      tf.random.set_seed(2)
      from keras.models import Sequential
      from keras.layers import Dense, Input


      def fit_model(X, y):
          model = Sequential()
          model.add(Input(shape=(1,)))
          model.add(Dense(10))
          model.add(Dense(1))
          model.compile(loss="mean_squared_error", optimizer="adam")
          model.fit(X, y, epochs=2, batch_size=len(X), verbose=0, shuffle=False)
          yhat = model.predict(X, verbose=0)
          print(mean_squared_error(y, yhat[:, 0]))


      length = 10
      sequence = [i / float(length) for i in range(length)]
      df = DataFrame(sequence)
      df = concat([df.shift(1), df], axis=1)
      df.dropna(inplace=True)
      values = df.values
      X, y = values[:, 0], values[:, 1]
      fit_model(X, y)
      """, command: command)
  }

  static let run1 = program("python mlp.py   # run 1")
  static let run2 = program("python mlp.py   # run 2")

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? run1 : run2
    let run = ScenarioRecording(
      side: side, program: program, header: KerasModel.header(label: side == .a ? "run 1" : "run 2", program: program))
    // Python's `random` is never seeded: each process starts it from OS entropy.
    var keras = Keras3.GlobalState(
      backend: .tensorflow, python: ScenarioEntropy.pythonRandom(run: "recipe \(side.rawValue)"), observer: run.observer)
    // X = 0.0 … 0.8, y = 0.1 … 0.9 (the shifted sequence), as float32 for Keras.
    let x = Float32Matrix(rows: 9, columns: 1) { r, _ in Float(Double(r) / 10) }
    let y = Float32Matrix(rows: 9, columns: 1) { r, _ in Float(Double(r + 1) / 10) }
    var model = KerasModel("model")
    try run.phase("build", name: "model") {
      for spec in [KerasModel.LayerSpec.dense(10, at: "model.add(Dense(10))"), .dense(1, at: "model.add(Dense(1))")] {
        try model.construct([spec], run: run, keras: &keras)
        try model.build(inputs: 1, run: run, keras: &keras)
      }
    }
    try model.fit(x, y, epochs: 2, batchSize: 9, at: "model.fit(X, y", run: run, keras: &keras)
    try model.predict(x, run: run, keras: &keras)
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "unseeded-stream",
    title: "The reproducibility recipe, run twice with Keras 3: Python's `random` is never seeded",
    reference: "report 004 (and report 000's second question)",
    story: """
      Report 004 teaches how to get reproducible results from Keras: call `seed(1)` from \
      `numpy.random` and `set_random_seed(2)` from TensorFlow at the top of the script. Run the \
      recipe today, with Keras 3, twice: the two runs still differ. Keras 3 takes every unseeded \
      initializer's seed from Python's global `random` (`random.randint(1, 10**9)` when the layer \
      is constructed), and neither call seeds it; Python seeds it from the operating system in each \
      new process. (Report 000's second question, "each run gives other numbers although I seeded \
      NumPy", is the same story.) `keras.utils.set_random_seed(1)` seeds all three.

      `fit` is called with `shuffle=False` here: Keras 3 shuffles through `tf.data`, which these \
      scenarios do not emulate.
      """,
    programA: run1, programB: run2,
    expectation: ScenarioExpectation(
      kind: "unseeded-stream", consumer: "model/dense/kernel", role: "seed", stream: "python \"global\"",
      a: EventReference(.draw, "model/dense/kernel", role: "seed"), b: EventReference(.draw, "model/dense/kernel", role: "seed")
    ) { _, _ in
      """
      **unseeded-stream** at `model/dense/kernel (seed)`: the first layer's seed comes from Python's \
      global `random`, seeded from OS entropy in both runs (no seeding call before its first draw), \
      so it and every later draw on it change from run to run. The kernels, the losses and the \
      predictions are its effects. The fix names the seeding call to add.
      """
    },
    method: """
      The two processes' OS entropy is stood in for by fixed words (`ScenarioEntropy`, different \
      for each run), so the traces regenerate byte for byte.
      """
  ) { try record($0) }
}
