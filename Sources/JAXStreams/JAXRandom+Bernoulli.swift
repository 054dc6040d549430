import RNGStreams

extension JAXRandom {
  /// How many bits `bernoulli` spends per value.
  public enum BernoulliMode: String, Sendable, Hashable {
    /// One uniform per value: `uniform < p` (JAX's default).
    case low
    /// Two uniforms per value, for small `p`: `u2·2^−nmant < p − u1`.
    case high
  }

  /// `jax.random.bernoulli(key, p, shape, mode)`: booleans that are true
  /// with probability `p`.
  ///
  /// ```swift
  /// try random.bernoulli(random.prngKey(42), p: 0.3, shape: [8]).bools
  /// ```
  ///
  /// `uniform(key, shape, dtype(p)) < p`: element `i` is true exactly when
  /// `uniform(key, …)[i] < p`. `p` is a Python float, so its dtype is
  /// float32 (float64 with x64) unless `dtype` names another float dtype.
  /// In `.high` mode the uniforms have shape `(2, *shape)`. `shape` nil
  /// means `()`. Throws for a non-float dtype or a bad shape.
  public func bernoulli(
    _ key: JAXKey, p: Double = 0.5, shape: [Int]? = nil, mode: BernoulliMode = .low, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultFloat)
    guard dtype.isFloat else {
      throw FrameworkError("bernoulli probability `p` must have a floating dtype, got \(dtype.name).", parameter: "p")
    }
    let shape = shape ?? []
    let count = try Self.elementCount(shape)
    let (uniforms, blocks) = uniformValues(key, count: mode == .low ? count : 2 * count, dtype: dtype, minval: 0, maxval: 1)
    let result: [Bool]
    if case .float64(let u) = uniforms {
      let scale = Double(sign: .plus, exponent: -52, significand: 1)
      result = mode == .low ? u.map { $0 < p } : (0..<count).map { u[count + $0] * scale < p - u[$0] }
    } else {
      guard let u = uniforms.floats else { preconditionFailure("uniform values are floats") }
      let pd = argument(p, as: dtype)
      let scale = Float(sign: .plus, exponent: -dtype.mantissaBits, significand: 1)
      result = mode == .low
        ? u.map { $0 < pd }
        : (0..<count).map {
          XLAFloatOps.round(u[count + $0] * scale, to: dtype) < XLAFloatOps.round(pd - u[$0], to: dtype)
        }
    }
    let values = DrawnValues.bool(result)
    report(key, blocks: blocks, operation: "bernoulli", distribution: "bernoulli",
           parameters: [.init("p", String(p)), .init("mode", mode.rawValue), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }
}
