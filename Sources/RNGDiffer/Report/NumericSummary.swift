#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGStreams
import RNGTrace

/// How two arrays of values differ, as `torch.testing.assert_close` reports
/// it: how many elements differ, and the greatest absolute and relative
/// difference and where.
///
/// Run a is the expected side: the relative difference is `|b - a| / |a|`.
/// Tolerances are zero: any element that is not equal counts (as
/// `assert_close(b, a, rtol=0, atol=0)` counts them).
///
/// ```swift
/// let s = NumericSummary(a: [1, 2, 3, 4], b: [1, 2.5, 3, 4], shape: [2, 2])
/// s.mismatched              // 1
/// s.greatestAbsolute?.index // [0, 1]
/// print(s.lines.joined(separator: "\n"))
/// // Mismatched elements: 1 / 4 (25.0%)
/// // Greatest absolute difference: 0.5 at index (0, 1)
/// // Greatest relative difference: 0.25 at index (0, 1)
/// ```
public struct NumericSummary: Sendable, Hashable {
  /// One extreme difference and where it is (a C-order index into the shape).
  public struct Extreme: Sendable, Hashable {
    /// The difference.
    public var value: Double
    /// Where it is: a C-order index into the shape (`[]` for a scalar).
    public var index: [Int]
  }

  /// Elements that differ.
  public var mismatched: Int
  /// Elements compared.
  public var total: Int
  /// The greatest `|b - a|` and where.
  public var greatestAbsolute: Extreme?
  /// The greatest `|b - a| / |a|` and where.
  public var greatestRelative: Extreme?
  /// Set when the values were not both recorded (digests only) or have
  /// different sizes; the counts are then zero.
  public var note: String?

  /// Compares `b` against `a` (doubles), both flattened in C order with `shape`.
  public init(a: [Double], b: [Double], shape: [Int]) {
    self.init(compare: a, b, shape: shape)
  }

  /// Compares `b` against `a` in their dtype, as torch does: float32 values
  /// are subtracted and divided in float32, float64 in float64; other dtypes
  /// are compared as doubles.
  ///
  /// ```swift
  /// NumericSummary(a: .float32(x), b: .float32(y), shape: [2, 3])
  /// ```
  public init(a: DrawnValues, b: DrawnValues, shape: [Int]) {
    switch (a, b) {
    case (.float32(let x), .float32(let y)): self.init(compare: x, y, shape: shape)
    case (.float64(let x), .float64(let y)): self.init(compare: x, y, shape: shape)
    default: self.init(compare: a.doubles, b.doubles, shape: shape)
    }
  }

  /// The comparison in `T`'s arithmetic: mismatches are elements that are not
  /// equal (NaN never equals); the greatest differences are taken over the
  /// mismatches, the first one wins a tie, and a NaN difference wins outright
  /// (as `torch.max` propagates NaN).
  private init<T: BinaryFloatingPoint>(compare a: [T], _ b: [T], shape: [Int]) {
    total = a.count
    mismatched = 0
    note = nil
    greatestAbsolute = nil
    greatestRelative = nil
    guard a.count == b.count else {
      total = 0
      note = "the tensors have \(a.count) and \(b.count) elements"
      return
    }
    var bestAbs: (T, Int)? = nil
    var bestRel: (T, Int)? = nil
    func better(_ value: T, than best: (T, Int)?) -> Bool {
      guard let best else { return true }
      if best.0.isNaN { return false }
      return value.isNaN || value > best.0
    }
    for k in 0..<a.count where !(a[k] == b[k]) {
      mismatched += 1
      let abs = (b[k] - a[k]).magnitude
      let rel = abs / a[k].magnitude
      if better(abs, than: bestAbs) { bestAbs = (abs, k) }
      if better(rel, than: bestRel) { bestRel = (rel, k) }
    }
    greatestAbsolute = bestAbs.map { Extreme(value: Double($0.0), index: Self.index($0.1, shape: shape, count: a.count)) }
    greatestRelative = bestRel.map { Extreme(value: Double($0.0), index: Self.index($0.1, shape: shape, count: a.count)) }
  }

  /// A summary that only carries a note (values not available).
  public init(note: String) {
    mismatched = 0
    total = 0
    greatestAbsolute = nil
    greatestRelative = nil
    self.note = note
  }

  /// The flat index `k` as a C-order index into `shape` (flat when the
  /// shape does not match the element count).
  static func index(_ k: Int, shape: [Int], count: Int) -> [Int] {
    if shape.isEmpty && count == 1 { return [] }
    var product = 1
    for d in shape {
      let (p, overflow) = product.multipliedReportingOverflow(by: d)
      guard !overflow, d >= 0 else { return [k] }
      product = p
    }
    guard !shape.isEmpty, product == count else { return [k] }
    var rest = k
    var out = [Int](repeating: 0, count: shape.count)
    for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] > 0 {
      out[d] = rest % shape[d]
      rest /= shape[d]
    }
    return out
  }

  /// The report lines, as assert_close prints them.
  public var lines: [String] {
    if let note { return [note] }
    let percent = total == 0 ? 0 : Double(mismatched) * 100 / Double(total)
    var out = ["Mismatched elements: \(mismatched) / \(total) (\(Self.percentText(percent))%)"]
    if let e = greatestAbsolute { out.append("Greatest absolute difference: \(Self.number(e.value)) at index \(Self.indexText(e.index))") }
    if let e = greatestRelative { out.append("Greatest relative difference: \(Self.number(e.value)) at index \(Self.indexText(e.index))") }
    return out
  }

  static func indexText(_ index: [Int]) -> String {
    index.count == 1 ? "(\(index[0]),)" : "(" + index.map(String.init).joined(separator: ", ") + ")"
  }

  /// One decimal, rounded half to even on the exact binary value, as
  /// Python's `f"{x:.1%}"` and C's `%.1f` do.
  static func percentText(_ p: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([p]) { vsnprintf(&buffer, buffer.count, "%.1f", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Numbers as Python prints floats, but `inf` for infinity, as torch does.
  static func number(_ v: Double) -> String {
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    if v.isNaN { return "nan" }
    return PythonFloatText.repr(v)
  }
}
