import RNGRecording
import PythonSubset
import RNGEngine
import RNGStreams
import RNGTrace
import TestSupport
import Testing

/// Runs `rngdiff sample`'s code path and returns its outputs or its error text.
enum SampleRun {
  static func outputs(
    _ framework: SampleFrameworkName, seed: String?, _ calls: String, observer: (any DrawObserver)? = nil
  ) throws -> [SampleOutput] {
    try SampleSession.run(framework: framework, seed: seed, calls: calls, observer: observer)
  }

  static func failure(_ framework: SampleFrameworkName, seed: String?, _ calls: String, options: [String: String] = [:]) -> String {
    do {
      _ = try SampleSession.run(framework: framework, seed: seed, calls: calls, options: options)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// The values of an output as `--json` writes them.
  static func texts(_ output: SampleOutput) -> [String] {
    let json = output.jsonLine
    guard let open = json.range(of: "\"values\": [")?.upperBound, let close = json.lastIndex(of: "]") else { return [] }
    let body = json[open..<close]
    return body.isEmpty ? [] : body.components(separatedBy: ", ")
  }

  /// Checks that per stream the reports start at 0 and are contiguous.
  static func contiguous(_ draws: [DrawReport]) -> Bool {
    var next: [String: UInt64] = [:]
    for draw in draws {
      if draw.counterBefore != next[draw.stream.name, default: 0] { return false }
      next[draw.stream.name] = draw.counterAfter
    }
    return true
  }
}

/// `rngdiff sample numpy` / `numpy-generator` through the real binding:
/// NumPy's own error texts at the right place, seeding rules, draw reports,
/// and paths the golden files reach only indirectly, each checked against
/// values NumPy 2.4.6 printed.
@Suite struct NumPySampleTests {
  static let legacyUniform = "numpy/numpy_uniform.jsonl"
  static let legacyIntegers = "numpy/numpy_integers.jsonl"
  static let legacyPermutations = "numpy/numpy_permutations.jsonl"
  static let generatorUniform = "numpy-generator/numpy_generator_uniform.jsonl"

  @Test(arguments: [
    ("0", "randint(5, 5)", "<calls>:1:12: low >= high"),
    ("0", "randint(0)", "<calls>:1:1: high <= 0"),
    ("0", "randint(0, 300, dtype=uint8)", "<calls>:1:12: high is out of bounds for uint8"),
    ("0", "randint(0, 5, dtype=float32)", "<calls>:1:21: Unsupported dtype dtype('float32') for randint"),
    ("0", "randint(0, 5, 2, 3)", "<calls>:1:18: Cannot interpret '3' as a data type"),
    ("0", "randint(0, 5, 2, int, 3)",
     "<calls>:1:23: randint() takes at most 4 positional arguments but 5 were given; accepted: randint(low, high=None, size=None, dtype=int)"),
    ("0", "random(sise=3)", "<calls>:1:13: random() got an unexpected keyword argument 'sise'; accepted: random(size=None)"),
    ("0", "random(-1)", "<calls>:1:8: negative dimensions are not allowed"),
    ("0", "random(2.5)", "<calls>:1:8: expected a sequence of integers or a single integer, got '2.5'"),
    ("0", "random('a')", "<calls>:1:8: 'str' object cannot be interpreted as an integer"),
    ("0", "rand((3, 4))", "<calls>:1:6: 'tuple' object cannot be interpreted as an integer"),
    ("0", "random((2**40, 2**40))",
     "<calls>:1:8: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."),
    ("0", "random(2**40)", "<calls>:1:8: rngdiff makes at most 2**28 values per call; this call asks for 1099511627776"),
    ("0", "uniform(0, 'a')", "<calls>:1:12: could not convert string to float: 'a'"),
    ("0", "uniform(0, float('inf'))", "<calls>:1:12: Range exceeds valid bounds"),
    ("0", "normal(0, -0.0)", "<calls>:1:11: scale < 0"),
    ("0", "choice(0)", "<calls>:1:8: a must be greater than 0 unless no samples are taken"),
    ("0", "choice(5, 6, replace=False)", "<calls>:1:11: Cannot take a larger sample than population when 'replace=False'"),
    ("0", "choice(arange(6).reshape(2, 3))", "<calls>:1:8: a must be 1-dimensional"),
    ("0", "choice(5.0)", "<calls>:1:8: a must be 1-dimensional or an integer"),
    ("0", "choice(5, p=[0.5, 0.5])", "<calls>:1:13: 'a' and 'p' must have same size"),
    ("0", "choice(2, p=[0.5, 0.6])", "<calls>:1:13: probabilities do not sum to 1"),
    ("0", "shuffle(5)", "<calls>:1:9: object of type 'int' has no len()"),
    ("0", "shuffle(array(5))", "<calls>:1:9: len() of unsized object"),
    ("0", "permutation(2.5)", "<calls>:1:13: x must be an integer or at least 1-dimensional"),
    ("0", "bytes(-7)", "<calls>:1:7: negative dimensions are not allowed"),
    ("0", "bytes(-2**63)", "<calls>:1:7: negative dimensions are not allowed"),
    ("0", "arange(4).reshape(2**62, 2**62)",
     "<calls>:1:1: cannot reshape array of size 4 into shape (4611686018427387904,4611686018427387904)"),
    ("0", "arange(0.0, 1e300, 1.0)", "<calls>:1:1: rngdiff makes at most 2**28 values per call; this call asks for 1e+300"),
    ("0", "choice(10**12, 3, replace=False)", "<calls>:1:8: rngdiff makes at most 2**28 values per call; this call asks for 1000000000000"),
    ("0", "seed(-1)", "<calls>:1:6: Seed must be between 0 and 2**32 - 1"),
    ("0", "RandomState([])", "<calls>:1:13: Seed must be non-empty"),
    ("0", "default_rng(-1)", "<calls>:1:13: expected non-negative integer"),
    ("0", "set_state(5)", "<calls>:1:11: state must be a dict or a tuple."),
    ("0", "set_state(('PCG64', 1, 2))", "<calls>:1:11: set_state can only be used with legacy MT19937 state instances."),
    ("0", "arange(12).reshape(5, 2)", "<calls>:1:1: cannot reshape array of size 12 into shape (5,2)"),
    ("0", "array([300], dtype=uint8)", "<calls>:1:20: Python integer 300 out of bounds for uint8"),
    ("0", "rnd(3)", "<calls>:1:1: 'rnd' is not a numpy call rngdiff knows; did you mean 'rand'? accepted: Generator, MT19937, PCG64, PCG64DXSM, Philox, RandomState, SFC64, SeedSequence, abs, absolute, all, amax, amin, any, arange, argmax, argmin, argsort, around, array, asarray, beta, bincount, binomial, bool_, bytes, ceil, chisquare, choice, clip, concatenate, cos, count_nonzero, default_rng, dirichlet, dot, double, e, exp, expand_dims, expm1, exponential, eye, f, float16, float32, float64, floor, frombuffer, gamma, geometric, get_state, gumbel, half, hypergeometric, inf, int16, int32, int64, int8, …"),
    ("-1", "random()", "--seed:1:1: Seed must be between 0 and 2**32 - 1"),
    ("2**32", "random()", "--seed:1:1: Seed must be between 0 and 2**32 - 1"),
    ("[]", "random()", "--seed:1:1: Seed must be non-empty"),
    ("[1, -1]", "random()", "--seed:1:1: Seed must be between 0 and 2**32 - 1"),
    ("[[1, 2]]", "random()", "--seed:1:1: Seed array must be 1-d"),
    ("1.5", "random()", "--seed:1:1: Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'"),
    ("'abc'", "random()", "--seed:1:1: Cannot cast scalar from dtype('<U3') to dtype('int64') according to the rule 'safe'"),
    ("[1.5]", "random()", "--seed:1:1: Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'"),
    ("[2**64 - 1]", "random()", "--seed:1:1: Cannot cast array data from dtype('uint64') to dtype('int64') according to the rule 'safe'"),
  ])
  func legacyBadInputGetsNumPysMessageAtItsPlace(seed: String, calls: String, message: String) {
    #expect(SampleRun.failure(.numpy, seed: seed, calls) == message)
  }

  @Test(arguments: [
    ("-1", "random()", "--seed:1:1: expected non-negative integer"),
    ("1.5", "random()", "--seed:1:1: SeedSequence expects int or sequence of ints for entropy not 1.5"),
    ("'ab'", "random()", "--seed:1:1: SeedSequence expects int or sequence of ints for entropy not ab"),
    ("[1, 'a']", "random()", "--seed:1:1: unrecognized seed string"),
    ("[0.5]", "random()", "--seed:1:1: seed must be integer"),
    ("0", "integers(5, 5)", "<calls>:1:13: low >= high"),
    ("0", "integers(0, -1, endpoint=True)", "<calls>:1:13: high < 0"),
    ("0", "random(dtype=int8)", "<calls>:1:14: Unsupported dtype dtype('int8') for random"),
    ("0", "standard_normal(dtype='float16')", "<calls>:1:23: Unsupported dtype dtype('float16') for standard_normal"),
    ("0", "integers(0, 5, dtype='q8')", "<calls>:1:22: data type 'q8' not understood"),
    ("0", "uniform(1, 0)", "<calls>:1:12: high - low < 0"),
    ("0", "choice(2.5)", "<calls>:1:8: a must be a sequence or an integer, not <class 'float'>"),
    ("0", "choice(5, 3, p=[0.5, 0.6, 0, 0, 0])",
     "<calls>:1:16: Probabilities do not sum to 1. See Notes section of docstring for more information."),
    ("0", "shuffle(arange(6), axis=1)", "<calls>:1:25: axis 1 is out of bounds for array of dimension 1"),
    ("0", "permutation(arange(6).reshape(2, 3), axis=1)", "<calls>:1:43: rngdiff supports axis=0 only here; got axis=1"),
    ("0", "random(2, out=zeros(3))", "<calls>:1:8: size must match out.shape when used together"),
    ("0", "random(out=zeros(3, dtype=float32))",
     "<calls>:1:12: Supplied output array has the wrong type. Expected float64, got float32"),
    ("0", "integer(0, 5)", "<calls>:1:1: 'integer' is not a numpy-generator call rngdiff knows; did you mean 'integers'? accepted: abs, absolute, all, amax, amin, any, arange, argmax, argmin, argsort, around, array, asarray, beta, bincount, binomial, bool_, ceil, chisquare, choice, clip, concatenate, cos, count_nonzero, default_rng, dirichlet, dot, double, e, exp, expand_dims, expm1, exponential, eye, f, float16, float32, float64, floor, frombuffer, gamma, geometric, gumbel, half, hypergeometric, inf, int16, int32, int64, int8, integers, isnan, laplace, linspace, log, log1p, logical_and, logical_not, logical_or, logical_xor, …"),
  ])
  func generatorBadInputGetsNumPysMessageAtItsPlace(seed: String, calls: String, message: String) {
    #expect(SampleRun.failure(.numpyGenerator, seed: seed, calls) == message)
  }

  @Test func configFlagsAreRefused() {
    #expect(SampleRun.failure(.numpy, seed: "0", "random()", options: ["legacy": "true"])
      == "--config:1:1: numpy has no --config flags that change draws; got 'legacy'")
    #expect(SampleRun.failure(.numpyGenerator, seed: "0", "random()", options: ["x": "1"])
      == "--config:1:1: numpy-generator has no --config flags that change draws; got 'x'")
  }

