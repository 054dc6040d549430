extension TraceSummary {
  /// The summary as plain text, one section per part of the trace.
  ///
  /// ```swift
  /// print(summary.text())
  /// // a.trace: rngdiff-trace v1, written by rngdiff 0.1.0
  /// //   profile  numpy 2.4.6
  /// //   …
  /// ```
  ///
  /// `color` adds ANSI bold to section titles (the caller decides whether
  /// the output is a terminal and honours `NO_COLOR`).
  public func text(color: Bool = false) -> String {
    func title(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    var out: [String] = []
    out.append(title("\(name): \(TraceFormat.name) v\(header.formatVersion), written by \(header.producer) \(header.producerVersion)"))
    var about = TextTable()
    var profile = "\(header.profile.framework) \(header.profile.version)"
    if let semantics = header.profile.semantics { profile += " (\(semantics))" }
    about.add(["profile", profile])
    if let label = header.label { about.add(["label", label]) }
    if let source = header.source { about.add(["source", "\(source.path) (sha256 \(source.sha256.prefix(16)))"]) }
    for setting in header.config.flattened { about.add(["config", "\(setting.name) = \(setting.value)"]) }
    let kinds: [(TraceEventKind, String)] = [(.stream, "stream"), (.derivation, "derivation"), (.draw, "draw"), (.tensor, "tensor"), (.metric, "metric"), (.phase, "phase marker")]
    let parts = kinds.compactMap { kind, word -> String? in
      guard let n = counts[kind], n > 0 else { return nil }
      return "\(n) \(word)\(n == 1 ? "" : "s")"
    }
    about.add(["events", "\(eventCount)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))])
    if !phases.isEmpty { about.add(["phases", phases.map { "\($0.name) ×\($0.value)" }.joined(separator: ", ")]) }
    out += about.render()

    if !streams.isEmpty {
      out.append("")
      out.append(title("streams"))
      var table = TextTable()
      table.add(["id", "framework", "name", "algorithm", "seeding", "draws", "final counter"])
      for s in streams {
        let d = s.declaration
        var seeding = d.seeding.phrase
        if s.reseeds > 0 { seeding += " (reseeded \(s.reseeds)×)" }
        table.add([d.id, d.framework.rawValue, d.name, d.algorithm.rawValue, seeding, "\(s.draws)", "\(s.finalCounter) \(d.unit)"])
      }
      out += table.render()
    }
    if !consumers.isEmpty {
      out.append("")
      out.append(title("consumers, in order of first draw"))
      var table = TextTable()
      for c in consumers {
        table.add([c.consumer.description, c.streams.joined(separator: ","), "\(c.draws) draw\(c.draws == 1 ? "" : "s")", "\(c.units) units", "line \(c.line)"])
      }
      out += table.render()
      if omittedConsumers > 0 { out.append("  … \(omittedConsumers) more draws by consumers not listed") }
    }
    if !tensors.isEmpty {
      out.append("")
      out.append(title("tensors"))
      var table = TextTable()
      for t in tensors {
        table.add([t.event.name, t.event.moment.description, shapeText(dtype: t.event.dtype, shape: t.event.shape), t.event.digest, "line \(t.line)"])
      }
      out += table.render()
      if omittedTensors > 0 { out.append("  … \(omittedTensors) more") }
    }
    if !metrics.isEmpty {
      out.append("")
      out.append(title("metrics"))
      var table = TextTable()
      for m in metrics {
        var when: [String] = []
        if let e = m.epoch { when.append("epoch \(e)") }
        if let s = m.step { when.append("step \(s)") }
        table.add([m.name, when.joined(separator: " "), PythonFloatText.repr(m.value)])
      }
      out += table.render()
      if omittedMetrics > 0 { out.append("  … \(omittedMetrics) more") }
    }
    if findingCount > 0 || unknownEvents > 0 {
      out.append("")
      out.append(title("findings"))
      for f in findings { out.append("  \(f)") }
      if findingCount > findings.count { out.append("  … \(findingCount - findings.count) more") }
      if unknownEvents > 0 { out.append("  \(unknownEvents) line\(unknownEvents == 1 ? "" : "s") with an event kind this version does not know (skipped)") }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The summary as one JSON object (schema in docs/trace-format.md, "rngdiff show").
  public func json() -> String {
    var j = JSONWriter()
    j.beginObject()
    j.field("file", name)
    j.key("header")
    TraceEvent.header(header).encode(into: &j)
    j.key("events")
    j.beginObject()
    for kind in TraceEventKind.allCases where kind != .header { j.field(kind.rawValue, counts[kind] ?? 0) }
    j.endObject()
    j.objects("streams", streams) { j, s in
      j.key("declaration")
      TraceEvent.stream(s.declaration).encode(into: &j)
      j.field("line", s.line)
      j.field("reseeds", s.reseeds)
      j.field("draws", s.draws)
      j.field("units", s.units)
      j.field("final_counter", s.finalCounter)
    }
    j.objects("consumers", consumers) { j, c in
      j.field("consumer", c.consumer.path)
      j.field("role", c.consumer.role)
      j.array("streams", c.streams) { j, s in j.string(s) }
      j.field("draws", c.draws)
      j.field("units", c.units)
      j.field("line", c.line)
    }
    j.objects("tensors", tensors) { j, t in
      var event = t.event
      event.values = nil
      j.key("tensor")
      TraceEvent.tensor(event).encode(into: &j)
      j.field("line", t.line)
    }
    j.array("metrics", metrics) { j, m in TraceEvent.metric(m).encode(into: &j) }
    j.field("phases", phases)
    j.key("omitted")
    j.beginObject()
    j.field("consumers", omittedConsumers)
    j.field("tensors", omittedTensors)
    j.field("metrics", omittedMetrics)
    j.endObject()
    j.array("findings", findings) { j, f in f.encode(into: &j) }
    j.field("finding_count", findingCount)
    j.field("truncated", isTruncated)
    j.field("unknown_events", unknownEvents)
    j.endObject()
    return j.text
  }
}

extension TraceFinding {
  /// Appends the finding as a JSON object: kind, file, line, message, and the
  /// stream and counters when present.
  public func encode(into j: inout JSONWriter) {
    j.beginObject()
    j.field("kind", kind.rawValue)
    j.field("file", file)
    j.field("line", line)
    j.field("message", message)
    j.field("stream", ifPresent: stream)
    j.field("expected_counter", ifPresent: expectedCounter)
    j.field("actual_counter", ifPresent: actualCounter)
    j.endObject()
  }
}
