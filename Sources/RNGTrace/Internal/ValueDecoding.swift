#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGStreams

// Typed decoding of scanned values. Every function takes the line's base
// pointer and a span the scanner produced, and throws a ScanFailure naming
// what the field should have held.

extension FieldSpan {
  /// The value's bytes.
  @inline(__always)
  package func bytes(_ base: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: base + Int(start), count: count)
  }

  /// Whether the value's bytes equal `literal` (for a string with escapes, its decoded text).
  @inline(__always)
  package func equals(_ base: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    if escaped { return ValueDecoding.decodeString(base, self) == literal.description }
    guard count == literal.utf8CodeUnitCount else { return false }
    let p = literal.utf8Start
    for k in 0..<count where base[Int(start) + k] != p[k] { return false }
    return true
  }
}

package enum ValueDecoding {
  /// A string field's text (escapes decoded; invalid UTF-8 replaced).
  package static func string(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> String {
    guard span.type == .string else {
      throw ScanFailure(offset: span.at, expected: "a string for \"\(field.wireName)\"")
    }
    return decodeString(base, span)
  }

  /// The text of a string span, escapes decoded.
  package static func decodeString(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> String {
    let raw = span.bytes(base)
    if !span.escaped { return String(decoding: raw, as: UTF8.self) }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var k = 0
    func hexValue(_ c: UInt8) -> UInt32 {
      switch c {
      case 48...57: return UInt32(c - 48)
      case 65...70: return UInt32(c - 55)
      default: return UInt32(c - 87)
      }
    }
    func appendScalar(_ v: UInt32) {
      let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
    while k < raw.count {
      let c = raw[k]
      if c != 0x5C {
        out.append(c)
        k += 1
        continue
      }
      let e = raw[k + 1]
      k += 2
      switch e {
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
      case 0x75:
        var v = (hexValue(raw[k]) << 12) | (hexValue(raw[k + 1]) << 8) | (hexValue(raw[k + 2]) << 4) | hexValue(raw[k + 3])
        k += 4
        if v >= 0xD800 && v < 0xDC00, k + 5 < raw.count + 0, raw[k] == 0x5C, raw[k + 1] == 0x75 {
          let low = (hexValue(raw[k + 2]) << 12) | (hexValue(raw[k + 3]) << 8) | (hexValue(raw[k + 4]) << 4) | hexValue(raw[k + 5])
          if low >= 0xDC00 && low < 0xE000 {
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
            k += 6
          }
        }
        appendScalar(v)
      default: out.append(e)  // \" \\ \/
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A non-negative integer that fits in 64 bits.
  @inline(__always)
  package static func uint64(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> UInt64 {
    guard span.type == .number else {
      throw ScanFailure(offset: span.at, expected: "a non-negative integer for \"\(field.wireName)\"")
    }
    var value: UInt64 = 0
    var k = Int(span.start)
    let end = Int(span.end)
    if end - k <= 19 {
      // Up to 19 digits always fit.
      while k < end {
        let d = base[k] &- 48
        guard d < 10 else {
          throw ScanFailure(offset: span.at, expected: "a non-negative integer for \"\(field.wireName)\"")
        }
        value = value &* 10 &+ UInt64(d)
        k += 1
      }
      return value
    }
    while k < end {
      let c = base[k]
      guard c >= 48 && c <= 57 else {
        throw ScanFailure(offset: span.at, expected: "a non-negative integer for \"\(field.wireName)\"")
      }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(UInt64(c - 48))
      guard !o1 && !o2 else {
        throw ScanFailure(offset: span.at, expected: "an integer below 2**64 for \"\(field.wireName)\"")
      }
      value = s
      k += 1
    }
    return value
  }

  /// A signed integer that fits in `Int`.
  package static func int(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> Int {
    guard span.type == .number else {
      throw ScanFailure(offset: span.at, expected: "an integer for \"\(field.wireName)\"")
    }
    var k = Int(span.start)
    let negative = base[k] == 0x2D
    if negative { k += 1 }
    var value: Int = 0
    if Int(span.end) - k <= 18 {
      // Up to 18 digits always fit.
      while k < Int(span.end) {
        let d = base[k] &- 48
        guard d < 10 else {
          throw ScanFailure(offset: span.at, expected: "an integer for \"\(field.wireName)\"")
        }
        value = value &* 10 &+ Int(d)
        k += 1
      }
      return negative ? 0 &- value : value
    }
    while k < Int(span.end) {
      let c = base[k]
      guard c >= 48 && c <= 57 else {
        throw ScanFailure(offset: span.at, expected: "an integer for \"\(field.wireName)\"")
      }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = negative ? m.subtractingReportingOverflow(Int(c - 48)) : m.addingReportingOverflow(Int(c - 48))
      guard !o1 && !o2 else {
        throw ScanFailure(offset: span.at, expected: "an integer that fits in 64 bits for \"\(field.wireName)\"")
      }
      value = s
      k += 1
    }
    return value
  }

  /// A number, or `NaN`/`Infinity`/`-Infinity`, as a double (correctly rounded).
  package static func double(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> Double {
    switch span.type {
    case .number: return parseDouble(base + Int(span.start), span.count)
    case .nonFinite: return nonFinite(base, span)
    default: throw ScanFailure(offset: span.at, expected: "a number for \"\(field.wireName)\"")
    }
  }

  @inline(__always)
  static func nonFinite(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> Double {
    switch base[Int(span.start)] {
    case 0x4E: return .nan
    case 0x2D: return -.infinity
    default: return .infinity
    }
  }

  /// Whether the C library parses numbers with a '.' decimal point (true
  /// unless the process switched to a locale that uses ',').
  static let decimalPointIsDot: Bool = {
    guard let conv = localeconv(), let point = conv.pointee.decimal_point else { return true }
    return point.pointee == 0x2E
  }()

  /// Parses a JSON number already checked by the scanner. The byte after it
  /// is a JSON delimiter, so strtod stops there.
  @inline(__always)
  static func parseDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double {
    // Small integers: exact without the C library.
    if n <= 15 {
      var value: Int64 = 0
      var k = 0
      let negative = p[0] == 0x2D
      if negative { k = 1 }
      var allDigits = k < n
      while k < n {
        let c = p[k]
        if c < 48 || c > 57 { allDigits = false; break }
        value = value * 10 + Int64(c - 48)
        k += 1
      }
      if allDigits { return negative ? -Double(value) : Double(value) }
    }
    if decimalPointIsDot {
      return p.withMemoryRebound(to: CChar.self, capacity: n) { strtod($0, nil) }
    }
    return Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) ?? .nan
  }

  @inline(__always)
  static func parseFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Float {
    if decimalPointIsDot {
      return p.withMemoryRebound(to: CChar.self, capacity: n) { strtof($0, nil) }
    }
    return Float(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) ?? .nan
  }

  /// An array of non-negative integers (a shape).
  package static func shape(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> [Int] {
    var out: [Int] = []
    try forEachElement(base, span) { (element: FieldSpan) throws(ScanFailure) in
      let v = try uint64(base, element, field: field)
      guard v <= UInt64(Int.max) else { throw ScanFailure(offset: element.at, expected: "a dimension that fits in 64 bits") }
      out.append(Int(v))
    }
    return out
  }

  /// Calls `body` with each element of a flat array the scanner checked.
  package static func forEachElement(
    _ base: UnsafePointer<UInt8>, _ span: FieldSpan, _ body: (FieldSpan) throws(ScanFailure) -> Void
  ) throws(ScanFailure) {
    var cursor = JSONCursor(base: base, count: Int(span.end), at: Int(span.start) + 1)
    cursor.skipWhitespace()
    if cursor.peek() == 0x5D { return }
    while true {
      cursor.skipWhitespace()
      let element = try cursor.scanValue()
      try body(element)
      cursor.skipWhitespace()
      guard let c = cursor.peek() else { return }
      cursor.i += 1
      if c == 0x5D { return }
    }
  }

  /// The fields of a nested object, in order: key text and value span.
  package static func objectFields(
    _ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID
  ) throws(ScanFailure) -> [(String, FieldSpan)] {
    guard span.type == .object else {
      throw ScanFailure(offset: span.at, expected: "an object for \"\(field.wireName)\"")
    }
    var out: [(String, FieldSpan)] = []
    var cursor = JSONCursor(base: base, count: Int(span.end), at: Int(span.start) + 1)
    cursor.skipWhitespace()
    if cursor.peek() == 0x7D { return out }
    while true {
      cursor.skipWhitespace()
      let key = try cursor.scanString()
      cursor.skipWhitespace()
      cursor.i += 1  // ':'
      cursor.skipWhitespace()
      let value = try cursor.scanValue()
      out.append((decodeString(base, key), value))
      cursor.skipWhitespace()
      guard let c = cursor.peek() else { return out }
      cursor.i += 1
      if c == 0x7D { return out }
    }
  }

  /// An object whose values are strings or numbers, as name/value text
  /// pairs (numbers keep their text; `null`, `true`, `false` become
  /// `None`, `True`, `False` as Python prints them).
  package static func namedValues(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> [NamedValue] {
    try objectFields(base, span, field: field).map { (pair) throws(ScanFailure) -> NamedValue in
      let (name, value) = pair
      return NamedValue(name, try scalarText(base, value, field: field))
    }
  }

  /// A scalar as text: strings decoded, numbers as written, literals as Python spells them.
  package static func scalarText(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) -> String {
    switch span.type {
    case .string: return decodeString(base, span)
    case .number, .nonFinite: return String(decoding: span.bytes(base), as: UTF8.self)
    case .bool: return base[Int(span.start)] == 0x74 ? "True" : "False"
    case .null: return "None"
    case .object, .array:
      throw ScanFailure(offset: span.at, expected: "a string or number inside \"\(field.wireName)\"")
    }
  }

  /// The `values` array, read in the given dtype. Unknown dtypes give nil.
  package static func values(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, dtype: String) throws(ScanFailure) -> DrawnValues? {
    func collect<T>(_ convert: (FieldSpan) throws(ScanFailure) -> T) throws(ScanFailure) -> [T] {
      var out: [T] = []
      try forEachElement(base, span) { (element: FieldSpan) throws(ScanFailure) in out.append(try convert(element)) }
      return out
    }
    func signed<T: FixedWidthInteger & SignedInteger>(_: T.Type) throws(ScanFailure) -> [T] {
      try collect { (e: FieldSpan) throws(ScanFailure) -> T in
        let v = try int(base, e, field: .values)
        guard let t = T(exactly: v) else { throw ScanFailure(offset: e.at, expected: "a \(dtype) value in \"values\"") }
        return t
      }
    }
    func unsigned<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(ScanFailure) -> [T] {
      try collect { (e: FieldSpan) throws(ScanFailure) -> T in
        let v = try uint64(base, e, field: .values)
        guard let t = T(exactly: v) else { throw ScanFailure(offset: e.at, expected: "a \(dtype) value in \"values\"") }
        return t
      }
    }
    func floats() throws(ScanFailure) -> [Float] {
      try collect { (e: FieldSpan) throws(ScanFailure) -> Float in
        switch e.type {
        case .number: return parseFloat(base + Int(e.start), e.count)
        case .nonFinite: return Float(nonFinite(base, e))
        default: throw ScanFailure(offset: e.at, expected: "a number in \"values\"")
        }
      }
    }
    switch dtype {
    case "bool":
      return .bool(try collect { (e: FieldSpan) throws(ScanFailure) -> Bool in
        switch e.type {
        case .bool: return base[Int(e.start)] == 0x74
        case .number where e.count == 1 && (base[Int(e.start)] == 0x30 || base[Int(e.start)] == 0x31):
          return base[Int(e.start)] == 0x31
        default: throw ScanFailure(offset: e.at, expected: "true or false in \"values\" of dtype bool")
        }
      })
    case "int8": return .int8(try signed(Int8.self))
    case "int16": return .int16(try signed(Int16.self))
    case "int32": return .int32(try signed(Int32.self))
    case "int64": return .int64(try signed(Int64.self))
    case "uint8": return .uint8(try unsigned(UInt8.self))
    case "uint16": return .uint16(try unsigned(UInt16.self))
    case "uint32": return .uint32(try unsigned(UInt32.self))
    case "uint64": return .uint64(try unsigned(UInt64.self))
    case "float16": return .float16(bits: try floats().map { HalfFloat.halfBits(from: $0) })
    case "bfloat16": return .bfloat16(bits: try floats().map { bfloat16Bits($0) })
    case "float32": return .float32(try floats())
    case "float64":
      return .float64(try collect { (e: FieldSpan) throws(ScanFailure) -> Double in try double(base, e, field: .values) })
    default: return nil
    }
  }

  /// The bfloat16 nearest to `f` (round half to even), as bits.
  static func bfloat16Bits(_ f: Float) -> UInt16 {
    if f.isNaN { return UInt16(f.bitPattern >> 16) | 0x40 }
    let bits = f.bitPattern
    let rounding = UInt32(0x7FFF) + ((bits >> 16) & 1)
    return UInt16((bits &+ rounding) >> 16)
  }
}
