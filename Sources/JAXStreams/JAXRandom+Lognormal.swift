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
    try lognormal(key, sigma: [sigma], sigmaShape: [], shape: shape, dtype: dtype)
  }

  /// `lognormal` with an array `sigma` broadcast to `shape` (default: its
  /// own shape). A `sigma` of the output's shape (or one element) is
  /// multiplied in after `√2`; a broadcast one is folded into `√2·sigma`
  /// first, as XLA's simplifier does for a broadcast factor.
  public func lognormal(_ key: JAXKey, sigma: [Double], sigmaShape: [Int], shape: [Int]?, dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "lognormal")
    let (sigmas, shape) = try broadcastParameter(sigma, sigmaShape, to: shape, name: "sigma", function: "lognormal")
    let count = sigmas.count
    let after = sigma.count == count
    let values: DrawnValues, blocks: UInt64
    if dtype == .float64 {
      let (u, b) = uniformValues(key, count: count, dtype: .float64, minval: (-1 as Double).nextUp, maxval: 1)
      guard case .float64(let us) = u else { preconditionFailure("float64 uniforms are Double") }
      let sqrt2 = XLAFloat64Math.sqrt2
      values = .float64(us.indices.map { i in
        let e = XLAFloat64Math.erfInv(us[i])
        return XLAFloat64Math.exp(after ? (e * sqrt2) * sigmas[i] : e * (sqrt2 * sigmas[i]))
      })
      blocks = b
    } else {
      let lo = (-1 as Float).nextUp, span = 1 - lo
      let s = sigmas.map { Float($0) }, sqrt2 = XLAFloat32Math.sqrt2
      if s.count == 1 {
        let s0 = s[0], factor = sqrt2 * s0
        let (v, b) = mapBits32(key, count: count) { bits -> Float in
          let e = XLAFloat32Math.erfInv(Self.uniformFloat32(bits, minval: lo, span: span))
          return XLAFloat32Math.exp(after ? (e * sqrt2) * s0 : e * factor)
        }
        values = .float32(v)
        blocks = b
      } else {
        let (e, b) = mapBits32(key, count: count) { XLAFloat32Math.erfInv(Self.uniformFloat32($0, minval: lo, span: span)) }
        values = .float32(e.indices.map { i in XLAFloat32Math.exp(after ? (e[i] * sqrt2) * s[i] : e[i] * (sqrt2 * s[i])) })
        blocks = b
      }
    }
    report(key, blocks: blocks, operation: "lognormal", distribution: "lognormal",
           parameters: [.init("sigma", Self.parameterText(sigma, sigmaShape)), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
