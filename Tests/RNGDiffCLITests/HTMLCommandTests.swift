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
