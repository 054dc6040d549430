import RNGStreams

extension TorchGenerator {
  /// `torch.rand(*size, dtype=dtype)`: uniform values in [0, 1).
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.rand([3])                       // [0.49625659, 0.7682218, 0.08847743]
  /// try g.rand([2], dtype: .float64)      // 2 words per element
  /// ```
  ///
  /// float32 elements keep the low 24 bits of one word (`(w & 0xFFFFFF) · 2^-24`);
  /// float64 elements the low 53 bits of two words, the first one high.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for a negative dimension or a non-float dtype.
  public mutating func rand(_ size: [Int], dtype: TorchDType = .float32) throws -> DrawnValues {
    try uniformDraw(size, dtype: dtype, from: 0, to: 1, operation: "rand")
  }

  /// `Tensor.uniform_(from, to)` on a new tensor of `shape` and `dtype` (also what
  /// `nn.init.uniform_` and the layer initialisers call).
  ///
  /// ```swift
  /// try g.uniform_([300], from: -0.37, to: 1.9)
  /// ```
  ///
  /// Each element is `x · (to − from) + from` with `x` as in ``rand(_:dtype:)``,
  /// computed in the tensor's dtype (`from` and `to` are rounded to float32 first
  /// for float32 tensors) — one fused multiply-add on the AVX2/AVX512 kernels, two
  /// roundings on the DEFAULT kernel. A result equal to `to` becomes `from`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `from` or `to` is outside the
  ///   dtype's finite range or NaN, when `from > to`, when `to − from` overflows
  ///   the dtype, for a negative dimension, or for a non-float dtype.
  public mutating func uniform_(
    _ shape: [Int], dtype: TorchDType = .float32, from: Double = 0, to: Double = 1
  ) throws -> DrawnValues {
    try uniformDraw(shape, dtype: dtype, from: from, to: to, operation: "uniform_")
  }

  /// Checks, draws and reports one uniform call.
  mutating func uniformDraw(
    _ shape: [Int], dtype: TorchDType, from: Double, to: Double, operation: String
  ) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    try Shape.requireFloatingPoint(dtype, kernel: "check_uniform_bounds")
    let largest = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
    for (name, value) in [("from", from), ("to", to)] where !(value >= -largest && value <= largest) {
      throw FrameworkError(
        "\(name) is out of bounds for \(dtype.cTypeName): \(dtype.name) holds finite values up to ±\(cppDescription(largest))",
        parameter: name)
    }
    if from > to {
      throw FrameworkError(
        "uniform_ expects to return a [from, to) range, but found from=\(cppDescription(from)) > to=\(cppDescription(to))",
        parameter: "from")
    }
    if !(to - from <= largest) {
      throw FrameworkError(
        "uniform_ expects to-from <= std::numeric_limits<\(dtype.scalarTypeName)>::max(), but found to=\(cppDescription(to)) and from=\(cppDescription(from)) which result in to-from to exceed the limit",
        parameter: "to")
    }
    let before = wordsDrawn
    let values = uniformValues(count: count, dtype: dtype, from: from, to: to)
    report(
      from: before, operation: operation, distribution: "uniform",
      parameters: [.init("from", "\(from)"), .init("to", "\(to)"), .init("dtype", dtype.name)],
      shape: shape, values: values)
    return values
  }

  /// The values of one uniform kernel call, without checks or reporting.
  mutating func uniformValues(count: Int, dtype: TorchDType, from: Double, to: Double) -> DrawnValues {
    let fused = kernel.fusesMultiplyAdd
    switch dtype {
    case .float64:
      let span = to - from
      return .float64(filledArray(count: count) {
        let value = multiplyAdd(UniformDraws.float64(engine.next64()), span, from, fused: fused)
        return value == to ? from : value
      })
    default:
      let low = Float(from)
      let high = Float(to)
      let span = high - low
      return .float32(filledArray(count: count) {
        let value = multiplyAdd(UniformDraws.float32(engine.next()), span, low, fused: fused)
        return value == high ? low : value
      })
    }
  }
}
