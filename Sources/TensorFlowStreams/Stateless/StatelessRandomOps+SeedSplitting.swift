import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.split(seed, num=2, alg='auto_select')`
  /// (also `tf.random.experimental.stateless_split`): `num` new seeds, each
  /// a row of `stateless_uniform([num, 2], seed, minval=None, maxval=None,
  /// dtype=seed.dtype)`, the full-range integers of the seed's own dtype.
  ///
  /// ```swift
  /// try StatelessRandomOps.split(seed: [1, 2], num: 3, dtype: .int32)
  /// // .int32([1105988140, 1738052849, -335576002, 370444179, 10670227, -246211131])
  /// ```
  ///
  /// Each new seed is reported as a ``SeedDerivation`` whose derived stream
  /// is the `stateless(a,b)` stream that seed keys.
  ///
  /// Edge cases: `num == 0` gives an empty `[0, 2]` result and draws
  /// nothing; an int64 seed gives int64 seeds (two words per element).
  /// - Throws: ``FrameworkError`` for `num < 0`, a seed that is not two
  ///   values, a dtype other than int32 and int64, or an unsupported `alg`.
  public static func split(
    seed: [Int64], num: Int = 2, dtype: TensorFlowDType = .int32, alg: String? = nil,
    observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    try requireSeedDType(dtype, parameter: "seed")
    guard num >= 0 else {
      throw FrameworkError("Dimension \(num) must be >= 0 (num is the first dimension of the [num, 2] result).", parameter: "num")
    }
    let key = try StatelessKey(seed: seed)
    let count = num * 2
    let values: DrawnValues = dtype == .int32 ? .int32(key.fill.fullInt32(count)) : .int64(key.fill.fullInt64(count))
    report(key, blocks: PhiloxFill.blocks(count: count, perBlock: dtype.valuesPerBlock),
           operation: "stateless_split", distribution: "integers",
           parameters: [.init("num", "\(num)"), .init("dtype", dtype.rawValue)], shape: [num, 2],
           values: values, observer: observer)
    let flat = values.int64Values
    for row in 0..<num {
      reportDerivedSeed(
        (flat[2 * row], flat[2 * row + 1]), rule: "tf.random.split",
        inputs: [.init("seed", "[\(key.seed.0), \(key.seed.1)]"), .init("row", "\(row)")], observer: observer)
    }
    return values
  }

  /// `tf.random.fold_in(seed, data, alg='auto_select')` (also
  /// `tf.random.experimental.stateless_fold_in`): `[w, data]`, where `w` is
  /// one full-range integer of data's dtype drawn from `seed`.
  ///
  /// ```swift
  /// try StatelessRandomOps.foldIn(seed: [1, 2], data: 3, dtype: .int32)
  /// // .int32([1105988140, 3])
  /// ```
  ///
  /// Edge case: the result has data's dtype, not the seed's: a data value
  /// that needs int64 makes an int64 seed whose first element takes two words.
  /// - Throws: ``FrameworkError`` for a seed that is not two values, a data
  ///   dtype other than int32 and int64, or an unsupported `alg`.
  public static func foldIn(
    seed: [Int64], data: Int64, dtype: TensorFlowDType = .int32, alg: String? = nil,
    observer: (any DrawObserver)? = nil
  ) throws -> DrawnValues {
    try checkAlgorithm(alg)
    try requireSeedDType(dtype, parameter: "data")
    let key = try StatelessKey(seed: seed)
    let values: DrawnValues =
      dtype == .int32
      ? .int32([key.fill.fullInt32(1)[0], Int32(truncatingIfNeeded: data)])
      : .int64([key.fill.fullInt64(1)[0], data])
    report(key, blocks: 1, operation: "stateless_fold_in", distribution: "integers",
           parameters: [.init("data", "\(data)"), .init("dtype", dtype.rawValue)], shape: [2],
           values: values, observer: observer)
    let flat = values.int64Values
    reportDerivedSeed(
      (flat[0], flat[1]), rule: "tf.random.fold_in",
      inputs: [.init("seed", "[\(key.seed.0), \(key.seed.1)]"), .init("data", "\(data)")], observer: observer)
    return values
  }

  /// Seeds and fold-in data are int32 or int64 tensors.
  static func requireSeedDType(_ dtype: TensorFlowDType, parameter: String) throws {
    guard dtype == .int32 || dtype == .int64 else {
      throw FrameworkError("\(parameter) must be an int32 or int64 tensor, got \(dtype.rawValue).", parameter: parameter)
    }
  }

  /// One ``SeedDerivation`` for a seed made by `split` or `fold_in`.
  static func reportDerivedSeed(
    _ seed: (Int64, Int64), rule: String, inputs: [DrawReport.Parameter], observer: (any DrawObserver)?
  ) {
    guard let observer else { return }
    let stream = StatelessKey(seed: seed).stream
    observer.observe(SeedDerivation(rule: rule, inputs: inputs, result: "[\(seed.0), \(seed.1)]", derived: stream))
  }
}

extension DrawnValues {
  /// int32 or int64 values widened to Int64 (empty for other dtypes).
  fileprivate var int64Values: [Int64] {
    switch self {
    case .int32(let v): v.map(Int64.init)
    case .int64(let v): v
    default: []
    }
  }
}
