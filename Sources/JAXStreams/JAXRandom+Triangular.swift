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
    let dtype = try samplerFloatDType(dtype, "triangular")
    func sample<F: BinaryFloatingPoint>(_ u: F, _ l: F, _ m: F, _ r: F) -> F {
      let fc = (m - l) / (r - l)
      let out1 = l + (u * (r - l) * (m - l)).squareRoot()
      let out2 = r - ((1 - u) * (r - l) * (r - m)).squareRoot()
      return u < fc ? out1 : out2
    }
    let (l32, m32, r32) = (Float(left), Float(mode), Float(right))
    return try transformedUniform(
      key, shape: shape, dtype: dtype, minval: 0, maxval: 1, name: "triangular",
      parameters: [.init("left", "\(left)"), .init("mode", "\(mode)"), .init("right", "\(right)")],
      f32: { sample($0, l32, m32, r32) }, f64: { sample($0, left, mode, right) })
  }
}
