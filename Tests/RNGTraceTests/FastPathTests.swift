import Foundation
import RNGStreams
import RNGTrace
import Testing

/// A trace with every event kind and the field variations the writer
/// produces: escapes, every dtype's values, phases with and without index and
/// name, negative indices, non-finite metrics, empty and nested parameters.
func varietyTrace() -> [UInt8] {
  var b = sampleBuilder()
  let np = TraceBuilder.StreamHandle(id: "np")
  let all: [DrawnValues] = [
    .bool([true, false]), .int8([-128, 127]), .int16([-3, 4]), .int32([Int32.min, 0]), .int64([Int64.min, Int64.max]),
    .uint8([0, 255]), .uint16([65535]), .uint32([UInt32.max]), .uint64([UInt64.max, 0]),
    .float16(bits: [0x3C00, 0x7C00, 0xFC00, 0x7E00]), .bfloat16(bits: [0x3F80, 0x0001]),
    .float32([0.1, -0.0, .infinity, Float(bitPattern: 1)]), .float64([0.1, -2.5e-300, .nan, -.infinity, 1e16]),
  ]
  for (k, values) in all.enumerated() {
    b.draw(np, count: UInt64(k), consumer: "layer_\(k)/kernel", role: k % 2 == 0 ? "init" : "", dtype: values.dtypeName,
           shape: [values.count], source: "a.py:\(k)", values: values)
  }
  b.draw(np, count: 3, consumer: "quote\"and\\slash/é", role: "tab\there", params: [NamedValue("p", "0.5"), NamedValue("q", "x\"y")])
  b.draw(np, count: 0, consumer: "cached", role: "noise", params: [], shape: [], source: nil)
  b.draw(np, count: 1 << 40, consumer: "big", role: "init", shape: [0, 1, 2, 30, 400, 5000], digest: String(repeating: "ab", count: 32))
  b.phase("fit", .begin)
  b.phase("epoch", .begin, index: -1)
  b.phase("batch", .begin, index: 0, name: "warm\"up")
  b.phase("custom phase", .begin, name: "x")
  b.phase("custom phase", .end)
  b.phase("batch", .end, index: 0)
  b.phase("epoch", .end, index: -1)
  b.phase("fit", .end)
  b.tensor("w", moment: .initial, values: .float32([1, 2]), keepValues: false)
  b.tensor("w", moment: .afterBatch(12), values: .float64([1, .nan]))
  b.tensor("w\\x", moment: .final, values: .int64([7]), shape: [1, 1])
  b.metric("loss", epoch: 1, value: .nan)
  b.metric("loss", step: 7, value: -.infinity)
  b.metric("acc", epoch: 2, step: 3, value: 1e-7)
  b.metric("acc", value: 12345678901234567168)
  return b.bytes
}

/// The lines of a trace (without newlines).
func traceLines(_ bytes: [UInt8]) -> [[UInt8]] {
  bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
}

/// What a scan of one line gives: nil when it fails (or declines), else the
/// fields present and their spans.
struct ScanResult: Equatable {
  var present: UInt64
  var spans: [Int: [Int]]

  static func == (a: ScanResult, b: ScanResult) -> Bool { a.present == b.present && a.spans == b.spans }
}

/// `remembering`: the fast path with the middles of draw lines that storage
/// has seen (``CanonicalSegments``), as a reader scans line after line.
func scan(_ line: [UInt8], fast: Bool, remembering storage: LayoutStorage? = nil) -> ScanResult? {
  let storage = storage ?? LayoutStorage()
  var layout = storage.layout
  let bytes = line + [0]  // the reader's sentinel
  return bytes.withUnsafeBufferPointer { buffer -> ScanResult? in
    var cursor = JSONCursor(base: buffer.baseAddress!, count: line.count)
    if fast {
      guard cursor.scanCanonicalEvent(into: &layout, segments: storage.segments) != nil else { return nil }
    } else {
      do { try cursor.scanGeneralEventObject(into: &layout) } catch { return nil }
    }
    var spans: [Int: [Int]] = [:]
    for field in FieldID.allCases where layout.has(field) {
      let s = layout.spans[field.rawValue]
      spans[field.rawValue] = [Int(s.start), Int(s.end), Int(s.type.rawValue), s.escaped ? 1 : 0]
    }
    return ScanResult(present: layout.present, spans: spans)
  }
}

