// The JSON scanner for trace lines. Internal to the package: it checks the
// syntax of one line without allocating and records where each top-level
// field's value lies, so the reader can decode only what it needs.

/// The JSON type of a scanned value.
package enum JSONType: UInt8, Sendable {
  case string, number, object, array, bool, null
  /// `NaN`, `Infinity` or `-Infinity` (Python's `json` extension).
  case nonFinite

  var phrase: String {
    switch self {
    case .string: return "a string"
    case .number: return "a number"
    case .object: return "an object"
    case .array: return "an array"
    case .bool: return "true or false"
    case .null: return "null"
    case .nonFinite: return "NaN or Infinity"
    }
  }
}

/// Where a value lies in its line: `start..<end` (for strings, the text
/// between the quotes) and whether a string contains escapes.
package struct FieldSpan: Sendable {
  package var start: Int32
  package var end: Int32
  package var type: JSONType
  package var escaped: Bool

  package static let absent = FieldSpan(start: 0, end: 0, type: .null, escaped: false)
  package var count: Int { Int(end - start) }
  /// Where the value starts, for messages: the opening quote of a string.
  package var at: Int { Int(start) - (type == .string ? 1 : 0) }
}

/// A syntax error: the byte offset in the line and what was expected there.
package struct ScanFailure: Error, Sendable {
  package var offset: Int
  package var expected: String
}

