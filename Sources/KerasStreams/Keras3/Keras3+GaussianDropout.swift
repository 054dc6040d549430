import RNGStreams

extension Keras3 {
  /// `keras.layers.GaussianDropout(rate, seed=None)`: in training,
  /// multiplies its input by normal noise of mean 1 and standard deviation
  /// `sqrt(rate / (1 - rate))`.
  ///
  /// ```swift
  /// let layer = try Keras3.GaussianDropout(rate: 0.2, state: &keras)   // SeedGenerator: one randint now
  /// let y = try layer(x, training: true, state: &keras)                // x * normal(x.shape, 1, 0.5), seed [s, 0]
  /// ```
  ///
  /// As in Keras, the layer takes its name first, then (for `rate > 0`)
  /// makes a `SeedGenerator(seed)`. The standard deviation is computed in
  /// double, then the draw is float32.
  ///
  /// Edge cases: `rate == 0` makes no generator and never draws; `rate == 1`
  /// is accepted at construction but its training call fails as Keras'
  /// does (Python's division by zero).
  public struct GaussianDropout: Sendable, Hashable {
    public let rate: Double
    /// The user's seed (nil when none was given).
    public let seed: Int64?
    /// The layer's generator; nil when `rate == 0`.
    public let seedGenerator: SeedGenerator?
    /// The layer's name (`gaussian_dropout`, `gaussian_dropout_1`, …).
    public let name: String

    /// - Throws: ``FrameworkError`` for a rate outside `[0, 1]` or (JAX) a
    ///   seed outside uint32.
    public init(rate: Double, seed: Int64? = nil, name: String? = nil, state: inout GlobalState) throws {
      self.name = name ?? state.uniqueName("gaussian_dropout")
      guard rate >= 0 && rate <= 1 else {
        throw FrameworkError(
          "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=\(rate)",
          parameter: "rate")
      }
      self.rate = rate
      self.seed = seed
      seedGenerator = rate > 0 ? try state.makeSeedGenerator(seed: seed) : nil
    }

    /// `layer(inputs, training=training)`.
    ///
    /// - Throws: ``FrameworkError`` for `rate == 1` in training (Keras
    ///   divides by `1 - rate`).
    public func callAsFunction(_ inputs: Tensor, training: Bool = false, state: inout GlobalState) throws -> Tensor {
      let x = inputs.cast(to: .float32)
      guard training, let seedGenerator else { return x }
      guard rate < 1 else { throw FrameworkError("float division by zero (GaussianDropout with rate=1)", parameter: "rate") }
      let stddev = (rate / (1.0 - rate)).squareRoot()
      let noise = try state.normal(x.shape, mean: 1.0, stddev: .float(stddev), dtype: .float32, seed: .generator(seedGenerator))
      return Tensor(shape: x.shape, values: .float32(zip(x.values.float32 ?? [], noise.values.float32 ?? []).map { $0 * $1 }))
    }
  }
}