  // MARK: Seeding

  /// `np.random.seed`'s forms that reach the same key as a golden seed.
  @Test(arguments: [
    ("True", "random(20)", "1"),  // operator.index(True) == 1
    ("(1, 2, 3)", "random(20)", "[1, 2, 3]"),  // a tuple is a key like a list
    ("range(1, 4)", "random(20)", "[1, 2, 3]"),
    ("[True, 2, 3]", "random(20)", "[1, 2, 3]"),
  ])
  func legacySeedForms(seed: String, call: String, golden: String) throws {
    let expected = try GoldenFile.reference(Self.legacyUniform).values(seed: golden, firstCall: call)
    #expect(!expected.isEmpty)
    #expect(SampleRun.texts(try SampleRun.outputs(.numpy, seed: seed, call)[0]) == expected)
  }

  /// `seed(x)` inside the calls: an ndarray is squeezed first (an int
  /// seed), a list is an `init_by_array` key.
  @Test(arguments: [
    ("seed(array([[42]])); random(20)", "42"),
    ("seed(array([1, 2, 3])); random(20)", "[1, 2, 3]"),
    ("seed([0]); random(20)", "[0]"),
  ])
  func seedingInsideTheCalls(calls: String, golden: String) throws {
    let expected = try GoldenFile.reference(Self.legacyUniform).values(seed: golden, firstCall: "random(20)")
    #expect(!expected.isEmpty)
    #expect(SampleRun.texts(try SampleRun.outputs(.numpy, seed: "7", calls)[1]) == expected)
  }

