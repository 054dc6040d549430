import RNGStreams

extension JAXRandom {
  /// `jax.random.weibull_min(key, scale, concentration, shape=(), dtype=None)`:
  /// `pow(−log1p(−u), 1/concentration) · scale` for `u = uniform(key, shape)`,
  /// broadcast with the parameters as `jnp` does, bit for bit.
  ///
  /// ```swift
  /// try random.weibullMin(random.key(0), scale: [2], scaleShape: [], concentration: [1.5], concentrationShape: [], shape: [3])
  /// ```
  ///
  /// `pow` is XLA CPU's (``XLAPow``: the C library's, called per element),
  /// `log1p` XLA's own (``XLAFloat32Math``, ``XLAFloat64Math``). The uniforms have `shape`; the result has the
  /// broadcast shape of `shape` and both parameters.
  ///
  /// A number parameter is a Python scalar (weakly typed): in float32 under
  /// x64, `1/concentration` is computed in float64 and rounded to float32,
  /// and `scale` is rounded first. Array parameters are in the sampler's
  /// dtype (the engine refuses others, which would promote the result).
  ///
  /// - Throws: ``FrameworkError`` for a non-float dtype, float16/bfloat16,
  ///   shapes that do not broadcast, or a bad shape.
  public func weibullMin(
    _ key: JAXKey, scale: [Double], scaleShape: [Int], concentration: [Double], concentrationShape: [Int],
    shape: [Int] = [], dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "weibull_min")
    let outShape = try Self.broadcastShapes(Self.broadcastShapes(shape, concentrationShape, function: "weibull_min"),
                                            scaleShape, function: "weibull_min")
    let count = try Self.elementCount(outShape)
    guard let uIndex = Broadcasting.index(from: shape, to: outShape),
      let cIndex = Broadcasting.index(from: concentrationShape, to: outShape),
      let sIndex = Broadcasting.index(from: scaleShape, to: outShape)
    else { preconditionFailure("shapes broadcast to their broadcast shape") }
    let (uniforms, blocks) = uniformValues(key, count: try Self.elementCount(shape), dtype: dtype, minval: 0, maxval: 1)
    let values: DrawnValues
    switch uniforms {
    case .float64(let u):
      values = .float64((0..<count).map {
        let t = -XLAFloat64Math.log1p(-u[uIndex($0)])
        let p = XLAPow.pow(t, 1 / concentration[cIndex($0)])
        return XLAFloatOps.flushed(p * scale[sIndex($0)])
      })
    case .float32(let u):
      let weak64 = config.enableX64
      let inverses = concentration.map { c in
        concentrationShape.isEmpty && weak64 ? Float(1 / c) : 1 / Float(c)
      }
      let scales = scale.map { Float($0) }
      values = .float32((0..<count).map {
        let t = -XLAFloat32Math.log1p(-u[uIndex($0)])
        let p = XLAPow.pow(t, inverses[cIndex($0)])
        return XLAFloatOps.flushed(p * scales[sIndex($0)])
      })
    default: preconditionFailure("samplers run in float32 or float64")
    }
    report(key, blocks: blocks, operation: "weibull_min", distribution: "weibull_min",
           parameters: [.init("scale", Self.parameterText(scale, scaleShape)),
                        .init("concentration", Self.parameterText(concentration, concentrationShape)),
                        .init("dtype", dtype.name)],
           shape: outShape, values: values)
    return values
  }
}
