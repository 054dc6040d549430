import RNGBits
import RNGStreams

extension TensorFlowEagerContext {
  /// `tf.random.gamma(shape, alpha, beta=None, dtype=tf.float32, seed=None)`:
  /// `shape` samples of every gamma distribution in the broadcast of
  /// `alpha` and `beta` (already rounded to `dtype`); the output has shape
  /// `shape + broadcast`.
  ///
  /// ```swift
  /// try tf.gamma([30], alpha: [1, 3, 5], alphaShape: [3, 1], beta: [3, 4], betaShape: [1, 2], seed: 1)
  /// ```
  ///
  /// The `RandomGamma` kernel (keyed by the op seeds and `dtype`) reserves
  /// 256 blocks per output; output `o = i × samples + s` (sample `s` of
  /// distribution `i`) draws from block `256 × o` of the run, exactly as
  /// `stateless_gamma` draws from its seed's stream (double-precision
  /// Marsaglia–Tsang, see ``StatelessRandomOps/gamma(_:seed:alpha:alphaShape:beta:betaShape:dtype:observer:)``),
  /// then divides by `beta` and floors at `np.finfo(dtype).tiny`.
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype, shapes of `alpha`
  ///   and `beta` that do not broadcast (before `get_seed`, as in
  ///   TensorFlow), or a negative dimension.
  public mutating func gamma(
    _ shape: [Int], alpha: [Double], alphaShape: [Int], beta: [Double] = [1], betaShape: [Int] = [],
    dtype: TensorFlowDType = .float32, seed: Int64? = nil
  ) throws -> DrawnValues {
    try Self.requireFloat(dtype, "tf.random.gamma")
    let batchShape = try StatelessRandomOps.gammaBatchShape(alphaShape, betaShape)
    _ = try TensorShape.elementCount(shape)
    let outputShape = shape + batchShape
    let count = try TensorShape.elementCount(outputShape)
    let key = try prepareKernel(.randomGamma, dtype: dtype, opSeed: seed)
    let observer = self.observer
    return withKernel(key) { kernel in
      let (stream, run) = kernel.runPerOutput(count: count)
      let values = StatelessRandomOps.gammaValues(
        count: count, batchShape: batchShape, alpha: alpha, alphaShape: alphaShape, beta: beta, betaShape: betaShape,
        dtype: dtype, stream: stream)
      observer?.observe(
        kernel.report(
          run, operation: "gamma",
          parameters: [.init("alpha", alpha.count == 1 ? "\(alpha[0])" : "\(alpha)"),
                       .init("beta", beta.count == 1 ? "\(beta[0])" : "\(beta)"), .init("dtype", dtype.rawValue)],
          shape: outputShape, values: values))
      return values
    }
  }
}
