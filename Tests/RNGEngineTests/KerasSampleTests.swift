import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `rngdiff sample keras` through the real code path (`SampleSession.run`):
/// bad input, `--seed` and `--config`, draw reporting, and the session
/// behaviours the golden harness does not isolate. Values are compared with
/// the goldens Keras 3.15.1 wrote (fixtures/reference/keras).
@Suite struct KerasSample {
  static let files: [KerasBackend: GoldenFile] = [
    .tensorflow: try! GoldenFile.load(Fixtures.url("reference/keras/keras-tensorflow.jsonl").path),
    .jax: try! GoldenFile.load(Fixtures.url("reference/keras/keras-jax.jsonl").path),
  ]

  /// The outputs of the golden case with this seed (as `--seed` writes it) and these calls.
  static func golden(_ backend: KerasBackend, seed: String?, calls: [String]) throws -> [ExactJSON] {
    let found = files[backend]?.cases.first {
      GoldenSampleCases.seedText($0["seed"] ?? .null) == seed && ($0["calls"]?.array ?? []).compactMap(\.string) == calls
    }
    return try #require(found, "no golden case seed \(seed ?? "none") calls \(calls)")["outputs"]?.array ?? []
  }

  static func run(
    _ calls: String, backend: KerasBackend = .tensorflow, seed: String? = "0", options: [String: String] = [:],
    observer: (any DrawObserver)? = nil
  ) throws -> [SampleOutput] {
    try SampleSession.run(framework: .keras, seed: seed, backend: backend, calls: calls, options: options, observer: observer)
  }

