import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RNGDiffer
import RNGStreams
import RNGTrace
import TestSupport
import Testing

/// The page read back as XML: every element with its attributes and text,
/// or the parser's error. The page is XHTML-compatible on purpose, so a
/// strict XML parser is the well-formedness check.
final class ParsedPage: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
  }
  var elements: [Element] = []
  var stack: [Int] = []
  var error: String?

  init(_ html: String) {
    super.init()
    let parser = XMLParser(data: Data(html.utf8))
    parser.delegate = self
    if !parser.parse() {
      error = "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
    }
  }

  func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
    elements.append(Element(name: name, attributes: attributes))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
    _ = stack.popLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    for k in stack { elements[k].text += string }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    error = error ?? "\(parseError)"
  }

  /// Elements named `name` whose `class` attribute contains `className`.
  func all(_ name: String, class className: String? = nil) -> [Element] {
    elements.filter { e in
      e.name == name && (className.map { (e.attributes["class"] ?? "").split(separator: " ").contains(Substring($0)) } ?? true)
    }
  }
}

/// Renders a diff's page the way the CLI does: the diff with every
/// divergence listed, then a second reading of both traces.
func renderPage(_ a: [UInt8], _ b: [UInt8], names: (String, String) = ("a.trace", "b.trace"), options: HTMLOptions = HTMLOptions())
  throws -> (DiffReport, String)
{
  var diff = DiffOptions()
  diff.all = true
  let report = try TraceDiffer.diff(a: TraceReader(bytes: a, name: names.0), b: TraceReader(bytes: b, name: names.1), options: diff)
  let page = try report.html(a: TraceReader(bytes: a, name: names.0), b: TraceReader(bytes: b, name: names.1), options: options)
  return (report, page)
}

/// What every page must satisfy: well-formed, unique ids, every in-page
/// link lands, nothing fetched from anywhere, and a section per diagnosis.
func checkStructure(_ page: String, _ report: DiffReport, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedPage {
  let parsed = ParsedPage(page)
  #expect(parsed.error == nil, "\(label): not well-formed: \(parsed.error ?? "")", sourceLocation: sourceLocation)
  #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\""), sourceLocation: sourceLocation)
  var ids = Set<String>()
  for e in parsed.elements {
    if let id = e.attributes["id"] {
      #expect(!ids.contains(id), "\(label): duplicate id \(id)", sourceLocation: sourceLocation)
      ids.insert(id)
    }
  }
  for e in parsed.elements {
    #expect(!["link", "img", "iframe", "object", "embed", "base", "form"].contains(e.name), "\(label): <\(e.name)> on the page", sourceLocation: sourceLocation)
    if e.name == "script" { #expect(e.attributes["src"] == nil, sourceLocation: sourceLocation) }
    for (name, value) in e.attributes where !name.hasPrefix("xmlns") {
      let v = value.trimmingCharacters(in: .whitespaces).lowercased()
      let external = v.hasPrefix("http:") || v.hasPrefix("https:") || v.hasPrefix("//") || v.hasPrefix("file:") || v.hasPrefix("ftp:")
        || (v.contains("url(") && !v.contains("url(#"))
      #expect(!external, "\(label): <\(e.name) \(name)=\"\(value)\"> refers outside the page", sourceLocation: sourceLocation)
      if name == "href" {
        #expect(value.hasPrefix("#"), "\(label): link \(value) leaves the page", sourceLocation: sourceLocation)
        #expect(ids.contains(String(value.dropFirst())), "\(label): link \(value) has no target", sourceLocation: sourceLocation)
      }
    }
    if e.name == "style" || e.name == "script" {
      for bad in ["http:", "https:", "@import", "//"] {
        #expect(!e.text.contains(bad), "\(label): <\(e.name)> contains \(bad)", sourceLocation: sourceLocation)
      }
      #expect(!(e.text.contains("url(") && e.text.replacingOccurrences(of: "url(#", with: "").contains("url(")),
              "\(label): <\(e.name)> fetches a URL", sourceLocation: sourceLocation)
    }
  }
  // Every diagnosis is on the page, in order, under its kind.
  let sections = parsed.elements.filter { $0.attributes["id"]?.hasPrefix("diag-") == true && $0.attributes["data-kind"] != nil }
  #expect(sections.map { $0.attributes["data-kind"]! } == report.diagnoses.map(\.kind.rawValue), "\(label): diagnoses on the page", sourceLocation: sourceLocation)
  // Characters XML does not allow are shown as U+FFFD.
  func shown(_ s: String) -> String {
    String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 && ![9, 10, 13].contains($0.value) ? "\u{FFFD}" : $0 }))
  }
  for (k, d) in report.diagnoses.prefix(HTMLOptions().fullDiagnoses).enumerated() {
    let section = parsed.elements.first { $0.attributes["id"] == "diag-\(k + 1)" }
    #expect(section?.text.contains(shown(d.explanation)) == true, "\(label): diagnosis #\(k + 1) explanation", sourceLocation: sourceLocation)
    #expect(section?.text.contains(shown(d.fix)) == true, "\(label): diagnosis #\(k + 1) fix", sourceLocation: sourceLocation)
  }
  // Charts carry text alternatives.
  for svg in parsed.all("svg", class: "chart") {
    #expect(svg.attributes["role"] == "img" && svg.attributes["aria-labelledby"] != nil, sourceLocation: sourceLocation)
  }
  return parsed
}

