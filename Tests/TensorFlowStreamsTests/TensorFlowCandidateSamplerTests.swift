import RNGStreams
import Testing
import TensorFlowStreams

/// TensorFlow's candidate sampler kernels: their state across runs and
/// their refusals; tensorflow_candidate_samplers.jsonl has the real values.
@Suite struct TensorFlowCandidateSamplerTests {
  @Test func learnedCountsStartAtOneAndCountEachTrueClass() {
    var counts = UnigramCounts(classes: 5)
    #expect(counts.total == 5)
    counts.learn([2, 2, 4])
    #expect(counts.total == 8)
    #expect(counts.weight(of: 2) == 3)
    #expect(counts.probability(of: 2) == Float(3) / Float(8))
    #expect(counts.probability(of: 0) == Float(1) / Float(8))
  }

  @Test func aliasTablePairsSmallWeightsWithLargeOnes() {
    // Scaled weights 0.5 and 1.5: class 0 keeps 0.5 and aliases class 1, which is left with 1.
    let table = UnigramAliasTable(weights: [1, 3])
    #expect(table.probabilities == [0.5, 1])
    #expect(table.aliases == [1, 1])
    // Equal weights: every class is "high" and keeps itself.
    let even = UnigramAliasTable(weights: [2, 2, 2])
    #expect(even.probabilities == [1, 1, 1])
    #expect(even.aliases == [0, 1, 2])
  }

  @Test func uniqueCandidatesAreDistinctAndCountTheirTries() throws {
    var tf = TensorFlowEagerContext()
    let r = try tf.candidateSampler(
      .uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 9, unique: true, rangeMax: 10, seed: 3)
    #expect(Set(r.candidates).count == 9)
    #expect(r.candidates.allSatisfy { (0..<10).contains($0) })
    // With p = 1/10 for every class the expected count is 1 - 0.9^tries, one value for all,
    // at least 1 - 0.9^9 (nine tries, no rejection: then it would be p × 9 = 0.9 instead).
    #expect(Set(r.sampledExpectedCounts).count == 1)
    #expect(r.sampledExpectedCounts.allSatisfy { $0 > 0.61 && $0 < 1 })
  }

  @Test func attributesKeyTheKernelSoOtherAttributesStartAFreshStream() throws {
    var a = TensorFlowEagerContext()
    let first = try a.candidateSampler(
      .uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 4, unique: false, rangeMax: 1000, seed: 3)
    let second = try a.candidateSampler(
      .uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 4, unique: false, rangeMax: 1000, seed: 3)
    #expect(first.candidates != second.candidates)
    // range_max 999 is another kernel: it starts at its stream's beginning, as the first did.
    var b = TensorFlowEagerContext()
    _ = try b.candidateSampler(
      .uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 4, unique: false, rangeMax: 1000, seed: 3)
    _ = try b.candidateSampler(
      .uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 4, unique: false, rangeMax: 999, seed: 3)
    #expect(b.kernels.count == 2)
    #expect(Set(b.kernels.keys.map(\.streamName)).count == 2)
  }

  @Test func learnedKernelKeepsWhatItLearned() throws {
    var tf = TensorFlowEagerContext()
    let call = { (tf: inout TensorFlowEagerContext) in
      try tf.candidateSampler(
        .learnedUnigramCandidateSampler, trueClasses: [3, 3], trueShape: [2, 1], numTrue: 1, numSampled: 2, unique: false,
        rangeMax: 4, seed: 1)
    }
    let first = try call(&tf)
    let second = try call(&tf)
    // Weights 1,1,1,1 (p = 1/4) then 1,1,1,3 (p = 3/6): expected count p × 2.
    #expect(first.trueExpectedCounts == [0.5, 0.5])
    #expect(second.trueExpectedCounts == [1, 1])
  }

  @Test func refusesWhatTensorFlowRejects() {
    var tf = TensorFlowEagerContext()
    #expect(throws: FrameworkError.self) {
      try tf.candidateSampler(.uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 5, unique: true, rangeMax: 4, seed: 1)
    }
    #expect(throws: FrameworkError.self) {
      try tf.candidateSampler(.uniformCandidateSampler, trueClasses: [4], trueShape: [1, 1], numTrue: 1, numSampled: 2, unique: false, rangeMax: 4, seed: 1)
    }
    #expect(throws: FrameworkError.self) {
      try tf.candidateSampler(.uniformCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 0, unique: false, rangeMax: 4, seed: 1)
    }
    #expect(throws: FrameworkError.self) {
      try tf.candidateSampler(
        .fixedUnigramCandidateSampler, trueClasses: [1], trueShape: [1, 1], numTrue: 1, numSampled: 2, unique: false, rangeMax: 4,
        fixed: FixedUnigramAttributes(unigrams: [1, 2, 3]), seed: 1)
    }
  }
}
