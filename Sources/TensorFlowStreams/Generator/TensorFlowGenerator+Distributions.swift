import RNGStreams

/// The integer dtypes `uniform_full_int` takes (its default is uint64).
public enum TensorFlowFullIntDType: String, Sendable, Hashable, CaseIterable {
  case int32, int64, uint32, uint64
}

extension TensorFlowGenerator {
  /// `g.uniform(shape, minval=0, maxval=None, dtype=tf.float32)`.
  ///
  /// Floats: `rnd * (maxval - minval) + minval` (three rounded ops; `maxval`
  /// defaults to 1). Integers: both bounds → `minval + bits % (maxval - minval)`;
  /// both `nil` → the full range (``uniformFullInt(_:dtype:observer:)``).
  ///
  /// ```swift
  /// var g = TensorFlowGenerator(seedVector: [0, 0, 1234], name: "g", seeding: .entropy)
  /// try g.uniform([3], minval: 2, maxval: 9, dtype: .int32)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype with one bound,
  ///   `minval >= maxval` for integers, or a negative dimension; nothing
  ///   is advanced then.
  public mutating func uniform(
    _ shape: [Int], minval: TensorFlowScalar? = 0, maxval: TensorFlowScalar? = nil,
    dtype: TensorFlowDType = .float32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    let parameters: [DrawReport.Parameter] = [
      .init("minval", minval?.description ?? "None"), .init("maxval", maxval?.description ?? "None"),
      .init("dtype", dtype.rawValue),
    ]
    if dtype.isFloatingPoint {
      let lo = minval ?? .int(0)
      let hi = maxval ?? .int(1)
      let read = readAndSkip(elements: count)
      let raw: DrawnValues =
        dtype == .float32 ? .float32(read.fill.uniformFloat32(count)) : .float64(read.fill.uniformFloat64(count))
      let values = WrapperArithmetic.ranged(raw, minval: lo, maxval: hi)
      report(read, operation: "Generator.uniform", distribution: "uniform", parameters: parameters, shape: shape,
             values: values, observer: observer)
      return values
    }
    switch (minval, maxval) {
    case (nil, nil):
      return try uniformFullInt(shape, dtype: dtype == .int32 ? .int32 : .int64, observer: observer)
    case (let lo?, let hi?):
      let low = try lo.integerValue(dtype, parameter: "minval")
      let high = try hi.integerValue(dtype, parameter: "maxval")
      guard low < high else {
        throw FrameworkError("Need minval < maxval: \(low) >= \(high).", parameter: "maxval")
      }
      let read = readAndSkip(elements: count)
      let values: DrawnValues = dtype == .int32
        ? .int32(read.fill.uniformInt32(count, lo: Int32(low), range: UInt32(truncatingIfNeeded: high &- low)))
        : .int64(read.fill.uniformInt64(count, lo: low, range: UInt64(bitPattern: high &- low)))
      report(read, operation: "Generator.uniform", distribution: "integers", parameters: parameters, shape: shape,
             values: values, observer: observer)
      return values
    default:
      throw FrameworkError(
        "For integer dtype \(dtype.rawValue), minval and maxval must be both None or both non-None; got minval=\(minval?.description ?? "None") and maxval=\(maxval?.description ?? "None").",
        parameter: "maxval")
    }
  }

  /// `g.uniform_full_int(shape, dtype=tf.uint64)`: every bit pattern of the
  /// dtype equally likely; 64-bit values take two words (low word first).
  ///
  /// - Throws: ``FrameworkError`` for a negative dimension.
  public mutating func uniformFullInt(
    _ shape: [Int], dtype: TensorFlowFullIntDType = .uint64, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    let read = readAndSkip(elements: count)
    let values: DrawnValues
    switch dtype {
    case .int32: values = .int32(read.fill.fullInt32(count))
    case .uint32: values = .uint32(read.fill.fullInt32(count).map { UInt32(bitPattern: $0) })
    case .int64: values = .int64(read.fill.fullInt64(count))
    case .uint64: values = .uint64(read.fill.fullInt64(count).map { UInt64(bitPattern: $0) })
    }
    report(read, operation: "Generator.uniform_full_int", distribution: "bits",
           parameters: [.init("dtype", dtype.rawValue)], shape: shape, values: values, observer: observer)
    return values
  }

  /// `g.normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32)`: Box–Muller
  /// (sine first), then `rnd * stddev + mean`.
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype or a negative dimension.
  public mutating func normal(
    _ shape: [Int], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try TensorFlowEagerContext.requireFloat(dtype, "Generator.normal")
    let count = try TensorShape.elementCount(shape)
    let read = readAndSkip(elements: count)
    let raw: DrawnValues =
      dtype == .float32 ? .float32(read.fill.normalFloat32(count)) : .float64(read.fill.normalFloat64(count))
    let values = WrapperArithmetic.affine(raw, scale: stddev, shift: mean)
    report(read, operation: "Generator.normal", distribution: "normal",
           parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// `g.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32)`:
  /// standard normals redrawn outside ±2, then `rnd * stddev + mean`.
  /// The state still advances by `n × 256` blocks, which covers the
  /// per-group generators the fill reads.
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype or a negative dimension.
  public mutating func truncatedNormal(
    _ shape: [Int], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try TensorFlowEagerContext.requireFloat(dtype, "Generator.truncated_normal")
    let count = try TensorShape.elementCount(shape)
    let read = readAndSkip(elements: count)
    let raw: DrawnValues =
      dtype == .float32
      ? .float32(read.fill.truncatedNormalFloat32(count)) : .float64(read.fill.truncatedNormalFloat64(count))
    let values = WrapperArithmetic.affine(raw, scale: stddev, shift: mean)
    report(read, operation: "Generator.truncated_normal", distribution: "truncated_normal",
           parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  func report(
    _ read: (fill: PhiloxFill, counterBefore: UInt64, blocks: UInt64), operation: String, distribution: String,
    parameters: [DrawReport.Parameter], shape: [Int], values: DrawnValues, observer: (any DrawObserver)?
  ) {
    observer?.observe(
      DrawReport(
        stream: stream, counterBefore: read.counterBefore, count: read.blocks, operation: operation,
        distribution: distribution, parameters: parameters, shape: shape, values: values))
  }
}
