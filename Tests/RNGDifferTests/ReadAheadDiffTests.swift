import Foundation
import RNGDiffer
import RNGTrace
import Testing

/// The pairs of the diagnosis-kind tests, the report goldens and the scale
/// tests, built again here so that every one of them is also diffed with
/// read-ahead threads.
func testPairs() -> [(name: String, a: [UInt8], b: [UInt8])] {
  var pairs: [(String, Script, Script)] = []
  func add(_ name: String, _ change: (inout Script) -> Void) {
    var b = Script(label: "b")
    change(&b)
    pairs.append((name, Script(label: "a"), b))
  }
  add("identical") { _ in }
  add("extra-draw") { $0.layers.insert(("model/extra", 10), at: 1) }
  add("missing-draw") { $0.layers.remove(at: 1) }
  add("seed-mismatch") { $0.seed = 1 }
  add("unseeded-stream") { $0.unseededMasks = true }
  add("stream-offset") { $0.gapBeforeLayer = "model/dense_1" }
  add("reordered-draws") { $0.layers.swapAt(0, 2) }
  add("algorithm-mismatch") { $0.maskAlgorithm = .threefry2x32_20 }
  add("state-carryover") { $0.fits = 2; $0.reseedBeforeEachFit = false }
  add("data-order") { $0.extraShuffle = true }
  add("numeric-nondeterminism") { $0.perturbWeights = [1, 4] }
  add("config-mismatch") { $0.libraries = [NamedValue("numpy", "2.4.6"), NamedValue("torch", "2.14.0")]; $0.perturbWeights = [2] }
  add("parameter-mismatch") { $0.dropoutScale = "0.3" }
  add("loss-offset") { $0.lossOffset = 1e-3 }
  add("long-identical") { $0.epochs = 30; $0.batches = 200 }
  var result = pairs.map { (name, a, b) -> (String, [UInt8], [UInt8]) in
    var a = a
    if name == "long-identical" { a.epochs = 30; a.batches = 200 }
    return (name, a.build().bytes, b.build().bytes)
  }
  // Long runs: several thousand lines in step (the differ stops B's thread
  // from scanning ahead), then a difference (it scans ahead again).
  let long = FuzzAndScaleTests.longRun(label: "a", batches: 3_000).bytes
  result.append(("long-insertion", long, FuzzAndScaleTests.longRun(label: "b", batches: 3_000, extraAt: 2_000, extraCount: 3).bytes))
  result.append(("long-identical-run", long, FuzzAndScaleTests.longRun(label: "a", batches: 3_000).bytes))
  var late = traceLinesOf(long)
  late[late.count - 500] = Array(String(decoding: late[late.count - 500], as: UTF8.self)
    .replacingOccurrences(of: "\"count\":1,", with: "\"count\":2,").utf8)
  result.append(("long-late-change", long, Array(late.joined(separator: [0x0A])) + [0x0A]))
  result.append(("long-truncated", long, Array(long.dropLast(1_000))))
  return result
}

func traceLinesOf(_ bytes: [UInt8]) -> [[UInt8]] {
  bytes.split(separator: 0x0A).map(Array.init)
}

/// The report of one diff as text (every divergence) and JSON, or the error.
func renderedDiff(_ a: [UInt8], _ b: [UInt8], readAhead: Bool, chunk: Int = 1 << 20, depth: Int = 3) -> String {
  var reader = TraceReader.Options()
  reader.readAhead = readAhead
  reader.chunkBytes = chunk
  reader.readAheadDepth = depth
  var options = DiffOptions()
  options.all = true
  options.reader = reader
  do {
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: a, name: "a.trace", options: reader), b: TraceReader(bytes: b, name: "b.trace", options: reader),
      options: options)
    return report.text(TextOptions(all: true)) + "\n" + report.json()
  } catch {
    return "error: \(error)"
  }
}

@Suite("Diffing with read-ahead threads")
struct ReadAheadDiffTests {
  @Test("every test pair gives the same report with and without read-ahead threads")
  func samePairs() {
    for (name, a, b) in testPairs() {
      let plain = renderedDiff(a, b, readAhead: false)
      #expect(!plain.hasPrefix("error"), "\(name): \(plain)")
      for (chunk, depth) in [(4096, 1), (4096, 4), (1 << 20, 3)] {
        let threaded = renderedDiff(a, b, readAhead: true, chunk: chunk, depth: depth)
        #expect(threaded == plain, "\(name) with chunk \(chunk), depth \(depth)")
      }
    }
  }

