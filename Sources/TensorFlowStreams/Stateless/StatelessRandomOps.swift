import RNGStreams

/// TensorFlow's stateless random ops (`tf.random.stateless_*`): values that
/// depend only on `seed=[s0, s1]` and the shape, never on earlier calls or
/// on `tf.random.set_seed`.
///
/// The seed becomes a Philox key and counter (``StatelessKey``); the fill
/// is the same as the stateful kernels' from that counter. `alg` may be
/// `nil`, `"auto_select"` or `"philox"` (the same on CPU).
///
/// ```swift
/// try StatelessRandomOps.uniform([3], seed: [0, 0])
/// // [0.2110154628753662, 0.7060099840164185, 0.8000633716583252]
/// try StatelessRandomOps.normal([4], seed: [3, 4], mean: 1.0, stddev: 0.5)
/// ```
///
/// Edge cases:
/// - Negative seeds are sign-extended (see ``StatelessKey``).
/// - Each call reads its stream from counter 0 again: the same seed gives
///   the same values, which is what stateless means. A draw report's
///   `count` is the number of blocks the call's output spans (for
///   truncated normals, the blocks the output groups own).
public enum StatelessRandomOps {
  /// `tf.random.stateless_uniform(shape, seed, minval=0, maxval=None, dtype=tf.float32)`.
  ///
  /// Floats: `rnd * (maxval - minval) + minval` always (three rounded ops,
  /// even for the defaults). Integers: both bounds given →
  /// `minval + bits % (maxval - minval)`; both `nil` → the full range.
  ///
  /// - Throws: ``FrameworkError`` for a seed that is not two values, an
  ///   integer dtype with only one bound, `minval >= maxval` for integers,
  ///   an unsupported `alg`, or a negative dimension.
  public static func uniform(
    _ shape: [Int], seed: [Int64], minval: TensorFlowScalar? = 0, maxval: TensorFlowScalar? = nil,
    dtype: TensorFlowDType = .float32, alg: String? = nil, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    let count = try TensorShape.elementCount(shape)
    let parameters: [DrawReport.Parameter] = [
      .init("minval", minval?.description ?? "None"), .init("maxval", maxval?.description ?? "None"),
      .init("dtype", dtype.rawValue),
    ]
    if dtype.isFloatingPoint {
      let lo = minval ?? .int(0)
      let hi = maxval ?? .int(1)
      let key = try StatelessKey(seed: seed)
      let raw: DrawnValues =
        dtype == .float32 ? .float32(key.fill.uniformFloat32(count)) : .float64(key.fill.uniformFloat64(count))
      let values = WrapperArithmetic.ranged(raw, minval: lo, maxval: hi)
      report(key, blocks: PhiloxFill.blocks(count: count, perBlock: dtype.valuesPerBlock),
             operation: "stateless_uniform", distribution: "uniform", parameters: parameters, shape: shape,
             values: values, observer: observer)
      return values
    }
    let values: DrawnValues
    let key: StatelessKey
    switch (minval, maxval) {
    case (nil, nil):
      key = try StatelessKey(seed: seed)
      values = dtype == .int32 ? .int32(key.fill.fullInt32(count)) : .int64(key.fill.fullInt64(count))
    case (let lo?, let hi?):
      let low = try lo.integerValue(dtype, parameter: "minval")
      let high = try hi.integerValue(dtype, parameter: "maxval")
      key = try StatelessKey(seed: seed)
      guard low < high else {
        throw FrameworkError("Need minval < maxval: \(low) >= \(high).", parameter: "maxval")
      }
      values = dtype == .int32
        ? .int32(key.fill.uniformInt32(count, lo: Int32(low), range: UInt32(truncatingIfNeeded: high &- low)))
        : .int64(key.fill.uniformInt64(count, lo: low, range: UInt64(bitPattern: high &- low)))
    default:
      throw FrameworkError(
        "For integer dtype \(dtype.rawValue), minval and maxval must be both None or both given.",
        parameter: "maxval")
    }
    report(key, blocks: PhiloxFill.blocks(count: count, perBlock: dtype.valuesPerBlock),
           operation: "stateless_uniform", distribution: "integers", parameters: parameters, shape: shape,
           values: values, observer: observer)
    return values
  }

