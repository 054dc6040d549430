import KerasStreams
import PythonStreams
import RNGStreams
import Testing
import TensorFlowStreams

/// tf-keras seeding behaviour beyond the goldens: what is reported, and
/// what bad input does.
@Suite struct TFKerasSeedingTests {
  /// `set_random_seed(-1)` raises in `np.random.seed` after `random.seed(-1)`
  /// already ran (checked against tf-keras 2.21); TensorFlow and the private
  /// generator stay unseeded.
  @Test func setRandomSeedRejectsSeedsNumPyRejects() {
    for bad: Int64 in [-1, 1 << 32] {
      var python = PythonRandom(seed: 0)
      var tf = TensorFlowEagerContext()
      var backend = TFKeras.Backend()
      #expect(throws: FrameworkError.self) {
        try TFKeras.setRandomSeed(bad, python: &python, tensorflow: &tf, backend: &backend)
      }
      var reference = PythonRandom(seed: bad)
      #expect(python.random() == reference.random())
      #expect(tf.globalSeed == nil)
      #expect(backend.seedGenerator == nil)
    }
  }

  @Test func unseededInitializerDrawsOnceAndReports() throws {
    let log = DrawLog()
    var python = PythonRandom(seed: 0)
    var tf = TensorFlowEagerContext(observer: log)
    var backend = TFKeras.Backend(observer: log)
    try TFKeras.setRandomSeed(42, python: &python, tensorflow: &tf, backend: &backend)
    var glorot = TFKeras.VarianceScaling.glorotUniform()
    let first = try glorot([3, 4], backend: &backend, python: &python)
    let second = try glorot([3, 4], backend: &backend, python: &python)
    #expect(first == second)
    let seedDraws = log.draws.filter { $0.stream.name == "seed-generator" }
    #expect(seedDraws.count == 1)
    #expect(seedDraws[0].count == 1)  // randint(1, 10**9): one 30-bit word
    #expect(glorot.generator.seed == seedDraws[0].values.flatMap { if case .int64(let v) = $0 { v.first } else { nil } })
    #expect(log.draws.filter { $0.stream.name == "stateless(\(glorot.generator.seed!),0)" }.count == 2)
    // The global Python random was not touched by the initializer.
    var reference = PythonRandom(seed: 42)
    #expect(python.random() == reference.random())
  }

  @Test func withoutSetRandomSeedTheGlobalRandomPaysForTheSeed() throws {
    let log = DrawLog()
    var python = PythonRandom(seed: 7)
    python.observer = log
    var backend = TFKeras.Backend(observer: log)
    var he = TFKeras.VarianceScaling.heNormal()
    _ = try he([5], backend: &backend, python: &python)
    var reference = PythonRandom(seed: 7)
    #expect(he.generator.seed == reference.randint(1, 1_000_000_000))
    #expect(python.random() == reference.random())
    // The seed draw is the global random's own: one report, its identity.
    #expect(log.draws.first?.stream == PythonRandom(seed: 7).identity)
    #expect(log.draws.filter { $0.operation == "randint" }.count == 1)
    #expect(log.derivations.first?.inputs.contains(.init("source", "global")) == true)
  }

  @Test func badInputThrows() {
    var python = PythonRandom(seed: 0)
    var backend = TFKeras.Backend()
    var tf = TensorFlowEagerContext()
    #expect(throws: FrameworkError.self) { try TFKeras.VarianceScaling(scale: 0) }
    #expect(throws: FrameworkError.self) { try TFKeras.Dropout(1.5) }
    #expect(throws: FrameworkError.self) { try TFKeras.Dropout(0.5, dtype: .int32) }
    var normal = TFKeras.RandomNormal(seed: 1)
    #expect(throws: FrameworkError.self) { try normal([3], dtype: .int32, backend: &backend, python: &python) }
    var glorot = TFKeras.VarianceScaling.glorotUniform(seed: 1)
    #expect(throws: FrameworkError.self) { try glorot([3, -2], backend: &backend, python: &python) }
    // Dropout(1.0) is a valid layer, but tf.nn.dropout rejects rate 1 in training.
    var all = try? TFKeras.Dropout(1.0, seed: 2)
    #expect(throws: FrameworkError.self) {
      try all?(.float32([1, 1]), shape: [2], training: true, tensorflow: &tf)
    }
    #expect(all?.generator.seed == 3)  // make_legacy_seed ran before the error
    var mismatched = try? TFKeras.Dropout(0.5, noiseShape: [nil, 1], seed: 2)
    #expect(throws: FrameworkError.self) {
      try mismatched?(.float32([1, 1]), shape: [2], training: true, tensorflow: &tf)
    }
  }

  @Test func fansForEveryRank() {
    #expect(TFKeras.fans([]) == (1, 1))
    #expect(TFKeras.fans([7]) == (7, 7))
    #expect(TFKeras.fans([3, 4]) == (3, 4))
    #expect(TFKeras.fans([3, 3, 16, 32]) == (144, 288))
  }
}
