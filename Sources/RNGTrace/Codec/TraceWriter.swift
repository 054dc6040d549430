#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a trace: the header line, then one line per event, each a compact
/// JSON object with its fields in the documented order and floats in
/// Python's shortest round-trip text.
///
/// By default the writer numbers events itself: every event after the
/// header gets the next sequence number (0, 1, 2, …), whatever `seq` it
/// carried, so a producer need not keep count. Set ``numbersEvents`` to
/// false to keep the producer's own numbers.
///
/// ```swift
/// let writer = try TraceWriter(path: "a.trace", header: header)
/// try writer.write(.stream(global))
/// try writer.write(.draw(draw))
/// try writer.close()
///
/// let memory = TraceWriter(header: header)   // in memory
/// try memory.write(.metric(MetricEvent(name: "loss", epoch: 1, value: 0.25)))
/// memory.text   // two lines
/// ```
///
/// Edge cases: output is buffered (64 KiB); call ``close()`` (or
/// ``flush()``) to see write errors. Writing to a file truncates it.
public final class TraceWriter {
  /// Whether the writer assigns sequence numbers (default true).
  public var numbersEvents = true
  /// The sequence number the next event gets when ``numbersEvents`` is true.
  public private(set) var nextSeq: UInt64 = 0
  /// Events written so far, the header included.
  public private(set) var eventsWritten = 0

  private var json = JSONWriter()
  private var buffer: [UInt8] = []
  private var memory: [UInt8] = []
  private var fd: Int32?
  private let ownsDescriptor: Bool
  private var closed = false
  private let name: String

  /// A writer that creates (or truncates) the file at `path` and writes the header.
  public convenience init(path: String, header: RunHeader) throws(TraceError) {
    let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    guard fd >= 0 else {
      throw TraceError(.unwritable, file: path, message: "cannot create \(path): \(String(cString: strerror(errno)))")
    }
    self.init(fd: fd, owns: true, name: path)
    try write(.header(header))
  }

  /// A writer to an open file descriptor (1 for standard output). It is not closed.
  public convenience init(fileDescriptor: Int32, name: String = "-", header: RunHeader) throws(TraceError) {
    self.init(fd: fileDescriptor, owns: false, name: name)
    try write(.header(header))
  }

  /// A writer that keeps the trace in memory (see ``bytes`` and ``text``).
  public convenience init(header: RunHeader) {
    self.init(fd: nil, owns: false, name: "memory")
    try? write(.header(header))
  }

  private init(fd: Int32?, owns: Bool, name: String) {
    self.fd = fd
    self.ownsDescriptor = owns
    self.name = name
    buffer.reserveCapacity(1 << 16)
  }

  deinit {
    try? flush()
    if !closed, ownsDescriptor, let fd { Glibc.close(fd) }
  }

  /// The trace written so far, for an in-memory writer.
  public var bytes: [UInt8] { memory }
  /// The trace written so far as text, for an in-memory writer.
  public var text: String { String(decoding: memory, as: UTF8.self) }

  /// Writes one event as one line.
  public func write(_ event: TraceEvent) throws(TraceError) {
    precondition(!closed, "TraceWriter.write after close()")
    var event = event
    if numbersEvents, event.kind != .header {
      event.setSeq(nextSeq)
    }
    if let seq = event.seq, seq >= nextSeq { nextSeq = seq &+ 1 }
    json.reset()
    event.encode(into: &json)
    eventsWritten += 1
    if fd == nil {
      memory.append(contentsOf: json.bytes)
      memory.append(0x0A)
      return
    }
    buffer.append(contentsOf: json.bytes)
    buffer.append(0x0A)
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Writes buffered lines to the file.
  public func flush() throws(TraceError) {
    guard let fd, !buffer.isEmpty else { return }
    var offset = 0
    while offset < buffer.count {
      let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        buffer.removeAll(keepingCapacity: true)
        throw TraceError(.unwritable, file: name, message: "cannot write \(name): \(reason)")
      }
      offset += n
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and, for a file the writer opened, closes it.
  public func close() throws(TraceError) {
    guard !closed else { return }
    try flush()
    closed = true
    if ownsDescriptor, let fd, Glibc.close(fd) != 0 {
      throw TraceError(.unwritable, file: name, message: "cannot finish writing \(name): \(String(cString: strerror(errno)))")
    }
  }
}

extension TraceEvent {
  /// Sets the sequence number of any event but the header.
  mutating func setSeq(_ seq: UInt64) {
    switch self {
    case .header: break
    case .stream(var e): e.seq = seq; self = .stream(e)
    case .derivation(var e): e.seq = seq; self = .derivation(e)
    case .draw(var e): e.seq = seq; self = .draw(e)
    case .tensor(var e): e.seq = seq; self = .tensor(e)
    case .metric(var e): e.seq = seq; self = .metric(e)
    case .phase(var e): e.seq = seq; self = .phase(e)
    }
  }
}
