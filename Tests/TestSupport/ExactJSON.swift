import Foundation

/// A small JSON reader for golden files that keeps every number's text, so
/// floats are compared bit for bit and Python ints of any size stay exact.
/// Accepts Python's `NaN`, `Infinity` and `-Infinity`.
public indirect enum ExactJSON: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([ExactJSON])
  case object([(String, ExactJSON)])

  public static func == (a: ExactJSON, b: ExactJSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  public subscript(key: String) -> ExactJSON? {
    if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
    return nil
  }

  public var array: [ExactJSON]? { if case .array(let a) = self { return a } else { return nil } }
  public var string: String? { if case .string(let s) = self { return s } else { return nil } }
  public var number: String? { if case .number(let s) = self { return s } else { return nil } }
  public var int: Int? { number.flatMap { Int($0) } }
  public var isNull: Bool { self == .null }

  public struct ParseError: Error, CustomStringConvertible {
    public var offset: Int
    public var message: String
    public var description: String { "JSON error at byte \(offset): \(message)" }
  }

  public static func parse(_ text: String) throws -> ExactJSON {
    var p = Reader(bytes: Array(text.utf8))
    let v = try p.value()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw ParseError(offset: p.i, message: "trailing characters") }
    return v
  }

  struct Reader {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpace() { while i < bytes.count, [9, 10, 13, 32].contains(bytes[i]) { i += 1 } }

    func fail(_ m: String) -> ParseError { ParseError(offset: i, message: m) }

    mutating func literal(_ word: String) -> Bool {
      let w = Array(word.utf8)
      guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
      i += w.count
      return true
    }

    mutating func value() throws -> ExactJSON {
      skipSpace()
      guard i < bytes.count else { throw fail("unexpected end") }
      switch bytes[i] {
      case UInt8(ascii: "{"):
        i += 1
        var pairs: [(String, ExactJSON)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
        while true {
          skipSpace()
          guard case .string(let k) = try value() else { throw fail("expected a key") }
          skipSpace()
          guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
          i += 1
          pairs.append((k, try value()))
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
          throw fail("expected ',' or '}'")
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [ExactJSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
          items.append(try value())
          skipSpace()
          guard i < bytes.count else { throw fail("unexpected end") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
          throw fail("expected ',' or ']'")
        }
      case UInt8(ascii: "\""):
        i += 1
        var out: [UInt8] = []
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] == UInt8(ascii: "\\") {
            i += 1
            guard i < bytes.count else { throw fail("bad escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
              guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
              else { throw fail("bad \\u escape") }
              i += 4
              var scalarCode = code
              if (0xD800..<0xDC00).contains(code), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                let low = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
              {
                scalarCode = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 6
              }
              out += Array(String(Unicode.Scalar(scalarCode).map(Character.init) ?? "?").utf8)
            default: out.append(e)
            }
          } else {
            out.append(bytes[i])
            i += 1
          }
        }
        guard i < bytes.count else { throw fail("unterminated string") }
        i += 1
        return .string(String(decoding: out, as: UTF8.self))
      default:
        if literal("true") { return .bool(true) }
        if literal("false") { return .bool(false) }
        if literal("null") { return .null }
        if literal("NaN") { return .number("NaN") }
        if literal("Infinity") { return .number("Infinity") }
        if literal("-Infinity") { return .number("-Infinity") }
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        guard i > start else { throw fail("unexpected character") }
        return .number(String(decoding: bytes[start..<i], as: UTF8.self))
      }
    }
  }
}

/// Reads a JSON Lines golden file: its header and its cases.
public struct GoldenFile: Sendable {
  public var path: String
  public var header: ExactJSON
  public var cases: [ExactJSON]

  public static func load(_ url: String) throws -> GoldenFile {
    let text = try String(contentsOfFile: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { return GoldenFile(path: url, header: .null, cases: []) }
    let header = try ExactJSON.parse(lines.removeFirst())
    return GoldenFile(path: url, header: header, cases: try lines.map { try ExactJSON.parse($0) })
  }
}
