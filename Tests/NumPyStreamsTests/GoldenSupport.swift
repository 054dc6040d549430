// Golden-file reading and Python call parsing for the streams tests.
//
// The same file is in Tests/PythonStreamsTests and Tests/NumPyStreamsTests
// (test targets cannot share sources outside TestSupport); keep them identical.
//
// JSON numbers are kept as their literal text: Foundation's JSONSerialization
// rounds some doubles on Linux and no Foundation decoder keeps integers wider
// than 64 bits, while `Double(String)` parses the literal exactly.
import Foundation
import TestSupport

/// A JSON value with numbers as written.
enum JSONValue: Equatable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  var arrayValue: [JSONValue] {
    if case .array(let items) = self { return items }
    return []
  }

  var stringValue: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  var intValue: Int? {
    if case .number(let text) = self { return Int(text) }
    return nil
  }

  /// The exact double a number literal denotes (also NaN / ±Infinity).
  var doubleValue: Double? {
    switch self {
    case .number(let text):
      switch text {
      case "NaN": return .nan
      case "Infinity": return .infinity
      case "-Infinity": return -.infinity
      default: return Double(text)
      }
    case .bool(let flag): return flag ? 1 : 0
    default: return nil
    }
  }

  static func parse(_ text: String) throws -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8))
    let value = try parser.value()
    parser.skipSpace()
    guard parser.index == parser.bytes.count else { throw JSONParser.Failure(message: "trailing text", at: parser.index) }
    return value
  }
}

struct JSONParser {
  struct Failure: Error, CustomStringConvertible {
    var message: String
    var at: Int
    var description: String { "JSON: \(message) at byte \(at)" }
  }

  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  mutating func expect(_ literal: String) throws {
    let expected = Array(literal.utf8)
    guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
      throw Failure(message: "expected \(literal)", at: index)
    }
    index += expected.count
  }

  mutating func value() throws -> JSONValue {
    skipSpace()
    guard index < bytes.count else { throw Failure(message: "unexpected end", at: index) }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      var members = [String: JSONValue]()
      skipSpace()
      if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      while true {
        skipSpace()
        guard case .string(let key) = try value() else { throw Failure(message: "key", at: index) }
        skipSpace()
        try expect(":")
        members[key] = try value()
        skipSpace()
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect("}")
        return .object(members)
      }
    case UInt8(ascii: "["):
      index += 1
      var items = [JSONValue]()
      skipSpace()
      if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      while true {
        items.append(try value())
        skipSpace()
        if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
        try expect("]")
        return .array(items)
      }
    case UInt8(ascii: "\""):
      return .string(try string())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "N"): try expect("NaN"); return .number("NaN")
    case UInt8(ascii: "I"): try expect("Infinity"); return .number("Infinity")
    default:
      let start = index
      if bytes[index] == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "I") {
        index += 1
        try expect("Infinity")
        return .number("-Infinity")
      }
      while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
      guard index > start else { throw Failure(message: "unexpected character", at: index) }
      return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }
  }

  mutating func string() throws -> String {
    index += 1
    var scalars = [UInt8]()
    var text = ""
    func flush() {
      text += String(decoding: scalars, as: UTF8.self)
      scalars.removeAll()
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") { flush(); return text }
      if byte != UInt8(ascii: "\\") { scalars.append(byte); continue }
      let escape = bytes[index]
      index += 1
      switch escape {
      case UInt8(ascii: "n"): scalars.append(0x0A)
      case UInt8(ascii: "t"): scalars.append(0x09)
      case UInt8(ascii: "r"): scalars.append(0x0D)
      case UInt8(ascii: "b"): scalars.append(0x08)
      case UInt8(ascii: "f"): scalars.append(0x0C)
      case UInt8(ascii: "u"):
        flush()
        var code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) ?? 0
        index += 4
        if (0xD800..<0xDC00).contains(code), bytes[index] == UInt8(ascii: "\\") {
          let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) ?? 0
          index += 6
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        text.unicodeScalars.append(Unicode.Scalar(code) ?? "?")
      default: scalars.append(escape)
      }
    }
    throw Failure(message: "unterminated string", at: index)
  }
}

