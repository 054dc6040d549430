/// Left-aligned columns for text reports (package-internal; the summary and
/// the differ's report both use it).
package struct TextTable {
  package var rows: [[String]] = []
  package init() {}
  package mutating func add(_ row: [String]) { rows.append(row) }

  /// The rows with each column padded to its widest cell, two spaces apart,
  /// each line starting with `indent`. Trailing spaces are trimmed.
  package func render(indent: String = "  ") -> [String] {
    var widths: [Int] = []
    for row in rows {
      for (k, cell) in row.enumerated() {
        if k >= widths.count { widths.append(0) }
        widths[k] = max(widths[k], cell.count)
      }
    }
    return rows.map { row in
      var line = indent
      for (k, cell) in row.enumerated() {
        line += cell
        if k < row.count - 1 { line += String(repeating: " ", count: widths[k] - cell.count + 2) }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}

extension StreamSeeding {
  /// `"np.random.seed(0) at a.py:3"`, `"derived by tf.get_seed from …"`, `"OS entropy (unseeded)"`,
  /// `"OS entropy, requested by np.random.seed(None) at a.py:3"`.
  package var phrase: String {
    switch self {
    case .explicit(let call, let source):
      return source.map { "\(call) at \($0)" } ?? call
    case .derived(let rule, let from, let source):
      return "derived by \(rule) from \(from)" + (source.map { " at \($0)" } ?? "")
    case .entropy:
      return "OS entropy (unseeded)"
    case .requestedEntropy(let call, let source):
      return "OS entropy, requested by " + (source.map { "\(call) at \($0)" } ?? call)
    }
  }
}

/// `"float32[4, 10]"`, `"int64[]"` (a scalar).
package func shapeText(dtype: String, shape: [Int]) -> String {
  "\(dtype.isEmpty ? "?" : dtype)[\(shape.map(String.init).joined(separator: ", "))]"
}
