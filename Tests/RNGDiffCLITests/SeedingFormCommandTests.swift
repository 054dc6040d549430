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

  @Test("a malformed seeding or split stops the diff with file:line:col and exit 2", arguments: [
    ("drawn-seed", #""how":"drawn","stream":"torch","counter":8,"seq":2,"#, #""how":"drawn","stream":"torch","#,
     #"a.trace:5:148: expected the draw a "drawn" seeding came from: "seq", or "stream" and "counter", in "seeding""#),
    ("restored-state", #""from":"ckpt/epoch2.pkl","position":96,"#, #""position":96,"#,
     #"a.trace:2:143: expected a "from" naming where a "restored" state came from, in "seeding""#),
    ("restored-state", #""position":96"#, #""position":"96""#,
     #"a.trace:2:197: expected a non-negative integer for "position" in "seeding""#),
    ("default-vs-explicit", #""how":"default""#, #""how":"fixed""#,
     #"a.trace:2:150: expected "how": "explicit", "derived", "entropy", "default", "drawn" or "restored" in "seeding""#),
    ("jax-split", #""streams":["k1","k2"]"#, #""streams":"k1""#,
     #"a.trace:3:134: expected an array of strings for "streams""#),
  ])
  func malformed(pair: String, original: String, replacement: String, message: String) throws {
    let folder = Fixtures.url("trace/seeding/\(pair)").path
    let good = try String(contentsOfFile: "\(folder)/a.trace", encoding: .utf8)
    let text = good.replacingOccurrences(of: original, with: replacement)
    #expect(text != good, "the replacement applies")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-seeding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let bad = dir.appendingPathComponent("a.trace").path
    try text.write(toFile: bad, atomically: true, encoding: .utf8)
    let (status, out, err) = run([bad, "\(folder)/b.trace"])
    #expect(status.rawValue == 2)
    #expect(out.isEmpty)
    #expect(err.contains(message), "\(err)")
    #expect(err.split(separator: "\n").count == 1, "one sentence: \(err)")
  }
}
