import RNGStreams

extension StatelessRandomOps {
  /// `tf.nn.experimental.stateless_dropout(x, rate, seed, rng_alg=None, noise_shape=None)`:
  /// `tf.nn.dropout` with `stateless_uniform(noise_shape, seed, dtype=x.dtype)`
  /// as the noise. `rate == 0` returns `x` and draws nothing.
  ///
  /// ```swift
  /// try StatelessRandomOps.dropout(.float32(Array(repeating: 1, count: 40)), shape: [40],
  ///                                rate: 0.5, seed: [1, 2])
  /// ```
  /// - Throws: ``FrameworkError`` for a rate outside `[0, 1)`, an integer
  ///   `x`, a bad seed, a shape that does not match `x`, or a noise shape
  ///   that does not broadcast.
  public static func dropout(
    _ x: DrawnValues, shape: [Int], rate: Double, seed: [Int64], noiseShape: [Int]? = nil,
    alg: String? = nil, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let dtype = try DropoutMask.validate(rate: rate, x: x)
    let count = try TensorShape.elementCount(shape)
    guard count == x.count else {
      throw FrameworkError("x has \(x.count) values but shape \(shape) holds \(count).", parameter: "x")
    }
    if rate == 0 { return x }
    try checkAlgorithm(alg)
    let noise = try DropoutMask.noiseShape(noiseShape, for: shape)
    let noiseCount = try TensorShape.elementCount(noise)
    let key = try StatelessKey(seed: seed)
    let raw: DrawnValues =
      dtype == .float32 ? .float32(key.fill.uniformFloat32(noiseCount)) : .float64(key.fill.uniformFloat64(noiseCount))
    // stateless_uniform's own `rnd * (1 - 0) + 0` leaves the values unchanged.
    let (out, keep) = DropoutMask.apply(x, shape: shape, rate: rate, noiseShape: noise, noise: raw)
    report(key, blocks: PhiloxFill.blocks(count: noiseCount, perBlock: dtype.valuesPerBlock),
           operation: "stateless_dropout", distribution: "bernoulli",
           parameters: [.init("rate", "\(rate)"), .init("noise_shape", "\(noise)")], shape: noise,
           values: .bool(keep), observer: observer)
    return out
  }
}
