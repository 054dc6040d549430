import Foundation
import RNGDiffer
import RNGStreams
import RNGTrace
import Testing

/// SplitMix64, seeded, so every mutation is reproducible.
private struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
}

/// Checks what a diff of any input must satisfy: a located one-sentence
/// error, or a report whose renderings are well-formed.
private func checkOutcome(_ a: [UInt8], _ b: [UInt8], window: Int = 16_384) {
  var options = DiffOptions()
  options.window = window
  options.all = true
  do {
    let report = try TraceDiffer.diff(a: TraceReader(bytes: a, name: "a.trace"), b: TraceReader(bytes: b, name: "b.trace"), options: options)
    #expect(report.exitStatus == (report.verdict == .identical ? 0 : 1))
    #expect(report.verdict == .different || (report.diagnoses.isEmpty && report.onlyInA == 0 && report.onlyInB == 0))
    for (k, d) in report.diagnoses.enumerated() {
      #expect(d.id == k)
      #expect(!d.explanation.isEmpty && !d.fix.isEmpty)
    }
    let text = report.text(TextOptions(all: true))
    #expect(text.hasSuffix("╵\n"))
    #expect((try? JSONSerialization.jsonObject(with: Data(report.json().utf8))) != nil, "JSON report does not parse")
    if report.b.isTruncated, let last = report.diagnoses.compactMap({ $0.b?.line }).max() {
      #expect(last <= b.filter { $0 == 0x0A }.count + 1)
    }
  } catch {
    #expect(error.exitStatus == 2)
    #expect(!error.description.isEmpty && !error.description.contains("\n"))
    if let line = error.line { #expect(line >= 1) }
  }
}

@Suite("Differ fuzzing and scale")
struct FuzzAndScaleTests {
  static let a = Script(label: "a").build().bytes
  static let b: [UInt8] = {
    var s = Script(label: "b")
    s.layers.insert(("model/extra", 10), at: 1)
    return s.build().bytes
  }()

  static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A).map(Array.init)
  }

  @Test("mutated traces never crash the differ", arguments: 0..<4)
  func mutations(round: Int) {
    var rng = SplitMix64(state: 0xD1FF &+ UInt64(round) &* 7919)
    for _ in 0..<60 {
      var left = Self.a, right = Self.b
      for _ in 0..<(1 + rng.below(3)) {
        var target = rng.below(2) == 0 ? left : right
        switch rng.below(5) {
        case 0:  // byte flips
          let at = rng.below(target.count)
          target[at] ^= UInt8(1 << rng.below(8))
        case 1:  // truncation
          target = Array(target.prefix(rng.below(target.count)))
        default:  // line edits (keeping the header)
          var ls = Self.lines(target)
          guard ls.count > 2 else { break }
          let i = 1 + rng.below(ls.count - 1), j = 1 + rng.below(ls.count - 1)
          switch rng.below(3) {
          case 0: ls.swapAt(i, j)
          case 1: ls.remove(at: i)
          default: ls.insert(ls[i], at: j)
          }
          target = Array(ls.joined(separator: [0x0A])) + [0x0A]
        }
        if rng.below(2) == 0 { left = target } else { right = target }
      }
      checkOutcome(left, right, window: [16, 64, 16_384][rng.below(3)])
    }
  }

  @Test("swapping the two traces swaps extra and missing")
  func symmetry() throws {
    let ab = try TraceDiffer.diff(a: TraceReader(bytes: Self.a, name: "a.trace"), b: TraceReader(bytes: Self.b, name: "b.trace"))
    let ba = try TraceDiffer.diff(a: TraceReader(bytes: Self.b, name: "b.trace"), b: TraceReader(bytes: Self.a, name: "a.trace"))
    #expect(ab.diagnoses.map(\.kind) == [.extraDraw])
    #expect(ba.diagnoses.map(\.kind) == [.missingDraw])
    #expect(ab.diagnoses[0].effectEvents == ba.diagnoses[0].effectEvents)
  }

  /// A long run: `epochs` × `batches` masks and shuffles, with optional extra draws.
  static func longRun(label: String, batches: Int, extraAt: Int? = nil, extraCount: Int = 1) -> TraceBuilder {
    var b = TraceBuilder(label: label)
    let np = b.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: nil))
    let gen = b.stream("gen", framework: .torch, name: "cpu-default", algorithm: .philox4x32_10, seed: "0",
                       seeding: .explicit(call: "torch.manual_seed(0)", source: nil))
    b.draw(np, count: 64, consumer: "model/dense/kernel", role: "init")
    for batch in 0..<batches {
      if batch == extraAt {
        for k in 0..<extraCount { b.draw(np, count: 3, consumer: "model/probe_\(k)", role: "init") }
      }
      b.phase("batch", .begin, index: batch)
      b.draw(gen, count: 2, consumer: "model/dropout", role: "mask", dist: "bernoulli", dtype: "bool")
      b.draw(np, count: 1, consumer: "data/sampler", role: "sample", dist: "integers", dtype: "int64")
      b.phase("batch", .end, index: batch)
    }
    return b
  }

  @Test("an early insertion in a long run is one cause; everything after it is propagation")
  func longInsertion() throws {
    let report = try diff(Self.longRun(label: "a", batches: 20_000), Self.longRun(label: "b", batches: 20_000, extraAt: 10))
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .extraDraw && d.consumer?.path == "model/probe_0")
    #expect(d.effectEvents == 20_000 - 10)  // every later sampler draw is shifted by 3
    #expect(d.effects.map(\.what) == ["data/sampler (sample)"])
    #expect(report.matchedEvents == 1 + 20_000 * 4)
  }

  @Test("a displacement within half the window is aligned exactly")
  func smallWindow() throws {
    var options = DiffOptions()
    options.window = 64
    let report = try diff(Self.longRun(label: "a", batches: 500), Self.longRun(label: "b", batches: 500, extraAt: 100, extraCount: 20),
                          options: options)
    #expect(report.diagnoses.count == 1)
    #expect(report.diagnoses.first?.hunkSize == 20)
    #expect(report.onlyInB == 20 && report.onlyInA == 0)
  }

  @Test("a displacement beyond the window grows the window and is still aligned exactly")
  func beyondWindow() throws {
    var options = DiffOptions()
    options.window = 16
    let report = try diff(Self.longRun(label: "a", batches: 300), Self.longRun(label: "b", batches: 300, extraAt: 100, extraCount: 40),
                          options: options)
    #expect(report.diagnoses.map(\.kind) == [.extraDraw])
    #expect(report.diagnoses.first?.hunkSize == 40)
    #expect(report.onlyInB == 40 && report.onlyInA == 0)
  }

  @Test("past the largest window, one-sided events are reported as such, not as a crash or a guess")
  func pastMaxWindow() throws {
    var options = DiffOptions()
    options.window = 16
    options.maxWindow = 32
    let report = try diff(Self.longRun(label: "a", batches: 300), Self.longRun(label: "b", batches: 300, extraAt: 100, extraCount: 40),
                          options: options)
    #expect(report.verdict == .different)
    #expect(report.onlyInB >= 40)
    #expect(report.diagnoses.filter { $0.kind == .extraDraw }.reduce(0) { $0 + $1.hunkSize } >= 40)
  }
}

