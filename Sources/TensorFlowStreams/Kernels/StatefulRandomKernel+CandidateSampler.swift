extension StatefulRandomKernel {
  /// Runs a candidate sampler kernel: reserves `2048 × numSampled` words
  /// (`512 × numSampled` blocks), draws the batch from the start of the
  /// reservation one word at a time (running on past it when unique
  /// rejections need more, as TensorFlow does), then lets a learned
  /// sampler count `trueClasses`.
  ///
  /// - Precondition: the kernel has a ``candidateSampler``; the caller has
  ///   checked `trueClasses` lie in its range and, for `unique`, that
  ///   `numSampled` does not exceed it.
  mutating func runCandidateSampler(
    trueClasses: [Int64], numSampled: Int, unique: Bool
  ) -> (CandidateSampler.Batch, Run) {
    guard var sampler = candidateSampler else { preconditionFailure("runCandidateSampler is for candidate sampler kernels") }
    let (fill, run) = reserve(blocks: 512 &* UInt64(numSampled))
    var rnd = SimplePhilox(counter: fill.counter, key: fill.key)
    let batch = sampler.sampleBatch(&rnd, count: numSampled, unique: unique, extras: trueClasses)
    sampler.learn(trueClasses)
    candidateSampler = sampler
    return (batch, run)
  }
}
