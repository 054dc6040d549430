#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGTrace

extension DiffEngine {
  // MARK: Stream declarations

  func processStream(_ h: Head) throws(TraceError) {
    guard case .stream(let decl) = try h.event() else { return }
    let side = h.side
    let index = h.facts.stream
    side.ensureStream(index)
    var s = side.streams[Int(index)]
    if s.declaration != nil {
      s.generation &+= 1
      s.reseedLine = h.facts.line
    } else {
      s.line = h.facts.line
    }
    s.declaration = decl
    s.fingerprint = Self.fingerprint(decl)
    s.ledger = Ledger()
    side.streams[Int(index)] = s
  }

  /// Equal for declarations that give the same values: ids, names, calls
  /// and source lines do not matter.
  static func fingerprint(_ d: StreamEvent) -> UInt64 {
    var h = StableHash()
    h.combine(d.framework.rawValue)
    h.combine(d.algorithm.rawValue)
    h.combine(d.unit.rawValue)
    h.combine(d.seedMaterial)
    h.combine(d.seeding.how)
    if case .derived(let rule, _, _) = d.seeding { h.combine(rule) }
    h.combine(d.start)
    return h.value
  }

  // MARK: Matched events

  func processMatched(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    matchedEvents += 1
    openHunk.removeAll(keepingCapacity: true)
    switch a.facts.kind {
    case .draw: try compareDraws(a, b, renamed: renamed)
    case .derivation: try compareDerivations(a, b, renamed: renamed)
    case .tensor: try compareTensors(a, b)
    case .metric: try compareMetrics(a, b)
    case .phase:
      if case .phase(let e) = try a.event() { _ = A.context.apply(e) }
      if case .phase(let e) = try b.event() { _ = B.context.apply(e) }
    case .stream, .header:
      break
    }
  }

  /// Whether two lines are byte-identical apart from `seq` and `source`.
  static func sameIgnoringSeqAndSource(_ a: LineView, _ b: LineView) -> Bool {
    func cuts(_ v: LineView) -> [(Int, Int)] {
      var out: [(Int, Int)] = []
      if let s = v.layout[.seq] { out.append((Int(s.start), Int(s.end))) }
      if let s = v.layout[.source] { out.append((s.at, Int(s.end) + (s.type == .string ? 1 : 0))) }
      if out.count == 2 && out[0].0 > out[1].0 { out.swapAt(0, 1) }
      return out
    }
    let ca = cuts(a), cb = cuts(b)
    guard ca.count == cb.count else { return false }
    var pa = 0, pb = 0
    for k in 0...ca.count {
      let ea = k < ca.count ? ca[k].0 : a.count
      let eb = k < cb.count ? cb[k].0 : b.count
      guard ea - pa == eb - pb else { return false }
      if ea > pa && memcmp(a.base + pa, b.base + pb, ea - pa) != 0 { return false }
      if k < ca.count {
        pa = ca[k].1
        pb = cb[k].1
      }
    }
    return true
  }

  private func pairKey(_ ia: Int32, _ ib: Int32) -> UInt64 {
    (UInt64(UInt32(bitPattern: ia)) << 32) | UInt64(UInt32(bitPattern: ib))
  }

