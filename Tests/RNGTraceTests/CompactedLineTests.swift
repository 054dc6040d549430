import Foundation
import RNGTrace
import TestSupport
import Testing

/// Lines that differ from the writer's form only by whitespace around
/// structural characters (Python's `json.dumps` defaults) take the cheap
/// second try of the canonical scan; anything else still goes through the
/// general scanner, with its errors located on the line as written.
@Suite struct CompactedLineTests {
  static var header: String { String(String(decoding: sampleBuilder().bytes, as: UTF8.self).split(separator: "\n")[0]) }
  static let stream = #"{"event": "stream", "seq": 0, "id": "np", "framework": "numpy", "name": "global", "algorithm": "mt19937", "seed": "s", "seeding": {"how": "entropy"}}"#

  func lines(_ text: String, readAhead: Bool) throws -> [String] {
    var options = TraceReader.Options()
    options.readAhead = readAhead
    let reader = try TraceReader(bytes: Array(text.utf8), name: "c.trace", options: options)
    var out: [String] = []
    while try reader.advance() {
      let l = reader.currentLine
      out.append(String(decoding: UnsafeBufferPointer(start: l.base, count: l.count), as: UTF8.self))
    }
    return out
  }

  @Test(arguments: [false, true])
  func spacesInsideStringsAreKept(readAhead: Bool) throws {
    let draw = #"{ "event" : "draw",  "seq": 1, "stream": "np", "counter": 0, "count": 2, "op": "randn", "dist": "normal", "shape": [ 1 , 2 ], "consumer": "a, b: {c}", "source": "my script.py:3" }"# + "\r"
    let read = try lines("\(Self.header)\n\(Self.stream)\n\(draw)\n", readAhead: readAhead)
    #expect(read == [
      #"{"event":"stream","seq":0,"id":"np","framework":"numpy","name":"global","algorithm":"mt19937","seed":"s","seeding":{"how":"entropy"}}"#,
      #"{"event":"draw","seq":1,"stream":"np","counter":0,"count":2,"op":"randn","dist":"normal","shape":[1,2],"consumer":"a, b: {c}","source":"my script.py:3"}"#,
    ])
  }

  @Test(arguments: [false, true])
  func whitespaceBetweenTwoValuesIsStillAnError(readAhead: Bool) throws {
    let draw = #"{"event": "draw", "seq": 1, "stream": "np", "counter": 0, "count": 2 3, "op": "randn", "dist": "normal", "consumer": "k"}"#
    let column = Array(draw.utf8).firstRange(of: Array(" 3,".utf8))!.lowerBound + 2  // at the "3"
    do {
      _ = try lines("\(Self.header)\n\(Self.stream)\n\(draw)\n", readAhead: readAhead)
      Issue.record("expected an error")
    } catch let error as TraceError {
      #expect(error.description.hasPrefix("c.trace:3:\(column): "), "\(error.description)")
    }
  }

  @Test(arguments: [false, true])
  func aFieldThatDoesNotCheckIsLocatedOnTheLineAsWritten(readAhead: Bool) throws {
    // In the writer's order, so only whitespace differs; the counter is wrong.
    let draw = #"{"event": "draw", "seq": 1, "stream": "np", "counter":   "seven", "count": 2, "op": "randn", "dist": "normal", "consumer": "k"}"#
    let column = Array(draw.utf8).firstRange(of: Array("\"seven\"".utf8))!.lowerBound + 1
    do {
      _ = try lines("\(Self.header)\n\(Self.stream)\n\(draw)\n", readAhead: readAhead)
      Issue.record("expected an error")
    } catch let error as TraceError {
      #expect(error.description == "c.trace:3:\(column): expected a non-negative integer for \"counter\"")
    }
  }
}
