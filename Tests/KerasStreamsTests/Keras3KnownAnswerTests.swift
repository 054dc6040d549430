import KerasStreams
import PythonStreams
import RNGStreams
import Testing

/// The Keras3 Swift API against golden cases written by the real Keras 3
/// (fixtures/reference/keras), one scenario per test, on both backends.
@Suite struct Keras3KnownAnswerTests {
  static let backends = Keras3.Backend.allCases

  func seeded(_ backend: Keras3.Backend, _ seed: Int64) throws -> Keras3.GlobalState {
    var keras = Keras3.GlobalState(backend: backend, python: PythonRandom(seed: 123_456))
    try keras.setRandomSeed(.int(seed))
    return keras
  }

  @Test(arguments: backends)
  func denseKernelTakesTheSeedDrawnAtConstruction(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(
      backend, seed: 5, calls: ["d = Dense(3)", "d.build((None, 4))", "d.kernel", "d.bias"])
    var keras = try seeded(backend, 5)
    var dense = try Keras3.Dense(units: 3, state: &keras)
    try dense.build([nil, 4], state: &keras)
    #expect(Keras3GoldenCases.mismatch(try #require(dense.kernel), want[0]) == nil)
    #expect(Keras3GoldenCases.mismatch(try #require(dense.bias), want[1]) == nil)
    // The research KAT: Random(5).randint(1, 10**9) is the kernel seed.
    #expect(dense.kernelInitializer.seed == .int(668_835_602))
  }

  @Test(arguments: backends)
  func denseConstructedBeforeSetRandomSeedKeepsItsEarlierSeed(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(
      backend, seed: 5, calls: ["d = Dense(3)", "set_random_seed(5)", "d.build((None, 4))", "d.kernel"])
    var keras = try seeded(backend, 5)
    var dense = try Keras3.Dense(units: 3, state: &keras)
    try keras.setRandomSeed(.int(5))
    try dense.build([nil, 4], state: &keras)
    #expect(Keras3GoldenCases.mismatch(try #require(dense.kernel), want[1]) == nil)
  }

  @Test(arguments: backends)
  func intSeededUniform(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(backend, seed: nil, calls: ["uniform((5,), seed=7)"])
    var keras = Keras3.GlobalState(backend: backend)
    #expect(Keras3GoldenCases.mismatch(try keras.uniform([5], seed: .int(7)), want[0]) == nil)
  }

  @Test(arguments: backends)
  func globalSeedGeneratorSequence(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(backend, seed: 0, calls: Array(repeating: "uniform((2,))", count: 12))
    var keras = try seeded(backend, 0)
    for output in want {
      #expect(Keras3GoldenCases.mismatch(try keras.uniform([2]), output) == nil, "call \(output.call)")
    }
  }

  @Test(arguments: backends)
  func unorderedSeedGeneratorSteps(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(
      backend, seed: nil,
      calls: ["sg = SeedGenerator(7)", "sg.next(ordered=False)", "sg.next(ordered=False)", "sg.next(ordered=False)",
              "sg.state", "uniform((3,), seed=sg)"])
    var keras = Keras3.GlobalState(backend: backend)
    let sg = try keras.makeSeedGenerator(seed: 7)
    for i in 0..<3 {
      let seed = keras.next(sg, ordered: false)
      #expect(seed.map(String.init) == want[i].texts)
    }
    #expect(keras.seedState(of: sg).map(String.init) == want[3].texts)
    #expect(Keras3GoldenCases.mismatch(try keras.uniform([3], seed: .generator(sg)), want[4]) == nil)
  }

  @Test(arguments: backends)
  func initializersDrawTheirSeedsInConstructionOrder(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(
      backend, seed: 7, calls: ["a = GlorotUniform()", "b = HeNormal()", "b((2, 2))", "a((2, 2))"])
    var keras = try seeded(backend, 7)
    let a = Keras3.Initializer.glorotUniform(state: &keras)
    let b = Keras3.Initializer.heNormal(state: &keras)
    #expect(Keras3GoldenCases.mismatch(try b([2, 2], state: &keras), want[0]) == nil)
    #expect(Keras3GoldenCases.mismatch(try a([2, 2], state: &keras), want[1]) == nil)
  }