  func compareDraws(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    let ia = a.facts.stream, ib = b.facts.stream
    A.ensureStream(ia)
    B.ensureStream(ib)
    let sa = A.streams[Int(ia)], sb = B.streams[Int(ib)]
    defer {
      A.streams[Int(ia)].matchedGeneration = A.streams[Int(ia)].generation
      A.streams[Int(ia)].lastDrawLine = a.facts.line
      B.streams[Int(ib)].matchedGeneration = B.streams[Int(ib)].generation
      B.streams[Int(ib)].lastDrawLine = b.facts.line
    }
    // The common case: the same line.
    if !renamed && sa.fingerprint == sb.fingerprint && Self.sameIgnoringSeqAndSource(a.view, b.view) {
      return
    }
    let da = try a.draw(), db = try b.draw()
    let sameParameters = da.operation == db.operation && da.distribution == db.distribution
      && Set(da.parameters) == Set(db.parameters) && da.dtype == db.dtype && da.shape == db.shape
    let sameCount = da.count == db.count
    let sameDigest: Bool = {
      guard let x = da.digest, let y = db.digest else { return true }
      return TraceDigest.matches(x, y)
    }()
    let sameStream = sa.fingerprint == sb.fingerprint
    let relA = Int64(bitPattern: da.counter &- (sa.declaration?.start ?? 0))
    let relB = Int64(bitPattern: db.counter &- (sb.declaration?.start ?? 0))
    let observed = relB &- relA
    if sameStream && observed == 0 && sameCount && sameParameters && sameDigest { return }

    let key = pairKey(ia, ib)
    var pair = pairs[key] ?? PairState(generationA: sa.generation, generationB: sb.generation)
    if pair.generationA != sa.generation || pair.generationB != sb.generation {
      pair = PairState(generationA: sa.generation, generationB: sb.generation)
    }
    var attributed: Int
    var isCause = false

    if let d = A.divergedDerivations[da.stream] ?? B.divergedDerivations[db.stream] {
      attributed = d
    } else if let d = pair.explainedBy {
      attributed = d
    } else if !sameStream && (sa.declaration?.seedMaterial != sb.declaration?.seedMaterial
                              || sa.declaration?.algorithm != sb.declaration?.algorithm
                              || sa.declaration?.framework != sb.declaration?.framework
                              || sa.declaration?.seeding.how != sb.declaration?.seeding.how) {
      let kind = Self.seedKind(sa.declaration, sb.declaration)
      attributed = try newCause(kind, a: a, b: b, draws: (da, db))
      isCause = true
      pair.explainedBy = attributed
    } else {
      let expected = Int64(sb.ledger.total) - Int64(sa.ledger.total) + pair.countDelta + pair.adjustment
      if observed != expected {
        let reseedA = sa.generation != sa.matchedGeneration
        let reseedB = sb.generation != sb.matchedGeneration
        let kind: DiagnosisKind = reseedA != reseedB ? .stateCarryover : .streamOffset
        attributed = try newCause(kind, a: a, b: b, draws: (da, db))
        isCause = true
        if attributed >= 0 {
          causes[attributed].unexplainedUnits = observed - expected
          causes[attributed].accountedBy = sa.ledger.entries + sb.ledger.entries + pair.contributors
          if kind == .stateCarryover {
            let reseeder = reseedA ? A : B
            let s = reseedA ? sa : sb
            var call: String? = nil
            if case .explicit(let c, let source)? = s.declaration?.seeding { call = source.map { "\(c) at \($0)" } ?? c }
            causes[attributed].reseedLine = (reseeder.tag, "\(reseeder.file):\(s.reseedLine)", call)
          }
        }
        pair.adjustment &+= observed - expected
        pair.contributors.append(Contribution(
          side: observed > expected ? .b : .a, consumer: db.consumer, units: observed - expected,
          unit: sb.declaration?.unit ?? .word32, line: b.facts.line, diagnosis: attributed))
      } else if observed != 0 {
        // Shifted by events already diagnosed: the earliest of them is the cause.
        let all = sa.ledger.entries + sb.ledger.entries + pair.contributors
        attributed = all.map(\.diagnosis).filter { $0 >= 0 }.min() ?? -1
        if attributed >= 0 && causes[attributed].firstShifted == nil {
          causes[attributed].firstShifted = (db.consumer.description, da.counter, db.counter)
        }
      } else if !sameParameters {
        attributed = try newCause(.parameterMismatch, a: a, b: b, draws: (da, db))
        isCause = true
      } else {
        // Same stream, same counter, same parameters, different values or count.
        attributed = try newCause(configDifferences.isEmpty ? .unexplained : .configMismatch, a: a, b: b, draws: (da, db))
        isCause = true
        if attributed >= 0 {
          if let va = da.values, let vb = db.values {
            causes[attributed].numeric = NumericSummary(a: va.doubles, b: vb.doubles, shape: da.shape)
          } else {
            causes[attributed].numeric = NumericSummary(note: "values not recorded; only the digests differ (a \(da.digest ?? "-"), b \(db.digest ?? "-"))")
          }
        }
      }
    }
    if !sameCount {
      pair.countDelta &+= Int64(bitPattern: db.count &- da.count)
      if pair.contributors.count < 8 {
        pair.contributors.append(Contribution(
          side: db.count > da.count ? .b : .a, consumer: db.consumer, units: Int64(bitPattern: db.count &- da.count),
          unit: sb.declaration?.unit ?? .word32, line: b.facts.line, diagnosis: attributed))
      }
    }
    pairs[key] = pair
    if renamed && attributed >= 0 && isCause { causes[attributed].renamedFrom = db.consumer.description }
    noteDivergence(attributed, isCause: isCause, key: a.facts.key, event: .draw, what: { da.consumer.description },
                   aLine: a.facts.line, bLine: b.facts.line, aCounter: da.counter, bCounter: db.counter)
    if attributed >= 0 { linkConsumer(da.consumer.path, to: attributed) }
  }

