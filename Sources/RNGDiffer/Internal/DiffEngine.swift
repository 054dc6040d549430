#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RNGTrace

/// The streaming diff: reads both traces side by side, matches events by
/// consumer, aligns a bounded window around structural differences, and
/// builds causes with their effects.
final class DiffEngine {
  let A: Side
  let B: Side
  let options: DiffOptions

  @exclusivity(unchecked) var causes: [Cause] = []
  var omittedDiagnoses = 0
  @exclusivity(unchecked) var divergences: [Divergence] = []
  var omittedDivergences = 0
  @exclusivity(unchecked) var matchedEvents = 0
  @exclusivity(unchecked) var onlyInA = 0
  @exclusivity(unchecked) var onlyInB = 0
  var configDifferences: [ConfigDifference] = []
  @exclusivity(unchecked) var pairs: [UInt64: PairState] = [:]
  /// Open one-sided hunks, by side.
  @exclusivity(unchecked) var openHunk: [TraceSide: Int] = [:]
  /// Open moves (a run of reordered events), by side: the next moved event
  /// of the run joins the same cause.
  @exclusivity(unchecked) var openMove: [TraceSide: Int] = [:]
  /// The last move each side started, and how many of its events still
  /// wait for their other half: later moved events of the same side join it
  /// while it waits, even across events that matched in between (a zeros
  /// bias matches wherever it is).
  var lastMove: [TraceSide: Int] = [:]
  var movePending: [Int: Int] = [:]
  /// Queue offsets (relative to the window's start) of moved events that
  /// change nothing: the same line, apart from `seq` and `source`, on both
  /// sides. They are counted as matched and not diagnosed.
  var harmlessA: Set<Int> = []
  var harmlessB: Set<Int> = []
  /// Reordered consumers seen on one side only so far: key → (cause, side).
  var pendingMoves: [UInt64: (cause: Int, side: TraceSide)] = [:]
  /// Parameter mismatches by consumer key: later draws of the same consumer are its effects.
  @exclusivity(unchecked) var parameterCauses: [UInt64: Int] = [:]
  /// Parameter mismatches by the change (operation and distribution in a and
  /// in b): another consumer changed the same way is the same cause.
  var parameterChanges: [UInt64: Int] = [:]
  /// The `config-mismatch` cause of a configuration switch both runs made
  /// differently (`jax.config.update`): a later draw whose stream or values
  /// differ only as that configuration says is its effect, not a new cause.
  var configSwitchCause: Int?
  /// One-sided hunks by the key of their first draw and their side: a hunk
  /// that repeats (an extra shuffle every epoch) joins the first one.
  @exclusivity(unchecked) var hunkByKey: [UInt64: Int] = [:]
  /// Causes by consumer path hash, so a weight's tensor is linked to its draw.
  @exclusivity(unchecked) var causeByConsumer: [UInt64: Int] = [:]
  /// Keys that appear unmatched on each side in the window being committed.
  var windowDeletedKeys: Set<UInt64> = []
  var windowInsertedKeys: Set<UInt64> = []
  /// Events of a trace past the point where the other was cut off.
  var uncomparedA = 0
  var uncomparedB = 0
  /// A model scope learned for one run (`sequential`): its draws' and
  /// tensors' paths are aligned without it (see DiffEngine+ModelScope).
  var modelScope: [TraceSide: String] = [:]
  /// Pairs matched across the model scope, and the first one's names.
  var scopeRenames = 0
  var scopeExample: (a: String, b: String)?
  /// Lines of B mirrored from A's scan since B last read one on its own.
  @exclusivity(unchecked) var mirroredInARow = 0

  init(a: TraceReader, b: TraceReader, options: DiffOptions) {
    A = Side(reader: a, tag: .a)
    B = Side(reader: b, tag: .b)
    self.options = options
  }

  func side(_ tag: TraceSide) -> Side { tag == .a ? A : B }

  // MARK: Main loop

  func run() throws(TraceError) -> DiffReport {
    configDifferences = Self.configDifferences(A.reader.header, B.reader.header)
    while true {
      if A.headIsBorrowed && B.headIsBorrowed { try fastLockstep() }
      try processSideLocal(A)
      try processSideLocal(B)
      let hasA = try A.hasHead()
      let hasB = try B.hasHead()
      if !hasA && !hasB { break }
      if !hasA || !hasB {
        let ended = hasA ? B : A
        let other = hasA ? A : B
        if ended.reader.isTruncated {
          // The ended trace was cut off: what the other has beyond is not compared.
          try countUncompared(other)
          break
        }
        try other.withHead { (h: Head) throws(TraceError) in try processUnmatched(h) }
        other.consume()
        continue
      }
      if A.headKey == B.headKey {
        try A.withHead { (a: Head) throws(TraceError) in
          try B.withHead { (b: Head) throws(TraceError) in try processMatched(a, b, renamed: false) }
        }
        A.consume()
        B.consume()
      } else {
        try alignWindow()
      }
    }
    return finish()
  }

