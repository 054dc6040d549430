import RNGStreams

extension TensorFlowEagerContext {
  /// What a candidate sampler call returns: `sampled_candidates` (int64,
  /// `[num_sampled]`), `true_expected_count` (float32, the shape of
  /// `true_classes`) and `sampled_expected_count` (float32, `[num_sampled]`).
  public struct SampledCandidates: Sendable, Hashable {
    public var candidates: [Int64]
    public var trueExpectedCounts: [Float]
    public var sampledExpectedCounts: [Float]
  }

  /// `tf.random.uniform_candidate_sampler`, `log_uniform_candidate_sampler`,
  /// `learned_unigram_candidate_sampler`, `fixed_unigram_candidate_sampler`
  /// (with `fixed`) and `all_candidate_sampler` (`op` picks which; for
  /// `AllCandidateSampler`, `rangeMax` is ignored and the range is `numSampled`).
  ///
  /// ```swift
  /// try tf.candidateSampler(.uniformCandidateSampler, trueClasses: [1, 2], trueShape: [1, 2],
  ///                         numTrue: 2, numSampled: 5, unique: true, rangeMax: 10, seed: 1)
  /// ```
  ///
  /// The kernel is keyed by the op's attributes (`num_true`, `num_sampled`,
  /// `unique`, `range_max`, the fixed sampler's weights and the seeds), not
  /// by `true_classes`: a second call with the same attributes continues
  /// its stream 512 × `numSampled` blocks further, and a learned unigram
  /// kernel keeps the counts of every earlier call's true classes.
  ///
  /// - Throws: ``FrameworkError`` with TensorFlow's message for an attribute
  ///   below its minimum or a fixed sampler whose weights do not fill
  ///   `rangeMax` (no kernel is created then), and, from the kernel, for
  ///   `true_classes` that is not a `[batch, numTrue]` matrix, a true class
  ///   outside [0, range), or `unique` with `numSampled` above the range;
  ///   and for a learned unigram range above 2^24 (not emulated: its weight
  ///   tree would hold that many int32 counts per kernel).
  public mutating func candidateSampler(
    _ op: RandomOpType, trueClasses: [Int64], trueShape: [Int], numTrue: Int, numSampled: Int, unique: Bool,
    rangeMax: Int64, fixed: FixedUnigramAttributes? = nil, seed: Int64? = nil
  ) throws -> SampledCandidates {
    let all = op == .allCandidateSampler
    var attributes = "num_true=\(numTrue),num_sampled=\(numSampled),unique=\(unique ? "True" : "False")"
    if !all { attributes += ",range_max=\(rangeMax)" }
    if op == .fixedUnigramCandidateSampler, let fixed { attributes += "," + fixed.keyText }
    let key = try prepareKernel(op, dtype: .int64, opSeed: seed, attributes: attributes) {
      for (name, value) in [("num_true", Int64(numTrue)), ("num_sampled", Int64(numSampled))] + (all ? [] : [("range_max", rangeMax)])
      where value < 1 {
        throw FrameworkError("Value for attr '\(name)' of \(value) must be at least minimum 1", parameter: name)
      }
      switch op {
      case .uniformCandidateSampler: return .uniform(range: rangeMax)
      case .logUniformCandidateSampler: return .logUniform(range: rangeMax)
      case .learnedUnigramCandidateSampler:
        guard rangeMax < Int64(Int32.max) else {
          throw FrameworkError("range_max must be less than \(Int32.max) for unigram samplers, got \(rangeMax)", parameter: "range_max")
        }
        guard rangeMax <= 1 << 24 else {
          throw FrameworkError(
            "learned_unigram_candidate_sampler with range_max above 2**24 (\(rangeMax)) is not emulated: its weight tree would hold that many counts",
            parameter: "range_max")
        }
        return .learnedUnigram(UnigramCounts(classes: Int(rangeMax)))
      case .fixedUnigramCandidateSampler:
        guard let fixed else { throw FrameworkError("Must provide either vocab_file or unigrams.", parameter: "unigrams") }
        return try fixed.sampler(rangeMax: rangeMax)
      case .allCandidateSampler: return .all(range: Int64(numSampled))
      default: preconditionFailure("\(op.rawValue) is not a candidate sampler")
      }
    }
    let observer = self.observer
    return try withKernel(key) { kernel in
      guard let range = kernel.candidateSampler?.range else { preconditionFailure("a candidate sampler kernel has its sampler") }
      guard trueShape.count == 2 else {
        throw FrameworkError("true_classes must be a matrix", parameter: "true_classes")
      }
      guard trueShape[1] == numTrue else {
        throw FrameworkError(
          "true_classes must have num_true columns, expected: \(trueShape[1]) was: \(numTrue)", parameter: "true_classes")
      }
      if unique && Int64(numSampled) > range {
        throw FrameworkError("Sampler's range is too small.", parameter: "num_sampled")
      }
      if unique, case .fixedUnigram(let weights, _, _)? = kernel.candidateSampler {
        let drawable = weights.filter { $0 > 0 }.count
        if numSampled > drawable {
          throw FrameworkError(
            "fixed_unigram_candidate_sampler with unique=True and num_sampled \(numSampled) above the \(drawable) classes of nonzero weight is not emulated: TensorFlow redraws until 2**31 tries and aborts",
            parameter: "num_sampled")
        }
      }
      if let bad = trueClasses.first(where: { $0 < 0 || $0 >= range }) {
        throw FrameworkError("`true_candidate` out of range [0, \(range)), received \(bad)", parameter: "true_classes")
      }
      let (batch, run) = kernel.runCandidateSampler(trueClasses: trueClasses, numSampled: numSampled, unique: unique)
      observer?.observe(
        kernel.report(
          run, operation: op.pythonName,
          parameters: [
            .init("num_true", String(numTrue)), .init("num_sampled", String(numSampled)),
            .init("unique", unique ? "True" : "False"), .init("range_max", String(range)),
            .init("num_tries", String(batch.tries)),
          ],
          shape: [numSampled], values: .int64(batch.candidates)))
      return SampledCandidates(
        candidates: batch.candidates, trueExpectedCounts: batch.extraExpectedCounts,
        sampledExpectedCounts: batch.candidateExpectedCounts)
    }
  }
}
