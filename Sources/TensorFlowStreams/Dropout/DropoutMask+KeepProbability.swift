import RNGStreams

extension DropoutMask {
  /// TensorFlow 1.x's `tf.nn.dropout(x, keep_prob)`, the arithmetic around
  /// its uniform noise `u` (of x's shape): `keep_prob` converted to x's
  /// dtype, the mask `floor(keep_prob + u)` with the sum rounded in the
  /// dtype, and the output `x / keep_prob * mask`.
  ///
  /// ```swift
  /// let (out, keep) = DropoutMask.applyKeepProbability(.float32([1, 1]), keepProbability: 0.95,
  ///                                                     noise: .float32([0.01, 0.5]))
  /// // keep == [false, true]; out == [0, 1 / Float(0.95)]
  /// ```
  ///
  /// Edge cases: this is not TensorFlow 2's rule (`u >= rate`): where the
  /// rounded sum reaches 1 although `u` is just below `1 - keep_prob`, 1.x
  /// keeps what 2.x drops. A dropped negative `x` gives `-0.0`, as in 1.x.
  ///
  /// - Precondition: `x` and `noise` have the same floating dtype and count.
  public static func applyKeepProbability(
    _ x: DrawnValues, keepProbability: Double, noise: DrawnValues
  ) -> (DrawnValues, [Bool]) {
    switch (x, noise) {
    case (.float32(let v), .float32(let u)):
      precondition(v.count == u.count, "dropout noise must have x's shape")
      let p = Float(keepProbability)
      let mask = u.map { (p + $0).rounded(.down) }
      return (.float32(v.indices.map { v[$0] / p * mask[$0] }), mask.map { $0 == 1 })
    case (.float64(let v), .float64(let u)):
      precondition(v.count == u.count, "dropout noise must have x's shape")
      let mask = u.map { (keepProbability + $0).rounded(.down) }
      return (.float64(v.indices.map { v[$0] / keepProbability * mask[$0] }), mask.map { $0 == 1 })
    default:
      preconditionFailure("dropout input and noise must be floating point of one dtype")
    }
  }
}
