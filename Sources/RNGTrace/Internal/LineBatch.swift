#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Whole lines read from a byte source, a buffer at a time. Internal to the
// package. The reader consumes batches in order, on its own thread or fed
// by a read-ahead thread (see ReadAhead.swift); either way a batch is
// owned by one thread at a time.

/// What is known about one line of a batch.
struct LineRecord {
  /// Offset of the line's first byte in the batch's storage.
  var start: Int
  /// The line's length, without its newline (and without a trailing `\r`).
  var count: Int32
  /// Whether a newline ended the line (false only for the last line of the input).
  var terminated: Bool
  /// Blank lines (only spaces and tabs) just before this one; they get no record.
  var blanksBefore: UInt32 = 0
  /// How far the line was checked ahead of the reader (see ``Prescan``).
  var prescan: Prescan = .none
  /// The event kind (valid when scanned).
  var kind: TraceEventKind = .header
  /// The fields present (valid when scanned); their spans are in the
  /// line's block (``LineBatch/spanBlock(_:)``).
  var present: UInt64 = 0
  /// For a checked draw: its numbers. For a failed line: the failure's
  /// index. For a checked phase: `seq` (when `hasSeq`) and, in `counter`,
  /// the index's bit pattern (when `hasIndex`).
  var seq: UInt64 = 0
  var counter: UInt64 = 0
  var drawCount: UInt64 = 0
  /// For a checked phase: ``PhaseContext/Word/code`` and the edge (0 begin, 1 end).
  var phaseWord: UInt8 = 0
  var phaseEdge: UInt8 = 0
  var hasSeq = false
  var hasIndex = false
  /// For a checked draw: its `stream` field's span (also in the line's
  /// block), here so that the reader, on another thread, finds it in the
  /// record it reads anyway rather than in a block it would touch only
  /// for this.
  var stream = FieldSpan.absent
}

/// How far a line was checked before the reader reached it. Everything a
/// prescan does is a pure function of the line's bytes; the reader's
/// bookkeeping (counters, phases, sequence numbers) always runs in order
/// on the reader's thread.
enum Prescan: UInt8 {
  /// Not looked at: the reader scans it.
  case none
  /// Scanned: `kind`, `present` and the spans are valid. Not a draw, or a
  /// draw whose fields are still to be checked.
  case scanned
  /// A draw, scanned and checked: `seq`, `counter` and `drawCount` are valid.
  case checkedDraw
  /// A phase with a documented phase word and no name, scanned and checked:
  /// its fields are in the record.
  case checkedPhase
  /// An `event` kind this version does not know.
  case unknownKind
  /// Scanning or checking failed; `seq` is the index in ``LineBatch/failures``.
  case failed
}

/// How the input ended after a batch's lines.
enum BatchEnding {
  /// More lines follow in the next batch.
  case more
  /// The end of the input.
  case end
  /// Reading failed (the reader reports it after the batch's lines).
  case failure(LineSplitter.Failure)
}