  static func pathKey(_ path: String) -> UInt64 {
    var h = StableHash()
    h.combine(path)
    return h.value
  }

  /// Remembers the cause of a consumer's first divergence, so its tensors are linked to it.
  func linkConsumer(_ path: String, to cause: Int) {
    guard causeByConsumer.count < 100_000 else { return }
    let key = Self.pathKey(path)
    if causeByConsumer[key] == nil { causeByConsumer[key] = cause }
  }

  /// The kind of cause when the streams of one consumer differ in seed or generator.
  static func seedKind(_ a: StreamEvent?, _ b: StreamEvent?) -> DiagnosisKind {
    guard let a, let b else { return .seedMismatch }
    if a.algorithm != b.algorithm || a.framework != b.framework { return .algorithmMismatch }
    if a.seeding == .entropy || b.seeding == .entropy { return .unseededStream }
    if case .derived = a.seeding, case .derived = b.seeding { return .opSeedDerivation }
    return .seedMismatch
  }

  func compareDerivations(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    guard case .derivation(let da) = try a.event(), case .derivation(let db) = try b.event() else { return }
    if da.inputs == db.inputs && da.result == db.result && da.rule == db.rule { return }
    var attributed: Int
    var isCause = false
    if let d = A.unmatchedDerivations[da.rule] ?? B.unmatchedDerivations[db.rule] {
      attributed = d
    } else {
      let kind: DiagnosisKind = da.inputs == db.inputs
        ? (configDifferences.isEmpty ? .unexplained : .configMismatch) : .opSeedDerivation
      attributed = try newCause(kind, a: a, b: b, draws: nil)
      isCause = true
      if attributed >= 0 {
        causes[attributed].derivationRule = da.rule
        causes[attributed].derivationInputs = (da.inputs, db.inputs)
        causes[attributed].derivationResults = (da.result, db.result)
      }
    }
    if attributed >= 0 {
      if let s = da.stream { A.divergedDerivations[s] = attributed }
      if let s = db.stream { B.divergedDerivations[s] = attributed }
    }
    noteDivergence(attributed, isCause: isCause, key: a.facts.key, event: .derivation,
                   what: { "\(da.rule) seed for \(da.consumer?.description ?? "an op")" }, aLine: a.facts.line, bLine: b.facts.line)
  }

  func compareTensors(_ a: Head, _ b: Head) throws(TraceError) {
    guard case .tensor(let ta) = try a.event(), case .tensor(let tb) = try b.event() else { return }
    if ta.dtype == tb.dtype && ta.shape == tb.shape && TraceDigest.matches(ta.digest, tb.digest) { return }
    let nameKey = Self.pathKey(ta.name)
    var attributed: Int
    var isCause = false
    if let d = causeByConsumer[nameKey] {
      attributed = d
    } else if let first = firstCause() {
      attributed = first
    } else {
      attributed = try newCause(configDifferences.isEmpty ? .numericNondeterminism : .configMismatch, a: a, b: b, draws: nil)
      isCause = true
      if attributed >= 0 {
        if let va = ta.values, let vb = tb.values {
          causes[attributed].numeric = NumericSummary(a: va.doubles, b: vb.doubles, shape: ta.shape)
        } else {
          causes[attributed].numeric = NumericSummary(note: "values not recorded; only the digests differ (a \(ta.digest), b \(tb.digest))")
        }
      }
    }
    var e = StableHash()
    e.combine(0x74)
    e.combine(nameKey)
    noteDivergence(attributed, isCause: isCause, key: e.value, event: .tensor, what: { ta.name },
                   aLine: a.facts.line, bLine: b.facts.line)
  }

  func compareMetrics(_ a: Head, _ b: Head) throws(TraceError) {
    guard case .metric(let ma) = try a.event(), case .metric(let mb) = try b.event() else { return }
    if ma.value.bitPattern == mb.value.bitPattern { return }
    var attributed: Int
    var isCause = false
    if let first = firstCause() {
      attributed = first
    } else {
      attributed = try newCause(configDifferences.isEmpty ? .numericNondeterminism : .configMismatch, a: a, b: b, draws: nil)
      isCause = true
      if attributed >= 0 {
        causes[attributed].numeric = NumericSummary(a: [ma.value], b: [mb.value], shape: [])
      }
    }
    var e = StableHash()
    e.combine(0x6D)
    e.combine(ma.name)
    noteDivergence(attributed, isCause: isCause, key: e.value, event: .metric, what: { ma.name },
                   aLine: a.facts.line, bLine: b.facts.line)
  }

