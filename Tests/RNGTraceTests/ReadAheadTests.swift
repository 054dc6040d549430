import Foundation
import RNGTrace
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Everything a reader reports after reading a trace to its end (or to its
/// error), for comparing two ways of reading the same bytes.
struct ReadRecord: Equatable {
  var events: [TraceEvent] = []
  var keys: [UInt64] = []
  var lines: [Int] = []
  var findings: [String] = []
  var findingCount = 0
  var truncated = false
  var unknown = 0
  var lineNumber = 0
  var error: String? = nil
}

func record(_ make: () throws(TraceError) -> TraceReader) -> ReadRecord {
  var r = ReadRecord()
  do {
    let reader = try make()
    do {
      while try reader.advance() {
        r.events.append(try reader.decodeCurrent())
        r.keys.append(reader.currentKey())
        r.lines.append(reader.facts.line)
      }
    } catch {
      r.error = error.description
    }
    r.findings = reader.findings.map(\.description)
    r.findingCount = reader.findingCount
    r.truncated = reader.isTruncated
    r.unknown = reader.unknownEventCount
    r.lineNumber = reader.lineNumber
  } catch {
    r.error = error.description
  }
  return r
}

func options(readAhead: Bool, chunk: Int = 1 << 20, depth: Int = 3, maxLine: Int = 64 << 20) -> TraceReader.Options {
  var o = TraceReader.Options()
  o.readAhead = readAhead
  o.chunkBytes = chunk
  o.readAheadDepth = depth
  o.maxLineBytes = maxLine
  return o
}

/// Reads `bytes` on the caller's thread and with a read-ahead thread (with
/// small batches, so lines cross many batch boundaries) and checks the
/// outcomes are the same. Returns the outcome.
@discardableResult
func expectSameReading(_ bytes: [UInt8], _ comment: @autoclosure () -> String = "") -> ReadRecord {
  let plain = record { () throws(TraceError) in try TraceReader(bytes: bytes, name: "t.trace", options: options(readAhead: false)) }
  for (chunk, depth) in [(4096, 1), (4096, 3), (1 << 20, 3)] {
    let ahead = record { () throws(TraceError) in
      try TraceReader(bytes: bytes, name: "t.trace", options: options(readAhead: true, chunk: chunk, depth: depth))
    }
    if ahead != plain {
      // Say where they part, briefly.
      let first = Array(zip(ahead.events, plain.events)).firstIndex { $0 != $1 } ?? min(ahead.events.count, plain.events.count)
      Issue.record("""
        chunk \(chunk), depth \(depth) \(comment()): read-ahead differs from one thread: \
        events \(ahead.events.count) vs \(plain.events.count) (first difference at \(first)), \
        keys equal \(ahead.keys == plain.keys), lines equal \(ahead.lines == plain.lines), \
        findings \(ahead.findings == plain.findings ? "equal" : "\(ahead.findings) vs \(plain.findings)"), \
        error \(ahead.error ?? "none") vs \(plain.error ?? "none"), truncated \(ahead.truncated) vs \(plain.truncated), \
        unknown \(ahead.unknown) vs \(plain.unknown), lines read \(ahead.lineNumber) vs \(plain.lineNumber)
        """)
    }
  }
  return plain
}

@Suite("Reading ahead on a second thread")
struct ReadAheadTests {
  /// A long trace (many 4 KiB batches) with every kind of line.
  static let long: [UInt8] = {
    var bytes = varietyTrace()
    let extra = traceLines(FuzzTests.base).dropFirst().filter { !$0.isEmpty }
    for _ in 0..<40 { for line in extra { bytes += line + [0x0A] } }
    return bytes
  }()

  @Test("a long trace reads the same on one thread and with read-ahead")
  func longTrace() {
    let r = expectSameReading(Self.long)
    #expect(r.error == nil && r.events.count > 1000)
    #expect(r.findingCount > 0)  // the repeated lines break sequence numbers and counters
  }

  @Test("blank lines, CRLF endings and a last line without a newline read the same")
  func lineEndings() {
    let lines = traceLines(varietyTrace()).filter { !$0.isEmpty }
    var crlf: [UInt8] = []
    for (k, line) in lines.enumerated() {
      crlf += line + (k % 2 == 0 ? [0x0D, 0x0A] : [0x0A])
      if k % 5 == 0 { crlf += [0x20, 0x09, 0x0A, 0x0A] }
    }
    let r = expectSameReading(crlf)
    #expect(r.error == nil && r.events.count == lines.count - 1)
    // Without the last newline, and cut inside the last line.
    expectSameReading(Array(crlf.dropLast()))
    let cut = expectSameReading(Array(crlf.dropLast(7)))
    #expect(cut.truncated)
  }

  @Test("mutated traces give the same events, findings and errors either way", arguments: 0..<3)
  func mutations(round: Int) {
    var rng = SplitMix64(state: 0xAEAD &+ UInt64(round) &* 7_919)
    let base = Array(Self.long.prefix(60_000))
    for _ in 0..<40 {
      var bytes = base
      switch rng.below(4) {
      case 0:
        for _ in 0..<(1 + rng.below(4)) { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
      case 1:
        bytes = Array(bytes.prefix(rng.below(bytes.count)))
      case 2:
        var ls = traceLines(bytes)
        let i = 1 + rng.below(ls.count - 1), j = 1 + rng.below(ls.count - 1)
        ls.swapAt(i, j)
        ls.insert(ls[i], at: j)
        bytes = Array(ls.joined(separator: [0x0A]))
      default:
        bytes.insert(contentsOf: Array(#"{"event":"novel","seq":1}"#.utf8) + [0x0A], at: bytes.firstIndex(of: 0x0A)! + 1)
      }
      expectSameReading(bytes, "round \(round)")
    }
  }

  @Test("floods of blank and very short lines: line numbers stay exact, batches stay bounded")
  func shortLines() {
    var text = String(repeating: "\n \n\t\n\r\n", count: 12_500) + headerLine + "\n"  // 50,000 blank lines first
    text += streamLine + "\n"
    text += String(repeating: #"{"event":"x"}"# + "\n", count: 30_000)
    text += drawLine(seq: 1, counter: 4, count: 4) + "\n"  // a counter gap: a finding with its line
    text += String(repeating: "\n", count: 10_000)
    text += #"{"event":"draw","seq":2,"#  + "\n"  // malformed
    let gapLine = 50_000 + 1 + 1 + 30_000 + 1
    let r = expectSameReading(Array(text.utf8))
    #expect(r.unknown == 30_000)
    #expect(r.findings.first?.hasPrefix("t.trace:\(gapLine): counter gap") == true, "\(r.findings)")
    #expect(r.error?.hasPrefix("t.trace:\(gapLine + 10_001):") == true, "\(r.error ?? "no error")")
    #expect(r.lineNumber == gapLine + 10_001)
    // Blank lines at the very end are counted too.
    let trailing = expectSameReading(Array((headerLine + "\n" + streamLine + String(repeating: "\n  ", count: 20_000)).utf8))
    #expect(trailing.error == nil && trailing.lineNumber == 2 + 20_000)
  }

  @Test("the longest line allowed is max(chunkBytes, maxLineBytes) - 1 bytes, with or without read-ahead")
  func lineLimit() throws {
    let limit = 10_000
    func trace(_ length: Int, newline: Bool) -> [UInt8] {
      let head = #"{"event":"metric","name":""#, tail = #"","value":1}"#
      let line = head + String(repeating: "x", count: length - head.utf8.count - tail.utf8.count) + tail
      return Array((headerLine + "\n" + line + (newline ? "\n" : "")).utf8)
    }
    for readAhead in [false, true] {
      for newline in [true, false] {
        let o = options(readAhead: readAhead, chunk: 4096, maxLine: limit)
        var reader = try TraceReader(bytes: trace(limit - 1, newline: newline), name: "t", options: o)
        #expect(try reader.next() != nil)
        reader = try TraceReader(bytes: trace(limit, newline: newline), name: "t", options: o)
        do {
          _ = try reader.next()
          Issue.record("a line of \(limit) bytes must be refused")
        } catch {
          #expect(error.kind == .lineTooLong && error.line == 2)
        }
      }
    }
  }

  @Test("a file read by path (read-ahead) gives what the same bytes give in memory")
  func fileByPath() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("long.trace").path
    try Data(Self.long).write(to: URL(fileURLWithPath: path))
    for chunk in [4096, 1 << 20] {
      var o = TraceReader.Options()
      o.chunkBytes = chunk
      let fromFile = record { () throws(TraceError) in try TraceReader(path: path, options: o) }
      let fromMemory = record { () throws(TraceError) in try TraceReader(bytes: Self.long, name: path, options: o) }
      #expect(fromFile == fromMemory)
      let reader = try TraceReader(path: path, options: o)
      while try reader.advance() {}
      #expect(reader.bytesRead == Self.long.count)
    }
  }

  @Test("from a pipe, events are handed over as they arrive, not when a batch is full")
  func pipeStreaming() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let writeEnd = fds[1]
    let first = headerLine + "\n" + streamLine + "\n"
    let rest = (1...200).map { drawLine(seq: $0, counter: ($0 - 1) * 4, count: 4) + "\n" }.joined()
    let gotFirst = DispatchSemaphore(value: 0)
    let waited = Locked(false)
    let writer = Thread {
      Array(first.utf8).withUnsafeBytes { _ = write(writeEnd, $0.baseAddress, $0.count) }
      // The reader must see the stream event before anything more is written.
      if gotFirst.wait(timeout: .now() + 10) == .timedOut { waited.set(true) }
      Array(rest.utf8).withUnsafeBytes { _ = write(writeEnd, $0.baseAddress, $0.count) }
      close(writeEnd)
    }
    writer.start()
    var o = TraceReader.Options()
    o.readAhead = true
    let reader = try TraceReader(fileDescriptor: fds[0], name: "-", options: o)
    let event = try reader.next()
    gotFirst.signal()
    guard case .stream? = event else {
      Issue.record("expected the stream event first")
      return
    }
    var n = 1
    while try reader.next() != nil { n += 1 }
    close(fds[0])
    #expect(n == 201)
    #expect(!waited.get(), "the reader waited for more input than one line")
  }

  @Test("a reader on a descriptor reads its own duplicate: the caller may close its descriptor at once")
  func descriptorDuplicate() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("long.trace").path
    try Data(Self.long).write(to: URL(fileURLWithPath: path))
    let fd = open(path, O_RDONLY)
    #expect(fd >= 0)
    var o = TraceReader.Options()
    o.chunkBytes = 4096
    let reader = try TraceReader(fileDescriptor: fd, name: path, options: o)
    close(fd)
    // The number may be given to another file now; the reader must not read it.
    let other = open("/dev/zero", O_RDONLY)
    defer { close(other) }
    let fromDescriptor = record { () throws(TraceError) in reader }
    let fromMemory = record { () throws(TraceError) in try TraceReader(bytes: Self.long, name: path, options: o) }
    #expect(fromDescriptor == fromMemory)
  }

  @Test("readers dropped half-way stop their read-ahead threads and close their files")
  func earlyRelease() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("long.trace").path
    try Data(Self.long).write(to: URL(fileURLWithPath: path))
    for _ in 0..<50 {
      var o = TraceReader.Options()
      o.chunkBytes = 4096
      o.readAheadDepth = 1
      let reader = try TraceReader(path: path, options: o)
      _ = try reader.next()
    }
    // The producer threads finish the batch they are on, then let go.
    // (Only descriptors on this test's own file count: other tests run in
    // parallel in this process and open files of their own.)
    var after = openDescriptors(to: path)
    for _ in 0..<250 where after > 0 {
      usleep(20_000)
      after = openDescriptors(to: path)
    }
    #expect(after == 0, "\(after) descriptors still open on the trace")
  }
}

/// A value shared between threads.
final class Locked<T>: @unchecked Sendable {
  private var value: T
  private let lock = NSLock()
  init(_ value: T) { self.value = value }
  func get() -> T { lock.withLock { value } }
  func set(_ v: T) { lock.withLock { value = v } }
}

/// How many of this process's file descriptors are open on `path`.
func openDescriptors(to path: String) -> Int {
  let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
  return fds.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == target }.count
}