@Suite("Scanner fast path")
struct FastPathTests {
  static let corpus: [[UInt8]] = {
    var lines = traceLines(varietyTrace()) + traceLines(FuzzTests.base)
    lines += traceLines(Array((headerLine + "\n" + streamLine + "\n" + drawLine(seq: 1, counter: 0, count: 4)).utf8))
    return lines.filter { !$0.isEmpty }
  }()

  @Test("every line the writer writes: the fast path records exactly what the general scanner records")
  func writerLines() {
    var fastLines = 0
    for line in Self.corpus {
      let general = scan(line, fast: false)
      #expect(general != nil, "the general scanner must read every line the writer writes")
      guard let fast = scan(line, fast: true) else {
        // Declining is allowed only for kinds without a fast path or for escapes.
        let text = String(decoding: line, as: UTF8.self)
        let kind = ["\"draw\"", "\"phase\"", "\"tensor\"", "\"metric\""].first { text.hasPrefix("{\"event\":\($0)") }
        #expect(kind == nil || text.contains("\\"), "the fast path declined a plain writer line: \(text)")
        continue
      }
      fastLines += 1
      #expect(fast == general, "\(String(decoding: line, as: UTF8.self))")
    }
    // Draws, phases, tensors and metrics without escapes take the fast path.
    #expect(fastLines >= 70)
  }

  @Test("mutated lines: whenever the fast path accepts one, the general scanner records the same", arguments: 0..<4)
  func mutations(round: Int) {
    var rng = SplitMix64(state: 0xFA57 &+ UInt64(round) &* 104_729)
    let specials: [UInt8] = Array("{}[]\",:\\ \t0123456789-.eE\r\u{01}ntfaIN".utf8)
    var accepted = 0, rejected = 0
    for _ in 0..<6_000 {
      var line = Self.corpus[rng.below(Self.corpus.count)]
      for _ in 0..<(1 + rng.below(2)) where !line.isEmpty {
        let at = rng.below(line.count)
        switch rng.below(6) {
        case 0: line[at] ^= UInt8(1 << rng.below(8))
        case 1: line[at] = specials[rng.below(specials.count)]
        case 2: line.remove(at: at)
        case 3: line.insert(specials[rng.below(specials.count)], at: at)
        case 4: line = Array(line.prefix(at))
        default:
          // Duplicate a stretch (a repeated key or value).
          let end = min(line.count, at + 1 + rng.below(16))
          line.insert(contentsOf: line[at..<end], at: at)
        }
      }
      guard let fast = scan(line, fast: true) else {
        rejected += 1
        continue
      }
      accepted += 1
      #expect(scan(line, fast: false) == fast, "\(String(decoding: line, as: UTF8.self))")
    }
    // The mutations must reach both outcomes, or the test proves nothing.
    #expect(accepted > 300 && rejected > 300, "accepted \(accepted), rejected \(rejected)")
  }

