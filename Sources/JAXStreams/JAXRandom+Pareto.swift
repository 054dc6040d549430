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
    try pareto(key, b: [b], bShape: [], shape: shape, dtype: dtype)
  }

  /// `pareto` with an array `b` broadcast to `shape` (default: its own shape).
  public func pareto(_ key: JAXKey, b: [Double], bShape: [Int], shape: [Int]?, dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "pareto")
    let (bs, shape) = try broadcastParameter(b, bShape, to: shape, name: "b", function: "pareto")
    // A b of the output's shape divides (so does one element); a broadcast
    // one (fewer elements) multiplies by 1/b: XLA's simplifier rewrites a
    // division by a broadcast into a multiplication by the broadcast inverse.
    let divides = b.count == bs.count
    let b32 = bs.map { Float($0) }
    return try transformedUniformIndexed(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "pareto", parameters: [.init("b", Self.parameterText(b, bShape))],
      f32: { u, i in
        let e = -XLAFloat32Math.log1p(-u)
        return XLAFloat32Math.exp(divides ? e / b32[i] : e * (1 / b32[i]))
      },
      f64: { u, i in
        let e = -XLAFloat64Math.log1p(-u)
        return XLAFloat64Math.exp(divides ? e / bs[i] : e * (1 / bs[i]))
      })
  }
}
