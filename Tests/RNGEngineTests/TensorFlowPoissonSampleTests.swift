import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `tf.random.stateless_poisson` through `rngdiff sample tensorflow`: the
/// values of tensorflow_stateless_poisson.jsonl (real TensorFlow 2.21) and
/// the refusal of rates TensorFlow never returns for.
@Suite struct TensorFlowPoissonSample {
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
      path: Fixtures.url("reference/tensorflow/tensorflow_stateless_poisson.jsonl").path)
  }

  @Test func badInputSaysWhatIsAccepted() {
    #expect(failure("stateless_poisson([3], seed=[1, 2], lam=float('nan'))") == "<calls>:1:41: stateless_poisson needs finite rates, got nan; TensorFlow's sampler never returns for it.")
    #expect(failure("stateless_poisson([3], seed=[1, 2], lam=[1.0, 2.0])").hasPrefix("<calls>:1:41: Shape passed in must end with broadcasted shape"))
    #expect(failure("stateless_poisson([3], seed=[1], lam=1.0)") == "<calls>:1:29: seed must have shape [2], got 1 element(s).")
  }
}
