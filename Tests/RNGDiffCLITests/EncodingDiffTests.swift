import Foundation
import RNGDiffCLI
import TestSupport
import Testing

/// What a user sees when two producers encode the same runs differently:
/// `rngdiff original reencoded` says identical (exit 0), and the re-encoded
/// pair gets exactly the diagnoses of the compact pair (kind, consumer,
/// counters and counts, effects), for every fixture pair
/// (docs/trace-format.md, "Text rules").
@Suite struct EncodingDiffTests {
  static let pairs: [String] = {
    let root = Fixtures.url("traces").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
      FileManager.default.fileExists(atPath: "\(root)/\($0)/a.trace")
    }.sorted()
  }()

  static func write(_ text: String, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-encoding-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static func run(_ arguments: [String]) -> (ExitCode, String) {
    let io = TerminalIO.capturing(standardInput: [], terminal: false, environment: [:])
    let status = RNGDiffCommand.run(arguments, io: io)
    return (status, io.standardOutputText + io.standardErrorText)
  }

  /// The parts of a `--json` report that an encoding must not change: the
  /// verdict, the counts, and per diagnosis its kind, consumer, place,
  /// evidence positions (line, counter, count), hunk and effects. (Not the
  /// file names, the digests' length or the parameters' spelling, which the
  /// report quotes as written.)
  static func signature(_ json: String) throws -> String {
    let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    let counts = (report["counts"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    var parts = ["\(report["verdict"] ?? "?")", counts.joined(separator: ", ")]
    for d in report["diagnoses"] as? [[String: Any]] ?? [] {
      let consumer = d["consumer"] as? [String: Any]
      var line = "\(d["kind"] ?? "?") \(consumer?["path"] ?? "-") (\(consumer?["role"] ?? "-")) at \(d["place"] ?? "?")"
      for side in ["a", "b"] {
        let e = d[side] as? [String: Any]
        line += " \(side): line \(e?["line"] ?? "-") counter \(e?["counter"] ?? "-") +\(e?["count"] ?? "-")"
      }
      for key in ["hunk_size", "hunk_units", "effect_events", "omitted_effects"] { line += " \(key) \(d[key] ?? "-")" }
      let effects = (d["effects"] as? [[String: Any]] ?? []).map { "\($0["what"] ?? "?") \($0["count"] ?? "?")" }
      line += " effects [\(effects.joined(separator: ", "))]"
      parts.append(line)
    }
    return parts.joined(separator: "\n")
  }

  static func fixture(_ pair: String, _ side: String) throws -> (path: String, text: String) {
    let path = Fixtures.url("traces/\(pair)/\(side).trace").path
    return (path, try String(contentsOfFile: path, encoding: .utf8))
  }

  /// The property, over every fixture pair and several seeds: Python's
  /// `json.dumps` defaults, and random encodings with other number
  /// spellings of the parameters and 64-digit digests.
  @Test(arguments: pairs)
  func anyEncodingDiffsTheSame(pair: String) throws {
    let (pathA, textA) = try Self.fixture(pair, "a"), (pathB, textB) = try Self.fixture(pair, "b")
    let (compactStatus, compactJSON) = Self.run([pathA, pathB, "--json"])
    let expected = try Self.signature(compactJSON)
    #expect(expected.contains("different") == (compactStatus == .different))
    var encodings: [(String, TraceReencoder, TraceReencoder)] = []
    encodings.append(("python", TraceReencoder(seed: 1, style: .pythonDefault), TraceReencoder(seed: 2, style: .pythonDefault)))
    for seed in UInt64(0)..<3 {
      var ea = TraceReencoder(seed: 0xA000 &+ seed &* 31 &+ UInt64(pair.utf8.count), style: .random)
      var eb = TraceReencoder(seed: 0xB000 &+ seed &* 37, style: .random)
      ea.respellNumbers = seed != 0
      eb.respellNumbers = seed != 1
      ea.lengthenDigests = true
      eb.lengthenDigests = seed == 2
      encodings.append(("random \(seed)", ea, eb))
    }
    for (name, var ea, var eb) in encodings {
      let reA = try Self.write(ea.reencode(textA), "a.trace"), reB = try Self.write(eb.reencode(textB), "b.trace")
      for (original, reencoded) in [(pathA, reA), (pathB, reB)] {
        let (status, out) = Self.run([original, reencoded])
        #expect(status == .success, "\(pair), \(name): \(original) against its re-encoding\n\(out)")
        #expect(out.contains("identical"), "\(pair), \(name)")
      }
      let (status, json) = Self.run([reA, reB, "--json"])
      #expect(status == compactStatus, "\(pair), \(name)")
      let actual = try Self.signature(json)
      #expect(actual == expected, "\(pair), \(name) (\(reA), \(reB)):\n\(actual)\nexpected\n\(expected)")
    }
  }

  /// A pair that real Python wrote: `fixtures/trace/python-json/` holds
  /// `json.dumps(json.loads(line))` of the parameter-mismatch pair (the
  /// command is in its README). The built `rngdiff`, as a user runs it.
  @Test func realPythonEncodingDiffsLikeTheCompactPair() throws {
    let python = Fixtures.url("trace/python-json").path
    let compact = Fixtures.url("traces/parameter-mismatch").path
    for side in ["a", "b"] {
      let text = try String(contentsOfFile: "\(python)/\(side).trace", encoding: .utf8)
      #expect(text.contains("\", \""), "written with Python's separators")
      let same = try RNGDiffBinary.run(["\(compact)/\(side).trace", "\(python)/\(side).trace"])
      #expect(same.status == 0, "\(same.standardOutput)\(same.standardError)")
      #expect(same.standardOutput.contains("identical"))
    }
    let expected = try RNGDiffBinary.run(["\(compact)/a.trace", "\(compact)/b.trace", "--json"])
    let actual = try RNGDiffBinary.run(["\(python)/a.trace", "\(python)/b.trace", "--json"])
    #expect(actual.status == expected.status)
    #expect(try Self.signature(actual.standardOutput) == Self.signature(expected.standardOutput))
    let text = try RNGDiffBinary.run(["\(python)/a.trace", "\(python)/b.trace"])
    #expect(text.standardOutput.contains("parameter-mismatch"))
  }
}
