import RNGStreams

extension JAXRandom {
  /// `jax.random.dirichlet(key, alpha, shape=None, dtype=None)` in float64:
  /// a softmax of log-gammas, bit for bit.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.dirichlet(random.key(0), alpha: [0.5, 1.0, 2.0], alphaShape: [3], shape: [4])
  /// ```
  ///
  /// `loggamma(key, alpha, shape + alpha.shape[-1:])`, then along the last
  /// axis `e = exp(x − max(x))` (XLA CPU's own `exp`) and `e · (1/sum(e))`,
  /// the sum as XLA CPU reduces a row (``XLARowSum``). The draws report as
  /// `loggamma` on `key`.
  ///
  /// - Throws: ``FrameworkError`` as ``gamma(_:a:aShape:shape:dtype:logSpace:)``
  ///   (float32 is refused for gamma's reason), for a scalar `alpha`, a
  ///   `shape` that `alpha.shape[:-1]` does not broadcast to, or more than
  ///   1 024 classes (XLA sums such rows in an order not emulated).
  public func dirichlet(
    _ key: JAXKey, alpha: [Double], alphaShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try requireFloat64(dtype, "dirichlet")
    guard let classes = alphaShape.last else {
      throw FrameworkError("dirichlet requires alpha.ndim >= 1, got alpha.ndim == 0", parameter: "alpha")
    }
    guard classes <= XLARowSum.maximumLength else {
      throw FrameworkError(
        "dirichlet with more than \(XLARowSum.maximumLength) classes (got \(classes)) is not emulated: XLA CPU sums such rows in an order rngdiff does not reproduce.",
        parameter: "alpha")
    }
    let batch = Array(alphaShape.dropLast())
    let batchShape = shape ?? batch
    guard Broadcasting.index(from: batch, to: batchShape) != nil else {
      throw FrameworkError(
        "dirichlet parameter shapes (\(Self.pythonTuple(batch)),) are not broadcast-compatible with shape argument \(Self.pythonTuple(batchShape)).",
        parameter: "shape")
    }
    let fullShape = batchShape + [classes]
    let (alphas, _) = try broadcastParameter(alpha, alphaShape, to: fullShape, name: "alpha", function: "dirichlet")
    guard case .float64(let logs) = try gamma(key, a: alphas, aShape: fullShape, shape: fullShape, dtype: .float64, logSpace: true)
    else { preconditionFailure("float64 samplers return float64") }
    var out = [Double]()
    out.reserveCapacity(logs.count)
    var start = 0
    while start < logs.count {
      let row = logs[start..<(start + classes)]
      let m = row.reduce(-Double.infinity) { XLAFloatOps.maximum($0, $1) }
      let e = row.map { XLAFloat64Math.exp($0 - m) }
      let reciprocal = 1 / XLARowSum.sum(e[...])
      out.append(contentsOf: e.map { $0 * reciprocal })
      start += classes
    }
    return .float64(out)
  }
}
