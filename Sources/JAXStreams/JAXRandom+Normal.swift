import RNGStreams

extension JAXRandom {
  /// `jax.random.normal(key, shape, dtype)`: standard normal values.
  ///
  /// ```swift
  /// try random.normal(random.prngKey(0), shape: [3]).floats
  /// // [1.6226422, 2.0252647, -0.43359444] (partitionable)
  /// ```
  ///
  /// `√2 · erf_inv(u)` with `u = uniform(key, shape, dtype,
  /// minval: nextafter(−1, 0), maxval: 1)`, so element `i` uses the same
  /// bits as `uniform(key, …)[i]`. `erf_inv` is XLA's float32 Giles
  /// approximation with XLA CPU's own `log1p` and `log` expansions and FMA
  /// placement, reproduced bit for bit. float16 and bfloat16 evaluate
  /// `erf_inv` in float32, round it to the dtype, and multiply by the
  /// dtype's `√2`. float64 (x64) uses Giles' double-precision `erf_inv`
  /// and the C library's `log`, as XLA CPU does.
  ///
  /// Throws for a non-float dtype or a bad shape.
  public func normal(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultFloat)
    guard dtype.isFloat else {
      throw FrameworkError("dtype argument to `normal` must be a float dtype, got \(dtype.name).", parameter: "dtype")
    }
    let count = try Self.elementCount(shape)
    let (values, blocks) = normalValues(key, count: count, dtype: dtype)
    report(key, blocks: blocks, operation: "normal", distribution: "normal",
           parameters: [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// `count` standard normal values of a float dtype and the blocks hashed, unreported.
  func normalValues(_ key: JAXKey, count: Int, dtype: JAXDType) -> (DrawnValues, UInt64) {
    if dtype == .float64 {
      let (u, blocks) = uniformValues(key, count: count, dtype: .float64, minval: (-1 as Double).nextUp, maxval: 1)
      guard case .float64(let uniforms) = u else { preconditionFailure("float64 uniforms are held as Double") }
      return (.float64(uniforms.map { XLAFloat64Math.erfInv($0) * XLAFloat64Math.sqrt2 }), blocks)
    }
    let values: [Float]
    let blocks: UInt64
    if dtype == .float32 {
      let lo = (-1 as Float).nextUp, span = 1 - lo
      (values, blocks) = mapBits32(key, count: count) { b in
        XLAFloat32Math.erfInv(Self.uniformFloat32(b, minval: lo, span: span)) * XLAFloat32Math.sqrt2
      }
    } else {
      // nextafter(-1, 0) in the dtype: −(1 − 2⁻¹¹) or −(1 − 2⁻⁸).
      let lo: Double = dtype == .float16 ? -Double(Float16(1).nextDown) : -Double(Float(bitPattern: 0x3F7F_0000))
      let (u, b) = uniformValues(key, count: count, dtype: dtype, minval: lo, maxval: 1)
      blocks = b
      let sqrt2 = XLAFloatOps.round(Float(2).squareRoot(), to: dtype)
      guard let uniforms = u.floats else { preconditionFailure("16-bit uniforms are floats") }
      values = uniforms.map {
        XLAFloatOps.round(XLAFloatOps.round(XLAFloat32Math.erfInv($0), to: dtype) * sqrt2, to: dtype)
      }
    }
    return (DrawnValues(values, roundedTo: dtype.elementType), blocks)
  }

  /// `jax.random.truncated_normal(key, lower, upper, shape)`: normal values
  /// in the open interval `(lower, upper)`, float32.
  ///
  /// ```swift
  /// try random.truncatedNormal(random.prngKey(3), lower: -1, upper: 1, shape: [3]).floats
  /// ```
  ///
  /// `a = erf(lower/√2)`, `b = erf(upper/√2)` with XLA CPU's float32 `erf`
  /// (the division is a multiplication by the float32 constant 1/√2),
  /// `u = uniform(key, shape, minval: a, maxval: b)`, `√2 · erf_inv(u)`,
  /// clipped to `[nextafter(lower, +∞), nextafter(upper, −∞)]`. A NaN bound
  /// gives NaN. `shape` nil means the bounds' shape, `()` for numbers.
  /// Throws for a dtype other than float32 (not emulated) or a bad shape.
  public func truncatedNormal(
    _ key: JAXKey, lower: Double, upper: Double, shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultFloat)
    guard dtype.isFloat else {
      throw FrameworkError("dtype argument to `truncated_normal` must be a float dtype, got \(dtype.name).", parameter: "dtype")
    }
    guard dtype == .float32 else {
      throw FrameworkError("truncated_normal is emulated in float32 only, got \(dtype.name).", parameter: "dtype")
    }
    let shape = shape ?? []
    let count = try Self.elementCount(shape)
    let lo = Float(lower), hi = Float(upper)
    let a = XLAFloat32Math.erf(lo * XLAFloat32Math.reciprocalSqrt2)
    let b = XLAFloat32Math.erf(hi * XLAFloat32Math.reciprocalSqrt2)
    let clipLow = lo.nextUp, clipHigh = hi.nextDown
    let span = b - a, nanBound = lo.isNaN || hi.isNaN
    let (values, blocks) = mapBits32(key, count: count) { bits -> Float in
      if nanBound { return .nan }
      let u = Self.uniformFloat32(bits, minval: a, span: span)
      let x = XLAFloat32Math.erfInv(u) * XLAFloat32Math.sqrt2
      return XLAFloatOps.minimum(clipHigh, XLAFloatOps.maximum(clipLow, x))
    }
    let drawn = DrawnValues.float32(values)
    report(key, blocks: blocks, operation: "truncated_normal", distribution: "truncated_normal",
           parameters: [.init("lower", String(lower)), .init("upper", String(upper)), .init("dtype", dtype.name)],
           shape: shape, values: drawn)
    return drawn
  }
}
