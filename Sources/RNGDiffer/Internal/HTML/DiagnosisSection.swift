import RNGTrace

/// One diagnosis as a section of the page, with what the text report says
/// of it (cause, evidence, values, upstream draws, configuration, effects,
/// fix) and the script lines of both runs side by side.
///
/// ```swift
/// var m = Markup()
/// DiagnosisSection(report: report, diagnosis: report.diagnoses[0], options: options, scripts: (excerptsA, excerptsB)).render(into: &m)
/// // <section class="diagnosis" id="diag-1" tabindex="-1" data-kind="extra-draw" …>…</section>
/// ```
///
/// Edge cases: a run without an event at the cause shows "—" in its
/// column; a trace without `source` fields shows what it has (the script
/// path and hash from the header); a script line's text is shown only when
/// ``ScriptExcerpts`` trusts it, otherwise its note says why not; effects beyond ``HTMLOptions/effects``
/// are counted, not listed.
struct DiagnosisSection {
  let report: DiffReport
  let diagnosis: Diagnosis
  let options: HTMLOptions
  /// Run a's and b's script texts, shared by every section of the page.
  let scripts: (a: ScriptExcerpts, b: ScriptExcerpts)

  var number: Int { diagnosis.id + 1 }

  func render(into m: inout Markup) {
    let d = diagnosis
    m.open("section", ["class": "diagnosis", "id": "diag-\(number)", "tabindex": "-1", "data-kind": d.kind.rawValue,
                       "aria-labelledby": "diag-\(number)-h"])
    m.open("h3", ["id": "diag-\(number)-h"])
    m.element("span", "#\(number)", ["class": "badge"])
    m.text(" ")
    m.element("span", d.kind.rawValue, ["class": "kind"])
    if let c = d.consumer {
      m.text(" ")
      m.element("code", c.description)
    }
    m.text(" ")
    m.element("span", "[\(d.place)]", ["class": "place"])
    m.close("h3")
    m.element("p", d.explanation, ["class": "explanation"])
    m.open("dl", ["class": "facts"])
    if let s = d.stream {
      m.element("dt", "stream")
      m.open("dd")
      m.text(s.phrase)
      for (side, decl) in [("a", s.a), ("b", s.b)] {
        m.open("div")
        m.element("span", "\(side): ", ["class": "side-\(side)"])
        m.text(decl.map { "\($0.seedMaterial), \($0.seeding.phrase)" } ?? "not declared")
        m.close("div")
      }
      m.close("dd")
    }
    m.close("dl")
    scriptLines(into: &m)
    evidence(into: &m)
    if let numeric = d.numeric {
      m.element("h4", "Values")
      m.open("ul", ["class": "plain"])
      for line in numeric.lines { m.element("li", line) }
      m.close("ul")
    }
    let accounted = d.accountedBy.filter { $0.diagnosis >= 0 }
    if !accounted.isEmpty {
      m.element("h4", "Upstream draws that account for part of the offset")
      m.open("ul", ["class": "plain"])
      for c in accounted.prefix(12) {
        m.element("li", "\(c.side.rawValue): \(c.consumer) \(c.units.magnitude) \(c.unit) (line \(c.line))")
      }
      m.close("ul")
    }
    if !d.configDifferences.isEmpty {
      m.element("h4", "Configuration")
      table(["setting", "a", "b"], d.configDifferences.map { [$0.name, $0.a ?? "unset", $0.b ?? "unset"] }, into: &m)
    }
    effects(into: &m)
    m.open("p", ["class": "fix"])
    m.element("strong", "Fix: ")
    m.text(d.fix)
    m.close("p")
    m.open("nav", ["class": "step", "aria-label": "between diagnoses"])
    if number > 1 { m.element("a", "← #\(number - 1)", ["href": "#diag-\(number - 1)"]) }
    m.element("a", "timeline", ["href": "#timeline"])
    if number < min(report.diagnoses.count, options.fullDiagnoses) { m.element("a", "#\(number + 1) →", ["href": "#diag-\(number + 1)"]) }
    m.close("nav")
    m.close("section")
  }

