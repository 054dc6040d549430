import RNGStreams
import TensorFlowStreams

extension TFKeras {
  /// `tf_keras.layers.Dropout(rate, noise_shape=None, seed=None)`.
  ///
  /// In training, the layer runs `tf.nn.dropout(x, rate, noise_shape,
  /// seed=make_legacy_seed())`: with a seed, op seeds `seed`, `seed + 1`, …
  /// on successive calls (each a new kernel, so each starts at counter 0);
  /// without one, `get_seed(None)` (one eager op seed per call after
  /// `tf.random.set_seed`, nondeterministic otherwise).
  ///
  /// ```swift
  /// var dropout = try TFKeras.Dropout(0.5, seed: 3)
  /// let y = try dropout(x, shape: [8], training: true, tensorflow: &tf)
  /// ```
  ///
  /// Edge cases:
  /// - `rate == 0` returns the input without drawing anything or taking an
  ///   op seed (unlike `tf.nn.dropout(x, 0.0)`), and so does `training`
  ///   `false` or `nil` (the default learning phase is 0).
  /// - Like every tf-keras layer, it first casts floating inputs to its
  ///   compute dtype (float32 unless `dtype` says otherwise), so a float64
  ///   input comes back float32, with float32 noise.
  public struct Dropout: Sendable, Hashable {
    public let rate: Double
    /// The noise shape; `nil` entries take the input's dimension.
    public let noiseShape: [Int?]?
    /// The layer's compute dtype; floating inputs are cast to it.
    public let dtype: TensorFlowDType
    public private(set) var generator: RandomGenerator

    /// - Throws: ``FrameworkError`` when `rate` is outside `[0, 1]` or
    ///   `dtype` is not floating point.
    public init(_ rate: Double, noiseShape: [Int?]? = nil, seed: Int64? = nil, dtype: TensorFlowDType = .float32) throws {
      try dtype.requireFloat("Dropout")
      guard rate >= 0 && rate <= 1 else {
        throw FrameworkError("Invalid value \(rate) received for rate, expected a value between 0 and 1.", parameter: "rate")
      }
      self.rate = rate
      self.noiseShape = noiseShape
      self.dtype = dtype
      generator = RandomGenerator(seed: seed, kind: .legacyStateful)
    }

    /// `layer(x, training=training)`.
    ///
    /// - Throws: ``FrameworkError`` from `tf.nn.dropout` (a rate of 1, an
    ///   integer `x`, a noise shape that does not fit `x`).
    public mutating func callAsFunction(
      _ x: DrawnValues, shape: [Int], training: Bool? = nil, tensorflow: inout TensorFlowEagerContext
    ) throws -> DrawnValues {
      let x = x.autocast(to: dtype)
      if rate == 0 || training != true { return x }
      var noise: [Int]?
      if let noiseShape {
        guard noiseShape.count == shape.count else {
          throw FrameworkError(
            "noise_shape has \(noiseShape.count) dimensions but the input has \(shape.count).", parameter: "noise_shape")
        }
        noise = zip(noiseShape, shape).map { $0 ?? $1 }
      }
      return try tensorflow.dropout(x, shape: shape, rate: rate, noiseShape: noise, seed: generator.legacySeed())
    }
  }
}

extension DrawnValues {
  /// tf-keras's input autocast: floating values take the layer's compute
  /// dtype (rounded to nearest); integers are left alone.
  func autocast(to dtype: TensorFlowDType) -> DrawnValues {
    switch (self, dtype) {
    case (.float64(let v), .float32): return .float32(v.map { Float($0) })
    case (.float32(let v), .float64): return .float64(v.map { Double($0) })
    default: return self
    }
  }
}
