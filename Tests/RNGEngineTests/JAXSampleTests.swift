import Foundation
import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `rngdiff sample jax` through the real code path: bad input, key arrays,
/// `--config`, and what the observer hears. The golden values themselves
/// are compared by GoldenSampleCases.
@Suite struct JAXSampleTests {
  func run(_ calls: String, seed: String? = nil, options: [String: String] = [:], observer: (any DrawObserver)? = nil) throws
    -> [SampleOutput]
  {
    try SampleSession.run(framework: .jax, seed: seed, calls: calls, options: options, observer: observer)
  }

  func failure(_ calls: String, seed: String? = nil, options: [String: String] = [:]) -> String {
    do {
      _ = try run(calls, seed: seed, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// The first golden output of `expr` under the given flags, from the
  /// committed files in fixtures/reference/jax (`defaultImpl`: the case's
  /// `jax_default_prng_impl`, nil for cases that leave it alone).
  static func golden(_ expr: String, partitionable: Bool = true, x64: Bool = false, defaultImpl: String? = nil) throws
    -> ExactJSON?
  {
    for goldenCase in try goldenCases.get() {
      guard goldenCase["config"]?["jax_threefry_partitionable"] == .bool(partitionable),
        goldenCase["config"]?["jax_enable_x64"] == .bool(x64),
        goldenCase["config"]?["jax_default_prng_impl"]?.string == defaultImpl
      else { continue }
      if let output = goldenCase["outputs"]?.array?.first(where: { $0["expr"]?.string == expr }) { return output }
    }
    return nil
  }

  /// Every committed JAX golden case, read once.
  static let goldenCases = Result {
    try Fixtures.goldenFiles().filter { $0.contains("/reference/jax/") }.flatMap { try GoldenFile.load($0).cases }
  }

  /// An output's values as the golden files write them.
  static func texts(_ output: SampleOutput) -> [ExactJSON] {
    let json = try? ExactJSON.parse(output.jsonLine)
    return json?["values"]?.array ?? []
  }

  // MARK: Bad input

  @Test(arguments: [
    ("uniform(key(0), (5,), 1, 2, 3, 4)",
     "<calls>:1:32: uniform() takes at most 5 positional arguments but 6 were given; accepted: uniform(key, shape=(), dtype=None, minval=0.0, maxval=1.0, *, out_sharding=None)"),
    ("normal(key(0), sise=3)",
     "<calls>:1:21: normal() got an unexpected keyword argument 'sise'; accepted: normal(key, shape=(), dtype=None, *, out_sharding=None)"),
    ("randint(key(0), (3,), 5)",
     "<calls>:1:1: randint() missing required argument 'maxval'; accepted: randint(key, shape, minval, maxval, dtype=None, *, out_sharding=None)"),
    ("uniform(5, (2,))",
     "<calls>:1:9: uniform() argument 'key' must be a key such as key(0), or uint32 key data of shape (2,) such as PRNGKey(0), got int 5"),
    ("uniform(array([0, 0]), (2,))",
     "<calls>:1:9: uniform() argument 'key' must be a key such as key(0), or uint32 key data of shape (2,) such as PRNGKey(0), got int32 array of shape (2,)"),
    ("normal(split(key(0)), (2,))",
     "<calls>:1:8: ValueError: normal() accepts a single key, but was given a key array of shape (2,); pick one key, e.g. keys[0]"),
    ("bits(split(PRNGKey(0), 3))",
     "<calls>:1:6: ValueError: bits() accepts a single key, but was given a key array of shape (3, 2); pick one key, e.g. keys[0]"),
    ("uniform(key(0), None)", "<calls>:1:17: uniform() argument 'shape' must be an int or a tuple of ints, got None"),
    ("uniform(key(0), (2, -1))", "<calls>:1:17: uniform() argument 'shape' has a negative dimension -1"),
    ("uniform(key(0), (2,), 5)", "<calls>:1:23: uniform() argument 'dtype' must be a dtype such as float32 or 'uint8', got int 5"),
    ("uniform(key(0), (2,), int32)", "<calls>:1:23: dtype argument to `uniform` must be a float dtype, got int32."),
    ("bits(key(0), (2,), 'int8')", "<calls>:1:20: dtype argument to `bits` must be an unsigned int dtype, got int8."),
    ("uniform(key(0), minval=array([0.0, 1.0]))",
     "<calls>:1:24: uniform() argument 'minval' must be a number; rngdiff emulates scalar minval only, got an array of shape (2,)"),
    ("key(2**64)", "<calls>:1:5: key() argument 'seed' must fit in a signed 64-bit integer, got 18446744073709551616"),
    ("PRNGKey(1.5)", "<calls>:1:9: PRNGKey() argument 'seed' must be an int, got float 1.5"),
    ("key(0, impl='philox4x32')",
     "<calls>:1:13: key() argument 'impl' is emulated for None, 'threefry2x32', 'rbg' and 'unsafe_rbg', got str 'philox4x32'"),
    ("uniform(PRNGKey(0, impl='rbg'), (2,))",
     "<calls>:1:9: uniform() argument 'key' must be a key such as key(0), or uint32 key data of shape (2,) such as PRNGKey(0), got uint32 array of shape (4,)"),
    ("wrap_key_data(array([1, 2], dtype=uint32), impl='rbg')",
     "<calls>:1:15: wrap_key_data() argument 'key_bits_array' must be a uint32 array whose last axis has length 4 (one rbg key), got uint32 array of shape (2,)"),
    ("wald(key(0), array([1.0, 2.0]), (2, 3))",
     "<calls>:1:33: wald parameter shapes ((2,),) are not broadcast-compatible with shape argument (2, 3)."),
    ("wald(key(0), 1.0, (2,), float16)",
     "<calls>:1:25: wald is emulated for float32 and float64 only, got float16; XLA's float16 arithmetic for it is not emulated."),
    ("wald(key(0), 1.0, (2,), int32)", "<calls>:1:25: dtype argument to `wald` must be a float dtype, got int32."),
    ("pareto(key(0), array([1.0, 2.0]), (3,))",
     "<calls>:1:35: pareto parameter shapes ((2,),) are not broadcast-compatible with shape argument (3,)."),
    ("lognormal(key(0), 1.0, (2,), bfloat16)",
     "<calls>:1:30: lognormal is emulated for float32 and float64 only, got bfloat16; XLA's bfloat16 arithmetic for it is not emulated."),
    ("poisson(key(0, impl='unsafe_rbg'), 3.0, (2,))",
     "<calls>:1:9: `poisson` is only implemented for the threefry2x32 RNG, not unsafe_rbg."),
    ("fold_in(key(0), -1)", "<calls>:1:17: fold_in data must be a uint32 between 0 and 4294967295, got -1."),
    ("fold_in(key(0), 2**70)", "<calls>:1:17: fold_in data must be a uint32 between 0 and 4294967295, got 1180591620717411303424."),
    ("split(key(0), 2.0)", "<calls>:1:15: split() argument 'num' must be an int or a tuple of ints, got float 2.0"),
    ("bernoulli(key(0), 1, (2,))", "<calls>:1:19: bernoulli probability `p` must have a floating dtype, got int32."),
    ("bernoulli(key(0), 0.5, (2,), mode='mid')", "<calls>:1:35: bernoulli() argument 'mode' must be 'low' or 'high', got 'mid'"),
    ("randint(key(0), (2,), 0, 2**31)", "<calls>:1:26: randint maxval 2147483648 does not fit in int32, the dtype of Python ints here."),
    ("randint(key(0), (2,), 0, 10, float32)", "<calls>:1:30: randint only accepts integer dtypes, got float32."),
    ("choice(key(0), 3, (4,), replace=False)",
     "<calls>:1:19: Cannot take a larger sample (size 4) than population (size 3) when 'replace=False'."),
    ("choice(key(0), 0, (2,))", "<calls>:1:16: a must be greater than 0 unless no samples are taken."),
    ("choice(key(0), 3, 2)", "<calls>:1:19: choice() argument 'shape' must be a sequence of ints such as (3,), got int 2"),
    ("permutation(key(0), 5.0)",
     "<calls>:1:21: permutation() argument 'x' must be an int or an array of at least 1 dimension, got float 5.0"),
    ("permutation(key(0), 5, axis=1)", "<calls>:1:29: permutation() argument 'axis' is emulated for axis=0 only, got int 1"),
    ("uniform(key(0), out_sharding=1)", "<calls>:1:30: uniform() argument 'out_sharding' is emulated for None only, got int 1"),
    ("wrap_key_data(key(0))",
     "<calls>:1:15: wrap_key_data() argument 'key_bits_array' must be a uint32 array whose last axis has length 2 (one threefry2x32 key), got key<fry> array of shape ()"),
    ("array([1, 2**31])", "<calls>:1:7: Python integer 2147483648 out of bounds for int32"),
    ("uint8(300)", "<calls>:1:7: Python integer 300 out of bounds for uint8"),
    ("reshape(arange(12), (5, 3))", "<calls>:1:21: cannot reshape array of shape (12,) (size 12) into shape (5, 3)"),
    ("bits(key(0), (1 << 20, 1 << 20))",
     "<calls>:1:14: shape (1048576, 1048576) has more than 268435456 elements, more than rngdiff emulates in one call."),
  ])
  func badInputGetsOneSentenceAtItsPlace(calls: String, message: String) {
    #expect(failure(calls) == message)
  }

  @Test func unknownCallsGetASuggestionAndTheAcceptedNames() {
    let message = failure("unifrom(key(0), (5,))")
    #expect(message.hasPrefix("<calls>:1:1: 'unifrom' is not a jax call rngdiff knows; did you mean 'uniform'? accepted: PRNGKey, arange, array, ball, bernoulli, beta, bfloat16, binomial, bits, bool_, categorical, cauchy,"))
    #expect(message.contains(" key, key_data, laplace, loggamma, logistic, lognormal, maxwell, multinomial, multivariate_normal, normal, orthogonal, pareto, permutation, poisson, rademacher, randint,"))
  }

  @Test func aSeedAndUnknownConfigurationsAreRefused() {
    #expect(failure("key(0)", seed: "0") == "--seed:1:1: jax has no global seed; pass keys explicitly, e.g. uniform(key(0), (5,))")
    #expect(failure("key(0)", options: ["jax_enable_x65": "true"])
      == "--config:1:1: unknown jax config 'jax_enable_x65'; accepted: jax_default_prng_impl, jax_enable_x64, jax_threefry_partitionable")
    #expect(failure("key(0)", options: ["jax_enable_x64": "yes"])
      == "--config:1:1: --config jax_enable_x64 takes true or false (also True, False, 1, 0), got 'yes'")
    #expect(failure("key(0)", options: ["jax_default_prng_impl": "philox4x32"])
      == "--config:1:1: --config jax_default_prng_impl takes threefry2x32, rbg or unsafe_rbg, got 'philox4x32'")
    // Under jax_default_prng_impl=rbg, raw key data must have four words.
    #expect(failure("uniform(array([0, 0], dtype=uint32), (2,))", options: ["jax_default_prng_impl": "rbg"])
      == "<calls>:1:9: uniform() argument 'key' must be a key such as key(0), or uint32 key data of shape (4,) such as PRNGKey(0) (jax_default_prng_impl is 'rbg'), got uint32 array of shape (2,)")
  }

  // MARK: Configuration

  @Test(arguments: [("True", "False"), ("true", "false"), ("1", "0")])
  func configurationFlagsTakePythonAndJSONSpellings(on: String, off: String) throws {
    let legacy = try #require(try Self.golden("uniform(PRNGKey(0), (3, 4))", partitionable: false))
    let outputs = try run("uniform(PRNGKey(0), (3, 4))", options: ["jax_threefry_partitionable": off])
    #expect(Self.texts(outputs[0]) == legacy["values"]?.array)
    let x64 = try #require(try Self.golden("key(-1)", x64: true))
    #expect(Self.texts(try run("key(-1)", options: ["jax_enable_x64": on])[0]) == x64["values"]?.array)
  }

  @Test func theDefaultsAreJAX0_10_2s() throws {
    let want = try #require(try Self.golden("uniform(key(1234), (4099,))"))
    let outputs = try run("uniform(key(1234), (4099,))")
    #expect(outputs[0].tensor.dtype == .float32)
    #expect(Self.texts(outputs[0]) == want["values"]?.array)
  }

  // MARK: Keys

  @Test func typedAndRawKeysGiveTheSameValuesAndKeepTheirSpelling() throws {
    let outputs = try run("uniform(key(7), (4,)); uniform(PRNGKey(7), (4,)); split(key(7)); split(PRNGKey(7)); fold_in(PRNGKey(7), 3)")
    #expect(outputs[0].tensor == outputs[1].tensor)
    #expect(outputs.dropFirst(2).map(\.tensor.dtype) == [.threefryKey, .uint32, .uint32])
    #expect(outputs[2].tensor.shape == [2, 2] && outputs[3].tensor.shape == [2, 2])
    #expect(Self.texts(outputs[2]) == Self.texts(outputs[3]))
  }

  @Test func keyArraysReportTheirKeyShape() throws {
    let outputs = try run("k = split(key(0), 3); k.shape; k.ndim; len(k); k[1].shape; k[1]; key_data(k).shape; a, b, c = k; c")
    #expect(outputs.map(\.expression) == ["k.shape", "k.ndim", "len(k)", "k[1].shape", "k[1]", "key_data(k).shape", "c"])
    #expect(outputs[0].tensor == Tensor(shape: [1], int64: [3]))
    #expect(outputs[1].tensor == Tensor(shape: [], int64: [1]))
    #expect(outputs[2].tensor == Tensor(shape: [], int64: [3]))
    #expect(outputs[3].tensor.shape == [0])
    #expect(outputs[5].tensor == Tensor(shape: [2], int64: [3, 2]))
    let keys = try #require(try Self.golden("split(key(0), 3)"))
    let words = keys["values"]?.array ?? []
    #expect(outputs[4].tensor.dtype == .threefryKey && outputs[4].tensor.shape == [2])
    #expect(Self.texts(outputs[4]) == Array(words[2..<4]))
    #expect(Self.texts(outputs[6]) == Array(words[4..<6]))
    #expect(failure("split(key(0))[0, 1]") == "<calls>:1:1: too many indices for an array of 1 dimension")
    #expect(failure("key(0)[0]") == "<calls>:1:1: too many indices for an array of 0 dimensions")
    #expect(failure("len(key(0))") == "<calls>:1:5: len() of unsized object")
  }

  @Test func keyDataAndWrapKeyDataRoundTrip() throws {
    let outputs = try run("key_data(split(key(5), 4)); wrap_key_data(key_data(split(key(5), 4))); key_data(PRNGKey(3))")
    #expect(outputs[0].tensor.dtype == .uint32 && outputs[0].tensor.shape == [4, 2])
    #expect(outputs[1].tensor.dtype == .threefryKey && outputs[1].tensor.shape == [4, 2])
    #expect(Self.texts(outputs[0]) == Self.texts(outputs[1]))
    #expect(Self.texts(outputs[2]) == [.number("0"), .number("3")])
  }

  @Test(arguments: [("rbg", DType.rbgKey), ("unsafe_rbg", DType.unsafeRBGKey)])
  func rbgKeyArraysHaveFourWordsAndTheirOwnDType(impl: String, dtype: DType) throws {
    let outputs = try run(
      "k = split(key(0, impl='\(impl)'), 3); k.shape; k[1]; key_data(k); wrap_key_data(key_data(k), impl='\(impl)'); "
        + "split(key(0, impl='\(impl)'), 0); key(42, impl='\(impl)'); PRNGKey(42, impl='\(impl)')")
    #expect(outputs[0].tensor == Tensor(shape: [1], int64: [3]))
    let keys = try #require(try Self.golden("split(key(0, impl='\(impl)'), 3)"))
    let words = keys["values"]?.array ?? []
    #expect(words.count == 12)
    #expect(outputs[1].tensor.dtype == dtype && outputs[1].tensor.shape == [4])
    #expect(Self.texts(outputs[1]) == Array(words[4..<8]))
    #expect(outputs[2].tensor.dtype == .uint32 && outputs[2].tensor.shape == [3, 4] && Self.texts(outputs[2]) == words)
    #expect(outputs[3].tensor.dtype == dtype && Self.texts(outputs[3]) == words)
    #expect(outputs[4].tensor.dtype == dtype && outputs[4].tensor.shape == [0, 4])
    let seeded = try #require(try Self.golden("key(42, impl='\(impl)')"))
    #expect(outputs[5].tensor.dtype == dtype && Self.texts(outputs[5]) == seeded["values"]?.array)
    #expect(outputs[6].tensor.dtype == .uint32 && Self.texts(outputs[6]) == seeded["values"]?.array)
  }

  @Test func theDefaultImplementationMakesKeysAndReadsRawKeys() throws {
    let calls = "uniform(PRNGKey(3), (5,)); split(PRNGKey(3), 3); key(3); uniform(key(3, impl='threefry2x32'), (3,))"
    let outputs = try run(calls, options: ["jax_default_prng_impl": "unsafe_rbg"])
    for (i, expr) in ["uniform(PRNGKey(3), (5,))", "split(PRNGKey(3), 3)", "key(3)", "uniform(key(3, impl='threefry2x32'), (3,))"]
      .enumerated()
    {
      let want = try #require(try Self.golden(expr, defaultImpl: "unsafe_rbg"))
      #expect(Self.texts(outputs[i]) == want["values"]?.array, "\(expr)")
      #expect(outputs[i].tensor.dtype.rawValue == want["dtype"]?.string, "\(expr)")
    }
    // The same calls without the option are Threefry's.
    let threefry = try run("uniform(PRNGKey(3), (5,))")
    #expect(threefry[0].tensor != outputs[0].tensor)
  }

  @Test func theDocumentedExamplesMatchTheGoldenValues() throws {
    let outputs = try run("uniform(key(0), (5,)); normal(key(42), (5,)); split(key(0)); key_data(fold_in(key(0), 7))")
    #expect(outputs.count == 4)
    let uniform = try #require(try Self.golden("uniform(key(0), (5,))"))
    #expect(Self.texts(outputs[0]) == uniform["values"]?.array)
    // Partitionable: element i of a normal does not depend on the shape.
    let normal = try #require(try Self.golden("normal(key(42), (1700,))"))
    #expect(Self.texts(outputs[1]) == Array((normal["values"]?.array ?? []).prefix(5)))
    let split = try #require(try Self.golden("split(key(0), 2)"))
    #expect(outputs[2].tensor.dtype == .threefryKey && Self.texts(outputs[2]) == split["values"]?.array)
    let folded = try #require(try Self.golden("fold_in(PRNGKey(0), 7)"))
    #expect(outputs[3].tensor.dtype == .uint32 && Self.texts(outputs[3]) == folded["values"]?.array)
  }

  // MARK: Observation

  @Test func everySamplingCallReportsOnceOnItsKeysStream() throws {
    let log = DrawLog()
    let outputs = try run(
      "k = key(11); uniform(k, (5,)); normal(k, (3,)); bits(split(k)[1], (4,), uint8); randint(PRNGKey(11), (6,), 0, 9); fold_in(k, 4)",
      observer: log)
    #expect(log.draws.map(\.operation) == ["uniform", "normal", "split", "bits", "randint", "fold_in"])
    #expect(log.draws.map(\.stream.name) == ["key(0,11)", "key(0,11)", "key(0,11)", log.draws[3].stream.name, "key(0,11)", "key(0,11)"])
    #expect(log.draws[3].stream.name != "key(0,11)")
    // Partitionable: one Threefry block per element; randint hashes 2 keys and 2×6 elements.
    #expect(log.draws.map(\.count) == [5, 3, 2, 4, 14, 1])
    #expect(log.draws.map(\.counterBefore) == [0, 0, 0, 0, 0, 4])
    // The same key used twice shows as the same counters twice: JAX's key-reuse bug, made visible.
    #expect(log.draws[0].counterAfter == 5 && log.draws[1].counterBefore == 0)
    #expect(log.draws[0].values == .float32(outputs[0].tensor.doubles.map(Float.init)))
    #expect(log.derivations.map(\.rule) == ["jax.key", "jax.split", "jax.split", "jax.PRNGKey", "jax.fold_in"])
  }
}
