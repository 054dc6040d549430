/// Float text exactly as Python's `repr` lays it out, with the shortest
/// digits that read back to the same value.
///
/// Python writes the shortest round-trip digits and switches to exponent
/// form when the decimal exponent is below -4 or at least 16
/// (`1e-05`, `0.0001`, `1000000000000000.0`, `1e+16`). Non-finite values
/// are spelled as Python's `json` module spells them: `NaN`, `Infinity`,
/// `-Infinity`.
///
/// ```swift
/// PythonFloatText.repr(0.1)          // "0.1"
/// PythonFloatText.repr(1e16)         // "1e+16"
/// PythonFloatText.repr(Float(0.1))   // "0.1" (shortest for float32)
/// ```
package enum PythonFloatText {
  /// Python's `repr` of a double.
  package static func repr(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return layout(value.description)
  }

  /// The shortest text that reads back as this float32, in Python's layout.
  package static func repr(_ value: Float) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return layout(value.description)
  }

  /// Re-lays out Swift's shortest round-trip text (`"1e-05"`,
  /// `"16777216.0"`, `"1.5e+20"`) in Python's layout. The digits never change.
  static func layout(_ swiftText: String) -> String {
    var text = Substring(swiftText)
    var negative = false
    if text.first == "-" {
      negative = true
      text = text.dropFirst()
    }
    var mantissa = text
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    // Digits and the position of the decimal point within them.
    var digits: [UInt8] = []
    var pointPosition: Int? = nil
    for byte in mantissa.utf8 {
      if byte == UInt8(ascii: ".") {
        pointPosition = digits.count
      } else {
        digits.append(byte)
      }
    }
    var decimalPoint = (pointPosition ?? digits.count) + exponent  // value = 0.digits * 10^decimalPoint after trimming
    // Trim leading zeros (moving the point) and trailing zeros.
    var leading = 0
    while leading < digits.count - 1 && digits[leading] == UInt8(ascii: "0") { leading += 1 }
    digits.removeFirst(leading)
    decimalPoint -= leading
    while digits.count > 1 && digits.last == UInt8(ascii: "0") { digits.removeLast() }
    let sign = negative ? "-" : ""
    if digits == [UInt8(ascii: "0")] { return sign + "0.0" }
    let digitText = String(decoding: digits, as: UTF8.self)
    if decimalPoint > -4 && decimalPoint <= 16 {
      if decimalPoint <= 0 {
        return sign + "0." + String(repeating: "0", count: -decimalPoint) + digitText
      }
      if decimalPoint >= digits.count {
        return sign + digitText + String(repeating: "0", count: decimalPoint - digits.count) + ".0"
      }
      let split = digitText.index(digitText.startIndex, offsetBy: decimalPoint)
      return sign + digitText[..<split] + "." + digitText[split...]
    }
    let e = decimalPoint - 1
    var out = sign + String(digitText.first!)
    if digits.count > 1 { out += "." + digitText.dropFirst() }
    out += e < 0 ? "e-" : "e+"
    let magnitude = String(abs(e))
    out += magnitude.count < 2 ? "0" + magnitude : magnitude
    return out
  }
}