/// A cursor over one line's bytes. `base[count]` must be readable (the
/// reader keeps a sentinel byte after every line).
package struct JSONCursor {
  package let base: UnsafePointer<UInt8>
  package let count: Int
  package var i: Int = 0

  package init(base: UnsafePointer<UInt8>, count: Int, at start: Int = 0) {
    self.base = base
    self.count = count
    self.i = start
  }

  @inline(__always) package mutating func skipWhitespace() {
    while i < count {
      let c = base[i]
      if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { i += 1 } else { return }
    }
  }

  @inline(__always) package func peek() -> UInt8? { i < count ? base[i] : nil }

  @inline(__always) package mutating func expect(_ c: UInt8, _ what: @autoclosure () -> String) throws(ScanFailure) {
    guard i < count, base[i] == c else { throw ScanFailure(offset: i, expected: what()) }
    i += 1
  }

  /// Scans a string starting at its opening quote; returns the span of its content.
  @inline(__always)
  package mutating func scanString() throws(ScanFailure) -> FieldSpan {
    let open = i
    i += 1
    let start = i
    var escaped = false
    while i < count {
      let c = base[i]
      if c == 0x22 {
        let span = FieldSpan(start: Int32(start), end: Int32(i), type: .string, escaped: escaped)
        i += 1
        return span
      }
      if c == 0x5C {
        escaped = true
        i += 1
        guard i < count else { break }
        switch base[i] {
        case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 1
        case 0x75:
          guard i + 4 < count + 0, isHex(base[i + 1]), isHex(base[i + 2]), isHex(base[i + 3]), isHex(base[i + 4])
          else { throw ScanFailure(offset: i - 1, expected: "four hex digits after \\u") }
          i += 5
        default:
          throw ScanFailure(offset: i - 1, expected: "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        continue
      }
      if c < 0x20 {
        throw ScanFailure(offset: i, expected: "a printable character or an escape inside the string (control characters must be escaped)")
      }
      i += 1
    }
    throw ScanFailure(offset: open, expected: "a closing quote for the string that starts here")
  }

  @inline(__always) private func isHex(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
  }

  @inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

  /// Scans a number (or `-Infinity`) starting at `-` or a digit.
  @inline(__always)
  package mutating func scanNumber() throws(ScanFailure) -> FieldSpan {
    let start = i
    if base[i] == 0x2D {
      i += 1
      if i < count && base[i] == 0x49 { return try scanWord("Infinity", from: start, type: .nonFinite) }
    }
    guard i < count, isDigit(base[i]) else { throw ScanFailure(offset: i, expected: "a digit") }
    if base[i] == 0x30 {
      i += 1
    } else {
      while i < count && isDigit(base[i]) { i += 1 }
    }
    if i < count && base[i] == 0x2E {
      i += 1
      guard i < count, isDigit(base[i]) else { throw ScanFailure(offset: i, expected: "a digit after the decimal point") }
      while i < count && isDigit(base[i]) { i += 1 }
    }
    if i < count && (base[i] == 0x65 || base[i] == 0x45) {
      i += 1
      if i < count && (base[i] == 0x2B || base[i] == 0x2D) { i += 1 }
      guard i < count, isDigit(base[i]) else { throw ScanFailure(offset: i, expected: "a digit in the exponent") }
      while i < count && isDigit(base[i]) { i += 1 }
    }
    return FieldSpan(start: Int32(start), end: Int32(i), type: .number, escaped: false)
  }

  private mutating func scanWord(_ word: StaticString, from start: Int, type: JSONType) throws(ScanFailure) -> FieldSpan {
    let n = word.utf8CodeUnitCount
    let w = word.utf8Start
    for k in 0..<n {
      guard i + k < count, base[i + k] == w[k] else {
        throw ScanFailure(offset: start, expected: "a value (a string, number, object, array, true, false or null)")
      }
    }
    i += n
    return FieldSpan(start: Int32(start), end: Int32(i), type: type, escaped: false)
  }

  /// Scans one scalar value, or returns nil at `{`/`[` without moving.
  @inline(__always)
  private mutating func scanScalar() throws(ScanFailure) -> FieldSpan? {
    guard i < count else {
      throw ScanFailure(offset: i, expected: "a value (a string, number, object, array, true, false or null)")
    }
    switch base[i] {
    case 0x22: return try scanString()
    case 0x2D, 0x30...0x39: return try scanNumber()
    case 0x74: return try scanWord("true", from: i, type: .bool)
    case 0x66: return try scanWord("false", from: i, type: .bool)
    case 0x6E: return try scanWord("null", from: i, type: .null)
    case 0x4E: return try scanWord("NaN", from: i, type: .nonFinite)
    case 0x49: return try scanWord("Infinity", from: i, type: .nonFinite)
    case 0x7B, 0x5B: return nil
    default:
      throw ScanFailure(offset: i, expected: "a value (a string, number, object, array, true, false or null)")
    }
  }

  /// Scans any value; objects and arrays are checked to any depth up to 64
  /// without recursion.
  package mutating func scanValue() throws(ScanFailure) -> FieldSpan {
    if let scalar = try scanScalar() { return scalar }
    let start = i
    let outerType: JSONType = base[i] == 0x7B ? .object : .array
    // Bit k of `objects` is set when nesting level k is an object.
    var objects: UInt64 = 0
    var depth = 0
    // Open the first container.
    func open(_ c: UInt8, _ objects: inout UInt64, _ depth: inout Int) throws(ScanFailure) {
      guard depth < 64 else { throw ScanFailure(offset: i, expected: "at most 64 levels of nesting") }
      if c == 0x7B { objects |= (1 << UInt64(depth)) } else { objects &= ~(1 << UInt64(depth)) }
      depth += 1
    }
    try open(base[i], &objects, &depth)
    i += 1
    // State: just after an opening bracket (closing allowed) or after a comma (value required).
    var closingAllowed = true
    while true {
      skipWhitespace()
      guard i < count else {
        throw ScanFailure(offset: start, expected: "the end of the \(outerType == .object ? "object" : "array") that starts here")
      }
      let inObject = (objects >> UInt64(depth - 1)) & 1 == 1
      let c = base[i]
      if closingAllowed && c == (inObject ? 0x7D : 0x5D) {
        i += 1
        depth -= 1
        if depth == 0 { return FieldSpan(start: Int32(start), end: Int32(i), type: outerType, escaped: false) }
      } else {
        if inObject {
          guard c == 0x22 else { throw ScanFailure(offset: i, expected: closingAllowed ? "a field name in quotes or '}'" : "a field name in quotes") }
          _ = try scanString()
          skipWhitespace()
          try expect(0x3A, "':' after the field name")
          skipWhitespace()
        }
        if try scanScalar() == nil {
          try open(base[i], &objects, &depth)
          i += 1
          closingAllowed = true
          continue
        }
      }
      // After a value: ',' or the closing bracket of the current level.
      skipWhitespace()
      guard i < count else {
        throw ScanFailure(offset: start, expected: "the end of the \(outerType == .object ? "object" : "array") that starts here")
      }
      let inObjectNow = (objects >> UInt64(depth - 1)) & 1 == 1
      let d = base[i]
      if d == 0x2C {
        i += 1
        closingAllowed = false
      } else if d == (inObjectNow ? 0x7D : 0x5D) {
        closingAllowed = true
        // The loop's next pass sees the closing bracket.
      } else {
        throw ScanFailure(offset: i, expected: inObjectNow ? "',' or '}' after a value" : "',' or ']' after a value")
      }
    }
  }

  /// Scans an array whose elements are all numbers, `true`/`false` or
  /// `NaN`/`Infinity` (the `values` and `shape` fields). Returns the span
  /// and the element count.
  package mutating func scanFlatArray(integersOnly: Bool, fieldName: String) throws(ScanFailure) -> (FieldSpan, Int) {
    let start = i
    guard i < count, base[i] == 0x5B else {
      throw ScanFailure(offset: i, expected: "an array for \"\(fieldName)\"")
    }
    i += 1
    skipWhitespace()
    var n = 0
    if i < count && base[i] == 0x5D {
      i += 1
      return (FieldSpan(start: Int32(start), end: Int32(i), type: .array, escaped: false), 0)
    }
    while true {
      skipWhitespace()
      let elementStart = i
      guard let element = try scanScalar(), element.type == .number || (!integersOnly && (element.type == .bool || element.type == .nonFinite))
      else {
        throw ScanFailure(
          offset: elementStart,
          expected: integersOnly ? "a non-negative integer in \"\(fieldName)\"" : "a number, true or false in \"\(fieldName)\"")
      }
      if integersOnly {
        for k in Int(element.start)..<Int(element.end) where !isDigit(base[k]) {
          throw ScanFailure(offset: elementStart, expected: "a non-negative integer in \"\(fieldName)\"")
        }
      }
      n += 1
      skipWhitespace()
      guard i < count else { throw ScanFailure(offset: start, expected: "the end of the array that starts here") }
      if base[i] == 0x2C {
        i += 1
      } else if base[i] == 0x5D {
        i += 1
        return (FieldSpan(start: Int32(start), end: Int32(i), type: .array, escaped: false), n)
      } else {
        throw ScanFailure(offset: i, expected: "',' or ']' after a value")
      }
    }
  }
}
