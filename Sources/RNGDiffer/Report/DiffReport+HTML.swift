import RNGTrace

/// How the HTML report is built: how much of a large trace it draws.
///
/// ```swift
/// var options = HTMLOptions()
/// options.buckets = 300        // coarser timeline
/// options.title = "nightly run against last week's"
/// ```
public struct HTMLOptions: Sendable {
  /// A title for the page (default: the two traces' names).
  public var title: String?
  /// Marks per lane and run on the timeline (default 480): the timeline's
  /// size depends on this and on the lanes, never on the number of events.
  public var buckets = 480
  /// Stream lanes drawn (default 16); further streams share one lane.
  public var maxLanes = 16
  /// Points kept per metric curve and run (default 600; longer curves are
  /// thinned to between this and twice this).
  public var maxPoints = 600
  /// Diagnoses shown in full (default 20); further ones are one table row each.
  public var fullDiagnoses = 20
  /// Effects listed per diagnosis (default 40; the rest are counted).
  public var effects = 40
  /// Causes marked on the timeline (default 200).
  public var maxCauseMarks = 200
  /// Rows of the tensor table (default 100).
  public var maxTensorRows = 100
  /// Tensors with more values are compared by digest only (default 4,000,000).
  public var maxTensorValues = 4_000_000
  /// Where the scripts' text is found, to show the lines the traces point
  /// at (default: the current directory and absolute paths only).
  public var scripts = ScriptLookup()

  /// The defaults described on each property.
  public init() {}
}

extension DiffReport {
  /// The report as one self-contained HTML page: the verdict, each
  /// diagnosis as in the text report with both runs' script lines side by
  /// side, a timeline of every stream's draws in both runs with the causes
  /// and the first divergence marked and the effects hatched, each metric
  /// of both runs on one chart, and a table of the tensors that differ.
  ///
  /// The page needs nothing but itself: inline CSS and SVG, a few lines of
  /// JavaScript (keys `j`/`k` move between diagnoses), no URL to fetch. It
  /// is XHTML-compatible markup, so an XML parser reads it too.
  ///
  /// The traces are read once more, from the start, to draw them (`a` and
  /// `b` must be fresh readers of the traces this report was made from):
  /// memory stays bounded, since each run is summarised into a fixed number
  /// of marks per stream (``HTMLOptions/buckets``) and thinned curves.
  /// Effects are hatched where the report lists divergent events: run the
  /// diff with ``DiffOptions/all`` for every one of them (up to
  /// ``DiffOptions/limit``), otherwise the first of each effect.
  ///
  /// ```swift
  /// var diff = DiffOptions()
  /// diff.all = true
  /// let report = try TraceDiffer.diff(a: "a.trace", b: "b.trace", options: diff)
  /// let page = try report.html(a: TraceReader(path: "a.trace"), b: TraceReader(path: "b.trace"))
  /// // "<!DOCTYPE html>\n<html lang=\"en\">…<section class=\"diagnosis\" id=\"diag-1\" …"
  /// ```
  ///
  /// Edge cases: identical traces give a page that says so, with the
  /// timeline and curves of both; a cut-off trace is drawn as far as it
  /// goes; reading errors are ``TraceError``s, as for the diff.
  public func html(a: TraceReader, b: TraceReader, options: HTMLOptions = HTMLOptions()) throws(TraceError) -> String {
    let sketchA = try TraceSketch(reading: a, side: .a, report: self, options: options)
    let sketchB = try TraceSketch(reading: b, side: .b, report: self, options: options)
    return HTMLPage(report: self, a: sketchA, b: sketchB, options: options).render()
  }
}

/// Assembles the page from its parts.
struct HTMLPage {
  let report: DiffReport
  let a: TraceSketch
  let b: TraceSketch
  let options: HTMLOptions
  /// Each run's script texts, read once for the whole page.
  let scripts: (a: ScriptExcerpts, b: ScriptExcerpts)

  init(report: DiffReport, a: TraceSketch, b: TraceSketch, options: HTMLOptions) {
    self.report = report
    self.a = a
    self.b = b
    self.options = options
    self.scripts = (
      ScriptExcerpts(header: report.a.header, folder: options.scripts.folderA, texts: options.scripts.textsA),
      ScriptExcerpts(header: report.b.header, folder: options.scripts.folderB, texts: options.scripts.textsB)
    )
  }

