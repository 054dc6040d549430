import RNGStreams

extension JAXRandom {
  /// `jax.random.laplace(key, shape=(), dtype=None)`:
  /// `sign(u) · log1p(-|u|)` for `u` uniform in `[-1 + epsneg, 1)`
  /// (`epsneg` = 2⁻²⁴ for float32, 2⁻⁵³ for float64).
  ///
  /// ```swift
  /// try random.laplace(random.key(0), shape: [3])
  /// ```
  ///
  /// Edge cases: `u = 0` gives 0. Throws for a non-float dtype,
  /// float16/bfloat16, or a bad shape.
  public func laplace(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "laplace")
    let epsneg = dtype == .float64 ? Double.ulpOfOne / 2 : Double(Float.ulpOfOne / 2)
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: -1 + epsneg, maxval: 1, name: "laplace",
      f32: { Self.sign($0) * XLAFloat32Math.log1p(-abs($0)) },
      f64: { Self.sign($0) * XLAFloat64Math.log1p(-abs($0)) })
  }
}