  /// The earliest cause that is not overflowed, if any.
  func firstCause() -> Int? { causes.isEmpty ? nil : 0 }

  // MARK: Unmatched events

  func processUnmatched(_ h: Head) throws(TraceError) {
    let side = h.side
    if side.tag == .a { onlyInA += 1 } else { onlyInB += 1 }
    let facts = h.facts
    let event = try h.event()
    if case .phase(let p) = event { _ = side.context.apply(p) }
    // A consumer both runs have, in another order.
    let moved = facts.kind == .draw
      && (side.tag == .a ? windowInsertedKeys.contains(facts.key) : windowDeletedKeys.contains(facts.key))
    if moved || (facts.kind == .draw && pendingMoves[facts.key].map { $0.side != side.tag } == true) {
      try processMoveHalf(h, event: event)
      return
    }
    if case .tensor(let t) = event, let owner = causeByConsumer[Self.pathKey(t.name)] {
      // The tensor of a consumer whose draw is already diagnosed (an extra layer's weights).
      var e = StableHash()
      e.combine(0x74)
      e.combine(Self.pathKey(t.name))
      let place = side.context
      causes[owner].addEffect(key: e.value, event: .tensor, what: { t.name }, from: { place.coarseDescription },
                              aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil,
                              limit: options.maxEffects)
      if options.all {
        appendDivergence(Divergence(diagnosis: owner, isCause: false, event: .tensor, what: t.name,
                                    aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil))
      }
      return
    }
    let d = try hunkCause(for: h)
    guard d >= 0 else { return }
    var entry = HunkEntry(side: side.tag, event: facts.kind, what: "", line: facts.line)
    switch event {
    case .draw(let draw):
      let s = side.stream(facts.stream)
      entry.what = draw.consumer.description
      entry.counter = draw.counter
      entry.count = draw.count
      entry.unit = s.declaration?.unit
      causes[d].hunkDraws += 1
      if draw.consumer.isDataRole || draw.distribution == "permutation" { causes[d].hunkDataDraws += 1 }
      causes[d].hunkUnits &+= draw.count
      causes[d].hunkUnit = causes[d].hunkUnit ?? s.declaration?.unit
      linkConsumer(draw.consumer.path, to: d)
      if let k = causes[d].hunkConsumers.firstIndex(where: { $0.consumer == draw.consumer }) {
        causes[d].hunkConsumers[k].units &+= draw.count
        causes[d].hunkConsumers[k].draws += 1
      } else if causes[d].hunkConsumers.count < 8 {
        causes[d].hunkConsumers.append((draw.consumer, draw.count, 1))
      }
      if let decl = s.declaration {
        let phrase = "\(decl.framework) \"\(decl.name)\" (\(decl.algorithm))"
        if !causes[d].hunkStreams.contains(phrase) && causes[d].hunkStreams.count < 4 { causes[d].hunkStreams.append(phrase) }
        if causes[d].stream == nil { causes[d].stream = streamRole(a: side.tag == .a ? decl : nil, b: side.tag == .b ? decl : nil) }
      }
      side.ensureStream(facts.stream)
      side.streams[Int(facts.stream)].ledger.add(Contribution(
        side: side.tag, consumer: draw.consumer, units: side.tag == .b ? Int64(bitPattern: draw.count) : -Int64(bitPattern: draw.count),
        unit: s.declaration?.unit ?? .word32, line: facts.line, diagnosis: d), units: draw.count)
      side.streams[Int(facts.stream)].lastDrawLine = facts.line
    case .derivation(let derivation):
      entry.what = "\(derivation.rule) seed" + (derivation.consumer.map { " for \($0.description)" } ?? "")
      causes[d].hunkDerivations += 1
      if !causes[d].hunkRules.contains(derivation.rule) { causes[d].hunkRules.append(derivation.rule) }
      if side.unmatchedDerivations[derivation.rule] == nil { side.unmatchedDerivations[derivation.rule] = d }
    case .tensor(let t): entry.what = "\(t.name) (\(t.moment))"
    case .metric(let m): entry.what = m.name + (m.epoch.map { " (epoch \($0))" } ?? "")
    case .phase(let p): entry.what = p.phase + (p.index.map { " \($0)" } ?? "") + " \(p.edge.rawValue)"
    case .stream, .header: break
    }
    causes[d].hunkSize += 1
    if causes[d].hunk.count < 12 { causes[d].hunk.append(entry) }
    causes[d].kind = Self.hunkKind(causes[d], side: side.tag)
    if options.all {
      appendDivergence(Divergence(
        diagnosis: d, isCause: true, event: facts.kind, what: entry.what,
        aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil,
        aCounter: side.tag == .a ? entry.counter : nil, bCounter: side.tag == .b ? entry.counter : nil))
    }
  }