/// One buffer of whole lines, their records and (when prescanned) their
/// field spans.
package final class LineBatch: @unchecked Sendable {
  /// Bytes past the data that are always allocated (a sentinel after the
  /// last line, and room for word-sized reads).
  static let padding = 64

  @exclusivity(unchecked) private(set) var storage: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private(set) var capacity: Int
  /// Bytes of data in `storage` (whole lines, then the start of a cut-off line).
  @exclusivity(unchecked) var used = 0
  /// Where the bytes after the last whole line start (carried into the next batch).
  @exclusivity(unchecked) var tail = 0

  @exclusivity(unchecked) private(set) var lines: UnsafeMutablePointer<LineRecord>
  @exclusivity(unchecked) private var lineCapacity: Int
  @exclusivity(unchecked) private(set) var lineCount = 0

  /// One block of spans per line (one slot per field), allocated when the
  /// batch is first scanned ahead.
  @exclusivity(unchecked) private var spans: UnsafeMutablePointer<FieldSpan>? = nil
  @exclusivity(unchecked) private var spanLines = 0
  var failures: [ScanFailure] = []

  @exclusivity(unchecked) var ending: BatchEnding = .more
  /// Blank lines after the last record.
  @exclusivity(unchecked) var trailingBlanks = 0
  /// Bytes read from the source into this batch (not counting carried bytes).
  @exclusivity(unchecked) var bytesRead = 0
  /// Whole lines not split into records yet, from `rawStart` to `rawEnd`
  /// (a newline ends each): a batch read while the reader mirrors another
  /// trace's lines (``LineSplitter/fill(_:raw:)``). The reader compares them
  /// with the other trace's current line where they start, and splits the
  /// rest when one differs (``splitRaw()``).
  @exclusivity(unchecked) var rawStart = 0
  @exclusivity(unchecked) var rawEnd = 0

  init(capacity: Int) {
    self.capacity = capacity
    storage = .allocate(capacity: capacity + Self.padding)
    lineCapacity = 1024
    lines = .allocate(capacity: lineCapacity)
  }

  deinit {
    storage.deallocate()
    lines.deallocate()
    spans?.deallocate()
  }

  func reset() {
    used = 0
    tail = 0
    lineCount = 0
    trailingBlanks = 0
    if !failures.isEmpty { failures.removeAll() }
    ending = .more
    bytesRead = 0
    rawStart = 0
    rawEnd = 0
  }

  /// Grows the storage to hold at least `minimum` bytes, keeping the first `used`.
  func grow(to minimum: Int) {
    guard minimum > capacity else { return }
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: minimum + Self.padding)
    bigger.update(from: storage, count: used)
    storage.deallocate()
    storage = bigger
    capacity = minimum
  }

  /// Shrinks the storage back to `size` when a long line made it larger.
  func shrink(to size: Int) {
    guard capacity > size, used == 0 else { return }
    storage.deallocate()
    storage = .allocate(capacity: size + Self.padding)
    capacity = size
  }

  @inline(__always)
  func append(_ record: LineRecord) {
    if lineCount == lineCapacity {
      let bigger = UnsafeMutablePointer<LineRecord>.allocate(capacity: lineCapacity * 2)
      bigger.moveInitialize(from: lines, count: lineCount)
      lines.deallocate()
      lines = bigger
      lineCapacity *= 2
    }
    (lines + lineCount).initialize(to: record)
    lineCount += 1
  }

  /// Records the line from `start` to the newline at `newline` (without a
  /// trailing `\r`; a 0 is written after it), or counts it in `blanks`
  /// when it is blank.
  @inline(__always)
  func appendLine(from start: Int, newline: Int, blanks: inout UInt32) {
    var lineEnd = newline
    if lineEnd > start && storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
    storage[lineEnd] = 0
    if isBlankLine(storage + start, lineEnd - start) {
      blanks &+= 1
    } else {
      append(LineRecord(start: start, count: Int32(truncatingIfNeeded: lineEnd - start), terminated: true, blanksBefore: blanks))
      blanks = 0
    }
  }

  /// Whether the next raw line (at `rawStart`) is `count` bytes equal to
  /// `other`'s, ended by a newline: then it is taken (its newline becomes
  /// the 0 sentinel) and its start returned. A line ending in `\r` is never
  /// taken (splitting drops a `\r` before the newline).
  @inline(__always)
  func takeRawLine(equalTo other: UnsafePointer<UInt8>, count: Int) -> Int? {
    let at = rawStart
    guard count > 0, at + count < rawEnd, storage[at + count] == 0x0A, other[count - 1] != 0x0D,
      memcmp(storage + at, other, count) == 0
    else { return nil }
    storage[at + count] = 0
    rawStart = at + count + 1
    return at
  }

  /// Splits the next raw lines (from ``rawStart``) into records, as the
  /// splitter would have, replacing the records (all taken already) with at
  /// most `maxLines` new ones; blank lines at the end are trailing.
  func splitRaw(maxLines: Int) {
    lineCount = 0
    var lineStart = rawStart
    let end = rawEnd
    var blanks: UInt32 = 0
    while lineCount < maxLines, lineStart < end, let hit = memchr(storage + lineStart, 0x0A, end - lineStart) {
      let newline = hit.assumingMemoryBound(to: UInt8.self) - storage
      appendLine(from: lineStart, newline: newline, blanks: &blanks)
      lineStart = newline + 1
    }
    // (Stopped at `maxLines`, right after a record: no blank line is pending.)
    rawStart = lineStart
    trailingBlanks += Int(blanks)
  }

  static let fieldCount = FieldID.allCases.count

  /// Makes room for a block of spans for every line (before scanning ahead).
  func reserveSpanBlocks() {
    guard spanLines < lineCount else { return }
    spans?.deallocate()
    spanLines = max(lineCount, lineCapacity)
    spans = .allocate(capacity: spanLines * Self.fieldCount)
  }

  /// Line `index`'s block of spans, one slot per field (after ``reserveSpanBlocks()``).
  @inline(__always)
  func spanBlock(_ index: Int) -> UnsafeMutablePointer<FieldSpan> {
    spans.unsafelyUnwrapped + index &* Self.fieldCount
  }

  /// The bytes of line `index`; `base[count]` is a 0 sentinel.
  @inline(__always)
  func line(_ index: Int) -> (base: UnsafePointer<UInt8>, count: Int, terminated: Bool) {
    let r = lines[index]
    return (UnsafePointer(storage + r.start), Int(r.count), r.terminated)
  }
}

