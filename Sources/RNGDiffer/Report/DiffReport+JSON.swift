import RNGTrace

extension DiffReport {
  /// The report as one JSON object (schema: docs/diff-report.md).
  ///
  /// ```swift
  /// let json = report.json()
  /// // {"format":"rngdiff-report","version":1,"verdict":"different","a":{…},"b":{…},
  /// //  "config":[…],"diagnoses":[{"id":0,"kind":"extra-draw",…}],…}
  /// ```
  public func json() -> String {
    var j = JSONWriter()
    j.beginObject()
    j.field("format", "rngdiff-report")
    j.field("version", 1)
    j.field("verdict", verdict.rawValue)
    j.field("exit_status", Int(exitStatus))
    for (name, side) in [("a", a), ("b", b)] {
      j.key(name)
      j.beginObject()
      j.field("file", side.file)
      j.field("label", ifPresent: side.header.label)
      j.key("profile")
      j.beginObject()
      j.field("framework", side.header.profile.framework.rawValue)
      j.field("version", side.header.profile.version)
      j.field("semantics", ifPresent: side.header.profile.semantics)
      j.endObject()
      j.field("events", side.events)
      j.field("truncated", side.isTruncated)
      j.field("uncompared", side.uncompared)
      j.array("findings", side.findings) { j, f in f.encode(into: &j) }
      j.field("finding_count", side.findingCount)
      j.endObject()
    }
    j.array("config", configDifferences) { j, c in c.encode(into: &j) }
    j.key("counts")
    j.beginObject()
    j.field("matched", matchedEvents)
    j.field("only_in_a", onlyInA)
    j.field("only_in_b", onlyInB)
    j.field("diagnoses", diagnoses.count + omittedDiagnoses)
    j.field("omitted_diagnoses", omittedDiagnoses)
    j.endObject()
    j.array("diagnoses", diagnoses) { j, d in d.encode(into: &j) }
    if !notes.isEmpty { j.array("notes", notes) { j, n in j.string(n) } }
    if !divergences.isEmpty || omittedDivergences > 0 {
      j.objects("divergences", divergences) { j, v in
        j.field("diagnosis", v.diagnosis)
        j.field("cause", v.isCause)
        j.field("event", v.event.rawValue)
        j.field("what", v.what)
        j.field("a_line", ifPresent: v.aLine)
        j.field("b_line", ifPresent: v.bLine)
        j.field("a_counter", ifPresent: v.aCounter)
        j.field("b_counter", ifPresent: v.bCounter)
      }
      j.field("omitted_divergences", omittedDivergences)
    }
    j.endObject()
    return j.text
  }
}

extension ConfigDifference {
  func encode(into j: inout JSONWriter) {
    j.beginObject()
    j.field("name", name)
    j.key("a"); if let a { j.string(a) } else { j.null() }
    j.key("b"); if let b { j.string(b) } else { j.null() }
    j.endObject()
  }
}

extension Diagnosis {
  func encode(into j: inout JSONWriter) {
    j.beginObject()
    j.field("id", id)
    j.field("kind", kind.rawValue)
    j.key("consumer")
    if let consumer {
      j.beginObject()
      j.field("path", consumer.path)
      j.field("role", consumer.role)
      j.endObject()
    } else {
      j.null()
    }
    j.key("stream")
    if let stream {
      j.beginObject()
      j.field("framework", stream.framework.rawValue)
      j.field("name", stream.name)
      j.field("algorithm", stream.algorithm.rawValue)
      j.field("unit", stream.unit.rawValue)
      for (side, decl) in [("a", stream.a), ("b", stream.b)] {
        j.key(side)
        if let decl {
          j.beginObject()
          j.field("id", decl.id)
          j.field("seed", decl.seedMaterial)
          j.field("seeding", decl.seeding.how)
          j.field("seeding_detail", decl.seeding.phrase)
          j.endObject()
        } else {
          j.null()
        }
      }
      j.endObject()
    } else {
      j.null()
    }
    j.field("place", place)
    j.key("a"); a.encode(into: &j)
    j.key("b"); b.encode(into: &j)
    j.field("explanation", explanation)
    j.field("fix", fix)
    j.objects("hunk", hunk) { j, e in
      j.field("side", e.side.rawValue)
      j.field("event", e.event.rawValue)
      j.field("what", e.what)
      j.field("line", e.line)
      j.field("counter", ifPresent: e.counter)
      j.field("count", ifPresent: e.count)
    }
    j.field("hunk_size", hunkSize)
    j.field("hunk_units", hunkUnits)
    j.objects("accounted_by", accountedBy.lazy.filter { $0.diagnosis >= 0 }) { j, c in
      j.field("side", c.side.rawValue)
      j.field("consumer", c.consumer.path)
      j.field("role", c.consumer.role)
      j.field("units", c.units)
      j.field("unit", c.unit.rawValue)
      j.field("line", c.line)
      j.field("diagnosis", c.diagnosis)
    }
    j.objects("effects", effects) { j, e in
      j.field("event", e.event.rawValue)
      j.field("what", e.what)
      j.field("from", e.from)
      j.field("count", e.count)
      j.field("a_line", ifPresent: e.aLine)
      j.field("b_line", ifPresent: e.bLine)
    }
    j.field("effect_events", effectEvents)
    j.field("omitted_effects", omittedEffects)
    j.key("numeric")
    if let numeric {
      j.beginObject()
      j.field("mismatched", numeric.mismatched)
      j.field("total", numeric.total)
      for (name, e) in [("greatest_absolute", numeric.greatestAbsolute), ("greatest_relative", numeric.greatestRelative)] {
        j.key(name)
        if let e {
          j.beginObject()
          j.field("value", e.value)
          j.field("index", e.index)
          j.endObject()
        } else {
          j.null()
        }
      }
      j.key("note"); if let note = numeric.note { j.string(note) } else { j.null() }
      j.endObject()
    } else {
      j.null()
    }
    j.array("config", configDifferences) { j, c in c.encode(into: &j) }
    j.endObject()
  }
}

extension Optional where Wrapped == EventEvidence {
  func encode(into j: inout JSONWriter) {
    guard let e = self else {
      j.null()
      return
    }
    j.beginObject()
    j.field("file", e.file)
    j.field("line", e.line)
    j.field("seq", ifPresent: e.seq)
    j.field("event", e.event.rawValue)
    j.field("stream", ifPresent: e.streamID)
    j.field("counter", ifPresent: e.counter)
    j.field("count", ifPresent: e.count)
    j.field("unit", ifPresent: e.unit?.rawValue)
    j.field("op", ifPresent: e.operation)
    j.field("dist", ifPresent: e.distribution)
    if !e.parameters.isEmpty { j.field("params", e.parameters) }
    j.field("dtype", ifPresent: e.dtype)
    if let shape = e.shape { j.field("shape", shape) }
    j.field("digest", ifPresent: e.digest)
    j.field("source", ifPresent: e.source)
    if !e.details.isEmpty { j.field("details", e.details) }
    j.endObject()
  }
}
