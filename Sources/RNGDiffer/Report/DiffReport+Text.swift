import RNGTrace

/// How the text report looks.
///
/// ```swift
/// let text = report.text(TextOptions(color: isTerminal && environment["NO_COLOR"] == nil))
/// ```
public struct TextOptions: Sendable {
  /// ANSI colour (the caller decides: a terminal, and no `NO_COLOR`).
  public var color: Bool
  /// Every cause in full, and every divergent event listed (when the diff
  /// was run with ``DiffOptions/all``).
  public var all: Bool
  /// Effects shown per cause (the rest are counted).
  public var effects: Int
  /// Columns to wrap explanations at.
  public var width: Int

  /// Text options; the defaults suit a terminal without colour.
  public init(color: Bool = false, all: Bool = false, effects: Int = 8, width: Int = 100) {
    self.color = color
    self.all = all
    self.effects = effects
    self.width = width
  }
}

/// A node of the nested report: a head line, wrapped body lines, children.
private struct Node {
  var head: String
  var body: [String] = []
  var children: [Node] = []
}

extension DiffReport {
  /// The report as nested text in the spirit of diffoscope: the first cause
  /// first, then its effects, then further independent causes.
  ///
  /// ```text
  /// --- a.trace  numpy 2.4.6 · sequential
  /// +++ b.trace  numpy 2.4.6 · functional
  /// │┄ different: first divergence is an extra-draw at b.trace:7 (build)
  /// ├── extra-draw  model/dense_1/kernel (init)
  /// │   b draws 22 u32 words from numpy "global" (mt19937) that a does not: …
  /// │   ├── stream   numpy "global" (mt19937), a: init_genrand(0) (np.random.seed(0) at a.py:1) …
  /// …
  /// ╵
  /// ```
  public func text(_ options: TextOptions = TextOptions()) -> String {
    let style = Style(color: options.color)
    var out: [String] = []
    out.append(style.red("--- \(a.file)") + "  " + Self.describe(a.header))
    out.append(style.green("+++ \(b.file)") + "  " + Self.describe(b.header))
    var comments: [String] = []
    switch verdict {
    case .identical:
      if let cut = [a, b].first(where: \.isTruncated), a.uncompared + b.uncompared > 0 {
        // Not a clean "identical": part of the longer trace was never compared.
        comments.append("identical up to where \(cut.file) is cut off: \(matchedEvents) events compared, \(a.uncompared + b.uncompared) not; every compared draw, seed, tensor and metric matches")
      } else {
        comments.append("identical: \(matchedEvents) events compared; every draw, seed, tensor and metric matches")
      }
    case .different:
      var s = "different"
      if let first = diagnoses.first {
        let at = [first.a?.location, first.b?.location].compactMap { $0 }.joined(separator: " / ")
        s += "; first divergence: \(first.kind.rawValue) at \(at) (\(first.place))"
        let further = diagnoses.count - 1 + omittedDiagnoses
        if further > 0 { s += "; \(further) further independent cause\(further == 1 ? "" : "s")" }
      }
      comments.append(s)
    }
    if !configDifferences.isEmpty {
      comments.append("configuration differs: " + configDifferences.prefix(6).map { "\($0.name) \($0.a ?? "unset") vs \($0.b ?? "unset")" }.joined(separator: "; ")
        + (configDifferences.count > 6 ? "; and \(configDifferences.count - 6) more" : ""))
    }
    for side in [a, b] {
      for f in side.findings { comments.append(f.description) }
      if side.findingCount > side.findings.count { comments.append("\(side.file): \(side.findingCount - side.findings.count) more findings") }
    }
    if a.isTruncated && b.uncompared > 0 {
      comments.append("\(a.file) is cut off; the last \(b.uncompared) events of \(b.file) were not compared")
    }
    if b.isTruncated && a.uncompared > 0 {
      comments.append("\(b.file) is cut off; the last \(a.uncompared) events of \(a.file) were not compared")
    }
    comments += notes
    for c in comments { out.append(style.dim("│┄ " + c)) }

    var nodes: [Node] = []
    let shown = options.all ? diagnoses : Array(diagnoses.prefix(1))
    for d in shown { nodes.append(fullNode(d, options: options, style: style)) }
    if !options.all && diagnoses.count > 1 {
      var further = Node(head: "further independent causes")
      for d in diagnoses.dropFirst() {
        let at = [d.a?.location, d.b?.location].compactMap { $0 }.joined(separator: " / ")
        var line = style.bold(style.red(d.kind.rawValue)) + "  " + (d.consumer?.description ?? "") + "  " + at + "  [\(d.place)]"
        if d.effectEvents > 0 { line += "  (\(d.effectEvents) divergent event\(d.effectEvents == 1 ? "" : "s") after it)" }
        further.children.append(Node(head: line))
      }
      if omittedDiagnoses > 0 { further.children.append(Node(head: "… \(omittedDiagnoses) more causes not kept")) }
      nodes.append(further)
    }
    if options.all && !divergences.isEmpty {
      var list = Node(head: "every divergence, in execution order (\(divergences.count + omittedDivergences))")
      var table = TextTable()
      for v in divergences {
        let kind = v.diagnosis >= 0 && v.diagnosis < diagnoses.count ? diagnoses[v.diagnosis].kind.rawValue : "cause not kept"
        table.add([
          v.aLine.map { "\(a.file):\($0)" } ?? "-", v.bLine.map { "\(b.file):\($0)" } ?? "-", v.event.rawValue, v.what,
          v.isCause ? "cause #\(v.diagnosis + 1) \(kind)" : "effect of #\(v.diagnosis + 1) \(kind)",
        ])
      }
      list.body = table.render(indent: "")
      if omittedDivergences > 0 { list.body.append("… \(omittedDivergences) more") }
      nodes.append(list)
    }
    for node in nodes {
      render(node, prefix: "", last: false, into: &out, width: options.width)
    }
    out.append("╵")
    return out.joined(separator: "\n") + "\n"
  }

