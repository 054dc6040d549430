import RNGStreams

extension PythonRandom {
  /// `randrange(start, stop=None, step=1)` for ints up to ±2**127: CPython 3.11's width-based
  /// algorithm, `start + step * _randbelow(n)` with `n` the number of values
  /// in the range (floor division, negative steps included).
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 42)
  /// try r.randrange(10)            // 1
  /// try r.randrange(10, 0, -3)     // one of 10, 7, 4, 1
  /// ```
  ///
  /// - Throws: ``FrameworkError`` with CPython's messages: "empty range for
  ///   randrange()" (with `(start, stop, width)` appended for step 1),
  ///   "zero step for randrange()", "Missing a non-None stop argument"
  ///   (a `TypeError` in CPython) for a step without a stop.
  public mutating func randrange(_ start: Int128, _ stop: Int128? = nil, _ step: Int128 = 1) throws -> Int128 {
    let before = mt.wordsDrawn
    let value = try range(start, stop, step)
    if observer != nil {
      var parameters: [DrawReport.Parameter] = [.init("start", "\(start)")]
      if let stop { parameters.append(.init("stop", "\(stop)")) }
      if step != 1 { parameters.append(.init("step", "\(step)")) }
      report("randrange", "integers", parameters, from: before, values: Self.reported(value))
    }
    return value
  }

  /// An int result as a report carries it (`int64` when it fits, else its
  /// 32-bit words).
  static func reported(_ value: Int128) -> DrawnValues {
    if let small = Int64(exactly: value) { return .int64([small]) }
    let magnitude = value.magnitude
    return .uint32((0..<4).map { UInt32(truncatingIfNeeded: magnitude >> (32 * UInt128($0))) })
  }

  /// `randint(a, b)` = `randrange(a, b + 1)`, throwing like CPython.
  ///
  /// - Throws: ``FrameworkError`` ("empty range for randrange() (a, b+1, width)")
  ///   when `a > b`.
  public mutating func randint(a: Int128, b: Int128) throws -> Int128 {
    let before = mt.wordsDrawn
    let (stop, overflow) = b.addingReportingOverflow(1)
    if overflow { throw Self.tooWide }
    let value = try range(a, stop, 1)
    if observer != nil {
      report("randint", "integers", [.init("a", "\(a)"), .init("b", "\(b)")], from: before, values: Self.reported(value))
    }
    return value
  }

  static let tooWide = FrameworkError(
    "randrange() and randint() bounds and widths beyond 2**127 are not supported by rngdiff", parameter: "stop")

  /// The body of `randrange` in 128-bit arithmetic; bounds whose width or
  /// step arithmetic leaves that range throw instead of wrapping.
  mutating func range(_ start: Int128, _ stop: Int128?, _ step: Int128) throws -> Int128 {
    guard let stop else {
      if step != 1 { throw FrameworkError("Missing a non-None stop argument", parameter: "stop") }
      if start > 0 { return Int128(below128(UInt128(start))) }
      throw FrameworkError("empty range for randrange()", parameter: "start")
    }
    let (width, overflow) = stop.subtractingReportingOverflow(start)
    if overflow { throw Self.tooWide }
    if step == 1 {
      if width > 0 { return start + Int128(below128(UInt128(width))) }
      throw FrameworkError("empty range for randrange() (\(start), \(stop), \(width))", parameter: "stop")
    }
    let n: Int128
    if step > 0 {
      let (numerator, o) = width.addingReportingOverflow(step - 1)
      if o { throw Self.tooWide }
      n = Self.floorDivide(numerator, step)
    } else if step < 0 {
      let (numerator, o) = width.addingReportingOverflow(step + 1)
      if o { throw Self.tooWide }
      n = Self.floorDivide(numerator, step)
    } else {
      throw FrameworkError("zero step for randrange()", parameter: "step")
    }
    if n <= 0 { throw FrameworkError("empty range for randrange()", parameter: "stop") }
    // start + step * k lies in the range, so it fits when the bounds do.
    return start + step * Int128(below128(UInt128(n)))
  }

  static func floorDivide(_ a: Int128, _ b: Int128) -> Int128 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// `_randbelow(n)` for `n` up to 2^128 - 1.
  mutating func below128(_ n: UInt128) -> UInt128 {
    if let small = UInt64(exactly: n) { return UInt128(below(small)) }
    let words = belowWords((0..<4).map { UInt32(truncatingIfNeeded: n >> (32 * UInt128($0))) })
    var value: UInt128 = 0
    for (i, word) in words.enumerated() where i < 4 { value |= UInt128(word) << (32 * UInt128(i)) }
    return value
  }

  // MARK: Arbitrary-precision bits

  /// `getrandbits(k)` for any `k >= 0`, as `⌈k/32⌉` 32-bit words, least
  /// significant first (`[0]` for `k == 0`). The words are drawn in that
  /// order; the most significant word keeps the high `k mod 32` bits of its draw.
  /// The draw is reported as `uint32` words of shape `[⌈k/32⌉]` (`[1]` for `k <= 32`).
  ///
  /// ```swift
  /// var r = PythonRandom(seed: 42)
  /// try r.getrandbitsWords(100).count   // 4
  /// ```
  ///
  /// - Throws: ``FrameworkError`` ("number of bits must be non-negative") for `k < 0`.
  public mutating func getrandbitsWords(_ k: Int) throws -> [UInt32] {
    guard k >= 0 else { throw FrameworkError("number of bits must be non-negative", parameter: "k") }
    let before = mt.wordsDrawn
    let words = bitsWords(k)
    if observer != nil {
      report("getrandbits", "bits", [.init("k", "\(k)")], shape: [words.count], from: before, values: .uint32(words))
    }
    return words
  }

  /// `_randbelow(n)` for an `n` of any size, given and returned as 32-bit
  /// words least significant first.
  ///
  /// - Throws: ``FrameworkError`` when `n` is zero.
  public mutating func randbelow(words n: [UInt32]) throws -> [UInt32] {
    guard n.contains(where: { $0 != 0 }) else {
      throw FrameworkError("randbelow needs n > 0", parameter: "n")
    }
    let before = mt.wordsDrawn
    let words = belowWords(n)
    if observer != nil {
      report("_randbelow", "integers", [.init("n", PythonSeed.bigInt(magnitude: n, negative: false).pythonLiteral)],
             from: before, values: .uint32(words))
    }
    return words
  }

  /// `getrandbits(k)` words without a report.
  mutating func bitsWords(_ k: Int) -> [UInt32] {
    if k == 0 { return [0] }
    if k <= 32 { return [mt.next() >> UInt32(32 - k)] }
    let count = (k - 1) / 32 + 1
    var remaining = k
    var words = [UInt32]()
    words.reserveCapacity(count)
    for _ in 0..<count {
      var word = mt.next()
      if remaining < 32 { word >>= UInt32(32 - remaining) }
      words.append(word)
      remaining -= 32
    }
    return words
  }

  /// `_randbelow(n)` on words without a report.
  mutating func belowWords(_ n: [UInt32]) -> [UInt32] {
    let bound = PythonSeed.trimmed(n)
    let top = bound[bound.count - 1]
    let k = 32 * (bound.count - 1) + (32 - top.leadingZeroBitCount)
    while true {
      let r = bitsWords(k)
      if Self.isLess(r, bound) { return r }
    }
  }

  /// `lhs < rhs` for unsigned integers as words, least significant first.
  static func isLess(_ lhs: [UInt32], _ rhs: [UInt32]) -> Bool {
    let a = PythonSeed.trimmed(lhs)
    let b = PythonSeed.trimmed(rhs)
    if a.count != b.count { return a.count < b.count }
    for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
      return a[i] < b[i]
    }
    return false
  }

  /// `randbytes(n)`: `getrandbits(n * 8).to_bytes(n, 'little')`.
  public mutating func randbytes(_ n: Int) throws -> [UInt8] {
    guard n >= 0 else { throw FrameworkError("number of bits must be non-negative", parameter: "n") }
    let before = mt.wordsDrawn
    let words = n == 0 ? [] : bitsWords(8 * n)
    var bytes = [UInt8]()
    bytes.reserveCapacity(n)
    for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: words[i / 4] >> (8 * UInt32(i % 4)))) }
    if observer != nil {
      report("randbytes", "bits", [.init("n", "\(n)")], shape: [n], from: before, values: .uint8(bytes))
    }
    return bytes
  }
}
