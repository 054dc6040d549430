import RNGStreams

extension TensorFlowEagerContext {
  /// `tf.nn.dropout(x, rate, noise_shape=None, seed=None)` with a Python
  /// number `rate`.
  ///
  /// Draws `tf.random.uniform(noise_shape, dtype=x.dtype, seed=seed)`
  /// (the same kernel as a plain `uniform` with that seed), keeps the
  /// elements whose noise is `>= rate` and scales them by `1 / (1 - rate)`.
  ///
  /// ```swift
  /// let y = try tf.dropout(.float32(Array(repeating: 1, count: 40)), shape: [40], rate: 0.5)
  /// ```
  ///
  /// Edge case: `rate == 0` returns `x` unchanged but still calls
  /// `get_seed` once, so with a global seed and no `seed` it consumes one
  /// eager op seed (or one graph counter value).
  ///
  /// - Throws: ``FrameworkError`` for a rate outside `[0, 1)`, an integer
  ///   `x`, a shape that does not match `x`, or a noise shape that does not
  ///   broadcast.
  public mutating func dropout(
    _ x: DrawnValues, shape: [Int], rate: Double, noiseShape: [Int]? = nil, seed: Int64? = nil
  ) throws -> DrawnValues {
    let dtype = try DropoutMask.validate(rate: rate, x: x)
    let count = try TensorShape.elementCount(shape)
    guard count == x.count else {
      throw FrameworkError("x has \(x.count) values but shape \(shape) holds \(count).", parameter: "x")
    }
    if rate == 0 {
      _ = try getSeed(seed)
      return x
    }
    let noise = try DropoutMask.noiseShape(noiseShape, for: shape)
    let noiseCount = try TensorShape.elementCount(noise)
    let key = try prepareKernel(.randomUniform, dtype: dtype, opSeed: seed)
    let observer = self.observer
    return try withKernel(key) { kernel in
      let (u, run) = try kernel.run(count: noiseCount)
      let (out, keep) = DropoutMask.apply(x, shape: shape, rate: rate, noiseShape: noise, noise: u)
      if let observer {
        var report = kernel.report(
          run, operation: "dropout", parameters: [.init("rate", "\(rate)"), .init("noise_shape", "\(noise)")],
          shape: noise, values: .bool(keep))
        report.distribution = "bernoulli"
        observer.observe(report)
      }
      return out
    }
  }

  /// `tf.random.shuffle(value, seed=None)`: shuffles `values` along the
  /// first dimension of `shape` (rows of the remaining dimensions stay
  /// together).
  ///
  /// The `RandomShuffle` kernel (one per value dtype and seeds) swaps row
  /// `i` with row `i + word % (rows - i)` for `i = 0 ..< rows - 1`, one
  /// 32-bit word each, and reserves `⌈(rows − 1) / 4⌉` blocks per run.
  ///
  /// ```swift
  /// try tf.shuffle(.int32(Array(0..<10)), shape: [10], seed: 3)
  /// ```
  ///
  /// Edge case: with at most one element or one row the values come back
  /// unchanged and the kernel does not advance (the op seed is still taken).
  /// - Throws: ``FrameworkError`` when `shape` does not match the values, or
  ///   for a dtype other than float32, float64, int32 and int64.
  public mutating func shuffle(_ values: DrawnValues, shape: [Int], seed: Int64? = nil) throws -> DrawnValues {
    let dtype = try TensorFlowDType.of(values, parameter: "value")
    let count = try TensorShape.elementCount(shape)
    guard count == values.count else {
      throw FrameworkError("value has \(values.count) elements but shape \(shape) holds \(count).", parameter: "value")
    }
    let rows = (count <= 1 || shape.isEmpty || shape[0] <= 1) ? 1 : shape[0]
    let key = try prepareKernel(.randomShuffle, dtype: dtype, opSeed: seed)
    let observer = self.observer
    return withKernel(key) { kernel in
      let (order, run) = kernel.runShuffle(rows: rows)
      let rowSize = rows > 1 ? count / rows : count
      let out = values.rows(order, rowLength: rowSize)
      observer?.observe(
        kernel.report(run, operation: "shuffle", parameters: [], shape: shape, values: out))
      return out
    }
  }
}
