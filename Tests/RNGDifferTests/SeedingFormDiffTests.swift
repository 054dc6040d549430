import Foundation
import RNGDiffer
import RNGTrace
import TestSupport
import Testing

/// The seeding forms of trace format item 2 (`default`, `drawn`,
/// `restored`, splits with `parent` and `streams`, mixed frameworks), each
/// diffed from a hand-written pair in `fixtures/trace/seeding/<case>/`.
@Suite struct SeedingFormDiffTests {
  static func report(_ name: String) throws -> DiffReport {
    let folder = Fixtures.url("trace/seeding/\(name)")
    return try TraceDiffer.diff(
      a: TraceReader(path: folder.appendingPathComponent("a.trace").path),
      b: TraceReader(path: folder.appendingPathComponent("b.trace").path))
  }

  @Test("a stream on the framework's default seed against an explicit seed: seed-mismatch worded as such")
  func defaultAgainstExplicit() throws {
    let report = try Self.report("default-vs-explicit")
    #expect(report.diagnoses.count == 1)
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .seedMismatch)
    #expect(d.consumer == Consumer("model/fc1/weight", role: "init"))
    #expect(d.explanation.contains("seeded 0 (torch.manual_seed(0) at b.py:3) in b, but a never seeds it"), "\(d.explanation)")
    #expect(d.explanation.contains("default seed 67280421310721 (torch's default seed, first used at a.py:5)"), "\(d.explanation)")
    #expect(d.fix.contains("explicitly in a as b does (torch.manual_seed(0))"), "\(d.fix)")
    #expect(d.effectEvents == 1)
    #expect(report.text().contains("the framework's default seed"))
  }

  @Test("a default seed and the same seed given explicitly draw the same values: identical")
  func defaultEqualsExplicitSameSeed() throws {
    func trace(_ seeding: StreamSeeding) -> [UInt8] {
      var t = TraceBuilder(label: "t")
      let s = t.stream("torch", framework: .torch, name: "cpu-default", algorithm: .mt19937, seed: "67280421310721", seeding: seeding)
      t.draw(s, count: 8, consumer: "w", role: "init", op: "rand", dist: "uniform", shape: [8])
      return t.bytes
    }
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: trace(.frameworkDefault(from: nil, source: nil)), name: "a.trace"),
      b: TraceReader(bytes: trace(.explicit(call: "torch.manual_seed(67280421310721)", source: "b.py:2")), name: "b.trace"))
    #expect(report.verdict == .identical, "\(report.text())")
  }

  @Test("a generator seeded from a shifted draw is an effect of the shift, not a cause of its own")
  func drawnSeedIsAnEffect() throws {
    let report = try Self.report("drawn-seed")
    #expect(report.diagnoses.count == 1, "\(report.text())")
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .extraDraw)
    #expect(d.consumer == Consumer("model/unused/weight", role: "init"))
    // The seed draw, the sampler stream and both shuffles are listed under it.
    let streams = d.effects.filter { $0.event == .stream }
    #expect(streams.count == 1)
    #expect(streams.first?.what == #"torch "generator#1" (seeded from a drawn value)"#)
    #expect(streams.first?.aLine == 5 && streams.first?.bLine == 6)
    #expect(d.effects.contains { $0.event == .draw && $0.what == "loader/epoch (shuffle)" && $0.count == 2 })
    #expect(d.effects.contains { $0.event == .draw && $0.what == "loader/sampler (seed)" })
    #expect(report.text().contains("1 stream, "), "\(report.text())")
  }

  @Test("a version that changes a seed draw's value: one cause, the layers seeded from it are its effects")
  func versionChangeOfASeedDraw() throws {
    // Keras-style: each Dropout layer is seeded with a value drawn from Python's stream; b's
    // library version draws another value at the same position (another randint).
    func trace(_ label: String, version: String, digest: String) -> [UInt8] {
      var config = RunConfig()
      config.libraries = [NamedValue("keras", version)]
      var t = TraceBuilder(label: label, profile: TraceProfile(framework: .keras, version: version), config: config)
      let py = t.stream("py", framework: .python, name: "global", seed: "init_by_array([1337])",
                        seeding: .explicit(call: "random.seed(1337)", source: "\(label).py:2"))
      for layer in ["dropout", "dropout_1"] {
        let counter = t.counter(py)
        t.draw(py, count: 1, consumer: "model/\(layer)", role: "seed", op: "randint", dist: "integers", dtype: "int64",
               digest: layer == "dropout" ? digest : nil)
        let seed = layer == "dropout" ? "seed-\(digest)" : "seed-\(layer)"
        let g = t.stream("g-\(layer)", framework: .keras, name: "SeedGenerator(\(layer))", algorithm: .philox4x32_10,
                         seed: seed, seeding: .drawn(DrawReference(stream: "py", counter: counter), call: nil, source: nil))
        t.draw(g, count: 4, consumer: "model/\(layer)", role: "mask", op: "dropout", dist: "bernoulli", dtype: "bool", shape: [16])
      }
      return t.bytes
    }
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: trace("a", version: "3.15.1", digest: "aaaaaaaaaaaaaaaa"), name: "a.trace"),
      b: TraceReader(bytes: trace("b", version: "3.16.0", digest: "bbbbbbbbbbbbbbbb"), name: "b.trace"))
    #expect(report.diagnoses.count == 1, "\(report.text())")
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .configMismatch)
    #expect(d.consumer == Consumer("model/dropout", role: "seed"))
    #expect(d.effects.map(\.what) == [#"keras "SeedGenerator(dropout)" (seeded from a drawn value)"#, "model/dropout (mask)"])
  }

  @Test("a drawn seed from a draw that did not diverge is judged on its own")
  func drawnSeedWithoutParentDivergence() throws {
    func trace(_ label: String, seed: String) -> [UInt8] {
      var t = TraceBuilder(label: label)
      let g = t.stream("torch", framework: .torch, name: "cpu-default", algorithm: .mt19937, seed: "0",
                       seeding: .explicit(call: "torch.manual_seed(0)", source: "\(label).py:2"))
      t.draw(g, count: 2, consumer: "loader/sampler", role: "seed", op: "random_", dist: "integers", shape: [])
      let s = t.stream("s", framework: .torch, name: "generator#1", algorithm: .mt19937, seed: seed,
                       seeding: .drawn(DrawReference(stream: "torch", counter: 0), call: nil, source: nil))
      t.draw(s, count: 7, consumer: "loader/epoch", role: "shuffle", op: "randperm", dist: "permutation", shape: [8])
      return t.bytes
    }
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: trace("a", seed: "11"), name: "a.trace"), b: TraceReader(bytes: trace("b", seed: "12"), name: "b.trace"))
    let d = try #require(report.diagnoses.first)
    #expect(report.diagnoses.count == 1)
    #expect(d.kind == .seedMismatch)
    #expect(d.consumer == Consumer("loader/epoch", role: "shuffle"))
  }

  @Test("a JAX key split from differently seeded keys: one cause at the parent, every derived key an effect")
  func splitIsAnEffectOfItsParent() throws {
    let report = try Self.report("jax-split")
    #expect(report.diagnoses.count == 1, "\(report.text())")
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .seedMismatch)
    #expect(d.consumer == Consumer("jax.random.split of key(0,0)", role: ""))
    #expect(d.explanation.hasPrefix(#"jax.random.split splits jax "key(0,0)" (threefry2x32-20), seeded key=(0x0,0x0) (jax.random.key(0) at a.py:3) in a but key=(0x0,0x1) (jax.random.key(1) at b.py:3) in b"#), "\(d.explanation)")
    let streams = d.effects.filter { $0.event == .stream }.map(\.what)
    #expect(streams == [#"jax "split(root)[0]" (keyed by a derived seed)"#, #"jax "split(root)[1]" (keyed by a derived seed)"#, #"jax "split(k2)[0]" (keyed by a derived seed)"#])
    #expect(d.effects.contains { $0.event == .draw && $0.what == "params/dense/kernel (init)" })
    #expect(d.effects.contains { $0.event == .draw && $0.what == "dropout (mask)" })
    #expect(d.effects.contains { $0.event == .derivation })
  }

  @Test("a resumed run that restored its RNG state against one that reseeded: state-carryover naming the checkpoint")
  func restoredAgainstReseeded() throws {
    let report = try Self.report("restored-state")
    #expect(report.diagnoses.count == 1, "\(report.text())")
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .stateCarryover)
    #expect(d.consumer == Consumer("fit/epoch", role: "shuffle"))
    #expect(d.explanation.contains("a restores numpy \"global\" (mt19937) from a saved state (restored from ckpt/epoch2.pkl at position 96"), "\(d.explanation)")
    #expect(d.explanation.contains("but b does not (np.random.seed(0) at b.py:3)"), "\(d.explanation)")
    #expect(d.explanation.contains("is at counter 96 in a and 0 in b"), "\(d.explanation)")
    #expect(d.fix.contains("restore it when resuming"), "\(d.fix)")
  }

  @Test("a run that never stopped against one resumed with its RNG state: identical")
  func restoredContinuesTheSequence() throws {
    func trace(resumed: Bool) -> [UInt8] {
      var t = TraceBuilder(label: resumed ? "b" : "a")
      let np = t.stream("np", seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "x.py:2"))
      t.draw(np, count: 8, consumer: "fit/epoch", role: "shuffle", op: "permutation", dist: "permutation", shape: [8])
      if resumed {
        _ = t.stream("np", seed: "init_genrand(0)",
                     seeding: .restored(from: "ckpt.pkl", position: 8, call: "np.random.set_state(s)", source: "x.py:9"), start: 8)
      }
      t.draw(np, count: 8, consumer: "fit/epoch", role: "shuffle", op: "permutation", dist: "permutation", shape: [8])
      return t.bytes
    }
    let report = try TraceDiffer.diff(
      a: TraceReader(bytes: trace(resumed: false), name: "a.trace"), b: TraceReader(bytes: trace(resumed: true), name: "b.trace"))
    #expect(report.verdict == .identical, "\(report.text())")
  }

  @Test("torch plus NumPy in one trace: only the NumPy stream's seed differs, and only its consumers are diagnosed")
  func mixedFrameworks() throws {
    let report = try Self.report("mixed-frameworks")
    #expect(report.diagnoses.count == 1, "\(report.text())")
    let d = try #require(report.diagnoses.first)
    #expect(d.kind == .seedMismatch)
    #expect(d.stream?.framework == .numpy)
    #expect(d.consumer == Consumer("data/split", role: "split"))
    #expect(d.effects.map(\.what) == ["fit/epoch (shuffle)"])
    #expect(report.configDifferences.isEmpty)
  }
}
