import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `rngdiff sample python` through the real binding: CPython 3.11's error
/// texts at the right place, `random.seed`'s forms, in-place shuffles, draw
/// reports, each checked against values CPython 3.11.7 printed.
@Suite struct PythonSampleTests {
  static let real = "python/python_real.jsonl"
  static let sequences = "python/python_sequences.jsonl"

  @Test(arguments: [
    ("0", "randint(5, 4)", "<calls>:1:12: empty range for randrange() (5, 5, 0)"),
    ("0", "randrange(0)", "<calls>:1:11: empty range for randrange()"),
    ("0", "randrange(1.5)", "<calls>:1:11: non-integer arg 1 for randrange()"),
    ("0", "randrange(0, 10, 0)", "<calls>:1:18: zero step for randrange()"),
    ("0", "randrange(5, step=2)", "<calls>:1:19: Missing a non-None stop argument"),
    ("0", "randrange(2**130)", "<calls>:1:11: randrange() bounds and widths beyond 2**127 are not supported by rngdiff"),
    ("0", "choice([])", "<calls>:1:8: Cannot choose from an empty sequence"),
    ("0", "choice({1: 2})", "<calls>:1:8: choice() argument 'seq' must be a sequence (list, tuple, range or str), got dict"),
    ("0", "sample(range(3), 4)", "<calls>:1:18: Sample larger than population or is negative"),
    ("0", "sample([1, 2], 1, counts=[0, 0])", "<calls>:1:26: Total of counts must be greater than zero"),
    ("0", "choices([1, 2], [1], k=3)", "<calls>:1:17: The number of weights does not match the population"),
    ("0", "choices([1, 2], [1, 1], cum_weights=[1, 2])", "<calls>:1:37: Cannot specify both weights and cumulative weights"),
    ("0", "shuffle((1, 2))", "<calls>:1:9: shuffle() argument 'x' must be a list (shuffled in place), got tuple"),
    ("0", "choices([1], k=2**40)", "<calls>:1:16: choices() makes at most 2**28 values per call here, got k=1099511627776"),
    ("0", "sample(range(10**12), 10**10)", "<calls>:1:23: sample() makes at most 2**28 values per call here, got k=10000000000"),
    ("0", "getrandbits(2**40)", "<calls>:1:13: getrandbits(k) supports k up to 2**30 in rngdiff, got 1099511627776"),
    ("0", "getrandbits(-1)", "<calls>:1:13: number of bits must be non-negative"),
    ("0", "gauss(sigma='a')", "<calls>:1:13: gauss() argument 'sigma' must be a number, got str 'a'"),
    ("0", "random(3)", "<calls>:1:8: random() takes no positional arguments but 1 was given; accepted: random()"),
    ("0", "uniform(1)", "<calls>:1:1: uniform() missing required argument 'b'; accepted: uniform(a, b)"),
    ("0", "seed([1])", "<calls>:1:6: The only supported seed types are: None, int, float, str, bytes, and bytearray; got list"),
    ("0", "seed('x', version=3)",
     "<calls>:1:19: random.seed(str, version=3) seeds from hash(a), which Python salts differently in every process (PYTHONHASHSEED); use version=1 or 2"),
    ("0", "Random([1])", "<calls>:1:8: The only supported seed types are: None, int, float, str, bytes, and bytearray; got list"),
    ("0", "setstate((3, (1, 2), None))", "<calls>:1:10: state vector is the wrong size"),
    ("0", "setstate((3, getstate()[1], 'x'))", "<calls>:1:10: setstate(): rngdiff keeps gauss_next as a float or None, got str"),
    ("0", "binomialvariate(5, 0.5)",
     "<calls>:1:1: binomialvariate() is new in Python 3.12; this run follows Python 3.11 (pass --config python_version=3.12)"),
    ("0", "shuffle([1, 2], random)", "<calls>:1:17: shuffle() takes no 'random' argument since Python 3.11 (this run follows Python 3.11)"),
    ("0", "vonmisesvariate(0, float('nan'))",
     "<calls>:1:20: vonmisesvariate(kappa=nan) never returns in CPython (every attempt is rejected); rngdiff refuses it"),
    ("0", "gammavariate(float('inf'), 1.0)",
     "<calls>:1:14: gammavariate(alpha=inf) never returns in CPython (every attempt is rejected); rngdiff refuses it"),
    ("0", "triangular(mode='a')", "<calls>:1:17: triangular() argument 'mode' must be a number, got str 'a'"),
    ("0", "rando()", "<calls>:1:1: 'rando' is not a python call rngdiff knows; did you mean 'Random'? accepted: Random, betavariate, binomialvariate, choice, choices, expovariate, gammavariate, gauss, getrandbits, getstate, lognormvariate, normalvariate, paretovariate, randbytes, randint, random, randrange, sample, seed, setstate, shuffle, triangular, uniform, vonmisesvariate, weibullvariate"),
    ("[1]", "random()", "--seed:1:1: The only supported seed types are: None, int, float, str, bytes, and bytearray; got list"),
    ("float('nan')", "random()",
     "--seed:1:1: random.seed(nan) is not reproducible: Python hashes NaN by object identity; seed with an int, float, str or bytes"),
  ])
  func badInputGetsCPythonsMessageAtItsPlace(seed: String, calls: String, message: String) {
    #expect(SampleRun.failure(.python, seed: seed, calls) == message)
  }

