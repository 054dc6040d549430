/// Writes a trace again in another valid JSON encoding, as other producers
/// would: Python's `json.dumps` defaults, random whitespace, shuffled field
/// order, `\r\n`, `\uXXXX` escapes, longer digests, other number spellings.
/// Seeded, so every encoding reproduces.
///
/// ```swift
/// var encoder = TraceReencoder(seed: 7, style: .random)
/// let text = encoder.reencode("{\"event\":\"phase\",\"seq\":1}\n")
/// // e.g. "{ \"seq\" :1,\t\"\\u0065vent\": \"phase\"}\r\n"
/// ```
///
/// The input must be valid JSON Lines (a fixture trace); the encoder does
/// not check it.
public struct TraceReencoder {
  /// How much to change.
  public enum Style: Sendable {
    /// Exactly what Python's `json.dumps(obj)` writes: `", "` and `": "`
    /// separators, `ensure_ascii` (`\uXXXX` for non-ASCII), fields in order.
    case pythonDefault
    /// Random whitespace between tokens, shuffled fields at every depth,
    /// random `\u` and `\/` escapes in strings and keys, `\r\n` on some
    /// lines.
    case random
  }

  public var style: Style
  /// Whether float parameters (`params` values) get another spelling of
  /// the same number (`"0.05"` → `"5e-2"`, `"0.050"`, or the number itself).
  public var respellNumbers = false
  /// Whether `.random` shuffles the fields of nested objects (`params`,
  /// `seeding`, …) too, not only an event's own fields.
  public var shuffleNestedFields = true
  /// Whether some lines' 16-digit digests get 64 digits (the same 16 first).
  public var lengthenDigests = false
  private var rng: SeededRandom

  public init(seed: UInt64, style: Style) {
    self.style = style
    rng = SeededRandom(seed: seed)
  }

  /// The trace, line by line, in the new encoding.
  public mutating func reencode(_ trace: String) -> String {
    var out = ""
    for line in trace.split(separator: "\n", omittingEmptySubsequences: true) {
      var parser = JSONTextParser(Array(line.utf8))
      var node = parser.parse()
      if respellNumbers { node = respellParams(node) }
      if lengthenDigests { node = lengthenDigest(node) }
      write(node, depth: 0, into: &out)
      out += style == .random && rng.chance(0.5) ? "\r\n" : "\n"
    }
    return out
  }

  // MARK: Changes to values

  private mutating func respellParams(_ node: JSONNode) -> JSONNode {
    guard case .object(let fields) = node else { return node }
    return .object(fields.map { key, value in
      guard key == "params", case .object(let params) = value else { return (key, value) }
      return (key, .object(params.map { name, v in
        guard case .string(let text) = v, let spelled = respell(text) else { return (name, v) }
        return (name, spelled)
      }))
    })
  }

  /// Another spelling of a float's text, as a string or a number; nil for other texts.
  private mutating func respell(_ text: String) -> JSONNode? {
    guard text.contains("."), !text.contains("e"), let value = Double(text), value.isFinite else { return nil }
    let options: [String] = [
      text + "0",  // 0.05 → 0.050
      text.hasPrefix("-") ? text : text + "00",
      exponentSpelling(text),
    ]
    let spelled = options[rng.below(options.count)]
    precondition(Double(spelled) == value, "\(spelled) must spell \(text)")
    return rng.chance(0.5) ? .string(spelled) : .literal(spelled)
  }

  /// `0.05` → `5e-2`, `12.5` → `1.25E1`: the same digits with an exponent.
  private func exponentSpelling(_ text: String) -> String {
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var exponent = whole.count - 1
    while digits.count > 1 && digits.hasPrefix("0") {
      digits.removeFirst()
      exponent -= 1
    }
    let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
    return (negative ? "-" : "") + mantissa + (exponent % 2 == 0 ? "e" : "E") + String(exponent)
  }

  /// A 16-digit digest extended to 64 digits, the same way every time.
  private mutating func lengthenDigest(_ node: JSONNode) -> JSONNode {
    guard case .object(let fields) = node, rng.chance(0.3) else { return node }
    return .object(fields.map { key, value in
      guard key == "digest", case .string(let d) = value, d.count == 16 else { return (key, value) }
      return (key, .string(d + String(d.reversed()) + d + String(d.reversed())))
    })
  }

  // MARK: Writing

  private mutating func space() -> String {
    guard style == .random else { return "" }
    let choices = ["", "", " ", "  ", "\t", " \t", "\r"]
    return choices[rng.below(choices.count)]
  }

