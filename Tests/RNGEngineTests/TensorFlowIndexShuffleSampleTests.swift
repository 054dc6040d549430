import PythonSubset
import RNGEngine
import RNGStreams
import TestSupport
import Testing

/// `tf.random.experimental.index_shuffle` through `rngdiff sample tensorflow`:
/// the values of tensorflow_index_shuffle.jsonl (real TensorFlow 2.21) and
/// TensorFlow's refusals.
@Suite struct TensorFlowIndexShuffleSample {
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
      path: Fixtures.url("reference/tensorflow/tensorflow_index_shuffle.jsonl").path)
  }

  @Test func everyIndexLandsOnceInThePermutation() throws {
    let outputs = try SampleSession.run(
      framework: .tensorflow, seed: nil, calls: "experimental.index_shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4], 11)", options: [:])
    guard case .int(let values) = outputs.first?.tensor.storage else {
      Issue.record("index_shuffle of Python ints gives int32 values")
      return
    }
    #expect(values.sorted() == Array(0...11))
    #expect(values != Array(0...11))
  }

  @Test func badInputSaysWhatIsAccepted() {
    #expect(failure("experimental.index_shuffle(5, [1, 2], 3)") == "<calls>:1:28: max_index must be >= index, but 3 < 5")
    #expect(failure("experimental.index_shuffle(-1, [1, 2], 3)") == "<calls>:1:28: index must be >= 0 but was -1")
    #expect(failure("experimental.index_shuffle(1, [1], 3)").hasPrefix("<calls>:1:31: "))
    #expect(failure("experimental.index_shuffle([[1]], [1, 2], 3)") == "<calls>:1:28: index_shuffle() argument 'index' must be a scalar or a vector, got shape [1, 1]")
  }
}
