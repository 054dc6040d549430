import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// The candidate samplers through `rngdiff sample tensorflow`: the values are
/// checked against real TensorFlow 2.21 by the golden harness
/// (tensorflow_candidate_samplers.jsonl); here, what they refuse and where.
@Suite struct TensorFlowCandidateSamplerSample {
  func failure(_ calls: String) -> String {
    do {
      _ = try SampleSession.run(framework: .tensorflow, seed: "1", calls: calls, options: [:])
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func badInputSaysWhatTensorFlowSays() {
    #expect(failure("uniform_candidate_sampler([[1]], 1, 5, True, 4)") == "<calls>:1:37: Sampler's range is too small.")
    #expect(failure("uniform_candidate_sampler([[4]], 1, 2, False, 4)") == "<calls>:1:27: `true_candidate` out of range [0, 4), received 4")
    #expect(failure("uniform_candidate_sampler([1, 2], 1, 2, False, 4)") == "<calls>:1:27: true_classes must be a matrix")
    #expect(failure("uniform_candidate_sampler([[1, 2]], 1, 2, False, 4)") == "<calls>:1:27: true_classes must have num_true columns, expected: 2 was: 1")
    #expect(failure("log_uniform_candidate_sampler([[1]], 1, 0, False, 4)") == "<calls>:1:41: Value for attr 'num_sampled' of 0 must be at least minimum 1")
    #expect(failure("fixed_unigram_candidate_sampler([[1]], 1, 2, False, 4, unigrams=[1.0, 2.0])") == "<calls>:1:53: range is 4 must be equal to weights size  2")
    #expect(failure("fixed_unigram_candidate_sampler([[1]], 1, 2, False, 4)") == "<calls>:1:1: Must provide either vocab_file or unigrams.")
    #expect(failure("uniform_candidate_sampler([[1]], 1, 2, 1, 4)") == "<calls>:1:40: Expected bool for argument 'unique' not 1.")
  }

  @Test func refusesWhatIsNotEmulated() {
    #expect(failure("fixed_unigram_candidate_sampler([[1]], 1, 2, False, 4, vocab_file='v.txt')").contains("vocab_file is not emulated"))
    #expect(failure("fixed_unigram_candidate_sampler([[1]], 1, 3, True, 3, unigrams=[1.0, 0.0, 2.0])").contains("is not emulated: TensorFlow redraws until 2**31 tries"))
    #expect(failure("learned_unigram_candidate_sampler([[1]], 1, 3, False, 2**25)").contains("is not emulated"))
    // TensorFlow 2 exports these two only under tf.random.
    #expect(failure("nn.uniform_candidate_sampler([[1]], 1, 2, False, 4)") != "no error")
    #expect(failure("nn.log_uniform_candidate_sampler([[1]], 1, 2, False, 4)") != "no error")
  }

  @Test func returnsTheThreeTensorsOfTensorFlow() throws {
    let outputs = try SampleSession.run(
      framework: .tensorflow, seed: "1", calls: "all_candidate_sampler([[1, 2], [0, 3]], 2, 4, False)", options: [:])
    #expect(outputs.map(\.tensor.shape) == [[4], [2, 2], [4]])
    #expect(outputs.map(\.tensor.dtype.rawValue) == ["int64", "float32", "float32"])
  }
}