  /// The common case, on the readers' own buffers: while both traces have
  /// byte-identical lines (and draws on streams that give the same values),
  /// nothing needs decoding; nor while the lines differ only in `seq` and
  /// `source` (after an insertion upstream). Returns at the first line that
  /// needs a look.
  private func fastLockstep() throws(TraceError) {
    let a = A.reader, b = B.reader
    while try A.hasHead() {
      let kind = a.facts.kind
      var identical: Bool
      if B.readerHasCurrent {
        // B already has a head: compare the two lines.
        let la = a.currentLine, lb = b.currentLine
        identical = b.facts.kind == kind && la.count == lb.count && memcmp(la.base, lb.base, la.count) == 0
      } else {
        // B reads its next line, without scanning it when it equals A's.
        guard let mirrored = try B.advanceMirroring(A) else { return }
        identical = mirrored
        if mirrored {
          mirroredInARow += 1
          // In step for a while: B's lines will be mirrored, so its
          // read-ahead thread need not scan them (it still splits them).
          if mirroredInARow == 4096 { b.setScanAhead(false) }
        } else {
          // Out of step: B's read-ahead thread scans again.
          mirroredInARow = 0
          b.setScanAhead(true)
        }
      }
      if kind == .stream { return }
      if !identical && !(b.facts.kind == kind && Self.sameUpToSeqAndSource(kind, a, b)) { return }
      if kind == .draw {
        let ia = Int(a.facts.stream), ib = Int(b.facts.stream)
        guard ia < A.hot.count, ib < B.hot.count, A.hot[ia].fingerprint == B.hot[ib].fingerprint else { return }
      }
      if !openHunk.isEmpty { openHunk.removeAll(keepingCapacity: true) }
      if !openMove.isEmpty { openMove.removeAll(keepingCapacity: true) }
      matchedEvents += 1
      A.consumeBorrowed()
      B.consumeBorrowed()
    }
  }

  /// Whether the two current lines pair up and compare equal exactly as
  /// ``processMatched(_:_:renamed:)`` would find: phases with the same key,
  /// draws whose lines differ only in `seq` and `source` (so their consumers
  /// and keys are the same too).
  private static func sameUpToSeqAndSource(_ kind: TraceEventKind, _ a: TraceReader, _ b: TraceReader) -> Bool {
    switch kind {
    case .phase:
      return a.currentKey() == b.currentKey()
    case .draw:
      let la = a.currentLine, lb = b.currentLine
      return Self.sameIgnoringSeqAndSource(
        LineView(base: la.base, count: la.count, layout: a.layout), LineView(base: lb.base, count: lb.count, layout: b.layout))
    default:
      return false
    }
  }

  /// Stream declarations belong to one trace; they are applied in order and never aligned.
  private func processSideLocal(_ side: Side) throws(TraceError) {
    while try side.hasHead(), side.headFacts.kind == .stream {
      try side.withHead { (h: Head) throws(TraceError) in try processStream(h) }
      side.consume()
    }
  }

  private func countUncompared(_ side: Side) throws(TraceError) {
    var n = 0
    while try side.hasHead() {
      n += 1
      side.consume()
    }
    if side.tag == .a { uncomparedA = n } else { uncomparedB = n }
  }

  // MARK: Window alignment

