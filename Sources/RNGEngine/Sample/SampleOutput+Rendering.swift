/// Text renderings of sample outputs: one value per line, or one JSON
/// object per output (`--json`).
extension SampleOutput {
  /// Every value as Python prints it (`repr` of the float64 a float widens
  /// to; ints in decimal; bools as True/False), one per line.
  public var plainLines: [String] {
    Self.elementTexts(tensor, json: false)
  }

  /// `{"call": i, "expr": "...", "name": "...", "dtype": "...", "shape": [...], "values": [...]}`.
  public var jsonLine: String {
    var out = "{\"call\": \(call), \"expr\": \(Self.jsonString(expression))"
    if let name { out += ", \"name\": \(Self.jsonString(name))" }
    out += ", \"dtype\": \(Self.jsonString(tensor.dtype.rawValue))"
    out += ", \"shape\": [" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
    out += ", \"values\": [" + Self.elementTexts(tensor, json: true).joined(separator: ", ") + "]}"
    return out
  }

  static func elementTexts(_ tensor: Tensor, json: Bool) -> [String] {
    func float(_ x: Double) -> String { json ? PythonFloat.json(x) : PythonFloat.repr(x) }
    switch tensor.storage {
    case .float(let v): return v.map { float(Double($0)) }
    case .double(let v): return v.map { float($0) }
    case .int(let v): return v.map { String($0) }
    case .unsigned(let v): return v.map { String($0) }
    case .big(let v): return v.map(\.description)
    case .bool(let v): return v.map { json ? ($0 ? "true" : "false") : ($0 ? "True" : "False") }
    }
  }

  /// A JSON string literal.
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