  static func failure(_ calls: String, backend: KerasBackend = .tensorflow, seed: String? = "0", options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, backend: backend, seed: seed, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  static func matches(_ output: SampleOutput, _ golden: ExactJSON) -> Bool {
    output.tensor.dtype.rawValue == golden["dtype"]?.string
      && output.tensor.shape == (golden["shape"]?.array ?? []).compactMap(\.int)
      && GoldenSampleCases.firstMismatch(output.tensor, golden["values"]?.array ?? []) == nil
  }

  // MARK: Bad input

  @Test(arguments: [
    ("unifrm((3,))", "<calls>:1:1: 'unifrm' is not a keras call rngdiff knows; did you mean 'uniform'? accepted: Constant, Dense, Dropout, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Input, LecunNormal, LecunUniform, Model, Ones, RandomNormal, RandomUniform, SeedGenerator, Sequential, TruncatedNormal, VarianceScaling, Zeros, dropout, keras, normal, ones, set_random_seed, truncated_normal, uniform, zeros"),
    ("uniform((3,), sed=1)", "<calls>:1:19: uniform() got an unexpected keyword argument 'sed'; accepted: uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)"),
    ("uniform((3,), 0.0, 1.0, None, 1, 2)", "<calls>:1:34: uniform() takes at most 5 positional arguments but 6 were given; accepted: uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)"),
    ("normal()", "<calls>:1:1: normal() missing required argument 'shape'; accepted: normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)"),
    ("uniform((-1, 3), seed=1)", "<calls>:1:9: uniform() argument 'shape' has a negative dimension -1"),
    ("uniform((3,), seed=1.5)", "<calls>:1:20: Argument `seed` must be either an integer or an instance of `SeedGenerator`. Received: seed=1.5 (of type <class 'float'>)"),
    ("uniform((3,), seed=True)", "<calls>:1:20: Can't convert Python sequence with mixed types to Tensor."),
    ("uniform((3,), seed=2**64)", "<calls>:1:20: Can't convert Python sequence with out-of-range integer to Tensor."),
    ("uniform((3,), seed=7, dtype='int32')", "<calls>:1:29: `keras.random.uniform` requires a floating point `dtype`. Received: dtype=int32"),
    ("uniform((3,), seed=7, dtype='float16')", "<calls>:1:29: uniform() argument 'dtype' is float16, which rngdiff does not emulate for keras; accepted: float32, float64, int32, int64, uint32"),
    ("dropout(ones((4,)), 1.5, seed=1)", "<calls>:1:21: rate must be a scalar tensor or a float in the range [0, 1), got 1.5."),
    ("dropout(ones((4,)), 0.5, noise_shape=(3,), seed=1)", "<calls>:1:38: noise_shape [3] does not broadcast to x's shape [4]."),
    ("dropout([1.0, 2.0], 0.5, seed=1)", "<calls>:1:9: dropout() argument 'inputs' must be an array, got list [1.0, 2.0]"),
    ("SeedGenerator(1.5)", "<calls>:1:15: Argument `seed` must be an integer. Received: seed=1.5"),
    ("SeedGenerator(3, backend=1)", "<calls>:1:26: Unrecognized keyword arguments: {'backend': 1}"),
    ("GlorotUniform(seed=1.5)", "<calls>:1:20: `seed` argument should be an instance of `keras.random.SeedGenerator()` or an integer. Received: seed=1.5"),
    ("GlorotUniform(seed=1)((3, 4), dtype='int32')", "<calls>:1:37: `keras.random.uniform` requires a floating point `dtype`. Received: dtype=int32"),
    ("VarianceScaling(mode='fan_sum')", "<calls>:1:22: Invalid `mode` argument: fan_sum. Please use one of {'fan_in', 'fan_out', 'fan_avg'}"),
    ("VarianceScaling(scale=0.0)", "<calls>:1:23: Argument `scale` must be positive float. Received: scale=0.0"),
    ("Dense(0)", "<calls>:1:7: Received an invalid value for `units`, expected a positive integer. Received: units=0"),
    ("Dense(2.0)", "<calls>:1:7: Received an invalid value for `units`, expected a positive integer. Received: units=2.0"),
    ("Dense(3, kernel_initializer='orthogonal')", "<calls>:1:29: Could not interpret initializer identifier: orthogonal; rngdiff knows glorot_uniform, glorot_normal, he_uniform, he_normal, lecun_uniform, lecun_normal, variance_scaling, random_uniform, random_normal, truncated_normal, zeros, ones, constant, uniform, normal, zero, one"),
    ("Dense(3, kernel_regularizer='l2')", "<calls>:1:29: Dense() argument 'kernel_regularizer' is not emulated; leave it None, got 'l2'"),
    ("d = Dense(3); d.kernel", "<calls>:1:15: You must build the layer before accessing `kernel`; call build((None, input_dim)) first."),
    ("d = Dense(3); d.build((None, None))", "<calls>:1:23: The last dimension of the input shape of a Dense layer must be defined, got None."),
    ("d = Dense(3); d(ones((2, 4)))", "<calls>:1:15: calling a Dense layer on data (its forward pass) is not emulated; build it with d.build((None, input_dim)) and read d.kernel"),
    ("Dropout(1.5)", "<calls>:1:9: Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=1.5"),
    ("Dropout(0.5, seed=1.5)", "<calls>:1:19: Argument `seed` must be an integer. Received: seed=1.5"),
    ("Dropout(0.5, noise_shape=(0,))", "<calls>:1:26: Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index 0: 0"),
    ("set_random_seed(-1)", "<calls>:1:17: Seed must be between 0 and 2**32 - 1"),
    ("set_random_seed(1.5)", "<calls>:1:17: Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)"),
  ])
  func badInputIsRefusedWhereItIs(call: String, message: String) {
    #expect(Self.failure(call) == message)
  }

  @Test(arguments: [
    ("uniform((3,), seed=-1)", "<calls>:1:20: Python integer -1 out of bounds for uint32"),
    ("uniform((3,), seed=2**40)", "<calls>:1:20: Python integer 1099511627776 out of bounds for uint32"),
    ("SeedGenerator(2**32)", "<calls>:1:15: Python integer 4294967296 out of bounds for uint32"),
    // The initializer stores its seed and fails when it is called, as in Keras.
    ("init = GlorotUniform(seed=-1); init((2,))", "<calls>:1:32: Python integer -1 out of bounds for uint32"),
    ("dropout(ones((4,)), 0.5, noise_shape=(3,), seed=1)", "<calls>:1:38: noise_shape [3] does not broadcast to the input shape [4]."),
  ])
  func jaxSeedsAreUInt32(call: String, message: String) {
    #expect(Self.failure(call, backend: .jax) == message)
  }

  @Test func buildingTwiceIsRefusedAfterTheKernelInitializerRanAgain() throws {
    // Keras 3.15.1: the second build creates the kernel (sg advances to [3, 2]) before refusing.
    let calls = "sg = SeedGenerator(3); d = Dense(2, kernel_initializer=GlorotUniform(seed=sg)); d.build((None, 3)); sg.state"
    #expect(try Self.run(calls).last?.tensor == Tensor(shape: [2], int64: [3, 1]))
    #expect(Self.failure(calls + "; d.build((None, 3))").hasPrefix(
      "<calls>:1:111: You cannot add new elements of state (variables or sub-layers) to a layer that is already built."))
  }

  // MARK: --seed and --config

  @Test func seedsKerasRejectsAreRefusedAtTheSeed() {
    #expect(Self.failure("uniform((2,))", seed: "-1") == "--seed:1:1: Seed must be between 0 and 2**32 - 1")
    #expect(Self.failure("uniform((2,))", seed: "2**32") == "--seed:1:1: Seed must be between 0 and 2**32 - 1")
    #expect(Self.failure("uniform((2,))", seed: "1.5")
      == "--seed:1:1: Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)")
    #expect(Self.failure("uniform((2,))", seed: "'abc'")
      == "--seed:1:1: Expected `seed` argument to be an integer. Received: seed='abc' (of type <class 'str'>)")
    #expect(Self.failure("uniform((2,))", seed: "[1, 2]")
      == "--seed:1:1: Expected `seed` argument to be an integer. Received: seed=[1, 2] (of type <class 'list'>)")
    #expect(Self.failure("uniform((2,))", options: ["jax_enable_x64": "true"])
      == "--config:1:1: keras has no configuration 'jax_enable_x64'; it takes no --config options")
  }

  @Test func theSeedMeansSetRandomSeed() throws {
    // --seed 5 and set_random_seed(5) as the first call draw the same kernel.
    for backend in KerasBackend.allCases {
      let want = try Self.golden(backend, seed: "5", calls: ["d = Dense(3)", "d.build((None, 4))", "d.kernel", "d.bias"])
      let viaFlag = try Self.run("d = Dense(3); d.build((None, 4)); d.kernel", backend: backend, seed: "5")
      let viaCall = try Self.run("set_random_seed(5); d = Dense(3); d.build((None, 4)); d.kernel", backend: backend, seed: nil)
      #expect(Self.matches(try #require(viaFlag.first), want[0]))
      #expect(Self.matches(try #require(viaCall.last), want[0]))
    }
  }

  @Test func withoutASeedPythonsRandomIsUnseeded() throws {
    let a = try Self.run("GlorotUniform()((8,))", seed: nil)
    let b = try Self.run("GlorotUniform()((8,))", seed: nil)
    #expect(a[0].tensor != b[0].tensor, "two fresh processes draw different default seeds")
    // Explicit seeds need no global seed.
    let want = try Self.golden(.tensorflow, seed: nil, calls: ["uniform((5,), seed=7)"])
    #expect(Self.matches(try Self.run("uniform((5,), seed=7)", seed: nil)[0], want[0]))
  }

  // MARK: Session behaviour

  @Test func denseObjectsPrintTheirWeightsByName() throws {
    let want = try Self.golden(.jax, seed: "5", calls: ["d = Dense(3)", "d.build((None, 4))", "d.kernel", "d.bias"])
    let outputs = try Self.run("d = Dense(3); d; d.build((None, 4)); d", backend: .jax, seed: "5")
    #expect(outputs.map(\.name) == ["kernel", "bias"], "an unbuilt Dense prints nothing")
    #expect(outputs.map(\.call) == [3, 3])
    #expect(Self.matches(outputs[0], want[0]) && Self.matches(outputs[1], want[1]))
  }

  @Test func moduleSpellingsReachTheSameFunctions() throws {
    let want = try Self.golden(.tensorflow, seed: nil, calls: ["uniform((5,), seed=7)"])
    let outputs = try Self.run(
      "keras.random.uniform((5,), seed=7); keras.layers.Dropout(0.0)(keras.ops.ones((2,)), training=True)", seed: nil)
    #expect(Self.matches(outputs[0], want[0]))
    #expect(outputs[1].tensor == Tensor(shape: [2], float32: [1, 1]))
  }

  @Test func docsExamplesWork() throws {
    for backend in KerasBackend.allCases {
      let glorot = try Self.golden(
        backend, seed: nil,
        calls: ["GlorotUniform(seed=9)((3, 4))", "GlorotUniform(seed=9)((3, 4))", "GlorotUniform(seed=9)((7,))",
                "GlorotUniform(seed=9)((3, 3, 2))", "GlorotUniform(seed=9)((2, 3, 4, 5))", "GlorotUniform(seed=9)(())",
                "GlorotUniform(seed=9)((0, 3))"])
      #expect(Self.matches(try Self.run("GlorotUniform(seed=9)((3, 4))", backend: backend, seed: nil)[0], glorot[0]))
      let dropout = try Self.golden(
        backend, seed: "0",
        calls: ["Dropout(0.5)(ones((40,)), training=True)", "d = Dropout(0.5, seed=3)", "d(ones((8,)), training=True)",
                "d(ones((8,)), training=True)", "Dropout(0.0)(ones((4,)), training=True)", "Dropout(0.5)(ones((8,)), training=True)",
                "Dropout(0.5)(ones((4,)))", "Dropout(0.5)(ones((4,)), training=False)"])
      #expect(Self.matches(try Self.run("Dropout(0.5)(ones((40,)), training=True)", backend: backend)[0], dropout[0]))
    }
  }

  // MARK: Draw reports

  @Test(arguments: KerasBackend.allCases)
  func everyDrawIsReportedOnceWithContiguousPythonCounters(backend: KerasBackend) throws {
    let log = DrawLog()
    _ = try Self.run(
      "d = Dense(3); drop = Dropout(0.5); d.build((None, 4)); drop(ones((6,)), training=True); uniform((2,)); uniform((2,), seed=3)",
      backend: backend, seed: "1", observer: log)
    let python = log.draws.filter { $0.stream.framework == .python }
    #expect(python.count == 3, "Dense's kernel seed, Dropout's SeedGenerator, the global SeedGenerator")
    #expect(python.allSatisfy { $0.stream.name == "global" })
    #expect(python.first?.counterBefore == 0)
    for (a, b) in zip(python, python.dropFirst()) { #expect(b.counterBefore == a.counterAfter) }
    let ops = log.draws.filter { $0.stream.framework != .python }
    #expect(ops.count == 4, "kernel, dropout, two uniforms: one report each")
    #expect(ops.map(\.stream.framework) == Array(repeating: backend == .tensorflow ? .tensorflow : .jax, count: 4))
    let rules = Set(log.derivations.map(\.rule))
    #expect(rules.isSuperset(of: [
      "keras.utils.set_random_seed", "keras.make_default_seed", "keras.seed_generator.next",
      "keras.global_seed_generator.next", "keras.draw_seed",
    ]))
  }
}

