#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a trace one event at a time, in bounded memory, checking it as it
/// goes.
///
/// The reader reads the header when it is created, so an unreadable file,
/// an empty or binary file, a directory, a file that is not a trace and an
/// unknown format version all fail right there with a ``TraceError``. After
/// that, ``next()`` returns events in file order; a malformed line throws a
/// ``TraceError`` naming `file:line:col` and what was expected. Problems
/// that do not stop reading — counter gaps and overlaps, draws on undeclared
/// streams, sequence numbers that go backwards, and a last line cut off
/// mid-way — are collected as ``findings``.
///
/// ```swift
/// let reader = try TraceReader(path: "a.trace")
/// print(reader.header.profile.framework)
/// while let event = try reader.next() {
///   if case .draw(let draw) = event { print(draw.consumer, draw.counter, draw.count) }
/// }
/// for finding in reader.findings { print(finding) }
/// ```
///
/// Edge cases:
/// - Unknown fields are ignored, and so are lines whose `event` kind this
///   version does not know (forward compatibility).
/// - Blank lines are skipped; a trailing `\r` is ignored.
/// - A reader opened on a path or a file descriptor reads, splits and
///   checks lines on a second thread, a few batches ahead; counters, phases
///   and findings are still worked out in file order, so what it reports is
///   the same as reading on one thread (bytes in memory and custom sources
///   are read on the caller's thread).
/// - Memory is bounded: two read buffers of 1 MiB (``Options/chunkBytes``),
///   one growing to the longest line, at most ``Options/maxLineBytes``; with
///   the second thread, four batches of 256 KiB and their line records and
///   field spans (a few MB); plus one small record per declared stream.
public final class TraceReader {
  /// Reader limits.
  public struct Options: Sendable {
    /// The longest line accepted (default 64 MiB, at most 1 GiB).
    public var maxLineBytes: Int = 64 << 20
    /// Findings kept in ``TraceReader/findings`` (the count goes on).
    public var maxFindings: Int = 100
    /// Bytes per read call (default 1 MiB).
    public var chunkBytes: Int = 1 << 20
    /// Whether a second thread reads, splits and scans the trace ahead of
    /// the reader (nil: for file descriptors, not for bytes in memory or
    /// custom sources). Reports are the same either way.
    package var readAhead: Bool? = nil
    /// Batches the read-ahead thread may fill before the reader takes them.
    package var readAheadDepth = 3
    /// Bytes per read-ahead batch (it grows for a longer line), read in two
    /// calls of at most ``chunkBytes``. Small enough that a batch, its line
    /// records and field spans stay in cache between the two threads.
    package var readAheadBatchBytes = 256 << 10
    /// The default limits.
    public init() {}
  }

  /// The name used in messages: the path as given, or `"-"` for standard input.
  public let name: String
  /// The header line.
  public private(set) var header: RunHeader
  /// The first ``Options/maxFindings`` findings, in file order.
  public private(set) var findings: [TraceFinding] = []
  /// How many findings there were in all.
  public private(set) var findingCount = 0
  /// Whether the last line was cut off mid-way (also a finding).
  public private(set) var isTruncated = false
  /// Lines read so far, the header included.
  @exclusivity(unchecked) public private(set) var lineNumber = 0
  /// Lines skipped because their `event` kind is unknown to this version.
  @exclusivity(unchecked) public private(set) var unknownEventCount = 0
  /// Bytes read so far.
  @exclusivity(unchecked) public private(set) var bytesRead = 0

  private let options: Options
  /// Splits the input into batches of lines (on this thread until a read-ahead thread takes it over).
  private let splitter: LineSplitter
  /// The read-ahead thread's queue, once it runs.
  private var readAhead: ReadAhead? = nil
  /// Whether the read-ahead thread scans lines before this reader gets them.
  @exclusivity(unchecked) private var prescanAhead = true
  /// The batch the reader is on, the next line in it, and a spare for reading on this thread.
  @exclusivity(unchecked) private var batch: LineBatch
  @exclusivity(unchecked) private var lineIndex = 0
  @exclusivity(unchecked) private var batchFilled = false
  @exclusivity(unchecked) private var trailingBlanksCounted = false
  private var spare: LineBatch? = nil
  @exclusivity(unchecked) private var finished = false
  @exclusivity(unchecked) private var keyComputed = false

