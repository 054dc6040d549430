import RNGStreams

extension JAXRandom {
  /// `jax.random.beta(key, a, b, shape=None, dtype=None)` in float64: two
  /// log-gammas scaled by their maximum, bit for bit.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.beta(random.key(0), a: [2.0], aShape: [], b: [3.0], bShape: [], shape: [4])
  /// ```
  ///
  /// `key_a, key_b = split(key)`, `la = loggamma(key_a, a)`,
  /// `lb = loggamma(key_b, b)`, `m = max(la, lb)`, `ga = exp(la − m)`,
  /// `gb = exp(lb − m)`, and `ga / (ga + gb)`, with XLA CPU's own `exp`.
  ///
  /// One draw is reported on `key` (its split); the log-gammas report as
  /// `loggamma` on the split keys.
  ///
  /// - Throws: ``FrameworkError`` as ``gamma(_:a:aShape:shape:dtype:logSpace:)``,
  ///   or for parameters that do not broadcast together.
  public func beta(
    _ key: JAXKey, a: [Double], aShape: [Int], b: [Double], bShape: [Int], shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try requireFloat64(dtype, "beta")
    let shape = try shape ?? Self.broadcastShapes(aShape, bShape, function: "beta")
    let (alphas, _) = try broadcastParameter(a, aShape, to: shape, name: "a", function: "beta")
    let (betas, _) = try broadcastParameter(b, bShape, to: shape, name: "b", function: "beta")
    let keys = derivedKeys(key, count: 2)
    report(key, blocks: 2, operation: "beta", distribution: "keys",
           parameters: [.init("a", Self.parameterText(a, aShape)), .init("b", Self.parameterText(b, bShape))],
           shape: [2, keys[0].data.count], values: .uint32(keys.flatMap(\.data)))
    guard case .float64(let la) = try gamma(keys[0], a: alphas, aShape: shape, shape: shape, dtype: .float64, logSpace: true),
      case .float64(let lb) = try gamma(keys[1], a: betas, aShape: shape, shape: shape, dtype: .float64, logSpace: true)
    else { preconditionFailure("float64 samplers return float64") }
    return .float64((0..<la.count).map {
      let m = XLAFloatOps.maximum(la[$0], lb[$0])
      let ga = XLAFloat64Math.exp(la[$0] - m), gb = XLAFloat64Math.exp(lb[$0] - m)
      return ga / (ga + gb)
    })
  }

  /// The shape two parameters broadcast to (NumPy's rules), or JAX's error.
  public static func broadcastShapes(_ a: [Int], _ b: [Int], function: String) throws -> [Int] {
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a, pb = Array(repeating: 1, count: rank - b.count) + b
    return try zip(pa, pb).map { x, y in
      guard x == y || x == 1 || y == 1 else {
        throw FrameworkError("\(function): incompatible shapes for broadcasting: \(pythonTuple(a)) and \(pythonTuple(b))", parameter: "shape")
      }
      return x == 1 ? y : x
    }
  }
}
