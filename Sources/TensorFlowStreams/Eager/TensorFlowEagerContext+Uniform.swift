import RNGStreams

extension TensorFlowEagerContext {
  /// `tf.random.uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None)`.
  ///
  /// Floats: the `RandomUniform` kernel gives `[0, 1)` from the low 23 (or
  /// 52) bits of each word; then, exactly as the Python wrapper does:
  /// int `minval=0` and int `maxval=1` (or `None`) → the raw values;
  /// int `minval=0` and another `maxval` → `rnd * maxval`; anything else →
  /// `rnd * (maxval - minval) + minval`, each step rounded in the dtype.
  ///
  /// Integers (`int32`, `int64`): `RandomUniformInt` gives
  /// `minval + bits % (maxval - minval)`, biased, no rejection.
  ///
  /// ```swift
  /// try tf.uniform([3], seed: 7)
  /// try tf.uniform([2, 2], minval: -1.0, maxval: 1.0)
  /// try tf.uniform([5], minval: 0, maxval: 10, dtype: .int32)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` for an integer dtype without `maxval`, a
  ///   float bound with an integer dtype, an int32 bound out of range,
  ///   `minval >= maxval` for integers (after the op seed was taken, as in
  ///   TensorFlow), or a negative dimension.
  public mutating func uniform(
    _ shape: [Int], minval: TensorFlowScalar = 0, maxval: TensorFlowScalar? = nil,
    dtype: TensorFlowDType = .float32, seed: Int64? = nil
  ) throws -> DrawnValues {
    let count = try TensorShape.elementCount(shape)
    var parameters: [DrawReport.Parameter] = [
      .init("minval", minval.description), .init("maxval", maxval?.description ?? "None"),
      .init("dtype", dtype.rawValue),
    ]
    if !dtype.isFloatingPoint {
      guard let maxval else {
        throw FrameworkError("Must specify maxval for integer dtype \(dtype.rawValue).", parameter: "maxval")
      }
      let lo = try minval.integerValue(dtype, parameter: "minval")
      let hi = try maxval.integerValue(dtype, parameter: "maxval")
      return try runStatefulOp(
        .randomUniformInt, dtype: dtype, shape: shape, count: count, seed: seed, integerRange: (lo, hi),
        operation: "uniform", parameters: parameters, finish: { $0 })
    }
    let upper = maxval ?? .int(1)
    parameters[1] = .init("maxval", upper.description)
    return try runStatefulOp(
      .randomUniform, dtype: dtype, shape: shape, count: count, seed: seed,
      operation: "uniform", parameters: parameters
    ) { raw in
      if minval == .int(0) {
        return upper == .int(1) ? raw : WrapperArithmetic.scaled(raw, by: upper)
      }
      return WrapperArithmetic.ranged(raw, minval: minval, maxval: upper)
    }
  }

  /// `tf.random.normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)`.
  ///
  /// The `RandomStandardNormal` kernel's Box–Muller values (sine first),
  /// then `rnd * stddev + mean` as two separately rounded ops.
  ///
  /// ```swift
  /// try tf.normal([4], seed: 7)
  /// try tf.normal([2, 3], mean: 1.5, stddev: 0.25, dtype: .float64)
  /// ```
  /// - Throws: ``FrameworkError`` for an integer dtype or a negative dimension.
  public mutating func normal(
    _ shape: [Int], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, seed: Int64? = nil
  ) throws -> DrawnValues {
    try Self.requireFloat(dtype, "tf.random.normal")
    let count = try TensorShape.elementCount(shape)
    return try runStatefulOp(
      .randomStandardNormal, dtype: dtype, shape: shape, count: count, seed: seed, operation: "normal",
      parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)]
    ) { WrapperArithmetic.affine($0, scale: stddev, shift: mean) }
  }

  /// `tf.random.truncated_normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None)`.
  ///
  /// Standard normals with |x| < 2 by rejection, each output group of 4
  /// (float32) or 2 (float64) reading its own generator skipped by
  /// 256 (128) blocks per group; then `rnd * stddev + mean`.
  ///
  /// ```swift
  /// try tf.truncatedNormal([1000], seed: 7)
  /// ```
  /// - Throws: ``FrameworkError`` for an integer dtype or a negative dimension.
  public mutating func truncatedNormal(
    _ shape: [Int], mean: TensorFlowScalar = 0.0, stddev: TensorFlowScalar = 1.0,
    dtype: TensorFlowDType = .float32, seed: Int64? = nil
  ) throws -> DrawnValues {
    try Self.requireFloat(dtype, "tf.random.truncated_normal")
    let count = try TensorShape.elementCount(shape)
    return try runStatefulOp(
      .truncatedNormal, dtype: dtype, shape: shape, count: count, seed: seed, operation: "truncated_normal",
      parameters: [.init("mean", mean.description), .init("stddev", stddev.description), .init("dtype", dtype.rawValue)]
    ) { WrapperArithmetic.affine($0, scale: stddev, shift: mean) }
  }
}
