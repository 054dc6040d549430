import Foundation
import RNGStreams
import RNGTrace
import TestSupport
import Testing

/// Any valid JSON encoding of a trace reads as the same trace: the reader
/// rewrites other encodings in the writer's form, so the differ, which
/// compares lines and fields as bytes, sees the same bytes (trace-format.md,
/// "Text rules").
@Suite struct EncodingTests {
  /// Every fixture trace, plus the variety trace (escapes, every dtype, non-ASCII).
  static func traces() throws -> [(String, [UInt8])] {
    let root = Fixtures.url("traces")
    var out: [(String, [UInt8])] = [("variety", varietyTrace())]
    for dir in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
      for side in ["a", "b"] {
        let url = root.appendingPathComponent(dir).appendingPathComponent("\(side).trace")
        if let data = FileManager.default.contents(atPath: url.path) { out.append(("\(dir)/\(side)", Array(data))) }
      }
    }
    return out
  }

  /// Each record: its line's bytes, facts and decoded event.
  struct Record: Equatable {
    var line: [UInt8]
    var kind: TraceEventKind
    var seq: UInt64?
    var counter: UInt64
    var count: UInt64
    var key: UInt64
    var event: TraceEvent
  }

  static func read(_ reader: TraceReader) throws -> [Record] {
    var out: [Record] = []
    while try reader.advance() {
      let line = reader.currentLine
      out.append(Record(
        line: Array(UnsafeBufferPointer(start: line.base, count: line.count)), kind: reader.facts.kind, seq: reader.facts.seq,
        counter: reader.facts.counter, count: reader.facts.count, key: reader.currentKey(), event: try reader.decodeCurrent()))
    }
    return out
  }

  static func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-encoding-\(UUID().uuidString).trace")
    try Data(bytes).write(to: url)
    return url.path
  }

  /// The property: re-encoded with Python's defaults or randomly (whitespace,
  /// shuffled fields, `\u` escapes, `\r\n`), every record
  /// reads back as the writer's line, byte for byte, with the same facts and
  /// event — on the caller's thread and through the read-ahead thread.
  @Test(arguments: [TraceReencoder.Style.pythonDefault, .random])
  func everyEncodingReadsBackInTheWritersForm(style: TraceReencoder.Style) throws {
    for (name, bytes) in try Self.traces() {
      let originalReader = try TraceReader(bytes: bytes, name: "\(name).trace")
      let original = try Self.read(originalReader)
      #expect(!original.isEmpty, "\(name)")
      for seed in 0..<(style == .random ? 4 : 1) {
        var encoder = TraceReencoder(seed: UInt64(seed) &* 0x9E37 &+ UInt64(name.utf8.count), style: style)
        // (Nested objects keep their order in the writer's form; EncodingDiffTests shuffles them too.)
        encoder.shuffleNestedFields = false
        let text = Array(encoder.reencode(String(decoding: bytes, as: UTF8.self)).utf8)
        #expect(text != bytes)
        let inMemory = try TraceReader(bytes: text, name: "re.trace")
        #expect(try Self.read(inMemory) == original, "\(name), \(style), seed \(seed)")
        #expect(inMemory.findings.map(\.message) == originalReader.findings.map(\.message))
        let path = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let onFile = try TraceReader(path: path)
        #expect(try Self.read(onFile) == original, "\(name), \(style), seed \(seed), read ahead")
        #expect(onFile.header == inMemory.header)
      }
    }
  }

  /// What Python's `json.dumps` writes, spelled out for one line.
  @Test func pythonSeparatorsAndAsciiEscapes() throws {
    var encoder = TraceReencoder(seed: 1, style: .pythonDefault)
    let line = #"{"event":"draw","seq":3,"shape":[1,2],"consumer":"é/x","params":{}}"#
    #expect(encoder.reencode(line + "\n") == #"{"event": "draw", "seq": 3, "shape": [1, 2], "consumer": "\u00e9/x", "params": {}}"# + "\n")
  }

  /// Keys and kinds with escapes name the same fields and kinds.
  @Test func escapedKeysAndKindsAreRead() throws {
    let header = String(decoding: sampleBuilder().bytes, as: UTF8.self).split(separator: "\n")[0]
    let stream = #"{"\u0065vent":"str\u0065am","\u0073eq":0,"id":"np","framework":"numpy","name":"global","algorithm":"mt19937","seed":"s","seeding":{"how":"entropy"}}"#
    let draw = #"{"event":"dr\u0061w","seq":1,"stream":"\u006ep","counter":0,"count":2,"op":"randn","dist":"normal","consumer":"m\/k"}"#
    let text = "\(header)\n\(stream)\n\(draw)\n"
    let reader = try TraceReader(bytes: Array(text.utf8), name: "e.trace")
    let records = try Self.read(reader)
    #expect(records.map(\.kind) == [TraceEventKind.stream, TraceEventKind.draw])
    guard case .draw(let draw) = records.last?.event else {
      Issue.record("expected a draw")
      return
    }
    #expect(draw.stream == "np")
    #expect(draw.consumer.path == "m/k")
    #expect(reader.findingCount == 0)
  }

  /// `seq` may have gaps: only a number that does not increase is a finding.
  @Test func sequenceGapsAreAccepted() throws {
    let header = String(decoding: sampleBuilder().bytes, as: UTF8.self).split(separator: "\n")[0]
    let lines = [
      #"{"event":"stream","seq":0,"id":"np","framework":"numpy","name":"global","algorithm":"mt19937","seed":"s","seeding":{"how":"entropy"}}"#,
      #"{"event":"draw","seq":5,"stream":"np","counter":0,"count":2,"op":"randn","dist":"normal","consumer":"a"}"#,
      #"{"event":"draw","seq":1000,"stream":"np","counter":2,"count":2,"op":"randn","dist":"normal","consumer":"b"}"#,
    ]
    let reader = try TraceReader(bytes: Array(([String(header)] + lines).joined(separator: "\n").utf8), name: "gaps.trace")
    #expect(try Self.read(reader).map(\.seq) == [0, 5, 1_000])
    #expect(reader.findingCount == 0)
  }

  /// A field that does not check, on a line in another encoding, is located
  /// on the line as written (not on its rewrite).
  @Test func errorsPointIntoTheOriginalLine() throws {
    let header = String(decoding: sampleBuilder().bytes, as: UTF8.self).split(separator: "\n")[0]
    let stream = #"{"event": "stream", "seq": 0, "id": "np", "framework": "numpy", "name": "global", "algorithm": "mt19937", "seed": "s", "seeding": {"how": "entropy"}}"#
    let draw = #"{"seq": 1,  "event": "draw", "stream": "np", "counter":   "seven", "count": 2, "op": "randn", "dist": "normal", "consumer": "k"}"#
    let text = "\(header)\n\(stream)\n\(draw)\n"
    let column = Array(draw.utf8).firstRange(of: Array("\"seven\"".utf8))!.lowerBound + 1
    do {
      _ = try Self.read(TraceReader(bytes: Array(text.utf8), name: "bad.trace"))
      Issue.record("expected an error")
    } catch let error as TraceError {
      #expect(error.description == "bad.trace:3:\(column): expected a non-negative integer for \"counter\"")
    }
  }
}
