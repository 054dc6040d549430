import RNGBits
import RNGStreams

extension RandomState {
  /// `randint(low, high=None, size, dtype=int)`: integers in `[low, high)` by
  /// masked rejection (never Lemire's method, for stream compatibility).
  ///
  /// Spans up to 2^32 draw one 32-bit word per attempt, wider spans one
  /// 64-bit draw (first word high); int8/uint8 take four values from one
  /// word, int16/uint16 two and bool thirty-two, low bits first, with the
  /// buffer restarting on each call.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 0)
  /// try rs.randint(low: 0, high: 10, count: 5)   // .int64([5, 0, 3, 3, 7])
  /// ```
  ///
  /// - Parameters:
  ///   - high: the exclusive upper bound; nil means `[0, low)`.
  ///   - dtype: the result dtype; the default `int` is ``IntegerDType/int64``.
  /// - Throws: ``FrameworkError`` with NumPy's message: "low is out of bounds
  ///   for int8", "high is out of bounds for uint16", "high <= 0" (empty
  ///   range from 0), "low >= high". A `count` of 0 returns an empty array
  ///   without checking the bounds, as NumPy does.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func randint(
    low: Int128, high: Int128? = nil, count: Int, dtype: IntegerDType = .int64, shape: [Int]? = nil
  ) throws -> DrawnValues {
    try integers(low: low, high: high, count: count, dtype: dtype, shape: shape, operation: "randint", shift: 0)
  }

  /// `random_integers(low, high=None, size)` (deprecated in NumPy): integers
  /// in `[low, high]`, that is `randint(low, high + 1)`; `high=None` means
  /// `[1, low]`.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func randomIntegers(low: Int128, high: Int128? = nil, count: Int, shape: [Int]? = nil) throws -> [Int64] {
    let (bottom, top) = high.map { (low, $0) } ?? (1, low)
    let values = try integers(low: bottom, high: top, count: count, dtype: .int64, shape: shape, operation: "random_integers", shift: 1)
    guard case .int64(let result) = values else { return [] }
    return result
  }

  mutating func integers(
    low: Int128, high: Int128?, count: Int, dtype: IntegerDType, shape: [Int]?, operation: String, shift: Int128
  ) throws -> DrawnValues {
    let (bottom, top) = high.map { (low, $0) } ?? (0, low)
    try ElementCount.check(count)
    if count == 0 { return IntegerDraw.empty(dtype) }
    let interval = try IntegerDraw.closedInterval(low: bottom, high: top + shift, closed: false, dtype: dtype)
    let before = bitGenerator.wordsDrawn
    let values = drawing { IntegerDraw.draw(&$0, interval: interval, count: count, dtype: dtype, method: .masked) }
    if observer != nil {
      let parameters: [DrawReport.Parameter] = [
        .init("low", "\(bottom)"), .init("high", "\(top)"), .init("dtype", dtype.rawValue),
      ]
      report(operation, "integers", parameters, shape: shape ?? [count], from: before, values: values)
    }
    return values
  }

  /// `tomaxint(size)`: `next_uint64 >> 1` per element (`random_positive_int`
  /// with NumPy's 64-bit C long): ints in `[0, 2^63 - 1]`. Not
  /// `randint(0, 2**63)`, which masks the low 63 bits instead of shifting.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 0)
  /// try rs.tomaxint(count: 2)   // two 64-bit draws (four MT19937 words), each shifted right once
  /// ```
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func tomaxint(count: Int, shape: [Int]? = nil) throws -> [Int64] {
    try ElementCount.check(count)
    let before = bitGenerator.wordsDrawn
    let values = drawing { bits in (0..<count).map { _ in Int64(bits.nextUInt64() >> 1) } }
    if observer != nil {
      let parameters: [DrawReport.Parameter] = [.init("low", "0"), .init("high", "\(UInt64(1) << 63)"), .init("dtype", "int64")]
      report("tomaxint", "integers", parameters, shape: shape ?? [count], from: before, values: .int64(values))
    }
    return values
  }

  /// `bytes(length)`: random bytes from uint32 `randint` draws laid out
  /// little-endian, `(length - 1) / 4 + 1` words (C division, truncating
  /// toward zero), then cut with Python's `[:length]`.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 0)
  /// try rs.bytes(length: 5).count   // 5, from two words
  /// ```
  ///
  /// Edge cases, as NumPy does them: `bytes(0)` draws one word and returns
  /// nothing; `-2...-1` draw one word and return its first `4 + length`
  /// bytes; `-6...-3` draw nothing.
  ///
  /// - Throws: ``FrameworkError`` ("negative dimensions are not allowed")
  ///   for `length <= -7`, where the word count is negative.
  @_specialize(exported: true, where Bits == MT19937)
  @_specialize(exported: true, where Bits == NumPyAnyBitGenerator)
  public mutating func bytes(length: Int) throws -> [UInt8] {
    let words = length <= -7 ? -1 : (length - 1) / 4 + 1
    try ElementCount.check(words)
    let before = bitGenerator.wordsDrawn
    var out = [UInt8]()
    out.reserveCapacity(4 * words)
    if words > 0, case .uint32(let drawn) = drawing({
      IntegerDraw.draw(&$0, interval: 0...Int128(UInt32.max), count: words, dtype: .uint32, method: .masked)
    }) {
      for word in drawn {
        for byte in 0..<4 { out.append(UInt8(truncatingIfNeeded: word >> (8 * UInt32(byte)))) }
      }
    }
    let kept = length >= 0 ? min(length, out.count) : max(out.count + length, 0)
    let result = Array(out.prefix(kept))
    if observer != nil {
      report("bytes", "bits", [.init("length", "\(length)")], shape: [result.count], from: before, values: .uint8(result))
    }
    return result
  }
}
