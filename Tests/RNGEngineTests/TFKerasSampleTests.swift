import PythonStreams
import PythonSubset
import RNGEngine
import RNGStreams
import Testing

/// `rngdiff sample tf-keras` through the real code path: what bad input
/// says, and what the binding reports to an observer. Values are checked
/// against the real library in GoldenSampleCases.
@Suite struct TFKerasSample {
  func run(_ calls: String, seed: String? = nil, options: [String: String] = [:], observer: (any DrawObserver)? = nil) throws -> [SampleOutput] {
    try SampleSession.run(framework: .tfKeras, seed: seed, calls: calls, options: options, observer: observer)
  }

  func failure(_ calls: String, seed: String? = "0", options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, seed: seed, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// `tf_keras.utils.set_random_seed` rejects what `np.random.seed` rejects
  /// (after seeding `random`), and anything that is not an int.
  @Test func seedsTFKerasRejects() {
    #expect(failure("ones(2)", seed: "-1") == "--seed:1:1: Seed must be between 0 and 2**32 - 1, got -1.")
    #expect(failure("ones(2)", seed: "2**32") == "--seed:1:1: Seed must be between 0 and 2**32 - 1, got 4294967296.")
    #expect(failure("ones(2)", seed: "2**70") == "--seed:1:1: Seed must be between 0 and 2**32 - 1, got 1180591620717411303424.")
    #expect(failure("ones(2)", seed: "1.5") == "--seed:1:1: Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)")
    #expect(failure("ones(2)", options: ["a": "b"]) == "--config:1:1: unknown tf-keras config 'a'; tf-keras takes no --config options")
  }

  @Test func badCallsSayWhatIsAccepted() {
    #expect(failure("GlorotUnifrom()((2,))").hasPrefix("<calls>:1:1: 'GlorotUnifrom' is not a tf-keras call rngdiff knows; did you mean 'GlorotUniform'? accepted: Dropout, GlorotNormal,"))
    #expect(failure("GlorotUniform(seed=1)(3)") == "<calls>:1:23: GlorotUniform.__call__() argument 'shape' must be a tuple of ints such as (3, 4), got int 3")
    #expect(failure("GlorotUniform(seed=1)((2,), dtype='int32')") == "<calls>:1:35: GlorotUniform expects a floating point dtype, got int32.")
    #expect(failure("GlorotUniform(1, 2)") == "<calls>:1:18: GlorotUniform() takes at most 1 positional argument but 2 were given; accepted: GlorotUniform(seed=None)")
    #expect(failure("VarianceScaling(mode='fan', seed=1)") == "<calls>:1:22: Invalid `mode` argument: fan; accepted: 'fan_in', 'fan_out', 'fan_avg'")
    #expect(failure("VarianceScaling(scale=0, mode='fan')") == "<calls>:1:23: scale must be a positive float, got 0.0.")
    #expect(failure("Dropout(1.5)") == "<calls>:1:9: Invalid value 1.5 received for rate, expected a value between 0 and 1.")
    #expect(failure("Dropout(0.5, foo=1)") == "<calls>:1:18: Dropout() got an unexpected keyword argument 'foo'; accepted: Dropout(rate, noise_shape=None, seed=None) with dtype, name or trainable")
    #expect(failure("Dropout(0.5, noise_shape=(None, 2))(ones((2, 3)), training=True)") == "<calls>:1:1: noise_shape [2, 2] does not broadcast to x's shape [2, 3].")
    #expect(failure("GlorotUniform(seed=1)((2,), partition_offset=(0,))") == "<calls>:1:46: GlorotUniform with partition_offset (a partitioned variable) is not emulated; call it with shape and dtype only")
    #expect(failure("Orthogonal()").hasPrefix("<calls>:1:1: Orthogonal is not emulated: its values come from TensorFlow's QR decomposition"))
    #expect(failure("random.seed([1])") == "<calls>:1:13: The only supported seed types are: None, int, float, str, bytes, and bytearray; got list")
    #expect(failure("random.randint(5, 1)") == "<calls>:1:1: empty range for randrange() (5, 2, -3)")
  }

  /// One report per draw, contiguous counters per stream; the seed
  /// generator pays for unseeded initializers after `set_random_seed`.
  @Test func everyDrawIsReportedWithContiguousCounters() throws {
    let log = DrawLog()
    let calls = """
      GlorotUniform()((3, 4)); init = HeNormal(); init((2, 2)); init((2, 2)); \
      Dropout(0.5)(ones((10,)), training=True); d = Dropout(0.5, seed=3); d(ones((4,)), training=True); \
      d(ones((4,)), training=True); random.random()
      """
    _ = try run(calls, seed: "42", observer: log)
    let byStream = Dictionary(grouping: log.draws, by: \.stream.name)
    #expect(byStream["seed-generator"]?.count == 2)  // GlorotUniform, HeNormal (once)
    #expect(byStream["seed-generator"]?.first?.stream.framework == .tfKeras)
    #expect(byStream["global"]?.count == 1)  // random.random()
    #expect(byStream["eager-op-seeds"]?.count == 1)  // the seedless Dropout
    #expect(log.draws.filter { $0.stream.name.hasPrefix("stateless(") }.count == 3)
    #expect(log.draws.filter { $0.stream.name.hasPrefix("op(42,3)/") || $0.stream.name.hasPrefix("op(42,4)/") }.count == 2)
    var next: [StreamIdentity: UInt64] = [:]
    for draw in log.draws where !draw.stream.name.hasPrefix("stateless(") {
      #expect(draw.counterBefore == next[draw.stream] ?? 0, "\(draw.stream.name)")
      next[draw.stream] = draw.counterAfter
    }
  }

  /// Without `set_random_seed`, an unseeded initializer's seed is drawn
  /// from the global `random`, under the identity the python framework
  /// uses for the module-level `random`.
  @Test func theGlobalRandomIsPythonsGlobalStream() throws {
    let log = DrawLog()
    _ = try run("random.seed(7); GlorotUniform()((2,))", observer: log)
    let seedDraw = try #require(log.draws.first)
    #expect(seedDraw.stream == PythonRandom(seed: 7).identity)
    #expect(seedDraw.stream.name == "global" && seedDraw.stream.framework == .python)
    #expect(seedDraw.operation == "randint")
  }

  /// A fresh process's `random` is seeded from entropy.
  @Test func withoutAnySeedInitializersDifferFromRunToRun() throws {
    let log = DrawLog()
    let a = try run("GlorotUniform()((16,))", observer: log)
    let b = try run("GlorotUniform()((16,))")
    #expect(a[0].tensor != b[0].tensor)
    #expect(log.draws.first?.stream.seeding == .entropy)
  }
}
