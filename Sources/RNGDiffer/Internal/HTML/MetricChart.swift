import RNGTrace

/// One metric of both runs on one chart (loss per epoch, accuracy per
/// step): run a as a solid line with round points, run b dashed with square
/// points, the first point where they differ marked by a dashed vertical
/// line and named in the chart's text alternative.
///
/// ```swift
/// var m = Markup()
/// MetricChart(key: key, a: seriesA, b: seriesB, divergence: (x: 2, a: 0.42, b: 0.43), id: 1).render(into: &m)
/// // <figure class="metric">…<g class="metric-divergence" data-x="2">…</figure>
/// ```
///
/// Edge cases: series are already thinned (``TraceSketch/Series``); NaN and
/// infinite values are not drawn and are counted under the chart; a run
/// without the metric draws nothing; a flat metric gets a range of ±1.
struct MetricChart {
  let key: TraceSketch.SeriesKey
  let a: TraceSketch.Series?
  let b: TraceSketch.Series?
  let divergence: (x: Double, a: Double?, b: Double?)?
  let id: Int

  static let width = 560.0, height = 230.0
  static let left = 64.0, right = 16.0, top = 20.0, bottom = 40.0

  var axisWord: String { key.perStep ? "step" : "epoch" }
  var title: String { "\(key.name) per \(axisWord)" }

