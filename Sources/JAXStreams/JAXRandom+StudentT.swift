import RNGStreams

extension JAXRandom {
  /// `jax.random.t(key, df, shape=(), dtype=None)` in float64: Student's t
  /// as `n · sqrt((df/2) / g)`, with `n = normal(k1, shape)` and
  /// `g = gamma(k2, df/2, shape)` for `k1, k2 = split(key)`.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.t(random.key(0), df: [3.0], dfShape: [], shape: [4])
  /// ```
  ///
  /// One draw is reported on `key` (its split); the normal and gamma draws
  /// on the split keys report as those calls do.
  ///
  /// - Throws: ``FrameworkError`` as ``gamma(_:a:aShape:shape:dtype:logSpace:)``
  ///   (float32 is refused for the same reason).
  public func t(
    _ key: JAXKey, df: [Double], dfShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try requireFloat64(dtype, "t")
    let (dfs, shape) = try broadcastParameter(df, dfShape, to: shape, name: "df", function: "t")
    let keys = derivedKeys(key, count: 2)
    report(key, blocks: 2, operation: "t", distribution: "keys",
           parameters: [.init("df", df.count == 1 ? String(df[0]) : "array\(Self.pythonTuple(dfShape))")],
           shape: [2, 2], values: .uint32(keys.flatMap(\.data)))
    let halves = dfs.map { $0 / 2 }
    guard case .float64(let z) = try normal(keys[0], shape: shape, dtype: .float64),
      case .float64(let g) = try gamma(keys[1], a: halves, aShape: shape, shape: shape, dtype: .float64)
    else { preconditionFailure("float64 samplers return float64") }
    return .float64((0..<halves.count).map { z[$0] * (halves[$0] / g[$0]).squareRoot() })
  }
}