  /// Reads a window ahead on both sides, aligns it, and processes the part
  /// of the alignment that the rest of the traces cannot change.
  private func alignWindow() throws(TraceError) {
    var window = max(options.window, 16)
    var indexA: [Int] = [], indexB: [Int] = []
    var keysA: [UInt64] = [], keysB: [UInt64] = []
    var ops: [AlignOp] = []
    while true {
      try A.fill(window, maxBytes: options.windowBytes)
      try B.fill(window, maxBytes: options.windowBytes)
      indexA.removeAll(keepingCapacity: true)
      indexB.removeAll(keepingCapacity: true)
      keysA.removeAll(keepingCapacity: true)
      keysB.removeAll(keepingCapacity: true)
      var secondA: [UInt64] = [], secondB: [UInt64] = []
      for k in 0..<A.queuedCount where A.queuedFacts(k).kind != .stream {
        indexA.append(k)
        keysA.append(modelScope.isEmpty ? A.queuedFacts(k).key : try A.withQueued(k) { (h: Head) throws(TraceError) in scopedKey(h) })
        secondA.append(try A.withQueued(k) { (h: Head) throws(TraceError) in secondaryKey(h) })
      }
      for k in 0..<B.queuedCount where B.queuedFacts(k).kind != .stream {
        indexB.append(k)
        keysB.append(modelScope.isEmpty ? B.queuedFacts(k).key : try B.withQueued(k) { (h: Head) throws(TraceError) in scopedKey(h) })
        secondB.append(try B.withQueued(k) { (h: Head) throws(TraceError) in secondaryKey(h) })
      }
      ops = Aligner.align(keysA, keysB, secondaryA: secondA, secondaryB: secondB)
      if try learnModelScope(ops, indexA: indexA, indexB: indexB, secondaryA: secondA, secondaryB: secondB) {
        // One run names its events under a model scope the other does not use: align without it.
        for (n, k) in indexA.enumerated() { keysA[n] = try A.withQueued(k) { (h: Head) throws(TraceError) in scopedKey(h) } }
        for (n, k) in indexB.enumerated() { keysB[n] = try B.withQueued(k) { (h: Head) throws(TraceError) in scopedKey(h) } }
        ops = Aligner.align(keysA, keysB, secondaryA: secondA, secondaryB: secondB)
      }
      // No event in common: the displacement is larger than the window.
      // Look further (up to the limits) before calling everything one-sided.
      let anyMatch = ops.contains { if case .deleteA = $0 { return false }; if case .insertB = $0 { return false }; return true }
      let grew = A.queuedCount >= window || B.queuedCount >= window
      if anyMatch || !grew || window >= options.maxWindow || A.exhausted && B.exhausted { break }
      window = min(window * 2, options.maxWindow)
    }
    ops = try uncrossSameKeyPairs(ops, indexA: indexA, indexB: indexB, keysA: keysA, keysB: keysB)
    // Unmatched keys on both sides are moves (reordered consumers).
    windowDeletedKeys.removeAll(keepingCapacity: true)
    windowInsertedKeys.removeAll(keepingCapacity: true)
    for op in ops {
      if case .deleteA(let i) = op { windowDeletedKeys.insert(keysA[i]) }
      if case .insertB(let j) = op { windowInsertedKeys.insert(keysB[j]) }
    }
    try findHarmlessMoves(ops, indexA: indexA, indexB: indexB, keysA: keysA, keysB: keysB)
    // Only the first half of a window is final unless the trace has ended there.
    let truncatedA = A.exhausted && A.reader.isTruncated
    let truncatedB = B.exhausted && B.reader.isTruncated
    let limitA = A.exhausted ? Int.max : window / 2
    let limitB = B.exhausted ? Int.max : window / 2
    // A trace that was cut off: commit nothing of the other beyond its last event.
    var lastOpA = -1, lastOpB = -1
    for (n, op) in ops.enumerated() {
      switch op {
      case .match, .renamed: lastOpA = n; lastOpB = n
      case .deleteA: lastOpA = n
      case .insertB: lastOpB = n
      }
    }
    var doneA = 0, doneB = 0  // queue offsets processed (relative to the queue head at entry)
    var committed = 0
    for (n, op) in ops.enumerated() {
      if truncatedA && n > lastOpA { break }
      if truncatedB && n > lastOpB { break }
      var ia: Int? = nil, ib: Int? = nil
      switch op {
      case .match(let i, let j), .renamed(let i, let j): ia = i; ib = j
      case .deleteA(let i): ia = i
      case .insertB(let j): ib = j
      }
      if let ia, indexA[ia] >= limitA, committed > 0 { break }
      if let ib, indexB[ib] >= limitB, committed > 0 { break }
      // Stream declarations before these events.
      if let ia { try processQueuedSideLocal(A, upTo: indexA[ia], done: &doneA) }
      if let ib { try processQueuedSideLocal(B, upTo: indexB[ib], done: &doneB) }
      switch op {
      case .match, .renamed:
        let renamed: Bool
        if case .renamed = op { renamed = true } else { renamed = false }
        try A.withQueued(indexA[ia!] - doneA) { (a: Head) throws(TraceError) in
          try B.withQueued(indexB[ib!] - doneB) { (b: Head) throws(TraceError) in
            // Paired by their keys without the model scope: the names differ.
            if !renamed && a.facts.key != b.facts.key { noteScopeRename(try a.event(), try b.event()) }
            try processMatched(a, b, renamed: renamed)
          }
        }
        A.consume(); doneA += 1
        B.consume(); doneB += 1
      case .deleteA:
        if harmlessA.contains(indexA[ia!]) {
          skipHarmless(countsPair: true)
        } else {
          try A.withQueued(indexA[ia!] - doneA) { (h: Head) throws(TraceError) in try processUnmatched(h) }
        }
        A.consume(); doneA += 1
      case .insertB:
        if harmlessB.contains(indexB[ib!]) {
          skipHarmless(countsPair: false)
        } else {
          try B.withQueued(indexB[ib!] - doneB) { (h: Head) throws(TraceError) in try processUnmatched(h) }
        }
        B.consume(); doneB += 1
      }
      committed += 1
    }
    if committed == 0 {
      // Only stream declarations are queued (or nothing could be committed):
      // the main loop applies them.
      try processSideLocal(A)
      try processSideLocal(B)
    }
    windowDeletedKeys.removeAll(keepingCapacity: true)
    windowInsertedKeys.removeAll(keepingCapacity: true)
    harmlessA.removeAll(keepingCapacity: true)
    harmlessB.removeAll(keepingCapacity: true)
  }