  /// `default_rng(S)`'s entropy rules: `[]` is the same entropy as 0, nested
  /// lists flatten, digit and `0x` strings inside a list are ints, True is 1.
  @Test(arguments: [
    ("[]", "0"), ("True", "1"), ("[[1, 2], [3]]", "[1, 2, 3]"), ("['1', '0x2', 3]", "[1, 2, 3]"),
    ("(1, 2, 3)", "[1, 2, 3]"),
  ])
  func generatorSeedForms(seed: String, golden: String) throws {
    let expected = try GoldenFile.reference(Self.generatorUniform).values(seed: golden, firstCall: "random(20)")
    #expect(!expected.isEmpty)
    #expect(SampleRun.texts(try SampleRun.outputs(.numpyGenerator, seed: seed, "random(20)")[0]) == expected)
  }

  /// `default_rng(S)` and `RandomState(S)` made inside a call are their own
  /// streams, seeded as the golden ones.
  @Test func objectsMadeInsideTheCalls() throws {
    let generator = try GoldenFile.reference(Self.generatorUniform).values(seed: "42", firstCall: "random(20)")
    let legacy = try GoldenFile.reference(Self.legacyUniform).values(seed: "42", firstCall: "random(20)")
    let outputs = try SampleRun.outputs(.numpy, seed: "0", "default_rng(42).random(20); RandomState(42).random(20)")
    #expect(SampleRun.texts(outputs[0]) == generator)
    #expect(SampleRun.texts(outputs[1]) == legacy)
    let more = try SampleRun.outputs(.numpyGenerator, seed: "0", "default_rng(42).random(20)")
    #expect(SampleRun.texts(more[0]) == generator)
  }

