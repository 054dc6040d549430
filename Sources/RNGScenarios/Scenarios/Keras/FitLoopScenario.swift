import KerasStreams
import NumPyStreams
import PythonStreams
import RNGTrace

/// Report 002 (keras#2743, #9653): models made and fitted in a loop give a
/// different result each time. The answer's fix reseeds inside the loop;
/// seeding once before the loop lets Python's `random` carry its state from
/// one model to the next: `state-carryover`.
enum FitLoopScenario {
  static func program(path: String, seedInLoop: Bool) -> ScenarioProgram {
    let inLoop = seedInLoop ? "    keras.utils.set_random_seed(1337)\n" : ""
    let beforeLoop = seedInLoop ? "" : "keras.utils.set_random_seed(1337)\n"
    return ScenarioProgram(path: path, text: """
      import numpy as np
      import keras
      from keras.models import Sequential
      from keras.layers import Dense


      def get_model():
          model = Sequential()
          model.add(keras.Input(shape=(8,)))
          model.add(Dense(4, activation="relu"))
          model.add(Dense(1, activation="sigmoid"))
          model.compile(loss="mse", optimizer="adam")
          return model


      np.random.seed(0)
      X = np.random.randn(10, 8)
      y = np.random.randn(10, 1)

      results = []
      \(beforeLoop)for i in range(2):
      \(inLoop)    model = get_model()
          model.fit(X, y, epochs=2, verbose=0, shuffle=False)
          results.append(np.sum(model.predict(X)))
      print(results)
      """)
  }

  static let reseeding = program(path: "a.py", seedInLoop: true)
  static let seededOnce = program(path: "b.py", seedInLoop: false)

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? reseeding : seededOnce
    let run = ScenarioRecording(
      side: side, program: program,
      header: KerasModel.header(label: side == .a ? "seeded in the loop" : "seeded once", program: program))
    run.at("np.random.seed(0)")
    var numpy = try RandomState(seed: 0, observer: run.observer)
    run.at("X = np.random.randn(10, 8)")
    let x = try run.consuming("X", role: "sample") { try numpy.randn(count: 80, shape: [10, 8]) }
    run.at("y = np.random.randn(10, 1)")
    let y = try run.consuming("y", role: "sample") { try numpy.randn(count: 10, shape: [10, 1]) }
    let inputs = Float32Matrix(rows: 10, columns: 8, values: x.map { Float($0) })
    let targets = Float32Matrix(rows: 10, columns: 1, values: y.map { Float($0) })

    // Python's `random` as the process starts (unseeded until set_random_seed).
    var keras = Keras3.GlobalState(backend: .tensorflow, python: ScenarioEntropy.pythonRandom(run: "fit-loop"), observer: run.observer)
    func seed() throws {
      run.at("keras.utils.set_random_seed(1337)")
      try keras.setRandomSeed(.int(1337))
      try numpy.seed(1337)
    }
    if side == .b { try seed() }
    for i in 0..<2 {
      if side == .a { try seed() }
      var model = KerasModel("loop[\(i)]/model")
      try run.phase("build", index: i, name: "model") {
        for spec in [KerasModel.LayerSpec.dense(4, .relu, at: "model.add(Dense(4"), .dense(1, .sigmoid, at: "model.add(Dense(1")] {
          try model.construct([spec], run: run, keras: &keras)
          try model.build(inputs: 8, run: run, keras: &keras)
        }
      }
      try model.fit(
        inputs, targets, epochs: 2, batchSize: 32, at: "model.fit(X, y", metricPrefix: "loop[\(i)]/", run: run, keras: &keras)
      try model.predict(inputs, name: "loop[\(i)]/predictions", run: run, keras: &keras)
    }
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "state-carryover",
    title: "Seeded once before a loop of fits: the second model starts where the first left off",
    reference: "report 002 (keras#2743)",
    story: """
      Report 002: fitting a Keras model in a loop gives different predictions in every iteration, \
      while scikit-learn's gives the same. The answer names two problems: the same model was \
      trained further on each call (that is training state, not randomness), and the seed was set \
      once, outside the loop, so each new model continues the random stream where the previous one \
      left off. Its fix makes a new model in each iteration and seeds right before it.

      Both runs here make a new model per iteration. Run a seeds inside the loop (the fix), run b \
      once before it. With Keras 3 the seed that matters is Python's `random`, which \
      `keras.utils.set_random_seed` seeds (with NumPy's and TensorFlow's): the layers take their \
      initializer seeds from it when they are constructed. The first iteration agrees; in the \
      second, run b's layers take the next seeds.
      """,
    programA: reseeding, programB: seededOnce,
    expectation: ScenarioExpectation(
      kind: "state-carryover", consumer: "loop[1]/model/dense/kernel", role: "seed", stream: "python \"global\"",
      a: EventReference(.draw, "loop[1]/model/dense/kernel", role: "seed"),
      b: EventReference(.draw, "loop[1]/model/dense/kernel", role: "seed")
    ) { a, b in
      let ca = a.first(.draw, "loop[1]/model/dense/kernel", role: "seed")?.counter ?? 0
      let cb = b.first(.draw, "loop[1]/model/dense/kernel", role: "seed")?.counter ?? 0
      return """
        **state-carryover** at `loop[1]/model/dense/kernel (seed)`: a reseeds Python's global \
        `random` before the second model and b does not, so b's stream carries over from the first \
        model: the second model's first seed is at counter \(ca) in a and \(cb) in b. The second \
        model's kernels, its losses and its predictions are the effects; the first iteration matches.
        """
    },
    method: """
      Python's `random` is seeded from OS entropy when the process starts and only \
      `keras.utils.set_random_seed` makes it deterministic; the scenario stands for that entropy \
      with fixed words (`ScenarioEntropy`), never drawn from before the seeding call here.
      """
  ) { try record($0) }
}
