import RNGDiffer
import RNGTrace
import Testing

/// One change, one cause: the events a cause brings about downstream are
/// listed as its effects, not as further causes, even where the producer
/// records them without the consumer that caused them.
@Suite("Sharper causes")
struct SharperCausesTests {
  /// A Keras 3-like run: each layer takes a seed from Python's `random`
  /// when it is constructed, and the seed goes through the derivations a
  /// real run records with the consumer `<top>` (`keras.draw_seed`, the
  /// stateless key) to a stream that draws the kernel. A Dropout takes a
  /// seed too (consumer `dropout`) and draws a mask per step from its
  /// seed generator (consumer `sequential/dropout`, role `mask`).
  static func kerasRun(label: String, seed: Int = 1, dropout: Bool) -> TraceBuilder {
    var b = TraceBuilder(label: label, profile: TraceProfile(framework: .keras, version: "3.15.1"))
    let py = b.stream("python.global", framework: .python, name: "global", seed: "init_by_array([\(seed)])",
                      seeding: .explicit(call: "random.seed(\(seed))", source: "\(label).py:3"))
    /// The seed Keras would make from the draw at `counter` (a stand-in, distinct per seed and counter).
    func seedValue(_ counter: UInt64) -> Int { 100_000_000 + seed * 7_919_993 + Int(counter) * 104_729 }
    var dropoutSeed = 0
    func constructLayer(_ name: String) -> Int {
      let value = seedValue(b.counter(py))
      b.draw(py, count: 1, consumer: name, role: "seed", op: "randint", dist: "integers",
             params: [NamedValue("a", "1"), NamedValue("b", "1000000000")], dtype: "int64", source: "\(label).py:5")
      b.derivation(rule: "keras.make_default_seed", inputs: [NamedValue("consumer", "GlorotUniform")], result: "\(value)",
                   consumer: name, role: "seed", source: "\(label).py:5")
      return value
    }
    func statelessStream(_ pair: String, consumer: String, role: String) -> TraceBuilder.StreamHandle {
      let id = "tensorflow.stateless(\(pair))"
      let handle = b.stream(id, framework: .tensorflow, name: "stateless(\(pair))", algorithm: .philox4x32_10, unit: .philoxBlock,
                            seed: "key=(\(pair))", seeding: .derived(rule: "tf.stateless.GenerateKey", from: "seed=[\(pair)]", source: nil))
      b.derivation(rule: "tf.stateless.GenerateKey", inputs: [NamedValue("seed", "[\(pair)]")], result: "key=(\(pair))",
                   stream: handle, consumer: consumer, role: role)
      return handle
    }
    let dense = constructLayer("dense")
    if dropout { dropoutSeed = constructLayer("dropout") }
    let dense1 = constructLayer("dense_1")
    for (name, value) in [("dense", dense), ("dense_1", dense1)] {
      b.derivation(rule: "keras.draw_seed", inputs: [NamedValue("seed", "\(value)")], result: "[\(value), 0]", consumer: "<top>")
      let kernel = statelessStream("\(value),0", consumer: "<top>", role: "")
      b.draw(kernel, count: 10, consumer: "sequential/\(name)/kernel", role: "init", op: "stateless_uniform", dist: "uniform",
             dtype: "float32", shape: [4, 10])
    }
    b.phase("epoch", .begin, index: 1)
    if dropout {
      for step in 0..<2 {
        b.derivation(rule: "keras.seed_generator.next", inputs: [NamedValue("state", "[\(dropoutSeed), \(step)]")],
                     result: "[\(dropoutSeed), \(step)]", consumer: "sequential/dropout", role: "mask")
        let mask = statelessStream("\(dropoutSeed),\(step)", consumer: "sequential/dropout", role: "mask")
        b.draw(mask, count: 4, consumer: "sequential/dropout", role: "mask", op: "stateless_dropout", dist: "bernoulli",
               dtype: "bool", shape: [4, 4])
      }
    }
    b.phase("epoch", .end, index: 1)
    return b
  }

  @Test("a kernel's seed derivations recorded at <top> are effects of the seed draw that changed, not causes")
  func derivationsAtTopFoldIntoTheSeedCause() throws {
    let report = try diff(Self.kerasRun(label: "a", seed: 1, dropout: false), Self.kerasRun(label: "b", seed: 2, dropout: false))
    #expect(report.diagnoses.map(\.kind) == [.seedMismatch], "\(report.diagnoses.map { "\($0.kind) \($0.consumer?.description ?? "")" })")
    let effects = try #require(report.diagnoses.first?.effects.map(\.what))
    #expect(effects.contains("keras.draw_seed seed for <top>"), "\(effects)")
    #expect(effects.contains("tf.stateless.GenerateKey seed for <top>"), "\(effects)")
    #expect(effects.contains("sequential/dense/kernel (init)"), "\(effects)")
  }

  @Test("a Dropout's seed draw and its masks (sequential/dropout) are one cause, with the kernels it shifted as effects")
  func dropoutIsOneCause() throws {
    let report = try diff(Self.kerasRun(label: "a", dropout: true), Self.kerasRun(label: "b", dropout: false))
    #expect(report.diagnoses.count == 1, "\(report.diagnoses.map { "\($0.kind) \($0.consumer?.description ?? "")" })")
    let cause = try #require(report.diagnoses.first)
    #expect(cause.kind == .missingDraw)
    #expect(cause.consumer?.description == "dropout (seed)")
    #expect(cause.hunk.contains { $0.what == "sequential/dropout (mask)" })
    #expect(cause.explanation.contains("2 streams keyed by the seeds it derives"), "\(cause.explanation)")
    #expect(cause.effects.contains { $0.what == "sequential/dense_1/kernel (init)" })
  }
}
