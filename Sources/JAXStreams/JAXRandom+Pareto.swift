import RNGStreams

extension JAXRandom {
  /// `jax.random.pareto(key, b, shape=None, dtype=None)` for one `b`:
  /// `exp(exponential(key, shape) / b)`, bit for bit.
  ///
  /// ```swift
  /// try random.pareto(random.key(0), b: 3, shape: [3])
  /// ```
  ///
  /// `exponential` is `-log1p(-u)` with XLA CPU's `log1p`; `exp` is XLA
  /// CPU's own (float32 and float64), not the C library's. With several
  /// elements XLA multiplies by the rounded `1/b` instead of dividing by
  /// `b`; with one element it divides. Throws for a non-float dtype,
  /// float16/bfloat16, or a bad shape.
  public func pareto(_ key: JAXKey, b: Double, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "pareto")
    let b32 = Float(b), inverse32 = 1 / Float(b), inverse64 = 1 / b
    // One element divides by b; several multiply by 1/b (XLA's simplifier
    // rewrites a division by a broadcast scalar).
    let single = try Self.elementCount(shape) == 1
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "pareto", parameters: [.init("b", "\(b)")],
      f32: { u in
        let e = -XLAFloat32Math.log1p(-u)
        return XLAFloat32Math.exp(single ? e / b32 : e * inverse32)
      },
      f64: { u in
        let e = -XLAFloat64Math.log1p(-u)
        return XLAFloat64Math.exp(single ? e / b : e * inverse64)
      })
  }
}