/// One output of a golden case.
struct GoldenOutput {
  var call: Int
  var expr: String
  var dtype: String
  var shape: [Int]
  var values: [JSONValue]
}

/// One case of a golden file: a seed, CALL strings and their outputs.
struct GoldenCase {
  var seed: JSONValue
  var calls: [String]
  var outputs: [GoldenOutput]
  /// 1-based line in the file, for messages.
  var line: Int

  /// The outputs of call `index`.
  func outputs(ofCall index: Int) -> [GoldenOutput] { outputs.filter { $0.call == index } }

  /// Reads `fixtures/reference/<relative>` (header line skipped).
  static func load(_ relative: String, file: StaticString = #filePath) throws -> [GoldenCase] {
    let url = Fixtures.url("reference/\(relative)", file: file)
    let text = try String(contentsOf: url, encoding: .utf8)
    var cases = [GoldenCase]()
    for (number, line) in text.split(separator: "\n").enumerated() where number > 0 {
      let json = try JSONValue.parse(String(line))
      let outputs = (json["outputs"]?.arrayValue ?? []).map { o in
        GoldenOutput(
          call: o["call"]?.intValue ?? -1, expr: o["expr"]?.stringValue ?? "", dtype: o["dtype"]?.stringValue ?? "",
          shape: (o["shape"]?.arrayValue ?? []).compactMap(\.intValue), values: o["values"]?.arrayValue ?? [])
      }
      cases.append(
        GoldenCase(
          seed: json["seed"] ?? .null, calls: (json["calls"]?.arrayValue ?? []).compactMap(\.stringValue),
          outputs: outputs, line: number + 1))
    }
    return cases
  }
}

/// A parsed Python expression of the CALL subset: literals, names, calls
/// with keyword arguments, attributes, lists, tuples, unary minus and the
/// binary operators `+ - * **`.
indirect enum PyExpr: Equatable {
  case int(String)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case name(String)
  case list([PyExpr])
  case tuple([PyExpr])
  case call(PyExpr, [PyExpr], [(String, PyExpr)])
  case attribute(PyExpr, String)
  case negate(PyExpr)
  case binary(String, PyExpr, PyExpr)

  static func == (lhs: PyExpr, rhs: PyExpr) -> Bool { "\(lhs)" == "\(rhs)" }

  static func parse(_ text: String) throws -> PyExpr {
    var parser = PyParser(tokens: try PyParser.tokenize(text))
    let expr = try parser.expression()
    guard parser.position == parser.tokens.count else { throw PyParser.Failure(message: "trailing tokens in \(text)") }
    return expr
  }
}