  func render() -> String {
    var m = Markup()
    let title = options.title ?? "rngdiff: \(report.a.file) against \(report.b.file)"
    m.raw("<!DOCTYPE html>\n")
    m.open("html", ["lang": "en", "xmlns": "http://www.w3.org/1999/xhtml"])
    m.open("head")
    m.void("meta", ["charset": "utf-8"])
    m.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
    m.void("meta", ["name": "generator", "content": "rngdiff"])
    m.element("title", title)
    m.open("style")
    m.raw(PageStyle.css)
    m.close("style")
    m.close("head")
    m.open("body", ["data-verdict": report.verdict.rawValue])
    m.element("a", "Skip to the diagnoses", ["class": "skip", "href": "#diagnoses"])
    m.open("header")
    m.element("h1", title)
    verdict(into: &m)
    runs(into: &m)
    m.close("header")
    contents(into: &m)
    m.open("main")
    m.open("section", ["class": "part", "aria-labelledby": "timeline-h"])
    m.element("h2", "Timeline", ["id": "timeline-h"])
    TimelineChart(report: report, a: a, b: b, options: options).render(into: &m)
    m.close("section")
    diagnoses(into: &m)
    metrics(into: &m)
    m.open("section", ["class": "part", "id": "tensors", "aria-labelledby": "tensors-h"])
    m.element("h2", "Tensors that differ", ["id": "tensors-h"])
    TensorTable(report: report, a: a, b: b, options: options).render(into: &m)
    m.close("section")
    m.close("main")
    m.open("footer")
    m.text("Written by rngdiff. Exit status as diff(1): 0 identical, 1 different, 2 trouble. Keys: j next diagnosis, k previous.")
    m.close("footer")
    m.open("script")
    m.raw(PageStyle.script)
    m.close("script")
    m.close("body")
    m.close("html")
    m.raw("\n")
    return m.out
  }

  func verdict(into m: inout Markup) {
    m.open("div", ["class": "verdict \(report.verdict.rawValue)", "role": "status"])
    switch report.verdict {
    case .identical:
      m.element("span", "= identical", ["class": "verdict-word"])
      if let cut = [report.a, report.b].first(where: \.isTruncated), report.a.uncompared + report.b.uncompared > 0 {
        m.text(" up to where \(cut.file) is cut off: \(HTMLNumber.count(report.matchedEvents)) events compared, \(HTMLNumber.count(report.a.uncompared + report.b.uncompared)) not")
      } else {
        m.text(": \(HTMLNumber.count(report.matchedEvents)) events compared; every draw, seed, tensor and metric matches")
      }
    case .different:
      m.element("span", "≠ different", ["class": "verdict-word"])
      if let first = report.diagnoses.first {
        let at = [first.a?.location, first.b?.location].compactMap { $0 }.joined(separator: " / ")
        m.text("; first divergence: ")
        m.element("a", first.kind.rawValue, ["href": "#diag-1"])
        m.text(" at \(at) (\(first.place))")
        let further = report.diagnoses.count - 1 + report.omittedDiagnoses
        if further > 0 { m.text("; \(further) further independent cause\(further == 1 ? "" : "s")") }
      }
    }
    m.close("div")
    var notes: [String] = []
    if !report.configDifferences.isEmpty {
      notes.append("configuration differs: " + report.configDifferences.prefix(6).map { "\($0.name) \($0.a ?? "unset") vs \($0.b ?? "unset")" }.joined(separator: "; ")
        + (report.configDifferences.count > 6 ? "; and \(report.configDifferences.count - 6) more" : ""))
    }
    for side in [report.a, report.b] {
      for f in side.findings.prefix(10) { notes.append(f.description) }
      if side.findingCount > min(side.findings.count, 10) { notes.append("\(side.file): \(side.findingCount - min(side.findings.count, 10)) more findings") }
    }
    if report.a.isTruncated && report.b.uncompared > 0 { notes.append("\(report.a.file) is cut off; the last \(report.b.uncompared) events of \(report.b.file) were not compared") }
    if report.b.isTruncated && report.a.uncompared > 0 { notes.append("\(report.b.file) is cut off; the last \(report.a.uncompared) events of \(report.a.file) were not compared") }
    if !notes.isEmpty {
      m.open("ul", ["class": "notes"])
      for n in notes { m.element("li", n) }
      m.close("ul")
    }
  }

