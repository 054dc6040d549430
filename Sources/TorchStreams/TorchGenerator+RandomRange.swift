import RNGStreams

extension TorchGenerator {
  /// `Tensor.random_()` without bounds, on a new tensor of `shape` and `dtype`:
  /// integers over the dtype's whole non-negative range.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.random_([3], dtype: .int64)     // values in [0, 2**63)
  /// try g.random_([3])                    // float32: integers in [0, 2**24]
  /// ```
  ///
  /// float64 and int64 take one `random64()` (two words) per element, the
  /// others one word. The element is the word modulo `max + 1` of the integer
  /// dtype (`2**63` for int64, `2**31` for int32, …), modulo `2**digits + 1`
  /// for floats (so `2**24` itself can come out for float32), and its lowest
  /// bit for bool.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` for a negative dimension.
  public mutating func random_(_ shape: [Int], dtype: TorchDType = .float32) throws -> DrawnValues {
    let count = try Shape.elementCount(shape)
    let before = wordsDrawn
    let values: DrawnValues
    switch dtype {
    case .float64:
      values = .float64(filledArray(count: count) { Double(engine.next64() % (1 << 53 + 1)) })
    case .float32:
      values = .float32(filledArray(count: count) { Float(UInt64(engine.next()) % (1 << 24 + 1)) })
    case .int64:
      values = .int64(filledArray(count: count) { Int64(engine.next64() % (1 << 63)) })
    case .bool:
      values = .bool(filledArray(count: count) { engine.next() & 1 == 1 })
    default:
      let modulus = UInt64(dtype.integerBounds.upperBound) + 1
      values = DrawnValues(wrapping: filledArray(count: count) { Int64(UInt64(engine.next()) % modulus) }, as: dtype.elementType)
    }
    report(
      from: before, operation: "random_", distribution: "integers",
      parameters: [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }
}
