#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Reading ahead on a second thread. Internal to the package.
//
// A producer thread reads the trace into a few batches, splits them into
// lines and scans and checks each line (a pure function of its bytes); the
// reader takes the batches in order and runs only its bookkeeping. The
// batches are handed over through a small queue, so memory stays bounded:
// `depth` batches for the producer plus the one the reader is on.

extension LineBatch {
  /// Scans and checks every line, recording the results for the reader.
  /// Uses `storage` as scratch space (one per thread).
  func prescan(using storage: LayoutStorage) {
    reserveSpanBlocks()
    for k in 0..<lineCount {
      // The scan writes the line's spans straight into its block.
      var layout = LineLayout(spans: spanBlock(k), keyCache: storage.keyCache)
      var (base, count, _) = line(k)
      var cursor = JSONCursor(base: base, count: count)
      do {
        let scanned: TraceEventKind?
        if let kind = cursor.scanCanonicalEvent(into: &layout, segments: storage.segments) {
          scanned = kind
        } else if let kind = scanCompacted(k, into: &layout, using: storage.canonical) {
          // Only whitespace kept it from the writer's form: now in it.
          scanned = kind
          (base, count, _) = line(k)
        } else {
          cursor = JSONCursor(base: base, count: count)
          try cursor.scanGeneralEventObject(into: &layout)
          scanned = try LineView(base: base, count: count, layout: layout).kind()
          // Another encoding of the event: rewritten in the writer's form (CanonicalLine.swift).
          if let kind = scanned, let rewritten = try storage.canonical.canonicalize(base, count, layout: layout, kind: kind) {
            replaceLine(k, with: storage.canonical)
            layout.copy(rewritten)
            (base, count, _) = line(k)
          }
        }
        guard let kind = scanned else {
          lines[k].prescan = .unknownKind
          continue
        }
        let view = LineView(base: base, count: count, layout: layout)
        lines[k].kind = kind
        lines[k].present = layout.present
        if kind == .draw {
          let (seq, counter, drawCount, stream) = try view.checkDraw()
          lines[k].seq = seq
          lines[k].counter = counter
          lines[k].drawCount = drawCount
          lines[k].stream = stream
          lines[k].prescan = .checkedDraw
        } else if kind == .phase {
          // The same checks, in the same order, as the reader's.
          let (input, seq) = try view.phaseInputAndSeq()
          if input.name == nil, let code = input.word.code {
            lines[k].phaseWord = code
            lines[k].phaseEdge = input.edge == .begin ? 0 : 1
            lines[k].hasSeq = seq != nil
            lines[k].seq = seq ?? 0
            lines[k].hasIndex = input.index != nil
            lines[k].counter = UInt64(bitPattern: Int64(input.index ?? 0))
            lines[k].prescan = .checkedPhase
          } else {
            lines[k].prescan = .scanned
          }
        } else {
          lines[k].prescan = .scanned
        }
      } catch {
        lines[k].seq = UInt64(failures.count)
        failures.append(error)
        lines[k].prescan = .failed
      }
    }
  }
}

extension LineBatch {
  /// Splits and prescans `bytes` in batches, as a read-ahead thread does
  /// (for the benchmark); returns the number of records.
  package static func prescanAll(_ bytes: [UInt8]) -> Int {
    let splitter = LineSplitter(source: MemorySource(bytes: bytes), chunk: 1 << 20, batchBytes: 2 << 20, lineLimit: 64 << 20)
    let batches = [LineBatch(capacity: 2 << 20), LineBatch(capacity: 2 << 20)]
    let scratch = LayoutStorage()
    var n = 0
    for k in 0... {
      let batch = batches[k % 2]
      splitter.fill(batch)
      batch.prescan(using: scratch)
      n += batch.lineCount
      if case .more = batch.ending { continue }
      break
    }
    return n
  }
}

/// Whether a line holds only spaces and tabs.
@inline(__always)
func isBlankLine(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
  for k in 0..<count where base[k] != 0x20 && base[k] != 0x09 { return false }
  return true
}

/// The queue between a producer thread and a reader.
final class ReadAhead: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let changed: UnsafeMutablePointer<pthread_cond_t>
  /// Filled batches, oldest first (guarded by `mutex`).
  private var full: [LineBatch] = []
  /// Batches the producer may fill (guarded by `mutex`).
  private var free: [LineBatch] = []
  /// Set when the reader goes away (guarded by `mutex`).
  private var closed = false
  /// Whether the producer scans lines ahead (guarded by `mutex`).
  private var prescanWanted = true

  private init(batches: [LineBatch]) {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
    changed = .allocate(capacity: 1)
    pthread_cond_init(changed, nil)
    free = batches
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  /// Starts a producer thread that fills batches from `splitter`. Nil when
  /// no thread can be started (the reader then reads on its own thread).
  static func start(_ splitter: LineSplitter, depth: Int) -> ReadAhead? {
    let batches = (0..<max(depth, 1)).map { _ in LineBatch(capacity: splitter.batchBytes) }
    let queue = ReadAhead(batches: batches)
    splitter.shouldStop = { queue.isClosed }
    let started = startThread {
      let scratch = LayoutStorage()
      while let batch = queue.acquire() {
        // Not scanning ahead, the reader mirrors another trace: it compares
        // the lines with that trace's before splitting them.
        splitter.fill(batch.batch, raw: !batch.prescan)
        if batch.prescan { batch.batch.prescan(using: scratch) }
        queue.publish(batch.batch)
        if case .more = batch.batch.ending { continue }
        break
      }
    }
    if !started { splitter.shouldStop = nil }
    return started ? queue : nil
  }

  private func locked<R>(_ body: () -> R) -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body()
  }

  /// Producer: a batch to fill, or nil when the reader has gone away.
  private func acquire() -> (batch: LineBatch, prescan: Bool)? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while free.isEmpty && !closed { pthread_cond_wait(changed, mutex) }
    if closed { return nil }
    return (free.removeLast(), prescanWanted)
  }

  /// Producer: hands a filled batch to the reader.
  private func publish(_ batch: LineBatch) {
    locked {
      full.append(batch)
      pthread_cond_broadcast(changed)
    }
  }

  /// Reader: the next filled batch, in order (waits for it); `finished` is
  /// the batch the reader is done with, given back for reuse.
  func next(returning finished: LineBatch?) -> LineBatch {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if let finished {
      free.append(finished)
      pthread_cond_broadcast(changed)
    }
    while full.isEmpty { pthread_cond_wait(changed, mutex) }
    return full.removeFirst()
  }

  /// Reader: whether the producer should scan ahead (when not, it leaves
  /// full batches unsplit, see ``LineSplitter/fill(_:raw:)``). Takes effect
  /// from the next batch the producer starts.
  func setPrescan(_ wanted: Bool) {
    locked { prescanWanted = wanted }
  }

  /// Whether the reader has gone away.
  var isClosed: Bool { locked { closed } }

  /// Reader: stops the producer after the batch it is on. Batches it still
  /// holds are freed with it.
  func close() {
    locked {
      closed = true
      full.removeAll()
      free.removeAll()
      pthread_cond_broadcast(changed)
    }
  }
}

/// Runs `body` on a new detached thread. False when none could be started.
private func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
  final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }
  let box = Unmanaged.passRetained(Box(body)).toOpaque()
  var thread = pthread_t()
  let rc = pthread_create(&thread, nil, { raw in
    guard let raw else { return nil }
    let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
    box.body()
    return nil
  }, box)
  if rc != 0 {
    Unmanaged<Box>.fromOpaque(box).release()
    return false
  }
  pthread_detach(thread)
  return true
}