  private mutating func write(_ node: JSONNode, depth: Int, into out: inout String) {
    let python = style == .pythonDefault
    switch node {
    case .literal(let text):
      out += text
    case .string(let s):
      writeString(s, into: &out)
    case .array(let items):
      out += "["
      for (k, item) in items.enumerated() {
        if k > 0 { out += python ? ", " : space() + "," + space() } else { out += space() }
        write(item, depth: depth + 1, into: &out)
      }
      out += space() + "]"
    case .object(var fields):
      if !python && (depth == 0 || shuffleNestedFields) { fields = shuffled(fields) }
      out += space() + "{"
      for (k, (key, value)) in fields.enumerated() {
        if k > 0 { out += python ? ", " : space() + "," + space() } else { out += space() }
        writeString(key, into: &out)
        out += python ? ": " : space() + ":" + space()
        write(value, depth: depth + 1, into: &out)
      }
      out += space() + "}" + (depth == 0 ? space() : "")
    }
  }

  private mutating func shuffled(_ fields: [(String, JSONNode)]) -> [(String, JSONNode)] {
    var out = fields
    guard out.count > 1 else { return out }
    for k in stride(from: out.count - 1, to: 0, by: -1) {
      out.swapAt(k, rng.below(k + 1))
    }
    return out
  }

  private mutating func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "/" where style == .random && rng.chance(0.2):
        out += "\\/"
      default:
        if scalar.value < 0x20 || (style == .pythonDefault && scalar.value > 0x7E) {
          out += Self.unicodeEscape(scalar.value, upper: false)
        } else if style == .random && rng.chance(0.08) {
          out += Self.unicodeEscape(scalar.value, upper: rng.chance(0.5))
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  /// `\u0041`, or a surrogate pair above the BMP, as Python writes them.
  static func unicodeEscape(_ v: UInt32, upper: Bool) -> String {
    func hex(_ x: UInt32) -> String {
      let h = String(x, radix: 16, uppercase: upper)
      return "\\u" + String(repeating: "0", count: 4 - h.count) + h
    }
    if v < 0x10000 { return hex(v) }
    let w = v - 0x10000
    return hex(0xD800 + (w >> 10)) + hex(0xDC00 + (w & 0x3FF))
  }
}

/// A parsed JSON value that keeps numbers and literals as their text.
public indirect enum JSONNode: Equatable, Sendable {
  case object([(String, JSONNode)])
  case array([JSONNode])
  case string(String)
  /// A number, `true`, `false`, `null`, `NaN` or `±Infinity`, as written.
  case literal(String)

  public static func == (a: JSONNode, b: JSONNode) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.array(let x), .array(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.literal(let x), .literal(let y)): return x == y
    default: return false
    }
  }
}

/// A small parser for valid JSON (plus Python's `NaN`/`Infinity`).
public struct JSONTextParser {
  private let bytes: [UInt8]
  private var i = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public mutating func parse() -> JSONNode {
    skip()
    let c = bytes[i]
    switch c {
    case UInt8(ascii: "{"):
      i += 1
      var fields: [(String, JSONNode)] = []
      skip()
      if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
      while true {
        skip()
        guard case .string(let key) = parse() else { fatalError("a key") }
        skip()
        i += 1  // ':'
        fields.append((key, parse()))
        skip()
        let d = bytes[i]
        i += 1
        if d == UInt8(ascii: "}") { return .object(fields) }
      }
    case UInt8(ascii: "["):
      i += 1
      var items: [JSONNode] = []
      skip()
      if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
      while true {
        items.append(parse())
        skip()
        let d = bytes[i]
        i += 1
        if d == UInt8(ascii: "]") { return .array(items) }
      }
    case UInt8(ascii: "\""):
      return .string(parseString())
    default:
      let start = i
      while i < bytes.count, !",]} \t\r\n".utf8.contains(bytes[i]) { i += 1 }
      return .literal(String(decoding: bytes[start..<i], as: UTF8.self))
    }
  }

  private mutating func skip() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
  }

  private mutating func parseString() -> String {
    i += 1
    var out: [UInt8] = []
    while bytes[i] != UInt8(ascii: "\"") {
      if bytes[i] != UInt8(ascii: "\\") {
        out.append(bytes[i])
        i += 1
        continue
      }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        var v = hex4()
        if v >= 0xD800 && v < 0xDC00 && bytes[i] == UInt8(ascii: "\\") {
          i += 2
          v = 0x10000 + ((v - 0xD800) << 10) + (hex4() - 0xDC00)
        }
        out.append(contentsOf: Array(String(Character(Unicode.Scalar(v)!)).utf8))
      default: out.append(e)
      }
    }
    i += 1
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func hex4() -> UInt32 {
    let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)!
    i += 4
    return v
  }
}

/// SplitMix64: small, seeded, reproducible.
public struct SeededRandom {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n`.
  public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}