/// Statement numbering and None results, shared by every framework's
/// `rngdiff sample` (the golden generators number calls the same way).
@Suite struct SampleStatementNumbering {
  @Test func assignmentsAreCallsAndNoneResultsPrintNothing() throws {
    let outputs = try SampleSession.evaluate(
      calls: "x = 1; count(2); y = count(1); y",
      in: ToyFramework(), callDescription: "toy call")
    #expect(outputs.map(\.call) == [1, 3])
    #expect(outputs.map(\.expression) == ["count(2)", "y"])
  }

  /// A framework whose one function accepts anything and returns None, as
  /// `layer.build(input_shape)` does.
  final class Sink: SampleFramework {
    var namespace: [String: Value] {
      let ns = Namespace(name: "sink")
      ns.define("take(x)") { _ in .none }
      return ns.members
    }
  }

  @Test func aNoneCallReportsItsFirstArgumentOnlyWhenItHasValues() throws {
    let printed = try SampleSession.evaluate(calls: "take([3, 4]); take((None, 4)); take(x=[1])", in: Sink(), callDescription: "sink call")
    #expect(printed.map(\.call) == [0])
    #expect(printed.first?.tensor == Tensor(shape: [2], int64: [3, 4]))
    // A None that is not a call's result is still an error.
    #expect(throws: SourceError.self) { try SampleSession.evaluate(calls: "None", in: Sink(), callDescription: "sink call") }
  }
}
