import RNGTrace
import Testing

@Suite("Validation findings")
struct ValidationTests {
  @Test("contiguous counters give no findings")
  func clean() throws {
    let (_, reader) = try readAll(sampleBuilder().bytes)
    #expect(reader.findingCount == 0)
    #expect(!reader.isTruncated)
  }

  @Test("a gap is a finding with both counters, and reading goes on")
  func gap() throws {
    var b = TraceBuilder()
    let np = b.stream("np", seed: "s", seeding: .entropy)
    b.draw(np, count: 10, consumer: "a", role: "init")
    b.skip(np, by: 6)
    b.draw(np, count: 4, consumer: "b", role: "init")
    b.draw(np, count: 1, consumer: "c", role: "init")
    let (events, reader) = try readAll(b.bytes)
    #expect(events.count == 4)
    #expect(reader.findingCount == 1)
    let f = try #require(reader.findings.first)
    #expect(f.kind == .counterGap)
    #expect(f.line == 4)
    #expect(f.stream == "np")
    #expect(f.expectedCounter == 10 && f.actualCounter == 16)
    #expect(f.description == #"t.trace:4: counter gap on stream "np": draw 2 starts at 16, but the previous draw on it ended at 10 (6 u32 words with no consumer)"#)
  }

  @Test("an overlap is a finding")
  func overlap() throws {
    var b = TraceBuilder()
    let np = b.stream("np", seed: "s", seeding: .entropy)
    b.draw(np, count: 10, consumer: "a", role: "init")
    b.draw(np, count: 4, consumer: "b", role: "init", counter: 7)
    let (_, reader) = try readAll(b.bytes)
    let f = try #require(reader.findings.first)
    #expect(f.kind == .counterOverlap)
    #expect(f.expectedCounter == 10 && f.actualCounter == 7)
  }

  @Test("a first draw away from the stream's start is a gap")
  func firstDrawGap() throws {
    var b = TraceBuilder()
    let s = b.stream("k", algorithm: .philox4x32_10, seed: "key", seeding: .entropy, start: 5)
    b.draw(s, count: 2, consumer: "a", role: "init", counter: 9)
    let (_, reader) = try readAll(b.bytes)
    let f = try #require(reader.findings.first)
    #expect(f.kind == .counterGap)
    #expect(f.message.contains("declared to start at 5"))
    #expect(f.message.contains("4 block128 blocks"))
  }

  @Test("a reseed restarts the counter")
  func reseed() throws {
    var b = TraceBuilder()
    let np = b.stream("np", seed: "s", seeding: .explicit(call: "np.random.seed(0)", source: nil))
    b.draw(np, count: 10, consumer: "a", role: "init")
    b.reseed(np)
    b.draw(np, count: 10, consumer: "a", role: "init")
    let (_, reader) = try readAll(b.bytes)
    #expect(reader.findingCount == 0)
  }

  @Test("a draw on an undeclared stream is a finding, once per stream")
  func undeclared() throws {
    let text = [headerLine, drawLine(seq: 1, counter: 0, count: 2, stream: "ghost"),
                drawLine(seq: 2, counter: 2, count: 2, stream: "ghost")].joined(separator: "\n") + "\n"
    let (events, reader) = try readAll(text)
    #expect(events.count == 2)
    #expect(reader.findingCount == 1)
    #expect(reader.findings.first?.kind == .undeclaredStream)
    #expect(reader.findings.first?.stream == "ghost")
  }

  @Test("sequence numbers that do not increase are a finding")
  func nonMonotonic() throws {
    let text = [headerLine, streamLine, drawLine(seq: 5, counter: 0, count: 1), drawLine(seq: 5, counter: 1, count: 1),
                drawLine(seq: 3, counter: 2, count: 1)].joined(separator: "\n") + "\n"
    let (_, reader) = try readAll(text)
    #expect(reader.findings.map(\.kind) == [.nonMonotonicSequence, .nonMonotonicSequence])
    #expect(reader.findings.map(\.line) == [4, 5])
  }

  @Test("a last line cut off mid-way is reported as truncated, and everything before it is read")
  func truncated() throws {
    let full = sampleBuilder().bytes
    // Cut inside the last line.
    let cut = Array(full.dropLast(9))
    let (events, reader) = try readAll(cut)
    #expect(reader.isTruncated)
    #expect(events.count == sampleBuilder().events.count - 1)
    let f = try #require(reader.findings.last)
    #expect(f.kind == .truncated)
    #expect(f.line == sampleBuilder().events.count + 1)
  }

  @Test("a last line without a newline that is complete is not truncated")
  func completeLastLine() throws {
    let full = sampleBuilder().bytes
    let (events, reader) = try readAll(Array(full.dropLast()))
    #expect(!reader.isTruncated)
    #expect(events.count == sampleBuilder().events.count)
  }

  @Test("a malformed line that ends with a newline is an error, not truncation")
  func malformedNotTruncated() {
    let text = headerLine + "\n" + #"{"event":"metric","name":"loss","value":0.6"# + "\n"
    #expect(throws: TraceError.self) { try readAll(text) }
  }

  @Test("findings stop being kept at the limit but are still counted")
  func findingLimit() throws {
    var b = TraceBuilder()
    let np = b.stream("np", seed: "s", seeding: .entropy)
    for k in 0..<150 { b.draw(np, count: 1, consumer: "c\(k)", role: "init", counter: UInt64(k * 2)) }
    let (_, reader) = try readAll(b.bytes)
    #expect(reader.findingCount == 149)
    #expect(reader.findings.count == 100)
  }
}