  func render(into m: inout Markup) {
    let pa = (a?.points ?? []).filter { $0.y.isFinite }
    let pb = (b?.points ?? []).filter { $0.y.isFinite }
    let all = pa + pb
    var (x0, x1) = (all.map(\.x).min() ?? 0, all.map(\.x).max() ?? 1)
    var (y0, y1) = (all.map(\.y).min() ?? 0, all.map(\.y).max() ?? 1)
    if x0 == x1 { x0 -= 1; x1 += 1 }
    if y0 == y1 { let pad = y0 == 0 ? 1 : abs(y0) * 0.1; y0 -= pad; y1 += pad }
    let padY = (y1 - y0) * 0.06
    y0 -= padY; y1 += padY
    let pw = Self.width - Self.left - Self.right, ph = Self.height - Self.top - Self.bottom
    func px(_ v: Double) -> Double { Self.left + (v - x0) / (x1 - x0) * pw }
    func py(_ v: Double) -> Double { Self.top + (1 - (v - y0) / (y1 - y0)) * ph }
    let c = HTMLNumber.coordinate

    var desc = "Run a: \(describe(a, pa)). Run b: \(describe(b, pb))."
    if let divergence {
      desc += " The runs first differ at \(axisWord) \(HTMLNumber.short(divergence.x))"
      if let va = divergence.a, let vb = divergence.b { desc += " (a \(PythonFloatText.repr(va)), b \(PythonFloatText.repr(vb)))" }
      desc += "."
    } else if a != nil && b != nil {
      desc += " The runs agree at every point."
    }
    m.open("figure", ["class": "metric", "id": "metric-\(id)", "data-metric": key.name, "data-per": axisWord])
    m.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(c(Self.width)) \(c(Self.height))", "role": "img",
                   "aria-labelledby": "metric-\(id)-title metric-\(id)-desc", "class": "chart"])
    m.element("title", title, ["id": "metric-\(id)-title"])
    m.element("desc", desc, ["id": "metric-\(id)-desc"])
    // Axes and ticks.
    m.open("g", ["class": "axis"])
    m.void("path", ["d": "M\(c(Self.left)) \(c(Self.top))V\(c(Self.top + ph))H\(c(Self.left + pw))"])
    for k in 0...4 {
      let v = y0 + (y1 - y0) * Double(k) / 4
      m.void("path", ["class": "grid", "d": "M\(c(Self.left)) \(c(py(v)))h\(c(pw))"])
      m.element("text", HTMLNumber.short(v), ["x": c(Self.left - 6), "y": c(py(v) + 4), "text-anchor": "end"])
    }
    for v in xTicks(x0, x1) {
      m.void("path", ["d": "M\(c(px(v))) \(c(Self.top + ph))v5"])
      m.element("text", HTMLNumber.short(v), ["x": c(px(v)), "y": c(Self.top + ph + 18), "text-anchor": "middle"])
    }
    m.element("text", axisWord, ["x": c(Self.left + pw), "y": c(Self.height - 4), "text-anchor": "end"])
    m.close("g")
    if let divergence {
      let xx = px(divergence.x)
      m.open("g", ["class": "metric-divergence", "data-x": HTMLNumber.short(divergence.x)])
      m.void("path", ["class": "divergence-line", "d": "M\(c(xx)) \(c(Self.top))V\(c(Self.top + ph))"])
      let anchor = xx > Self.left + pw * 0.6 ? "end" : "start"
      m.element("text", "first differs: \(axisWord) \(HTMLNumber.short(divergence.x))",
                ["class": "divergence-label", "x": c(anchor == "end" ? xx - 4 : xx + 4), "y": c(Self.top + 12), "text-anchor": anchor])
      m.close("g")
    }
    for (side, points) in [("a", pa), ("b", pb)] where !points.isEmpty {
      let line = points.map { "\(c(px($0.x))),\(c(py($0.y)))" }.joined(separator: " ")
      m.void("polyline", ["class": "curve-\(side)", "points": line])
      if points.count <= 40 {
        var d = ""
        for p in points {
          if side == "a" {
            d += "M\(c(px(p.x) - 3)) \(c(py(p.y)))a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z"
          } else {
            d += "M\(c(px(p.x) - 3)) \(c(py(p.y) - 3))h6v6h-6z"
          }
        }
        m.void("path", ["class": "points-\(side)", "d": d])
      }
    }
    m.close("svg")
    m.open("figcaption")
    m.element("strong", title)
    m.raw(#" <span class="key-a">— a (solid, ●)</span> <span class="key-b">- - b (dashed, ■)</span>"#)
    let hidden = (a?.nonFinite ?? 0) + (b?.nonFinite ?? 0)
    if hidden > 0 { m.text(" · \(hidden) NaN or infinite value\(hidden == 1 ? "" : "s") not drawn") }
    if let s = a ?? b, s.stride > 1 { m.text(" · thinned to every \(s.stride)th point") }
    m.close("figcaption")
    valueTable(into: &m)
    m.close("figure")
  }

  func describe(_ s: TraceSketch.Series?, _ finite: [(x: Double, y: Double)]) -> String {
    guard let s else { return "no \(key.name) recorded" }
    guard let first = finite.first, let last = finite.last else { return "\(s.seen) values, none finite" }
    return "\(HTMLNumber.count(s.seen)) value\(s.seen == 1 ? "" : "s"), from \(HTMLNumber.short(first.y)) at \(axisWord) \(HTMLNumber.short(first.x)) to \(HTMLNumber.short(last.y)) at \(axisWord) \(HTMLNumber.short(last.x))"
  }

  func xTicks(_ x0: Double, _ x1: Double) -> [Double] {
    let span = x1 - x0
    var step = 1.0
    while span / step > 8 { step *= span / step > 40 ? 10 : 2 }
    var out: [Double] = []
    var v = (x0 / step).rounded(.up) * step
    while v <= x1 && out.count < 12 {
      out.append(v)
      v += step
    }
    return out
  }

  /// Small series as a table of values (a text alternative that reads exactly).
  func valueTable(into m: inout Markup) {
    let pa = a?.points ?? [], pb = b?.points ?? []
    guard max(pa.count, pb.count) <= 60, a?.stride ?? 1 == 1, b?.stride ?? 1 == 1 else { return }
    var xs: [Double] = []
    for p in pa + pb where !xs.contains(p.x) { xs.append(p.x) }
    xs.sort()
    m.open("details")
    m.element("summary", "\(title): the values")
    m.open("table")
    m.open("thead")
    m.open("tr")
    for h in [axisWord, "a", "b", ""] { m.element("th", h, ["scope": "col"]) }
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    for x in xs {
      let va = pa.first { $0.x == x }?.y, vb = pb.first { $0.x == x }?.y
      m.open("tr")
      m.element("th", HTMLNumber.short(x), ["scope": "row"])
      m.element("td", va.map { PythonFloatText.repr($0) } ?? "—", ["class": "num"])
      m.element("td", vb.map { PythonFloatText.repr($0) } ?? "—", ["class": "num"])
      let differs = va.map { $0.bitPattern } != vb.map { $0.bitPattern }
      m.element("td", differs ? "differs" : "", ["class": differs ? "flag" : nil])
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
    m.close("details")
  }
}