  /// `tf.random.stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype=tf.float32)`:
  /// Box–Muller (sine first), then `rnd * stddev + mean`.
  ///
  /// - Throws: ``FrameworkError`` for a bad seed, an integer dtype, an
  ///   unsupported `alg` or a negative dimension.
  public static func normal(
    _ shape: [Int], seed: [Int64], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, alg: String? = nil, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    try TensorFlowEagerContext.requireFloat(dtype, "tf.random.stateless_normal")
    let count = try TensorShape.elementCount(shape)
    let key = try StatelessKey(seed: seed)
    let raw: DrawnValues =
      dtype == .float32 ? .float32(key.fill.normalFloat32(count)) : .float64(key.fill.normalFloat64(count))
    let values = WrapperArithmetic.affine(raw, scale: stddev, shift: mean)
    report(key, blocks: PhiloxFill.blocks(count: count, perBlock: dtype.valuesPerBlock),
           operation: "stateless_normal", distribution: "normal",
           parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// `tf.random.stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype=tf.float32)`.
  ///
  /// - Throws: ``FrameworkError`` for a bad seed, an integer dtype, an
  ///   unsupported `alg` or a negative dimension.
  public static func truncatedNormal(
    _ shape: [Int], seed: [Int64], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, alg: String? = nil, observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    try TensorFlowEagerContext.requireFloat(dtype, "tf.random.stateless_truncated_normal")
    let count = try TensorShape.elementCount(shape)
    let key = try StatelessKey(seed: seed)
    let raw: DrawnValues =
      dtype == .float32
      ? .float32(key.fill.truncatedNormalFloat32(count)) : .float64(key.fill.truncatedNormalFloat64(count))
    let values = WrapperArithmetic.affine(raw, scale: stddev, shift: mean)
    let groups = UInt64((count + dtype.valuesPerBlock - 1) / dtype.valuesPerBlock)
    report(key, blocks: groups * PhiloxFill.truncatedGroupSkip(dtype),
           operation: "stateless_truncated_normal", distribution: "truncated_normal",
           parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)],
           shape: shape, values: values, observer: observer)
    return values
  }

  /// Accepts the algorithms that mean Philox on CPU: `nil`, `"philox"`,
  /// `"auto_select"` (any case; `-`, `_` and spaces ignored).
  ///
  /// `"threefry"` is a valid name but TensorFlow's CPU kernels reject it
  /// (`InvalidArgumentError: counter must be a vector with length at least
  /// 2`, ThreeFry's counter being one 64-bit word); any other name is
  /// TensorFlow's `ValueError`.
  static func checkAlgorithm(_ alg: String?) throws {
    guard let alg else { return }
    let canonical = alg.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
    if canonical == "philox" || canonical == "autoselect" { return }
    if canonical == "threefry" {
      throw FrameworkError(
        "alg \"\(alg)\" (ThreeFry) fails on CPU in TensorFlow: its counter is one 64-bit word and the CPU kernels need Philox's two (InvalidArgumentError: counter must be a vector with length at least 2); use \"philox\" or \"auto_select\".",
        parameter: "alg")
    }
    throw FrameworkError(
      "Argument `alg` got unsupported value \(alg). Supported values are philox for the Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.",
      parameter: "alg")
  }

  static func report(
    _ key: StatelessKey, blocks: UInt64, operation: String, distribution: String,
    parameters: [DrawReport.Parameter], shape: [Int], values: DrawnValues, observer: (any DrawObserver)?
  ) {
    guard let observer else { return }
    let stream = key.stream
    observer.observe(
      SeedDerivation(
        rule: "tf.stateless.GenerateKey", inputs: [.init("seed", "[\(key.seed.0), \(key.seed.1)]")],
        result: stream.seedMaterial, derived: stream))
    observer.observe(
      DrawReport(
        stream: stream, counterBefore: 0, count: blocks, operation: operation, distribution: distribution,
        parameters: parameters, shape: shape, values: values))
  }
}