  func runs(into m: inout Markup) {
    m.open("table", ["class": "runs"])
    m.open("thead")
    m.open("tr")
    for h in ["run", "trace", "framework", "label", "script", "events"] { m.element("th", h, ["scope": "col"]) }
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    for (name, side) in [("a", report.a), ("b", report.b)] {
      let h = side.header
      m.open("tr", ["class": "side-\(name)"])
      m.element("th", name == "a" ? "a (above)" : "b (below)", ["scope": "row"])
      m.element("td", side.file, ["class": "src"])
      m.element("td", ["\(h.profile.framework) \(h.profile.version)", h.profile.semantics].compactMap { $0 }.joined(separator: " · "))
      m.element("td", h.label ?? "")
      m.element("td", h.source.map { "\($0.path) (sha256 \($0.sha256.prefix(12))…)" } ?? "—", ["class": "src"])
      m.element("td", HTMLNumber.count(side.events) + (side.isTruncated ? " (cut off)" : ""), ["class": "num"])
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
  }

  func contents(into m: inout Markup) {
    m.open("nav", ["class": "contents", "aria-label": "contents"])
    m.open("ol")
    m.open("li")
    m.element("a", "Timeline", ["href": "#timeline"])
    m.close("li")
    m.open("li")
    m.element("a", "Diagnoses (\(report.diagnoses.count + report.omittedDiagnoses))", ["href": "#diagnoses"])
    if !report.diagnoses.isEmpty {
      m.open("ol")
      for d in report.diagnoses.prefix(options.fullDiagnoses) {
        m.open("li")
        m.element("a", "#\(d.id + 1) \(d.kind.rawValue)" + (d.consumer.map { " · \($0)" } ?? ""), ["href": "#diag-\(d.id + 1)"])
        m.close("li")
      }
      m.close("ol")
    }
    m.close("li")
    for (href, text) in [("#metrics", "Metrics"), ("#tensors", "Tensors that differ")] {
      m.open("li")
      m.element("a", text, ["href": href])
      m.close("li")
    }
    m.close("ol")
    m.close("nav")
  }

  func diagnoses(into m: inout Markup) {
    m.open("section", ["class": "part", "id": "diagnoses", "aria-labelledby": "diagnoses-h"])
    m.element("h2", "Diagnoses", ["id": "diagnoses-h"])
    if report.diagnoses.isEmpty {
      m.element("p", report.verdict == .identical ? "None: the runs agree on every compared event." : "No cause was kept.", ["class": "note"])
    } else {
      m.element("p", "Causes in execution order; the first is the first divergence. Press j and k to move between them, or Tab through the links.", ["class": "note"])
    }
    for d in report.diagnoses.prefix(options.fullDiagnoses) {
      DiagnosisSection(report: report, diagnosis: d, options: options, scripts: scripts).render(into: &m)
    }
    let rest = report.diagnoses.dropFirst(options.fullDiagnoses)
    if !rest.isEmpty || report.omittedDiagnoses > 0 {
      m.element("h3", "Further independent causes")
      m.open("div", ["class": "scroll"])
      m.open("table", ["class": "further"])
      m.open("thead")
      m.open("tr")
      for h in ["#", "kind", "consumer", "where", "place", "divergent events after it"] { m.element("th", h, ["scope": "col"]) }
      m.close("tr")
      m.close("thead")
      m.open("tbody")
      for d in rest {
        m.open("tr", ["class": "diagnosis-row", "id": "diag-\(d.id + 1)", "tabindex": "-1", "data-kind": d.kind.rawValue])
        m.element("td", "#\(d.id + 1)")
        m.element("td", d.kind.rawValue)
        m.element("td", d.consumer?.description ?? "")
        m.element("td", [d.a?.location, d.b?.location].compactMap { $0 }.joined(separator: " / "))
        m.element("td", d.place)
        m.element("td", HTMLNumber.count(d.effectEvents), ["class": "num"])
        m.close("tr")
      }
      m.close("tbody")
      m.close("table")
      m.close("div")
      if report.omittedDiagnoses > 0 { m.element("p", "… \(report.omittedDiagnoses) more causes not kept", ["class": "note"]) }
    }
    m.close("section")
  }

  func metrics(into m: inout Markup) {
    m.open("section", ["class": "part", "id": "metrics", "aria-labelledby": "metrics-h"])
    m.element("h2", "Metrics", ["id": "metrics-h"])
    let keys = Set(a.series.keys).union(b.series.keys).sorted()
    if keys.isEmpty {
      m.element("p", "Neither trace records metrics.", ["class": "note"])
    }
    // The first divergent point of each curve: the earliest x among the
    // metric events the report names.
    var first: [TraceSketch.SeriesKey: (x: Double, a: Double?, b: Double?)] = [:]
    func note(_ sketch: TraceSketch, _ line: Int?, isA: Bool) {
      guard let line, let p = sketch.pointed[line]?.metric else { return }
      var entry = first[p.key] ?? (x: p.x, a: nil, b: nil)
      if p.x < entry.x { entry = (x: p.x, a: nil, b: nil) }
      if p.x == entry.x {
        if isA { entry.a = p.y } else { entry.b = p.y }
      }
      first[p.key] = entry
    }
    for d in report.diagnoses {
      note(a, d.a?.line, isA: true)
      note(b, d.b?.line, isA: false)
      for e in d.effects where e.event == .metric {
        note(a, e.aLine, isA: true)
        note(b, e.bLine, isA: false)
      }
      for h in d.hunk where h.event == .metric { note(h.side == .a ? a : b, h.line, isA: h.side == .a) }
    }
    for v in report.divergences where v.event == .metric {
      note(a, v.aLine, isA: true)
      note(b, v.bLine, isA: false)
    }
    m.open("div", ["class": "metrics"])
    for (k, key) in keys.enumerated() {
      MetricChart(key: key, a: a.series[key], b: b.series[key], divergence: first[key], id: k + 1).render(into: &m)
    }
    m.close("div")
    m.close("section")
  }
}