  @Test func unseededRunsDifferAndSayTheyTookEntropy() throws {
    let log = DrawLog()
    let a = try SampleRun.outputs(.numpy, seed: nil, "random(4)", observer: log)
    let b = try SampleRun.outputs(.numpy, seed: nil, "random(4)")
    #expect(a[0].tensor != b[0].tensor)
    #expect(log.draws.first?.stream.seeding == .entropy)
    let g = DrawLog()
    _ = try SampleRun.outputs(.numpyGenerator, seed: nil, "random(4)", observer: g)
    #expect(g.draws.first?.stream.seeding == .entropy)
  }

  // MARK: Paths the goldens check only indirectly

  /// `bytes(n)` draws `(n - 1) / 4 + 1` words in C division, NumPy's
  /// `bytes(0)` one word, `bytes(-1)` one word for 3 bytes, `bytes(-3)` none
  /// (measured with `get_state()` on NumPy 2.4.6).
  @Test func bytesLengthsAsNumPyCountsThem() throws {
    let golden = try GoldenFile.reference(Self.legacyIntegers)
    let all = golden.values(seed: "0", firstCall: "frombuffer(bytes(10), dtype=uint8)")
    #expect(all.count == 10)
    let run = try SampleRun.outputs(
      .numpy, seed: "0",
      "frombuffer(bytes(-1), dtype=uint8); seed(0); _ = bytes(0); frombuffer(bytes(4), dtype=uint8); seed(0); _ = bytes(-3); frombuffer(bytes(10), dtype=uint8)")
    let arrays = run.filter { $0.expression.hasPrefix("frombuffer") }
    #expect(SampleRun.texts(arrays[0]) == Array(all.prefix(3)))
    #expect(SampleRun.texts(arrays[1]) == Array(all[4..<8]))
    #expect(SampleRun.texts(arrays[2]) == all)
  }

