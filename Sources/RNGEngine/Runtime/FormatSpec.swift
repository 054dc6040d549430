import Foundation
import PythonSubset

/// Python's format-specification mini-language (`format(x, spec)`,
/// `f"{x:spec}"`, `str.format`) and printf-style `%` formatting, for the
/// ints, floats and strings scripts print.
///
/// ```swift
/// try FormatSpec.format(.float(0.123456), "8.3f")   // "   0.123"
/// try FormatSpec.format(.int(PythonInt(1234567)), ",")  // "1,234,567"
/// try FormatSpec.percent("%s: %.4f", .tuple([.string("loss"), .float(0.5)]))  // "loss: 0.5000"
/// ```
///
/// Edge cases: a float with no type and no precision prints as `repr`, as
/// Python's does; `n` is treated as `d`/`g` (the C locale); an unknown type
/// is a `ValueError` naming it.
enum FormatSpec {
  struct Parsed {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var zeroPad = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?
  }

  static func parse(_ spec: String) throws -> Parsed {
    var p = Parsed()
    var chars = Array(spec)
    var i = 0
    if chars.count >= 2, "<>=^".contains(chars[1]) {
      p.fill = chars[0]
      p.align = chars[1]
      i = 2
    } else if let c = chars.first, "<>=^".contains(c) {
      p.align = c
      i = 1
    }
    if i < chars.count, "+- ".contains(chars[i]) {
      p.sign = chars[i]
      i += 1
    }
    if i < chars.count, chars[i] == "z" { i += 1 }
    if i < chars.count, chars[i] == "#" {
      p.alternate = true
      i += 1
    }
    if i < chars.count, chars[i] == "0" {
      p.zeroPad = true
      i += 1
    }
    var width = ""
    while i < chars.count, chars[i].isASCII, chars[i].isNumber {
      width.append(chars[i])
      i += 1
    }
    p.width = Int(width) ?? 0
    if i < chars.count, chars[i] == "," || chars[i] == "_" {
      p.grouping = chars[i]
      i += 1
    }
    if i < chars.count, chars[i] == "." {
      i += 1
      var digits = ""
      while i < chars.count, chars[i].isASCII, chars[i].isNumber {
        digits.append(chars[i])
        i += 1
      }
      guard let precision = Int(digits) else { throw invalid(spec) }
      p.precision = precision
    }
    if i < chars.count {
      p.type = chars[i]
      i += 1
    }
    guard i == chars.count else { throw invalid(spec) }
    chars.removeAll()
    return p
  }

  static func invalid(_ spec: String) -> EvaluationError {
    EvaluationError("Invalid format specifier '\(spec)'", at: nil, type: "ValueError")
  }

  /// `format(value, spec)` for ints, floats, bools, strings and None.
  static func format(_ value: Value, _ spec: String, str: (Value) throws -> String = { $0.repr }) throws -> String {
    if spec.isEmpty { return try str(value) }
    let p = try parse(spec)
    switch value {
    case .bool(let b) where p.type == nil:
      return pad(b ? "True" : "False", p, numeric: false)
    case .bool(let b):
      return try formatInt(PythonInt(b ? 1 : 0), p, spec)
    case .int(let i):
      return try formatInt(i, p, spec)
    case .float(let d):
      return try formatFloat(d, p, spec)
    case .string(let s):
      guard p.type == nil || p.type == "s" else {
        throw EvaluationError("Unknown format code '\(p.type!)' for object of type 'str'", at: nil, type: "ValueError")
      }
      var text = s
      if let precision = p.precision { text = String(text.prefix(precision)) }
      return pad(text, p, numeric: false)
    case .object(let a as ArrayObject) where a.kind == .jax && a.numpyScalarText != nil:
      // A 0-d JAX array formats as its Python scalar (jax.Array.__format__).
      return try format(a.tensor.element(0), spec, str: str)
    default:
      guard p.type == nil || p.type == "s" else {
        throw EvaluationError("unsupported format string passed to \(value.typeName).__format__", at: nil, type: "TypeError")
      }
      return pad(try str(value), p, numeric: false)
    }
  }

