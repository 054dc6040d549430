import Foundation
import RNGDiffCLI
import RNGTrace
import TestSupport
import Testing

/// `rngdiff A B --html FILE` as a user runs it: the page is written, the
/// text report still goes to standard output, the exit status stays
/// diff(1)'s, and an existing file is never overwritten without --force.
@Suite struct HTMLCommandBehaviour {
  func run(_ arguments: [String], stdin: String = "") -> (ExitCode, String, String) {
    let io = TerminalIO.capturing(standardInput: Array(stdin.utf8))
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText, io.standardErrorText)
  }

  func folder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  func traces(extraDraw: Bool) throws -> (a: String, b: String, dir: URL) {
    let dir = try folder()
    let (a, b) = DiffCommandBehaviour.pair(extraDraw: extraDraw)
    try a.write(to: dir.appendingPathComponent("a.trace"), atomically: true, encoding: .utf8)
    try b.write(to: dir.appendingPathComponent("b.trace"), atomically: true, encoding: .utf8)
    return (dir.appendingPathComponent("a.trace").path, dir.appendingPathComponent("b.trace").path, dir)
  }

  func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  @Test func writesThePageAndStillPrintsTheTextReport() throws {
    let (a, b, dir) = try traces(extraDraw: true)
    let page = dir.appendingPathComponent("report.html").path
    let (status, out, err) = run([a, b, "--html", page])
    #expect(status == .different)
    #expect(err.isEmpty)
    #expect(out.contains("extra-draw") && out.hasSuffix("╵\n"))
    let html = try #require(contents(page))
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("id=\"diag-1\"") && html.contains("data-kind=\"extra-draw\""))
    #expect(html.contains("unused/kernel"))
    #expect(html.hasSuffix("</html>\n"))
  }

  @Test func identicalTracesExitZeroAndStillWriteThePage() throws {
    let (a, _, dir) = try traces(extraDraw: false)
    let page = dir.appendingPathComponent("same.html").path
    let (status, _, err) = run([a, a, "--html=\(page)"])
    #expect(status == .success)
    #expect(err.isEmpty)
    #expect(contents(page)?.contains("data-verdict=\"identical\"") == true)
  }

  @Test func refusesToOverwriteWithoutForce() throws {
    let (a, b, dir) = try traces(extraDraw: true)
    let page = dir.appendingPathComponent("report.html").path
    try "keep me".write(toFile: page, atomically: true, encoding: .utf8)
    let (status, out, err) = run([a, b, "--html", page])
    #expect(status == .trouble)
    #expect(out.isEmpty)
    #expect(err.contains("exists") && err.contains("--force"))
    #expect(err.filter { $0 == "\n" }.count == 1)
    #expect(contents(page) == "keep me")
    let (forced, _, forcedErr) = run([a, b, "--html", page, "--force"])
    #expect(forced == .different)
    #expect(forcedErr.isEmpty)
    #expect(contents(page)?.hasPrefix("<!DOCTYPE html>") == true)
  }

  @Test func badPathsAreOneSentenceAndExitTwo() throws {
    let (a, b, dir) = try traces(extraDraw: true)
    for bad in [dir.appendingPathComponent("no/such/folder/report.html").path, dir.path] {
      let (status, out, err) = run([a, b, "--html", bad])
      #expect(status == .trouble, "\(bad)")
      #expect(out.isEmpty)
      #expect(err.hasPrefix("rngdiff: ") && err.filter { $0 == "\n" }.count == 1, "\(err)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("no").path))
    let (status, _, err) = run([a, b, "--force"])
    #expect(status == .trouble)
    #expect(err.contains("--html"))
    // A trace that cannot be read: trouble, and no page.
    let page = dir.appendingPathComponent("r.html").path
    #expect(run([a, dir.appendingPathComponent("missing.trace").path, "--html", page]).0 == .trouble)
    #expect(!FileManager.default.fileExists(atPath: page))
  }

  @Test func standardInputOnOneSide() throws {
    let (a, _, dir) = try traces(extraDraw: true)
    let b = DiffCommandBehaviour.pair(extraDraw: true).b
    let page = dir.appendingPathComponent("stdin.html").path
    let (status, out, _) = run([a, "-", "--html", page], stdin: b)
    #expect(status == .different)
    #expect(out.contains("unused/kernel"))
    #expect(contents(page)?.contains("data-b-line=") == true)
  }

  @Test func jsonKeepsItsShapeWithHTML() throws {
    let (a, b, dir) = try traces(extraDraw: true)
    let (status, json, _) = run([a, b, "--json", "--html", dir.appendingPathComponent("j.html").path])
    #expect(status == .different)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "different")
    // The page lists every divergence; the JSON only does so with --all.
    #expect(object?["divergences"] == nil)
    let (_, all, _) = run([a, b, "--json", "--all", "--html", dir.appendingPathComponent("k.html").path])
    let withAll = try JSONSerialization.jsonObject(with: Data(all.utf8)) as? [String: Any]
    #expect(withAll?["divergences"] != nil)
  }

  @Test func helpMentionsHTML() {
    let (status, out, _) = run(["--help"])
    #expect(status == .success)
    #expect(out.contains("--html <file>"))
    #expect(run(["diff", "--help"]).1.contains("--force"))
  }
}

