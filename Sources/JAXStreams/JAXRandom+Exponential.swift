import RNGStreams

extension JAXRandom {
  /// `jax.random.exponential(key, shape=(), dtype=None)`: `-log1p(-u)` for
  /// `u = uniform(key, shape, dtype)` in [0, 1).
  ///
  /// ```swift
  /// try random.exponential(random.key(0), shape: [3])
  /// ```
  ///
  /// `log1p` is XLA CPU's polynomial (``XLAFloat32Math/log1p(_:)``), not
  /// libm's. Edge case: `u = 0` gives `0.0`. Throws for a non-float
  /// dtype, float16/bfloat16, or a bad shape.
  public func exponential(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "exponential")
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "exponential",
      f32: { -XLAFloat32Math.log1p(-$0) }, f64: { -XLAFloat64Math.log1p(-$0) })
  }
}
