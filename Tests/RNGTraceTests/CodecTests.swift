import Foundation
import RNGStreams
import RNGTrace
import Testing

@Suite("Trace codec")
struct CodecTests {
  @Test("every event kind survives a write/read round trip")
  func roundTrip() throws {
    let builder = sampleBuilder()
    let (events, reader) = try readAll(builder.bytes)
    #expect(reader.header == builder.header)
    #expect(events == builder.events)
    #expect(reader.findingCount == 0)
  }

  @Test("the writer numbers events and the reader sees them in order")
  func writerNumbers() throws {
    let builder = sampleBuilder()
    let writer = TraceWriter(header: builder.header)
    for event in builder.events { try writer.write(event) }
    let (events, _) = try readAll(writer.bytes)
    #expect(events.map(\.seq) == (0..<UInt64(builder.events.count)).map { Optional($0) })
  }

  @Test("writing to a file and reading it back gives the same events")
  func fileRoundTrip() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("a.trace").path
    let builder = sampleBuilder()
    let writer = try TraceWriter(path: path, header: builder.header)
    writer.numbersEvents = false
    for event in builder.events { try writer.write(event) }
    try writer.close()
    let reader = try TraceReader(path: path)
    var events: [TraceEvent] = []
    while let e = try reader.next() { events.append(e) }
    #expect(events == builder.events)
  }

  @Test("values of every dtype round-trip bit for bit")
  func valuesRoundTrip() throws {
    let all: [DrawnValues] = [
      .bool([true, false]), .int8([-128, 127]), .int16([-32768, 7]), .int32([Int32.min, Int32.max]),
      .int64([Int64.min, Int64.max, 0]), .uint8([0, 255]), .uint16([65535]), .uint32([UInt32.max]),
      .uint64([UInt64.max, 1 << 53 + 1]), .float16(bits: [0x3C00, 0x7BFF, 0x0001, 0x8000, 0x7C00]),
      .bfloat16(bits: [0x3F80, 0x4049, 0xFF80]), .float32([0.1, -0.0, .infinity, Float.leastNonzeroMagnitude, 16777216]),
      .float64([0.1, Double.leastNonzeroMagnitude, -.infinity, 1e16, 1.0 / 3]),
    ]
    var b = TraceBuilder()
    for (k, values) in all.enumerated() {
      b.tensor("t\(k)", moment: .initial, values: values)
    }
    let (events, _) = try readAll(b.bytes)
    for (k, event) in events.enumerated() {
      guard case .tensor(let t) = event else { Issue.record("expected a tensor"); continue }
      #expect(t.values == all[k], "dtype \(all[k].dtypeName)")
      #expect(t.digest == TraceDigest.hex(of: all[k]))
    }
  }

  @Test("NaN values and metrics are written as NaN and read back")
  func nonFinite() throws {
    var b = TraceBuilder()
    b.metric("loss", epoch: 1, value: .nan)
    b.metric("loss", epoch: 2, value: -.infinity)
    #expect(b.text.contains(#""value":NaN"#))
    #expect(b.text.contains(#""value":-Infinity"#))
    let (events, _) = try readAll(b.bytes)
    #expect(events == b.events)
  }

  @Test("strings with quotes, backslashes, control characters and non-ASCII round-trip")
  func escapes() throws {
    var b = TraceBuilder(label: "tab\there \"quoted\" back\\slash \u{1} é 🎲")
    let s = b.stream("odd \"id\"", seed: "x\ny", seeding: .explicit(call: "seed(\"0\")", source: nil))
    b.draw(s, count: 1, consumer: "a/b\\c", role: "ünï")
    let (events, reader) = try readAll(b.bytes)
    #expect(reader.header.label == b.header.label)
    #expect(events == b.events)
    #expect(reader.findingCount == 0)
  }

  @Test("\\u escapes, including surrogate pairs, decode to the characters")
  func unicodeEscapes() throws {
    let text = headerLine + "\n" + #"{"event":"metric","name":"l\u00f6ss \ud83c\udfb2 \/","value":1}"# + "\n"
    let (events, _) = try readAll(text)
    guard case .metric(let m) = events.first else { Issue.record("expected a metric"); return }
    #expect(m.name == "löss 🎲 /")
  }

  @Test("unknown fields are ignored and unknown event kinds are skipped")
  func forwardCompatible() throws {
    let text = [
      headerLine.replacingOccurrences(of: #""config":{}"#, with: #""config":{},"future":{"nested":[1,{"x":null}]}"#),
      streamLine.replacingOccurrences(of: #""seq":0,"#, with: #""seq":0,"colour":"blue","#),
      #"{"event":"hologram","seq":1,"anything":[1,2,3]}"#,
      drawLine(seq: 2, counter: 0, count: 3).replacingOccurrences(of: #""op""#, with: #""extra":{"a":[true]},"op""#),
    ].joined(separator: "\n") + "\n"
    let (events, reader) = try readAll(text)
    #expect(events.count == 2)
    #expect(reader.unknownEventCount == 1)
    guard case .draw(let d) = events.last else { Issue.record("expected a draw"); return }
    #expect(d.counter == 0 && d.count == 3 && d.consumer.path == "c")
  }

  @Test("blank lines and CRLF line ends are accepted")
  func blankLinesAndCRLF() throws {
    let text = headerLine + "\r\n\r\n" + streamLine + "\r\n   \n" + drawLine(seq: 1, counter: 0, count: 1) + "\r\n"
    let (events, reader) = try readAll(text)
    #expect(events.count == 2)
    #expect(reader.findingCount == 0)
  }

  @Test("a line split across read chunks is read whole")
  func chunkBoundaries() throws {
    var b = sampleBuilder()
    let np = TraceBuilder.StreamHandle(id: "np")
    for k in 0..<200 { b.draw(np, count: UInt64(k % 7), consumer: "layer_\(k)/kernel", role: "init") }
    var options = TraceReader.Options()
    options.chunkBytes = 4096  // many boundaries, some inside lines
    let reader = try TraceReader(bytes: b.bytes, name: "t", options: options)
    var events: [TraceEvent] = []
    while let e = try reader.next() { events.append(e) }
    #expect(events == b.events)
  }

  @Test("floats are written as Python's repr writes them (goldens from CPython)")
  func pythonFloatRepr() throws {
    let cases = try goldens()["float64_repr"] as! [[String]]
    #expect(cases.count > 500)
    var json = JSONWriter()
    for pair in cases {
      let value = Double(bitPattern: UInt64(pair[0], radix: 16)!)
      json.reset()
      json.double(value)
      #expect(json.text == pair[1], "bits \(pair[0])")
    }
  }

  @Test("float32 values are written with their shortest digits in Python's layout (goldens from NumPy)")
  func float32Repr() throws {
    let cases = try goldens()["float32_repr"] as! [[String]]
    #expect(cases.count > 500)
    var json = JSONWriter()
    for pair in cases {
      let value = Float(bitPattern: UInt32(pair[0], radix: 16)!)
      json.reset()
      json.float(value)
      #expect(json.text == pair[1], "bits \(pair[0])")
    }
  }

  @Test("float text read back gives the same bits (doubles and float32)")
  func floatParsing() throws {
    let g = try goldens()
    var b = TraceBuilder()
    let doubles = (g["float64_repr"] as! [[String]]).map { Double(bitPattern: UInt64($0[0], radix: 16)!) }
    let floats = (g["float32_repr"] as! [[String]]).map { Float(bitPattern: UInt32($0[0], radix: 16)!) }
    b.tensor("d", moment: .initial, values: .float64(doubles))
    b.tensor("f", moment: .initial, values: .float32(floats))
    let (events, _) = try readAll(b.bytes)
    #expect(events == b.events)
  }

  @Test("digests match hashlib + NumPy for every dtype (the doc's Python snippet)")
  func digests() throws {
    let g = try goldens()
    let cases = g["digests"] as! [[Any]]
    #expect(cases.count >= 13)
    for c in cases {
      let dtype = c[0] as! String
      let raw = c[1] as! [Any]
      let expected = c[2] as! String
      let values: DrawnValues
      func ints() -> [Int64] { raw.map { ($0 as! NSNumber).int64Value } }
      func uints() -> [UInt64] { raw.map { ($0 as! NSNumber).uint64Value } }
      switch dtype {
      case "float64": values = .float64(raw.map { ($0 as! NSNumber).doubleValue })
      case "float32": values = .float32(raw.map { Float(($0 as! NSNumber).doubleValue) })
      case "float16": values = .float16(bits: raw.map { halfBits(($0 as! NSNumber).doubleValue) })
      case "int64": values = .int64(ints())
      case "int32": values = .int32(ints().map { Int32($0) })
      case "int16": values = .int16(ints().map { Int16($0) })
      case "int8": values = .int8(ints().map { Int8($0) })
      case "uint64": values = .uint64(uints())
      case "uint32": values = .uint32(uints().map { UInt32($0) })
      case "uint16": values = .uint16(uints().map { UInt16($0) })
      case "uint8": values = .uint8(uints().map { UInt8($0) })
      case "bool": values = .bool(raw.map { ($0 as! NSNumber).boolValue })
      default: Issue.record("unexpected dtype \(dtype)"); continue
      }
      #expect(TraceDigest.hex(of: values) == expected, "dtype \(dtype)")
    }
    // C order: the 2x2 array [[1,2],[3,4]] hashes as 1,2,3,4 whatever its memory layout.
    let order = g["digest_c_order"] as! [Any]
    #expect(TraceDigest.hex(of: .float64([1, 2, 3, 4])) == order[1] as! String)
    #expect(order[1] as! String == order[2] as! String)
    // bfloat16 through torch: the digest of the 16-bit patterns.
    let bf = g["digest_bfloat16"] as! [Any]
    let bits = (bf[0] as! [NSNumber]).map { UInt16($0.intValue) }
    #expect(TraceDigest.hex(of: .bfloat16(bits: bits)) == bf[1] as! String)
  }

  /// The half-precision pattern of a value that is exactly representable
  /// (the golden cases are).
  private func halfBits(_ d: Double) -> UInt16 {
    let f = Float(d)
    let bits = f.bitPattern
    let sign = UInt16((bits >> 16) & 0x8000)
    if f == 0 { return sign }
    let exponent = Int((bits >> 23) & 0xff) - 127 + 15
    return sign | UInt16(exponent << 10) | UInt16((bits >> 13) & 0x3ff)
  }

  @Test("digests compare on their common length")
  func digestPrefixes() {
    let d = TraceDigest.hex(of: .float64([1]))
    #expect(d.count == 16)
    #expect(TraceDigest.matches(d, d + "0123"))
    #expect(!TraceDigest.matches(d, "0000000000000000"))
    #expect(!TraceDigest.matches("abc", "abcd"))
  }
}
