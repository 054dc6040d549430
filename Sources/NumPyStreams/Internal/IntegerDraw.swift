import RNGStreams

/// The bounds rules and dtype dispatch shared by `RandomState.randint` and
/// `Generator.integers` (NumPy's `_bounded_integers` module). Internal.
enum IntegerDraw {
  /// Checks scalar bounds as NumPy does and returns the closed interval.
  ///
  /// `closed == false` is `randint`/`integers` without `endpoint`: `high` is
  /// exclusive. Messages follow NumPy's `ValueError`s.
  static func closedInterval(
    low: Int128, high: Int128, closed: Bool, dtype: IntegerDType
  ) throws -> ClosedRange<Int128> {
    let top = closed ? high : high - 1
    if low < dtype.bounds.lowerBound {
      throw FrameworkError("low is out of bounds for \(dtype.rawValue)", parameter: "low")
    }
    if top > dtype.bounds.upperBound {
      throw FrameworkError("high is out of bounds for \(dtype.rawValue)", parameter: "high")
    }
    if low > top {
      let message: String
      if low == 0 {
        message = closed ? "high < 0" : "high <= 0"
      } else {
        message = closed ? "low > high" : "low >= high"
      }
      throw FrameworkError(message, parameter: "high")
    }
    return low...top
  }

  /// `count` integers in `interval` of `dtype`, drawn as NumPy draws them.
  static func draw<B: NumPyBitSource>(
    _ bits: inout B, interval: ClosedRange<Int128>, count: Int, dtype: IntegerDType,
    method: BoundedIntegers.Method
  ) -> DrawnValues {
    let span = interval.upperBound - interval.lowerBound
    let off64 = UInt64(truncatingIfNeeded: interval.lowerBound)
    let rng64 = UInt64(truncatingIfNeeded: span)
    switch dtype {
    case .int64:
      return .int64(BoundedIntegers.fill64(&bits, off: off64, rng: rng64, count: count, method: method, as: Int64.self))
    case .uint64:
      return .uint64(BoundedIntegers.fill64(&bits, off: off64, rng: rng64, count: count, method: method))
    case .int32, .uint32:
      let off32 = UInt32(truncatingIfNeeded: off64)
      let rng32 = UInt32(truncatingIfNeeded: rng64)
      if dtype == .uint32 { return .uint32(BoundedIntegers.fill32(&bits, off: off32, rng: rng32, count: count, method: method)) }
      return .int32(BoundedIntegers.fill32(&bits, off: off32, rng: rng32, count: count, method: method, as: Int32.self))
    case .int16, .uint16:
      let words = BoundedIntegers.fillNarrow(
        &bits, off: UInt32(truncatingIfNeeded: off64) & 0xFFFF, rng: UInt32(truncatingIfNeeded: rng64) & 0xFFFF,
        count: count, width: 16, method: method)
      if dtype == .uint16 { return .uint16(words.map { UInt16(truncatingIfNeeded: $0) }) }
      return .int16(words.map { Int16(truncatingIfNeeded: $0) })
    case .int8, .uint8:
      let words = BoundedIntegers.fillNarrow(
        &bits, off: UInt32(truncatingIfNeeded: off64) & 0xFF, rng: UInt32(truncatingIfNeeded: rng64) & 0xFF,
        count: count, width: 8, method: method)
      if dtype == .uint8 { return .uint8(words.map { UInt8(truncatingIfNeeded: $0) }) }
      return .int8(words.map { Int8(truncatingIfNeeded: $0) })
    case .bool:
      return .bool(BoundedIntegers.fillBool(&bits, off: off64 != 0, rng: UInt32(rng64), count: count))
    }
  }

  /// An empty result of `dtype` (NumPy returns one before checking bounds
  /// when the size has no elements).
  static func empty(_ dtype: IntegerDType) -> DrawnValues {
    DrawnValues(wrapping: [], as: dtype.elementType)
  }

}
