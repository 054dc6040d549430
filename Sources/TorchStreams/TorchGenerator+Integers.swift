import RNGStreams

extension TorchGenerator {
  /// `torch.randint(low, high, size, dtype=dtype)`: integers in `[low, high)`.
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.randint(0, 10, [5])            // [4, 9, 3, 0, 3]
  /// try g.randint(0, 1 << 30, [3])       // two words per element
  /// ```
  ///
  /// Each element is `(draw % range) + low` with `range = high − low` — a plain,
  /// biased modulo with no rejection. `draw` is `random64()` (two words) when
  /// `range >= 2^28`, else `random()` (one word). (PyTorch 2.6 and earlier used
  /// 64-bit draws only from 2^32 on, for some dtypes; that profile is not emulated.)
  ///
  /// Edge cases:
  /// - Float dtypes nudge `low`/`high` inward when `low + 1` or `high − 1` is not
  ///   representable, as PyTorch does.
  /// - Integer dtypes require `low` and `high − 1` to fit the dtype.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `low >= high`, when the bounds do
  ///   not fit `dtype`, or for a negative dimension.
  public mutating func randint(
    _ low: Int64, _ high: Int64, _ size: [Int], dtype: TorchDType = .int64
  ) throws -> DrawnValues {
    try integerDraw(low, high, size, dtype: dtype, operation: "randint")
  }

  /// `Tensor.random_(from, to)` on a new tensor of `shape` and `dtype`: the same
  /// draws as ``randint(_:_:_:dtype:)`` (which PyTorch implements with it).
  ///
  /// ```swift
  /// var g = try TorchGenerator(seed: 0)
  /// try g.random_([5], from: 0, to: 10)      // [4, 9, 3, 0, 3], as randint(0, 10, (5,))
  /// ```
  ///
  /// - Throws: as ``randint(_:_:_:dtype:)``.
  public mutating func random_(_ shape: [Int], dtype: TorchDType = .float32, from: Int64, to: Int64) throws -> DrawnValues {
    try integerDraw(from, to, shape, dtype: dtype, operation: "random_")
  }

  /// Checks, draws and reports one `random_(from, to)` kernel call.
  mutating func integerDraw(
    _ low: Int64, _ high: Int64, _ size: [Int], dtype: TorchDType, operation: String
  ) throws -> DrawnValues {
    let count = try Shape.elementCount(size)
    if low >= high {
      throw FrameworkError("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)", parameter: "high")
    }
    var from = low
    var to = high
    if dtype.isFloatingPoint {
      from = Self.nudgedFrom(from, dtype: dtype)
      to = Self.nudgedTo(to, dtype: dtype)
      if from >= to {
        throw FrameworkError(
          "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(from) >= to=\(to)",
          parameter: "high")
      }
    } else {
      let bounds = dtype.integerBounds
      if !bounds.contains(from) {
        throw FrameworkError("from is out of bounds for \(dtype.cTypeName): \(dtype.name) holds \(bounds.lowerBound)...\(bounds.upperBound), got \(from)", parameter: "low")
      }
      if !bounds.contains(to - 1) {
        throw FrameworkError("to - 1 is out of bounds for \(dtype.cTypeName): \(dtype.name) holds \(bounds.lowerBound)...\(bounds.upperBound), got \(to - 1)", parameter: "high")
      }
    }
    let range = UInt64(bitPattern: to) &- UInt64(bitPattern: from)
    let base = UInt64(bitPattern: from)
    let before = wordsDrawn
    var integers = [Int64]()
    integers.reserveCapacity(count)
    if range >= 1 << 28 {
      for _ in 0..<count { integers.append(Int64(bitPattern: engine.next64() % range &+ base)) }
    } else {
      for _ in 0..<count { integers.append(Int64(bitPattern: UInt64(engine.next()) % range &+ base)) }
    }
    let values = DrawnValues(wrapping: integers, as: dtype.elementType)
    report(
      from: before, operation: operation, distribution: "integers",
      parameters: [.init("low", "\(low)"), .init("high", "\(high)"), .init("dtype", dtype.name)],
      shape: size, values: values)
    return values
  }

  /// `torch.randint(high, size, dtype=dtype)`: integers in `[0, high)`.
  public mutating func randint(_ high: Int64, _ size: [Int], dtype: TorchDType = .int64) throws -> DrawnValues {
    try randint(0, high, size, dtype: dtype)
  }

  /// `update_from`: moves `from` up when `from + 1` rounds below `from` in the float dtype.
  static func nudgedFrom(_ from: Int64, dtype: TorchDType) -> Int64 {
    let digits = dtype == .float32 ? 24 : 53
    let plusOne = roundTrip(from + 1, dtype: dtype)
    guard plusOne < from else { return from }
    let n = 63 - (from + 1).magnitude.leadingZeroBitCount
    return plusOne &+ (1 << (n - digits + 1))
  }

  /// `update_to`: moves `to` down when `to − 1` rounds up to `to` or beyond.
  static func nudgedTo(_ to: Int64, dtype: TorchDType) -> Int64 {
    let digits = dtype == .float32 ? 24 : 53
    let minusOne = roundTrip(to - 1, dtype: dtype)
    guard minusOne >= to else { return to }
    let n = 63 - (to - 1).magnitude.leadingZeroBitCount
    return minusOne &- (1 << (n - digits + 1))
  }

  /// `static_cast<int64_t>(static_cast<float or double>(value))` as x86-64 computes
  /// it: out-of-range conversions give `Int64.min`.
  private static func roundTrip(_ value: Int64, dtype: TorchDType) -> Int64 {
    let rounded = dtype == .float32 ? Double(Float(value)) : Double(value)
    return rounded < 0x1p63 && rounded >= -0x1p63 ? Int64(rounded) : Int64.min
  }
}
