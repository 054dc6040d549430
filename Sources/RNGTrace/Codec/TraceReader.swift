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
/// - Memory is one read buffer (1 MiB, growing up to the longest line, at
///   most ``Options/maxLineBytes``) plus one small record per declared stream.
public final class TraceReader {
  /// Reader limits.
  public struct Options: Sendable {
    /// The longest line accepted (default 64 MiB).
    public var maxLineBytes: Int = 64 << 20
    /// Findings kept in ``TraceReader/findings`` (the count goes on).
    public var maxFindings: Int = 100
    /// Bytes per read call (default 1 MiB).
    public var chunkBytes: Int = 1 << 20
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
  public private(set) var lineNumber = 0
  /// Lines skipped because their `event` kind is unknown to this version.
  public private(set) var unknownEventCount = 0
  /// Bytes read so far.
  public var bytesRead: Int { lines.bytesRead }

  private let options: Options
  private let lines: LineBuffer
  private var ownedDescriptor: Int32?
  private var finished = false

  // The current record (package API for the differ).
  package private(set) var layout = LineLayout()
  package private(set) var facts = RecordFacts()
  private var currentBase: UnsafePointer<UInt8>? = nil
  private var currentCount = 0
  private var currentEvent: TraceEvent? = nil

  // Validation state.
  package private(set) var streams: [StreamState] = []
  private var streamByHash: [UInt64: Int32] = [:]
  private var streamByName: [String: Int32] = [:]
  private var lastSeq: UInt64? = nil
  package private(set) var context = PhaseContext()

  // MARK: Opening

  /// Opens the trace at `path` and reads its header.
  ///
  /// Throws a ``TraceError`` when the file is missing, a directory,
  /// unreadable, empty, binary, not a trace, or of an unknown format version.
  public convenience init(path: String, options: Options = Options()) throws(TraceError) {
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
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw TraceError(.directory, file: path, message: "\(path) is a directory, not a trace file")
    }
    try self.init(source: FileDescriptorSource(fd: fd), name: path, options: options, ownedDescriptor: fd)
  }

  /// Reads a trace from an open file descriptor, such as 0 for standard
  /// input. The reader does not close it.
  ///
  /// ```swift
  /// let stdin = try TraceReader(fileDescriptor: 0, name: "-")
  /// ```
  public convenience init(fileDescriptor: Int32, name: String, options: Options = Options()) throws(TraceError) {
    try self.init(source: FileDescriptorSource(fd: fileDescriptor), name: name, options: options, ownedDescriptor: nil)
  }

  /// Reads a trace held in memory.
  public convenience init(bytes: [UInt8], name: String, options: Options = Options()) throws(TraceError) {
    try self.init(source: MemorySource(bytes: bytes), name: name, options: options, ownedDescriptor: nil)
  }

  /// Reads a trace from any byte source.
  public convenience init(source: some TraceByteSource, name: String, options: Options = Options()) throws(TraceError) {
    try self.init(source: source, name: name, options: options, ownedDescriptor: nil)
  }

  private init(source: any TraceByteSource, name: String, options: Options, ownedDescriptor: Int32?) throws(TraceError) {
    self.name = name
    self.options = options
    self.ownedDescriptor = ownedDescriptor
    self.lines = LineBuffer(source: source, chunk: max(options.chunkBytes, 4096), maxLine: options.maxLineBytes)
    self.header = RunHeader(producer: "", producerVersion: "", profile: TraceProfile(framework: "", version: ""))
    do {
      try readHeader()
    } catch {
      if let fd = ownedDescriptor { close(fd) }
      self.ownedDescriptor = nil
      throw error
    }
  }

  deinit {
    if let fd = ownedDescriptor { close(fd) }
  }

  private func readHeader() throws(TraceError) {
    let start: UnsafeBufferPointer<UInt8>
    do { start = try lines.peekStart() } catch { throw ioError(error) }
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
      try cursor.scanEventObject(into: &layout)
    } catch {
      if !line.terminated {
        throw TraceError(.malformed, file: name, line: lineNumber, column: error.offset + 1,
                         message: "the header line is cut off (expected \(error.expected))")
      }
      throw TraceError(.notATrace, file: name, line: lineNumber, column: error.offset + 1,
                       message: "expected a trace header line ({\"event\":\"header\",\"format\":\"rngdiff-trace\",…}); found text that is not a JSON object (expected \(error.expected))")
    }
    let view = LineView(base: line.base, count: line.count, layout: layout)
    let isHeader = layout[.event].map { $0.type == .string && $0.equals(line.base, "header") } ?? false
    let formatOK = layout[.format].map { $0.type == .string && $0.equals(line.base, "rngdiff-trace") } ?? false
    guard isHeader && formatOK else {
      throw TraceError(.notATrace, file: name, line: lineNumber, column: 1,
                       message: "expected a trace header line ({\"event\":\"header\",\"format\":\"rngdiff-trace\",…}); \(name) is not an rngdiff trace")
    }
    guard let versionSpan = layout[.version] else {
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
    for k in 0..<count where base[k] != 0x20 && base[k] != 0x09 { return false }
    return true
  }

  private func ioError(_ error: LineBuffer.Failure) -> TraceError {
    switch error {
    case .tooLong:
      return TraceError(.lineTooLong, file: name, line: lineNumber + 1, column: 1,
                        message: "line is longer than \(options.maxLineBytes >> 20) MiB; traces keep values per line small (drop \"values\" or raise the limit)")
    case .io(let reason):
      return TraceError(.unreadable, file: name, message: "cannot read \(name): \(reason)")
    }
  }