  @Test("remembered middles of draw lines: a line that repeats one takes its spans, exactly what a scan of its own finds")
  func rememberedMiddles() {
    let storage = LayoutStorage()
    let first = Array(#"{"event":"draw","seq":5,"stream":"gen","counter":0,"count":8,"op":"bernoulli_","dist":"bernoulli","params":{"p":"0.5"},"dtype":"bool","shape":[32,32],"consumer":"model/dropout","role":"mask","source":"train.py:41","digest":"812b2ab25ba20f6c"}"#.utf8)
    let hitsBefore = storage.segments.hits
    #expect(scan(first, fast: true, remembering: storage) == scan(first, fast: false))
    // The same middle at other offsets (longer seq and counter), with or
    // without a digest after it, and a line whose middle differs in one byte.
    let lines = [
      #"{"event":"draw","seq":123456,"stream":"gen","counter":99999,"count":8,"op":"bernoulli_","dist":"bernoulli","params":{"p":"0.5"},"dtype":"bool","shape":[32,32],"consumer":"model/dropout","role":"mask","source":"train.py:41","digest":"0000000000000000"}"#,
      #"{"event":"draw","seq":7,"stream":"g","counter":1,"count":8,"op":"bernoulli_","dist":"bernoulli","params":{"p":"0.5"},"dtype":"bool","shape":[32,32],"consumer":"model/dropout","role":"mask","source":"train.py:41"}"#,
      #"{"event":"draw","seq":8,"stream":"gen","counter":2,"count":8,"op":"bernoulli_","dist":"bernoulli","params":{"p":"0.5"},"dtype":"bool","shape":[32,32],"consumer":"model/dropout","role":"mask","source":"train.py:41","values":[true,false]}"#,
      #"{"event":"draw","seq":9,"stream":"gen","counter":3,"count":8,"op":"bernoulli_","dist":"bernoulli","params":{"p":"0.5"},"dtype":"bool","shape":[32,33],"consumer":"model/dropout","role":"mask","source":"train.py:41","digest":"812b2ab25ba20f6c"}"#,
    ]
    for text in lines {
      let line = Array(text.utf8)
      #expect(scan(line, fast: true, remembering: storage) == scan(line, fast: false), "\(text)")
    }
    // Three of the four repeat the first line's middle.
    #expect(storage.segments.hits - hitsBefore == 3)
  }

  @Test("mutated lines after their original: whenever the fast path with remembered middles accepts one, the general scanner records the same", arguments: 0..<4)
  func mutationsAfterOriginal(round: Int) {
    var rng = SplitMix64(state: 0x5E6 &+ UInt64(round) &* 7_919)
    let specials: [UInt8] = Array("{}[]\",:\\ \t0123456789-.eE\r\u{01}ntfaIN".utf8)
    let storage = LayoutStorage()
    var accepted = 0, rejected = 0
    let hitsBefore = storage.segments.hits
    for _ in 0..<6_000 {
      let original = Self.corpus[rng.below(Self.corpus.count)]
      _ = scan(original, fast: true, remembering: storage)
      var line = original
      let at = rng.below(max(line.count, 1))
      switch rng.below(4) {
      case 0 where !line.isEmpty: line[at] ^= UInt8(1 << rng.below(8))
      case 1 where !line.isEmpty: line[at] = specials[rng.below(specials.count)]
      case 2 where !line.isEmpty: line.remove(at: at)
      default: line.insert(specials[rng.below(specials.count)], at: at)
      }
      guard let fast = scan(line, fast: true, remembering: storage) else {
        rejected += 1
        continue
      }
      accepted += 1
      #expect(scan(line, fast: false) == fast, "\(String(decoding: line, as: UTF8.self))")
    }
    #expect(accepted > 300 && rejected > 300, "accepted \(accepted), rejected \(rejected)")
    // Remembered middles were used, or the test proves nothing about them.
    #expect(storage.segments.hits - hitsBefore > 300)
  }

  @Test("fields in another order, whitespace and unknown fields take the general scanner, with the same result")
  func otherProducers() throws {
    let lines = [
      #"{"seq":1,"event":"draw","stream":"np","counter":0,"count":4,"op":"x","dist":"uniform","consumer":"c","role":""}"#,
      #"{"event":"draw", "seq":1,"stream":"np","counter":0,"count":4,"op":"x","dist":"uniform","consumer":"c","role":""}"#,
      #"{"event":"draw","seq":1,"stream":"np","counter":0,"count":4,"op":"x","dist":"uniform","consumer":"c","role":"","extra":[1,{"a":2}]}"#,
      #"{"event":"draw","seq":1,"stream":"np","count":4,"counter":0,"op":"x","dist":"uniform","consumer":"c","role":""}"#,
      #"{"event":"phase","seq":1,"phase":"epoch","edge":"begin","index":1} "#,
    ]
    for text in lines {
      let line = Array(text.utf8)
      #expect(scan(line, fast: true) == nil, "\(text)")
      #expect(scan(line, fast: false) != nil, "\(text)")
    }
  }
}
