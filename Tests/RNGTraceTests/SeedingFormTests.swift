import Foundation
import RNGTrace
import Testing

/// The seeding forms and derivation fields of docs/trace-format.md
/// ("Seeding forms", "derivation"): each is written, read back, and a
/// malformed variant is refused with one located sentence.
@Suite struct SeedingFormTests {
  /// A stream line with `seeding` as given (written as JSON), after a header, np's declaration and a draw.
  static func trace(seeding: String) -> String {
    let line = #"{"event":"stream","seq":3,"id":"g","framework":"torch","name":"generator#1","algorithm":"mt19937","unit":"u32","seed":"12","seeding":"#
      + seeding + "}"
    return [headerLine, streamLine, drawLine(seq: 2, counter: 0, count: 2, consumer: "sampler"), line].joined(separator: "\n") + "\n"
  }

  static func readStream(_ text: String) throws -> StreamEvent? {
    let (events, _) = try readAll(text)
    return events.compactMap { if case .stream(let s) = $0, s.id == "g" { return s } else { return nil } }.first
  }

  static func failure(_ text: String) -> TraceError? {
    do {
      _ = try readAll(text)
      return nil
    } catch {
      return error as? TraceError
    }
  }

  @Test("every seeding form is written as documented and read back as written", arguments: [
    (StreamSeeding.frameworkDefault(from: "torch's default seed", source: "a.py:5"),
     #"{"how":"default","from":"torch's default seed","source":"a.py:5"}"#),
    (StreamSeeding.frameworkDefault(from: nil, source: nil), #"{"how":"default"}"#),
    (StreamSeeding.drawn(DrawReference(stream: "np", counter: 0, seq: 2), call: "g.manual_seed(s)", source: "a.py:7"),
     #"{"how":"drawn","stream":"np","counter":0,"seq":2,"call":"g.manual_seed(s)","source":"a.py:7"}"#),
    (StreamSeeding.drawn(DrawReference(seq: 2), call: nil, source: nil), #"{"how":"drawn","seq":2}"#),
    (StreamSeeding.restored(from: "ckpt.pt", position: 5000, call: "torch.set_rng_state(s)", source: "b.py:30"),
     #"{"how":"restored","from":"ckpt.pt","position":5000,"call":"torch.set_rng_state(s)","source":"b.py:30"}"#),
    (StreamSeeding.restored(from: "ckpt.pt", position: nil, call: nil, source: nil), #"{"how":"restored","from":"ckpt.pt"}"#),
  ])
  func roundTrip(seeding: StreamSeeding, json: String) throws {
    var t = TraceBuilder(label: "t")
    _ = t.stream("g", framework: .torch, name: "generator#1", seed: "12", seeding: seeding)
    #expect(t.text.contains(#""seeding":"# + json), "\(t.text)")
    #expect(try Self.readStream(Self.trace(seeding: json)) == StreamEvent(
      seq: 3, id: "g", framework: .torch, name: "generator#1", algorithm: .mt19937, seedMaterial: "12", seeding: seeding))
  }

  @Test("fields of a seeding come in any order and spacing")
  func anyOrder() throws {
    let s = try #require(try Self.readStream(Self.trace(seeding: #"{ "seq": 2, "source": "a.py:7", "how": "drawn" }"#)))
    #expect(s.seeding == .drawn(DrawReference(seq: 2), call: nil, source: "a.py:7"))
  }

  @Test("a malformed seeding is refused at file:line:col with what is accepted", arguments: [
    (#"{"how":"drawn","stream":"np"}"#, 0,
     #"expected the draw a "drawn" seeding came from: "seq", or "stream" and "counter", in "seeding""#),
    (#"{"how":"drawn","seq":-1}"#, 0, #"expected a non-negative integer for "seq" in "seeding""#),
    (#"{"how":"drawn","stream":"np","counter":"4"}"#, 0, #"expected a non-negative integer for "counter" in "seeding""#),
    (#"{"how":"restored","position":3}"#, 0, #"expected a "from" naming where a "restored" state came from, in "seeding""#),
    (#"{"how":"restored","from":"c.pt","position":1.5}"#, 0, #"expected a non-negative integer for "position" in "seeding""#),
    (#"{"how":"defaulted"}"#, 0,
     #"expected "how": "explicit", "derived", "entropy", "default", "drawn" or "restored" in "seeding""#),
  ])
  func malformed(seeding: String, offset: Int, message: String) throws {
    let text = Self.trace(seeding: seeding)
    let e = try #require(Self.failure(text))
    // The column of the offending value: the seeding object, or the field's value inside it.
    let line = String(text.split(separator: "\n")[3])
    let seedingColumn = line.utf8.count - seeding.utf8.count   // 1-based column of the seeding's "{"
    let column: Int
    if message.contains("non-negative"), let field = ["seq", "counter", "position"].first(where: { message.contains("\"\($0)\"") }),
      let range = seeding.range(of: "\"\(field)\":")
    {
      column = seedingColumn + seeding.utf8.distance(from: seeding.startIndex, to: range.upperBound)
    } else {
      column = seedingColumn
    }
    #expect(e.description == "t.trace:4:\(column + offset): \(message)")
    #expect(e.exitStatus == 2)
  }

  @Test("a split names its result streams and its parent; both are read back")
  func splitFields() throws {
    var t = TraceBuilder(label: "t")
    _ = t.stream("k0", framework: .jax, name: "key(0,0)", algorithm: .threefry2x32_20, seed: "key=(0x0,0x0)",
                 seeding: .explicit(call: "jax.random.key(0)", source: "a.py:2"))
    let split = DerivationEvent(seq: 1, rule: "jax.random.split", inputs: [NamedValue("num", "2")], result: "[k1, k2]",
                                streams: ["k1", "k2"], parent: "k0", source: "a.py:3")
    t.append(.derivation(split))
    let text = t.text
    let line = text.split(separator: "\n").last.map(String.init)
    #expect(line == #"{"event":"derivation","seq":1,"rule":"jax.random.split","inputs":{"num":"2"},"result":"[k1, k2]","streams":["k1","k2"],"parent":"k0","source":"a.py:3"}"#)
    let (events, _) = try readAll(text)
    #expect(events.last == .derivation(split))
    #expect(split.keyedStreams == ["k1", "k2"])
  }

  @Test("a derivation's parent must be a stream id (a string)")
  func parentMalformed() throws {
    let bad = #"{"event":"derivation","seq":1,"rule":"jax.random.split","inputs":{},"result":"r","parent":7}"#
    let e = try #require(Self.failure([headerLine, streamLine, bad].joined(separator: "\n") + "\n"))
    let column = bad.utf8.count - 1   // the 7
    #expect(e.description.hasPrefix("t.trace:3:\(column): expected "), "\(e.description)")
    #expect(e.description.contains("\"parent\""), "\(e.description)")
    #expect(e.exitStatus == 2)
  }

  @Test("a split's streams must be an array of strings")
  func splitStreamsMalformed() throws {
    let bad = #"{"event":"derivation","seq":1,"rule":"jax.random.split","inputs":{},"result":"r","streams":["k1",2]}"#
    let e = try #require(Self.failure([headerLine, streamLine, bad].joined(separator: "\n") + "\n"))
    let column = bad.utf8.count - 2   // the 2
    #expect(e.description == #"t.trace:3:\#(column): expected a string in "streams""#)
    #expect(e.exitStatus == 2)
  }
}