/// The page's script lines: the text of both runs' lines where the traces'
/// scripts are found and unchanged, escaped; a note and no text otherwise.
@Suite struct HTMLScriptLinesBehaviour {
  static let fixture = Fixtures.url("trace/script-lines")

  func run(_ arguments: [String]) -> (ExitCode, String, String) {
    let io = TerminalIO.capturing(standardInput: [])
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText, io.standardErrorText)
  }

  /// A fresh folder holding copies of the fixture's files named in `files`.
  func copy(_ files: [String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-lines-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for f in files {
      try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(f), to: dir.appendingPathComponent(f))
    }
    return dir
  }

  func page(_ dir: URL) throws -> String {
    let out = dir.appendingPathComponent("report.html").path
    let (status, _, err) = run([dir.appendingPathComponent("a.trace").path, dir.appendingPathComponent("b.trace").path, "--html", out])
    #expect(status == .different)
    #expect(err.isEmpty, "\(err)")
    return try String(contentsOfFile: out, encoding: .utf8)
  }

  /// The `pre` blocks of script lines on the page, in order.
  func excerpts(_ html: String) -> [String] {
    html.components(separatedBy: "<pre class=\"script-lines\">").dropFirst().map { $0.components(separatedBy: "</pre>")[0] }
  }

  @Test func showsBothRunsLinesNextToTheTraces() throws {
    let dir = try copy(["a.trace", "b.trace", "a.py", "b.py", "helpers.py"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = try page(dir)
    // The seeding lines of both runs, each marked as the located line.
    #expect(html.contains("<span class=\"line hit\" data-line=\"3\"><span class=\"ln\" aria-hidden=\"true\">3</span> np.random.seed(42)</span>"))
    #expect(html.contains("<span class=\"line hit\" data-line=\"3\"><span class=\"ln\" aria-hidden=\"true\">3</span> np.random.seed(7)</span>"))
    // One line of context either side.
    #expect(html.contains("> from helpers import init_kernel</span>"))
    // The module's line, with the note that its hash is not checked.
    #expect(html.contains("return np.random.randn(*shape)  # &lt;b&gt;not bold&lt;/b&gt;"))
    #expect(html.contains("helpers.py is not the trace&#39;s script") || html.contains("helpers.py is not the trace's script"))
    #expect(!html.contains("was not found") && !html.contains("has changed"))
    #expect(excerpts(html).count == 4)
  }

  @Test func markupInTheScriptIsInert() throws {
    let dir = try copy(["a.trace", "b.trace", "a.py", "b.py", "helpers.py"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = try page(dir)
    #expect(html.contains("# &lt;/pre&gt;&lt;script&gt;alert(\"a &amp; b\")&lt;/script&gt;"))
    // The page's own script is the only one; the comment closed no element.
    #expect(html.components(separatedBy: "<script").count == 2)
    #expect(!html.contains("<b>not bold"))
    #expect(html.components(separatedBy: "<pre").count == html.components(separatedBy: "</pre>").count)
  }

  @Test func aChangedScriptGivesANoteAndNoText() throws {
    let dir = try copy(["a.trace", "b.trace", "a.py", "b.py", "helpers.py"])
    defer { try? FileManager.default.removeItem(at: dir) }
    // b.py edited after the run: one character, same line count.
    let b = dir.appendingPathComponent("b.py")
    try String(contentsOf: b, encoding: .utf8).replacingOccurrences(of: "seed(7)", with: "seed(8)").write(to: b, atomically: true, encoding: .utf8)
    let html = try page(dir)
    #expect(html.contains("b.py has changed since the run"))
    #expect(!html.contains("</span> np.random.seed(8)</span>") && !html.contains("</span> np.random.seed(7)</span>"))
    #expect(html.contains("</span> np.random.seed(42)</span>"))
    #expect(excerpts(html).count == 3)
    #expect(html.contains(">b.py:3"))
  }

  @Test func aMissingScriptGivesTheLocationOnly() throws {
    let dir = try copy(["a.trace", "b.trace"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let html = try page(dir)
    #expect(html.contains("a.py was not found next to the trace or in the current directory"))
    #expect(html.contains("helpers.py was not found"))
    #expect(excerpts(html).isEmpty)
    #expect(html.contains(">a.py:3") && html.contains(">b.py:3"))
  }

  @Test func compareAlwaysHasTheScriptsText() throws {
    let dir = try copy([])
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("compare.html").path
    let scripts = Fixtures.url("scripts/compare")
    let (status, _, err) = run(["compare", scripts.appendingPathComponent("seed_1.py").path, scripts.appendingPathComponent("seed_2.py").path, "--html", out])
    #expect(status == .different, "\(err)")
    let html = try String(contentsOfFile: out, encoding: .utf8)
    #expect(html.contains("> random.seed(1)</span>") && html.contains("> random.seed(2)</span>"))
    #expect(!html.contains("has changed since the run") && !html.contains("was not found"))
  }
}
