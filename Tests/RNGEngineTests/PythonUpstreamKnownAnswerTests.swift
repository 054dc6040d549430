import RNGEngine
import TestSupport
import Testing

/// Known answers pinned by CPython's own test suite (Lib/test/test_random.py,
/// python/cpython), restated as `rngdiff sample python` runs. Each test
/// names the upstream test it follows; the values are the ones the upstream
/// test pins, the code is ours.
@Suite struct PythonUpstreamKnownAnswerTests {
  /// The float values of one run's outputs, in order.
  static func floats(_ seed: String, _ calls: String, options: [String: String] = [:]) throws -> [Double] {
    try SampleSession.run(framework: .python, seed: seed, calls: calls, options: options)
      .flatMap(SampleRun.texts).map { try #require(Double($0)) }
  }

  static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

  /// test_guaranteed_stable: sequences CPython promises never to change.
  @Test func guaranteedStableSequences() throws {
    #expect(Self.bits(try Self.floats("0", "_ = seed(3456147, version=1); random(); random(); random(); random()"))
      == Self.bits([0x1.ac362300d90d2p-1, 0x1.9d16f74365005p-1, 0x1.1ebb4352e4c4dp-1, 0x1.1a7422abf9c11p-1]))
    #expect(Self.bits(try Self.floats("0", "seed('the quick brown fox', version=2); random(); random(); random(); random()"))
      == Self.bits([0x1.1239ddfb11b7cp-3, 0x1.b3cbb5c51b120p-4, 0x1.8c4f55116b60fp-1, 0x1.63eb525174a27p-1]))
  }

  /// test_bug_27706 (str) and test_bug_31482 (bytes): version-1 seeds do
  /// not depend on hash randomization, and bytes seed like the str of their
  /// Latin-1 code points.
  @Test(arguments: [
    ("'nofar'", [0x1.8645314505ad7p-1, 0x1.afb1f82e40a40p-5, 0x1.2a59d2285e971p-1, 0x1.56977142a7880p-6]),
    ("b'nofar'", [0x1.8645314505ad7p-1, 0x1.afb1f82e40a40p-5, 0x1.2a59d2285e971p-1, 0x1.56977142a7880p-6]),
    ("'rachel'", [0x1.0b294cc856fcdp-1, 0x1.2ad22d79e77b8p-3, 0x1.3052b9c072678p-2, 0x1.578f332106574p-3]),
    ("b'rachel'", [0x1.0b294cc856fcdp-1, 0x1.2ad22d79e77b8p-3, 0x1.3052b9c072678p-2, 0x1.578f332106574p-3]),
    ("''", [0x1.b0580f98a7dbep-1, 0x1.84129978f9c1ap-1, 0x1.aeaa51052e978p-2, 0x1.092178fb945a6p-2]),
    ("b''", [0x1.b0580f98a7dbep-1, 0x1.84129978f9c1ap-1, 0x1.aeaa51052e978p-2, 0x1.092178fb945a6p-2]),
    ("b'\\x00\\x20\\x40\\x60\\x80\\xA0\\xC0\\xE0\\xF0'",
     [0x1.52c2fde444d23p-1, 0x1.875174f0daea4p-2, 0x1.9e9b2c50e5cd2p-1, 0x1.fa57768bd321cp-2]),
  ])
  func versionOneSeeds(literal: String, expected: [Double]) throws {
    let values = try Self.floats("0", "seed(\(literal), version=1); random(); random(); random(); random()")
    #expect(Self.bits(values) == Self.bits(expected))
  }

  /// test_randbytes (MersenneTwister_TestBasicOps): seed 8675309 pins 16
  /// bytes; randbytes(0) draws nothing; randbytes(1) keeps the high byte
  /// of each word (`expected[3::4]`).
  @Test func randbytesPinnedBytes() throws {
    let expected: [UInt8] = [0x33, 0xa8, 0xf9, 0x66, 0xf4, 0xa4, 0xd0, 0x36, 0x19, 0x8f, 0x9f, 0x82, 0x02, 0x6f, 0x65, 0xf0]
    let texts = expected.map { "\($0)" }
    let whole = try SampleSession.run(framework: .python, seed: "8675309", calls: "list(randbytes(0)); list(randbytes(16))")
    #expect(whole.count == 2 && whole[0].tensor.count == 0)
    #expect(SampleRun.texts(whole[1]) == texts)
    let ones = try SampleSession.run(
      framework: .python, seed: "8675309", calls: "list(randbytes(1)); list(randbytes(1)); list(randbytes(1)); list(randbytes(1))")
    #expect(ones.flatMap(SampleRun.texts) == [3, 7, 11, 15].map { texts[$0] })
  }

  /// test_choices_algorithms: equal weights, cumulative weights and no
  /// weights pick the same items; so do weights and an expanded population
  /// (American roulette: 18, 18, 2).
  @Test func choicesAlgorithmsAgree() throws {
    let plain = try Self.floats("8675309", "choices(range(1000), k=300)")
    let weighted = try Self.floats("8675309", "choices(range(1000), [1] * 1000, k=300)")
    let cumulative = try Self.floats("8675309", "choices(range(1000), cum_weights=range(1, 1001), k=300)")
    #expect(plain == weighted && plain == cumulative && plain.count == 300)
    let expanded = try Self.floats("9035768", "choices([0] * 18 + [1] * 18 + [2] * 2, k=500)")
    let roulette = try Self.floats("9035768", "choices([0, 1, 2], [18, 18, 2], k=500)")
    let rouletteCumulative = try Self.floats("9035768", "choices([0, 1, 2], cum_weights=[18, 36, 38], k=500)")
    #expect(expanded == roulette && expanded == rouletteCumulative && expanded.count == 500)
  }

  /// test_constant: parameters that pin the result whatever is drawn.
  @Test(arguments: [
    ("triangular(10.0, 10.0)", 10.0), ("triangular(10.0, 10.0, 10.0)", 10.0), ("expovariate(float('inf'))", 0.0),
    ("vonmisesvariate(3.0, float('inf'))", 3.0), ("gauss(10.0, 0.0)", 10.0), ("lognormvariate(0.0, 0.0)", 1.0),
    ("lognormvariate(-float('inf'), 0.0)", 0.0), ("normalvariate(10.0, 0.0)", 10.0),
    ("paretovariate(float('inf'))", 1.0), ("weibullvariate(10.0, float('inf'))", 10.0),
    ("weibullvariate(0.0, 10.0)", 0.0), ("binomialvariate(0, 0.5)", 0), ("binomialvariate(10, 0.0)", 0),
    ("binomialvariate(10, 1.0)", 10),
  ])
  func constantVariates(call: String, expected: Double) throws {
    let values = try Self.floats("1", Array(repeating: call, count: 100).joined(separator: "; "), options: ["python_version": "3.12"])
    #expect(values.count == 100 && values.allSatisfy { $0 == expected })
  }

  /// test_von_mises_range: every variate lies in [0, 2π].
  @Test func vonMisesStaysInRange() throws {
    for mu in ["0.0", "0.1", "3.1", "6.2"] {
      for kappa in ["0.0", "2.3", "500.0"] {
        let values = try Self.floats("2", Array(repeating: "vonmisesvariate(\(mu), \(kappa))", count: 100).joined(separator: "; "))
        #expect(values.allSatisfy { (0...(2 * Double.pi)).contains($0) }, "vonmisesvariate(\(mu), \(kappa))")
      }
    }
  }

  /// test_binomialvariate's range checks, on every path (3.12 profile).
  @Test(arguments: [("binomialvariate(5, 0.25)", 5), ("binomialvariate(5, 0.75)", 5), ("binomialvariate(100, 0.25)", 100),
                    ("binomialvariate(100, 0.75)", 100), ("binomialvariate(1, 0.3)", 1)])
  func binomialStaysInRange(call: String, n: Int) throws {
    let values = try Self.floats("3", Array(repeating: call, count: 200).joined(separator: "; "), options: ["python_version": "3.12"])
    #expect(values.count == 200 && values.allSatisfy { $0 >= 0 && $0 <= Double(n) && $0 == $0.rounded() })
    #expect(Set(values).count > 1)
  }
}