  @Test(arguments: backends)
  func varianceScalingWithAxes(backend: Keras3.Backend) throws {
    let call = "VarianceScaling(scale=2.0, mode='fan_out', distribution='uniform', seed=3, input_axes=[0], output_axes=[1, 2])((3, 4, 5))"
    let want = try Keras3GoldenCases.outputs(
      backend, seed: nil,
      calls: ["VarianceScaling(scale=0.5, mode='fan_out', distribution='untruncated_normal', seed=6)((4, 9))",
              "VarianceScaling(2.0, 'fan_avg', 'normal', seed=7)((5, 5))",
              "VarianceScaling(scale=3.0, mode='fan_in', distribution='uniform', seed=8)((2, 2, 3, 4))",
              "VarianceScaling(seed=10)((1, 1))", call,
              "VarianceScaling(mode='fan_in', seed=4, input_axes=[-1], output_axes=[0])((6, 2))",
              "GlorotUniform(seed=5, input_axes=[0, 1], output_axes=[2])((2, 3, 4))",
              "VarianceScaling(distribution='Uniform', seed=12)((3, 3))"])
    var keras = Keras3.GlobalState(backend: backend)
    let vs = try Keras3.Initializer.varianceScaling(
      scale: 2.0, mode: "fan_out", distribution: "uniform", seed: .int(3), inputAxes: [0], outputAxes: [1, 2], state: &keras)
    #expect(Keras3GoldenCases.mismatch(try vs([3, 4, 5], state: &keras), want[4]) == nil)
    let normal = try Keras3.Initializer.varianceScaling(scale: 2.0, mode: "fan_avg", distribution: "normal", seed: .int(7), state: &keras)
    #expect(Keras3GoldenCases.mismatch(try normal([5, 5], state: &keras), want[1]) == nil)
  }

  @Test(arguments: backends)
  func dropoutLayerAdvancesItsGenerator(backend: Keras3.Backend) throws {
    let want = try Keras3GoldenCases.outputs(
      backend, seed: nil,
      calls: ["d = Dropout(0.5, seed=3)", "d(ones((8,)), training=True)", "d(ones((8,)), training=True)",
              "d(ones((12,)), training=True)", "d.seed_generator.state"])
    var keras = Keras3.GlobalState(backend: backend)
    let dropout = try Keras3.Dropout(rate: 0.5, seed: 3, state: &keras)
    for (i, n) in [8, 8, 12].enumerated() {
      #expect(Keras3GoldenCases.mismatch(try dropout(try keras.ones([n]), training: true, state: &keras), want[i]) == nil)
    }
    #expect(keras.seedState(of: try #require(dropout.seedGenerator)).map(String.init) == want[3].texts)
  }

  @Test(arguments: backends)
  func dropoutOpKeepRulesAndNoiseShapes(backend: Keras3.Backend) throws {
    let calls = [
      "dropout(ones((40,)), 0.5, seed=1)", "dropout(ones((3, 4)), 0.3, noise_shape=(None, 1), seed=2)",
      "dropout(ones((8,)), 0.0, seed=1)", "dropout(ones((8,)), 1.0, seed=1)",
      "dropout(ones((6,), dtype='float64'), 0.25, seed=3)", "dropout(ones((50,)), 0.7, seed=4)",
      "dropout(ones((50,)), 0.9, seed=4)", "dropout(ones((2, 3, 4)), 0.5, noise_shape=(2, 1, 4), seed=5)",
      "dropout(uniform((30,), seed=8), 0.3, seed=9)",
    ]
    let want = try Keras3GoldenCases.outputs(backend, seed: nil, calls: calls)
    var keras = Keras3.GlobalState(backend: backend)
    let got = [
      try keras.dropout(try keras.ones([40]), rate: 0.5, seed: .int(1)),
      try keras.dropout(try keras.ones([3, 4]), rate: 0.3, noiseShape: [nil, 1], seed: .int(2)),
      try keras.dropout(try keras.ones([8]), rate: 0.0, seed: .int(1)),
      try keras.dropout(try keras.ones([8]), rate: 1.0, seed: .int(1)),
      try keras.dropout(try keras.ones([6], dtype: .float64), rate: 0.25, seed: .int(3)),
      try keras.dropout(try keras.ones([50]), rate: 0.7, seed: .int(4)),
      try keras.dropout(try keras.ones([50]), rate: 0.9, seed: .int(4)),
      try keras.dropout(try keras.ones([2, 3, 4]), rate: 0.5, noiseShape: [2, 1, 4], seed: .int(5)),
      try keras.dropout(try keras.uniform([30], seed: .int(8)), rate: 0.3, seed: .int(9)),
    ]
    for (tensor, output) in zip(got, want) {
      #expect(Keras3GoldenCases.mismatch(tensor, output) == nil, "\(calls[output.call])")
    }
  }

  @Test func tensorFlowSeedsAreFloorModded() throws {
    let seeds = ["-1", "-5", "2**31 - 2", "2**31", "2**40", "2**63 - 1", "-(2**63)"]
    let values: [Int64] = [-1, -5, (1 << 31) - 2, 1 << 31, 1 << 40, .max, .min]
    let want = try Keras3GoldenCases.outputs(.tensorflow, seed: nil, calls: seeds.map { "uniform((4,), seed=\($0))" })
    var keras = Keras3.GlobalState(backend: .tensorflow)
    for (value, output) in zip(values, want) {
      #expect(Keras3GoldenCases.mismatch(try keras.uniform([4], seed: .int(value)), output) == nil, "seed \(value)")
    }
    #expect(keras.tensorFlowSeed([-1, 2_147_483_646]) == [2_147_483_645, 0])
  }
}
