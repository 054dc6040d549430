#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGTrace

/// The timeline: one lane per stream, run a's draws above the lane's
/// centre line and run b's below it, on one x axis (the trace's lines, in
/// execution order), so the two runs line up.
///
/// Each mark is one bucket of lines: its height grows with the units drawn
/// there (logarithmically, on one scale for both runs of a lane), and one
/// SVG path per lane and run holds every mark, so the size of the chart
/// depends on the number of buckets and lanes, never on the events.
/// Causes are numbered triangles linking to their diagnosis; buckets with
/// divergent events (effects) are hatched; the first divergence is a
/// dashed vertical line.
///
/// ```swift
/// var m = Markup()
/// TimelineChart(report: report, a: sketchA, b: sketchB, options: options).render(into: &m)
/// // <figure class="timeline">…<svg …><g class="first-divergence" data-a-line="4" …>…</svg>…</figure>
/// ```
///
/// Edge cases: streams beyond ``HTMLOptions/maxLanes`` share a last lane
/// (`other streams`); derivations, tensors and metrics have a lane of their
/// own; a cause one run lacks (an extra draw) is marked on the run that has it.
struct TimelineChart {
  let report: DiffReport
  let a: TraceSketch
  let b: TraceSketch
  let options: HTMLOptions

  static let labelWidth = 230.0
  static let plotWidth = 920.0
  static let half = 18.0
  static let laneGap = 14.0
  static let top = 50.0
  static let otherKey = "seeds, tensors, metrics"

  /// One merged lane: the stream's buckets in each run (nil when the run lacks the stream).
  struct Row {
    var key: String
    var a: (units: [UInt64], draws: [UInt32])?
    var b: (units: [UInt64], draws: [UInt32])?
    var laneA: Set<Int> = []
    var laneB: Set<Int> = []
    var totalA = 0, totalB = 0
    var unitsA: UInt64 = 0, unitsB: UInt64 = 0
    var unit = ""
    var isOther = false
  }

  var buckets: Int { a.buckets }

  func x(_ line: Int) -> Double {
    Self.labelWidth + (Double(max(line, 1) - 1) / Double(max(a.span, 1))) * Self.plotWidth
  }

  func bucketX(_ k: Int) -> Double { Self.labelWidth + Double(k) * Self.plotWidth / Double(buckets) }

  /// The lanes, merged across runs by stream role, capped.
  func rows() -> [Row] {
    var order: [String] = []
    var byKey: [String: Row] = [:]
    for (sideIsA, sketch) in [(true, a), (false, b)] {
      for (index, lane) in sketch.lanes.enumerated() {
        if byKey[lane.key] == nil {
          order.append(lane.key)
          byKey[lane.key] = Row(key: lane.key, unit: lane.unit)
        }
        var row = byKey[lane.key]!
        if sideIsA {
          row.a = Self.add(row.a, lane.units, lane.draws)
          row.laneA.insert(index)
          row.totalA += lane.totalDraws
          row.unitsA &+= lane.totalUnits
        } else {
          row.b = Self.add(row.b, lane.units, lane.draws)
          row.laneB.insert(index)
          row.totalB += lane.totalDraws
          row.unitsB &+= lane.totalUnits
        }
        byKey[lane.key] = row
      }
    }
    var rows = order.map { byKey[$0]! }
    let limit = max(options.maxLanes, 1)
    if rows.count > limit {
      // Keep the lanes with causes, then the busiest; merge the rest.
      let causeLanes = Set(causeMarks().compactMap { $0.rowKey })
      let ranked = rows.indices.sorted {
        let (l, r) = (rows[$0], rows[$1])
        let (cl, cr) = (causeLanes.contains(l.key), causeLanes.contains(r.key))
        if cl != cr { return cl }
        return l.totalA + l.totalB > r.totalA + r.totalB
      }
      let kept = Set(ranked.prefix(limit - 1))
      var merged = Row(key: TraceSketch.overflowKey)
      for k in rows.indices where !kept.contains(k) {
        let r = rows[k]
        if let ra = r.a { merged.a = Self.add(merged.a, ra.units, ra.draws) }
        if let rb = r.b { merged.b = Self.add(merged.b, rb.units, rb.draws) }
        merged.laneA.formUnion(r.laneA)
        merged.laneB.formUnion(r.laneB)
        merged.totalA += r.totalA
        merged.totalB += r.totalB
        merged.unitsA &+= r.unitsA
        merged.unitsB &+= r.unitsB
        merged.unit = "units"
      }
      rows = rows.indices.filter { kept.contains($0) }.map { rows[$0] } + [merged]
    }
    var other = Row(key: Self.otherKey, isOther: true)
    other.a = (a.other.map(UInt64.init), a.other)
    other.b = (b.other.map(UInt64.init), b.other)
    other.totalA = a.other.reduce(0) { $0 + Int($1) }
    other.totalB = b.other.reduce(0) { $0 + Int($1) }
    other.unit = "events"
    rows.append(other)
    return rows
  }