  // The current record (package API for the differ). The hot properties
  // skip dynamic exclusivity checks: the reader is used from one place at a time.
  private let storage = LayoutStorage()
  /// A layout over `storage` (for lines this reader scans or copies itself).
  private let ownLayout: LineLayout
  @exclusivity(unchecked) private var lineLayout: LineLayout
  /// Where the current record's fields lie.
  package var layout: LineLayout {
    if mirrorSource != nil { materializeMirror() }
    return lineLayout
  }
  /// Set while the current line mirrors this reader's current line, whose
  /// spans it has not copied yet (see ``advanceMirroring(_:)``).
  /// (Unmanaged references: the hot paths compare and follow them without
  /// retaining; both readers outlive every link, which each clears.)
  @exclusivity(unchecked) private var mirrorSource: Unmanaged<TraceReader>? = nil
  /// The reader whose current line mirrors this one's without a copy of its spans.
  @exclusivity(unchecked) private var mirroredBy: Unmanaged<TraceReader>? = nil
  @exclusivity(unchecked) package private(set) var facts = RecordFacts()
  @exclusivity(unchecked) private var currentBase: UnsafePointer<UInt8>? = nil
  @exclusivity(unchecked) private var currentCount = 0
  /// The current record decoded, when the checks decoded it (boxed: an
  /// event is large, and this is reset for every line).
  @exclusivity(unchecked) private var currentBox: EventBox? = nil
  private var currentEvent: TraceEvent? {
    get { currentBox?.event }
    set { currentBox = newValue.map(EventBox.init) }
  }

  // Validation state.
  @exclusivity(unchecked) package private(set) var streams: [StreamState] = []
  private let streamTable = StreamIDTable()
  @exclusivity(unchecked) private var lastSeq: UInt64? = nil
  @exclusivity(unchecked) package private(set) var context = PhaseContext()
  /// The current record's phase, when it is a phase event of another word
  /// or with a name (documented words without a name are in `phaseCode`).
  @exclusivity(unchecked) private var phaseInput: PhaseContext.Input? = nil
  /// The current record's phase when it is a documented word without a
  /// name: its code (0: none), edge and index.
  @exclusivity(unchecked) private var phaseCode: UInt8 = 0
  @exclusivity(unchecked) private var phaseEdge = PhaseEdge.begin
  @exclusivity(unchecked) private var phaseIndex: Int? = nil
  /// The other trace's stream index → this trace's, for mirrored draws.
  @exclusivity(unchecked) private var mirrorStreams: [Int32] = []

  // MARK: Opening