  private func fullNode(_ d: Diagnosis, options: TextOptions, style: Style) -> Node {
    var node = Node(head: style.bold(style.red(d.kind.rawValue)) + "  " + (d.consumer?.description ?? "") + "  [\(d.place)]")
    node.body = [d.explanation]
    /// A child whose head is `label` padded to 9 columns; long text continues below it.
    func labelled(_ label: String, _ text: String) -> Node {
      let lines = Self.wrap(text, width: max(40, options.width - 17))
      var node = Node(head: label + String(repeating: " ", count: max(1, 9 - label.count)) + (lines.first ?? ""))
      node.body = lines.dropFirst().map { String(repeating: " ", count: 9) + $0 }
      return node
    }
    if let s = d.stream {
      var text = s.phrase
      let seedA = s.a.map { "\($0.seedMaterial), \($0.seeding.phrase)" }
      let seedB = s.b.map { "\($0.seedMaterial), \($0.seeding.phrase)" }
      if let seedA, seedA == seedB || seedB == nil { text += ", seeded \(seedA)" + (seedB == nil ? " (in a)" : "") }
      else if let seedB, seedA == nil { text += ", seeded \(seedB) (in b)" }
      else {
        if let seedA { text += "; a: \(seedA)" }
        if let seedB { text += "; b: \(seedB)" }
      }
      node.children.append(labelled("stream", text))
    }
    let isHunk = d.hunkSize > 0 && (d.kind == .extraDraw || d.kind == .missingDraw || d.kind == .structureMismatch
                                     || (d.kind == .opSeedDerivation && d.a == nil || d.b == nil)
                                     || (d.kind == .dataOrder && (d.a == nil || d.b == nil)))
    if isHunk && d.hunk.count > 1 {
      let side = d.hunk.first?.side ?? .b
      var hunkNode = labelled("\(side.rawValue) only", "\(d.hunkSize) event\(d.hunkSize == 1 ? "" : "s")")
      var table = TextTable()
      for e in d.hunk {
        let file = Self.tableName(e.side == .a ? a.file : b.file)
        var counter = ""
        if let c = e.counter, let n = e.count { counter = "counter \(c) +\(n)\(e.unit.map { " \($0)" } ?? "")" }
        table.add([e.side == .a ? style.red("\(file):\(e.line)") : style.green("\(file):\(e.line)"), e.event.rawValue, e.what, counter])
      }
      hunkNode.body = table.render(indent: "")
      if d.hunkSize > d.hunk.count { hunkNode.body.append("… \(d.hunkSize - d.hunk.count) more") }
      node.children.append(hunkNode)
    } else {
      node.children.append(labelled("a", d.a.map { style.red(Self.describe($0)) } ?? "—"))
      node.children.append(labelled("b", d.b.map { style.green(Self.describe($0)) } ?? "—"))
    }
    if let numeric = d.numeric {
      var n = labelled("values", numeric.lines.first ?? "")
      n.body += Array(numeric.lines.dropFirst()).map { String(repeating: " ", count: 9) + $0 }
      node.children.append(n)
    }
    let accounted = d.accountedBy.filter { $0.diagnosis >= 0 }
    if !accounted.isEmpty {
      var n = labelled("upstream", "traced draws that account for part of the offset")
      n.body = accounted.prefix(6).map { "\($0.side.rawValue): \($0.consumer) \($0.units.magnitude) \($0.unit) (line \($0.line))" }
      node.children.append(n)
    }
    if !d.configDifferences.isEmpty {
      var n = labelled("config", d.configDifferences.count == 1 ? "1 setting differs" : "\(d.configDifferences.count) settings differ")
      n.body = d.configDifferences.prefix(6).map { "\($0.name): \($0.a ?? "unset") in a, \($0.b ?? "unset") in b" }
      node.children.append(n)
    }
    if d.effectEvents > 0 {
      var byKind: [(String, Int)] = []
      for kind in [TraceEventKind.stream, .draw, .derivation, .tensor, .metric] {
        let n = d.effects.filter { $0.event == kind }.reduce(0) { $0 + $1.count }
        if n > 0 { byKind.append((kind.rawValue, n)) }
      }
      let parts = byKind.map { "\($0.1) \($0.0)\($0.1 == 1 ? "" : "s")" }.joined(separator: ", ")
      var n = labelled("effects", "\(d.effectEvents) divergent event\(d.effectEvents == 1 ? "" : "s") downstream: \(parts)\(d.omittedEffects > 0 ? ", and \(d.omittedEffects) more" : "")")
      var table = TextTable()
      for e in d.effects.prefix(options.effects) {
        var row = [e.event.rawValue, e.what, "from \(e.from)"]
        row.append(e.count > 1 ? "×\(e.count)" : [e.aLine.map { "\(Self.tableName(a.file)):\($0)" }, e.bLine.map { "\(Self.tableName(b.file)):\($0)" }].compactMap { $0 }.joined(separator: " / "))
        table.add(row)
      }
      n.body += table.render(indent: "")  // after the summary's wrapped lines
      let hidden = d.effects.count - min(d.effects.count, options.effects) + d.omittedEffects
      if hidden > 0 { n.body.append("… \(hidden) more (--all lists them)") }
      node.children.append(n)
    }
    node.children.append(labelled("fix", d.fix))
    return node
  }