  static func add(_ into: (units: [UInt64], draws: [UInt32])?, _ units: [UInt64], _ draws: [UInt32]) -> (units: [UInt64], draws: [UInt32]) {
    guard var into else { return (units, draws) }
    for k in units.indices where k < into.units.count {
      into.units[k] &+= units[k]
      into.draws[k] &+= draws[k]
    }
    return into
  }

  /// The row a line of one run is drawn in.
  func rowIndex(side: TraceSide, line: Int, rows: [Row]) -> Int {
    let sketch = side == .a ? a : b
    if let lane = sketch.pointed[line]?.lane {
      if let k = rows.firstIndex(where: { side == .a ? $0.laneA.contains(lane) : $0.laneB.contains(lane) }) { return k }
    }
    return rows.count - 1
  }

  /// A cause's mark in one run.
  struct CauseMark {
    var diagnosis: Int
    var side: TraceSide
    var line: Int
    var rowKey: String?
  }

  func causeMarks() -> [CauseMark] {
    var marks: [CauseMark] = []
    for d in report.diagnoses.prefix(options.maxCauseMarks) {
      for side in [TraceSide.a, .b] {
        let sketch = side == .a ? a : b
        var line = (side == .a ? d.a : d.b)?.line
        if line == nil { line = d.hunk.first(where: { $0.side == side })?.line }
        guard let line else { continue }
        let key = sketch.pointed[line]?.lane.map { sketch.lanes[$0].key }
        marks.append(CauseMark(diagnosis: d.id, side: side, line: line, rowKey: key))
      }
    }
    return marks
  }

  /// Lines of each run with divergent events that are effects (not causes).
  func effectLines(side: TraceSide) -> [Int] {
    var lines: [Int] = []
    if report.divergences.isEmpty {
      for d in report.diagnoses {
        for e in d.effects { if let l = side == .a ? e.aLine : e.bLine { lines.append(l) } }
      }
    } else {
      for v in report.divergences where !v.isCause {
        if let l = side == .a ? v.aLine : v.bLine { lines.append(l) }
      }
    }
    return lines
  }