  /// Opens the trace at `path` and reads its header.
  ///
  /// Throws a ``TraceError`` when the file is missing, a directory,
  /// unreadable, empty, binary, not a trace, or of an unknown format version.
  public convenience init(path: String, options: Options = Options()) throws(TraceError) {
    // (The descriptor is closed when the reader, and its read-ahead thread, are done with it.)
    let fd = path.withCString { open($0, O_RDONLY) }
    if fd < 0 {
      let code = errno
      switch code {
      case ENOENT: throw TraceError(.missingFile, file: path, message: "\(path) does not exist")
      case EACCES: throw TraceError(.unreadable, file: path, message: "cannot read \(path): permission denied")
      case EISDIR: throw TraceError(.directory, file: path, message: "\(path) is a directory, not a trace file")
      default:
        throw TraceError(.unreadable, file: path, message: "cannot open \(path): \(String(cString: strerror(code)))")
      }
    }
    let owner = DescriptorOwner(fd)
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      throw TraceError(.directory, file: path, message: "\(path) is a directory, not a trace file")
    }
    if (info.st_mode & S_IFMT) == S_IFREG {
      _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
    }
    try self.init(source: FileDescriptorSource(fd: fd, owner: owner), name: path, options: options, readAhead: true)
  }

  /// Reads a trace from an open file descriptor, such as 0 for standard
  /// input. The reader does not close it.
  ///
  /// ```swift
  /// let stdin = try TraceReader(fileDescriptor: 0, name: "-")
  /// ```
  public convenience init(fileDescriptor: Int32, name: String, options: Options = Options()) throws(TraceError) {
    // Reading ahead, the reader reads a duplicate of the descriptor, which
    // it closes itself: the caller may close its own at any time.
    if options.readAhead ?? true {
      let copy = dup(fileDescriptor)
      if copy >= 0 {
        try self.init(source: FileDescriptorSource(fd: copy, owner: DescriptorOwner(copy)), name: name, options: options, readAhead: true)
        return
      }
    }
    try self.init(source: FileDescriptorSource(fd: fileDescriptor), name: name, options: options, readAhead: false)
  }

  /// Reads a trace held in memory.
  public convenience init(bytes: [UInt8], name: String, options: Options = Options()) throws(TraceError) {
    try self.init(source: MemorySource(bytes: bytes), name: name, options: options, readAhead: false)
  }

  /// Reads a trace from any byte source.
  public convenience init(source: some TraceByteSource, name: String, options: Options = Options()) throws(TraceError) {
    // Custom sources are read on the caller's thread unless asked otherwise:
    // they need not be safe to use from another thread.
    try self.init(source: source, name: name, options: options, readAhead: false)
  }

  private init(source: any TraceByteSource, name: String, options: Options, readAhead automatic: Bool) throws(TraceError) {
    self.name = name
    self.options = options
    // Field positions are 32-bit: lines stay under 1 GiB whatever the options say.
    let chunk = min(max(options.chunkBytes, 4096), 1 << 28)
    let maxLine = min(max(options.maxLineBytes, 16), 1 << 30)
    // A line of `max(chunk, maxLine)` bytes or more is refused: the read
    // buffer starts at a chunk and grows to at most the longest line allowed.
    let limit = max(chunk, maxLine)
    let readAhead = options.readAhead ?? automatic
    // Read ahead in small batches of two read calls each, so that a batch
    // and its records are still in cache when the reader takes them; on
    // this thread a batch is one chunk, as the read buffer always was.
    let readChunk = readAhead ? min(chunk, max(options.readAheadBatchBytes / 2, 4096)) : chunk
    self.splitter = LineSplitter(source: source, chunk: readChunk, batchBytes: readAhead ? 2 * readChunk : chunk, lineLimit: limit)
    self.batch = LineBatch(capacity: chunk)
    self.ownLayout = storage.layout
    self.lineLayout = ownLayout
    self.header = RunHeader(producer: "", producerVersion: "", profile: TraceProfile(framework: "", version: ""))
    try readHeader()
    if readAhead, case .more = batch.ending, !splitter.atEnd {
      self.readAhead = ReadAhead.start(splitter, depth: options.readAheadDepth)
    }
  }

  deinit {
    readAhead?.close()
    if let mirror = mirroredBy { mirror._withUnsafeGuaranteedRef { $0.materializeMirror() } }
    if let source = mirrorSource { source._withUnsafeGuaranteedRef { $0.unlinkMirror(self) } }
  }

  private func readHeader() throws(TraceError) {
    let start = splitter.peek(batch)
    if start.isEmpty {
      throw TraceError(.empty, file: name, message: "\(name) is empty; a trace starts with a header line")
    }
    if looksBinary(start) {
      throw TraceError(.binary, file: name, message: "\(name) is a binary file, not a trace (traces are JSON Lines text)")
    }
    // The first non-blank line must be the header.
    var line: (base: UnsafePointer<UInt8>, count: Int, terminated: Bool)
    repeat {
      guard let next = try nextRawLine() else {
        throw TraceError(.empty, file: name, message: "\(name) has only blank lines; a trace starts with a header line")
      }
      line = next
    } while isBlank(line.base, line.count)
    var cursor = JSONCursor(base: line.base, count: line.count)
    do {
      try cursor.scanEventObject(into: &lineLayout)
    } catch {
      if !line.terminated {
        throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1,
                         message: "the header line is cut off (expected \(error.expected))")
      }
      throw TraceError(.notATrace, file: name, line: lineNumber, column: error.offset + 1,
                       message: "expected a trace header line ({\"event\":\"header\",\"format\":\"rngdiff-trace\",…}); found text that is not a JSON object (expected \(error.expected))")
    }
    let view = LineView(base: line.base, count: line.count, layout: lineLayout)
    let isHeader = lineLayout[.event].map { $0.type == .string && $0.equals(line.base, "header") } ?? false
    let formatOK = lineLayout[.format].map { $0.type == .string && $0.equals(line.base, "rngdiff-trace") } ?? false
    guard isHeader && formatOK else {
      throw TraceError(.notATrace, file: name, line: lineNumber, column: 1,
                       message: "expected a trace header line ({\"event\":\"header\",\"format\":\"rngdiff-trace\",…}); \(name) is not an rngdiff trace")
    }
    guard let versionSpan = lineLayout[.version] else {
      throw TraceError(.malformed, file: name, line: lineNumber, column: 1, message: "expected a \"version\" field in the header")
    }
    let version: Int
    do { version = try ValueDecoding.int(line.base, versionSpan, field: .version) } catch {
      throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1, message: "expected \(error.expected)")
    }
    guard TraceFormat.supportedVersions.contains(version) else {
      let supported = TraceFormat.supportedVersions.map(String.init).joined(separator: ", ")
      throw TraceError(.unsupportedVersion, file: name, line: lineNumber, column: Int(versionSpan.start) + 1,
                       message: "trace format version \(version) is not supported; this rngdiff reads version \(supported)")
    }
    do { header = try view.header() } catch {
      throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1, message: "expected \(error.expected)")
    }
  }

  private func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let sample = bytes.prefix(4096)
    if sample.contains(0) { return true }
    // Gzip, zip, and other common magic numbers start with bytes that are not text.
    var control = 0
    for b in sample where b < 0x20 && b != 0x0A && b != 0x0D && b != 0x09 { control += 1 }
    return control * 20 > sample.count
  }

  private func isBlank(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    isBlankLine(base, count)
  }

  private func ioError(_ error: LineSplitter.Failure) -> TraceError {
    switch error {
    case .tooLong:
      return TraceError(.lineTooLong, file: name, line: lineNumber + 1, column: 1,
                        message: "line is longer than \(options.maxLineBytes >> 20) MiB; traces keep values per line small (drop \"values\" or raise the limit)")
    case .io(let reason):
      return TraceError(.unreadable, file: name, message: "cannot read \(name): \(reason)")
    }
  }

  private func nextRawLine() throws(TraceError) -> (base: UnsafePointer<UInt8>, count: Int, terminated: Bool)? {
    guard let k = try nextLineIndex() else { return nil }
    return batch.line(k)
  }

  /// Moves to the next line of the input and returns its index in `batch`;
  /// nil at the end. With `keepRaw`, when the next line is a raw line of the
  /// batch (not split yet, see ``LineBatch/rawStart``), returns -1 without
  /// moving: the caller takes it with ``LineBatch/takeRawLine(equalTo:count:)``
  /// or splits it.
  @inline(__always)
  private func nextLineIndex(keepRaw: Bool = false) throws(TraceError) -> Int? {
    while true {
      if lineIndex < batch.lineCount {
        lineNumber += 1 + Int(batch.lines[lineIndex].blanksBefore)
        lineIndex += 1
        return lineIndex - 1
      }
      if batch.rawStart < batch.rawEnd {
        if keepRaw { return -1 }
        splitRaw()
        continue
      }
      if batchFilled {
        if !trailingBlanksCounted {
          lineNumber += batch.trailingBlanks
          trailingBlanksCounted = true
        }
        switch batch.ending {
        case .more: break
        case .end: return nil
        case .failure(let failure): throw ioError(failure)
        }
      }
      nextBatch()
    }
  }

  /// Splits the batch's next raw lines into records (all taken already).
  @inline(never)
  private func splitRaw() {
    batch.splitRaw(maxLines: splitter.maxLines)
    lineIndex = 0
  }

  /// Replaces the finished batch with the next one.
  @inline(never)
  private func nextBatch() {
    if let readAhead {
      batch = readAhead.next(returning: batch)
    } else if !batchFilled {
      // The first batch, peeked at for the header check.
      splitter.fill(batch)
    } else {
      let fresh = spare ?? LineBatch(capacity: splitter.batchBytes)
      splitter.fill(fresh)
      spare = batch
      batch = fresh
    }
    batchFilled = true
    trailingBlanksCounted = false
    lineIndex = 0
    bytesRead += batch.bytesRead
  }

  /// The reader's hint to the read-ahead thread: scan lines ahead (true),
  /// or only split them, because the caller mirrors another reader's scans
  /// (see ``advanceMirroring(_:)``). Lines not scanned ahead are scanned
  /// when reached; the result is the same either way.
  package func setScanAhead(_ wanted: Bool) {
    guard wanted != prescanAhead else { return }
    prescanAhead = wanted
    readAhead?.setPrescan(wanted)
  }

  // MARK: Reading events

  /// The next event, or nil at the end of the trace (or at a cut-off last
  /// line, which is recorded as a ``TraceFinding/Kind/truncated`` finding).
  public func next() throws(TraceError) -> TraceEvent? {
    guard try advance() else { return nil }
    return try decodeCurrent()
  }

  /// Reads the rest of the trace, calling `body` with each event.
  public func forEach(_ body: (TraceEvent) throws -> Void) throws {
    while let event = try next() { try body(event) }
  }

  /// Lets go of the current record before moving on (both ways of moving on
  /// start here).
  @inline(__always)
  private func leaveCurrent() {
    settleMirrors()
    currentBox = nil
    currentBase = nil
    if phaseInput != nil { phaseInput = nil }
    phaseCode = 0
    keyComputed = false
  }

  /// Moves to the next record: scans and checks it, updates validation
  /// state, and computes its alignment key. False at the end.
  package func advance() throws(TraceError) -> Bool {
    leaveCurrent()
    while !finished {
      guard let k = try nextLineIndex() else {
        finished = true
        return false
      }
      if try readLine(k) { return true }
    }
    return false
  }

  /// Like ``advance()``, but when the next line is byte-identical to
  /// `other`'s current line, takes `other`'s scan of it instead of scanning
  /// again (the differ's fast path). Only the validation bookkeeping of this
  /// trace runs. Returns true when the line was mirrored, false when it was
  /// read normally, nil at the end.
  package func advanceMirroring(_ other: TraceReader) throws(TraceError) -> Bool? {
    leaveCurrent()
    while !finished {
      guard let otherBase = other.currentBase else { break }
      guard let index = try nextLineIndex(keepRaw: true) else {
        finished = true
        return nil
      }
      if index < 0 {
        // A raw line: compared before it is split.
        if let start = batch.takeRawLine(equalTo: otherBase, count: other.currentCount) {
          lineNumber += 1
          mirror(other, UnsafePointer(batch.storage + start), other.currentCount)
          return true
        }
        splitRaw()
        continue
      }
      let line = batch.line(index)
      if other.currentCount == line.count, memcmp(otherBase, line.base, line.count) == 0 {
        mirror(other, line.base, line.count)
        return true
      }
      if try readLine(index) { return false }
    }
    // The other reader has no current line: read on its own.
    return try advance() ? false : nil
  }

  /// Makes the line at `base` (the next line, byte-identical to `other`'s
  /// current one) the current record, with `other`'s scan.
  @inline(__always)
  private func mirror(_ other: TraceReader, _ base: UnsafePointer<UInt8>, _ count: Int) {
    let line = (base: base, count: count)
    currentBase = line.base
    currentCount = line.count
    // The spans are other's: copied only if they are looked at before
    // other moves on (most mirrored lines are consumed right away).
    let theirLayout = other.layout
    if let previous = other.mirroredBy, previous.toOpaque() != Unmanaged.passUnretained(self).toOpaque() {
      previous._withUnsafeGuaranteedRef { $0.materializeMirror() }
    }
    mirrorSource = Unmanaged.passUnretained(other)
    other.mirroredBy = Unmanaged.passUnretained(self)
    let kind = other.facts.kind
    facts = other.facts
    facts.line = lineNumber
    facts.stream = -1
    currentBox = other.currentBox
    keyComputed = other.keyComputed && kind != .phase
    switch kind {
    case .draw:
      // The same id text as the other trace's line: its index there maps to one here.
      let theirs = Int(other.facts.stream)
      if theirs < mirrorStreams.count, mirrorStreams[theirs] >= 0 {
        validateDraw(index: mirrorStreams[theirs])
      } else {
        validateDraw(line.base, theirLayout.spans[FieldID.stream.rawValue])
        if theirs >= 0 {
          if theirs >= mirrorStreams.count { mirrorStreams.append(contentsOf: repeatElement(-1, count: theirs - mirrorStreams.count + 1)) }
          mirrorStreams[theirs] = facts.stream
        }
      }
    case .stream:
      if case .stream(let event)? = currentEvent { validateStream(event, line.base, theirLayout.spans[FieldID.id.rawValue]) }
    case .phase:
      // The same bytes give the same phase.
      if other.phaseCode != 0 {
        validatePhase(code: other.phaseCode, edge: other.phaseEdge, index: other.phaseIndex)
      } else if let input = other.phaseInput {
        validatePhase(input)
      } else if let input = try? LineView(base: line.base, count: line.count, layout: theirLayout).phaseInput() {
        validatePhase(input)
      }
    case .derivation, .tensor, .metric, .header:
      checkSeq(facts.seq)
    }
  }

  /// Before the current record changes: a reader still mirroring it takes
  /// its copy of the spans, and this reader stops mirroring another.
  @inline(__always)
  private func settleMirrors() {
    if let mirror = mirroredBy { mirror._withUnsafeGuaranteedRef { $0.materializeMirror() } }
    if let source = mirrorSource {
      source._withUnsafeGuaranteedRef { $0.unlinkMirror(self) }
      mirrorSource = nil
    }
  }

  /// Tells the reader its current record will not be looked at again
  /// before it advances (the differ consumed it). A mirrored line then
  /// never needs its own copy of the spans.
  @inline(__always)
  package func doneWithCurrent() {
    if let source = mirrorSource {
      source._withUnsafeGuaranteedRef { $0.unlinkMirror(self) }
      mirrorSource = nil
      lineLayout = ownLayout
      lineLayout.present = 0
    }
  }

  /// Copies the spans of the line this reader's current line mirrors.
  @inline(never)
  private func materializeMirror() {
    guard let unmanaged = mirrorSource else { return }
    let source = unmanaged.takeUnretainedValue()
    let theirs = source.layout
    lineLayout = ownLayout
    lineLayout.present = theirs.present
    var bits = theirs.present
    while bits != 0 {
      let k = bits.trailingZeroBitCount
      lineLayout.spans[k] = theirs.spans[k]
      bits &= bits &- 1
    }
    source.unlinkMirror(self)
    mirrorSource = nil
  }

  /// Forgets that `reader` mirrors this reader's current line (when it does).
  @inline(__always)
  private func unlinkMirror(_ reader: TraceReader) {
    if let mirror = mirroredBy, mirror.toOpaque() == Unmanaged.passUnretained(reader).toOpaque() { mirroredBy = nil }
  }

  /// Reads line `index` of the current batch: takes its prescan, or scans
  /// it. True when it is a record; false when it is skipped (blank, an
  /// unknown kind) or cut off (the end).
  @inline(__always)
  private func readLine(_ index: Int) throws(TraceError) -> Bool {
    let record = batch.lines[index]
    switch record.prescan {
    case .none:
      return try scanLine(index)
    case .unknownKind:
      unknownEventCount += 1
      return false
    case .failed:
      return try lineFailed(batch.line(index), batch.failures[Int(record.seq)])
    case .checkedDraw:
      let line = batch.line(index)
      lineLayout = LineLayout(present: record.present, spans: batch.spanBlock(index), keyCache: ownLayout.keyCache)
      currentBase = line.base
      currentCount = line.count
      facts = RecordFacts()
      facts.kind = .draw
      facts.line = lineNumber
      facts.seq = record.seq
      facts.counter = record.counter
      facts.count = record.drawCount
      validateDraw(line.base, record.stream)
      return true
    case .checkedPhase:
      let line = batch.line(index)
      lineLayout = LineLayout(present: record.present, spans: batch.spanBlock(index), keyCache: ownLayout.keyCache)
      currentBase = line.base
      currentCount = line.count
      facts = RecordFacts()
      facts.kind = .phase
      facts.line = lineNumber
      facts.seq = record.hasSeq ? record.seq : nil
      validatePhase(code: record.phaseWord, edge: record.phaseEdge == 0 ? .begin : .end,
                    index: record.hasIndex ? Int(truncatingIfNeeded: Int64(bitPattern: record.counter)) : nil)
      return true
    case .scanned:
      let line = batch.line(index)
      lineLayout = LineLayout(present: record.present, spans: batch.spanBlock(index), keyCache: ownLayout.keyCache)
      currentBase = line.base
      currentCount = line.count
      do {
        try check(LineView(base: line.base, count: line.count, layout: lineLayout), kind: record.kind)
      } catch {
        return try lineFailed(line, error)
      }
      return true
    }
  }

  /// Scans and checks one non-blank line. True when it is a record; false
  /// when it is skipped (an unknown kind) or cut off (the end).
  private func scanLine(_ index: Int) throws(TraceError) -> Bool {
    var line = batch.line(index)
    var cursor = JSONCursor(base: line.base, count: line.count)
    lineLayout = ownLayout
    do {
      let kind: TraceEventKind
      if let canonical = cursor.scanCanonicalEvent(into: &lineLayout, segments: storage.segments) {
        kind = canonical
      } else if let compacted = batch.scanCompacted(index, into: &lineLayout, using: storage.canonical) {
        // Only whitespace kept it from the writer's form: now in it.
        kind = compacted
        line = batch.line(index)
      } else {
        cursor = JSONCursor(base: line.base, count: line.count)
        try cursor.scanGeneralEventObject(into: &lineLayout)
        guard let known = try LineView(base: line.base, count: line.count, layout: lineLayout).kind() else {
          unknownEventCount += 1
          return false
        }
        kind = known
        // Another encoding of the event: rewritten in the writer's form (CanonicalLine.swift).
        if let rewritten = try storage.canonical.canonicalize(line.base, line.count, layout: lineLayout, kind: kind) {
          batch.replaceLine(index, with: storage.canonical)
          lineLayout.copy(rewritten)
          line = batch.line(index)
        }
      }
      let view = LineView(base: line.base, count: line.count, layout: lineLayout)
      currentBase = line.base
      currentCount = line.count
      try check(view, kind: kind)
      return true
    } catch {
      return try lineFailed(line, error)
    }
  }

  /// A line that did not scan or check: the end of a cut-off trace (false),
  /// or an error.
  @inline(never)
  private func lineFailed(_ line: (base: UnsafePointer<UInt8>, count: Int, terminated: Bool), _ error: ScanFailure) throws(TraceError) -> Bool {
    currentBase = nil
    if !line.terminated {
      // A run killed mid-write: the rest of the trace stays usable.
      isTruncated = true
      finished = true
      record(TraceFinding(
        kind: .truncated, file: name, line: lineNumber,
        message: "the last line is cut off mid-way (the run that wrote it was probably killed); everything before it was read"))
      return false
    }
    throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1, message: "expected \(error.expected)")
  }

  /// The current record as an event.
  package func decodeCurrent() throws(TraceError) -> TraceEvent {
    if let currentEvent { return currentEvent }
    guard let base = currentBase else {
      preconditionFailure("decodeCurrent() called without a current record")
    }
    do {
      return try LineView(base: base, count: currentCount, layout: layout).event(facts.kind)
    } catch {
      throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1, message: "expected \(error.expected)")
    }
  }

  /// The current record's alignment key (computed on first use).
  package func currentKey() -> UInt64 {
    if !keyComputed {
      keyComputed = true
      if facts.kind != .phase, let base = currentBase {
        facts.key = LineView(base: base, count: currentCount, layout: layout).alignmentKey(facts.kind)
      }
    }
    return facts.key
  }

  /// The current line's bytes (valid until the reader advances).
  package var currentLine: (base: UnsafePointer<UInt8>, count: Int) {
    (currentBase!, currentCount)
  }

  /// Calls `body` with the current line's bytes (valid only inside `body`).
  package func withCurrentLine<R>(_ body: (LineView) throws -> R) rethrows -> R {
    guard let base = currentBase else { preconditionFailure("no current record") }
    return try body(LineView(base: base, count: currentCount, layout: layout))
  }

  // MARK: Validation

  private func record(_ finding: TraceFinding) {
    findingCount += 1
    if findings.count < options.maxFindings { findings.append(finding) }
  }

  private func checkSeq(_ seq: UInt64?) {
    guard let seq else { return }
    if let last = lastSeq, seq <= last {
      record(TraceFinding(
        kind: .nonMonotonicSequence, file: name, line: lineNumber,
        message: "sequence number \(seq) does not increase (the event before it had \(last)); events are out of execution order"))
    }
    lastSeq = seq
  }

  private func check(_ view: LineView, kind: TraceEventKind) throws(ScanFailure) {
    facts = RecordFacts()
    facts.kind = kind
    facts.line = lineNumber
    switch kind {
    case .draw:
      let (seq, counter, count, streamSpan) = try view.checkDraw()
      facts.seq = seq
      facts.counter = counter
      facts.count = count
      validateDraw(view.base, streamSpan)
    case .stream:
      let event = try view.stream()
      currentEvent = .stream(event)
      facts.seq = event.seq
      validateStream(event, view.base, lineLayout[.id]!)
    case .derivation:
      let event = try view.derivation()
      currentEvent = .derivation(event)
      facts.seq = event.seq
      checkSeq(event.seq)
    case .tensor:
      let event = try view.tensor()
      currentEvent = .tensor(event)
      facts.seq = event.seq
      checkSeq(event.seq)
    case .metric:
      let event = try view.metric()
      currentEvent = .metric(event)
      facts.seq = event.seq
      checkSeq(event.seq)
    case .phase:
      // Not decoded into an event: phases are frequent and rarely looked at.
      let (input, seq) = try view.phaseInputAndSeq()
      facts.seq = seq
      validatePhase(input)
    case .header:
      throw ScanFailure(offset: 0, expected: "one header only, on the first line (this looks like two traces joined together)")
    }
  }

  /// Per-stream bookkeeping for the current draw (facts hold its numbers).
  @inline(__always)
  private func validateDraw(_ base: UnsafePointer<UInt8>, _ streamSpan: FieldSpan) {
    validateDraw(index: streamIndex(base, streamSpan, declare: false))
  }

  @inline(__always)
  private func validateDraw(index: Int32) {
    checkSeq(facts.seq)
    facts.stream = index
    let k = Int(index)
    facts.generation = streams[k].generation
    let counter = facts.counter
    if counter != streams[k].next || !streams[k].declared {
      checkContiguity(k, seq: facts.seq ?? 0, counter: counter)
    }
    streams[k].next = counter &+ facts.count
    streams[k].draws &+= 1
    streams[k].units &+= facts.count
  }

  private func validateStream(_ event: StreamEvent, _ base: UnsafePointer<UInt8>, _ idSpan: FieldSpan) {
    checkSeq(event.seq)
    let index = streamIndex(base, idSpan, declare: true)
    facts.stream = index
    let k = Int(index)
    if streams[k].declared { streams[k].generation += 1 }
    streams[k].declared = true
    streams[k].unit = event.unit
    streams[k].next = event.start
    facts.generation = streams[k].generation
  }

  private func validatePhase(_ input: PhaseContext.Input) {
    if input.name == nil, let code = input.word.code {
      return validatePhase(code: code, edge: input.edge, index: input.index)
    }
    phaseInput = input
    checkSeq(facts.seq)
    facts.key = context.apply(input)
    keyComputed = true
  }

  /// ``validatePhase(_:)`` for a documented phase word without a name.
  @inline(__always)
  private func validatePhase(code: UInt8, edge: PhaseEdge, index: Int?) {
    phaseCode = code
    phaseEdge = edge
    phaseIndex = index
    checkSeq(facts.seq)
    facts.key = context.apply(code: code, edge: edge, index: index)
    keyComputed = true
  }

  /// Records a finding for a draw that does not start where its stream is.
  private func checkContiguity(_ k: Int, seq: UInt64, counter: UInt64) {
    let state = streams[k]
    if !state.declared {
      if state.draws == 0 {
        record(TraceFinding(
          kind: .undeclaredStream, file: name, line: lineNumber,
          message: "draw \(seq) uses stream \"\(state.id)\", which no stream event declared before it", stream: state.id))
        return
      }
      if counter == state.next { return }
    }
    let unit = state.unit.plural(counter > state.next ? counter - state.next : state.next - counter)
    let after = state.draws == 0 ? "the stream was declared to start at \(state.next)" : "the previous draw on it ended at \(state.next)"
    if counter > state.next {
      record(TraceFinding(
        kind: .counterGap, file: name, line: lineNumber,
        message: "counter gap on stream \"\(state.id)\": draw \(seq) starts at \(counter), but \(after) (\(unit) with no consumer)",
        stream: state.id, expectedCounter: state.next, actualCounter: counter))
    } else {
      record(TraceFinding(
        kind: .counterOverlap, file: name, line: lineNumber,
        message: "counter overlap on stream \"\(state.id)\": draw \(seq) starts at \(counter), but \(after) (\(unit) used twice)",
        stream: state.id, expectedCounter: state.next, actualCounter: counter))
    }
  }

  /// The index of the stream an id names, creating an entry when new.
  @inline(__always)
  private func streamIndex(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, declare: Bool) -> Int32 {
    if !span.escaped, let index = streamTable.find(base + Int(span.start), span.count) { return index }
    let id = ValueDecoding.decodeString(base, span)
    if let index = streams.firstIndex(where: { $0.id == id }) { return Int32(index) }
    let index = Int32(streams.count)
    streams.append(StreamState(id: id))
    if !span.escaped { streamTable.insert(base + Int(span.start), span.count, index) }
    return index
  }
}

