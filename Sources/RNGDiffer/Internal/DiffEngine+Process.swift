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
    let generator = Self.generatorKey(decl)
    if s.declaration != nil {
      s.generation &+= 1
      s.reseedLine = h.facts.line
    } else {
      s.line = h.facts.line
      if let g = side.nameGenerations[generator] {
        // Another id for a generator this run declared before: a reseed.
        s.generation = g &+ 1
        s.reseedLine = h.facts.line
      }
    }
    s.reseedCall = nil
    if s.generation > 0, let note = side.reseedNotes.removeValue(forKey: generator) {
      s.reseedLine = note.line
      s.reseedCall = note.call
    }
    side.nameGenerations[generator] = max(side.nameGenerations[generator] ?? 0, s.generation)
    s.declaration = decl
    s.fingerprint = Self.fingerprint(decl)
    s.ledger = Ledger()
    side.streams[Int(index)] = s
    side.hot[Int(index)] = HotStream(fingerprint: s.fingerprint, start: Self.positionBase(decl), generation: s.generation)
    noteDerivedStream(decl, side: side, line: h.facts.line, place: h.place)
  }

  /// The generator a declaration is about: framework and name.
  static func generatorKey(_ d: StreamEvent) -> String { "\(d.framework.rawValue)\u{0}\(d.name)" }

  /// Equal for declarations that give the same values: ids, names, calls
  /// and source lines do not matter.
  static func fingerprint(_ d: StreamEvent) -> UInt64 {
    var h = StableHash()
    h.combine(d.framework.rawValue)
    h.combine(d.algorithm.rawValue)
    h.combine(d.unit.rawValue)
    h.combine(d.seedMaterial)
    h.combine(seedingClass(d.seeding))
    if case .derived(let rule, _, _) = d.seeding { h.combine(rule) }
    h.combine(positionBase(d))
    return h.value
  }

  // MARK: Matched events

  func processMatched(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    matchedEvents += 1
    openHunk.removeAll(keepingCapacity: true)
    openMove.removeAll(keepingCapacity: true)
    switch a.facts.kind {
    case .draw: try compareDraws(a, b, renamed: renamed)
    case .derivation: try compareDerivations(a, b, renamed: renamed)
    case .tensor: try compareTensors(a, b)
    case .metric: try compareMetrics(a, b)
    case .phase, .stream, .header:
      break
    }
  }

  /// Whether two lines are byte-identical apart from `seq` and `source`.
  static func sameIgnoringSeqAndSource(_ a: LineView, _ b: LineView) -> Bool {
    // The parts to skip: seq's value, source's value with its quotes; in line order.
    @inline(__always) func cuts(_ v: LineView) -> (Int, Int, Int, Int, Int) {
      var c0 = (v.count, v.count), c1 = (v.count, v.count)
      var n = 0
      if let s = v.layout[.seq] { c0 = (Int(s.start), Int(s.end)); n += 1 }
      if let s = v.layout[.source] {
        let c = (s.at, Int(s.end) + (s.type == .string ? 1 : 0))
        if n == 0 { c0 = c } else if c.0 < c0.0 { c1 = c0; c0 = c } else { c1 = c }
        n += 1
      }
      return (n, c0.0, c0.1, c1.0, c1.1)
    }
    let ca = cuts(a), cb = cuts(b)
    guard ca.0 == cb.0 else { return false }
    // Segments: [0, cut0.start), [cut0.end, cut1.start), [cut1.end, count).
    @inline(__always) func same(_ sa: Int, _ ea: Int, _ sb: Int, _ eb: Int) -> Bool {
      let la = max(0, ea - sa), lb = max(0, eb - sb)
      return la == lb && (la == 0 || memcmp(a.base + sa, b.base + sb, la) == 0)
    }
    switch ca.0 {
    case 0: return a.count == b.count && memcmp(a.base, b.base, a.count) == 0
    case 1: return same(0, ca.1, 0, cb.1) && same(ca.2, a.count, cb.2, b.count)
    default: return same(0, ca.1, 0, cb.1) && same(ca.2, ca.3, cb.2, cb.3) && same(ca.4, a.count, cb.4, b.count)
    }
  }

  /// Whether a field's raw value is byte-identical in two lines (both absent counts as equal).
  @inline(__always)
  static func sameRaw(_ a: LineView, _ b: LineView, _ field: FieldID) -> Bool {
    let ha = a.layout.has(field), hb = b.layout.has(field)
    if !ha || !hb { return ha == hb }
    let sa = a.layout.spans[field.rawValue], sb = b.layout.spans[field.rawValue]
    return sa.count == sb.count && memcmp(a.base + Int(sa.start), b.base + Int(sb.start), sa.count) == 0
  }

  /// Whether the digests of two draw lines agree (on their common length; true when either is missing).
  @inline(__always)
  static func sameDigest(_ a: LineView, _ b: LineView) -> Bool {
    guard let sa = a.layout[.digest], let sb = b.layout[.digest], sa.type == .string, sb.type == .string else { return true }
    if sa.count == sb.count { return memcmp(a.base + Int(sa.start), b.base + Int(sb.start), sa.count) == 0 }
    let common = min(sa.count, sb.count)
    return common >= TraceDigest.length && memcmp(a.base + Int(sa.start), b.base + Int(sb.start), common) == 0
  }

  /// The hash of a consumer path as ``pathKey(_:)`` computes it, from the raw span.
  @inline(__always)
  static func pathKey(_ v: LineView, _ field: FieldID) -> UInt64 {
    guard let s = v.layout[field] else { return pathKey("") }
    // (A path with escapes hashes as its text, as pathKey(_: String) does.)
    if s.escaped { return pathKey(ValueDecoding.decodeString(v.base, s)) }
    var h = StableHash()
    h.combine(v.base, Int(s.start), Int(s.end))
    return h.value
  }

  private func pairKey(_ ia: Int32, _ ib: Int32) -> UInt64 {
    (UInt64(UInt32(bitPattern: ia)) << 32) | UInt64(UInt32(bitPattern: ib))
  }

  func compareDraws(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    let ia = a.facts.stream, ib = b.facts.stream
    A.ensureStream(ia)
    B.ensureStream(ib)
    let sa = A.hot[Int(ia)], sb = B.hot[Int(ib)]
    // The common case: the same line.
    if !renamed && sa.fingerprint == sb.fingerprint && Self.sameIgnoringSeqAndSource(a.view, b.view) {
      return
    }
    // Compare on the raw fields; decode only for the words of a report.
    var decodedA: DrawEvent? = nil, decodedB: DrawEvent? = nil
    func drawA() throws(TraceError) -> DrawEvent {
      if let d = decodedA { return d }
      let d = try a.draw()
      decodedA = d
      return d
    }
    func drawB() throws(TraceError) -> DrawEvent {
      if let d = decodedB { return d }
      let d = try b.draw()
      decodedB = d
      return d
    }
    var sameParameters = Self.sameRaw(a.view, b.view, .op) && Self.sameRaw(a.view, b.view, .dist)
      && Self.sameRaw(a.view, b.view, .dtype) && Self.sameRaw(a.view, b.view, .shape)
    if sameParameters && !Self.sameRaw(a.view, b.view, .params) {
      // Another order or number spelling of the same parameters is the same.
      sameParameters = try drawA().parameters.sameValues(as: try drawB().parameters)
    }
    let sameCount = a.facts.count == b.facts.count
    let sameDigest = Self.sameDigest(a.view, b.view)
    let sameStream = sa.fingerprint == sb.fingerprint
    let relA = Int64(bitPattern: a.facts.counter &- sa.start)
    let relB = Int64(bitPattern: b.facts.counter &- sb.start)
    let observed = relB &- relA
    if sameStream && observed == 0 && sameCount && sameParameters && sameDigest { return }

    let key = pairKey(ia, ib)
    var pair = pairs[key] ?? PairState(generationA: sa.generation, generationB: sb.generation)
    if pair.generationA != sa.generation || pair.generationB != sb.generation {
      pair = PairState(generationA: sa.generation, generationB: sb.generation)
    }
    var attributed: Int
    var isCause = false

    if !A.divergedDerivations.isEmpty || !B.divergedDerivations.isEmpty,
      let d = A.divergedDerivations[A.streams[Int(ia)].declaration?.id ?? ""]
        ?? B.divergedDerivations[B.streams[Int(ib)].declaration?.id ?? ""]
    {
      attributed = d
    } else if let d = pair.explainedBy {
      attributed = d
    } else if !sameStream, let kind = seedDifference(A.streams[Int(ia)].declaration, B.streams[Int(ib)].declaration) {
      if kind == .configMismatch, let d = configSwitchCause {
        attributed = d
      } else {
        attributed = try newCause(kind, a: a, b: b, draws: nil)
        isCause = true
      }
      pair.explainedBy = attributed
    } else {
      let expected = sb.ledgerTotal &- sa.ledgerTotal &+ pair.countDelta &+ pair.adjustment
      if observed != expected {
        // One run declared (reseeded) the stream more often than the other.
        let reseedA = sa.generation > sb.generation
        let reseedB = sb.generation > sa.generation
        let restored = Self.restoredSide(A.streams[Int(ia)].declaration, B.streams[Int(ib)].declaration)
        let kind = DiagnosisRules.offsetKind(reseedA: reseedA, reseedB: reseedB, restored: restored)
        attributed = try newCause(kind, a: a, b: b, draws: nil)
        isCause = true
        if attributed >= 0 {
          causes[attributed].restoredSide = restored
          causes[attributed].unexplainedUnits = observed &- expected
          causes[attributed].accountedBy = A.streams[Int(ia)].ledger.entries + B.streams[Int(ib)].ledger.entries + pair.contributors
          if kind == .stateCarryover && restored == nil {
            let reseeder = reseedA ? A : B
            let s = reseedA ? A.streams[Int(ia)] : B.streams[Int(ib)]
            var call: String? = s.reseedCall
            if call == nil, case .explicit(let c, let source)? = s.declaration?.seeding { call = source.map { "\(c) at \($0)" } ?? c }
            causes[attributed].reseedLine = (reseeder.tag, "\(reseeder.file):\(s.reseedLine)", call)
          }
        }
        pair.adjustment &+= observed &- expected
        pair.contributors.append(Contribution(
          side: observed > expected ? .b : .a, consumer: try drawB().consumer, units: observed &- expected,
          unit: B.streams[Int(ib)].declaration?.unit ?? .word32, line: b.facts.line, diagnosis: attributed))
        pair.contributorCause = earliestCause(pair.contributorCause, attributed)
      } else if observed != 0 {
        // Shifted by events already diagnosed: the earliest of them is the cause.
        attributed = earliestCause(earliestCause(sa.ledgerCause, sb.ledgerCause), pair.contributorCause)
        if attributed >= 0 && causes[attributed].firstShifted == nil {
          causes[attributed].firstShifted = (try drawB().consumer.description, a.facts.counter, b.facts.counter)
        }
      } else if !sameParameters {
        let da = try drawA(), db = try drawB()
        var change = StableHash()
        for text in [da.operation, da.distribution, db.operation, db.distribution] { change.combine(text) }
        if let d = parameterCauses[a.facts.key] {
          attributed = d
        } else if let d = parameterChanges[change.value] {
          // Another consumer changed the same way (both kernels' initializer
          // replaced by one edit): the same cause.
          attributed = d
          if parameterCauses.count < 10_000 { parameterCauses[a.facts.key] = d }
        } else {
          attributed = try newCause(.parameterMismatch, a: a, b: b, draws: nil)
          isCause = true
          if attributed >= 0 && parameterCauses.count < 10_000 { parameterCauses[a.facts.key] = attributed }
          if attributed >= 0 && parameterChanges.count < 10_000 { parameterChanges[change.value] = attributed }
        }
      } else if !configDifferences.isEmpty, let d = configSwitchCause {
        // Same stream, same counter, same parameters, other values, after the switch that says why.
        attributed = d
      } else {
        // Same stream, same counter, same parameters, different values or count.
        attributed = try newCause(configDifferences.isEmpty ? .unexplained : .configMismatch, a: a, b: b, draws: nil)
        isCause = true
        if attributed >= 0 {
          let da = try drawA(), db = try drawB()
          if let va = da.values, let vb = db.values {
            causes[attributed].numeric = NumericSummary(a: va, b: vb, shape: da.shape)
          } else {
            causes[attributed].numeric = NumericSummary(note: "values not recorded; only the digests differ (a \(da.digest ?? "-"), b \(db.digest ?? "-"))")
          }
        }
      }
    }
    if !sameCount {
      let countA = a.facts.count, countB = b.facts.count
      pair.countDelta &+= Int64(bitPattern: countB &- countA)
      if pair.contributors.count < 8 {
        pair.contributors.append(Contribution(
          side: countB > countA ? .b : .a, consumer: try drawB().consumer, units: Int64(bitPattern: countB &- countA),
          unit: B.streams[Int(ib)].declaration?.unit ?? .word32, line: b.facts.line, diagnosis: attributed))
      }
      pair.contributorCause = earliestCause(pair.contributorCause, attributed)
    }
    pairs[key] = pair
    if renamed && attributed >= 0 && isCause { causes[attributed].renamedFrom = try drawB().consumer.description }
    noteDivergence(attributed, isCause: isCause, key: a.facts.key, event: .draw,
                   what: { (try? drawA().consumer.description) ?? "?" }, place: { a.place }, aLine: a.facts.line, bLine: b.facts.line,
                   aCounter: a.facts.counter, bCounter: b.facts.counter)
    if attributed >= 0 {
      linkConsumer(key: Self.pathKey(a.view, .consumer), to: attributed)
      let seedRole = Self.isSeedRole(a.view)
      noteDrawCause(attributed, side: A, facts: a.facts, seedRole: seedRole)
      noteDrawCause(attributed, side: B, facts: b.facts, seedRole: seedRole || Self.isSeedRole(b.view))
    }
  }

  static func pathKey(_ path: String) -> UInt64 {
    var h = StableHash()
    h.combine(path)
    return h.value
  }

  /// Remembers the cause of a consumer's first divergence, so its tensors are linked to it.
  func linkConsumer(_ path: String, to cause: Int) { linkConsumer(key: Self.pathKey(path), to: cause) }

  func linkConsumer(key: UInt64, to cause: Int) {
    guard causeByConsumer.count < 100_000, causeByConsumer[key] == nil else { return }
    causeByConsumer[key] = cause
  }

  /// The kind of cause when the streams of one consumer differ in seed or
  /// generator; nil when they differ only in ways that do not change values
  /// (then counters decide).
  func seedDifference(_ a: StreamEvent?, _ b: StreamEvent?) -> DiagnosisKind? {
    guard a?.seedMaterial != b?.seedMaterial || a?.algorithm != b?.algorithm || a?.framework != b?.framework
      || a.map({ Self.seedingClass($0.seeding) }) != b.map({ Self.seedingClass($0.seeding) })
    else { return nil }
    return seedKind(a, b)
  }

  /// The kind of cause when the streams of one consumer differ in seed or
  /// generator: the first of ``DiagnosisRules/seedRules`` that decides it.
  func seedKind(_ a: StreamEvent?, _ b: StreamEvent?) -> DiagnosisKind {
    guard let a, let b else { return .seedMismatch }
    return DiagnosisRules.seedKind(a, b, configDiffers: !configDifferences.isEmpty)
  }

  func compareDerivations(_ a: Head, _ b: Head, renamed: Bool) throws(TraceError) {
    guard case .derivation(let da) = try a.event(), case .derivation(let db) = try b.event() else { return }
    // The same seed derived from other inputs (another initializer class
    // named as input) changes nothing downstream: no divergence.
    if da.rule == db.rule && NamedValue.sameValue(da.result, db.result) { return }
    var attributed: Int
    var isCause = false
    if let d = derivedValueCause(da, A) ?? derivedValueCause(db, B) {
      // Fed a seed that an earlier divergent derivation gave (a kernel's
      // seed on its way to the op): part of that divergence.
      attributed = d
    } else if let d = A.unmatchedDerivations[da.rule] ?? B.unmatchedDerivations[db.rule] {
      attributed = d
    } else if let consumer = da.consumer, let d = causeByConsumer[Self.pathKey(consumer.path)] {
      // A seed derived for a consumer whose draws already diverged is part of that divergence.
      attributed = d
    } else if let d = seedChainCause(da, db) {
      // The seed carries a value a divergent draw or derivation produced (a Keras layer seed
      // drawn with randint, passed through its SeedGenerator and TensorFlow's seed cast).
      attributed = d
    } else if let parent = try parentCause(a, b, da, db) {
      attributed = parent.cause
      isCause = parent.isNew
    } else if let d = sameShift(rule: da.rule, a: da.inputs, b: db.inputs) {
      attributed = d
    } else {
      let kind: DiagnosisKind = da.inputs.sameValues(as: db.inputs) || ConfigMismatchRule.isSwitch(da.rule)
        ? (configDifferences.isEmpty ? .unexplained : .configMismatch) : .opSeedDerivation
      attributed = try newCause(kind, a: a, b: b, draws: nil)
      isCause = true
      if attributed >= 0 {
        causes[attributed].derivationRule = da.rule
        causes[attributed].derivationInputs = (da.inputs, db.inputs)
        causes[attributed].derivationResults = (da.result, db.result)
        if kind == .configMismatch && ConfigMismatchRule.isSwitch(da.rule) && configSwitchCause == nil {
          configSwitchCause = attributed
        }
      }
    }
    if attributed >= 0 {
      noteDivergedResult(da, side: A, cause: attributed)
      noteDivergedResult(db, side: B, cause: attributed)
      for s in da.keyedStreams { A.divergedDerivations[s] = attributed }
      for s in db.keyedStreams { B.divergedDerivations[s] = attributed }
      if da.parent != nil || !da.streams.isEmpty { notePendingDerivedStreams(da, side: A, cause: attributed) }
      if db.parent != nil || !db.streams.isEmpty { notePendingDerivedStreams(db, side: B, cause: attributed) }
    }
    noteDivergence(attributed, isCause: isCause, key: a.facts.key, event: .derivation,
                   what: { "\(da.rule) seed for \(da.consumer?.description ?? "an op")" }, place: { a.place }, aLine: a.facts.line, bLine: b.facts.line)
  }

  /// An earlier `op-seed-derivation` cause of `rule` whose inputs differ in
  /// the same names, by the same amounts, as `a` and `b` do: the same shift
  /// (one more op before both, every later op counter one higher).
  func sameShift(rule: String, a: [NamedValue], b: [NamedValue]) -> Int? {
    guard let shift = Self.inputShift(a, b) else { return nil }
    for (d, c) in causes.enumerated() where c.kind == .opSeedDerivation && c.derivationRule == rule {
      if let inputs = c.derivationInputs, Self.inputShift(inputs.a, inputs.b) == shift { return d }
    }
    return nil
  }

  /// The inputs that differ, with b's value minus a's for integers (nil when
  /// the inputs differ in other ways than integer values).
  static func inputShift(_ a: [NamedValue], _ b: [NamedValue]) -> [String: Int64]? {
    // Inputs in any order: matched by name.
    let a = a.sorted { $0.name < $1.name }, b = b.sorted { $0.name < $1.name }
    guard a.map(\.name) == b.map(\.name) else { return nil }
    var shift: [String: Int64] = [:]
    for (x, y) in zip(a, b) where !NamedValue.sameValue(x.value, y.value) {
      guard let vx = Int64(x.value), let vy = Int64(y.value) else { return nil }
      shift[x.name] = vy &- vx
    }
    return shift.isEmpty ? nil : shift
  }

  func compareTensors(_ a: Head, _ b: Head) throws(TraceError) {
    guard case .tensor(let ta) = try a.event(), case .tensor(let tb) = try b.event() else { return }
    if ta.dtype == tb.dtype && ta.shape == tb.shape && TraceDigest.matches(ta.digest, tb.digest) { return }
    let nameKey = Self.pathKey(ta.name)
    var attributed: Int
    var isCause = false
    if let d = causeByConsumer[nameKey] {
      attributed = d
    } else if let first = firstCauseReachingComputation() {
      attributed = first
    } else {
      attributed = try arithmeticCause(a, b) {
        if let va = ta.values, let vb = tb.values { return NumericSummary(a: va, b: vb, shape: ta.shape) }
        return NumericSummary(note: "values not recorded; only the digests differ (a \(ta.digest), b \(tb.digest))")
      }
      isCause = true
    }
    var e = StableHash()
    e.combine(0x74)
    e.combine(nameKey)
    noteDivergence(attributed, isCause: isCause, key: e.value, event: .tensor, what: { ta.name }, place: { a.place },
                   aLine: a.facts.line, bLine: b.facts.line)
  }

  func compareMetrics(_ a: Head, _ b: Head) throws(TraceError) {
    guard case .metric(let ma) = try a.event(), case .metric(let mb) = try b.event() else { return }
    if ma.value.bitPattern == mb.value.bitPattern { return }
    var attributed: Int
    var isCause = false
    if let first = firstCauseReachingComputation() {
      attributed = first
    } else {
      attributed = try arithmeticCause(a, b) { NumericSummary(a: [ma.value], b: [mb.value], shape: []) }
      isCause = true
    }
    var e = StableHash()
    e.combine(0x6D)
    e.combine(ma.name)
    noteDivergence(attributed, isCause: isCause, key: e.value, event: .metric, what: { ma.name }, place: { a.place },
                   aLine: a.facts.line, bLine: b.facts.line)
  }

  // MARK: Unmatched events

  func processUnmatched(_ h: Head) throws(TraceError) {
    let side = h.side
    if side.tag == .a { onlyInA += 1 } else { onlyInB += 1 }
    let facts = h.facts
    let event = try h.event()
    if case .tensor(let t) = event, let owner = causeByConsumer[Self.pathKey(t.name)] {
      // The tensor of a consumer whose draw is already diagnosed (an extra
      // layer's weights), also when it moved (a kernel built later, whose
      // draw the cause shifted): an effect, not a move of its own.
      var e = StableHash()
      e.combine(0x74)
      e.combine(Self.pathKey(t.name))
      causes[owner].addEffect(key: e.value, event: .tensor, what: { t.name }, from: { h.place },
                              aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil,
                              limit: options.maxEffects)
      if options.all {
        appendDivergence(Divergence(diagnosis: owner, isCause: false, event: .tensor, what: t.name,
                                    aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil))
      }
      return
    }
    // An event both runs have, in another order (a reordered consumer, with
    // the seeds, weights and phases that moved with it).
    let moved = side.tag == .a ? windowInsertedKeys.contains(facts.key) : windowDeletedKeys.contains(facts.key)
    if moved || pendingMoves[facts.key].map({ $0.side != side.tag }) == true {
      try processMoveHalf(h, event: event)
      return
    }
    if case .derivation(let derivation) = event, let id = derivation.stream,
      let known = side.streams.first(where: { $0.declaration?.id == id }), known.line < facts.line - 1,
      let reseeded = known.declaration
    {
      // A derivation only this run has that re-keys a stream it declared
      // earlier (not just for this derivation): a reseed. It changes nothing by itself; the draws after it
      // show whether the other run carried its state over (state-carryover).
      let inputs = derivation.inputs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
      let call = "\(derivation.rule)(\(inputs))" + (derivation.source.map { " at \($0)" } ?? "")
      side.reseedNotes[Self.generatorKey(reseeded)] = (facts.line, call)
      return
    }
    if case .derivation(let derivation) = event, let d = derivedValueCause(derivation, side), d < causes.count,
      causes[d].hunkSide != side.tag
    {
      // A seed only this run derives, fed by a seed that already diverged
      // (a moved kernel's seed on its way to the op): an effect of that cause.
      noteDivergedResult(derivation, side: side, cause: d)
      for s in derivation.keyedStreams { side.divergedDerivations[s] = d }
      let what = "\(derivation.rule) seed for \(derivation.consumer?.description ?? "an op")"
      causes[d].addEffect(key: facts.key, event: .derivation, what: { what }, from: { h.place },
                          aLine: side.tag == .a ? facts.line : nil, bLine: side.tag == .b ? facts.line : nil,
                          limit: options.maxEffects)
      if options.all {
        appendDivergence(Divergence(diagnosis: d, isCause: false, event: .derivation, what: what,
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
      if causes[d].consumer == nil {
        // The hunk began with a phase, tensor or metric: its first draw is
        // the consumer and the evidence.
        causes[d].consumer = draw.consumer
        let evidence = try self.evidence(h)
        if side.tag == .a { causes[d].a = evidence } else { causes[d].b = evidence }
      }
      if draw.consumer.isDataRole || draw.distribution == "permutation" {
        causes[d].hunkDataDraws += 1
        if causes[d].hunkDataConsumers.count < 64 { causes[d].hunkDataConsumers.insert(draw.consumer.path) }
      } else if draw.consumer.role == "seed", causes[d].hunkSeedDraws.count < 64 || causes[d].hunkSeedDraws[draw.consumer.path] != nil {
        causes[d].hunkSeedDraws[draw.consumer.path, default: 0] += 1
      }
      causes[d].hunkUnits &+= draw.count
      causes[d].hunkUnit = causes[d].hunkUnit ?? s.declaration?.unit
      linkConsumer(draw.consumer.path, to: d)
      noteDrawCause(d, side: side, facts: facts, seedRole: draw.consumer.role == "seed")
      if let k = causes[d].hunkConsumers.firstIndex(where: { $0.consumer == draw.consumer }) {
        causes[d].hunkConsumers[k].units &+= draw.count
        causes[d].hunkConsumers[k].draws += 1
      } else if causes[d].hunkConsumers.count < 8 {
        causes[d].hunkConsumers.append((draw.consumer, draw.count, 1))
      }
      if let decl = s.declaration {
        if case .derived = decl.seeding, causes[d].hunkStreams.count > 0 {
          // A stream keyed by a seed the hunk derived (a mask's op): counted, not named.
          if causes[d].hunkKeyedStreams.count < 1_000 { causes[d].hunkKeyedStreams.insert(decl.id) }
        } else {
          let phrase = "\(decl.framework) \"\(decl.name)\" (\(decl.algorithm))"
          if !causes[d].hunkStreams.contains(phrase) && causes[d].hunkStreams.count < 4 { causes[d].hunkStreams.append(phrase) }
        }
        if causes[d].stream == nil { causes[d].stream = streamRole(a: side.tag == .a ? decl : nil, b: side.tag == .b ? decl : nil) }
      }
      side.ensureStream(facts.stream)
      side.streams[Int(facts.stream)].ledger.add(Contribution(
        side: side.tag, consumer: draw.consumer, units: side.tag == .b ? Int64(bitPattern: draw.count) : -Int64(bitPattern: draw.count),
        unit: s.declaration?.unit ?? .word32, line: facts.line, diagnosis: d), units: draw.count)
      side.hot[Int(facts.stream)].ledgerTotal &+= Int64(bitPattern: draw.count)
      side.hot[Int(facts.stream)].ledgerCause = earliestCause(side.hot[Int(facts.stream)].ledgerCause, d)
    case .derivation(let derivation):
      entry.what = "\(derivation.rule) seed" + (derivation.consumer.map { " for \($0.description)" } ?? "")
      causes[d].hunkDerivations += 1
      noteDivergedResult(derivation, side: side, cause: d)
      // A key only this run derives (a jax.split the other run skips): what
      // is later drawn from it is this cause's effect.
      for s in derivation.keyedStreams where side.divergedDerivations[s] == nil { side.divergedDerivations[s] = d }
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

  /// The kind of a one-sided hunk: the first of ``DiagnosisRules/hunkRules`` that decides it.
  static func hunkKind(_ c: Cause, side: TraceSide) -> DiagnosisKind { DiagnosisRules.hunkKind(c, side: side) }

  /// The open hunk of `h`'s side, an earlier hunk that began with the same
  /// consumer on the same side, or a new one.
  private func hunkCause(for h: Head) throws(TraceError) -> Int {
    if let d = openHunk[h.side.tag] { return d }
    var repeatKey = StableHash()
    switch h.facts.kind {
    case .metric:
      // A metric only one run records repeats every epoch: key it by name.
      repeatKey.combine(0x6D)
      if let s = h.view.layout[.name] { repeatKey.combine(h.view.base, Int(s.start), Int(s.end)) }
    default:
      repeatKey.combine(h.facts.key)
    }
    repeatKey.combine(h.side.tag == .a ? 1 : 2)
    let repeats = h.facts.kind == .draw || h.facts.kind == .metric
    if repeats, let d = hunkByKey[repeatKey.value] {
      openHunk[h.side.tag] = d
      return d
    }
    if h.facts.kind == .draw || h.facts.kind == .derivation, h.view.layout.has(.consumer),
      let d = try linkedHunk(h)
    {
      // A consumer only one run has (a dropout layer): its later draws and
      // seeds (a mask every batch) belong to the same cause.
      openHunk[h.side.tag] = d
      return d
    }
    let d = try newCause(h.side.tag == .a ? .missingDraw : .extraDraw, a: h.side.tag == .a ? h : nil,
                         b: h.side.tag == .b ? h : nil, draws: nil)
    if d >= 0 {
      causes[d].hunkSide = h.side.tag
      openHunk[h.side.tag] = d
      if repeats && hunkByKey.count < 10_000 { hunkByKey[repeatKey.value] = d }
    }
    return d
  }

  /// The one-sided hunk of `h`'s side that `h` (a draw or derivation)
  /// continues: the hunk of its consumer, of the layer its consumer path
  /// ends with (`sequential/dropout`'s masks continue the hunk of `dropout`,
  /// the layer's seed draw: Keras names a layer's seed by the layer and its
  /// masks by their path in the model), or, for a derivation, the hunk whose
  /// seeds it was fed.
  private func linkedHunk(_ h: Head) throws(TraceError) -> Int? {
    func ownHunk(_ d: Int?) -> Int? {
      guard let d, d >= 0, d < causes.count, causes[d].hunkSide == h.side.tag else { return nil }
      return d
    }
    if let d = ownHunk(causeByConsumer[Self.pathKey(h.view, .consumer)]) { return d }
    let event = try h.event()
    var path: String? = nil
    switch event {
    case .draw(let d): path = d.consumer.path
    case .derivation(let d): path = d.consumer?.path
    default: break
    }
    if let path {
      for suffix in Consumer.layerSuffixes(of: path) {
        if let d = ownHunk(causeByConsumer[Self.pathKey(suffix)]) { return d }
      }
    }
    if case .derivation(let derivation) = event, let d = ownHunk(derivedValueCause(derivation, h.side)) { return d }
    return nil
  }

  /// One half of a moved event: an event both runs have, in a different
  /// place. Consecutive moved events of one side form one move (one cause),
  /// and the other side's halves join it. The move's consumer and evidence
  /// are its first draw; its derivations, tensors and phases are listed with it.
  private func processMoveHalf(_ h: Head, event: TraceEvent) throws(TraceError) {
    let side = h.side
    let key = h.facts.key
    var d: Int
    if let pending = pendingMoves[key], pending.side != side.tag {
      d = pending.cause
      pendingMoves[key] = nil
      movePending[d, default: 1] -= 1
    } else {
      if let open = openMove[side.tag] {
        d = open
      } else if let last = lastMove[side.tag], movePending[last, default: 0] > 0 {
        d = last
      } else {
        d = try newCause(.reorderedDraws, a: nil, b: nil, draws: nil)
        if d >= 0 { causes[d].place = h.place }
        lastMove[side.tag] = d
      }
      if pendingMoves.count < 10_000 {
        pendingMoves[key] = (d, side.tag)
        movePending[d, default: 0] += 1
      }
    }
    openMove[side.tag] = d
    var entry = HunkEntry(side: side.tag, event: h.facts.kind, what: "", line: h.facts.line)
    switch event {
    case .draw(let draw):
      let s = side.stream(h.facts.stream)
      entry.what = draw.consumer.description
      entry.counter = draw.counter
      entry.count = draw.count
      entry.unit = s.declaration?.unit
      if d >= 0 {
        if causes[d].consumer == nil {
          // The move's first draw names it.
          causes[d].consumer = draw.consumer
          causes[d].kind = draw.consumer.isDataRole ? .dataOrder : .reorderedDraws
          causes[d].moveKey = key
          if let decl = s.declaration { causes[d].stream = streamRole(a: decl, b: decl) }
        }
        if causes[d].moveKey == key, (side.tag == .a ? causes[d].a : causes[d].b) == nil {
          // The first draw with the move's key on each side is its evidence.
          let evidence = try self.evidence(h)
          if side.tag == .a { causes[d].a = evidence; causes[d].moveCounters.a = draw.counter } else {
            causes[d].b = evidence
            causes[d].moveCounters.b = draw.counter
          }
        }
        linkConsumer(draw.consumer.path, to: d)
        noteDrawCause(d, side: side, facts: h.facts, seedRole: draw.consumer.role == "seed")
      }
      side.ensureStream(h.facts.stream)
      side.streams[Int(h.facts.stream)].ledger.add(Contribution(
        side: side.tag, consumer: draw.consumer,
        units: side.tag == .b ? Int64(bitPattern: draw.count) : -Int64(bitPattern: draw.count),
        unit: s.declaration?.unit ?? .word32, line: h.facts.line, diagnosis: d), units: draw.count)
      side.hot[Int(h.facts.stream)].ledgerTotal &+= Int64(bitPattern: draw.count)
      side.hot[Int(h.facts.stream)].ledgerCause = earliestCause(side.hot[Int(h.facts.stream)].ledgerCause, d)
    case .derivation(let derivation):
      entry.what = "\(derivation.rule) seed" + (derivation.consumer.map { " for \($0.description)" } ?? "")
      // Streams keyed by a moved seed draw what the move gives them, and
      // derivations fed its result are its effects.
      if d >= 0, let s = derivation.stream { side.divergedDerivations[s] = d }
      noteDivergedResult(derivation, side: side, cause: d)
    case .tensor(let t):
      entry.what = "\(t.name) (\(t.moment))"
    case .metric(let m):
      entry.what = m.name + (m.epoch.map { " (epoch \($0))" } ?? "")
    case .phase(let p):
      entry.what = p.phase + (p.index.map { " \($0)" } ?? "") + (p.name.map { " \($0)" } ?? "") + " \(p.edge.rawValue)"
    case .stream, .header:
      break
    }
    if d >= 0 {
      causes[d].hunkSize += 1
      // The moved draws are listed (the first 12); seeds, tensors and phases that moved with them are counted.
      if h.facts.kind == .draw && causes[d].hunk.count < 12 { causes[d].hunk.append(entry) }
    }
    if options.all {
      appendDivergence(Divergence(
        diagnosis: d, isCause: true, event: h.facts.kind, what: entry.what,
        aLine: side.tag == .a ? h.facts.line : nil, bLine: side.tag == .b ? h.facts.line : nil,
        aCounter: side.tag == .a ? entry.counter : nil, bCounter: side.tag == .b ? entry.counter : nil))
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
    var cause = Cause(kind: kind, place: (a ?? b)?.place ?? "start")
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
    _ d: Int, isCause: Bool, key: UInt64, event: TraceEventKind, what: () -> String, place: () -> String, aLine: Int,
    bLine: Int, aCounter: UInt64? = nil, bCounter: UInt64? = nil
  ) {
    if d >= 0 && !isCause {
      causes[d].addEffect(key: key, event: event, what: what, from: place, aLine: aLine, bLine: bLine,
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
