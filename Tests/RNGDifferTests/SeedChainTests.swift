import RNGDiffer
import RNGTrace
import Testing

/// A Keras layer seed drawn with `random.randint(1, 10**9)` passes through
/// derivations (`keras.make_default_seed`, `keras.seed_generator.next`,
/// TensorFlow's seed cast, `GenerateKey`) before it keys a `drawn` stream:
/// when the draw changes, the report has one cause, the draw's, and lists
/// the derivations and the stream as its effects.
@Suite struct SeedChainTests {
  /// One run: Python's global `random` (seeded `pythonSeed`, or from entropy)
  /// draws a layer seed `seed`, which the chain carries to a stateless stream.
  static func run(label: String, pythonSeed: String?, seed: Int, globalSeed: Int = 1234, opCounter: Int = 5) -> TraceBuilder {
    var b = TraceBuilder(label: label, profile: TraceProfile(framework: .keras, version: "3.15.1", semantics: "keras3-tensorflow"))
    let py = b.stream(
      "python.global", framework: .python, name: "global", seed: pythonSeed.map { "init_by_array([\($0)])" } ?? "entropy(\(label))",
      seeding: pythonSeed.map { .explicit(call: "random.seed(\($0))", source: "a.py:2") } ?? .entropy)
    let draw = b.draw(py, count: 1, consumer: "dropout", role: "seed", op: "randint", dist: "integers", dtype: "int64")
    b.derivation(rule: "keras.make_default_seed", inputs: [NamedValue("consumer", "seed_generator"), NamedValue("source", "global")],
                 result: "\(seed)", consumer: "dropout", role: "seed")
    // An unrelated derivation that both runs share a number with (the global seed 1234).
    b.derivation(rule: "tf.get_seed", inputs: [NamedValue("global_seed", "\(globalSeed)"), NamedValue("op_counter", "\(opCounter)")],
                 result: "(\(globalSeed), \(opCounter))", consumer: "<top>")
    b.derivation(rule: "keras.seed_generator.next", inputs: [NamedValue("generator", "seed_generator"), NamedValue("state", "[\(seed), 0]")],
                 result: "[\(seed), 0] (state becomes [\(seed), 1])", consumer: "<top>")
    b.derivation(rule: "keras.tensorflow.cast_seed", inputs: [NamedValue("seed", "[\(seed), 0]")], result: "[\(seed), 0]", consumer: "<top>")
    let stateless = b.stream(
      "tensorflow.stateless(\(seed),0)", framework: .tensorflow, name: "stateless(\(seed),0)", algorithm: .philox4x32_10,
      unit: .philoxBlock, seed: "key=(\(seed))",
      seeding: .drawn(DrawReference(stream: "python.global", counter: draw.counter, seq: draw.seq),
                      call: "tf.stateless.GenerateKey(seed=[\(seed), 0])", source: "a.py:5"))
    b.derivation(rule: "tf.stateless.GenerateKey", inputs: [NamedValue("seed", "[\(seed), 0]")], result: "key=(\(seed))",
                 stream: stateless, consumer: "<top>")
    b.draw(stateless, count: 2, consumer: "<top>", role: "", op: "stateless_dropout", dist: "bernoulli", dtype: "bool", shape: [2, 4])
    return b
  }

  @Test("an unseeded Python stream's seed draw is the one cause; the derivations and the drawn stream are its effects")
  func unseededDrawIsTheOneCause() throws {
    let report = try diff(Self.run(label: "a", pythonSeed: nil, seed: 850_017_089), Self.run(label: "b", pythonSeed: nil, seed: 123_456_789))
    #expect(report.diagnoses.map(\.kind) == [.unseededStream], "\(report.text())")
    let cause = try #require(report.diagnoses.first)
    let effects = cause.effects.map(\.what)
    #expect(effects.contains { $0.contains("keras.seed_generator.next") }, "\(effects)")
    #expect(effects.contains { $0.contains("keras.tensorflow.cast_seed") }, "\(effects)")
    #expect(effects.contains { $0.contains("tf.stateless.GenerateKey") }, "\(effects)")
    #expect(effects.contains { $0.contains("seeded from a drawn value") }, "\(effects)")
  }

  @Test("a different random.seed is a seed-mismatch with the same single cause")
  func explicitSeedsDiffer() throws {
    let report = try diff(Self.run(label: "a", pythonSeed: "1", seed: 850_017_089), Self.run(label: "b", pythonSeed: "2", seed: 123_456_789))
    #expect(report.diagnoses.map(\.kind) == [.seedMismatch], "\(report.text())")
  }

  @Test("a number both runs share links nothing: a changed op counter is still its own cause")
  func sharedNumbersDoNotLink() throws {
    let report = try diff(
      Self.run(label: "a", pythonSeed: nil, seed: 850_017_089), Self.run(label: "b", pythonSeed: nil, seed: 123_456_789, opCounter: 6))
    #expect(report.diagnoses.map(\.kind) == [.unseededStream, .opSeedDerivation], "\(report.text())")
    #expect(report.diagnoses[1].consumer?.path == "<top>")
  }

  @Test("the same chain with the same draw is identical")
  func identical() throws {
    let report = try diff(Self.run(label: "a", pythonSeed: "1", seed: 850_017_089), Self.run(label: "b", pythonSeed: "1", seed: 850_017_089))
    #expect(report.diagnoses.isEmpty, "\(report.text())")
  }
}
