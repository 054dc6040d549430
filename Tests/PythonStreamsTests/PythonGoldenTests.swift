import PythonStreams
import RNGStreams
import Testing

/// Every case of fixtures/reference/python/*.jsonl (CPython 3.11.7's
/// `random`), replayed through PythonRandom and compared bit for bit.
@Suite struct PythonGoldenTests {
  static let files = ["python/python_real.jsonl", "python/python_integers.jsonl", "python/python_sequences.jsonl"]

  @Test(arguments: files)
  func goldenFileMatches(_ file: String) throws {
    let cases = try GoldenCase.load(file)
    #expect(cases.count > 20)
    var compared = 0
    for golden in cases {
      var evaluator = PythonCallEvaluator(global: try PythonRandom.forGolden(golden.seed))
      for (index, call) in golden.calls.enumerated() {
        let value = try evaluator.run(call)
        let expected = golden.outputs(ofCall: index)
        try #require(expected.count == 1, "\(file):\(golden.line) \(call): one output expected")
        let problem = value.mismatch(against: expected[0])
        #expect(problem == nil, "\(file):\(golden.line) \(call): \(problem ?? "")")
        compared += expected[0].values.count
      }
    }
    #expect(compared > 1000)
  }

  /// The research note's known answers, restated from CPython.
  @Test func knownAnswers() throws {
    var r = PythonRandom(seed: 0)
    #expect([r.random(), r.random(), r.random()] == [0.8444218515250481, 0.7579544029403025, 0.420571580830845])
    var h = try PythonRandom(seed: .string("hello"))
    #expect(h.random() == 0.3537754404730722)
    var g = PythonRandom(seed: 42)
    #expect(g.getrandbits(64) == 2_053_695_854_357_871_005)
  }
}
