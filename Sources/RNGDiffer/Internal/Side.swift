import RNGTrace

/// One event of one trace as the engine sees it: the line, where its fields
/// are, the reader's facts, and the decoded event when the reader already
/// decoded it. Valid only inside the closure that received it.
struct Head {
  let view: LineView
  let facts: RecordFacts
  let cached: TraceEvent?
  let side: Side

  /// The decoded event.
  func event() throws(TraceError) -> TraceEvent {
    if let cached { return cached }
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
  var facts: RecordFacts
  var event: TraceEvent?
}

/// What the engine knows about one stream of one trace, as of the events
/// processed so far.
struct SideStream {
  var declaration: StreamEvent?
  var line = 0
  /// Incremented by every declaration after the first (a reseed).
  var generation: UInt32 = 0
  /// The generation when a draw on this stream was last matched with the other run.
  var matchedGeneration: UInt32 = 0
  /// Equal for streams that produce the same values (names and sources ignored).
  var fingerprint: UInt64 = 0
  /// Draws only this run has on this stream since its last declaration.
  var ledger = Ledger()
  /// The line of the last draw processed on this stream.
  var lastDrawLine = 0
  var reseedLine = 0
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
  private(set) var queue: [OwnedRecord] = []
  private(set) var queueHead = 0
  /// Whether the reader's current record is the unconsumed head.
  private var readerHasCurrent = false
  private(set) var atEnd = false

  var streams: [SideStream] = []
  var context = PhaseContext()
  /// Events consumed (processed) so far.
  var consumed = 0
  /// Stream ids whose seeds came from a derivation that diverged, with the diagnosis.
  var divergedDerivations: [String: Int] = [:]
  /// Derivations only this run has, by rule, with their diagnosis.
  var unmatchedDerivations: [String: Int] = [:]
  /// Bytes held in the queue.
  private(set) var queuedBytes = 0
  /// Reused for re-scanning queued lines.
  private var scratch = LineLayout()

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

  /// Calls `body` with the head event.
  func withHead<R>(_ body: (Head) throws(TraceError) -> R) throws(TraceError) -> R {
    if queueHead < queue.count { return try withQueued(0, body) }
    // The reader's current record, borrowed.
    var result: Result<R, TraceError>? = nil
    let cached: TraceEvent? = reader.facts.kind == .draw ? nil : try reader.decodeCurrent()
    reader.withCurrentLine { view in
      do throws(TraceError) { result = .success(try body(Head(view: view, facts: reader.facts, cached: cached, side: self))) } catch {
        result = .failure(error)
      }
    }
    return try result!.get()
  }

  /// Calls `body` with the queued record `offset` places after the head.
  func withQueued<R>(_ offset: Int, _ body: (Head) throws(TraceError) -> R) throws(TraceError) -> R {
    let k = queueHead + offset
    let record = queue[k]
    var result: Result<R, TraceError>? = nil
    record.bytes.withUnsafeBufferPointer { buffer in
      var cursor = JSONCursor(base: buffer.baseAddress!, count: record.count)
      // The line was scanned once already, so this cannot fail.
      try? cursor.scanEventObject(into: &scratch)
      let view = LineView(base: buffer.baseAddress!, count: record.count, layout: scratch)
      do throws(TraceError) { result = .success(try body(Head(view: view, facts: record.facts, cached: record.event, side: self))) } catch {
        result = .failure(error)
      }
    }
    return try result!.get()
  }

  /// Facts of the queued record `offset` places after the head.
  func queuedFacts(_ offset: Int) -> RecordFacts { queue[queueHead + offset].facts }

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
      let facts = reader.facts
      reader.withCurrentLine { view in
        let bytes = Array(UnsafeBufferPointer(start: view.base, count: view.count + 1))
        queue.append(OwnedRecord(bytes: bytes, count: view.count, facts: facts, event: cached))
        queuedBytes += view.count
      }
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

  func ensureStream(_ index: Int32) {
    let k = Int(index)
    if k >= streams.count { streams.append(contentsOf: repeatElement(SideStream(), count: k - streams.count + 1)) }
  }
}
