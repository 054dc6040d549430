/// Python's `repr(str)`.
///
/// Single quotes, unless the text holds a single quote and no double quote;
/// backslash, the chosen quote, `\n`, `\r`, `\t` and other control
/// characters escaped (`\x07`, `\x7f`); other characters as they are.
///
/// ```swift
/// PythonString.repr("it's")     // "\"it's\""
/// PythonString.repr("a\nb")     // "'a\\nb'"
/// ```
enum PythonString {
  static func repr(_ s: String) -> String {
    let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Character(scalar) == quote {
          out += "\\" + String(quote)
        } else if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + (hex.count < 2 ? "0" : "") + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out.append(quote)
    return out
  }
}
