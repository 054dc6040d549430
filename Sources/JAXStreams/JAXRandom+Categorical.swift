import RNGStreams

extension JAXRandom {
  /// `jax.random.categorical(key, logits, axis=-1, shape=None)` with
  /// replacement: the Gumbel-max trick, `argmax(gumbel(key, shape + (n,)) + logits)`
  /// over the last axis.
  ///
  /// ```swift
  /// try random.categorical(random.key(0), logits: .float32([0.1, 0.5, 2.0]), logitsShape: [3], shape: [5])
  /// ```
  ///
  /// `logits` has shape `batch + (n,)`; `shape` (default `batch`) must end
  /// with `batch`, and the Gumbel noise has shape `shape + (n,)` in the
  /// logits' dtype. The result is int32 (int64 with x64); a NaN sum wins
  /// the argmax, as in `jnp.argmax`, and ties go to the first class.
  ///
  /// Edge cases: only the last axis is emulated (`axis=-1`), and only
  /// sampling with replacement; `n = 0` is an error as in JAX.
  /// - Throws: ``FrameworkError`` for logits that are not float32/float64,
  ///   a scalar, an empty class axis, or a `shape` that does not end with the batch shape.
  public func categorical(
    _ key: JAXKey, logits: DrawnValues, logitsShape: [Int], shape: [Int]? = nil, mode: GumbelMode = .low
  ) throws -> DrawnValues {
    try Self.requireShape(logits, logitsShape, "logits")
    guard let classes = logitsShape.last else {
      throw FrameworkError("categorical needs logits with at least one axis (the classes), got a scalar.", parameter: "logits")
    }
    guard classes > 0 else {
      throw FrameworkError("categorical needs at least one class along the last axis of logits, got shape \(Self.pythonTuple(logitsShape)).", parameter: "logits")
    }
    let dtype: JAXDType
    switch logits {
    case .float32: dtype = .float32
    case .float64: dtype = .float64
    default:
      throw FrameworkError("categorical is emulated for float32 and float64 logits, got \(logits.dtypeName).", parameter: "logits")
    }
    let batch = Array(logitsShape.dropLast())
    let shape = shape ?? batch
    guard shape.count >= batch.count, Array(shape.suffix(batch.count)) == batch else {
      throw FrameworkError(
        "categorical parameter shapes (\(Self.pythonTuple(batch)),) are not broadcast-compatible with shape argument \(Self.pythonTuple(shape)).",
        parameter: "shape")
    }
    let outputs = try Self.elementCount(shape)
    _ = try Self.elementCount(shape + [classes])
    let batchCount = batch.reduce(1, *)
    let (noise, blocks) = gumbelValues(key, count: outputs * classes, dtype: dtype, mode: mode)
    var result = [Int64](repeating: 0, count: outputs)
    switch (noise, logits) {
    case (.float32(let g), .float32(let l)):
      for o in 0..<outputs { result[o] = Self.argmax(classes) { g[o * classes + $0] + l[(o % batchCount) * classes + $0] } }
    case (.float64(let g), .float64(let l)):
      for o in 0..<outputs { result[o] = Self.argmax(classes) { g[o * classes + $0] + l[(o % batchCount) * classes + $0] } }
    default: preconditionFailure("noise has the logits' dtype")
    }
    let values: DrawnValues = config.enableX64 ? .int64(result) : .int32(result.map { Int32($0) })
    report(key, blocks: blocks, operation: "categorical", distribution: "categorical",
           parameters: [.init("classes", String(classes)), .init("mode", mode.rawValue)], shape: shape, values: values)
    return values
  }

  /// `jnp.argmax` over `n` values: the first NaN, else the first maximum.
  static func argmax<T: BinaryFloatingPoint>(_ n: Int, _ value: (Int) -> T) -> Int64 {
    var best = 0
    var bestValue = value(0)
    if bestValue.isNaN { return 0 }
    for j in 1..<n {
      let v = value(j)
      if v.isNaN { return Int64(j) }
      if v > bestValue {
        best = j
        bestValue = v
      }
    }
    return Int64(best)
  }
}
