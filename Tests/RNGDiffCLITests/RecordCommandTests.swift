import Foundation
import RNGDiffCLI
import TestSupport
import Testing

/// `rngdiff record` with the real CPython and NumPy (pinned in
/// ``RecorderVenv``): the scripts in fixtures/scripts/language recorded in a
/// real process and run in the engine give traces the differ finds
/// identical, draw for draw; the script's output and status are its own;
/// bad input is one sentence and exit 2.
@Suite(.serialized) struct RecordCommandTests {
  static let folder = Fixtures.url("scripts/language")

  /// The fixture scripts that draw from random or NumPy (under fixtures/scripts): the language
  /// scripts that draw, and recorder/calls.py and generator.py: every call both the engine and the
  /// recorder know.
  static let drawingScripts = [
    "language/randomness.py", "language/basics.py", "recorder/calls.py", "recorder/generator.py",
  ]

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-record-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func record(_ arguments: [String]) throws -> RNGDiffBinary.Result {
    let python = try RecorderVenv.python()
    return try RNGDiffBinary.run(["record", "--python", python.path] + arguments, environment: ["PYTHONHASHSEED": "0"])
  }

  @Test func theEmbeddedRecorderIsTheOneInTheRepository() throws {
    let root = Fixtures.repositoryRoot().appendingPathComponent("recorder")
    let package = root.appendingPathComponent("rngdiff_recorder")
    var onDisk: [String] = []
    let walker = FileManager.default.enumerator(atPath: package.path)
    while let item = walker?.nextObject() as? String {
      if item.hasSuffix(".py") && !item.contains("__pycache__") { onDisk.append("rngdiff_recorder/" + item) }
    }
    let embedded = Dictionary(uniqueKeysWithValues: EmbeddedRecorder.files.map { ($0.path, $0.text) })
    #expect(Set(onDisk) == Set(embedded.keys), "run: python3 recorder/generate_embedded.py")
    for path in onDisk {
      let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      #expect(embedded[path] == text, "\(path) changed; run: python3 recorder/generate_embedded.py")
    }
  }

  @Test(arguments: drawingScripts)
  func aRealRunAndTheEngineAgreeDrawForDraw(_ name: String) throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Fixtures.url("scripts").appendingPathComponent(name).path
    let real = out.appendingPathComponent("real.trace").path
    let engine = out.appendingPathComponent("engine.trace").path
    let recorded = try Self.record([script, "-o", real])
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let ran = try RNGDiffBinary.run(["run", script, "-o", engine], environment: ["PYTHONHASHSEED": "0"])
    #expect(ran.status == 0, "\(ran.standardError)")
    // The script printed the same in both (the real one is CPython itself).
    #expect(recorded.standardOutput == ran.standardOutput)
    let diff = try RNGDiffBinary.run([real, engine])
    #expect(diff.status == 0, "\(diff.standardOutput)\(diff.standardError)")
    // One vocabulary down to the header: the same profile (from the imports) and the same config.
    #expect(!diff.standardOutput.contains("configuration differs"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("identical"), "\(diff.standardOutput)")
    // Every draw line agrees field for field (all but seq), not only in the differ's eyes.
    func draws(_ path: String) throws -> [String] {
      try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
        String(line.replacingOccurrences(of: #"\"seq\":[0-9]+,"#, with: "", options: .regularExpression))
      }
    }
    let realDraws = try draws(real), engineDraws = try draws(engine)
    #expect(realDraws.count >= 3)
    #expect(realDraws == engineDraws)
    let header = try String(contentsOfFile: real, encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.contains("\"producer\":\"rngdiff record\""))
    #expect(header.contains("\"numpy\":\"2.4.6\""))
  }

