import RNGStreams

extension JAXRandom {
  /// `jax.random.chisquare(key, df, shape=None, dtype=None)` in float64:
  /// `exp(loggamma(key, df/2, shape)) · 2`, bit for bit.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.chisquare(random.key(0), df: [3.0], dfShape: [], shape: [4])
  /// ```
  ///
  /// `exp` is XLA CPU's own (``XLAFloat64Math/exp(_:)``). The draws report
  /// as `loggamma` on `key`.
  ///
  /// - Throws: ``FrameworkError`` as ``gamma(_:a:aShape:shape:dtype:logSpace:)``
  ///   (float32 is refused for gamma's reason).
  public func chisquare(
    _ key: JAXKey, df: [Double], dfShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try requireFloat64(dtype, "chisquare")
    let (dfs, shape) = try broadcastParameter(df, dfShape, to: shape, name: "df", function: "chisquare")
    return .float64(try chisquareValues(key, halves: dfs.map { $0 / 2 }, shape: shape))
  }

  /// `exp(loggamma(key, halves)) · 2` for parameters already broadcast to `shape`.
  func chisquareValues(_ key: JAXKey, halves: [Double], shape: [Int]) throws -> [Double] {
    guard case .float64(let logs) = try gamma(key, a: halves, aShape: shape, shape: shape, dtype: .float64, logSpace: true)
    else { preconditionFailure("float64 samplers return float64") }
    return logs.map { XLAFloat64Math.exp($0) * 2 }
  }
}
