import RNGStreams

extension TensorFlowEagerContext {
  /// `tf.data.Dataset.shuffle(buffer_size, seed=None,
  /// reshuffle_each_iteration=True)`: takes the op seeds by `get_seed`, as
  /// a random op does (an op seed from the eager op-seed generator when only
  /// the global seed is set), and makes the dataset's seed generator.
  /// Reports the derivation with the seed generator's stream (or, without
  /// reshuffling, nothing derived: each pass's stream names the op seeds).
  ///
  /// ```swift
  /// var tf = TensorFlowEagerContext()
  /// var shuffle = try tf.datasetShuffle(bufferSize: 10, seed: 42, reshuffleEachIteration: true)
  /// let pass = shuffle.nextPass()
  /// ```
  ///
  /// - Throws: ``FrameworkError`` when op determinism is enabled and no
  ///   seed is set, or for a buffer size below 1.
  public mutating func datasetShuffle(bufferSize: Int, seed: Int64?, reshuffleEachIteration: Bool) throws -> DatasetShuffle {
    guard bufferSize >= 1 else {
      throw FrameworkError("buffer_size must be greater than zero.", parameter: "buffer_size")
    }
    let resolution = try resolveSeeds(seed)
    datasetShuffles += 1
    let shuffle = DatasetShuffle(
      bufferSize: bufferSize, seeds: resolution.seeds, reshuffleEachIteration: reshuffleEachIteration,
      name: "data.shuffle#\(datasetShuffles)")
    if let observer {
      var d = resolution.derivation
      d.derived = shuffle.seedStream
      observer.observe(d)
    }
    return shuffle
  }
}
