import RNGBits
import RNGStreams

extension TensorFlowEagerContext {
  /// `tf.random.poisson(shape, lam, dtype=tf.float32, seed=None)`: `shape`
  /// samples of every rate in `lam`; the output has shape `shape + lamShape`.
  ///
  /// ```swift
  /// try tf.poisson([10], lam: [0.5, 1.5], lamShape: [2], seed: 1)
  /// ```
  ///
  /// The `RandomPoissonV2` kernel (keyed by the op seeds, `lam`'s dtype
  /// `rateType` and the output `dtype`) reserves 256 blocks per output;
  /// output `o = i × samples + s` draws from block `256 × o` of the run,
  /// exactly as `stateless_poisson` draws from its seed's stream (Knuth below
  /// rate 10, transformed rejection from 10 on).
  ///
  /// - Throws: ``FrameworkError`` for a NaN or infinite rate (TensorFlow
  ///   never returns for one) or a negative dimension.
  public mutating func poisson(
    _ shape: [Int], lam: [Double], lamShape: [Int], rateType: TensorFlowDType = .float32,
    dtype: TensorFlowDType = .float32, seed: Int64? = nil
  ) throws -> DrawnValues {
    _ = try TensorShape.elementCount(shape)
    let outputShape = shape + lamShape
    let count = try TensorShape.elementCount(outputShape)
    if let bad = lam.first(where: { !$0.isFinite }) {
      throw FrameworkError("tf.random.poisson needs finite rates, got \(bad); TensorFlow's sampler never returns for it.", parameter: "lam")
    }
    let key = try prepareKernel(.randomPoissonV2, dtype: dtype, opSeed: seed, inputDType: rateType)
    let observer = self.observer
    return try withKernel(key) { kernel in
      let (stream, run) = kernel.runPerOutput(count: count)
      let values = try StatelessRandomOps.poissonValues(count: count, lam: lam, dtype: dtype, stream: stream)
      observer?.observe(
        kernel.report(
          run, operation: "poisson",
          parameters: [.init("lam", lam.count == 1 ? "\(lam[0])" : "\(lam)"), .init("dtype", dtype.rawValue)],
          shape: outputShape, values: values))
      return values
    }
  }
}