  /// Pairs the window's moved events (a key unmatched on both sides, first
  /// with first) and keeps those whose lines are the same apart from `seq`
  /// and `source`: an event that only changed its place among events of
  /// other streams (a seed drawn before instead of after another layer's
  /// kernel) gives the same values and is no divergence.
  private func findHarmlessMoves(_ ops: [AlignOp], indexA: [Int], indexB: [Int], keysA: [UInt64], keysB: [UInt64]) throws(TraceError) {
    harmlessA.removeAll(keepingCapacity: true)
    harmlessB.removeAll(keepingCapacity: true)
    var deleted: [UInt64: [Int]] = [:]
    var inserted: [UInt64: [Int]] = [:]
    for op in ops {
      if case .deleteA(let i) = op, windowInsertedKeys.contains(keysA[i]) { deleted[keysA[i], default: []].append(indexA[i]) }
      if case .insertB(let j) = op, windowDeletedKeys.contains(keysB[j]) { inserted[keysB[j], default: []].append(indexB[j]) }
    }
    // Comparisons spent looking past the first candidate (bounded, so a
    // large block of moved events that differ costs what it did before).
    var budget = 4_096
    for (key, offsetsA) in deleted {
      guard var offsetsB = inserted[key] else { continue }
      for qa in offsetsA {
        // Its partner: the first of b's moved events with this key that is
        // the same event (the same line apart from seq and source, the same
        // event in another encoding, or the same apart from the model scope).
        var partner: Int? = nil
        let candidates = budget > 0 ? 64 : 1
        for (n, qb) in offsetsB.prefix(candidates).enumerated() {
          if n > 0 { budget -= 1 }
          let same = try A.withQueued(qa) { (a: Head) throws(TraceError) -> Bool in
            try B.withQueued(qb) { (b: Head) throws(TraceError) -> Bool in
              if Self.sameIgnoringSeqAndSource(a.view, b.view) { return true }
              if try a.event().isEquivalent(to: b.event()) { return true }
              return try sameUpToScope(a, b)
            }
          }
          if same { partner = n; break }
        }
        guard let n = partner else {
          if budget <= 0 { break }
          continue
        }
        harmlessA.insert(qa)
        harmlessB.insert(offsetsB.remove(at: n))
      }
    }
  }

  /// A harmless move's half: closes open hunks and moves; the pair counts
  /// as one matched event.
  private func skipHarmless(countsPair: Bool) {
    openHunk.removeAll(keepingCapacity: true)
    openMove.removeAll(keepingCapacity: true)
    if countsPair { matchedEvents += 1 }
  }

  /// Applies queued stream declarations that come before queue offset `index`.
  private func processQueuedSideLocal(_ side: Side, upTo index: Int, done: inout Int) throws(TraceError) {
    while done < index {
      precondition(side.queuedFacts(0).kind == .stream, "aligned events must be processed in order")
      try side.withQueued(0) { (h: Head) throws(TraceError) in try processStream(h) }
      side.consume()
      done += 1
    }
  }

  /// A key that ignores names: the same kind of draw by the same role.
  private func secondaryKey(_ h: Head) -> UInt64 {
    var hash = StableHash()
    hash.combine(UInt64(h.facts.kind.hashValueStable))
    let view = h.view
    func add(_ field: FieldID) {
      if let span = view.layout[field] { hash.combine(view.base, Int(span.start), Int(span.end)) } else { hash.combine(0) }
    }
    switch h.facts.kind {
    case .draw:
      for f in [FieldID.role, .op, .dist, .params, .dtype, .shape] { add(f) }
    case .tensor:
      for f in [FieldID.moment, .index, .dtype, .shape] { add(f) }
    case .derivation:
      add(.rule)
    default:
      return h.facts.key
    }
    return hash.value
  }
}

extension TraceEventKind {
  /// A number per kind that is the same in every process.
  var hashValueStable: Int {
    switch self {
    case .header: return 1
    case .stream: return 2
    case .derivation: return 3
    case .draw: return 4
    case .tensor: return 5
    case .metric: return 6
    case .phase: return 7
    }
  }
}
