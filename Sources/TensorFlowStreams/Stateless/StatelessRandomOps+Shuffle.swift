import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.experimental.stateless_shuffle(value, seed, alg='auto_select')`:
  /// the `StatelessShuffle` kernel, `RandomShuffle`'s forward Fisher–Yates
  /// (row `i` swapped with row `i + word % (rows - i)`, one 32-bit word
  /// each) read from the stateless key and counter of `seed`.
  ///
  /// ```swift
  /// try StatelessRandomOps.shuffle(.int32(Array(1...10)), shape: [10], seed: [8, 9])
  /// // .int32([2, 1, 5, 7, 6, 3, 9, 8, 10, 4])
  /// ```
  ///
  /// Edge case: a scalar, or at most one row, comes back unchanged and draws
  /// nothing (the report then says 0 blocks).
  /// - Throws: ``FrameworkError`` when `shape` does not match the values, for
  ///   a bad seed or an unsupported `alg`.
  public static func shuffle(
    _ values: DrawnValues, shape: [Int], seed: [Int64], alg: String? = nil, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    let count = try TensorShape.elementCount(shape)
    guard count == values.count else {
      throw FrameworkError("value has \(values.count) elements but shape \(shape) holds \(count).", parameter: "value")
    }
    let key = try StatelessKey(seed: seed)
    let rows = (count <= 1 || shape.isEmpty || shape[0] <= 1) ? 1 : shape[0]
    let order = key.fill.shufflePermutation(rows)
    let out = values.rows(order, rowLength: rows > 1 ? count / rows : count)
    report(key, blocks: PhiloxFill.blocks(count: rows - 1, perBlock: 4),
           operation: "stateless_shuffle", distribution: "permutation", parameters: [], shape: shape,
           values: out, observer: observer)
    return out
  }
}
