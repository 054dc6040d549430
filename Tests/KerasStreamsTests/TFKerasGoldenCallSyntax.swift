// Test support (a copy of TensorFlowStreamsTests/GoldenCallSyntax.swift; test targets cannot share files): parses the golden files' CALL strings (a small subset of
// Python expressions) so each case can be mapped onto the Swift API.
// The lead's front end replaces this later; nothing here is product code.

import Foundation

/// A parsed CALL expression.
indirect enum PyExpr: CustomStringConvertible {
  case int(Int128)
  case float(Double)
  case string(String)
  case name(String)
  case none
  case bool(Bool)
  case list([PyExpr])
  case tuple([PyExpr])
  case call(PyExpr, [PyExpr], [(String, PyExpr)])
  case binary(String, PyExpr, PyExpr)
  case negate(PyExpr)
  case lambda(PyExpr)

  var description: String {
    switch self {
    case .int(let v): return "\(v)"
    case .float(let v): return "\(v)"
    case .string(let s): return "'\(s)'"
    case .name(let n): return n
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .list(let items): return "[\(items.map(\.description).joined(separator: ", "))]"
    case .tuple(let items): return "(\(items.map(\.description).joined(separator: ", ")))"
    case .call(let f, let a, let k):
      return "\(f)(\((a.map(\.description) + k.map { "\($0.0)=\($0.1)" }).joined(separator: ", ")))"
    case .binary(let op, let l, let r): return "(\(l) \(op) \(r))"
    case .negate(let e): return "-\(e)"
    case .lambda(let e): return "lambda: \(e)"
    }
  }
}

/// One CALL: an expression, optionally bound to a name (`f = ...`).
struct PyStatement {
  var target: String?
  var expr: PyExpr

  init(_ source: String) throws {
    var p = PyParser(source)
    if case .name(let n) = p.peek, case .punct("=") = p.peek(1) {
      p.advance(); p.advance()
      target = n
    }
    expr = try p.expression()
    guard case .end = p.peek else { throw PyParser.Failure(message: "trailing text in \(source)") }
  }
}

struct PyParser {
  struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }

  enum Token: Equatable {
    case int(Int128), float(Double), string(String), name(String), punct(String), end
  }

  var tokens: [Token] = []
  var index = 0

  init(_ source: String) {
    let chars = Array(source)
    var i = 0
    func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "." }
    while i < chars.count {
      let c = chars[i]
      if c == " " { i += 1; continue }
      if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
        var j = i
        var isFloat = false
        while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
          || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))
        {
          if chars[j] == "." || chars[j] == "e" || chars[j] == "E" { isFloat = true }
          j += 1
        }
        let text = String(chars[i..<j])
        tokens.append(isFloat ? .float(Double(text)!) : .int(Int128(text)!))
        i = j
      } else if c.isLetter || c == "_" {
        var j = i
        while j < chars.count, isNameChar(chars[j]) { j += 1 }
        tokens.append(.name(String(chars[i..<j])))
        i = j
      } else if c == "'" || c == "\"" {
        var j = i + 1
        while j < chars.count, chars[j] != c { j += 1 }
        tokens.append(.string(String(chars[(i + 1)..<j])))
        i = j + 1
      } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
        tokens.append(.punct("**")); i += 2
      } else {
        tokens.append(.punct(String(c))); i += 1
      }
    }
    tokens.append(.end)
  }

  var peek: Token { tokens[index] }
  func peek(_ ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }
  mutating func advance() { index += 1 }
  mutating func expect(_ p: String) throws {
    guard peek == .punct(p) else { throw Failure(message: "expected \(p) at token \(index), got \(peek)") }
    advance()
  }

  mutating func expression() throws -> PyExpr {
    if case .name("lambda") = peek {
      advance()
      try expect(":")
      return .lambda(try expression())
    }
    var left = try arithmetic()
    while case .name("or") = peek {
      advance()
      left = .binary("or", left, try arithmetic())
    }
    return left
  }

  mutating func arithmetic() throws -> PyExpr {
    var left = try term()
    while case .punct(let op) = peek, op == "+" || op == "-" {
      advance()
      left = .binary(op, left, try term())
    }
    return left
  }

  mutating func term() throws -> PyExpr {
    var left = try unary()
    while case .punct(let op) = peek, op == "*" || op == "/" {
      advance()
      left = .binary(op, left, try unary())
    }
    return left
  }

  mutating func unary() throws -> PyExpr {
    if peek == .punct("-") {
      advance()
      return .negate(try unary())
    }
    return try power()
  }

  mutating func power() throws -> PyExpr {
    let base = try postfix()
    if peek == .punct("**") {
      advance()
      return .binary("**", base, try unary())
    }
    return base
  }

  mutating func postfix() throws -> PyExpr {
    var e = try atom()
    while peek == .punct("(") {
      advance()
      var args: [PyExpr] = []
      var kwargs: [(String, PyExpr)] = []
      while peek != .punct(")") {
        if case .name(let n) = peek, peek(1) == .punct("=") {
          advance(); advance()
          kwargs.append((n, try expression()))
        } else {
          args.append(try expression())
        }
        if peek == .punct(",") { advance() }
      }
      advance()
      e = .call(e, args, kwargs)
    }
    return e
  }

  mutating func atom() throws -> PyExpr {
    let t = peek
    advance()
    switch t {
    case .int(let v): return .int(v)
    case .float(let v): return .float(v)
    case .string(let s): return .string(s)
    case .name("None"): return .none
    case .name("True"): return .bool(true)
    case .name("False"): return .bool(false)
    case .name(let n): return .name(n)
    case .punct("["):
      var items: [PyExpr] = []
      while peek != .punct("]") {
        items.append(try expression())
        if peek == .punct(",") { advance() }
      }
      advance()
      return .list(items)
    case .punct("("):
      var items: [PyExpr] = []
      var sawComma = false
      while peek != .punct(")") {
        items.append(try expression())
        if peek == .punct(",") { advance(); sawComma = true }
      }
      advance()
      return (items.count == 1 && !sawComma) ? items[0] : .tuple(items)
    default:
      throw Failure(message: "unexpected token \(t)")
    }
  }
}

/// Constant folding for the arithmetic in CALL arguments (`2**31 - 1`,
/// `1.0 / 3.0`, `-2**63`), with Python's int/float rules.
enum PyNumber: Equatable {
  case int(Int128)
  case float(Double)

  var double: Double {
    switch self {
    case .int(let v): return Double(v)
    case .float(let v): return v
    }
  }

  static func fold(_ e: PyExpr) -> PyNumber? {
    switch e {
    case .int(let v): return .int(v)
    case .float(let v): return .float(v)
    case .negate(let inner):
      switch fold(inner) {
      case .int(let v)?: return .int(-v)
      case .float(let v)?: return .float(-v)
      case nil: return nil
      }
    case .binary(let op, let l, let r):
      guard let a = fold(l), let b = fold(r) else { return nil }
      if case .int(let x) = a, case .int(let y) = b {
        switch op {
        case "+": return .int(x + y)
        case "-": return .int(x - y)
        case "*": return .int(x * y)
        case "**":
          var result: Int128 = 1
          for _ in 0..<Int(y) { result *= x }
          return .int(result)
        case "/": return .float(Double(x) / Double(y))
        default: return nil
        }
      }
      switch op {
      case "+": return .float(a.double + b.double)
      case "-": return .float(a.double - b.double)
      case "*": return .float(a.double * b.double)
      case "/": return .float(a.double / b.double)
      default: return nil
      }
    default:
      return nil
    }
  }
}
