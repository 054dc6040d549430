import RNGTrace

/// One event of one trace as the engine sees it: the line, where its fields
/// are, the reader's facts, and the decoded event when the reader already
/// decoded it. Valid only inside the closure that received it.
struct Head {
  let view: LineView
  let facts: RecordFacts
  let cached: TraceEvent?
  let side: Side
  /// Where in the run the event is, for records read ahead (nil: the reader's place).
  let snapshot: String?

  /// Where in the run the event is: `"epoch 2"`, `"build"`.
  var place: String { snapshot ?? side.reader.context.coarseDescription }

  /// The decoded event.
  func event() throws(TraceError) -> TraceEvent {
    if let cached { return cached }
    if snapshot == nil { return try side.reader.decodeCurrent() }
    do {
      return try view.event(facts.kind)
    } catch {
      throw TraceError(.malformed, file: side.file, line: facts.line, column: error.offset + 1, message: "expected \(error.expected)")
    }
  }

  /// The decoded draw (callers know the kind).
  func draw() throws(TraceError) -> DrawEvent {
    guard case .draw(let d) = try event() else { preconditionFailure("not a draw") }
    return d
  }
}

/// A line copied out of the reader's buffer, for the alignment window.
struct OwnedRecord {
  /// The line's bytes plus the reader's 0 sentinel. (The field layout is
  /// found again by scanning when needed: it is larger than most lines.)
  var bytes: [UInt8]
  var count: Int
  /// The reader's facts, with the alignment key filled in.
  var facts: RecordFacts
  var event: TraceEvent?
  /// Where in the run it was read.
  var place: String
}

/// What the engine knows about one stream of one trace, as of the events
/// processed so far.
struct SideStream {
  var declaration: StreamEvent?
  var line = 0
  /// Incremented by every declaration after the first (a reseed).
  var generation: UInt32 = 0
  /// Equal for streams that produce the same values (names and sources ignored).
  var fingerprint: UInt64 = 0
  /// Draws only this run has on this stream since its last declaration.
  var ledger = Ledger()
  var reseedLine = 0
  /// The seeding call of a reseed announced by a derivation (`keras.utils.set_random_seed(seed=1337) at a.py:22`).
  var reseedCall: String?
}

/// The numbers of ``SideStream`` that every draw comparison reads.
struct HotStream {
  var fingerprint: UInt64 = 0
  /// The counter the stream was (re)declared at.
  var start: UInt64 = 0
  var generation: UInt32 = 0
  /// Units of one-sided draws since the last declaration.
  var ledgerTotal: Int64 = 0
  /// The earliest cause among those draws, or -1.
  var ledgerCause = -1
}

/// Units consumed on a stream by events the other run does not have (or
/// has with another count), with the first few of them by name.
struct Ledger {
  /// Units this run consumed in draws the other run lacks (always >= 0).
  var total: Int64 = 0
  var entries: [Contribution] = []
  var omitted = 0

  /// Adds a one-sided draw of `units` (its contribution carries the sign
  /// used in reports: positive moves b ahead, negative moves a ahead).
  mutating func add(_ c: Contribution, units: UInt64) {
    total &+= Int64(bitPattern: units)
    if entries.count < 8 { entries.append(c) } else { omitted += 1 }
  }
}

/// One trace being read by the engine: its reader, the events read ahead
/// for alignment, and per-stream state.
final class Side {
  let reader: TraceReader
  let tag: TraceSide
  var file: String { reader.name }

  /// Records read ahead (owned copies), from `queueHead` on.
  @exclusivity(unchecked) private(set) var queue: [OwnedRecord] = []
  @exclusivity(unchecked) private(set) var queueHead = 0
  /// Whether the reader's current record is the unconsumed head.
  @exclusivity(unchecked) private(set) var readerHasCurrent = false
  @exclusivity(unchecked) private(set) var atEnd = false

