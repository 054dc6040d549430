import RNGDiffer
import RNGTrace
import Testing

/// `unseeded-stream` words itself after how the stream took OS entropy:
/// never seeded, or seeded by a call that passed no seed
/// (`{"how":"entropy","call":"np.random.seed(None)","source":"b.py:2"}`).
@Suite struct EntropySeedingTests {
  /// a seeds NumPy's global stream with 0; b as `seeding` says, written as JSON.
  static func report(bSeeding: String) throws -> DiffReport {
    var traces: [[UInt8]] = []
    for label in ["a", "b"] {
      var t = TraceBuilder(label: label)
      let np = t.stream("np", seed: label == "a" ? "init_genrand(0)" : "init_by_array(624 words from os.urandom)",
                        seeding: label == "a" ? .explicit(call: "np.random.seed(0)", source: "a.py:2") : .entropy)
      t.draw(np, count: 8, consumer: "w", role: "init", op: "randn", dist: "normal", shape: [4])
      t.draw(np, count: 8, consumer: "w_1", role: "init", op: "randn", dist: "normal", shape: [4])
      var text = t.text
      if label == "b" { text = text.replacingOccurrences(of: #"{"how":"entropy"}"#, with: bSeeding) }
      traces.append(Array(text.utf8))
    }
    return try TraceDiffer.diff(a: TraceReader(bytes: traces[0], name: "a.trace"), b: TraceReader(bytes: traces[1], name: "b.trace"))
  }

  @Test("after np.random.seed(None) the explanation names the call, not a missing one")
  func explicitCallWithoutSeed() throws {
    let report = try Self.report(bSeeding: #"{"how":"entropy","call":"np.random.seed(None)","source":"b.py:2"}"#)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .unseededStream)
    #expect(d.explanation.contains("np.random.seed(None) at b.py:2"), "\(d.explanation)")
    #expect(!d.explanation.contains("no seeding call"), "\(d.explanation)")
    #expect(d.fix.contains("np.random.seed(None) at b.py:2"), "\(d.fix)")
    #expect(d.stream?.b?.seeding == .requestedEntropy(call: "np.random.seed(None)", source: "b.py:2"))
    #expect(report.text().contains("np.random.seed(None)"))
  }

  @Test("never seeded: the explanation says there was no seeding call")
  func neverSeeded() throws {
    let d = try #require(try Self.report(bSeeding: #"{"how":"entropy"}"#).diagnoses.first)
    #expect(d.kind == .unseededStream)
    #expect(d.explanation.contains("in b (no seeding call before its first draw)"), "\(d.explanation)")
  }

  @Test("the writer writes the call and the reader reads it back")
  func roundTrip() throws {
    var t = TraceBuilder(label: "a")
    _ = t.stream("np", seed: "os entropy", seeding: .requestedEntropy(call: "np.random.seed(None)", source: "a.py:2"))
    #expect(t.text.contains(#""seeding":{"how":"entropy","call":"np.random.seed(None)","source":"a.py:2"}"#))
    let reader = try TraceReader(bytes: t.bytes, name: "a.trace")
    guard case .stream(let s)? = try reader.next() else {
      Issue.record("expected a stream event")
      return
    }
    #expect(s.seeding == .requestedEntropy(call: "np.random.seed(None)", source: "a.py:2"))
  }
}
