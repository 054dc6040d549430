import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `stateless_poisson`, `stateless_binomial`, `Generator.binomial`,
/// `stateless_gamma` and `experimental.index_shuffle` through `rngdiff sample tensorflow`: the
/// values (and generator states) real TensorFlow 2.21 wrote into the golden
/// files, and the refusals, each one located sentence.
@Suite struct TensorFlowStatelessDistributionSample {
  func failure(_ calls: String) -> String {
    do {
      _ = try SampleSession.run(framework: .tensorflow, seed: nil, calls: calls, options: [:])
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: ["tensorflow_stateless_poisson.jsonl", "tensorflow_stateless_binomial.jsonl", "tensorflow_stateless_gamma.jsonl", "tensorflow_gamma_poisson.jsonl",
                    "tensorflow_stateless_categorical.jsonl",
                    "tensorflow_index_shuffle.jsonl"])
  func goldenCasesMatchTheRealTensorFlow(file: String) throws {
    try GoldenSampleCases().everyCaseMatchesTheRealLibrary(path: Fixtures.url("reference/tensorflow/\(file)").path)
  }

  @Test func poissonBadInputSaysWhatIsAccepted() {
    #expect(failure("stateless_poisson([3], seed=[1, 2], lam=float('nan'))") == "<calls>:1:41: stateless_poisson needs finite rates, got nan; TensorFlow's sampler never returns for it.")
    #expect(failure("stateless_poisson([3], seed=[1, 2], lam=[1.0, 2.0])").hasPrefix("<calls>:1:41: Shape passed in must end with broadcasted shape"))
    #expect(failure("stateless_poisson([3], seed=[1], lam=1.0)") == "<calls>:1:29: seed must have shape [2], got 1 element(s).")
  }

  @Test func binomialBadInputSaysWhatIsAccepted() {
    #expect(failure("stateless_binomial([4], seed=[1, 2], counts=[1.0, 2.0], probs=0.5)").hasPrefix("<calls>:1:20: Shape passed in must end with broadcasted shape"))
    #expect(failure("stateless_binomial([4], seed=[1, 2], counts=[1.0, 2.0], probs=[0.1, 0.2, 0.3])") == "<calls>:1:63: counts and probs must have compatible batch dimensions: [2] vs. [3]")
    #expect(failure("stateless_binomial([4], seed=[1, 2], counts=10.0, probs=float('nan'))") == "<calls>:1:57: stateless_binomial with a NaN count or probability is not emulated: TensorFlow writes NaN, whose integer conversion is undefined")
    #expect(failure("g = Generator.from_seed(1); g.binomial([3], counts=10, probs=0.5)") == "<calls>:1:52: Generator.binomial needs counts and probs of one float dtype (write counts as floats, 10.0), got int32 and float32")
  }

  @Test func gammaBadInputSaysWhatIsAccepted() {
    #expect(failure("stateless_gamma([4], seed=[1, 2], alpha=[1.0, 2.0])") == "<calls>:1:41: Shape passed in must end with broadcasted shape: alpha and beta broadcast to [2], shape is [4].")
    #expect(failure("stateless_gamma([4, 2], seed=[1, 2], alpha=[1.0, 2.0], beta=[1.0, 2.0, 3.0])") == "<calls>:1:61: Incompatible shapes: [2] vs. [3]")
    #expect(failure("stateless_gamma([4], seed=[1], alpha=1.0)") == "<calls>:1:27: seed must have shape [2], got 1 element(s).")
    #expect(failure("stateless_gamma([4], seed=[1, 2], alpha=1.0, dtype=int32)") == "<calls>:1:52: stateless_gamma() argument 'dtype' must be float32 or float64 (float16 and bfloat16 are not emulated), got int32")
    #expect(failure("stateless_gamma([4], seed=[1, 2], alpha=constant(1.0, dtype=float64))").hasPrefix("<calls>:1:41: stateless_gamma() argument 'alpha' is a float64 tensor, which cannot be converted to float32"))
  }

  @Test func statefulGammaAndPoissonBadInputSaysWhatIsAccepted() {
    #expect(failure("gamma([4, 2], alpha=[1.0, 2.0], beta=[1.0, 2.0, 3.0], seed=1)") == "<calls>:1:38: Incompatible shapes: [2] vs. [3]")
    #expect(failure("gamma([4], alpha=1.0, dtype=int64)") == "<calls>:1:29: gamma() argument 'dtype' must be float32 or float64 (float16 and bfloat16 are not emulated), got int64")
    #expect(failure("poisson([4], lam=float('inf'))") == "<calls>:1:18: tf.random.poisson needs finite rates, got inf; TensorFlow's sampler never returns for it.")
  }

  @Test func statelessCategoricalBadInputSaysWhatIsAccepted() {
    #expect(failure("stateless_categorical([0.0, 1.0], 3, seed=[1, 2])") == "<calls>:1:23: logits should be a matrix, got shape [2].")
    #expect(failure("stateless_categorical([[0.0, 1.0]], -1, seed=[1, 2])") == "<calls>:1:37: num_samples should be nonnegative, got -1.")
    #expect(failure("stateless_categorical([[0.0, 1.0]], 3, seed=[1, 2], dtype=float32)") == "<calls>:1:59: dtype must be int32 or int64, got float32.")
  }

  @Test func indexShuffleLandsEveryIndexOnce() throws {
    let outputs = try SampleSession.run(
      framework: .tensorflow, seed: nil, calls: "experimental.index_shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4], 11)", options: [:])
    guard case .int(let values) = outputs.first?.tensor.storage else {
      Issue.record("index_shuffle of Python ints gives int32 values")
      return
    }
    #expect(values.sorted() == Array(0...11))
    #expect(values != Array(0...11))
  }

  @Test func indexShuffleBadInputSaysWhatIsAccepted() {
    #expect(failure("experimental.index_shuffle(5, [1, 2], 3)") == "<calls>:1:28: max_index must be >= index, but 3 < 5")
    #expect(failure("experimental.index_shuffle(-1, [1, 2], 3)") == "<calls>:1:28: index must be >= 0 but was -1")
    #expect(failure("experimental.index_shuffle(1, [1], 3)").hasPrefix("<calls>:1:31: "))
    #expect(failure("experimental.index_shuffle([[1]], [1, 2], 3)") == "<calls>:1:28: index_shuffle() argument 'index' must be a scalar or a vector, got shape [1, 1]")
  }
}