  func render(into m: inout Markup) {
    let rows = rows()
    let laneHeight = 2 * Self.half + Self.laneGap
    let height = Self.top + Double(rows.count) * laneHeight + 52
    let width = Self.labelWidth + Self.plotWidth + 20
    let first = report.diagnoses.first
    var desc = "Run a's and run b's draws along the traces, one lane per stream (\(rows.count - 1) stream lane\(rows.count == 2 ? "" : "s") and one for seeds, tensors and metrics), "
      + "a above each lane's centre line and b below it, \(buckets) marks per run across \(HTMLNumber.count(a.span)) lines."
    if let first {
      desc += " First divergence: \(first.kind.rawValue)" + (first.consumer.map { " at \($0)" } ?? "")
        + [first.a.map { " a line \($0.line)" }, first.b.map { " b line \($0.line)" }].compactMap { $0 }.joined(separator: ",") + "."
    } else {
      desc += " No divergence."
    }
    m.open("figure", ["class": "timeline", "id": "timeline"])
    m.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(HTMLNumber.coordinate(width)) \(HTMLNumber.coordinate(height))",
                   "role": "img", "aria-labelledby": "timeline-title timeline-desc", "class": "chart"])
    m.element("title", "Timeline of draws per stream, run a against run b", ["id": "timeline-title"])
    m.element("desc", desc, ["id": "timeline-desc"])
    m.raw(Self.patterns)
    // Epoch boundaries: a's along the top, b's along the bottom.
    let bottom = Self.top + Double(rows.count) * laneHeight
    epochTicks(a, y0: Self.top - 4, up: true, into: &m)
    epochTicks(b, y0: bottom + 4, up: false, into: &m)
    // Line scale.
    m.open("g", ["class": "axis"])
    for k in 0...4 {
      let line = 1 + (a.span - 1) * k / 4
      let xx = x(line)
      m.void("path", ["d": "M\(HTMLNumber.coordinate(xx)) \(HTMLNumber.coordinate(bottom + 26))v5"])
      m.element("text", "line \(HTMLNumber.count(line))", ["x": HTMLNumber.coordinate(xx), "y": HTMLNumber.coordinate(bottom + 42),
                                                            "text-anchor": k == 0 ? "start" : k == 4 ? "end" : "middle"])
    }
    m.close("g")
    // Lanes.
    let effectsA = effectLines(side: .a), effectsB = effectLines(side: .b)
    var shadeA = Array(repeating: Set<Int>(), count: rows.count), shadeB = shadeA
    for l in effectsA { shadeA[rowIndex(side: .a, line: l, rows: rows)].insert(a.bucket(ofLine: l)) }
    for l in effectsB { shadeB[rowIndex(side: .b, line: l, rows: rows)].insert(b.bucket(ofLine: l)) }
    for (k, row) in rows.enumerated() {
      let y0 = Self.top + Double(k) * laneHeight + Self.half
      let maxUnits = max((row.a?.units.max() ?? 0), (row.b?.units.max() ?? 0))
      m.open("g", ["class": row.isOther ? "lane other" : "lane", "data-stream": row.key])
      m.void("rect", ["class": "lane-bg", "x": HTMLNumber.coordinate(Self.labelWidth), "y": HTMLNumber.coordinate(y0 - Self.half),
                      "width": HTMLNumber.coordinate(Self.plotWidth), "height": HTMLNumber.coordinate(2 * Self.half)])
      let label = row.key.count > 31 ? String(row.key.prefix(30)) + "…" : row.key
      m.open("text", ["class": "lane-label", "x": "8", "y": HTMLNumber.coordinate(y0 - 2)])
      m.element("title", row.key)
      m.text(label)
      m.close("text")
      let counts = "a \(row.a == nil ? "—" : HTMLNumber.count(row.totalA)) · b \(row.b == nil ? "—" : HTMLNumber.count(row.totalB)) \(row.isOther ? "events" : "draws")"
      m.element("text", counts, ["class": "lane-count", "x": "8", "y": HTMLNumber.coordinate(y0 + 11)])
      m.element("text", "a", ["class": "side-tag", "x": HTMLNumber.coordinate(Self.labelWidth - 12), "y": HTMLNumber.coordinate(y0 - 3)])
      m.element("text", "b", ["class": "side-tag", "x": HTMLNumber.coordinate(Self.labelWidth - 12), "y": HTMLNumber.coordinate(y0 + 11)])
      shading(shadeA[k], y: y0 - Self.half, into: &m, side: "a")
      shading(shadeB[k], y: y0, into: &m, side: "b")
      if let ra = row.a { m.void("path", ["class": "marks-a", "d": marks(ra, y0: y0, up: true, maxUnits: maxUnits)]) }
      if let rb = row.b { m.void("path", ["class": "marks-b", "d": marks(rb, y0: y0, up: false, maxUnits: maxUnits)]) }
      m.void("path", ["class": "centre", "d": "M\(HTMLNumber.coordinate(Self.labelWidth)) \(HTMLNumber.coordinate(y0))h\(HTMLNumber.coordinate(Self.plotWidth))"])
      m.close("g")
    }
    // The first divergence.
    if let first {
      let lineA = first.a?.line, lineB = first.b?.line
      m.open("g", ["class": "first-divergence", "data-diagnosis": "\(first.id)", "data-a-line": lineA.map { "\($0)" },
                   "data-b-line": lineB.map { "\($0)" }, "data-a-x": lineA.map { HTMLNumber.coordinate(x($0)) },
                   "data-b-x": lineB.map { HTMLNumber.coordinate(x($0)) }])
      var xs: [(Double, String)] = []
      if let lineA { xs.append((x(lineA), "a line \(lineA)")) }
      if let lineB, xs.first.map({ abs($0.0 - x(lineB)) > 2 }) ?? true { xs.append((x(lineB), "b line \(lineB)")) }
      for (k, (xx, what)) in xs.enumerated() {
        m.void("path", ["class": "divergence-line", "d": "M\(HTMLNumber.coordinate(xx)) \(HTMLNumber.coordinate(Self.top - 2))V\(HTMLNumber.coordinate(bottom + 2))"])
        let anchor = xx > Self.labelWidth + Self.plotWidth * 0.7 ? "end" : "start"
        m.element("text", "first divergence (\(what))", ["class": "divergence-label", "x": HTMLNumber.coordinate(anchor == "end" ? xx - 4 : xx + 4),
                                                           "y": HTMLNumber.coordinate(k == 0 ? 12 : 25), "text-anchor": anchor])
      }
      m.close("g")
    }
    // Causes.
    m.open("g", ["class": "causes"])
    for mark in causeMarks() {
      let k = rowIndex(side: mark.side, line: mark.line, rows: rows)
      let y0 = Self.top + Double(k) * laneHeight + Self.half
      let xx = x(mark.line)
      let d = report.diagnoses[mark.diagnosis]
      let label = "cause #\(mark.diagnosis + 1) \(d.kind.rawValue)\(d.consumer.map { " at \($0)" } ?? ""), \(mark.side.rawValue) line \(mark.line)"
      m.open("a", ["href": "#diag-\(mark.diagnosis + 1)", "aria-label": label, "class": "cause-mark"])
      m.element("title", label)
      let (c, s) = (HTMLNumber.coordinate(xx), HTMLNumber.coordinate)
      if mark.side == .a {
        m.void("path", ["d": "M\(c) \(s(y0 - Self.half - 1))l-5 -9h10z"])
        if mark.diagnosis < 20 { m.element("text", "\(mark.diagnosis + 1)", ["x": s(xx + 6), "y": s(y0 - Self.half - 3)]) }
      } else {
        m.void("path", ["d": "M\(c) \(s(y0 + Self.half + 1))l-5 9h10z"])
        if mark.diagnosis < 20 { m.element("text", "\(mark.diagnosis + 1)", ["x": s(xx + 6), "y": s(y0 + Self.half + 10)]) }
      }
      m.close("a")
    }
    m.close("g")
    m.close("svg")
    m.open("figcaption")
    legend(into: &m)
    m.close("figcaption")
    m.close("figure")
    laneTable(rows, into: &m)
  }

  /// Marks of one run in one lane: a path of rectangles, equal neighbours merged.
  func marks(_ lane: (units: [UInt64], draws: [UInt32]), y0: Double, up: Bool, maxUnits: UInt64) -> String {
    let scale = maxUnits > 0 ? log1p(Double(maxUnits)) : 1
    func height(_ k: Int) -> Double {
      if lane.draws[k] == 0 { return 0 }
      let h = 1.5 + (Self.half - 2.5) * (lane.units[k] == 0 ? 0 : log1p(Double(lane.units[k])) / scale)
      return (h * 2).rounded() / 2
    }
    var d = ""
    var k = 0
    while k < buckets {
      let h = height(k)
      var end = k + 1
      while end < buckets && height(end) == h { end += 1 }
      if h > 0 {
        let x0 = bucketX(k), x1 = bucketX(end)
        let w = max(x1 - x0, 0.6)
        d += "M\(HTMLNumber.coordinate(x0)) \(HTMLNumber.coordinate(y0))v\(HTMLNumber.coordinate(up ? -h : h))h\(HTMLNumber.coordinate(w))v\(HTMLNumber.coordinate(up ? h : -h))z"
      }
      k = end
    }
    return d.isEmpty ? "M0 0" : d
  }

  func shading(_ buckets: Set<Int>, y: Double, into m: inout Markup, side: String) {
    guard !buckets.isEmpty else { return }
    let sorted = buckets.sorted()
    var d = ""
    var k = 0
    while k < sorted.count {
      var end = k
      while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
      let x0 = bucketX(sorted[k]), x1 = bucketX(sorted[end] + 1)
      d += "M\(HTMLNumber.coordinate(x0)) \(HTMLNumber.coordinate(y))h\(HTMLNumber.coordinate(max(x1 - x0, 1.5)))v\(HTMLNumber.coordinate(Self.half))h\(HTMLNumber.coordinate(-max(x1 - x0, 1.5)))z"
      k = end + 1
    }
    m.void("path", ["class": "effects", "data-side": side, "d": d])
  }

  func epochTicks(_ sketch: TraceSketch, y0: Double, up: Bool, into m: inout Markup) {
    guard !sketch.epochs.isEmpty else { return }
    var d = ""
    var lastLabel = -Double.infinity
    var lastTick = -Double.infinity
    m.open("g", ["class": "epochs", "data-side": sketch.side.rawValue])
    for (k, e) in sketch.epochs.enumerated() {
      let xx = x(e.line)
      // Ticks at least 3 units apart (thousands of epochs would be a grey band).
      if xx - lastTick >= 3 {
        d += "M\(HTMLNumber.coordinate(xx)) \(HTMLNumber.coordinate(y0))v\(up ? "-6" : "6")"
        lastTick = xx
      }
      // Labels at least 40 units apart (the first, with its word, 80).
      if xx - lastLabel >= (k == 0 || lastLabel.isInfinite ? 0 : lastLabel == x(sketch.epochs[0].line) ? 80 : 40) {
        lastLabel = xx
        m.element("text", (k == 0 ? "\(sketch.side.rawValue): epoch " : "") + "\(e.index)",
                  ["x": HTMLNumber.coordinate(xx + 2), "y": HTMLNumber.coordinate(up ? y0 - 8 : y0 + 16)])
      }
    }
    m.void("path", ["d": d])
    m.close("g")
  }

  static let patterns = """
    <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
    <rect width="6" height="6" class="hatch-bg"/><path d="M0 0V6" class="hatch-line"/></pattern></defs>
    """

  func legend(into m: inout Markup) {
    m.open("ul", ["class": "legend"])
    m.raw(#"<li><svg width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" class="swatch-a"/></svg> run a: marks above a lane's centre line</li>"#)
    m.raw(#"<li><svg width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" class="swatch-b"/></svg> run b: marks below it</li>"#)
    m.raw(#"<li><svg width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" fill="url(#hatch)" class="swatch-fx"/></svg> effects: divergent events (hatched)</li>"#)
    m.raw(#"<li><svg width="22" height="12" aria-hidden="true"><path d="M6 1h10l-5 9z" class="swatch-cause"/></svg> a cause (numbered; follow it to its diagnosis)</li>"#)
    m.raw(#"<li><svg width="22" height="12" aria-hidden="true"><path d="M11 0V12" class="divergence-line"/></svg> the first divergence</li>"#)
    m.close("ul")
    m.element("p", "Marks are buckets of about \(HTMLNumber.count(max(1, (a.span + buckets - 1) / buckets))) trace line\(a.span > buckets ? "s" : "") each; a mark's height grows with the units drawn there (log scale, one scale per lane for both runs). Both runs share the x axis: line n of a and line n of b sit at the same x.", ["class": "note"])
    if report.omittedDivergences > 0 {
      m.element("p", "Hatching covers the first \(HTMLNumber.count(report.divergences.count)) divergent events; \(HTMLNumber.count(report.omittedDivergences)) later ones are counted, not drawn.", ["class": "note"])
    }
  }

  /// The lanes as a table: the chart's text alternative.
  func laneTable(_ rows: [Row], into m: inout Markup) {
    m.open("details", ["class": "lanes"])
    m.element("summary", "The timeline's lanes as a table")
    m.open("table")
    m.open("thead")
    m.open("tr")
    for h in ["lane", "draws in a", "draws in b", "units in a", "units in b", "causes"] { m.element("th", h, ["scope": "col"]) }
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    let marks = causeMarks()
    for (k, row) in rows.enumerated() {
      m.open("tr")
      m.element("th", row.key, ["scope": "row"])
      m.element("td", row.a == nil ? "—" : HTMLNumber.count(row.totalA), ["class": "num"])
      m.element("td", row.b == nil ? "—" : HTMLNumber.count(row.totalB), ["class": "num"])
      m.element("td", row.isOther ? "" : "\(HTMLNumber.count(row.unitsA)) \(row.unit)", ["class": "num"])
      m.element("td", row.isOther ? "" : "\(HTMLNumber.count(row.unitsB)) \(row.unit)", ["class": "num"])
      let here = Set(marks.filter { rowIndex(side: $0.side, line: $0.line, rows: rows) == k }.map(\.diagnosis)).sorted()
      m.open("td")
      for (j, d) in here.prefix(20).enumerated() {
        if j > 0 { m.text(", ") }
        m.element("a", "#\(d + 1)", ["href": "#diag-\(d + 1)"])
      }
      if here.count > 20 { m.text(" …") }
      m.close("td")
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
    m.close("details")
  }
}
