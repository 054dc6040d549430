import RNGStreams

extension Keras3 {
  /// `keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
  ///
  /// ```swift
  /// var dropout = try Keras3.Dropout(rate: 0.5, state: &keras)  // SeedGenerator: one randint now
  /// let y = try dropout(x, training: true, state: &keras)       // seed [s, 0]
  /// let z = try dropout(x, training: true, state: &keras)       // seed [s, 1]
  /// ```
  ///
  /// With `rate > 0` the layer makes a `SeedGenerator(seed)` at
  /// construction (a default seed from Python's `random` when `seed` is
  /// nil); each training call runs ``GlobalState/dropout(_:rate:noiseShape:seed:)``
  /// with its `next()`. The layer first casts floating inputs to its compute
  /// dtype, float32, in training and inference alike.
  ///
  /// Edge cases: `training` false or unset returns the (cast) input and
  /// draws nothing; `rate == 1` returns zeros without advancing the
  /// generator; `rate == 0` makes no generator.
  public struct Dropout: Sendable, Hashable {
    public let rate: Double
    /// The noise shape; nil entries take the input's dimension.
    public let noiseShape: [Int?]?
    /// The user's seed (nil when none was given).
    public let seed: Int64?
    /// The layer's generator; nil when `rate == 0`.
    public let seedGenerator: SeedGenerator?
    /// The layer's name (`dropout`, `dropout_1`, …).
    public let name: String

    /// - Throws: ``FrameworkError`` for a rate outside `[0, 1]`, a noise
    ///   shape with a dimension below 1, or (JAX) a seed outside uint32.
    public init(rate: Double, noiseShape: [Int?]? = nil, seed: Int64? = nil, name: String? = nil, state: inout GlobalState) throws {
      self.name = name ?? state.uniqueName("dropout")
      guard rate >= 0 && rate <= 1 else {
        throw FrameworkError(
          "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=\(rate)",
          parameter: "rate")
      }
      if let noiseShape {
        for (i, d) in noiseShape.enumerated() {
          if let d, d <= 0 {
            throw FrameworkError(
              "Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index \(i): \(d)",
              parameter: "noise_shape")
          }
        }
      }
      self.rate = rate
      self.noiseShape = noiseShape
      self.seed = seed
      seedGenerator = rate > 0 ? try state.makeSeedGenerator(seed: seed) : nil
    }

    /// `layer(inputs, training=training)`.
    ///
    /// - Throws: ``FrameworkError`` for an integer input or a noise shape
    ///   that does not broadcast to it.
    public func callAsFunction(_ inputs: Tensor, training: Bool = false, state: inout GlobalState) throws -> Tensor {
      let x = inputs.dtype.isFloatingPoint ? inputs.cast(to: .float32) : inputs
      guard training, rate > 0, let seedGenerator else { return x }
      return try state.dropout(x, rate: rate, noiseShape: noiseShape, seed: .generator(seedGenerator))
    }
  }
}