/// The first point where two runs' metric curves differ, computed straight
/// from the traces: metrics paired by name and epoch (or step).
func firstMetricDifferences(_ a: [UInt8], _ b: [UInt8]) throws -> [String: Double] {
  func metrics(_ bytes: [UInt8]) throws -> [(String, Double, Double)] {
    let reader = try TraceReader(bytes: bytes, name: "t")
    var out: [(String, Double, Double)] = []
    var ordinal: [String: Int] = [:]
    while let e = try reader.next() {
      guard case .metric(let m) = e else { continue }
      let key = m.name + (m.step != nil ? " per step" : " per epoch")
      ordinal[key, default: 0] += 1
      out.append((key, Double(m.step ?? m.epoch ?? ordinal[key]!), m.value))
    }
    return out
  }
  let (ma, mb) = (try metrics(a), try metrics(b))
  var first: [String: Double] = [:]
  var xs = Set<String>()
  for (name, x, _) in ma + mb { xs.insert("\(name)|\(x)") }
  for key in xs {
    let parts = key.split(separator: "|")
    let (name, x) = (String(parts[0]), Double(parts[1])!)
    // Every value at x, in order: a trace with two fits has each epoch number twice.
    let va = ma.filter { $0.0 == name && $0.1 == x }.map(\.2.bitPattern)
    let vb = mb.filter { $0.0 == name && $0.1 == x }.map(\.2.bitPattern)
    if va != vb { first[name] = min(first[name] ?? x, x) }
  }
  return first
}

@Suite("HTML report")
struct HTMLReportTests {
  static let fixturePairs: [String] = {
    let root = Fixtures.url("traces").path
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/a.trace") }.sorted()
  }()

  @Test func everyFixtureHasAPair() {
    #expect(Self.fixturePairs.count >= 15)
  }

