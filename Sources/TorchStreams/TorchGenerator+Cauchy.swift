import RNGStreams

extension TorchGenerator {
  /// `Tensor.cauchy_(median, sigma)` on a new tensor of `shape` and `dtype`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.cauchy_([3], median: 0, sigma: 1)
  /// ```
  ///
  /// Per element one double uniform `u` (two words) and
  /// `median + sigma · tan(π · (u − 0.5))` in double with glibc's `tan` — the
  /// multiply-add fused on the AVX2/AVX512 kernels, two roundings on DEFAULT —
  /// then rounded to the dtype.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `sigma <= 0` or NaN, for a
  ///   non-float dtype, or for a negative dimension.
  public mutating func cauchy_(_ shape: [Int], dtype: TorchDType = .float32, median: Double = 0, sigma: Double = 1) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    if !(sigma > 0) {
      throw FrameworkError("cauchy_ expects sigma > 0.0, but found sigma=\(cppDescription(sigma))", parameter: "sigma")
    }
    if !dtype.isFloatingPoint {
      throw FrameworkError(
        "Cauchy distribution is a continuous probability distribution. dtype must be a floating point but you specified \(dtype.cTypeName)",
        parameter: "dtype")
    }
    let before = wordsDrawn
    let fused = kernel.fusesMultiplyAdd
    let doubles = filledArray(count: count) {
      let t = Libm.tan(Double.pi * (UniformDraws.float64(engine.next64()) - 0.5))
      return multiplyAdd(sigma, t, median, fused: fused)
    }
    let values = KernelCast.cast(doubles, to: dtype)
    report(
      from: before, operation: "cauchy_", distribution: "cauchy",
      parameters: [.init("median", "\(median)"), .init("sigma", "\(sigma)"), .init("dtype", dtype.name)],
      shape: shape, values: values)
    return values
  }
}