  @Test("the same report from files on disk (read-ahead by default) as from memory")
  func files() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-readahead-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, a, b) in testPairs() {
      let pa = dir.appendingPathComponent("\(name)-a.trace").path, pb = dir.appendingPathComponent("\(name)-b.trace").path
      try Data(a).write(to: URL(fileURLWithPath: pa))
      try Data(b).write(to: URL(fileURLWithPath: pb))
      var options = DiffOptions()
      options.all = true
      options.reader.chunkBytes = 4096
      let fromFiles = try TraceDiffer.diff(a: pa, b: pb, options: options)
      let fromMemory = try TraceDiffer.diff(
        a: TraceReader(bytes: a, name: pa, options: options.reader), b: TraceReader(bytes: b, name: pb, options: options.reader),
        options: options)
      #expect(fromFiles.text(TextOptions(all: true)) == fromMemory.text(TextOptions(all: true)), "\(name)")
      #expect(fromFiles.json() == fromMemory.json(), "\(name)")
    }
  }

  @Test("mutated pairs give the same report or the same error with and without read-ahead", arguments: 0..<2)
  func mutations(round: Int) {
    var state: UInt64 = 0x7EAD &+ UInt64(round) &* 31
    func below(_ n: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(max(n, 1)))
    }
    let base = FuzzAndScaleTests.longRun(label: "a", batches: 400).bytes
    for _ in 0..<25 {
      var a = base, b = base
      for _ in 0..<(1 + below(3)) {
        var target = below(2) == 0 ? a : b
        switch below(4) {
        case 0: target[below(target.count)] ^= UInt8(1 << below(8))
        case 1: target = Array(target.prefix(below(target.count)))
        default:
          var ls = traceLinesOf(target)
          let i = 1 + below(ls.count - 1), j = 1 + below(ls.count - 1)
          if below(2) == 0 { ls.swapAt(i, j) } else { ls.remove(at: i) }
          target = Array(ls.joined(separator: [0x0A])) + [0x0A]
        }
        if below(2) == 0 { a = target } else { b = target }
      }
      let plain = renderedDiff(a, b, readAhead: false)
      #expect(renderedDiff(a, b, readAhead: true, chunk: 4096, depth: 2) == plain)
    }
  }
}

/// Once B's lines have mirrored A's for a while, B's read-ahead thread
/// leaves its batches unsplit and the reader compares each raw line with
/// A's before splitting it (LineSplitter.fill(_:raw:)). These pairs make B
/// stop mirroring in the middle of such batches, in every way a raw line
/// can differ, and expect the report (or error) that reading without
/// threads gives.
@Suite("Diffing raw lines while in step")
struct RawLinesDiffTests {
  /// A long run: more than 4,096 lines in step before any change below.
  static let base = traceLinesOf(FuzzAndScaleTests.longRun(label: "a", batches: 3_000).bytes)

  static func joined(_ lines: [[UInt8]], newline: [UInt8] = [0x0A], last: Bool = true) -> [UInt8] {
    Array(lines.joined(separator: newline)) + (last ? newline : [])
  }

  static func edited(_ body: (inout [[UInt8]]) -> Void) -> [UInt8] {
    var lines = base
    body(&lines)
    return joined(lines)
  }

  static func replacing(_ line: [UInt8], _ old: String, _ new: String) -> [UInt8] {
    Array(String(decoding: line, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
  }

  static func variants() -> [(String, [UInt8])] {
    var result: [(String, [UInt8])] = []
    result.append(("identical", joined(base)))
    // `\r\n` on some lines: the same lines once split.
    result.append(("crlf", edited { lines in
      for k in stride(from: 6_000, to: 6_040, by: 3) { lines[k] += [0x0D] }
    }))
    result.append(("crlf-everywhere", joined(base, newline: [0x0D, 0x0A])))
    // Blank lines, then a counter that jumps (a finding on B's line number).
    result.append(("blanks-then-gap", edited { lines in
      lines.insert([], at: 6_001)
      lines.insert([0x20, 0x09], at: 6_001)
      lines.insert([], at: 7_500)
      let k = (8_000..<lines.count).first { String(decoding: lines[$0], as: UTF8.self).contains("\"stream\":\"np\"") }!
      lines[k] = replacing(lines[k], "\"counter\":", "\"counter\":9")
    }))
    // A line that differs only in its last value byte, late.
    result.append(("late-last-byte", edited { lines in
      let k = lines.count - 300
      lines[k][lines[k].count - 3] ^= 0x01
    }))
    // A's line followed by more bytes on the same line.
    result.append(("longer-line", edited { lines in lines[6_500] += Array(" {}".utf8) }))
    result.append(("garbage-after", edited { lines in lines[6_500] += Array("x".utf8) }))
    // Another encoding of the same events (whitespace after `:` and `,`).
    result.append(("spaced", edited { lines in
      for k in 6_100..<6_200 { lines[k] = replacing(lines[k], "\",\"", "\", \"") }
    }))
    // Two differences far apart: out of step, in step again, out again.
    result.append(("two-changes", edited { lines in
      lines[5_000] = replacing(lines[5_000], "\"count\":1,", "\"count\":2,")
      lines[11_000] = replacing(lines[11_000], "\"count\":1,", "\"count\":2,")
    }))
    // The end: no newline after the last line, and a line cut off.
    result.append(("no-final-newline", joined(base, last: false)))
    result.append(("cut-off", Array(joined(base).dropLast(40))))
    result.append(("shorter", joined(Array(base.prefix(9_000)))))
    return result
  }

  @Test("B's raw lines that stop mirroring A's anywhere give the report reading without threads gives")
  func rawLinesAgree() {
    let a = Self.joined(Self.base)
    for (name, b) in Self.variants() {
      let plain = renderedDiff(a, b, readAhead: false)
      // Batches of 8 KiB, 64 KiB and 256 KiB: changes fall at every place in a batch.
      for (chunk, depth) in [(4096, 1), (4096, 3), (32768, 2), (1 << 20, 3)] {
        let threaded = renderedDiff(a, b, readAhead: true, chunk: chunk, depth: depth)
        #expect(threaded == plain, "\(name) with chunk \(chunk), depth \(depth)")
      }
    }
  }
}