  @Test func configFlagsOtherThanThePythonVersionAreRefused() {
    #expect(SampleRun.failure(.python, seed: "0", "random()", options: ["version": "1"])
      == "--config:1:1: python has no configuration 'version'; accepted: python_version=3.9|3.10|3.11|3.12|3.13")
    #expect(SampleRun.failure(.python, seed: "0", "random()", options: ["python_version": "3.8"])
      == "--config:1:1: python_version must be one of 3.9|3.10|3.11|3.12|3.13 (the CPython releases rngdiff has a profile for), got '3.8'")
  }

  /// The profile picks signatures: `binomialvariate` from 3.12, the
  /// `expovariate()` default from 3.12, the `gauss()` defaults from 3.11,
  /// `shuffle(x, random)` up to 3.10; a patch level is accepted.
  @Test(arguments: [
    ("3.12.1", "binomialvariate(3, 0.5)", "no error"),
    ("3.11", "expovariate()",
     "<calls>:1:1: expovariate() missing 1 required positional argument: 'lambd' (the default is new in Python 3.12; this run follows Python 3.11)"),
    ("3.12", "expovariate()", "no error"),
    ("3.10", "gauss()",
     "<calls>:1:1: gauss() missing 2 required positional arguments: 'mu' and 'sigma' (the defaults are new in Python 3.11; this run follows Python 3.10)"),
    ("3.10", "gauss(0.0, 1.0); shuffle([1, 2, 3], random)", "no error"),
    ("3.10", "shuffle([1, 2, 3], lambda: 1.0)", "<calls>:1:20: list index out of range (random() returned 1.0)"),
    ("3.9", "randrange(5, step=2)", "no error"),
    ("3.10", "choice(())", "<calls>:1:8: tuple index out of range"),
  ])
  func theProfilePicksTheSignature(version: String, calls: String, expected: String) {
    #expect(SampleRun.failure(.python, seed: "0", calls, options: ["python_version": version]) == expected)
  }

  /// `seed(a, version=1)` for str and bytes is the old string hash: bytes
  /// read as Latin-1 equal the str of the same code points.
  @Test func versionOneSeedsOfBytesEqualTheirLatin1Strings() throws {
    let golden = try GoldenFile.reference("python/python_module-3.11.jsonl")
    let goldenCase = try #require(golden.firstCase(seed: nil, firstCall: "seed('hello', version=1)"))
    let expected = GoldenFile.values(GoldenFile.outputs(goldenCase, call: 1)[0])
    let viaBytes = try SampleRun.outputs(.python, seed: "0", "seed(b'hello', version=1); random()")
    #expect(SampleRun.texts(viaBytes[0]) == expected)
    let viaInstance = try SampleRun.outputs(.python, seed: "0", "r = Random(1); r.seed('hello', version=1); r.random()")
    #expect(SampleRun.texts(viaInstance[0]) == expected)
    // The default, version 2, is a different stream.
    let version2 = try SampleRun.outputs(.python, seed: "'hello'", "random()")
    #expect(SampleRun.texts(version2[0]) != expected)
  }

  /// A state tuple is a value: kept in a name, passed to another instance,
  /// read back item by item.
  @Test func stateTuplesMoveBetweenStreams() throws {
    let outputs = try SampleRun.outputs(
      .python, seed: "4", "r = Random(5); a = r.random(); setstate(r.getstate()); random(); r.random(); getstate()[0]")
    #expect(SampleRun.texts(outputs[0]) == SampleRun.texts(outputs[1]))
    #expect(outputs[2].plainLines == ["3"])
  }

  /// `--seed S` for the seeds JSON cannot carry equals the golden
  /// `seed(S)` call (bool, float) or `Random(S)` instance (bytes).
  @Test(arguments: ["True", "False", "1.0", "-1.5", "1e300", "float('inf')", "2.5e-320"])
  func seedFlagEqualsTheSeedCall(seed: String) throws {
    let golden = try GoldenFile.reference(Self.real)
    let goldenCase = try #require(golden.firstCase(seed: nil, firstCall: "seed(\(seed))"))
    let outputs = try SampleRun.outputs(.python, seed: seed, "random(); random(); getrandbits(64)")
    for call in 1...3 {
      #expect(SampleRun.texts(outputs[call - 1]) == GoldenFile.values(GoldenFile.outputs(goldenCase, call: call)[0]))
    }
  }

  @Test func bytesSeedsEqualTheGoldenInstances() throws {
    let golden = try GoldenFile.reference(Self.real)
    for literal in ["b'abc'", "b''", "b'\\x00\\x01'"] {
      let goldenCase = try #require(golden.firstCase(seed: nil, firstCall: "Random(\(literal)).random()"))
      // Each golden call seeds a fresh instance.
      let random = try SampleRun.outputs(.python, seed: literal, "random()")
      let bits = try SampleRun.outputs(.python, seed: literal, "getrandbits(64)")
      #expect(SampleRun.texts(random[0]) == GoldenFile.values(GoldenFile.outputs(goldenCase, call: 0)[0]))
      #expect(SampleRun.texts(bits[0]) == GoldenFile.values(GoldenFile.outputs(goldenCase, call: 1)[0]))
    }
  }

  /// The sign of an int seed is dropped: `--seed -1` is `--seed 1`.
  @Test func negativeSeedsDropTheSign() throws {
    let expected = try GoldenFile.reference(Self.real).values(seed: "1", firstCall: "random()")
    #expect(SampleRun.texts(try SampleRun.outputs(.python, seed: "-1", "random()")[0]) == expected)
  }

  /// `shuffle(x)` changes the list every name sees; `x` afterwards prints it.
  @Test func shuffleWorksInPlace() throws {
    let expected = try GoldenFile.reference(Self.sequences).values(seed: "0", firstCall: "shuffle(list(range(10)))")
    let outputs = try SampleRun.outputs(.python, seed: "0", "x = list(range(10)); y = x; shuffle(x); y")
    #expect(SampleRun.texts(outputs[0]) == expected)
    #expect(SampleRun.texts(outputs[1]) == expected)
  }

  @Test func stateRoundTrip() throws {
    let expected = try GoldenFile.reference(Self.real).values(seed: "0", firstCall: "random()")
    let outputs = try SampleRun.outputs(.python, seed: "0", "s = getstate(); gauss(); _ = setstate(s); random()")
    #expect(SampleRun.texts(outputs[1]) == expected)
  }

  /// Shared runtime: `list(b'...')` gives the byte values, as in Python.
  @Test func listOfBytesGivesInts() throws {
    let outputs = try SampleRun.outputs(.python, seed: "0", "list(b'\\x00\\xff\\x07'); list(b'')")
    #expect(outputs[0].plainLines == ["0", "255", "7"])
    #expect(outputs[1].tensor.count == 0)
  }

  @Test func unseededRunsDifferAndSayTheyTookEntropy() throws {
    let log = DrawLog()
    let a = try SampleRun.outputs(.python, seed: nil, "random(); random()", observer: log)
    let b = try SampleRun.outputs(.python, seed: nil, "random(); random()")
    #expect(a.map(\.tensor) != b.map(\.tensor))
    #expect(log.draws.first?.stream.seeding == .entropy)
  }

  @Test func oneReportPerDrawingCallWithContiguousCounters() throws {
    let log = DrawLog()
    let outputs = try SampleRun.outputs(
      .python, seed: "42",
      "random(); gauss(); gauss(); randrange(10); getrandbits(100); x = list(range(10)); shuffle(x); sample(range(100), 5); Random(7).random(); choice(range(1000)); choices([1, 2], k=3); list(randbytes(3)); random()",
      observer: log)
    #expect(log.draws.map(\.operation) == [
      "random", "gauss", "gauss", "randrange", "getrandbits", "shuffle", "sample", "random", "choice", "choices", "randbytes", "random",
    ])
    #expect(log.draws.filter { $0.stream.name == "Random#1" }.map(\.operation) == ["random"])
    #expect(log.draws[2].count == 0)  // the cached second value of the pair
    #expect(SampleRun.contiguous(log.draws))
    #expect(log.draws[0].values == .float64(outputs[0].tensor.doubles))
    #expect(log.draws[10].values == .uint8(outputs[10].tensor.doubles.map { UInt8($0) }))
  }
}
