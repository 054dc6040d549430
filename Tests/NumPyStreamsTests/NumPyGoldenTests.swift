import NumPyStreams
import RNGStreams
import Testing

/// Every case of the NumPy golden files (NumPy 2.4.6), replayed through the
/// Swift streams and compared bit for bit.
@Suite struct NumPyGoldenTests {
  static let legacyFiles = [
    "numpy/numpy_uniform.jsonl", "numpy/numpy_normal.jsonl", "numpy/numpy_integers.jsonl",
    "numpy/numpy_permutations.jsonl",
  ]
  static let generatorFiles = [
    "numpy-generator/numpy_generator_uniform.jsonl", "numpy-generator/numpy_generator_normal.jsonl",
    "numpy-generator/numpy_generator_integers.jsonl", "numpy-generator/numpy_generator_permutations.jsonl",
  ]

  @Test(arguments: legacyFiles)
  func legacyGoldenFileMatches(_ file: String) throws {
    let compared = try replay(file) { seed in StreamBox(legacy: try RandomState.forGolden(seed)) }
    #expect(compared > 2000)
  }

  @Test(arguments: generatorFiles)
  func generatorGoldenFileMatches(_ file: String) throws {
    let compared = try replay(file) { seed in StreamBox(generator: try NumPyGenerator.forGolden(seed)) }
    #expect(compared > 4000)
  }

  /// Runs every case; returns the number of values compared.
  func replay(_ file: String, stream: (JSONValue) throws -> StreamBox) throws -> Int {
    let cases = try GoldenCase.load(file)
    #expect(cases.count > 10)
    var compared = 0
    for golden in cases {
      var evaluator = NumPyCallEvaluator(global: try stream(golden.seed))
      for (index, call) in golden.calls.enumerated() {
        let value = try evaluator.run(call)
        let expected = golden.outputs(ofCall: index)
        try #require(expected.count == 1, "\(file):\(golden.line) \(call): one output expected")
        let problem = value.mismatch(against: expected[0])
        #expect(problem == nil, "\(file):\(golden.line) seed \(golden.seed) \(call): \(problem ?? "")")
        compared += expected[0].values.count
      }
    }
    return compared
  }
}

extension RandomState {
  /// `np.random.seed(seed)` for a golden case's seed (an int or a list).
  static func forGolden(_ seed: JSONValue) throws -> RandomState {
    switch seed {
    case .number(let text):
      guard let value = Int128(text) else { throw EvaluationError(description: "seed \(text)") }
      return try RandomState(seed: value)
    case .array(let items):
      return try RandomState(seedArray: items.compactMap { $0.intValue.map { Int128($0) } })
    default: throw EvaluationError(description: "seed \(seed)")
    }
  }
}

extension NumPyGenerator {
  /// `np.random.default_rng(seed)` for a golden case's seed.
  static func forGolden(_ seed: JSONValue) throws -> NumPyGenerator {
    switch seed {
    case .number(let text):
      guard let value = Int128(text) else { throw EvaluationError(description: "seed \(text)") }
      return try NumPyGenerator(seed: value)
    case .array(let items):
      return try NumPyGenerator(seedArray: items.compactMap { $0.intValue.map { Int128($0) } })
    default: throw EvaluationError(description: "seed \(seed)")
    }
  }
}
