import RNGStreams

extension JAXRandom {
  /// `jax.random.f(key, dfnum, dfden, shape=None, dtype=None)` in float64:
  /// the ratio of two chi-squares over their degrees of freedom, bit for bit.
  ///
  /// ```swift
  /// let random = JAXRandom(config: JAXConfig(enableX64: true))
  /// try random.f(random.key(0), dfnum: [3.0], dfnumShape: [], dfden: [5.0], dfdenShape: [], shape: [4])
  /// ```
  ///
  /// `key_dfd, key_dfn = split(key)` (denominator first, as JAX splits),
  /// `χ²ₙ = chisquare(key_dfn, dfnum)`, `χ²_d = chisquare(key_dfd, dfden)`.
  /// XLA's simplifier rewrites `(χ²ₙ/dfnum) / (χ²_d/dfden)` as
  /// `(χ²ₙ·dfden) / (dfnum·χ²_d)` (measured on jaxlib 0.10.2, one element and
  /// several), which is what is computed here.
  ///
  /// One draw is reported on `key` (its split); the chi-squares report as
  /// `loggamma` on the split keys.
  ///
  /// - Throws: ``FrameworkError`` as ``gamma(_:a:aShape:shape:dtype:logSpace:)``,
  ///   or for an array parameter whose shape is not the output's (JAX's
  ///   `lax.div` does not broadcast and raises a `TypeError`).
  public func f(
    _ key: JAXKey, dfnum: [Double], dfnumShape: [Int], dfden: [Double], dfdenShape: [Int],
    shape: [Int]? = nil, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try requireFloat64(dtype, "f")
    let shape = try shape ?? Self.broadcastShapes(dfnumShape, dfdenShape, function: "f")
    // JAX divides by the parameters with lax.div, which does not broadcast.
    for (name, s) in [("dfnum", dfnumShape), ("dfden", dfdenShape)] where !s.isEmpty && s != shape {
      throw FrameworkError(
        "f divides by \(name) without broadcasting (lax.div), so an array \(name) must have the output's shape \(Self.pythonTuple(shape)), got \(Self.pythonTuple(s)); JAX raises a TypeError here.",
        parameter: name)
    }
    let (n, _) = try broadcastParameter(dfnum, dfnumShape, to: shape, name: "dfnum", function: "f")
    let (d, _) = try broadcastParameter(dfden, dfdenShape, to: shape, name: "dfden", function: "f")
    let keys = derivedKeys(key, count: 2)
    report(key, blocks: 2, operation: "f", distribution: "keys",
           parameters: [.init("dfnum", Self.parameterText(dfnum, dfnumShape)), .init("dfden", Self.parameterText(dfden, dfdenShape))],
           shape: [2, keys[0].data.count], values: .uint32(keys.flatMap(\.data)))
    let numerator = try chisquareValues(keys[1], halves: n.map { $0 / 2 }, shape: shape)
    let denominator = try chisquareValues(keys[0], halves: d.map { $0 / 2 }, shape: shape)
    return .float64((0..<n.count).map { (numerator[$0] * d[$0]) / (n[$0] * denominator[$0]) })
  }

  /// A parameter as reports show it: the number, or `array(shape)`.
  static func parameterText(_ values: [Double], _ shape: [Int]) -> String {
    values.count == 1 && shape.isEmpty ? String(values[0]) : "array\(pythonTuple(shape))"
  }
}
