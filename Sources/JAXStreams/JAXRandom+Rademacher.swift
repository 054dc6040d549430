import RNGStreams

extension JAXRandom {
  /// `jax.random.rademacher(key, shape=(), dtype=None)`: −1 or +1 with
  /// equal probability, `2 · bernoulli(key, 0.5, shape) − 1` in `dtype`
  /// (default int32, int64 with x64).
  ///
  /// ```swift
  /// try random.rademacher(random.key(5), shape: [4])   // e.g. [1, -1, -1, 1]
  /// ```
  ///
  /// The draw is reported once, as `rademacher` (the Bernoulli inside is
  /// not reported separately). Throws for an unsigned or bool dtype, or a
  /// bad shape.
  public func rademacher(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultInt)
    guard dtype.isSignedInteger || dtype.isFloat else {
      throw FrameworkError(
        "rademacher's dtype must hold -1 and 1 (a signed integer or float dtype), got \(dtype.name).", parameter: "dtype")
    }
    let count = try Self.elementCount(shape)
    let floatDType = config.canonical(config.defaultFloat)
    let (uniforms, blocks) = uniformValues(key, count: count, dtype: floatDType, minval: 0, maxval: 1)
    let signs: [Int64]
    switch uniforms {
    case .float64(let u): signs = u.map { $0 < 0.5 ? 1 : -1 }
    case .float32(let u): signs = u.map { $0 < 0.5 ? 1 : -1 }
    default: preconditionFailure("bernoulli runs in float32 or float64")
    }
    let values: DrawnValues
    switch dtype {
    case .int8: values = .int8(signs.map { Int8($0) })
    case .int16: values = .int16(signs.map { Int16($0) })
    case .int32: values = .int32(signs.map { Int32($0) })
    case .int64: values = .int64(signs)
    case .float64: values = .float64(signs.map { Double($0) })
    default: values = DrawnValues(signs.map { Float($0) }, roundedTo: dtype.elementType)
    }
    report(key, blocks: blocks, operation: "rademacher", distribution: "rademacher",
           parameters: [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
