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
  /// `"OS entropy, requested by np.random.seed(None) at a.py:3"`,
  /// `"the framework's default seed (never seeded): torch 67280421310721"`,
  /// `"drawn from draw 40 (stream \"torch\" at counter 12) by g.manual_seed(s) at a.py:7"`,
  /// `"restored from ckpt.pt at position 5000 by torch.set_rng_state(s) at b.py:30"`.
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
    case .frameworkDefault(let from, let source):
      return "the framework's default seed (never seeded)" + (from.map { ": \($0)" } ?? "")
        + (source.map { ", first used at \($0)" } ?? "")
    case .drawn(let draw, let call, let source):
      return "drawn from \(draw)" + Self.callPhrase(call, source)
    case .restored(let from, let position, let call, let source):
      return "restored from \(from)" + (position.map { " at position \($0)" } ?? "") + Self.callPhrase(call, source)
    }
  }

  /// `" by g.manual_seed(s) at a.py:7"`, `" at a.py:7"`, or `""`.
  static func callPhrase(_ call: String?, _ source: String?) -> String {
    switch (call, source) {
    case (let call?, let source?): return " by \(call) at \(source)"
    case (let call?, nil): return " by \(call)"
    case (nil, let source?): return " at \(source)"
    case (nil, nil): return ""
    }
  }
}

/// `"float32[4, 10]"`, `"int64[]"` (a scalar).
package func shapeText(dtype: String, shape: [Int]) -> String {
  "\(dtype.isEmpty ? "?" : dtype)[\(shape.map(String.init).joined(separator: ", "))]"
}
