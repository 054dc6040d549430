import RNGStreams
import Testing
import TensorFlowStreams

/// Long runs (up to 262,144 values per call) against digests of the real
/// outputs: every value must match bit for bit for the digest to match.
@Suite struct TensorFlowDigestTests {
  /// Each digest case's call, written against the Swift API. The golden's
  /// call text must be one of these, so a new digest case fails until it
  /// is mapped here.
  static func calls() -> [String: (inout TensorFlowEagerContext) throws -> DrawnValues] {
    [
    "normal([262144], seed=7)": { try $0.normal([262_144], seed: 7) },
    "normal([100003], dtype=float64, seed=7)": { try $0.normal([100_003], dtype: .float64, seed: 7) },
    "truncated_normal([131072], seed=7)": { try $0.truncatedNormal([131_072], seed: 7) },
    "truncated_normal([50001], dtype=float64, seed=7)": { try $0.truncatedNormal([50_001], dtype: .float64, seed: 7) },
    "stateless_normal([262144], seed=[12, 34])": { _ in try StatelessRandomOps.normal([262_144], seed: [12, 34]) },
    "stateless_truncated_normal([131072], seed=[-12, 34])": { _ in
      try StatelessRandomOps.truncatedNormal([131_072], seed: [-12, 34])
    },
    "uniform([262144], seed=7)": { try $0.uniform([262_144], seed: 7) },
    ]
  }

  @Test func longRunsMatchTheirDigests() throws {
    let digests = try Golden.digests("reference/tensorflow/tensorflow_digests.jsonl")
    #expect(digests.count >= 7)
    let calls = Self.calls()
    for golden in digests {
      guard let call = calls[golden.call] else {
        Issue.record("digest case \(golden.call) has no Swift call in TensorFlowDigestTests.calls")
        continue
      }
      var tf = TensorFlowEagerContext()
      if let seed = golden.seed { tf.setSeed(seed) }
      let values = try call(&tf)
      #expect(values.dtype.rawValue == golden.dtype)
      #expect([values.count] == golden.shape)
      #expect(Array(values.doubles.prefix(golden.first.count)) == golden.first, "\(golden.call)")
      #expect(Golden.fnv1a64(values) == golden.fnv1a64, "\(golden.call)")
    }
  }
}