  /// The script lines of both runs, side by side: where the cause's event
  /// was made, where its stream was seeded, and the script each trace names.
  func scriptLines(into m: inout Markup) {
    let d = diagnosis
    var rows: [[String]] = []
    var sources: [(a: String?, b: String?)] = []
    if d.a?.source != nil || d.b?.source != nil {
      rows.append(["the cause's event", d.a?.source ?? "—", d.b?.source ?? "—"])
      sources.append((d.a?.source, d.b?.source))
    }
    if let s = d.stream, s.a?.seeding.source != nil || s.b?.seeding.source != nil {
      func seeding(_ e: StreamEvent?) -> String {
        guard let e else { return "—" }
        switch e.seeding {
        case .explicit(let call, let source): return [source, call].compactMap { $0 }.joined(separator: "  ")
        case .derived(let rule, _, let source): return [source, rule].compactMap { $0 }.joined(separator: "  ")
        case .entropy: return "never seeded"
        case .requestedEntropy(let call, let source):
          return [source, call].compactMap { $0 }.joined(separator: "  ") + " (OS entropy)"
        case .frameworkDefault(_, let source):
          return [source, "the framework's default seed"].compactMap { $0 }.joined(separator: "  ")
        case .drawn(let draw, let call, let source):
          return [source, call, "seed drawn from \(draw)"].compactMap { $0 }.joined(separator: "  ")
        case .restored(let from, _, let call, let source):
          return [source, call, "restored from \(from)"].compactMap { $0 }.joined(separator: "  ")
        }
      }
      rows.append(["stream seeded", seeding(s.a), seeding(s.b)])
      sources.append((s.a?.seeding.source, s.b?.seeding.source))
    }
    let scripts = [report.a.header.source, report.b.header.source]
    if scripts.contains(where: { $0 != nil }) {
      rows.append(["script", scripts[0].map { "\($0.path) (sha256 \($0.sha256.prefix(12))…)" } ?? "—",
                   scripts[1].map { "\($0.path) (sha256 \($0.sha256.prefix(12))…)" } ?? "—"])
    }
    guard !rows.isEmpty else { return }
    m.element("h4", "Script lines")
    m.open("table", ["class": "side-by-side"])
    m.open("thead")
    m.open("tr")
    m.element("th", "", ["scope": "col"])
    m.element("th", "run a", ["scope": "col", "class": "side-a"])
    m.element("th", "run b", ["scope": "col", "class": "side-b"])
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    for (i, r) in rows.enumerated() {
      m.open("tr")
      m.element("th", r[0], ["scope": "row"])
      let differ = r[1] != r[2]
      let excerpts = i < sources.count
        ? (sources[i].a.map { self.scripts.a.excerpt($0) }, sources[i].b.map { self.scripts.b.excerpt($0) }) : (nil, nil)
      for (text, excerpt) in [(r[1], excerpts.0), (r[2], excerpts.1)] {
        m.open("td", ["class": differ ? "src differs" : "src"])
        m.text(text)
        if let excerpt { Self.render(excerpt, into: &m) }
        m.close("td")
      }
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
  }

  /// A script excerpt: the lines (the located one marked) in a `pre`,
  /// and its note, if any. All text is escaped: a line of the script is
  /// never markup.
  static func render(_ excerpt: ScriptExcerpt, into m: inout Markup) {
    if !excerpt.lines.isEmpty {
      m.open("pre", ["class": "script-lines"])
      for (k, l) in excerpt.lines.enumerated() {
        if k > 0 { m.raw("\n") }
        let hit = l.number == excerpt.line
        m.open("span", ["class": hit ? "line hit" : "line", "data-line": "\(l.number)"])
        m.element("span", "\(l.number)", ["class": "ln", "aria-hidden": "true"])
        m.text(" " + l.text)
        m.close("span")
      }
      m.close("pre")
    }
    if let note = excerpt.note { m.element("div", note, ["class": "note script-note"]) }
  }

  func evidence(into m: inout Markup) {
    let d = diagnosis
    let isHunk = d.hunkSize > 0 && (d.a == nil || d.b == nil || d.kind == .reorderedDraws)
    if isHunk && !d.hunk.isEmpty {
      let sides = Set(d.hunk.map(\.side.rawValue)).sorted().joined(separator: " and ")
      m.element("h4", "Events only \(sides) has (\(HTMLNumber.count(d.hunkSize)))")
      var rows: [[String]] = []
      for e in d.hunk {
        let file = DiffReport.tableName(e.side == .a ? report.a.file : report.b.file)
        var counter = ""
        if let c = e.counter, let n = e.count { counter = "counter \(c) +\(n)\(e.unit.map { " \($0)" } ?? "")" }
        rows.append(["\(file):\(e.line)", e.event.rawValue, e.what, counter])
      }
      table(["where", "event", "what", "counter"], rows, into: &m)
      if d.hunkSize > d.hunk.count { m.element("p", "… \(d.hunkSize - d.hunk.count) more", ["class": "note"]) }
    }
    if d.a != nil || d.b != nil {
      m.element("h4", "Evidence")
      m.open("table", ["class": "side-by-side"])
      m.open("thead")
      m.open("tr")
      m.element("th", "", ["scope": "col"])
      m.element("th", "run a", ["scope": "col", "class": "side-a"])
      m.element("th", "run b", ["scope": "col", "class": "side-b"])
      m.close("tr")
      m.close("thead")
      m.open("tbody")
      func field(_ name: String, _ f: (EventEvidence) -> String?) {
        let (va, vb) = (d.a.flatMap(f), d.b.flatMap(f))
        guard va != nil || vb != nil else { return }
        m.open("tr")
        m.element("th", name, ["scope": "row"])
        let differ = va != vb
        m.element("td", va ?? "—", ["class": differ ? "differs" : nil])
        m.element("td", vb ?? "—", ["class": differ ? "differs" : nil])
        m.close("tr")
      }
      field("where") { $0.location }
      field("event") { $0.event.rawValue }
      field("counter") { e in e.counter.map { c in "\(c)" + (e.count.map { " +\($0)" } ?? "") + (e.unit.map { " \($0)" } ?? "") } }
      field("call") { e in e.operation.map { "\($0) \(e.distribution ?? "")(\(e.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")))" } }
      field("values") { e in e.dtype.map { "\($0)[\((e.shape ?? []).map(String.init).joined(separator: ", "))]" } }
      field("details") { e in e.details.isEmpty ? nil : e.details.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
      field("digest") { $0.digest }
      field("source") { $0.source }
      m.close("tbody")
      m.close("table")
    }
  }

  func effects(into m: inout Markup) {
    let d = diagnosis
    guard d.effectEvents > 0 else { return }
    var parts: [String] = []
    for kind in [TraceEventKind.stream, .draw, .derivation, .tensor, .metric] {
      let n = d.effects.filter { $0.event == kind }.reduce(0) { $0 + $1.count }
      if n > 0 { parts.append("\(HTMLNumber.count(n)) \(kind.rawValue)\(n == 1 ? "" : "s")") }
    }
    m.element("h4", "Effects: \(HTMLNumber.count(d.effectEvents)) divergent event\(d.effectEvents == 1 ? "" : "s") downstream"
              + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"))
    let shown = d.effects.prefix(options.effects)
    let rows = shown.map { e -> [String] in
      let lines = [e.aLine.map { "\(DiffReport.tableName(report.a.file)):\($0)" }, e.bLine.map { "\(DiffReport.tableName(report.b.file)):\($0)" }]
        .compactMap { $0 }.joined(separator: " / ")
      return [e.event.rawValue, e.what, e.from, e.count > 1 ? "×\(HTMLNumber.count(e.count))" : "", lines]
    }
    table(["event", "what", "from", "events", "first at"], rows, into: &m, className: "effects-table")
    let hidden = d.effects.count - shown.count + d.omittedEffects
    if hidden > 0 { m.element("p", "… \(HTMLNumber.count(hidden)) more (the JSON report lists up to 200 per cause)", ["class": "note"]) }
  }

  func table(_ head: [String], _ rows: [[String]], into m: inout Markup, className: String? = nil) {
    m.open("div", ["class": "scroll"])
    m.open("table", ["class": className])
    m.open("thead")
    m.open("tr")
    for h in head { m.element("th", h, ["scope": "col"]) }
    m.close("tr")
    m.close("thead")
    m.open("tbody")
    for r in rows {
      m.open("tr")
      for c in r { m.element("td", c) }
      m.close("tr")
    }
    m.close("tbody")
    m.close("table")
    m.close("div")
  }
}