  /// A list shuffles in place with the same draws as an array.
  @Test func listsShuffleLikeArrays() throws {
    let golden = try GoldenFile.reference(Self.legacyPermutations)
    let goldenCase = try #require(golden.firstCase(seed: "0", firstCall: "permutation(10)"))
    let expected = GoldenFile.values(GoldenFile.outputs(goldenCase, call: 1)[0])
    let outputs = try SampleRun.outputs(.numpy, seed: "0", "permutation(10); x = list(range(7)); shuffle(x); x")
    #expect(SampleRun.texts(outputs[1]) == expected)
    #expect(SampleRun.texts(outputs[2]) == expected)
  }

  /// `get_state()` / `set_state(state)` replay the stream, in both forms.
  @Test func stateRoundTrip() throws {
    let expected = try GoldenFile.reference(Self.legacyUniform).values(seed: "0", firstCall: "random(20)")
    for form in ["get_state()", "get_state(legacy=False)"] {
      let outputs = try SampleRun.outputs(.numpy, seed: "0", "s = \(form); random(5); _ = set_state(s); random(20)")
      #expect(SampleRun.texts(outputs[1]) == expected)
    }
  }

  /// `out=` fills the array it is given with the values a new array would hold.
  @Test func generatorOutFillsInPlace() throws {
    let expected = try GoldenFile.reference(Self.generatorUniform).values(seed: "0", firstCall: "random(20)")
    let outputs = try SampleRun.outputs(.numpyGenerator, seed: "0", "x = zeros((4, 5)); random(out=x); x")
    #expect(outputs.map(\.tensor.shape) == [[4, 5], [4, 5]])
    #expect(SampleRun.texts(outputs[1]) == expected)
  }

