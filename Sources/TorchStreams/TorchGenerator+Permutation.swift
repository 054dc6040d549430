import RNGStreams

extension TorchGenerator {
  /// `torch.randperm(n, dtype=dtype)`: a random permutation of `0 ..< n`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.randperm(10)          // [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]
  /// ```
  ///
  /// For `n < (2^32 − 1) / 20` (214 748 364): a FORWARD Fisher–Yates shuffle,
  /// `z = random() % (n − i)`, swap `i` and `i + z`, for `i = 0 ..< n − 1` (one word
  /// each, biased modulo). From that size on: the 64-bit "inside-out" shuffle,
  /// `z = random64() % (i + 1)`, two words per element.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `n < 0`, when `n − 1` does not fit
  ///   an integer `dtype`, when `n > 2^digits + 1` for a float dtype, or for `bool`.
  public mutating func randperm(_ n: Int64, dtype: TorchDType = .int64) throws -> DrawnValues {
    if n < 0 { throw FrameworkError("n must be non-negative, got\(n)", parameter: "n") }
    switch dtype {
    case .bool:
      throw FrameworkError("\"randperm\" not implemented for 'Bool': use an integer or float dtype.", parameter: "dtype")
    case .float32, .float64:
      let digits = dtype == .float32 ? 24 : 53
      if n > (1 << digits) + 1 {
        throw FrameworkError("n cannot be greater than 2^\(digits)+1 for \(dtype.scalarTypeName) type.", parameter: "n")
      }
    default:
      if n > 0 && !dtype.integerBounds.contains(n - 1) {
        throw FrameworkError("value cannot be converted to type \(dtype.name)_t without overflow: randperm(\(n)) needs values up to \(n - 1)", parameter: "n")
      }
    }
    _ = try Shape.elementCount([Int(n)])
    let before = wordsDrawn
    let order: [Int64]
    if n < Permutation.insideOutThreshold {
      order = Permutation.forward(Int(n)) { engine.next() }
    } else {
      order = Permutation.insideOut(Int(n)) { engine.next64() }
    }
    let values = DrawnValues(wrapping: order, as: dtype.elementType)
    report(
      from: before, operation: "randperm", distribution: "permutation",
      parameters: [.init("n", "\(n)"), .init("dtype", dtype.name)],
      shape: [Int(n)], values: values)
    return values
  }
}