  /// A real `np.random.seed(None)` / `random.seed()` is declared as the engine declares it:
  /// entropy, with the call and its line.
  @Test func anExplicitEntropySeedingNamesItsCallAsTheEngineDoes() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("none.py")
    try "import random\nimport numpy as np\nnp.random.seed(None)\nrandom.seed()\nx = np.random.rand(2), random.random()\n"
      .write(to: script, atomically: true, encoding: .utf8)
    let trace = out.appendingPathComponent("real.trace").path
    #expect(try Self.record(["-o", trace, script.path]).status == 0)
    let text = try String(contentsOfFile: trace, encoding: .utf8)
    #expect(text.contains(#""seeding":{"how":"entropy","call":"np.random.seed(None)","source":"\#(script.path):3"}"#), "\(text)")
    #expect(text.contains(#""seeding":{"how":"entropy","call":"random.seed(None)","source":"\#(script.path):4"}"#), "\(text)")
  }

  @Test func aDifferentSeedInTheRealRunIsASeedMismatch() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let text = try String(contentsOf: Self.folder.appendingPathComponent("randomness.py"), encoding: .utf8)
    let a = out.appendingPathComponent("a.py"), b = out.appendingPathComponent("b.py")
    try text.write(to: a, atomically: true, encoding: .utf8)
    try text.replacingOccurrences(of: "np.random.seed(7)", with: "np.random.seed(8)").write(to: b, atomically: true, encoding: .utf8)
    #expect(try Self.record([a.path]).status == 0)
    #expect(try RNGDiffBinary.run(["run", b.path]).status == 0)
    let diff = try RNGDiffBinary.run(["--json", a.path + ".trace", b.path + ".trace"])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("\"seed-mismatch\""), "\(diff.standardOutput)")
  }

  @Test func theScriptsStatusOutputAndArgumentsAreItsOwn() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("exit.py")
    try "import sys, random\nprint(sys.argv[1:], __name__)\nrandom.seed(1)\nrandom.random()\nsys.exit(3)\n"
      .write(to: script, atomically: true, encoding: .utf8)
    let exited = try Self.record([script.path, "--", "--epochs", "2"])
    #expect(exited.status == 3)
    #expect(exited.standardOutput == "['--epochs', '2'] __main__\n")
    #expect(try String(contentsOfFile: script.path + ".trace", encoding: .utf8).contains("\"op\":\"random\""))

    let raising = out.appendingPathComponent("raise.py")
    try "import random\nrandom.random()\nraise ValueError('bad value')\n".write(to: raising, atomically: true, encoding: .utf8)
    let raised = try Self.record([raising.path])
    #expect(raised.status == 1)
    #expect(raised.standardError.hasPrefix("Traceback (most recent call last):"), "\(raised.standardError)")
    #expect(raised.standardError.contains("line 3, in <module>"))
    #expect(raised.standardError.hasSuffix("ValueError: bad value\n"))
    #expect(!raised.standardError.contains("rngdiff_recorder"), "the recorder's frames are not shown")
    let trace = try String(contentsOfFile: raising.path + ".trace", encoding: .utf8)
    #expect(trace.contains("\"seeding\":{\"how\":\"entropy\"}"), "never seeded: entropy, as the engine marks it")
  }

  @Test func neverOverwritesWithoutForce() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("s.py")
    try "import random\nrandom.seed(1)\nprint(random.random())\n".write(to: script, atomically: true, encoding: .utf8)
    let trace = script.path + ".trace"
    try "precious".write(toFile: trace, atomically: true, encoding: .utf8)
    let refused = try Self.record([script.path])
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("exists") && refused.standardError.contains("--force"))
    #expect(try String(contentsOfFile: trace, encoding: .utf8) == "precious")
    let forced = try Self.record([script.path, "--force"])
    #expect(forced.status == 0)
    #expect(forced.standardOutput == "0.13436424411240122\n")
    #expect(try String(contentsOfFile: trace, encoding: .utf8).hasPrefix("{\"event\":\"header\""))
  }

  @Test(arguments: [
    (["record"], "rngdiff: missing <script>: the Python script to record (see 'rngdiff record --help')"),
    (["record", "/nonexistent/train.py"], "rngdiff: cannot read the script '/nonexistent/train.py': no such file (see 'rngdiff record --help')"),
    (["record", "--python", "/nonexistent/python", "/"], "rngdiff: cannot read the script '/': it is a directory (see 'rngdiff record --help')"),
    (["record", Fixtures.url("scripts/language/basics.py").path, "-o", "/nonexistent/dir/t.trace"],
     "rngdiff: cannot write the trace to '/nonexistent/dir/t.trace': no folder '/nonexistent/dir' (see 'rngdiff record --help')"),
  ])
  func badInputIsOneSentenceAndExitTwo(_ arguments: [String], _ message: String) throws {
    let result = try RNGDiffBinary.run(arguments)
    #expect(result.status == 2)
    #expect(result.standardError == message + "\n")
  }

  @Test func aMissingInterpreterIsOneSentence() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("s.py")
    try "print(1)\n".write(to: script, atomically: true, encoding: .utf8)
    let missing = try RNGDiffBinary.run(["record", script.path], environment: ["PATH": out.path])
    #expect(missing.status == 2)
    #expect(missing.standardError.hasPrefix("rngdiff: cannot find the Python interpreter 'python3' on PATH"))
    let wrong = try RNGDiffBinary.run(["record", "--python", out.appendingPathComponent("py").path, script.path])
    #expect(wrong.status == 2)
    #expect(wrong.standardError.contains("cannot run the Python interpreter"))
    #expect(!FileManager.default.fileExists(atPath: script.path + ".trace"))
  }

  @Test func theRecordersOwnUnitTestsPass() throws {
    let python = try RecorderVenv.python()
    let process = Process()
    process.executableURL = python
    process.arguments = ["-m", "unittest", "discover", "-s", "tests", "-t", "."]
    process.currentDirectoryURL = Fixtures.repositoryRoot().appendingPathComponent("recorder")
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.contains("OK"), "\(output)")
  }
}
