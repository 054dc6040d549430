import RNGStreams

extension JAXRandom {
  /// `jax.random.lognormal(key, sigma=1.0, shape=None, dtype=None)` for one
  /// `sigma`: `exp(normal(key, shape) · sigma)`, bit for bit.
  ///
  /// ```swift
  /// try random.lognormal(random.key(0), sigma: 0.5, shape: [3])
  /// ```
  ///
  /// `exp` is XLA CPU's own, in float32 (``XLAFloat32Math/exp(_:)``) and in
  /// float64 (``XLAFloat64Math/exp(_:)``), not the C library's. With
  /// several elements XLA's simplifier folds the normal's `√2` and `sigma`
  /// into one constant, `erf_inv(u)·(√2·sigma)`; with one element it keeps
  /// `(√2·erf_inv(u))·sigma`. Throws for a non-float dtype,
  /// float16/bfloat16, or a bad shape.
  public func lognormal(_ key: JAXKey, sigma: Double = 1, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "lognormal")
    let count = try Self.elementCount(shape)
    let values: DrawnValues, blocks: UInt64
    if dtype == .float64 {
      let (u, b) = uniformValues(key, count: count, dtype: .float64, minval: (-1 as Double).nextUp, maxval: 1)
      guard case .float64(let us) = u else { preconditionFailure("float64 uniforms are Double") }
      let factor = XLAFloat64Math.sqrt2 * sigma, sqrt2 = XLAFloat64Math.sqrt2
      values = .float64(us.map { u in
        let e = XLAFloat64Math.erfInv(u)
        return XLAFloat64Math.exp(count == 1 ? (e * sqrt2) * sigma : e * factor)
      })
      blocks = b
    } else {
      let lo = (-1 as Float).nextUp, span = 1 - lo
      let s = Float(sigma), sqrt2 = XLAFloat32Math.sqrt2, factor = sqrt2 * s, single = count == 1
      let (v, b) = mapBits32(key, count: count) { bits -> Float in
        let e = XLAFloat32Math.erfInv(Self.uniformFloat32(bits, minval: lo, span: span))
        return XLAFloat32Math.exp(single ? (e * sqrt2) * s : e * factor)
      }
      values = .float32(v)
      blocks = b
    }
    report(key, blocks: blocks, operation: "lognormal", distribution: "lognormal",
           parameters: [.init("sigma", "\(sigma)"), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
