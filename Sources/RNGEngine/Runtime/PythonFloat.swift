/// Python's `repr(float)`: the shortest text that reads back to the same
/// double, in Python's layout.
///
/// Swift and Python agree on the shortest digits but not on when to switch
/// to exponent notation; this follows Python (exponent when the decimal
/// exponent is below -4 or at least 16; otherwise positional with at least
/// one digit after the point).
///
/// ```swift
/// PythonFloat.repr(9.5e15)        // "9500000000000000.0" (Swift prints "9.5e+15")
/// PythonFloat.repr(1e-5)          // "1e-05"
/// PythonFloat.repr(Double(Float(0.1)))   // "0.10000000149011612"
/// PythonFloat.json(.nan)          // "NaN"
/// ```
public enum PythonFloat {
  /// `repr(x)`.
  public static func repr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return layout(decompose(x.description))
  }

  /// `str(np.float32(x))`: the shortest digits that read back to the same
  /// float32, in Python's layout (`15.800514`, `1e-05`).
  public static func repr(float32 x: Float) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    return layout(decompose(x.description))
  }

  static func layout(_ parts: (negative: Bool, digits: String, exponent: Int)) -> String {
    let (negative, digits, exponent) = parts
    let sign = negative ? "-" : ""
    if digits == "0" { return sign + "0.0" }
    // value = 0.d1d2d3... × 10^exponent; the leading digit's decimal exponent is exponent - 1.
    let leading = exponent - 1
    if leading < -4 || leading >= 16 {
      var mantissa = String(digits.first!)
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let e = abs(leading)
      return sign + mantissa + "e" + (leading < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }
    if exponent <= 0 {
      return sign + "0." + String(repeating: "0", count: -exponent) + digits
    }
    if exponent >= digits.count {
      return sign + digits + String(repeating: "0", count: exponent - digits.count) + ".0"
    }
    let split = digits.index(digits.startIndex, offsetBy: exponent)
    return sign + digits[..<split] + "." + digits[split...]
  }

  /// Python's float `divmod(x, y)` (NumPy's `floor_divide` and `remainder`
  /// compute the same, in the array's type): the remainder takes the
  /// divisor's sign, the quotient is floored. `y` must not be 0.
  ///
  /// ```swift
  /// PythonFloat.divmod(-7.0, 2.0)   // (-4.0, 1.0)
  /// ```
  static func divmod<F: BinaryFloatingPoint>(_ x: F, _ y: F) -> (quotient: F, remainder: F) {
    var mod = x.truncatingRemainder(dividingBy: y)
    var div = (x - mod) / y
    if mod != 0 {
      if (y < 0) != (mod < 0) {
        mod += y
        div -= 1
      }
    } else {
      mod = y < 0 ? -0.0 : 0.0
    }
    guard div != 0 else { return (x / y < 0 ? -0.0 : 0.0, mod) }
    var floorDiv = div.rounded(.down)
    if div - floorDiv > 0.5 { floorDiv += 1 }
    return (floorDiv, mod)
  }

  /// The JSON spelling Python's `json.dumps` uses: `repr`, except NaN,
  /// Infinity and -Infinity.
  public static func json(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
    return repr(x)
  }

  /// Shortest digits (no leading/trailing zeros) and the exponent such that
  /// |x| = 0.digits × 10^exponent, read off Swift's shortest description.
  static func decompose(_ description: String) -> (negative: Bool, digits: String, exponent: Int) {
    var text = Substring(description)
    let negative = text.hasPrefix("-")
    if negative { text = text.dropFirst() }
    var exponentPart = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponentPart = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    let point = text.firstIndex(of: ".") ?? text.endIndex
    let integerDigits = text.distance(from: text.startIndex, to: point)
    var all = String(text.filter { $0 != "." })
    var exponent = integerDigits + exponentPart
    while all.first == "0" {
      all.removeFirst()
      exponent -= 1
    }
    while all.last == "0" { all.removeLast() }
    if all.isEmpty { return (negative, "0", 0) }
    return (negative, all, exponent)
  }
}
