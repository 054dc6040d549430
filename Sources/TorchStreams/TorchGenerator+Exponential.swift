import RNGStreams

extension TorchGenerator {
  /// `Tensor.exponential_(lambd)` on a new tensor of `shape` and `dtype`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.exponential_([3], lambda: 1.5)   // [2.3388841, 0.82025653, 0.41002938]
  /// ```
  ///
  /// Per element one double uniform `u` (`random64()`, two words, for float32
  /// tensors too) and `(−1 / lambd) · log1p(−u)` in double with glibc's
  /// `log1p`, then rounded to the dtype. Every CPU kernel computes the same.
  ///
  /// Edge cases: `lambd = inf` gives zeros (and still draws).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `lambd <= 0` or NaN, for a
  ///   non-float dtype, or for a negative dimension.
  public mutating func exponential_(_ shape: [Int], dtype: TorchDType = .float32, lambda: Double = 1) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    if !(lambda > 0) {
      throw FrameworkError("exponential_ expects lambda > 0.0, but found lambda=\(cppDescription(lambda))", parameter: "lambd")
    }
    if !dtype.isFloatingPoint {
      throw FrameworkError(
        "Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified \(dtype.scalarTypeName)",
        parameter: "dtype")
    }
    let before = wordsDrawn
    let values = KernelCast.cast(exponentialDoubles(count: count, lambda: lambda), to: dtype)
    report(
      from: before, operation: "exponential_", distribution: "exponential",
      parameters: [.init("lambd", "\(lambda)"), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// `count` exponential values in double, without checks or reporting.
  mutating func exponentialDoubles(count: Int, lambda: Double) -> [Double] {
    let factor = -1.0 / lambda
    return filledArray(count: count) { factor * Libm.log1p(-UniformDraws.float64(engine.next64())) }
  }
}