/// Splits a byte source into batches of whole lines with bounded memory.
/// A line longer than the limit is refused (``Failure/tooLong``).
final class LineSplitter: @unchecked Sendable {
  enum Failure: Error {
    case tooLong
    case io(String)
  }

  private var source: any TraceByteSource
  /// Bytes per read call.
  let chunk: Int
  /// Bytes a batch holds normally (it grows for a longer line).
  let batchBytes: Int
  /// The longest line accepted is `lineLimit - 1` bytes.
  let lineLimit: Int
  /// The most lines a batch holds, so that memory per batch stays bounded
  /// however short the lines are (the rest goes to the next batch).
  let maxLines: Int
  private(set) var atEnd = false
  private var failure: Failure? = nil
  /// Whether the last read call returned less than it asked for (a pipe
  /// with nothing more ready yet).
  private var lastReadWasShort = false
  /// Asked before each read call on the read-ahead thread: true once the
  /// reader has gone away.
  var shouldStop: (@Sendable () -> Bool)? = nil
  /// The previous batch, whose bytes from `tail` to `used` start the next one.
  private var carry: LineBatch? = nil

  init(source: any TraceByteSource, chunk: Int, batchBytes: Int, lineLimit: Int) {
    self.source = source
    self.chunk = chunk
    self.batchBytes = max(batchBytes, chunk)
    self.lineLimit = lineLimit
    self.maxLines = max(1024, self.batchBytes / 128)
  }

  /// Reads into `batch` once, without splitting, so the first bytes of
  /// the input can be looked at; ``fill(_:)`` with the same batch continues
  /// from there.
  func peek(_ batch: LineBatch) -> UnsafeBufferPointer<UInt8> {
    if carry !== batch {
      batch.reset()
      if batch.capacity < batchBytes { batch.grow(to: batchBytes) }
      if failure == nil && !atEnd { read(into: batch) }
      batch.tail = 0
      carry = batch
    }
    return UnsafeBufferPointer(start: batch.storage, count: batch.used)
  }

