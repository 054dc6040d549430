import RNGStreams

extension Keras3 {
  /// `keras.layers.GaussianNoise(stddev, seed=None)`: in training, adds
  /// zero-centred normal noise of standard deviation `stddev` to its input.
  ///
  /// ```swift
  /// let noise = try Keras3.GaussianNoise(stddev: 0.1, state: &keras)   // SeedGenerator: one randint now
  /// let y = try noise(x, training: true, state: &keras)                // x + normal(x.shape, 0, 0.1), seed [s, 0]
  /// ```
  ///
  /// As in Keras, the layer takes its name first, then (for `stddev > 0`)
  /// makes a `SeedGenerator(seed)` — a default seed from Python's `random`
  /// when `seed` is nil. Each training call draws
  /// ``GlobalState/normal(_:mean:stddev:dtype:seed:)`` in float32 with the
  /// generator's `next()`.
  ///
  /// Edge cases: `stddev == 0` makes no generator and never draws;
  /// inference (`training` false) returns the input cast to float32.
  public struct GaussianNoise: Sendable, Hashable {
    public let stddev: Double
    /// The user's seed (nil when none was given).
    public let seed: Int64?
    /// The layer's generator; nil when `stddev == 0`.
    public let seedGenerator: SeedGenerator?
    /// The layer's name (`gaussian_noise`, `gaussian_noise_1`, …).
    public let name: String

    /// - Throws: ``FrameworkError`` for a `stddev` outside `[0, 1]` or (JAX)
    ///   a seed outside uint32.
    public init(stddev: Double, seed: Int64? = nil, name: String? = nil, state: inout GlobalState) throws {
      self.name = name ?? state.uniqueName("gaussian_noise")
      guard stddev >= 0 && stddev <= 1 else {
        throw FrameworkError(
          "Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=\(stddev)",
          parameter: "stddev")
      }
      self.stddev = stddev
      self.seed = seed
      seedGenerator = stddev > 0 ? try state.makeSeedGenerator(seed: seed) : nil
    }

    /// `layer(inputs, training=training)`.
    public func callAsFunction(_ inputs: Tensor, training: Bool = false, state: inout GlobalState) throws -> Tensor {
      let x = inputs.cast(to: .float32)
      guard training, let seedGenerator else { return x }
      let noise = try state.normal(x.shape, mean: 0.0, stddev: .float(stddev), dtype: .float32, seed: .generator(seedGenerator))
      return Tensor(shape: x.shape, values: .float32(zip(x.values.float32 ?? [], noise.values.float32 ?? []).map { $0 + $1 }))
    }
  }
}