  @exclusivity(unchecked) var streams: [SideStream] = []
  /// The few numbers per stream the hot paths read, apart from `streams`
  /// so they copy a few bytes rather than a whole record.
  @exclusivity(unchecked) var hot: [HotStream] = []
  /// Events consumed (processed) so far.
  @exclusivity(unchecked) var consumed = 0
  /// Stream ids whose seeds came from a derivation that diverged, with the diagnosis.
  var divergedDerivations: [String: Int] = [:]
  /// Stream ids seeded from a drawn value or keyed by a split whose parent
  /// diverged, with the diagnosis: their declarations are listed among its effects.
  var derivedStreamCauses: [String: Int] = [:]
  /// The last divergent draws, with their diagnosis, so a stream seeded
  /// from one of them (`"how":"drawn"`) is an effect of it.
  @exclusivity(unchecked) var recentDrawCauses = DrawCauseRing()
  /// Divergent draws of role `seed` by stream index and counter, and by
  /// `seq`, with their diagnosis (at most ``DiffEngine/drawCauseLimit`` each).
  var drawCauses: [DrawPlace: Int] = [:]
  var drawCausesBySeq: [UInt64: Int] = [:]
  /// Derivations only this run has, by rule, with their diagnosis.
  var unmatchedDerivations: [String: Int] = [:]
  /// The seed numbers in the results of this run's divergent derivations,
  /// with their diagnosis: a later derivation fed one of them is its effect
  /// (see ``DiffEngine/derivedValueCause(_:_:)``).
  var divergedValues: [Substring: Int] = [:]
  /// Per generator (framework and name), how often it was declared: a new
  /// stream id for a generator already declared is a reseed (recorders
  /// that give each seeding its own id, `python.global#2`).
  var nameGenerations: [String: UInt32] = [:]
  /// Reseeds announced by a derivation only this run has, by generator,
  /// waiting for the declaration they make.
  var reseedNotes: [String: (line: Int, call: String)] = [:]
  /// Bytes held in the queue.
  private(set) var queuedBytes = 0
  /// Reused for re-scanning queued lines.
  private let scratchStorage = LayoutStorage()

  init(reader: TraceReader, tag: TraceSide) {
    self.reader = reader
    self.tag = tag
  }

  var queuedCount: Int { queue.count - queueHead }

  /// Whether there is a head event; reads the next record when needed.
  func hasHead() throws(TraceError) -> Bool {
    if queueHead < queue.count || readerHasCurrent { return true }
    if atEnd { return false }
    if try reader.advance() {
      readerHasCurrent = true
      return true
    }
    atEnd = true
    return false
  }

  /// The head's facts (requires `hasHead()`).
  var headFacts: RecordFacts { queueHead < queue.count ? queue[queueHead].facts : reader.facts }

  /// The head's alignment key (requires `hasHead()`).
  var headKey: UInt64 { queueHead < queue.count ? queue[queueHead].facts.key : reader.currentKey() }

  /// Whether the head is the reader's current record (nothing read ahead).
  var headIsBorrowed: Bool { queueHead >= queue.count }

  /// Calls `body` with the head event.
  func withHead<R>(_ body: (Head) throws(TraceError) -> R) throws(TraceError) -> R {
    if queueHead < queue.count { return try withQueued(0, body) }
    // The reader's current record, borrowed (decoded only when asked).
    let line = reader.currentLine
    return try body(Head(view: LineView(base: line.base, count: line.count, layout: reader.layout), facts: reader.facts,
                         cached: nil, side: self, snapshot: nil))
  }

