/// A Python `int`: an integer of any size with Python's semantics for floor
/// division, modulo, shifts and bitwise operators on negative numbers.
///
/// Seeds in bug reports are often wider than 64 bits (`random.seed(2**100 + 7)`)
/// or negative (`torch.manual_seed(-1)`), and each framework folds them
/// differently, so the front end keeps them exact until a framework decides.
///
/// ```swift
/// let seed = PythonInt(2).power(100) + PythonInt(7)
/// seed.description                 // "1267650600228229401496703205383"
/// seed.words32                     // magnitude words, least significant first
/// (PythonInt(-7)).floorDivided(by: 2)   // -4, as Python's -7 // 2
/// ```
///
/// Edge cases:
/// - Division or modulo by zero throws ``PythonIntError/divisionByZero``.
/// - `power` with a negative exponent is not an int in Python; callers handle
///   it (``power(_:)`` requires a non-negative exponent).
/// - Arithmetic never traps: results grow as needed.
public struct PythonInt: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Sign and magnitude. Invariant: `magnitude` has no trailing zero words and
  /// zero is never negative.
  @usableFromInline var negative: Bool
  @usableFromInline var magnitude: [UInt32]

  /// Zero.
  public static let zero = PythonInt(0)

  public init(_ value: Int64) {
    negative = value < 0
    magnitude = Self.words(of: value.magnitude)
  }

  public init(_ value: Int) { self.init(Int64(value)) }

  public init(_ value: UInt64) {
    negative = false
    magnitude = Self.words(of: value)
  }

  /// An int from a sign and magnitude words (least significant first).
  public init(negative: Bool, magnitude: [UInt32]) {
    var words = magnitude
    while let last = words.last, last == 0 { words.removeLast() }
    self.magnitude = words
    self.negative = negative && !words.isEmpty
  }

  static func words(of value: UInt64) -> [UInt32] {
    if value == 0 { return [] }
    let low = UInt32(truncatingIfNeeded: value)
    let high = UInt32(truncatingIfNeeded: value >> 32)
    return high == 0 ? [low] : [low, high]
  }

  // MARK: Inspection

  public var isZero: Bool { magnitude.isEmpty }
  public var isNegative: Bool { negative }
  /// The sign: -1, 0 or 1.
  public var signum: Int { isZero ? 0 : (negative ? -1 : 1) }

  /// The magnitude's 32-bit words, least significant first (`[]` for zero).
  /// This is the form CPython's `random.seed` feeds to `init_by_array`.
  public var words32: [UInt32] { magnitude }

  /// Python's `int.bit_length()`: bits of the magnitude.
  public var bitLength: Int {
    guard let top = magnitude.last else { return 0 }
    return (magnitude.count - 1) * 32 + (32 - top.leadingZeroBitCount)
  }

  /// The value as `Int64`, or nil when it does not fit.
  public var int64: Int64? {
    switch magnitude.count {
    case 0: return 0
    case 1: return negative ? -Int64(magnitude[0]) : Int64(magnitude[0])
    case 2:
      let m = UInt64(magnitude[1]) << 32 | UInt64(magnitude[0])
      if negative {
        if m <= UInt64(Int64.max) { return -Int64(m) }
        return m == UInt64(Int64.max) + 1 ? Int64.min : nil
      }
      return m <= UInt64(Int64.max) ? Int64(m) : nil
    default: return nil
    }
  }

  /// The value as `UInt64`, or nil when negative or too wide.
  public var uint64: UInt64? {
    guard !negative, magnitude.count <= 2 else { return nil }
    return magnitude.count == 2 ? UInt64(magnitude[1]) << 32 | UInt64(magnitude[0]) : UInt64(magnitude.first ?? 0)
  }

  /// The value as `Int`, or nil when it does not fit.
  public var int: Int? { int64.flatMap { Int(exactly: $0) } }

  /// The low 64 bits of the two's-complement representation (what C's
  /// `(uint64_t)` cast of a wide Python int keeps).
  public var truncatingUInt64: UInt64 {
    let m = UInt64(magnitude.count > 1 ? magnitude[1] : 0) << 32 | UInt64(magnitude.first ?? 0)
    return negative ? (~m &+ 1) : m
  }

  /// The nearest `Double`, rounding half to even as Python's `float(int)`
  /// does; nil when the magnitude overflows a double (Python raises
  /// OverflowError).
  public var double: Double? {
    let bits = bitLength
    if bits <= 64 {
      let m = UInt64(magnitude.count > 1 ? magnitude[1] : 0) << 32 | UInt64(magnitude.first ?? 0)
      let d = Double(m)  // correctly rounded conversion
      return negative ? -d : d
    }
    if bits > 1024 { return nil }
    // Keep the top 64 bits and fold everything below into a sticky bit.
    let shift = bits - 64
    var top: UInt64 = 0
    for i in 0..<64 where testBit(magnitudeBit: shift + i) { top |= 1 << UInt64(i) }
    var sticky = false
    for i in 0..<shift where testBit(magnitudeBit: i) { sticky = true; break }
    if sticky { top |= 1 }  // the lowest kept bit is far below the 53-bit rounding point
    let d = Double(top) * Double(sign: .plus, exponent: shift, significand: 1)
    if d.isInfinite { return nil }
    return negative ? -d : d
  }

  private func testBit(magnitudeBit i: Int) -> Bool {
    let word = i / 32
    return word < magnitude.count && (magnitude[word] >> UInt32(i % 32)) & 1 == 1
  }

  // MARK: Comparison

  public static func < (lhs: PythonInt, rhs: PythonInt) -> Bool {
    if lhs.negative != rhs.negative { return lhs.negative }
    let c = compareMagnitudes(lhs.magnitude, rhs.magnitude)
    return lhs.negative ? c > 0 : c < 0
  }

  static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
      return a[i] < b[i] ? -1 : 1
    }
    return 0
  }

  // MARK: Arithmetic

  public static prefix func - (x: PythonInt) -> PythonInt {
    PythonInt(negative: !x.negative, magnitude: x.magnitude)
  }

  /// The absolute value.
  public var magnitudeValue: PythonInt { PythonInt(negative: false, magnitude: magnitude) }

  public static func + (lhs: PythonInt, rhs: PythonInt) -> PythonInt {
    if lhs.negative == rhs.negative {
      return PythonInt(negative: lhs.negative, magnitude: addMagnitudes(lhs.magnitude, rhs.magnitude))
    }
    let c = compareMagnitudes(lhs.magnitude, rhs.magnitude)
    if c == 0 { return .zero }
    if c > 0 { return PythonInt(negative: lhs.negative, magnitude: subtractMagnitudes(lhs.magnitude, rhs.magnitude)) }
    return PythonInt(negative: rhs.negative, magnitude: subtractMagnitudes(rhs.magnitude, lhs.magnitude))
  }

  public static func - (lhs: PythonInt, rhs: PythonInt) -> PythonInt { lhs + (-rhs) }

  public static func * (lhs: PythonInt, rhs: PythonInt) -> PythonInt {
    PythonInt(negative: lhs.negative != rhs.negative, magnitude: multiplyMagnitudes(lhs.magnitude, rhs.magnitude))
  }

  /// Python's `//`: the quotient rounded toward negative infinity.
  public func floorDivided(by divisor: PythonInt) throws(PythonIntError) -> PythonInt {
    try divMod(divisor).quotient
  }

  /// Python's `%`: the remainder with the divisor's sign.
  public func modulo(_ divisor: PythonInt) throws(PythonIntError) -> PythonInt {
    try divMod(divisor).remainder
  }

  /// Python's `divmod(self, divisor)`.
  public func divMod(_ divisor: PythonInt) throws(PythonIntError) -> (quotient: PythonInt, remainder: PythonInt) {
    if divisor.isZero { throw .divisionByZero }
    let (q, r) = Self.divideMagnitudes(magnitude, divisor.magnitude)
    var quotient = PythonInt(negative: negative != divisor.negative, magnitude: q)
    var remainder = PythonInt(negative: negative, magnitude: r)
    if !remainder.isZero && remainder.negative != divisor.negative {
      quotient = quotient - PythonInt(1)
      remainder = remainder + divisor
    }
    return (quotient, remainder)
  }

  /// `self ** exponent` for a non-negative exponent.
  ///
  /// - Precondition: `exponent >= 0`.
  public func power(_ exponent: Int) -> PythonInt {
    precondition(exponent >= 0, "int power needs a non-negative exponent")
    var result = PythonInt(1)
    var base = self
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * base }
      e >>= 1
      if e > 0 { base = base * base }
    }
    return result
  }

  /// `self << n` (n ≥ 0).
  public func shiftedLeft(_ n: Int) -> PythonInt {
    precondition(n >= 0)
    if isZero || n == 0 { return self }
    let wordShift = n / 32
    let bitShift = UInt32(n % 32)
    var out = [UInt32](repeating: 0, count: wordShift)
    var carry: UInt32 = 0
    for w in magnitude {
      out.append(bitShift == 0 ? w : (w << bitShift) | carry)
      carry = bitShift == 0 ? 0 : w >> (32 - bitShift)
    }
    if carry != 0 { out.append(carry) }
    return PythonInt(negative: negative, magnitude: out)
  }

  /// `self >> n` (n ≥ 0), rounding toward negative infinity as Python does.
  public func shiftedRight(_ n: Int) -> PythonInt {
    precondition(n >= 0)
    if negative {
      // -((-x - 1) >> n) - 1
      return -((((-self) - PythonInt(1)).shiftedRight(n)) + PythonInt(1))
    }
    let wordShift = n / 32
    if wordShift >= magnitude.count { return .zero }
    let bitShift = UInt32(n % 32)
    var out: [UInt32] = []
    out.reserveCapacity(magnitude.count - wordShift)
    for i in wordShift..<magnitude.count {
      let low = magnitude[i] >> bitShift
      let high: UInt32 = (bitShift == 0 || i + 1 >= magnitude.count) ? 0 : magnitude[i + 1] << (32 - bitShift)
      out.append(low | high)
    }
    return PythonInt(negative: false, magnitude: out)
  }

  /// Bitwise operators with Python's infinite two's-complement semantics.
  public enum BitwiseOperator: Sendable { case and, or, xor }

  public func bitwise(_ op: BitwiseOperator, _ other: PythonInt) -> PythonInt {
    let width = max(magnitude.count, other.magnitude.count) + 1
    let a = twosComplement(width: width)
    let b = other.twosComplement(width: width)
    var out = [UInt32](repeating: 0, count: width)
    for i in 0..<width {
      switch op {
      case .and: out[i] = a[i] & b[i]
      case .or: out[i] = a[i] | b[i]
      case .xor: out[i] = a[i] ^ b[i]
      }
    }
    return Self.fromTwosComplement(out)
  }

  /// Python's `~x`, i.e. `-x - 1`.
  public var inverted: PythonInt { -self - PythonInt(1) }

  private func twosComplement(width: Int) -> [UInt32] {
    var words = magnitude + [UInt32](repeating: 0, count: width - magnitude.count)
    if negative {
      var carry: UInt64 = 1
      for i in 0..<width {
        let v = UInt64(~words[i]) + carry
        words[i] = UInt32(truncatingIfNeeded: v)
        carry = v >> 32
      }
    }
    return words
  }

  private static func fromTwosComplement(_ words: [UInt32]) -> PythonInt {
    guard let top = words.last, top & 0x8000_0000 != 0 else { return PythonInt(negative: false, magnitude: words) }
    var mag = words
    var carry: UInt64 = 1
    for i in 0..<mag.count {
      let v = UInt64(~mag[i]) + carry
      mag[i] = UInt32(truncatingIfNeeded: v)
      carry = v >> 32
    }
    return PythonInt(negative: true, magnitude: mag)
  }

  // MARK: Magnitude helpers

  static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(max(a.count, b.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<max(a.count, b.count) {
      let s = UInt64(i < a.count ? a[i] : 0) + UInt64(i < b.count ? b[i] : 0) + carry
      out.append(UInt32(truncatingIfNeeded: s))
      carry = s >> 32
    }
    if carry != 0 { out.append(UInt32(carry)) }
    return out
  }

  /// a - b for |a| >= |b|.
  static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    var out = a
    var borrow: Int64 = 0
    for i in 0..<a.count {
      var d = Int64(a[i]) - Int64(i < b.count ? b[i] : 0) - borrow
      if d < 0 {
        d += 1 << 32
        borrow = 1
      } else {
        borrow = 0
      }
      out[i] = UInt32(d)
    }
    return out
  }

  static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
    if a.isEmpty || b.isEmpty { return [] }
    var out = [UInt32](repeating: 0, count: a.count + b.count)
    for i in 0..<a.count {
      var carry: UInt64 = 0
      let ai = UInt64(a[i])
      for j in 0..<b.count {
        let t = ai * UInt64(b[j]) + UInt64(out[i + j]) + carry
        out[i + j] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
      }
      var k = i + b.count
      while carry != 0 {
        let t = UInt64(out[k]) + carry
        out[k] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
        k += 1
      }
    }
    return out
  }

  /// Truncating division of magnitudes (schoolbook, bit by bit for wide
  /// divisors; the front end divides small numbers).
  static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> ([UInt32], [UInt32]) {
    if compareMagnitudes(a, b) < 0 { return ([], a) }
    if b.count == 1 {
      let d = UInt64(b[0])
      var q = [UInt32](repeating: 0, count: a.count)
      var r: UInt64 = 0
      for i in stride(from: a.count - 1, through: 0, by: -1) {
        let cur = (r << 32) | UInt64(a[i])
        q[i] = UInt32(cur / d)
        r = cur % d
      }
      return (q, r == 0 ? [] : [UInt32(r)])
    }
    let dividend = PythonInt(negative: false, magnitude: a)
    let divisor = PythonInt(negative: false, magnitude: b)
    var quotient = [UInt32](repeating: 0, count: a.count)
    var remainder = PythonInt.zero
    for bit in stride(from: dividend.bitLength - 1, through: 0, by: -1) {
      remainder = remainder.shiftedLeft(1)
      if dividend.testBit(magnitudeBit: bit) { remainder = remainder + PythonInt(1) }
      if !(remainder < divisor) {
        remainder = remainder - divisor
        quotient[bit / 32] |= 1 << UInt32(bit % 32)
      }
    }
    return (PythonInt(negative: false, magnitude: quotient).magnitude, remainder.magnitude)
  }

  // MARK: Text

  /// Decimal text, as Python's `str(int)`.
  public var description: String {
    if isZero { return "0" }
    var chunks: [UInt32] = []
    var words = magnitude
    while !words.isEmpty {
      var r: UInt64 = 0
      for i in stride(from: words.count - 1, through: 0, by: -1) {
        let cur = (r << 32) | UInt64(words[i])
        words[i] = UInt32(cur / 1_000_000_000)
        r = cur % 1_000_000_000
      }
      while let last = words.last, last == 0 { words.removeLast() }
      chunks.append(UInt32(r))
    }
    var text = negative ? "-" : ""
    text += String(chunks.last ?? 0)
    for chunk in chunks.dropLast().reversed() {
      let s = String(chunk)
      text += String(repeating: "0", count: 9 - s.count) + s
    }
    return text
  }

  /// Parses digits in `radix` (2, 8, 10 or 16); underscores between digits
  /// are allowed as in Python literals. Returns nil for anything else.
  public init?(digits: Substring, radix: Int) {
    guard [2, 8, 10, 16].contains(radix), !digits.isEmpty else { return nil }
    var value = PythonInt.zero
    let base = PythonInt(radix)
    var previousWasDigit = false
    for ch in digits {
      if ch == "_" {
        guard previousWasDigit else { return nil }
        previousWasDigit = false
        continue
      }
      guard let d = ch.hexDigitValue, d < radix else { return nil }
      value = value * base + PythonInt(d)
      previousWasDigit = true
    }
    guard previousWasDigit else { return nil }
    self = value
  }
}

/// Errors of integer arithmetic that Python reports as exceptions.
public enum PythonIntError: Error, Sendable, Equatable {
  case divisionByZero
}
