import RNGStreams
import RNGTrace

/// The tensors that differ, one row per tensor and moment the report
/// names (a cause's own tensor, an effect's first divergent snapshot, a
/// tensor only one run has): where, how many elements differ, the first
/// index that differs and the greatest absolute and relative differences
/// when both runs recorded values; the two digests otherwise.
///
/// ```swift
/// var m = Markup()
/// TensorTable(report: report, a: sketchA, b: sketchB, options: options).render(into: &m)
/// // <table class="tensors">…<td>(0, 1)</td>…</table>
/// ```
///
/// Edge cases: values of different sizes are not compared (the row says
/// so); tensors larger than ``HTMLOptions/maxTensorValues`` are compared by
/// digest only; rows beyond ``HTMLOptions/maxTensorRows`` are counted.
struct TensorTable {
  let report: DiffReport
  let a: TraceSketch
  let b: TraceSketch
  let options: HTMLOptions

  struct Row {
    var name: String
    var place: String
    var aLine: Int?
    var bLine: Int?
    var diagnosis: Int
  }

  func rows() -> [Row] {
    var rows: [Row] = []
    var seen = Set<String>()
    func add(_ r: Row) {
      let key = "\(r.aLine ?? -1)/\(r.bLine ?? -1)"
      guard !seen.contains(key) else { return }
      seen.insert(key)
      rows.append(r)
    }
    for d in report.diagnoses {
      if d.a?.event == .tensor || d.b?.event == .tensor {
        add(Row(name: d.consumer?.path ?? "tensor", place: d.place, aLine: d.a?.line, bLine: d.b?.line, diagnosis: d.id))
      }
      for h in d.hunk where h.event == .tensor {
        add(Row(name: h.what, place: d.place, aLine: h.side == .a ? h.line : nil, bLine: h.side == .b ? h.line : nil, diagnosis: d.id))
      }
      for e in d.effects where e.event == .tensor {
        add(Row(name: e.what, place: e.from, aLine: e.aLine, bLine: e.bLine, diagnosis: d.id))
      }
    }
    return rows
  }

  /// The first flat index at which two value arrays differ.
  static func firstDifference(_ x: DrawnValues, _ y: DrawnValues) -> Int? {
    let (dx, dy) = (x.doubles, y.doubles)
    guard dx.count == dy.count else { return nil }
    for k in dx.indices where !(dx[k] == dy[k]) && !(dx[k].isNaN && dy[k].isNaN) { return k }
    return nil
  }

  func render(into m: inout Markup) {
    let all = rows()
    guard !all.isEmpty else {
      m.element("p", report.verdict == .identical ? "No tensor differs." : "No tensor snapshot differs (or the traces record none).", ["class": "note"])
      return
    }
    let shown = all.prefix(options.maxTensorRows)
    m.open("div", ["class": "scroll"])
    m.open("table", ["class": "tensors"])
    m.element("caption", "Tensors that differ (\(all.count)); values are compared as torch.testing.assert_close(b, a, rtol=0, atol=0) does.")
    m.open("thead")
    m.open("tr")
    for h in ["tensor", "moment", "where", "cause", "elements that differ", "first index", "greatest |b − a|", "greatest relative", "digest a", "digest b"] {
      m.element("th", h, ["scope": "col"])
    }
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    for row in shown {
      let ta = row.aLine.flatMap { a.pointed[$0]?.tensor }
      let tb = row.bLine.flatMap { b.pointed[$0]?.tensor }
      m.open("tr")
      m.element("th", row.name, ["scope": "row"])
      m.element("td", (ta ?? tb)?.moment.description ?? row.place)
      let at = [row.aLine.map { "\(DiffReport.tableName(report.a.file)):\($0)" }, row.bLine.map { "\(DiffReport.tableName(report.b.file)):\($0)" }]
        .compactMap { $0 }.joined(separator: " / ")
      m.element("td", at)
      m.open("td")
      m.element("a", "#\(row.diagnosis + 1)", ["href": "#diag-\(row.diagnosis + 1)"])
      m.close("td")
      if let ta, let tb, let va = ta.values, let vb = tb.values, va.count == vb.count {
        let s = NumericSummary(a: va, b: vb, shape: ta.shape)
        let first = Self.firstDifference(va, vb).map { NumericSummary.indexText(NumericSummary.index($0, shape: ta.shape, count: va.count)) }
        m.element("td", "\(HTMLNumber.count(s.mismatched)) / \(HTMLNumber.count(s.total))", ["class": "num"])
        m.element("td", first ?? "—", ["class": "num"])
        m.element("td", s.greatestAbsolute.map { "\(NumericSummary.number($0.value)) at \(NumericSummary.indexText($0.index))" } ?? "—", ["class": "num"])
        m.element("td", s.greatestRelative.map { "\(NumericSummary.number($0.value)) at \(NumericSummary.indexText($0.index))" } ?? "—", ["class": "num"])
      } else {
        let why: String
        if ta == nil || tb == nil { why = ta == nil && row.aLine == nil ? "only in b" : tb == nil && row.bLine == nil ? "only in a" : "not read" }
        else if let va = ta?.values, let vb = tb?.values, va.count != vb.count { why = "sizes differ: \(va.count) and \(vb.count)" }
        else { why = "values not recorded: digests only" }
        m.element("td", why, ["colspan": "4", "class": "note"])
      }
      m.element("td", ta?.digest ?? "—", ["class": "digest"])
      m.element("td", tb?.digest ?? "—", ["class": "digest"])
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
    m.close("div")
    if all.count > shown.count { m.element("p", "… \(all.count - shown.count) more tensors differ (not listed).", ["class": "note"]) }
  }
}
