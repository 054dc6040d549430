import Foundation
import RNGTrace
import Testing

@Suite("Trace summary (rngdiff show)")
struct SummaryTests {
  @Test("streams, consumers, tensors and metrics are counted")
  func counts() throws {
    var b = sampleBuilder()
    let np = TraceBuilder.StreamHandle(id: "np")
    for _ in 0..<3 { b.draw(np, count: 5, consumer: "model/dropout", role: "mask", dtype: "bool") }
    b.reseed(np)
    b.draw(np, count: 7, consumer: "model/dropout", role: "mask", dtype: "bool")
    let summary = try TraceSummary(reading: TraceReader(bytes: b.bytes, name: "s.trace"))
    #expect(summary.counts[.draw] == 7)
    #expect(summary.counts[.stream] == 3)
    let global = try #require(summary.streams.first { $0.declaration.id == "np" })
    #expect(global.draws == 6)
    #expect(global.units == 40 + 8 + 15 + 7)
    #expect(global.finalCounter == 7)  // after the reseed
    #expect(global.reseeds == 1)
    #expect(summary.consumers.map(\.consumer) == [
      Consumer("model/dense/kernel", role: "init"), Consumer("model/dropout", role: "seed"), Consumer("fit", role: "shuffle"),
      Consumer("model/dropout", role: "mask"),
    ])
    let dropout = try #require(summary.consumers.last)
    #expect(dropout.draws == 4 && dropout.units == 22)
    #expect(summary.tensors.count == 1 && summary.metrics.count == 1)
    #expect(summary.phases == [NamedValue("build", "1"), NamedValue("epoch", "1")])
  }

  @Test("the text lists each part; the JSON parses and carries the counts")
  func renderings() throws {
    let summary = try TraceSummary(reading: TraceReader(bytes: sampleBuilder().bytes, name: "s.trace"))
    let text = summary.text()
    for needle in ["s.trace: rngdiff-trace v1", "profile  numpy 2.4.6", "streams", "consumers, in order of first draw",
                   "model/dense/kernel (init)", "tensors", "metrics", "0.6931471805599453", "np.random.seed(0) at a.py:1"] {
      #expect(text.contains(needle), "missing \(needle)")
    }
    #expect(!text.contains("\u{1B}["))
    #expect(summary.text(color: true).contains("\u{1B}[1m"))
    let object = try JSONSerialization.jsonObject(with: Data(summary.json().utf8)) as! [String: Any]
    #expect((object["events"] as! [String: Int])["draw"] == 3)
    #expect((object["streams"] as! [Any]).count == 2)
    #expect((object["consumers"] as! [[String: Any]]).first?["consumer"] as? String == "model/dense/kernel")
  }

  @Test("findings and truncation show up in the summary")
  func findings() throws {
    let cut = Array(sampleBuilder().bytes.dropLast(5))
    let summary = try TraceSummary(reading: TraceReader(bytes: cut, name: "cut.trace"))
    #expect(summary.isTruncated)
    #expect(summary.text().contains("the last line is cut off"))
  }
}