  private func nextRawLine() throws(TraceError) -> (base: UnsafePointer<UInt8>, count: Int, terminated: Bool)? {
    do {
      guard let line = try lines.nextLine() else { return nil }
      lineNumber += 1
      return line
    } catch {
      throw ioError(error)
    }
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

  /// Moves to the next record: scans and checks it, updates validation
  /// state, and computes its alignment key. False at the end.
  package func advance() throws(TraceError) -> Bool {
    currentEvent = nil
    currentBase = nil
    while !finished {
      guard let line = try nextRawLine() else {
        finished = true
        return false
      }
      if line.count == 0 || isBlank(line.base, line.count) { continue }
      var cursor = JSONCursor(base: line.base, count: line.count)
      do {
        try cursor.scanEventObject(into: &layout)
        let view = LineView(base: line.base, count: line.count, layout: layout)
        guard let kind = try view.kind() else {
          unknownEventCount += 1
          continue
        }
        currentBase = line.base
        currentCount = line.count
        try check(view, kind: kind)
        return true
      } catch {
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
    }
    return false
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
      checkSeq(seq)
      var key = StableHash()
      key.combine(0x64)
      let consumer = layout[.consumer]!
      key.combine(view.base, Int(consumer.start), Int(consumer.end))
      if let role = layout[.role], role.type == .string { key.combine(view.base, Int(role.start), Int(role.end)) } else { key.combine(view.base, 0, 0) }
      facts.key = key.value
      let index = streamIndex(view.base, streamSpan, declare: false)
      facts.stream = index
      var state = streams[Int(index)]
      facts.generation = state.generation
      if !state.declared && state.draws == 0 {
        record(TraceFinding(
          kind: .undeclaredStream, file: name, line: lineNumber,
          message: "draw \(seq) uses stream \"\(state.id)\", which no stream event declared before it", stream: state.id))
      } else if counter != state.next {
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
      state.next = counter &+ count
      state.draws += 1
      state.units &+= count
      streams[Int(index)] = state
    case .stream:
      let event = try view.stream()
      currentEvent = .stream(event)
      facts.seq = event.seq
      checkSeq(event.seq)
      let index = streamIndex(view.base, layout[.id]!, declare: true)
      facts.stream = index
      var state = streams[Int(index)]
      if state.declared { state.generation += 1 }
      state.declared = true
      state.unit = event.unit
      state.next = event.start
      streams[Int(index)] = state
      facts.generation = state.generation
    case .derivation:
      let event = try view.derivation()
      currentEvent = .derivation(event)
      facts.seq = event.seq
      checkSeq(event.seq)
      var key = StableHash()
      key.combine(0x73)
      key.combine(event.rule)
      key.combine(event.consumer?.path ?? "")
      key.combine(event.consumer?.role ?? "")
      facts.key = key.value
    case .tensor:
      let event = try view.tensor()
      currentEvent = .tensor(event)
      facts.seq = event.seq
      checkSeq(event.seq)
      var key = StableHash()
      key.combine(0x74)
      key.combine(event.name)
      key.combine(event.moment.word)
      key.combine(UInt64(truncatingIfNeeded: event.moment.index ?? -1))
      facts.key = key.value
    case .metric:
      let event = try view.metric()
      currentEvent = .metric(event)
      facts.seq = event.seq
      checkSeq(event.seq)
      var key = StableHash()
      key.combine(0x6D)
      key.combine(event.name)
      key.combine(UInt64(truncatingIfNeeded: event.epoch ?? -1))
      key.combine(UInt64(truncatingIfNeeded: event.step ?? -1))
      facts.key = key.value
    case .phase:
      let event = try view.phase()
      currentEvent = .phase(event)
      facts.seq = event.seq
      checkSeq(event.seq)
      facts.key = context.apply(event)
    case .header:
      throw ScanFailure(offset: 0, expected: "one header only, on the first line (this looks like two traces joined together)")
    }
  }

  /// The index of the stream an id names, creating an entry when new.
  private func streamIndex(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, declare: Bool) -> Int32 {
    var h = StableHash()
    h.combine(base, Int(span.start), Int(span.end))
    let hash = h.value
    if !span.escaped, let index = streamByHash[hash] {
      let known = streams[Int(index)].idBytes
      if known.count == span.count && known.withUnsafeBufferPointer({ kb in
        (0..<span.count).allSatisfy { kb[$0] == base[Int(span.start) + $0] }
      }) {
        return index
      }
    }
    let id = ValueDecoding.decodeString(base, span)
    if let index = streamByName[id] { return index }
    let index = Int32(streams.count)
    streams.append(StreamState(id: id, idBytes: Array(span.bytes(base))))
    streamByName[id] = index
    if !span.escaped && streamByHash[hash] == nil { streamByHash[hash] = index }
    return index
  }
}

/// What the reader knows about one stream id (package API).
package struct StreamState: Sendable {
  package var id: String
  var idBytes: [UInt8]
  package var declared = false
  package var generation: UInt32 = 0
  package var unit: CounterUnitName = .word32
  /// The counter the next draw should start at.
  package var next: UInt64 = 0
  package var draws: UInt64 = 0
  package var units: UInt64 = 0

  init(id: String, idBytes: [UInt8]) {
    self.id = id
    self.idBytes = idBytes
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