/// Stream ids to indices, looked up by the id's bytes without allocating
/// or retaining (open addressing on a 64-bit hash, checked against the
/// stored bytes). Indices are added in order 0, 1, 2, ….
final class StreamIDTable {
  // (Looked up for every draw: no dynamic exclusivity checks; the table is
  // used by one reader on one thread.)
  @exclusivity(unchecked) private var capacity = 64
  @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Int32>
  @exclusivity(unchecked) private var hashes: UnsafeMutablePointer<UInt64>
  /// The id bytes of every index, concatenated; index k spans offsets[k]..<offsets[k+1].
  @exclusivity(unchecked) private var bytes: UnsafeMutablePointer<UInt8>
  private var bytesCapacity = 1024
  private var bytesUsed = 0
  @exclusivity(unchecked) private var offsets: [Int] = [0]
  private var used = 0

  init() {
    slots = .allocate(capacity: capacity)
    slots.initialize(repeating: -1, count: capacity)
    hashes = .allocate(capacity: capacity)
    hashes.initialize(repeating: 0, count: capacity)
    bytes = .allocate(capacity: bytesCapacity)
  }

  deinit {
    slots.deallocate()
    hashes.deallocate()
    bytes.deallocate()
  }

  @inline(__always)
  static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h = StableHash()
    h.combine(p, 0, n)
    return h.state
  }

  @inline(__always)
  func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
    let h = Self.hash(p, n)
    let mask = capacity - 1
    var k = Int(truncatingIfNeeded: h) & mask
    while true {
      let index = slots[k]
      if index < 0 { return nil }
      if hashes[k] == h {
        let start = offsets[Int(index)], end = offsets[Int(index) + 1]
        if end - start == n && memcmp(bytes + start, p, n) == 0 { return index }
      }
      k = (k + 1) & mask
    }
  }

  func insert(_ p: UnsafePointer<UInt8>, _ n: Int, _ index: Int32) {
    while offsets.count <= Int(index) { offsets.append(bytesUsed) }
    if bytesUsed + n > bytesCapacity {
      let grown = max(bytesCapacity * 2, bytesUsed + n)
      let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
      bigger.update(from: bytes, count: bytesUsed)
      bytes.deallocate()
      bytes = bigger
      bytesCapacity = grown
    }
    (bytes + bytesUsed).update(from: p, count: n)
    bytesUsed += n
    offsets.append(bytesUsed)
    if (used + 1) * 2 > capacity {
      let oldSlots = slots, oldHashes = hashes, oldCapacity = capacity
      capacity *= 2
      slots = .allocate(capacity: capacity)
      slots.initialize(repeating: -1, count: capacity)
      hashes = .allocate(capacity: capacity)
      hashes.initialize(repeating: 0, count: capacity)
      used = 0
      for k in 0..<oldCapacity where oldSlots[k] >= 0 { place(oldSlots[k], oldHashes[k]) }
      oldSlots.deallocate()
      oldHashes.deallocate()
    }
    place(index, Self.hash(p, n))
  }

  private func place(_ index: Int32, _ h: UInt64) {
    let mask = capacity - 1
    var k = Int(truncatingIfNeeded: h) & mask
    while slots[k] >= 0 { k = (k + 1) & mask }
    slots[k] = index
    hashes[k] = h
    used += 1
  }
}

/// A decoded event, shared by reference.
final class EventBox: Sendable {
  let event: TraceEvent
  init(_ event: TraceEvent) { self.event = event }
}

/// What the reader knows about one stream id (package API).
package struct StreamState: Sendable {
  package var id: String
  package var declared = false
  package var generation: UInt32 = 0
  package var unit: CounterUnitName = .word32
  /// The counter the next draw should start at.
  package var next: UInt64 = 0
  package var draws: UInt64 = 0
  package var units: UInt64 = 0

  init(id: String) {
    self.id = id
  }
}

/// The numbers the reader extracts from every record (package API).
package struct RecordFacts: Sendable {
  package var kind: TraceEventKind = .header
  package var line = 0
  package var seq: UInt64? = nil
  /// The alignment key (0 for stream events).
  package var key: UInt64 = 0
  /// The reader's index of the stream (draws and stream events), else -1.
  package var stream: Int32 = -1
  package var generation: UInt32 = 0
  package var counter: UInt64 = 0
  package var count: UInt64 = 0
}