  static func formatInt(_ i: PythonInt, _ p: Parsed, _ spec: String) throws -> String {
    switch p.type {
    case nil, "d", "n":
      return signed(i.isNegative, grouped(String(i.description.drop { $0 == "-" }), p.grouping, every: 3), p)
    case "x", "X", "o", "b":
      let radix = p.type == "o" ? 8 : (p.type == "b" ? 2 : 16)
      var digits = digitsText(i.magnitudeValue, radix: radix)
      if p.type == "X" { digits = digits.uppercased() }
      if p.alternate { digits = "0" + String(p.type!) + digits }
      return signed(i.isNegative, grouped(digits, p.grouping, every: 4), p)
    case "c":
      guard let code = i.int, let scalar = Unicode.Scalar(code) else {
        throw EvaluationError("%c arg not in range(0x110000)", at: nil, type: "OverflowError")
      }
      return pad(String(Character(scalar)), p, numeric: false)
    case "e", "E", "f", "F", "g", "G", "%":
      return try formatFloat(i.double ?? (i.isNegative ? -.infinity : .infinity), p, spec)
    default:
      throw EvaluationError("Unknown format code '\(p.type!)' for object of type 'int'", at: nil, type: "ValueError")
    }
  }

  static func formatFloat(_ d: Double, _ p: Parsed, _ spec: String) throws -> String {
    let negative = d.sign == .minus && !d.isNaN
    let magnitude = Swift.abs(d)
    var body: String
    if magnitude.isNaN || magnitude.isInfinite {
      body = magnitude.isNaN ? "nan" : "inf"
      if let t = p.type, t.isUppercase { body = body.uppercased() }
      return signed(negative, body, p)
    }
    switch p.type {
    case nil:
      if let precision = p.precision {
        body = general(magnitude, precision: Swift.max(precision, 1), alternate: p.alternate, keepPoint: true)
      } else {
        body = PythonFloat.repr(magnitude)
      }
    case "f", "F":
      body = String(format: "%.\(p.precision ?? 6)f", magnitude)
    case "e", "E":
      body = String(format: "%.\(p.precision ?? 6)e", magnitude)
      if p.type == "E" { body = body.uppercased() }
    case "g", "G", "n":
      body = general(magnitude, precision: Swift.max(p.precision ?? 6, 1), alternate: p.alternate, keepPoint: false)
      if p.type == "G" { body = body.uppercased() }
    case "%":
      body = String(format: "%.\(p.precision ?? 6)f", magnitude * 100) + "%"
    default:
      throw EvaluationError("Unknown format code '\(p.type!)' for object of type 'float'", at: nil, type: "ValueError")
    }
    if let grouping = p.grouping {
      let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
      if let whole = parts.first, whole.allSatisfy(\.isNumber) {
        body = grouped(String(whole), grouping, every: 3) + (parts.count > 1 ? "." + parts[1] : "")
      }
    }
    return signed(negative, body, p)
  }

  /// The digits of a non-negative int in a radix (2, 8 or 16).
  static func digitsText(_ n: PythonInt, radix: Int) -> String {
    if let small = n.uint64 { return String(small, radix: radix) }
    var digits: [Character] = []
    var rest = n
    let base = PythonInt(radix)
    while !rest.isZero {
      guard let (q, r) = try? rest.divMod(base), let d = r.int else { break }
      digits.append(Character(String(d, radix: radix)))
      rest = q
    }
    return String(digits.reversed())
  }

  /// `%g`, with Python's rule for no type: at least one digit after the point.
  static func general(_ x: Double, precision: Int, alternate: Bool, keepPoint: Bool) -> String {
    var text = String(format: alternate ? "%#.\(precision)g" : "%.\(precision)g", x)
    if keepPoint && !text.contains(".") && !text.contains("e") && !text.contains("n") && !text.contains("i") {
      text += ".0"
    }
    return text
  }

  static func grouped(_ digits: String, _ separator: Character?, every n: Int) -> String {
    guard let separator, digits.count > n else { return digits }
    var out: [Character] = []
    for (k, c) in digits.reversed().enumerated() {
      if k > 0 && k % n == 0 { out.append(separator) }
      out.append(c)
    }
    return String(out.reversed())
  }

  static func signed(_ negative: Bool, _ body: String, _ p: Parsed) -> String {
    let sign = negative ? "-" : (p.sign == "+" ? "+" : (p.sign == " " ? " " : ""))
    var q = p
    if p.zeroPad && p.align == nil {
      q.fill = "0"
      q.align = "="
    }
    let width = q.width
    let align = q.align ?? ">"
    if align == "=" {
      let padding = Swift.max(0, width - sign.count - body.count)
      return sign + String(repeating: q.fill, count: padding) + body
    }
    return pad(sign + body, q, numeric: true)
  }

  static func pad(_ text: String, _ p: Parsed, numeric: Bool) -> String {
    let padding = Swift.max(0, p.width - text.count)
    guard padding > 0 else { return text }
    switch p.align ?? (numeric ? ">" : "<") {
    case ">": return String(repeating: p.fill, count: padding) + text
    case "^":
      let left = padding / 2
      return String(repeating: p.fill, count: left) + text + String(repeating: p.fill, count: padding - left)
    default: return text + String(repeating: p.fill, count: padding)
    }
  }