  /// Calls `body` with the queued record `offset` places after the head.
  func withQueued<R>(_ offset: Int, _ body: (Head) throws(TraceError) -> R) throws(TraceError) -> R {
    let k = queueHead + offset
    let record = queue[k]
    var result: Result<R, TraceError>? = nil
    record.bytes.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(base: buffer.baseAddress!, count: record.count)
      var layout = scratchStorage.layout
      // The line was scanned once already, so this cannot fail.
      try? cursor.scanEventObject(into: &layout)
      let view = LineView(base: buffer.baseAddress!, count: record.count, layout: layout)
      do throws(TraceError) {
        result = .success(try body(Head(view: view, facts: record.facts, cached: record.event, side: self, snapshot: record.place)))
      } catch {
        result = .failure(error)
      }
    }
    return try result!.get()
  }

  /// Facts of the queued record `offset` places after the head.
  func queuedFacts(_ offset: Int) -> RecordFacts { queue[queueHead + offset].facts }

  /// Reads the next record, taking `other`'s scan when the line is
  /// byte-identical to `other`'s current one. True when mirrored, false when
  /// read on its own, nil at the end. Requires nothing queued and no head.
  func advanceMirroring(_ other: Side) throws(TraceError) -> Bool? {
    if atEnd { return nil }
    guard let mirrored = try reader.advanceMirroring(other.reader) else {
      atEnd = true
      return nil
    }
    readerHasCurrent = true
    return mirrored
  }

  /// Drops the reader's current record (the fast path, nothing queued).
  @inline(__always)
  func consumeBorrowed() {
    consumed += 1
    readerHasCurrent = false
    reader.doneWithCurrent()
  }

  /// Drops the head.
  func consume() {
    consumed += 1
    if queueHead < queue.count {
      queuedBytes -= queue[queueHead].count
      queueHead += 1
      if queueHead == queue.count {
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
      } else if queueHead > 4096 && queueHead * 2 > queue.count {
        queue.removeFirst(queueHead)
        queueHead = 0
      }
    } else {
      readerHasCurrent = false
      reader.doneWithCurrent()
    }
  }

  /// Reads ahead until `count` records are queued (or the limits or the end are reached).
  func fill(_ count: Int, maxBytes: Int) throws(TraceError) {
    while queuedCount < count && (queuedBytes < maxBytes || queuedCount < 2) {
      if !readerHasCurrent {
        if atEnd { return }
        guard try reader.advance() else {
          atEnd = true
          return
        }
        readerHasCurrent = true
      }
      let cached: TraceEvent? = reader.facts.kind == .draw ? nil : try reader.decodeCurrent()
      _ = reader.currentKey()
      let facts = reader.facts
      let place = reader.context.coarseDescription
      let line = reader.currentLine
      let bytes = Array(UnsafeBufferPointer(start: line.base, count: line.count + 1))
      queue.append(OwnedRecord(bytes: bytes, count: line.count, facts: facts, event: cached, place: place))
      queuedBytes += line.count
      readerHasCurrent = false
    }
  }

  /// Whether everything of this trace has been read into the queue.
  var exhausted: Bool { atEnd && !readerHasCurrent }

  /// The engine's state for the reader's stream `index` (grown on demand).
  func stream(_ index: Int32) -> SideStream {
    let k = Int(index)
    return k >= 0 && k < streams.count ? streams[k] : SideStream()
  }

  /// The index of the stream declared with `id`, if any.
  func streamIndex(id: String) -> Int32? {
    streams.firstIndex { $0.declaration?.id == id }.map { Int32($0) }
  }

  func ensureStream(_ index: Int32) {
    let k = Int(index)
    if k >= streams.count {
      streams.append(contentsOf: repeatElement(SideStream(), count: k - streams.count + 1))
      hot.append(contentsOf: repeatElement(HotStream(), count: k - hot.count + 1))
    }
  }
}

/// A draw's place: its stream (by index) and counter.
struct DrawPlace: Hashable {
  var stream: Int32
  var counter: UInt64
}

/// The last ``capacity`` divergent draws of one trace, with their diagnosis:
/// a fixed ring, so remembering a draw costs one store.
struct DrawCauseRing {
  static let capacity = 256

  struct Entry {
    var seq: UInt64?
    var place: DrawPlace
    var cause: Int
  }

  private var entries: [Entry] = []
  private var next = 0

  /// Remembers `entry`, forgetting the oldest when full.
  @inline(__always)
  mutating func add(_ entry: Entry) {
    if entries.count < Self.capacity {
      entries.append(entry)
    } else {
      entries[next] = entry
    }
    next = (next + 1) % Self.capacity
  }

  /// The cause of the newest remembered draw with `seq`, or at `place`.
  func cause(seq: UInt64?, place: DrawPlace?) -> Int? {
    guard seq != nil || place != nil else { return nil }
    var k = next
    for _ in 0..<entries.count {
      k = (k + entries.count - 1) % entries.count
      let e = entries[k]
      if let seq, e.seq == seq { return e.cause }
      if let place, e.place == place { return e.cause }
    }
    return nil
  }
}
