import RNGStreams

extension TorchGenerator {
  /// `Tensor.log_normal_(mean, std)` on a new tensor of `shape` and `dtype`:
  /// `exp` of a normal value with that mean and standard deviation.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.logNormal_([3], mean: 1, std: 2)     // PyTorch's defaults
  /// ```
  ///
  /// Every element comes from the scalar Box–Muller path whatever the size
  /// (the one `randn` takes below 16 elements): it reads and refills the
  /// generator's cached normal value, `z · std + mean` is one fused multiply-add
  /// on the AVX2/AVX512 kernels, and glibc's `exp` is applied in double before
  /// rounding to the dtype.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `std <= 0` or NaN, for a
  ///   non-float dtype, or for a negative dimension.
  public mutating func logNormal_(_ shape: [Int], dtype: TorchDType = .float32, mean: Double = 1, std: Double = 2) throws -> DrawnValues {
    if !(std > 0) {
      throw FrameworkError("log_normal_ expects std > 0.0, but found std=\(cppDescription(std))", parameter: "std")
    }
    let count = try Shape.elementCount(shape)
    try Shape.requireFloatingPoint(dtype, kernel: "log_normal_cpu")
    let before = wordsDrawn
    let fused = kernel.fusesMultiplyAdd
    let doubles = filledArray(count: count) { Libm.exp(multiplyAdd(scalarNormal(), std, mean, fused: fused)) }
    let values = KernelCast.cast(doubles, to: dtype)
    report(
      from: before, operation: "log_normal_", distribution: "lognormal",
      parameters: [.init("mean", "\(mean)"), .init("std", "\(std)"), .init("dtype", dtype.name)],
      shape: shape, values: values)
    return values
  }
}