struct PyParser {
  struct Failure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }

  enum Token: Equatable {
    case int(String), float(Double), string(String), bytes([UInt8]), name(String), op(String)
  }

  var tokens: [Token]
  var position = 0

  static func tokenize(_ text: String) throws -> [Token] {
    let chars = Array(text.unicodeScalars)
    var tokens = [Token]()
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == " " { i += 1; continue }
      if ("0"..."9").contains(c) || (c == "." && i + 1 < chars.count && ("0"..."9").contains(chars[i + 1])) {
        var j = i
        var isFloat = false
        while j < chars.count {
          let d = chars[j]
          if ("0"..."9").contains(d) || d == "_" { j += 1; continue }
          if d == "." { isFloat = true; j += 1; continue }
          if d == "e" || d == "E" {
            isFloat = true
            j += 1
            if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
            continue
          }
          break
        }
        let literal = String(String.UnicodeScalarView(chars[i..<j])).replacingOccurrences(of: "_", with: "")
        if isFloat {
          guard let value = Double(literal) else { throw Failure(message: "bad float \(literal)") }
          tokens.append(.float(value))
        } else {
          tokens.append(.int(literal))
        }
        i = j
        continue
      }
      if c == "b", i + 1 < chars.count, chars[i + 1] == "'" || chars[i + 1] == "\"" {
        let (bytes, next) = try quoted(chars, from: i + 1)
        tokens.append(.bytes(bytes.map { UInt8(truncatingIfNeeded: $0.value) }))
        i = next
        continue
      }
      if c == "'" || c == "\"" {
        let (scalars, next) = try quoted(chars, from: i)
        tokens.append(.string(String(String.UnicodeScalarView(scalars))))
        i = next
        continue
      }
      if c.properties.isAlphabetic || c == "_" {
        var j = i
        while j < chars.count, chars[j].properties.isAlphabetic || chars[j] == "_" || ("0"..."9").contains(chars[j]) { j += 1 }
        tokens.append(.name(String(String.UnicodeScalarView(chars[i..<j]))))
        i = j
        continue
      }
      if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
        tokens.append(.op("**"))
        i += 2
        continue
      }
      guard "()[],=+-*.".unicodeScalars.contains(c) else { throw Failure(message: "unexpected \(c) in \(text)") }
      tokens.append(.op(String(c)))
      i += 1
    }
    return tokens
  }

  static func quoted(_ chars: [Unicode.Scalar], from start: Int) throws -> ([Unicode.Scalar], Int) {
    let quote = chars[start]
    var i = start + 1
    var out = [Unicode.Scalar]()
    while i < chars.count, chars[i] != quote {
      if chars[i] == "\\" {
        let e = chars[i + 1]
        switch e {
        case "x":
          let hex = String(String.UnicodeScalarView(chars[(i + 2)..<(i + 4)]))
          out.append(Unicode.Scalar(UInt8(hex, radix: 16) ?? 0))
          i += 4
          continue
        case "n": out.append("\n")
        case "t": out.append("\t")
        default: out.append(e)
        }
        i += 2
        continue
      }
      out.append(chars[i])
      i += 1
    }
    guard i < chars.count else { throw Failure(message: "unterminated string") }
    return (out, i + 1)
  }

  func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

  mutating func take(_ op: String) -> Bool {
    if peek() == .op(op) {
      position += 1
      return true
    }
    return false
  }

  mutating func expect(_ op: String) throws {
    guard take(op) else { throw Failure(message: "expected \(op)") }
  }

  mutating func expression() throws -> PyExpr {
    var lhs = try term()
    while let token = peek(), token == .op("+") || token == .op("-") {
      position += 1
      let rhs = try term()
      lhs = .binary(token == .op("+") ? "+" : "-", lhs, rhs)
    }
    return lhs
  }

  mutating func term() throws -> PyExpr {
    var lhs = try unary()
    while peek() == .op("*") {
      position += 1
      lhs = .binary("*", lhs, try unary())
    }
    return lhs
  }

  mutating func unary() throws -> PyExpr {
    if take("-") { return .negate(try unary()) }
    return try power()
  }

  mutating func power() throws -> PyExpr {
    let base = try postfix()
    if take("**") { return .binary("**", base, try unary()) }
    return base
  }

  mutating func postfix() throws -> PyExpr {
    var expr = try atom()
    while true {
      if take("(") {
        var args = [PyExpr]()
        var keywords = [(String, PyExpr)]()
        while !take(")") {
          if case .name(let key) = peek(), position + 1 < tokens.count, tokens[position + 1] == .op("=") {
            position += 2
            keywords.append((key, try expression()))
          } else {
            args.append(try expression())
          }
          _ = take(",")
        }
        expr = .call(expr, args, keywords)
      } else if take(".") {
        guard case .name(let attribute) = peek() else { throw Failure(message: "attribute name") }
        position += 1
        expr = .attribute(expr, attribute)
      } else {
        return expr
      }
    }
  }

  mutating func atom() throws -> PyExpr {
    guard let token = peek() else { throw Failure(message: "unexpected end") }
    position += 1
    switch token {
    case .int(let text): return .int(text)
    case .float(let value): return .float(value)
    case .string(let text): return .string(text)
    case .bytes(let bytes): return .bytes(bytes)
    case .name(let name): return .name(name)
    case .op("["):
      var items = [PyExpr]()
      while !take("]") {
        items.append(try expression())
        _ = take(",")
      }
      return .list(items)
    case .op("("):
      var items = [PyExpr]()
      var sawComma = false
      while !take(")") {
        items.append(try expression())
        if take(",") { sawComma = true }
      }
      return items.count == 1 && !sawComma ? items[0] : .tuple(items)
    default:
      throw Failure(message: "unexpected token \(token)")
    }
  }
}
