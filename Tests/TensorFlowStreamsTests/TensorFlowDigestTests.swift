import Testing
import TensorFlowStreams

/// Long runs (up to 262,144 values per call) against digests of the real
/// outputs: every value must match bit for bit for the digest to match.
@Suite struct TensorFlowDigestTests {
  @Test func longRunsMatchTheirDigests() throws {
    let digests = try Golden.digests("reference/tensorflow/tensorflow_digests.jsonl")
    #expect(digests.count >= 7)
    for golden in digests {
      var runner = TensorFlowCallRunner(seed: golden.seed)
      guard case .tensor(let values, let shape)? = try runner.run(golden.call) else {
        Issue.record("\(golden.call) gave no tensor")
        continue
      }
      #expect(values.dtype.rawValue == golden.dtype)
      #expect(shape == golden.shape)
      #expect(Array(values.doubles.prefix(golden.first.count)) == golden.first, "\(golden.call)")
      #expect(Golden.fnv1a64(values) == golden.fnv1a64, "\(golden.call)")
    }
  }
}