  /// A trace's name in the tables of a cause (hunks, effects): its last
  /// path component, so rows fit the width (the header lines give the
  /// full paths, and a row's a/b order says which trace a line is in).
  static func tableName(_ file: String) -> String {
    file.split(separator: "/").last.map(String.init) ?? file
  }

  private func render(_ node: Node, prefix: String, last: Bool, into out: inout [String], width: Int) {
    out.append(prefix + (last ? "└── " : "├── ") + node.head)
    let inner = prefix + (last ? "    " : "│   ")
    for line in node.body {
      for wrapped in Self.wrap(line, width: max(40, width - inner.count)) { out.append(inner + wrapped) }
    }
    for (k, child) in node.children.enumerated() {
      render(child, prefix: inner, last: k == node.children.count - 1, into: &out, width: width)
    }
  }

  /// Splits a long line at spaces.
  static func wrap(_ line: String, width: Int) -> [String] {
    guard line.count > width else { return [line] }
    var out: [String] = []
    var current = ""
    for word in line.split(separator: " ", omittingEmptySubsequences: false) {
      if !current.isEmpty && current.count + 1 + word.count > width {
        out.append(current)
        current = String(word)
      } else {
        current += current.isEmpty ? String(word) : " " + word
      }
    }
    if !current.isEmpty { out.append(current) }
    return out.map { line in
      var l = line
      while l.hasSuffix(" ") { l.removeLast() }
      return l
    }
  }

  static func describe(_ h: RunHeader) -> String {
    var parts = ["\(h.profile.framework) \(h.profile.version)".trimmingSpaces]
    if let s = h.profile.semantics { parts.append(s) }
    if let label = h.label { parts.append(label) }
    return parts.filter { !$0.isEmpty }.joined(separator: " · ")
  }

  /// `a.trace:7  counter 40 +22 u32  randn normal(loc=0.0) float32[2, 11]  b.py:12`.
  static func describe(_ e: EventEvidence) -> String {
    var parts = [e.location]
    if let c = e.counter, let n = e.count { parts.append("counter \(c) +\(n)\(e.unit.map { " \($0)" } ?? "")") }
    if let op = e.operation {
      let params = e.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
      parts.append("\(op) \(e.distribution ?? "")(\(params)) \(shapeText(dtype: e.dtype ?? "", shape: e.shape ?? []))")
    } else if let dtype = e.dtype {
      parts.append(shapeText(dtype: dtype, shape: e.shape ?? []))
    }
    if !e.details.isEmpty { parts.append(e.details.map { "\($0.name)=\($0.value)" }.joined(separator: " ")) }
    if let digest = e.digest { parts.append("digest \(digest)") }
    if let source = e.source { parts.append(source) }
    return parts.joined(separator: "  ")
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = self
    while s.hasPrefix(" ") { s.removeFirst() }
    while s.hasSuffix(" ") { s.removeLast() }
    return s
  }
}

/// ANSI styling, or none.
private struct Style {
  let color: Bool
  func wrap(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
  func red(_ s: String) -> String { wrap(s, "31") }
  func green(_ s: String) -> String { wrap(s, "32") }
  func bold(_ s: String) -> String { wrap(s, "1") }
  func dim(_ s: String) -> String { wrap(s, "2") }
}
