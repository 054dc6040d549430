import PythonStreams
import RNGStreams
import Testing

/// Inputs CPython rejects throw FrameworkError with CPython's message
/// (recorded from CPython 3.11.7).
@Suite struct PythonErrorTests {
  func message(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as FrameworkError {
      return error.message
    } catch {
      return "\(error)"
    }
  }

  @Test func messages() {
    var r = PythonRandom(seed: 0)
    let cases: [(String, () throws -> Void)] = [
      ("empty range for randrange()", { _ = try r.randrange(0) }),
      ("empty range for randrange() (5, 5, 0)", { _ = try r.randrange(5, 5) }),
      ("zero step for randrange()", { _ = try r.randrange(0, 10, 0) }),
      ("empty range for randrange()", { _ = try r.randrange(10, 0, 2) }),
      ("Missing a non-None stop argument", { _ = try r.randrange(5, nil, 2) }),
      ("empty range for randrange() (5, 5, 0)", { _ = try r.randint(a: 5, b: 4) }),
      ("Cannot choose from an empty sequence", { _ = try r.choice([Int]()) }),
      ("Sample larger than population or is negative", { _ = try r.sample(populationSize: 3, k: 4) }),
      ("Sample larger than population or is negative", { _ = try r.sample(populationSize: 3, k: -1) }),
      ("number of bits must be non-negative", { _ = try r.getrandbitsWords(-1) }),
      ("The number of counts does not match the population", { _ = try r.sample([1, 2], k: 1, counts: [1]) }),
      ("Total of counts must be greater than zero", { _ = try r.sample([1, 2], k: 1, counts: [0, 0]) }),
      ("The number of weights does not match the population", { _ = try r.choices([1, 2], weights: [1], k: 1) }),
      ("Total of weights must be greater than zero", { _ = try r.choices([1, 2], weights: [0, 0]) }),
      ("Cannot specify both weights and cumulative weights", {
        _ = try r.choices([1, 2], weights: [1, 2], cumWeights: [1, 3])
      }),
      ("Total of weights must be finite", { _ = try r.choices([1, 2], weights: [1, .infinity]) }),
    ]
    for (expected, body) in cases { #expect(message(body) == expected) }
    #expect(message { _ = try PythonRandom(seed: .float(.nan)) } != nil)
  }

  /// CPython's hash(float), which `seed(float)` uses (values from CPython 3.11).
  @Test(arguments: [
    (1.0, 1), (-1.0, -2), (0.5, 1_152_921_504_606_846_976), (1.5, 1_152_921_504_606_846_977),
    (-1.5, -1_152_921_504_606_846_977), (1e300, 1_224_995_262_755_759_164), (.infinity, 314_159),
    (-.infinity, -314_159), (Double.leastNonzeroMagnitude, 16_777_216), (0.0, 0),
  ])
  func floatHash(_ value: Double, _ expected: Int) {
    #expect(PythonSeed.hash(value) == Int64(expected))
  }

  /// `sample` switches from the pool to the set algorithm at CPython's set size.
  @Test func sampleAlgorithmSwitch() {
    #expect(PythonRandom.sampleUsesPool(populationSize: 21, k: 3))
    #expect(!PythonRandom.sampleUsesPool(populationSize: 22, k: 3))
    #expect(PythonRandom.sampleUsesPool(populationSize: 277, k: 50))
    #expect(!PythonRandom.sampleUsesPool(populationSize: 278, k: 50))
  }
}