  static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind {
    if c.hunkDraws > 0 {
      if c.hunkDataDraws == c.hunkDraws { return .dataOrder }
      return side == .a ? .missingDraw : .extraDraw
    }
    if c.hunkDerivations > 0 { return .opSeedDerivation }
    return .structureMismatch
  }

  /// The open hunk of `h`'s side, or a new one.
  private func hunkCause(for h: Head) throws(TraceError) -> Int {
    if let d = openHunk[h.side.tag] { return d }
    let d = try newCause(h.side.tag == .a ? .missingDraw : .extraDraw, a: h.side.tag == .a ? h : nil,
                         b: h.side.tag == .b ? h : nil, draws: nil)
    if d >= 0 {
      causes[d].hunkSide = h.side.tag
      openHunk[h.side.tag] = d
    }
    return d
  }

  /// One half of a consumer both runs draw for, in a different order.
  private func processMoveHalf(_ h: Head, event: TraceEvent) throws(TraceError) {
    guard case .draw(let draw) = event else { return }
    let side = h.side
    let key = h.facts.key
    let s = side.stream(h.facts.stream)
    var d: Int
    if let pending = pendingMoves[key], pending.side != side.tag {
      d = pending.cause
      pendingMoves[key] = nil
      if d >= 0 {
        let evidence = try self.evidence(h)
        if side.tag == .a { causes[d].a = evidence; causes[d].moveCounters.a = draw.counter } else {
          causes[d].b = evidence
          causes[d].moveCounters.b = draw.counter
        }
      }
    } else {
      d = try newCause(draw.consumer.isDataRole ? .dataOrder : .reorderedDraws, a: side.tag == .a ? h : nil,
                       b: side.tag == .b ? h : nil, draws: nil)
      if d >= 0 {
        if side.tag == .a { causes[d].moveCounters.a = draw.counter } else { causes[d].moveCounters.b = draw.counter }
        causes[d].consumer = draw.consumer
        if let decl = s.declaration { causes[d].stream = streamRole(a: decl, b: decl) }
      }
      if pendingMoves.count < 10_000 { pendingMoves[key] = (d, side.tag) }
    }
    if d >= 0 { linkConsumer(draw.consumer.path, to: d) }
    side.ensureStream(h.facts.stream)
    side.streams[Int(h.facts.stream)].ledger.add(Contribution(
      side: side.tag, consumer: draw.consumer,
      units: side.tag == .b ? Int64(bitPattern: draw.count) : -Int64(bitPattern: draw.count),
      unit: s.declaration?.unit ?? .word32, line: h.facts.line, diagnosis: d), units: draw.count)
    if d >= 0 {
      causes[d].hunkSize += 1
      causes[d].hunk.append(HunkEntry(side: side.tag, event: .draw, what: draw.consumer.description, line: h.facts.line,
                                      counter: draw.counter, count: draw.count, unit: s.declaration?.unit))
    }
    if options.all {
      appendDivergence(Divergence(
        diagnosis: d, isCause: true, event: .draw, what: draw.consumer.description,
        aLine: side.tag == .a ? h.facts.line : nil, bLine: side.tag == .b ? h.facts.line : nil,
        aCounter: side.tag == .a ? draw.counter : nil, bCounter: side.tag == .b ? draw.counter : nil))
    }
  }

  // MARK: Causes and effects

