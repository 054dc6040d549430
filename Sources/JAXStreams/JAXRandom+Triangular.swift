import RNGStreams

extension JAXRandom {
  /// `jax.random.triangular(key, left, mode, right, shape=None, dtype=None)`
  /// for scalar bounds: with `fc = (mode - left) / (right - left)` and `u`
  /// uniform in `[0, 1)`, `left + sqrt(u * (right - left) * (mode - left))`
  /// where `u < fc`, else `right - sqrt((1 - u) * (right - left) * (right - mode))`,
  /// every step rounded in the dtype (the bounds converted to it first).
  ///
  /// ```swift
  /// try random.triangular(random.key(0), left: 0, mode: 1, right: 3, shape: [4])
  /// ```
  ///
  /// Throws for a non-float dtype, float16/bfloat16, or a bad shape.
  public func triangular(
    _ key: JAXKey, left: Double, mode: Double, right: Double, shape: [Int] = [], dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    try triangular(key, left: [left], leftShape: [], mode: [mode], modeShape: [], right: [right], rightShape: [], shape: shape, dtype: dtype)
  }

  /// `triangular` with array bounds, broadcast to `shape` (default: their
  /// broadcast shape), as `jnp.broadcast_to` does.
  public func triangular(
    _ key: JAXKey, left: [Double], leftShape: [Int], mode: [Double], modeShape: [Int], right: [Double], rightShape: [Int],
    shape: [Int]?, dtype: JAXDType? = nil
  ) throws -> DrawnValues {
    let dtype = try samplerFloatDType(dtype, "triangular")
    let shape = try shape ?? Self.broadcastShapes(Self.broadcastShapes(leftShape, modeShape, function: "triangular"), rightShape, function: "triangular")
    let (l, _) = try broadcastParameter(left, leftShape, to: shape, name: "left", function: "triangular")
    let (m, _) = try broadcastParameter(mode, modeShape, to: shape, name: "mode", function: "triangular")
    let (r, _) = try broadcastParameter(right, rightShape, to: shape, name: "right", function: "triangular")
    func sample<F: BinaryFloatingPoint>(_ u: F, _ l: F, _ m: F, _ r: F) -> F {
      let fc = (m - l) / (r - l)
      let out1 = l + (u * (r - l) * (m - l)).squareRoot()
      let out2 = r - ((1 - u) * (r - l) * (r - m)).squareRoot()
      return u < fc ? out1 : out2
    }
    let (l32, m32, r32) = (l.map { Float($0) }, m.map { Float($0) }, r.map { Float($0) })
    return try transformedUniformIndexed(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "triangular",
      parameters: [.init("left", Self.parameterText(left, leftShape)), .init("mode", Self.parameterText(mode, modeShape)),
                   .init("right", Self.parameterText(right, rightShape))],
      f32: { sample($0, l32[$1], m32[$1], r32[$1]) }, f64: { sample($0, l[$1], m[$1], r[$1]) })
  }
}
