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

  /// One two-layer network built right after `random.seed(2)`, as Keras 3
  /// builds it: a `Sequential` constructs both layers (two seed draws) and
  /// then builds them, naming the weights under the model; the functional
  /// form constructs and builds each layer in turn and names the weights by
  /// the layer. `kernelDigest` replaces the second kernel's values.
  /// A digest-shaped stand-in (16 hex digits) for a value.
  static func hex16(_ n: Int) -> String {
    let hex = String(n, radix: 16)
    return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
  }

  static func twoLayerModel(sequential: Bool, kernelDigest: String? = nil) -> TraceBuilder {
    let label = sequential ? "sequential" : "functional"
    var b = TraceBuilder(label: label, profile: TraceProfile(framework: .keras, version: "3.15.1"))
    let py = b.stream("python.global", framework: .python, name: "global", seed: "init_by_array([2])",
                      seeding: .explicit(call: "random.seed(2)", source: "\(label).py:6"))
    let layers = [("dense", 926_756_583, [2, 20]), ("dense_1", 911_666_163, [20, 2])]
    let scope = sequential ? "sequential/" : ""
    func construct(_ name: String, _ seed: Int) {
      b.draw(py, count: 1, consumer: name, role: "seed", op: "randint", dist: "integers",
             params: [NamedValue("a", "1"), NamedValue("b", "1000000000")], dtype: "int64", digest: Self.hex16(seed))
      b.derivation(rule: "keras.make_default_seed", inputs: [NamedValue("consumer", "GlorotNormal")], result: "\(seed)",
                   consumer: name, role: "seed")
    }
    func build(_ name: String, _ seed: Int, _ shape: [Int], digest: String?) {
      b.derivation(rule: "keras.draw_seed", inputs: [NamedValue("seed", "\(seed)")], result: "[\(seed), 0]", consumer: "<top>")
      let id = "tensorflow.stateless(\(seed),0)"
      let stream = b.stream(id, framework: .tensorflow, name: "stateless(\(seed),0)", algorithm: .philox4x32_10, unit: .philoxBlock,
                            seed: "key=(\(seed))", seeding: .derived(rule: "tf.stateless.GenerateKey", from: "seed=[\(seed), 0]", source: nil))
      b.derivation(rule: "tf.stateless.GenerateKey", inputs: [NamedValue("seed", "[\(seed), 0]")], result: "key=(\(seed))",
                   stream: stream, consumer: "<top>")
      b.draw(stream, count: 2560, consumer: "\(scope)\(name)/kernel", role: "init", op: "stateless_truncated_normal",
             dist: "truncated_normal", dtype: "float32", shape: shape, digest: digest ?? Self.hex16(seed + 1))
    }
    if sequential {
      for (name, seed, _) in layers { construct(name, seed) }
      for (n, (name, seed, shape)) in layers.enumerated() { build(name, seed, shape, digest: n == 1 ? kernelDigest : nil) }
    } else {
      for (n, (name, seed, shape)) in layers.enumerated() {
        construct(name, seed)
        build(name, seed, shape, digest: n == 1 ? kernelDigest : nil)
      }
    }
    for (name, seed, shape) in layers {
      b.tensor("\(scope)\(name)/kernel", moment: .initial, values: .float32([1]), shape: shape, keepValues: false, digest: Self.hex16(seed + 1))
      b.tensor("\(scope)\(name)/bias", moment: .initial, values: .float32([0]), shape: [shape[1]], keepValues: false, digest: Self.hex16(0))
    }
    return b
  }

  @Test("Sequential against functional in two runs: the same draws under another model scope are identical, with a note")
  func modelScopeIsNotADifference() throws {
    let report = try diff(Self.twoLayerModel(sequential: true), Self.twoLayerModel(sequential: false))
    #expect(report.verdict == .identical, "\(report.diagnoses.map { "\($0.kind) \($0.consumer?.description ?? "")" })")
    #expect(report.exitStatus == 0)
    let note = try #require(report.notes.first)
    #expect(note.contains("sequential/dense/kernel in a, dense/kernel in b"), "\(note)")
    #expect(report.text().contains("names differ"))
    #expect(report.json().contains("\"notes\":[\"names differ"))
  }

  @Test("across a model scope a real difference is still found, at the draw that differs")
  func modelScopeKeepsRealDifferences() throws {
    let report = try diff(Self.twoLayerModel(sequential: true), Self.twoLayerModel(sequential: false, kernelDigest: "0123456789abcdef"))
    #expect(report.verdict == .different)
    let first = try #require(report.diagnoses.first)
    #expect(first.consumer?.path == "sequential/dense_1/kernel", "\(report.diagnoses.map { "\($0.kind) \($0.consumer?.description ?? "")" })")
  }
}