  /// Fills `batch` with the next whole lines: at least one, unless the
  /// input ends or fails (then `batch.ending` says so). The batch starts
  /// with the bytes the previous batch had after its last whole line.
  ///
  /// With `raw`, a full batch is not split: its whole lines are left as
  /// raw lines (``LineBatch/rawStart``), for a reader that compares them
  /// with another trace's lines; the last batch, one after a read error and
  /// one without a whole line are split as usual.
  func fill(_ batch: LineBatch, raw: Bool = false) {
    let pending = carry.map { $0.used - $0.tail } ?? 0
    // Peeked bytes may already hold whole lines that should not wait for more.
    var shortRead = carry === batch && carry?.tail == 0 && lastReadWasShort
    if let previous = carry, previous === batch {
      // Peeked, or the previous batch itself, given back already: its
      // pending bytes move to the front.
      if previous.tail > 0 && pending > 0 { memmove(batch.storage, batch.storage + previous.tail, pending) }
      // Peeked bytes (tail 0) were read for this batch; carried ones were counted before.
      let peeked = previous.tail == 0 ? batch.bytesRead : 0
      batch.reset()
      batch.used = pending
      batch.bytesRead = peeked
    } else {
      batch.reset()
      let size = max(batchBytes, pending + chunk)
      if batch.capacity > size { batch.shrink(to: size) } else if batch.capacity < size { batch.grow(to: size) }
      if let previous = carry, pending > 0 {
        batch.storage.update(from: previous.storage + previous.tail, count: pending)
      }
      batch.used = pending
    }
    carry = nil
    var lineStart = 0
    var searchFrom = 0
    var blanks: UInt32 = 0
    // (Raw lines are shorter than the batch, so they cannot be too long.)
    var raw = raw && batch.capacity <= lineLimit
    while true {
      let storage = batch.storage
      if raw {
        // Read until the batch is full; leave its whole lines unsplit.
        let stop = shouldStop?() ?? false
        if failure == nil && !atEnd && !stop && batch.used < batch.capacity && !shortRead {
          let requested = min(batch.capacity - batch.used, chunk)
          shortRead = read(into: batch) < requested
          continue
        }
        if failure == nil && !atEnd && !stop, let end = Self.lastLineEnd(storage, batch.used) {
          batch.rawStart = 0
          batch.rawEnd = end
          batch.tail = end
          carry = batch
          return
        }
        // The end of the input, a read error, the reader gone, or no whole line: split as usual.
        raw = false
      }
      // Split what is there.
      while batch.lineCount < maxLines, searchFrom < batch.used,
        let hit = memchr(storage + searchFrom, 0x0A, batch.used - searchFrom)
      {
        let newline = hit.assumingMemoryBound(to: UInt8.self) - storage
        let lineEnd = newline > lineStart && storage[newline - 1] == 0x0D ? newline - 1 : newline
        if lineEnd - lineStart >= lineLimit { return end(batch, at: lineStart, blanks: blanks, .failure(.tooLong)) }
        batch.appendLine(from: lineStart, newline: newline, blanks: &blanks)
        lineStart = newline + 1
        searchFrom = lineStart
      }
      if batch.lineCount >= maxLines && (lineStart < batch.used || !atEnd) {
        // As many lines as a batch holds: the rest starts the next batch.
        batch.trailingBlanks = Int(blanks)
        batch.tail = lineStart
        carry = batch
        return
      }
      searchFrom = batch.used
      if let failure { return end(batch, at: lineStart, blanks: blanks, .failure(failure)) }
      if batch.used - lineStart >= lineLimit { return end(batch, at: lineStart, blanks: blanks, .failure(.tooLong)) }
      if atEnd {
        if lineStart < batch.used {
          var lineEnd = batch.used
          if lineEnd > lineStart && storage[lineEnd - 1] == 0x0D { lineEnd -= 1 }
          storage[lineEnd] = 0  // the padding makes room for this sentinel
          if isBlankLine(storage + lineStart, lineEnd - lineStart) {
            blanks &+= 1
          } else {
            batch.append(LineRecord(start: lineStart, count: Int32(truncatingIfNeeded: lineEnd - lineStart), terminated: false,
                                    blanksBefore: blanks))
            blanks = 0
          }
          lineStart = batch.used
        }
        return end(batch, at: lineStart, blanks: blanks, .end)
      }
      if (batch.lineCount > 0 || blanks > 0) && (batch.used == batch.capacity || shortRead) {
        // The cut-off line starts the next batch. (After a short read, as
        // from a pipe, what is whole is handed over without waiting.)
        batch.trailingBlanks = Int(blanks)
        batch.tail = lineStart
        carry = batch
        return
      }
      if batch.used == batch.capacity {
        // One line fills the whole batch: make room (up to the limit).
        // (Blank lines before it are counted in the previous batch.)
        batch.grow(to: min(batch.capacity * 2, lineLimit + 1))
      }
      // The reader went away: stop reading (its batches are dropped unread).
      if let shouldStop, shouldStop() { return end(batch, at: lineStart, blanks: blanks, .end) }
      let requested = min(batch.capacity - batch.used, chunk)
      shortRead = read(into: batch) < requested
    }
  }

  /// The offset just after the last newline in `bytes[0..<count]`, if any.
  private static func lastLineEnd(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int? {
    var k = count
    while k > 0 {
      k -= 1
      if bytes[k] == 0x0A { return k + 1 }
    }
    return nil
  }

  private func end(_ batch: LineBatch, at lineStart: Int, blanks: UInt32, _ ending: BatchEnding) {
    if case .failure(let f) = ending { failure = f }
    batch.trailingBlanks = Int(blanks)
    batch.used = lineStart
    batch.tail = lineStart
    batch.ending = ending
  }

  /// One read call into the free space of `batch`; returns the bytes read.
  @discardableResult
  private func read(into batch: LineBatch) -> Int {
    let room = min(batch.capacity - batch.used, chunk)
    guard room > 0 else { return 0 }
    var n: Int
    do {
      n = try source.read(into: UnsafeMutableRawBufferPointer(start: batch.storage + batch.used, count: room))
      n = min(n, room)  // a source that claims more than it was given room for
    } catch let error as POSIXReadError {
      failure = .io(error.reason)
      return 0
    } catch {
      failure = .io(String(describing: error))
      return 0
    }
    if n <= 0 {
      atEnd = true
      return 0
    }
    lastReadWasShort = n < room
    batch.used += n
    batch.bytesRead += n
    return n
  }
}