  /// `format % values`, printf-style.
  static func percent(_ format: String, _ values: Value, str: (Value) throws -> String) throws -> String {
    var arguments: [Value]
    var mapping: DictObject?
    switch values {
    case .tuple(let items): arguments = items
    case .object(let o as DictObject):
      arguments = [values]
      mapping = o
    default: arguments = [values]
    }
    var out = ""
    let chars = Array(format)
    var i = 0
    var next = 0
    func take() throws -> Value {
      guard next < arguments.count else {
        throw EvaluationError("not enough arguments for format string", at: nil, type: "TypeError")
      }
      defer { next += 1 }
      return arguments[next]
    }
    while i < chars.count {
      let c = chars[i]
      i += 1
      guard c == "%" else {
        out.append(c)
        continue
      }
      guard i < chars.count else { throw EvaluationError("incomplete format", at: nil, type: "ValueError") }
      var key: String?
      if chars[i] == "(" {
        guard let close = chars[i...].firstIndex(of: ")") else {
          throw EvaluationError("incomplete format key", at: nil, type: "ValueError")
        }
        key = String(chars[(i + 1)..<close])
        i = close + 1
      }
      var p = Parsed()
      var leftAlign = false
      while i < chars.count, "-+ 0#".contains(chars[i]) {
        switch chars[i] {
        case "-": leftAlign = true
        case "+": p.sign = "+"
        case " ": if p.sign != "+" { p.sign = " " }
        case "0": p.zeroPad = true
        default: p.alternate = true
        }
        i += 1
      }
      var width = ""
      while i < chars.count, chars[i].isNumber {
        width.append(chars[i])
        i += 1
      }
      if i < chars.count, chars[i] == "*" {
        width = String(BoundArguments.asInt(try take())?.int ?? 0)
        i += 1
      }
      p.width = Int(width) ?? 0
      if i < chars.count, chars[i] == "." {
        i += 1
        var digits = ""
        while i < chars.count, chars[i].isNumber {
          digits.append(chars[i])
          i += 1
        }
        p.precision = Int(digits) ?? 0
      }
      guard i < chars.count else { throw EvaluationError("incomplete format", at: nil, type: "ValueError") }
      let type = chars[i]
      i += 1
      if type == "%" {
        out.append("%")
        continue
      }
      if leftAlign {
        p.align = "<"
        p.zeroPad = false
      }
      let value: Value
      if let key {
        guard let mapping else { throw EvaluationError("format requires a mapping", at: nil, type: "TypeError") }
        guard let v = mapping[.string(key)] else { throw EvaluationError("'\(key)'", at: nil, type: "KeyError") }
        value = v
      } else {
        value = try take()
      }
      switch type {
      case "s", "r", "a":
        var text = type == "s" ? try str(value) : value.repr
        if let precision = p.precision { text = String(text.prefix(precision)) }
        p.precision = nil
        // printf pads every conversion on the left unless '-' is given.
        out += pad(text, p, numeric: true)
      case "d", "i", "u":
        guard let n = BoundArguments.asInt(value) ?? (BoundArguments.asDouble(value).flatMap { Int64(exactly: $0.rounded(.towardZero)) }.map { PythonInt($0) }) else {
          throw EvaluationError("%\(type) format: a real number is required, not \(value.typeName)", at: nil, type: "TypeError")
        }
        p.type = "d"
        out += try formatInt(n, p, String(type))
      case "x", "X", "o", "c":
        guard let n = BoundArguments.asInt(value) else {
          throw EvaluationError("%\(type) format: an integer is required, not \(value.typeName)", at: nil, type: "TypeError")
        }
        p.type = type
        out += try formatInt(n, p, String(type))
      case "f", "F", "e", "E", "g", "G":
        guard let d = BoundArguments.asDouble(value) else {
          throw EvaluationError("must be real number, not \(value.typeName)", at: nil, type: "TypeError")
        }
        p.type = type
        out += try formatFloat(d, p, String(type))
      default:
        throw EvaluationError(
          "unsupported format character '\(type)' (0x\(String(type.unicodeScalars.first!.value, radix: 16)))", at: nil,
          type: "ValueError")
      }
    }
    if mapping == nil && next < arguments.count {
      throw EvaluationError("not all arguments converted during string formatting", at: nil, type: "TypeError")
    }
    return out
  }
}
