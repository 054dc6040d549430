import Foundation
import RNGDiffCLI
import RNGTrace
import TestSupport
import Testing

/// `rngdiff A B` and `rngdiff show A` as a user runs them: exit codes as
/// diff(1), standard input on one side, colour rules, JSON, bad input.
@Suite struct DiffCommandBehaviour {
  /// Two runs of a two-layer model on NumPy's global stream; `b` draws an
  /// extra 6 values before the model (an unused layer), shifting everything.
  static func pair(extraDraw: Bool) -> (a: String, b: String) {
    func run(_ label: String, extra: Bool) -> String {
      var t = TraceBuilder(label: label)
      let np = t.stream(
        "np", framework: .numpy, name: "global", algorithm: .mt19937, seed: "init_genrand(0)",
        seeding: .explicit(call: "np.random.seed(0)", source: "\(label).py:2"))
      if extra { t.draw(np, count: 12, consumer: "unused/kernel", role: "init", op: "randn", dist: "normal", shape: [3, 2]) }
      t.draw(np, count: 80, consumer: "model/dense/kernel", role: "init", op: "randn", dist: "normal", shape: [4, 10])
      t.draw(np, count: 20, consumer: "model/dense_1/kernel", role: "init", op: "randn", dist: "normal", shape: [10, 1])
      return t.text
    }
    return (run("a", extra: false), run("b", extra: extraDraw))
  }

  static func write(_ text: String, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func run(_ arguments: [String], stdin: String = "", terminal: Bool = false, environment: [String: String] = [:]) -> (ExitCode, String, String) {
    let io = TerminalIO.capturing(standardInput: Array(stdin.utf8), terminal: terminal, environment: environment)
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText, io.standardErrorText)
  }

  @Test func identicalTracesExitZero() throws {
    let (a, _) = Self.pair(extraDraw: false)
    let pathA = try Self.write(a, "a.trace"), pathB = try Self.write(a, "b.trace")
    let (status, out, err) = run([pathA, pathB])
    #expect(status == .success)
    #expect(err.isEmpty)
    #expect(!out.isEmpty)
    let (jsonStatus, json, _) = run([pathA, pathB, "--json"])
    #expect(jsonStatus == .success)
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "identical")
    #expect((object?["diagnoses"] as? [Any])?.isEmpty == true)
  }

  @Test func differentTracesExitOneAndNameTheExtraDraw() throws {
    let (a, b) = Self.pair(extraDraw: true)
    let pathA = try Self.write(a, "a.trace"), pathB = try Self.write(b, "b.trace")
    let (status, out, err) = run([pathA, pathB])
    #expect(status == .different)
    #expect(err.isEmpty)
    #expect(out.contains("unused/kernel"))
    let (_, json, _) = run(["diff", pathA, pathB, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["verdict"] as? String == "different")
    let first = (object?["diagnoses"] as? [[String: Any]])?.first
    #expect(first?["kind"] as? String == "extra-draw")
  }

  @Test func standardInputOnOneSide() throws {
    let (a, b) = Self.pair(extraDraw: true)
    let pathA = try Self.write(a, "a.trace")
    let (status, out, _) = run([pathA, "-"], stdin: b)
    #expect(status == .different)
    #expect(out.contains("unused/kernel"))
    #expect(run(["-", "-"]).0 == .trouble)
  }

  @Test func colourOnlyOnATerminalAndNeverWithNoColor() throws {
    let (a, b) = Self.pair(extraDraw: true)
    let pathA = try Self.write(a, "a.trace"), pathB = try Self.write(b, "b.trace")
    let escape = "\u{1B}["
    #expect(!run([pathA, pathB]).1.contains(escape))
    #expect(run([pathA, pathB], terminal: true).1.contains(escape))
    #expect(!run([pathA, pathB], terminal: true, environment: ["NO_COLOR": "1"]).1.contains(escape))
    #expect(run([pathA, pathB, "--color", "always"]).1.contains(escape))
    #expect(!run([pathA, pathB, "--color=always"], environment: ["NO_COLOR": "x"]).1.contains(escape))
    #expect(!run([pathA, pathB, "--color", "never"], terminal: true).1.contains(escape))
    let (status, _, err) = run([pathA, pathB, "--color", "sometimes"])
    #expect(status == .trouble)
    #expect(err == "rngdiff: unknown --color value 'sometimes'; accepted: auto, always, never (see 'rngdiff --help')\n")
  }

  @Test func badInputIsOneSentenceAndExitTwo() throws {
    let (a, _) = Self.pair(extraDraw: false)
    let pathA = try Self.write(a, "a.trace")
    let directory = URL(fileURLWithPath: pathA).deletingLastPathComponent().path
    let empty = try Self.write("", "empty.trace")
    let broken = try Self.write(a + "{\"e\":\"draw\",\"seq\":", "broken.trace")
    let notJSON = try Self.write("hello\n", "hello.trace")
    for arguments in [[pathA, "/nonexistent/x.trace"], [pathA, directory], [pathA, empty], [pathA, notJSON], [pathA]] {
      let (status, out, err) = run(arguments)
      #expect(status == .trouble, "\(arguments)")
      #expect(out.isEmpty, "\(arguments)")
      #expect(err.hasPrefix("rngdiff: ") && err.hasSuffix("\n") && err.dropLast().contains("\n") == false, "\(arguments): \(err)")
    }
    // A trace cut off mid-line is still diffed, and the cut is reported.
    let (status, out, _) = run([pathA, broken])
    #expect(status != .trouble)
    #expect(out.contains("cut off"))
    // Cut off before any difference: the headline does not claim a plain "identical".
    let lines = a.split(separator: "\n")
    let cutEarly = try Self.write(lines.prefix(lines.count / 2).joined(separator: "\n") + "\n{\"event\":\"dr", "cut-early.trace")
    let (earlyStatus, earlyOut, _) = run([cutEarly, pathA])
    #expect(earlyStatus == .success)
    #expect(earlyOut.contains("identical up to where \(cutEarly) is cut off"), "\(earlyOut)")
    #expect(!earlyOut.contains("│┄ identical:"))
  }

  @Test func showSummarisesOneTrace() throws {
    let (_, b) = Self.pair(extraDraw: true)
    let path = try Self.write(b, "b.trace")
    let (status, out, err) = run(["show", path])
    #expect(status == .success && err.isEmpty)
    for consumer in ["unused/kernel", "model/dense/kernel", "model/dense_1/kernel"] { #expect(out.contains(consumer)) }
    let (_, json, _) = run(["show", path, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object != nil)
    #expect(run(["show"]).0 == .trouble)
    #expect(run(["show", "/nonexistent"]).0 == .trouble)
  }

  @Test func theBinaryFollowsDiffExitCodes() throws {
    let (a, b) = Self.pair(extraDraw: true)
    let pathA = try Self.write(a, "a.trace"), pathB = try Self.write(b, "b.trace")
    #expect(try RNGDiffBinary.run([pathA, pathA]).status == 0)
    let different = try RNGDiffBinary.run([pathA, pathB])
    #expect(different.status == 1)
    #expect(different.standardError.isEmpty)
    let piped = try RNGDiffBinary.run(["-", pathB], standardInput: Data(a.utf8))
    #expect(piped.status == 1)
    #expect(piped.standardOutput.hasPrefix("--- -  "))
    #expect(piped.standardOutput.contains("extra-draw  unused/kernel (init)"))
    let missing = try RNGDiffBinary.run([pathA, "/nonexistent/b.trace"])
    #expect(missing.status == 2)
    #expect(missing.standardOutput.isEmpty)
  }
}
