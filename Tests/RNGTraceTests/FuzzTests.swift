import RNGTrace
import Testing

/// SplitMix64: a tiny seeded generator so every mutation is reproducible.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// The outcome of reading a trace to its end.
enum ReadOutcome {
  case read(events: [TraceEvent], reader: TraceReader)
  case refused(TraceError)
}

func readOutcome(_ bytes: [UInt8]) -> ReadOutcome {
  do {
    let reader = try TraceReader(bytes: bytes, name: "fuzz.trace")
    var events: [TraceEvent] = []
    while let e = try reader.next() { events.append(e) }
    return .read(events: events, reader: reader)
  } catch {
    return .refused(error)
  }
}

@Suite("Fuzzing the reader")
struct FuzzTests {
  static let base: [UInt8] = {
    var b = sampleBuilder()
    let np = TraceBuilder.StreamHandle(id: "np")
    for k in 0..<30 {
      b.draw(np, count: UInt64(k % 5 + 1), consumer: "layer_\(k % 7)/mask", role: "mask", dtype: "bool", shape: [2],
             values: .bool([k % 2 == 0, k % 3 == 0]))
    }
    return b.bytes
  }()

  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  }

  /// Checks that an error is a proper one-sentence, located error.
  func checkError(_ e: TraceError, lineCount: Int) {
    #expect(!e.message.isEmpty)
    #expect(!e.description.contains("\n"))
    if let line = e.line {
      #expect(line >= 1 && line <= lineCount + 1)
      if let column = e.column { #expect(column >= 1) }
      #expect(e.description.hasPrefix("fuzz.trace:\(line):"))
    }
  }

  @Test("flipped bytes give either a located error or a trace that reads", arguments: 0..<4)
  func byteFlips(round: Int) {
    var rng = SplitMix64(state: 0xF1_175 &+ UInt64(round))
    let lineCount = Self.lines(Self.base).count
    for _ in 0..<250 {
      var bytes = Self.base
      for _ in 0..<(1 + rng.below(3)) {
        let at = rng.below(bytes.count)
        switch rng.below(3) {
        case 0: bytes[at] ^= UInt8(1 << rng.below(8))
        case 1: bytes[at] = UInt8(rng.below(256))
        default: bytes[at] = [UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "]"), 0x0A, UInt8(ascii: "\\")][rng.below(6)]
        }
      }
      switch readOutcome(bytes) {
      case .refused(let e): checkError(e, lineCount: lineCount + 2)
      case .read(let events, let reader):
        #expect(events.count <= lineCount + 2)
        #expect(reader.findingCount >= reader.findings.count)
      }
    }
  }

  @Test("a trace cut anywhere reads its complete lines and reports the cut", arguments: 0..<2)
  func truncations(round: Int) throws {
    var rng = SplitMix64(state: 0x7_C47 &+ UInt64(round))
    let (all, _) = try readAll(Self.base)
    let headerEnd = Self.base.firstIndex(of: 0x0A)!
    for _ in 0..<300 {
      let cut = rng.below(Self.base.count)
      let bytes = Array(Self.base[..<cut])
      switch readOutcome(bytes) {
      case .refused(let e):
        // Only a cut inside the header line (or before it) may refuse the file.
        #expect(cut <= headerEnd, "cut at \(cut): \(e)")
      case .read(let events, let reader):
        #expect(cut > headerEnd)
        #expect(events == Array(all.prefix(events.count)), "cut at \(cut)")
        let endsAtLine = bytes.last == 0x0A || cut == Self.base.count
        if !endsAtLine && !reader.isTruncated {
          // The cut fell just before a newline: the last line is complete.
          #expect(events.count == Self.base[..<cut].filter { $0 == 0x0A }.count)
        }
      }
    }
  }

  @Test("swapped, deleted and duplicated lines give findings, never a crash", arguments: 0..<3)
  func lineEdits(round: Int) {
    var rng = SplitMix64(state: 0x11_4E5 &+ UInt64(round))
    let original = Self.lines(Self.base).filter { !$0.isEmpty }
    for _ in 0..<200 {
      var lines = original
      for _ in 0..<(1 + rng.below(3)) {
        let i = 1 + rng.below(lines.count - 1)  // keep the header
        switch rng.below(3) {
        case 0:
          let j = 1 + rng.below(lines.count - 1)
          lines.swapAt(i, j)
        case 1: if lines.count > 2 { lines.remove(at: i) }
        default: lines.insert(lines[i], at: i)
        }
      }
      let bytes = Array(lines.joined(separator: [0x0A])) + [0x0A]
      switch readOutcome(bytes) {
      case .refused(let e):
        Issue.record("valid lines in any order must read: \(e)")
      case .read(let events, let reader):
        #expect(events.count == lines.count - 1)
        // Every event carries a sequence number, so a duplicated or moved
        // line always breaks their order.
        if lines != original && lines.count >= original.count { #expect(reader.findingCount > 0) }
      }
    }
  }

  @Test("random text and random bytes are refused with one sentence")
  func randomInput() {
    var rng = SplitMix64(state: 42)
    for _ in 0..<200 {
      let n = rng.below(300)
      let bytes = (0..<n).map { _ in UInt8(rng.below(256)) }
      if case .refused(let e) = readOutcome(bytes) { checkError(e, lineCount: 400) }
      let text = (0..<n).map { _ in UInt8(32 + rng.below(95)) }
      if case .refused(let e) = readOutcome(text) { checkError(e, lineCount: 400) }
    }
  }

  @Test("deep nesting is refused, not a stack overflow")
  func deepNesting() {
    let deep = String(repeating: "[", count: 100_000)
    let text = headerLine + "\n" + #"{"event":"metric","name":"x","value":1,"junk":"# + deep + "\n"
    guard case .refused(let e) = readOutcome(Array(text.utf8)) else {
      Issue.record("expected an error")
      return
    }
    #expect(e.message == "expected at most 64 levels of nesting")
  }
}
