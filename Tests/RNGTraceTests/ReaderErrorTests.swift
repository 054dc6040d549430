import Foundation
import RNGTrace
import Testing

/// The error a reader of `text` throws, opening or reading.
private func error(reading text: String, name: String = "t.trace") -> TraceError? {
  do {
    let reader = try TraceReader(bytes: Array(text.utf8), name: name)
    while try reader.next() != nil {}
    return nil
  } catch {
    return error
  }
}

@Suite("Reader errors")
struct ReaderErrorTests {
  @Test("a malformed line names file:line:col and what was expected")
  func malformedLine() throws {
    let bad = #"{"event":"draw","seq":1 "stream":"np"}"#
    let e = try #require(error(reading: headerLine + "\n" + streamLine + "\n" + bad + "\n"))
    #expect(e.kind == .malformed)
    #expect(e.line == 3)
    #expect(e.column == 25)  // the space before "stream", where ',' or '}' was expected
    #expect(e.description == "t.trace:3:25: expected ',' or '}' after a value")
    #expect(e.exitStatus == 2)
  }

  @Test("each syntax error says what was expected", arguments: [
    (#"{"event":"metric","name":"x","value":}"#, 38, "expected a value (a string, number, object, array, true, false or null)"),
    (#"{"event":"metric","name":"x","value":1.}"#, 40, "expected a digit after the decimal point"),
    (#"{"event":"metric","name":"x","value":1e}"#, 40, "expected a digit in the exponent"),
    (#"{"event":"metric","name":"x,"value":1}"#, 30, "expected ',' or '}' after a value"),
    (#"{"event":"metric","name" "x"}"#, 26, "expected ':' after the field name"),
    (#"{"event":"metric","name":"x","value":1}}"#, 40, "expected the end of the line after the event object"),
    (#"{"event":"metric",name:"x","value":1}"#, 19, "expected a field name in quotes"),
    (#"["event","metric"]"#, 1, "expected '{' to start an event object"),
    (#"{"event":"metric","name":"a\qb","value":1}"#, 28, #"expected a valid escape (\" \\ \/ \b \f \n \r \t \uXXXX)"#),
    (#"{"event":"metric","name":"x","value":[1,2}"#, 42, "expected ',' or ']' after a value"),
    (#"{"event":"metric","name":"x","value":[1,2"#, 38, "expected the end of the array that starts here"),
    (#"{"event":"metric","name":"x","value":tru}"#, 38, "expected a value (a string, number, object, array, true, false or null)"),
  ])
  func syntax(line: String, column: Int, message: String) throws {
    let e = try #require(error(reading: headerLine + "\n" + line + "\n"))
    #expect(e.kind == .malformed)
    #expect(e.line == 2)
    #expect(e.column == column)
    #expect(e.message == message)
  }

  @Test("missing and mistyped fields are named", arguments: [
    (#"{"event":"draw","seq":1,"stream":"np","counter":0,"op":"x","dist":"u","consumer":"c","role":"r"}"#,
     1, #"expected a "count" field in this draw event"#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":-4,"count":1,"op":"x","dist":"u","consumer":"c","role":"r"}"#,
     49, #"expected a non-negative integer for "counter""#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":99999999999999999999,"count":1,"op":"x","dist":"u","consumer":"c"}"#,
     49, #"expected an integer below 2**64 for "counter""#),
    (#"{"event":"draw","seq":1,"stream":7,"counter":0,"count":1,"op":"x","dist":"u","consumer":"c"}"#,
     34, #"expected a string for "stream""#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":0,"count":1,"op":"x","dist":"u","consumer":"c","digest":"XYZ"}"#,
     105, #"expected 16 to 64 lowercase hex digits for "digest""#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":0,"count":1,"op":"x","dist":"u","consumer":"c","shape":[2,-1]}"#,
     107, #"expected a non-negative integer in "shape""#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":0,"count":1,"op":"x","dist":"u","consumer":"c","dtype":"float32","values":[1,"a"]}"#,
     126, #"expected a number, true or false in "values""#),
    (#"{"event":"draw","seq":1,"stream":"np","counter":0,"count":1,"op":"x","dist":"u","consumer":"c","dtype":"int8","values":[1,300]}"#,
     123, #"expected a int8 value in "values""#),
    (#"{"event":"tensor","name":"w","moment":"later","dtype":"float32","shape":[1],"digest":"0123456789abcdef"}"#,
     39, #"expected "init", "batch", "epoch" or "final" for "moment""#),
    (#"{"event":"tensor","name":"w","moment":"epoch","dtype":"float32","shape":[1],"digest":"0123456789abcdef"}"#,
     1, #"expected an "index" field for moment "epoch""#),
    (#"{"event":"phase","phase":"fit","edge":"middle"}"#, 39, #"expected "begin" or "end" for "edge""#),
    (#"{"seq":3,"name":"loss"}"#, 1,
     #"expected an "event" field naming the event kind (header, stream, derivation, draw, tensor, metric, phase)"#),
    (#"{"event":"stream","id":"np","framework":"numpy","name":"g","algorithm":"mt19937","seed":"s","seeding":{"how":"magic"}}"#,
     103, #"expected "how": "explicit", "derived", "entropy", "default", "drawn" or "restored" in "seeding""#),
  ])
  func fields(line: String, column: Int, message: String) throws {
    let e = try #require(error(reading: headerLine + "\n" + streamLine + "\n" + line + "\n"))
    #expect(e.kind == .malformed)
    #expect(e.line == 3)
    #expect(e.column == column)
    #expect(e.message == message)
  }

  @Test("a second header (two traces joined) is an error")
  func secondHeader() throws {
    let e = try #require(error(reading: headerLine + "\n" + headerLine + "\n"))
    #expect(e.line == 2)
    #expect(e.message.contains("one header only"))
  }

  @Test("an unknown format version is refused, naming the versions supported")
  func unknownVersion() throws {
    let text = headerLine.replacingOccurrences(of: #""version":1"#, with: #""version":7"#) + "\n"
    let e = try #require(error(reading: text))
    #expect(e.kind == .unsupportedVersion)
    #expect(e.description == "t.trace:1:54: trace format version 7 is not supported; this rngdiff reads version 1")
  }

  @Test("a JSON file that is not a trace says so")
  func notATrace() throws {
    let e = try #require(error(reading: #"{"name":"model","layers":3}"# + "\n", name: "model.json"))
    #expect(e.kind == .notATrace)
    #expect(e.line == 1)
    #expect(e.message.contains("model.json is not an rngdiff trace"))
    let csv = try #require(error(reading: "epoch,loss\n1,0.5\n", name: "log.csv"))
    #expect(csv.kind == .notATrace)
    #expect(csv.description.hasPrefix("log.csv:1:1: expected a trace header line"))
  }

  @Test("an empty file gives one sentence")
  func empty() throws {
    let e = try #require(error(reading: "", name: "e.trace"))
    #expect(e.kind == .empty)
    #expect(e.description == "e.trace is empty; a trace starts with a header line")
    let blank = try #require(error(reading: "\n \n", name: "b.trace"))
    #expect(blank.kind == .empty)
  }

  @Test("a binary file gives one sentence")
  func binary() throws {
    var bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00]  // gzip
    bytes += (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) }
    do {
      _ = try TraceReader(bytes: bytes, name: "a.trace.gz")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .binary)
      #expect(error.description == "a.trace.gz is a binary file, not a trace (traces are JSON Lines text)")
    }
  }

  @Test("a directory gives one sentence")
  func directory() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    do {
      _ = try TraceReader(path: dir.path)
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .directory)
      #expect(error.description == "\(dir.path) is a directory, not a trace file")
    }
  }

  @Test("a missing file gives one sentence")
  func missing() {
    do {
      _ = try TraceReader(path: "/nonexistent/run.trace")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .missingFile)
      #expect(error.description == "/nonexistent/run.trace does not exist")
    }
  }

  @Test("an over-long line is refused with the limit")
  func longLine() throws {
    var options = TraceReader.Options()
    options.maxLineBytes = 1 << 20
    options.chunkBytes = 1 << 16
    let long = #"{"event":"metric","name":""# + String(repeating: "x", count: 2 << 20) + #"","value":1}"#
    do {
      let reader = try TraceReader(bytes: Array((headerLine + "\n" + long + "\n").utf8), name: "t", options: options)
      while try reader.next() != nil {}
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .lineTooLong)
      #expect(error.line == 2)
    }
  }

  @Test("standard input is read through a file descriptor")
  func fileDescriptor() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let text = headerLine + "\n" + streamLine + "\n" + drawLine(seq: 1, counter: 0, count: 4) + "\n"
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { _ = write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    let reader = try TraceReader(fileDescriptor: fds[0], name: "-")
    var n = 0
    while try reader.next() != nil { n += 1 }
    close(fds[0])
    #expect(n == 2)
    #expect(reader.name == "-")
  }
}