  @Test("every fixture pair renders, with the timeline and curves marking the report's first divergence", arguments: fixturePairs)
  func fixturePage(_ name: String) throws {
    let dir = Fixtures.url("traces/\(name)")
    let a = try [UInt8](Data(contentsOf: dir.appendingPathComponent("a.trace")))
    let b = try [UInt8](Data(contentsOf: dir.appendingPathComponent("b.trace")))
    let (report, page) = try renderPage(a, b)
    let parsed = checkStructure(page, report, name)
    #expect(parsed.all("body").first?.attributes["data-verdict"] == report.verdict.rawValue)
    let marker = parsed.all("g", class: "first-divergence")
    guard let first = report.diagnoses.first else {
      #expect(report.verdict == .identical)
      #expect(marker.isEmpty)
      return
    }
    // The dashed line of the timeline sits at the report's first divergence, in both runs.
    #expect(marker.count == 1)
    let g = marker.first?.attributes ?? [:]
    #expect(g["data-diagnosis"] == "0")
    #expect(g["data-a-line"] == first.a.map { "\($0.line)" }, "\(name): a's line")
    #expect(g["data-b-line"] == first.b.map { "\($0.line)" }, "\(name): b's line")
    let span = Double(max(report.a.events, report.b.events) + 1)
    for (key, line) in [("data-a-x", first.a?.line), ("data-b-x", first.b?.line)] {
      guard let line else { continue }
      let expected = 230 + Double(line - 1) / span * 920
      let drawn = Double(g[key] ?? "") ?? -1
      #expect(abs(drawn - expected) <= 0.05, "\(name): \(key) \(drawn), expected \(expected)")
    }
    // The first cause is marked (and links to its diagnosis) in the run(s) that have it.
    let causeLinks = parsed.all("a", class: "cause-mark").filter { $0.attributes["href"] == "#diag-1" }
    #expect(causeLinks.count == [first.a, first.b].compactMap { $0 }.count
            || (first.a == nil || first.b == nil) && causeLinks.count >= 1, "\(name): cause marks \(causeLinks.count)")
    // Each metric chart marks the first epoch (or step) at which the runs' values differ.
    let expected = try firstMetricDifferences(a, b)
    for figure in parsed.all("figure", class: "metric") {
      let key = "\(figure.attributes["data-metric"] ?? "") per \(figure.attributes["data-per"] ?? "")"
      let index = parsed.elements.firstIndex { $0.attributes["id"] == figure.attributes["id"] }!
      let inside = parsed.elements[index...].prefix { $0.name != "figcaption" }.first { $0.attributes["class"] == "metric-divergence" }
      if let x = expected[key] {
        #expect(inside.flatMap { Double($0.attributes["data-x"] ?? "") } == x, "\(name): \(key) first differs at \(x)")
      } else {
        #expect(inside == nil, "\(name): \(key) marked though the runs agree")
      }
    }
  }

  @Test func theExtraDrawPageShowsTheCauseAndItsEffects() throws {
    let dir = Fixtures.url("traces/extra-draw")
    let a = try [UInt8](Data(contentsOf: dir.appendingPathComponent("a.trace")))
    let b = try [UInt8](Data(contentsOf: dir.appendingPathComponent("b.trace")))
    let (report, page) = try renderPage(a, b)
    let parsed = checkStructure(page, report, "extra-draw")
    // One lane for the torch generator, one for seeds, tensors and metrics.
    let lanes = parsed.all("g", class: "lane").map { $0.attributes["data-stream"] ?? "" }
    #expect(lanes == ["torch \"cpu-default\" (mt19937)", "seeds, tensors, metrics"])
    // Both runs' marks, and the effects hatched in both.
    #expect(parsed.all("path", class: "marks-a").count == 2)
    #expect(parsed.all("path", class: "marks-b").count == 2)
    #expect(Set(parsed.all("path", class: "effects").compactMap { $0.attributes["data-side"] }) == ["a", "b"])
    // The extra draws' script line (the classifier's, in fixtures/scripts/classic/extra-draw/b.py), in b's column.
    let script = try String(contentsOf: Fixtures.url("scripts/classic/extra-draw/b.py"), encoding: .utf8)
    let line = try #require(script.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("classifier = nn.Linear") }) + 1
    let section = parsed.elements.first { $0.attributes["id"] == "diag-1" }!
    #expect(section.text.contains("b.py:\(line)"))
    #expect(section.text.contains("torch.manual_seed(16)"))
    // The classifier's tensors are only in b; the model's differ by digest.
    let table = parsed.all("table", class: "tensors").first?.text ?? ""
    #expect(table.contains("classifier.weight") && table.contains("only in b"))
    #expect(table.contains("model.fc1.weight"))
  }

  @Test func theLossCurvesMarkTheFirstEpochWhoseLossDiffers() throws {
    let dir = Fixtures.url("traces/missing-draw")
    let a = try [UInt8](Data(contentsOf: dir.appendingPathComponent("a.trace")))
    let b = try [UInt8](Data(contentsOf: dir.appendingPathComponent("b.trace")))
    // The first epoch whose loss differs, read from the traces' metric events.
    func losses(_ bytes: [UInt8]) throws -> [String] {
      try String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
        let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        guard event?["event"] as? String == "metric", event?["name"] as? String == "loss" else { return nil }
        return "\(event?["value"] ?? "")"
      }
    }
    let la = try losses(a), lb = try losses(b)
    let epoch = try #require(zip(la, lb).enumerated().first { $0.element.0 != $0.element.1 }?.offset) + 1
    let (report, page) = try renderPage(a, b)
    let parsed = checkStructure(page, report, "missing-draw")
    #expect(parsed.all("g", class: "metric-divergence").first?.attributes["data-x"] == "\(epoch)")
  }

  @Test func tensorValuesAreComparedWhenBothRunsRecordThem() throws {
    var a = TraceBuilder(label: "a"), b = TraceBuilder(label: "b")
    a.tensor("model/w", moment: .afterEpoch(1), values: .float32([1, 2, 3, 4, 5, 6]), shape: [2, 3])
    b.tensor("model/w", moment: .afterEpoch(1), values: .float32([1, 2, 3.5, 4, 5, 9]), shape: [2, 3])
    let (report, page) = try renderPage(a.bytes, b.bytes)
    let parsed = checkStructure(page, report, "tensor values")
    let row = parsed.all("table", class: "tensors").first?.text ?? ""
    #expect(row.contains("2 / 6"))
    #expect(row.contains("(0, 2)"))           // first index that differs
    #expect(row.contains("3.0 at (1, 2)"))    // greatest |b - a|
    #expect(row.contains("0.5 at (1, 2)"))    // greatest relative: 3 / 6
  }

  @Test func namesFromTheTraceAreEscaped() throws {
    func run(_ extra: Bool) -> TraceBuilder {
      var t = TraceBuilder(label: "<b>\"run\" & 'co'</b>")
      let np = t.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "x.py:1"))
      if extra { t.draw(np, count: 3, consumer: "<script>alert(1)</script>\u{1}//http://evil", role: "init&co", source: "https://x/y.py:2") }
      t.draw(np, count: 5, consumer: "model/kernel", role: "init")
      t.metric("loss]]>", epoch: 1, value: .nan)
      return t
    }
    let (report, page) = try renderPage(run(false).bytes, run(true).bytes)
    let parsed = checkStructure(page, report, "escaping")
    #expect(!page.contains("<script>alert"))
    #expect(parsed.all("script").count == 1)
    #expect(parsed.elements.contains { $0.text.contains("<script>alert(1)</script>\u{FFFD}//http://evil (init&co)") })
  }

  @Test func identicalTracesSayIdentical() throws {
    let t = Script(label: "a").build()
    let (report, page) = try renderPage(t.bytes, t.bytes)
    let parsed = checkStructure(page, report, "identical")
    #expect(report.verdict == .identical)
    #expect(parsed.all("div", class: "verdict").first?.text.contains("identical") == true)
    #expect(parsed.all("g", class: "first-divergence").isEmpty)
    #expect(parsed.all("g", class: "metric-divergence").isEmpty)
  }

  /// A long training run: two streams, per-step losses, an extra draw early
  /// in b that shifts everything after it.
  static func longRun(batches: Int, extra: Bool) -> [UInt8] {
    var t = TraceBuilder(label: extra ? "b" : "a", profile: TraceProfile(framework: .torch, version: "2.15.0"))
    let np = t.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "train.py:3"))
    let gen = t.stream("gen", framework: .torch, name: "cpu-default", algorithm: .philox4x32_10, seed: "philox(0)",
                       seeding: .explicit(call: "torch.manual_seed(0)", source: "train.py:4"))
    var step = 0
    for epoch in 1...10 {
      t.phase("epoch", .begin, index: epoch)
      t.draw(np, count: 100, consumer: "fit/epoch", role: "shuffle", op: "shuffle", dist: "permutation")
      for k in 0..<(batches / 10) {
        if extra && epoch == 1 && k == 5 { t.draw(np, count: 7, consumer: "model/probe", role: "init", source: "train.py:33") }
        t.draw(gen, count: 8, consumer: "model/dropout", role: "mask", op: "bernoulli_", dist: "bernoulli")
        t.draw(np, count: 1, consumer: "data/sampler", role: "sample", op: "randint", dist: "integers")
        step += 1
        t.metric("loss", step: step, value: 1 / Double(step) + (extra && epoch == 1 && k >= 5 ? 1e-3 : 0))
      }
      t.phase("epoch", .end, index: epoch)
    }
    return t.bytes
  }

  @Test func largeTracesAreSummarisedIntoABoundedPage() throws {
    let (small, smallPage) = try renderPage(Self.longRun(batches: 4_000, extra: false), Self.longRun(batches: 4_000, extra: true))
    let (large, largePage) = try renderPage(Self.longRun(batches: 32_000, extra: false), Self.longRun(batches: 32_000, extra: true))
    _ = checkStructure(largePage, large, "large")
    #expect(large.a.events > 90_000)
    // Eight times the events, about the same page: the size depends on the
    // marks and points kept, not on the events.
    #expect(largePage.utf8.count < 2_000_000)
    #expect(Double(largePage.utf8.count) < Double(smallPage.utf8.count) * 1.25, "\(smallPage.utf8.count) → \(largePage.utf8.count)")
    _ = small
    let parsed = ParsedPage(largePage)
    // Never one element per event: one path per lane and run.
    #expect(parsed.all("path", class: "marks-a").count <= HTMLOptions().maxLanes + 1)
    #expect(parsed.elements.count < 20_000)
    // The per-step curve is thinned, and still marks the first differing step (step 6).
    let polyline = parsed.all("polyline", class: "curve-a").first?.attributes["points"] ?? ""
    #expect(polyline.split(separator: " ").count <= 2 * HTMLOptions().maxPoints + 1)
    #expect(parsed.all("g", class: "metric-divergence").first?.attributes["data-x"] == "6")
  }
}