  /// Starts a cause at `a`/`b` (either may be nil for one-sided events).
  /// Returns -1 past the report's limit.
  func newCause(_ kind: DiagnosisKind, a: Head?, b: Head?, draws: (DrawEvent, DrawEvent)?) throws(TraceError) -> Int {
    guard causes.count < options.maxDiagnoses else {
      omittedDiagnoses += 1
      return -1
    }
    let place = a != nil ? A.context.coarseDescription : B.context.coarseDescription
    var cause = Cause(kind: kind, place: place)
    if let a { cause.a = try evidence(a) }
    if let b { cause.b = try evidence(b) }
    if let h = a ?? b, case .draw(let d) = try h.event() {
      cause.consumer = d.consumer
      let declA = a.map { A.stream($0.facts.stream).declaration } ?? nil
      let declB = b.map { B.stream($0.facts.stream).declaration } ?? nil
      cause.stream = streamRole(a: declA, b: declB)
    } else if let h = a ?? b, case .derivation(let d) = try h.event() {
      cause.consumer = d.consumer
    } else if let h = a ?? b, case .tensor(let t) = try h.event() {
      cause.consumer = Consumer(t.name, role: t.moment.description)
    } else if let h = a ?? b, case .metric(let m) = try h.event() {
      cause.consumer = Consumer(m.name, role: m.epoch.map { "epoch \($0)" } ?? "")
    }
    if kind == .configMismatch { cause.configDifferences = configDifferences }
    causes.append(cause)
    return causes.count - 1
  }

  func streamRole(a: StreamEvent?, b: StreamEvent?) -> StreamRole? {
    guard let s = a ?? b else { return nil }
    return StreamRole(framework: s.framework, name: s.name, algorithm: s.algorithm, unit: s.unit, a: a, b: b)
  }

  /// Records a divergent matched event: the cause itself, or an effect of one.
  func noteDivergence(
    _ d: Int, isCause: Bool, key: UInt64, event: TraceEventKind, what: () -> String, aLine: Int, bLine: Int,
    aCounter: UInt64? = nil, bCounter: UInt64? = nil
  ) {
    if d >= 0 && !isCause {
      let place = A.context
      causes[d].addEffect(key: key, event: event, what: what, from: { place.coarseDescription }, aLine: aLine, bLine: bLine,
                          limit: options.maxEffects)
    }
    if options.all {
      appendDivergence(Divergence(diagnosis: d, isCause: isCause, event: event, what: what(), aLine: aLine, bLine: bLine,
                                  aCounter: aCounter, bCounter: bCounter))
    }
  }

  func appendDivergence(_ d: Divergence) {
    if divergences.count < options.limit { divergences.append(d) } else { omittedDivergences += 1 }
  }

  /// One event as evidence.
  func evidence(_ h: Head) throws(TraceError) -> EventEvidence {
    var e = EventEvidence(file: h.side.file, line: h.facts.line, event: h.facts.kind)
    e.seq = h.facts.seq
    switch try h.event() {
    case .draw(let d):
      e.streamID = d.stream
      e.counter = d.counter
      e.count = d.count
      e.unit = h.side.stream(h.facts.stream).declaration?.unit
      e.operation = d.operation
      e.distribution = d.distribution
      e.parameters = d.parameters
      e.dtype = d.dtype
      e.shape = d.shape
      e.digest = d.digest
      e.source = d.source
    case .derivation(let d):
      e.streamID = d.stream
      e.source = d.source
      e.details = [NamedValue("rule", d.rule)] + d.inputs + [NamedValue("result", d.result)]
    case .tensor(let t):
      e.dtype = t.dtype
      e.shape = t.shape
      e.digest = t.digest
      e.details = [NamedValue("moment", t.moment.description)]
    case .metric(let m):
      e.details = [NamedValue("value", PythonFloatText.repr(m.value))]
    case .phase(let p):
      e.details = [NamedValue("phase", p.phase), NamedValue("edge", p.edge.rawValue)]
    case .stream, .header:
      break
    }
    return e
  }

  // MARK: Header

  static func configDifferences(_ a: RunHeader, _ b: RunHeader) -> [ConfigDifference] {
    var out: [ConfigDifference] = []
    func compare(_ name: String, _ x: String?, _ y: String?) {
      if x != y { out.append(ConfigDifference(name: name, a: x, b: y)) }
    }
    compare("profile.framework", a.profile.framework.rawValue, b.profile.framework.rawValue)
    compare("profile.version", a.profile.version, b.profile.version)
    compare("profile.semantics", a.profile.semantics, b.profile.semantics)
    let fa = a.config.flattened, fb = b.config.flattened
    var seen = Set<String>()
    for item in fa + fb where !seen.contains(item.name) {
      seen.insert(item.name)
      compare(item.name, fa[item.name], fb[item.name])
    }
    return out
  }
}