  /// Array helpers compute as NumPy 2.4.6 does (values printed by NumPy).
  @Test func arrayHelpersMatchNumPy() throws {
    let outputs = try SampleRun.outputs(
      .numpy, seed: "0",
      """
      arange(0.1, 1.0, 0.3); a = arange(-1.0, 1.0, 0.1); a[3]; a[7]; a[19]; arange(10, 0, -3);
      array([1.5, -2.7, 300.0]).astype(int8); array([-1, 256, 70000]).astype('uint16');
      frombuffer(b'\\x01\\x00\\x00\\x80\\xff\\xff\\xff\\xff', dtype=int32); array([0.1], dtype=float32)
      """)
    #expect(outputs.map { $0.plainLines } == [
      ["0.1", "0.4", "0.7000000000000001"], ["-0.7000000000000001"], ["-0.30000000000000016"], ["0.8999999999999995"],
      ["10", "7", "4", "1"], ["1", "-2", "44"], ["65535", "256", "4464"], ["-2147483647", "-1"], ["0.10000000149011612"],
    ])
    #expect(outputs.map(\.tensor.dtype) == [.float64, .float64, .float64, .float64, .int64, .int8, .uint16, .int32, .float32])
  }

  // MARK: Draw reports

  @Test func oneReportPerDrawingCallWithContiguousCounters() throws {
    let log = DrawLog()
    let outputs = try SampleRun.outputs(
      .numpy, seed: "0",
      "random(3); randn(3); randn(1); randint(0, 10, 5, dtype=uint8); x = arange(7); shuffle(x); choice(10, 3, replace=False); RandomState(3).random(2); _ = bytes(5); random(1)",
      observer: log)
    #expect(log.draws.map(\.operation) == [
      "random", "randn", "randn", "randint", "shuffle", "choice", "random", "bytes", "random",
    ])
    #expect(log.draws.map(\.stream.name) == ["global", "global", "global", "global", "global", "global", "RandomState#1", "global", "global"])
    #expect(SampleRun.contiguous(log.draws))
    #expect(log.draws[2].count == 0)  // the cached second Gaussian of the pair
    #expect(log.draws[3].values == .uint8(outputs[3].tensor.doubles.map { UInt8($0) }))
    #expect(log.draws[0].values == .float64(outputs[0].tensor.doubles))
    #expect(log.draws[0].stream.seedMaterial == "init_genrand(0)")
  }

  /// Small integer dtypes keep their dtype from the draw report into a trace.
  @Test func smallIntegerDrawsKeepTheirDTypeInATrace() throws {
    let golden = try GoldenFile.reference(Self.legacyIntegers)
    let goldenCase = try #require(golden.firstCase(seed: "0", firstCall: "randint(0, 5, 10, dtype=uint8)"))
    let calls = Array(GoldenFile.calls(goldenCase).prefix(2))
    #expect(calls == ["randint(0, 5, 10, dtype=uint8)", "randint(-100, 100, 21, dtype=int8)"])
    let header = RunHeader(producer: "rngdiff-tests", producerVersion: "0", profile: TraceProfile(framework: .numpy, version: "2.4.6"))
    let writer = TraceWriter(header: header)
    let recorder = TraceRecorder(writer: writer, keepsValues: true)
    _ = try SampleRun.outputs(.numpy, seed: "0", calls.joined(separator: "; "), observer: recorder)
    try recorder.finish()
    let reader = try TraceReader(bytes: writer.bytes, name: "recorded")
    var draws: [DrawEvent] = []
    while let e = try reader.next() { if case .draw(let d) = e { draws.append(d) } }
    #expect(reader.findings.isEmpty)
    let expected = (0..<2).map { GoldenFile.values(GoldenFile.outputs(goldenCase, call: $0)[0]) }
    guard draws.count == 2, case .uint8(let u)? = draws[0].values, case .int8(let i)? = draws[1].values else {
      Issue.record("expected a uint8 and an int8 draw, got \(draws.map { $0.values?.dtypeName ?? "none" })")
      return
    }
    #expect(u.map(String.init) == expected[0])
    #expect(i.map(String.init) == expected[1])
  }

  @Test func generatorReportsThroughTheBinding() throws {
    let log = DrawLog()
    _ = try SampleRun.outputs(
      .numpyGenerator, seed: "[1, 2, 3]",
      "integers(0, 10, 3); random(1); integers(0, 10, 1); standard_normal(4, dtype=float32); choice(20, 5, replace=False); default_rng(5).random(1)",
      observer: log)
    #expect(log.draws.count == 6)
    #expect(log.draws.map(\.stream.name) == [
      "default_rng([1, 2, 3])", "default_rng([1, 2, 3])", "default_rng([1, 2, 3])", "default_rng([1, 2, 3])",
      "default_rng([1, 2, 3])", "Generator#1",
    ])
    #expect(log.draws[2].count == 0)  // served from the kept 32-bit half
    #expect(SampleRun.contiguous(log.draws))
  }
}