@Suite("Extreme values")
struct ExtremeValueTests {
  @Test("counters near 2**64, huge counts and absurd shapes neither crash the reader nor the differ")
  func extremes() throws {
    func run(_ label: String, counter: UInt64, count: UInt64, shape: [Int], values: DrawnValues?) -> TraceBuilder {
      var b = TraceBuilder(label: label)
      let s = b.stream("s", algorithm: .philox4x32_10, seed: "k", seeding: .explicit(call: "seed", source: nil), start: counter)
      b.draw(s, count: count, consumer: "w", role: "init", dtype: "float64", shape: shape, values: values)
      b.draw(s, count: UInt64.max, consumer: "w2", role: "init")
      b.draw(s, count: 1, consumer: "w3", role: "init")
      b.tensor("w", moment: .initial, values: values ?? .float64([1]), shape: shape)
      return b
    }
    let huge = [Int.max / 2, 4]
    let pairs: [(TraceBuilder, TraceBuilder)] = [
      (run("a", counter: UInt64.max - 3, count: 2, shape: huge, values: .float64([1, 2])),
       run("b", counter: 5, count: UInt64.max, shape: huge, values: .float64([1, 3]))),
      (run("a", counter: 0, count: UInt64.max, shape: [], values: nil),
       run("b", counter: UInt64.max, count: 0, shape: [Int.max, Int.max], values: .float64([.nan]))),
    ]
    for (a, b) in pairs {
      let report = try diff(a, b)
      #expect(report.verdict == .different)
      #expect(!report.text().isEmpty && !report.json().isEmpty)
    }
  }
}
