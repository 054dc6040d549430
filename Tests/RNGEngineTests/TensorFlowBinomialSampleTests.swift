import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `tf.random.stateless_binomial` and `Generator.binomial` through
/// `rngdiff sample tensorflow`: the values and generator states of
/// tensorflow_stateless_binomial.jsonl (real TensorFlow 2.21) and the refusals.
@Suite struct TensorFlowBinomialSample {
  func failure(_ calls: String) -> String {
    do {
      _ = try SampleSession.run(framework: .tensorflow, seed: nil, calls: calls, options: [:])
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func goldenCasesMatchTheRealTensorFlow() throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(
      path: Fixtures.url("reference/tensorflow/tensorflow_stateless_binomial.jsonl").path)
  }

  @Test func badInputSaysWhatIsAccepted() {
    #expect(failure("stateless_binomial([4], seed=[1, 2], counts=[1.0, 2.0], probs=0.5)").hasPrefix("<calls>:1:20: Shape passed in must end with broadcasted shape"))
    #expect(failure("stateless_binomial([4], seed=[1, 2], counts=[1.0, 2.0], probs=[0.1, 0.2, 0.3])").hasPrefix("<calls>:1:"))
    #expect(failure("g = Generator.from_seed(1); g.binomial([3], counts=10, probs=0.5)") == "<calls>:1:52: Generator.binomial needs counts and probs of one float dtype (write counts as floats, 10.0), got int32 and float32")
  }
}
