import Foundation
import RNGDiffCLI
import TestSupport
import Testing

/// The seeding forms of docs/trace-format.md through the command line: a
/// well-formed pair diffs with the documented exit status, a malformed
/// seeding stops with one located sentence and status 2.
@Suite struct SeedingFormCommandTests {
  func run(_ arguments: [String]) -> (ExitCode, String, String) {
    let io = TerminalIO.capturing(standardInput: [], terminal: false, environment: [:])
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText, io.standardErrorText)
  }

  @Test("every hand-written seeding pair reads and differs (exit 1)",
        arguments: ["default-vs-explicit", "drawn-seed", "jax-split", "restored-state", "mixed-frameworks"])
  func pairsDiffer(name: String) throws {
    let folder = Fixtures.url("trace/seeding/\(name)").path
    let (status, out, err) = run(["\(folder)/a.trace", "\(folder)/b.trace"])
    #expect(status.rawValue == 1, "\(err)")
    #expect(out.contains("different; first divergence"), "\(out)")
    #expect(err.isEmpty, "\(err)")
  }

  @Test("a drawn seeding that names no draw stops the diff with file:line:col and exit 2")
  func malformedDrawnSeeding() throws {
    let folder = Fixtures.url("trace/seeding/drawn-seed").path
    let text = try String(contentsOfFile: "\(folder)/a.trace", encoding: .utf8)
      .replacingOccurrences(of: #""how":"drawn","stream":"torch","counter":8,"seq":2,"#, with: #""how":"drawn","stream":"torch","#)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-seeding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let bad = dir.appendingPathComponent("a.trace").path
    try text.write(toFile: bad, atomically: true, encoding: .utf8)
    let (status, out, err) = run([bad, "\(folder)/b.trace"])
    #expect(status.rawValue == 2)
    #expect(out.isEmpty)
    #expect(err.contains(#"a.trace:5:148: expected the draw a "drawn" seeding came from: "seq", or "stream" and "counter", in "seeding""#), "\(err)")
  }
}
