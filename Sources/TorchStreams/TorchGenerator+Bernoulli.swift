import RNGStreams

extension TorchGenerator {
  /// `Tensor.bernoulli_(p)` with a float `p`, on a new tensor of `shape` and `dtype`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.bernoulli_([10], p: 0.3)     // float32 zeros and ones, 2 words each
  /// ```
  ///
  /// Per element one double uniform `u` (`random64()`, two words); the element is
  /// `u < p` in the tensor's dtype. `p = 0` and `p = 1` still draw.
  ///
  /// Edge cases: PyTorch builds with MKL once drew this from Intel VSL on Intel
  /// CPUs; 2.15 has no such path, and this emulates the default kernel only.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `p` is outside `[0, 1]` or NaN, or
  ///   for a negative dimension.
  public mutating func bernoulli_(_ shape: [Int], dtype: TorchDType = .float32, p: Double = 0.5) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    if !(p >= 0 && p <= 1) {
      throw FrameworkError("bernoulli_ expects p to be in [0, 1], but got p=\(cppDescription(p))", parameter: "p")
    }
    let before = wordsDrawn
    let values = DrawnValues(wrapping: bernoulliMask(count: count, p: p).map { $0 ? 1 : 0 }, as: dtype.elementType)
    report(
      from: before, operation: "bernoulli_", distribution: "bernoulli",
      parameters: [.init("p", "\(p)"), .init("dtype", dtype.name)],
      shape: shape, values: values)
    return values
  }

  /// `torch.nn.functional.dropout(input, p, training)` on the CPU.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.dropout(.float32(Array(repeating: 1, count: 8)), shape: [8], p: 0.5)
  /// // [0, 0, 2, 0, 0, 0, 2, 2]
  /// ```
  ///
  /// Draws a keep mask with `bernoulli_(1 − p)` (two words per element), divides it
  /// by `1 − p` in the input's dtype (float32: `1 / Float(1 − p)`), and multiplies
  /// the input by it, so dropped elements are `x · 0` (NaN for infinite `x`).
  /// The draw it reports holds the keep mask (`bool`, `true` = kept), not the output.
  ///
  /// Edge cases (no draws, no report): `training == false` or `p == 0` returns the
  /// input unchanged; `p == 1` returns `input · 0`; an empty input returns itself.
  ///
  /// - Precondition: `input.count` equals the element count of `shape`.
  /// - Throws: ``RNGStreams/FrameworkError`` when `p` is outside `[0, 1]` or NaN, or
  ///   when `input` is not float32 or float64.
  public mutating func dropout(
    _ input: DrawnValues, shape: [Int], p: Double = 0.5, training: Bool = true
  ) throws -> DrawnValues {
    if !(p >= 0 && p <= 1) {
      throw FrameworkError("dropout probability has to be between 0 and 1, but got \(p)", parameter: "p")
    }
    try Shape.requireFloatingPoint(input.dtype, kernel: "dropout")
    let count = try Shape.elementCount(shape)
    precondition(count == input.count, "dropout: input has \(input.count) elements, shape \(shape) needs \(count)")
    if p == 0 || !training || count == 0 { return input }
    if p == 1 {
      switch input {
      case .float32(let x): return .float32(x.map { $0 * 0 })
      case .float64(let x): return .float64(x.map { $0 * 0 })
      default: return input
      }
    }
    let before = wordsDrawn
    let keep = bernoulliMask(count: count, p: 1 - p)
    let output: DrawnValues
    switch input {
    case .float32(let x):
      let scale = Float(1) / Float(1 - p)
      output = .float32(zip(x, keep).map { value, kept in value * (kept ? scale : 0) })
    case .float64(let x):
      let scale = 1 / (1 - p)
      output = .float64(zip(x, keep).map { value, kept in value * (kept ? scale : 0) })
    default:
      output = input
    }
    // The draw is the keep mask (bool, true = kept), never the scaled
    // output, so every producer's digest of the same mask matches
    // (docs/trace-format.md, "Mask draws").
    report(
      from: before, operation: "dropout", distribution: "bernoulli",
      parameters: [.init("p", "\(p)"), .init("training", "True")],
      shape: shape, values: .bool(keep))
    return output
  }

  /// `count` draws of `u < p`, `u` a double uniform (two words each).
  mutating func bernoulliMask(count: Int, p: Double) -> [Bool] {
    filledArray(count: count) { UniformDraws.float64(engine.next64()) < p }
  }
}
