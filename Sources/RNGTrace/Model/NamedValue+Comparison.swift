/// Comparing text values (distribution parameters, derivation inputs and
/// results) the way the differ does: as text, except that two numbers are
/// compared by value, so the spelling a producer chose for a number never
/// makes two runs differ.
extension NamedValue {
  /// Whether two value texts are the same value.
  ///
  /// Texts are the same when they are equal, or when both are JSON numbers
  /// of the same kind with the same value: two integers (no `.`, no
  /// exponent) with the same exact value, of any size; or two floats (with
  /// a `.` or an exponent) that read as the same binary64 double. An
  /// integer and a float are different values, as Python's `json` module
  /// reads them (`1` is an int, `1.0` a float); other texts (`None`,
  /// `(1234, 5)`, `[1, 2]`) compare as text.
  ///
  /// ```swift
  /// NamedValue.sameValue("1.0", "1.00")                  // true
  /// NamedValue.sameValue("1.0", "1e0")                   // true
  /// NamedValue.sameValue("0.1", "0.10000000000000001")   // true: the same double
  /// NamedValue.sameValue("1", "1.0")                     // false: an int and a float
  /// NamedValue.sameValue("0.5", "0.25")                  // false
  /// NamedValue.sameValue("None", "None")                 // true
  /// ```
  public static func sameValue(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    guard let na = NumberText(a), let nb = NumberText(b), na.isInteger == nb.isInteger else { return false }
    if na.isInteger { return na.integerDigits == nb.integerDigits && (na.negative == nb.negative || na.integerDigits == "0") }
    guard let da = Double(a), let db = Double(b) else { return false }
    return da.bitPattern == db.bitPattern
  }
}

extension Array where Element == NamedValue {
  /// Whether two lists hold the same names with the same values
  /// (``NamedValue/sameValue(_:_:)``), in any order.
  ///
  /// ```swift
  /// [NamedValue("loc", "0.0"), NamedValue("scale", "1.0")]
  ///   .sameValues(as: [NamedValue("scale", "1.00"), NamedValue("loc", "0e0")])   // true
  /// ```
  public func sameValues(as other: [NamedValue]) -> Bool {
    guard count == other.count else { return false }
    var used = [Bool](repeating: false, count: other.count)
    outer: for mine in self {
      for (k, theirs) in other.enumerated() where !used[k] && theirs.name == mine.name {
        if NamedValue.sameValue(mine.value, theirs.value) {
          used[k] = true
          continue outer
        }
      }
      return false
    }
    return true
  }
}

/// A text in JSON number syntax: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
private struct NumberText {
  var negative: Bool
  var isInteger: Bool
  /// For an integer, its digits.
  var integerDigits: Substring

  init?(_ text: String) {
    let u = Array(text.utf8)
    var k = 0
    negative = k < u.count && u[k] == UInt8(ascii: "-")
    if negative { k += 1 }
    func digit(_ i: Int) -> Bool { i < u.count && u[i] >= 48 && u[i] <= 57 }
    guard digit(k) else { return nil }
    let digitsStart = k
    if u[k] == 48 { k += 1 } else { while digit(k) { k += 1 } }
    let digitsEnd = k
    var integer = true
    if k < u.count && u[k] == UInt8(ascii: ".") {
      integer = false
      k += 1
      guard digit(k) else { return nil }
      while digit(k) { k += 1 }
    }
    if k < u.count && (u[k] == UInt8(ascii: "e") || u[k] == UInt8(ascii: "E")) {
      integer = false
      k += 1
      if k < u.count && (u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-")) { k += 1 }
      guard digit(k) else { return nil }
      while digit(k) { k += 1 }
    }
    guard k == u.count else { return nil }
    isInteger = integer
    let start = text.utf8.index(text.utf8.startIndex, offsetBy: digitsStart)
    let end = text.utf8.index(text.utf8.startIndex, offsetBy: digitsEnd)
    integerDigits = text[start..<end]
  }
}
