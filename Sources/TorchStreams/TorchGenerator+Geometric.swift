import RNGStreams

extension TorchGenerator {
  /// `Tensor.geometric_(p)` on a new tensor of `shape` and `dtype`: the number
  /// of Bernoulli(`p`) trials up to and including the first success.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.geometric_([4], dtype: .int64, p: 0.3)
  /// ```
  ///
  /// Per element one double uniform `u` (two words) and
  /// `ceil(log(u) / log1p(−p))` in double with glibc's `log`/`log1p`, then
  /// cast to the dtype (integer dtypes truncate as C++ does).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `p` is outside `(0, 1)` or NaN,
  ///   or for a negative dimension.
  public mutating func geometric_(_ shape: [Int], dtype: TorchDType = .float32, p: Double) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    if !(p > 0 && p < 1) {
      throw FrameworkError("geometric_ expects p to be in (0, 1), but got p=\(cppDescription(p))", parameter: "p")
    }
    let before = wordsDrawn
    let denominator = Libm.log1p(-p)
    let doubles = filledArray(count: count) { (Libm.log(UniformDraws.float64(engine.next64())) / denominator).rounded(.up) }
    let values = KernelCast.cast(doubles, to: dtype)
    report(
      from: before, operation: "geometric_", distribution: "geometric",
      parameters: [.init("p", "\(p)"), .init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
