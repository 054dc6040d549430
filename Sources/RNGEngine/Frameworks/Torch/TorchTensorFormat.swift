import Foundation

/// `print(t)` of a torch tensor, as PyTorch's default print options write
/// it (precision 4, 80 columns, summarised above 1000 elements with 3 edge
/// items): `tensor([0.4963, 0.7682])`, `tensor([[1., 2.]], dtype=torch.float64)`,
/// `tensor(3)`, `tensor([True, False])`.
///
/// ```swift
/// TorchTensorFormat.repr(Tensor(shape: [2], float32: [0.5, 1]))   // "tensor([0.5000, 1.0000])"
/// ```
///
/// The float style is PyTorch's: all values integral prints `1.` (or
/// scientific `1.0000e+08` when the largest is over 1e8 or the ratio of the
/// largest to the smallest nonzero magnitude is over 1000, or one is under
/// 1e-4); otherwise four decimals, or scientific in those same cases.
/// Values are right-aligned to the widest.
///
/// Edge cases: an empty tensor prints `tensor([])` (with `size=` for other
/// shapes than `(0,)`); dtypes other than float32, int64 and bool get a
/// `dtype=` suffix.
enum TorchTensorFormat {
  static let precision = 4
  static let lineWidth = 80
  static let threshold = 1000
  static let edgeItems = 3

  static func repr(_ t: Tensor) -> String {
    let prefix = "tensor("
    var suffixes: [String] = []
    var body: String
    if t.count == 0 {
      body = "[]"
      if t.shape != [0] { suffixes.append("size=(" + t.shape.map(String.init).joined(separator: ", ") + (t.shape.count == 1 ? ",)" : ")")) }
    } else {
      let summarize = t.count > threshold
      let formatter = Formatter(summarize ? summarized(t) : t)
      body = render(t, shape: t.shape, offset: 0, indent: prefix.count, summarize: summarize, formatter)
    }
    if ![DType.float32, .int64, .bool].contains(t.dtype) { suffixes.append("dtype=torch.\(t.dtype.rawValue)") }
    var text = prefix + body
    // PyTorch measures the body alone: its length past the last newline, plus one.
    var lastLine = body.count - (body.lastIndex(of: "\n").map { body.distance(from: body.startIndex, to: $0) } ?? -1) + 1
    for suffix in suffixes {
      if lastLine + suffix.count + 2 > lineWidth {
        text += ",\n" + String(repeating: " ", count: prefix.count) + suffix
        lastLine = prefix.count + suffix.count
      } else {
        text += ", " + suffix
        lastLine += suffix.count + 2
      }
    }
    return text + ")"
  }

  /// The values PyTorch's formatter measures when it summarises: the edge items of each axis.
  static func summarized(_ t: Tensor) -> Tensor {
    func indices(_ shape: [Int], _ base: Int) -> [Int] {
      guard let n = shape.first else { return [base] }
      let inner = shape.dropFirst().reduce(1, *)
      let picked = n > 2 * edgeItems ? Array(0..<edgeItems) + Array((n - edgeItems)..<n) : Array(0..<n)
      return picked.flatMap { indices(Array(shape.dropFirst()), base + $0 * inner) }
    }
    let order = indices(t.shape, 0)
    return Tensor(dtype: t.dtype, shape: [order.count], storage: .double(order.map { t.doubles[$0] }))
  }

  static func render(_ t: Tensor, shape: [Int], offset: Int, indent: Int, summarize: Bool, _ f: Formatter) -> String {
    let values = t.doubles
    if shape.isEmpty { return f.format(values[offset], t) }
    let n = shape[0]
    let inner = shape.dropFirst().reduce(1, *)
    let picked: [Int?] = summarize && n > 2 * edgeItems
      ? (0..<edgeItems).map { $0 } + [nil] + ((n - edgeItems)..<n).map { $0 } : (0..<n).map { $0 }
    if shape.count == 1 {
      let items = picked.map { $0.map { f.format(values[offset + $0], t) } ?? " ..." }
      let perLine = max(1, (lineWidth - indent) / (f.width + 2))
      let lines = stride(from: 0, to: items.count, by: perLine).map { items[$0..<min($0 + perLine, items.count)].joined(separator: ", ") }
      return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }
    let slices = picked.map { i -> String in
      guard let i else { return "..." }
      return render(t, shape: Array(shape.dropFirst()), offset: offset + i * inner, indent: indent + 1, summarize: summarize, f)
    }
    return "[" + slices.joined(separator: "," + String(repeating: "\n", count: shape.count - 1) + String(repeating: " ", count: indent + 1)) + "]"
  }

  /// PyTorch's `_Formatter`: the style and width chosen from all values.
  struct Formatter {
    var floating: Bool
    var intMode = true
    var sciMode = false
    var width = 1

    init(_ t: Tensor) {
      floating = t.dtype.isFloatingPoint
      let values = t.doubles
      guard floating else {
        for (k, v) in values.enumerated() { width = max(width, Self.integerText(v, t, k).count) }
        return
      }
      let finite = values.filter { $0.isFinite && $0 != 0 }
      guard !finite.isEmpty else { return }
      let magnitudes = finite.map { Swift.abs($0) }
      let (lo, hi) = (magnitudes.min()!, magnitudes.max()!)
      intMode = finite.allSatisfy { $0 == $0.rounded(.up) }
      sciMode = hi / lo > 1000 || hi > 1e8 || lo < 1e-4
      for v in finite {
        let text = sciMode ? Self.scientific(v) : intMode ? Self.fixed(v, 0) : Self.fixed(v, precision)
        width = max(width, text.count + (intMode && !sciMode ? 1 : 0))
      }
    }

    func format(_ v: Double, _ t: Tensor) -> String {
      var text: String
      if !floating {
        text = t.dtype == .bool ? (v != 0 ? "True" : "False") : Self.integerText(v, t, nil)
      } else if sciMode {
        text = Self.scientific(v)
      } else if intMode {
        text = Self.fixed(v, 0)
        if v.isFinite { text += "." }
      } else {
        text = Self.fixed(v, precision)
      }
      return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func integerText(_ v: Double, _ t: Tensor, _ index: Int?) -> String {
      if t.dtype == .bool { return v != 0 ? "True" : "False" }
      return String(Int64(v))
    }

    /// Python's `f"{v:.{digits}f}"`.
    static func fixed(_ v: Double, _ digits: Int) -> String {
      if v.isNaN { return "nan" }
      if v.isInfinite { return v < 0 ? "-inf" : "inf" }
      return String(format: "%.\(digits)f", v)
    }

    /// Python's `f"{v:.4e}"` (`1.0000e+08`).
    static func scientific(_ v: Double) -> String {
      if v.isNaN { return "nan" }
      if v.isInfinite { return v < 0 ? "-inf" : "inf" }
      return String(format: "%.\(precision)e", v)
    }
  }
}
