import Foundation
import TestSupport
import Testing

/// The engine writes a stream keyed by a Keras seed drawn with
/// `random.randint(1, 10**9)` (a layer, initializer or `SeedGenerator` given
/// no seed) as a `drawn` seeding naming that draw (docs/trace-format.md,
/// "Seeding forms"). Read back from the trace on Keras 3 (both backends) and
/// tf-keras, and as the differ words two runs whose draws differ: one cause,
/// the draw's stream, with the derivations and the drawn streams as effects.
@Suite struct DrawnSeedRunTests {
  static let keras3 = """
    import numpy as np
    import keras
    layer = keras.layers.Dropout(0.5)
    y = layer(np.ones((2, 4), dtype="float32"), training=True)
    w = keras.initializers.GlorotUniform()((2, 2))
    sg = keras.random.SeedGenerator()
    u = keras.random.uniform((3,), seed=sg)

    """

  static let tfKeras = """
    import tf_keras as keras
    model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])

    """

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-drawn-seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The trace's events as JSON objects.
  static func events(_ trace: URL) throws -> [[String: Any]] {
    try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// Runs `text` and returns, for every stream declared `drawn`, its
  /// declaration and the draw its seeding names (looked up by `seq`).
  static func drawnStreams(_ text: String, options: [String] = []) throws -> [(stream: [String: Any], draw: [String: Any]?)] {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("seeds.py"), trace = dir.appendingPathComponent("seeds.trace")
    try text.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "-o", trace.path, "--entropy-seed", "1"] + options)
    #expect(result.status == 0, "\(result.standardError)")
    let events = try Self.events(trace)
    return events.compactMap { event in
      guard event["event"] as? String == "stream", let seeding = event["seeding"] as? [String: Any],
            seeding["how"] as? String == "drawn" else { return nil }
      let seq = seeding["seq"] as? Int
      return (event, events.first { $0["event"] as? String == "draw" && $0["seq"] as? Int == seq })
    }
  }

  /// Each drawn stream names a `randint(1, 10**9)` draw on Python's global
  /// stream by `seq`, `stream` and `counter`, all three agreeing.
  static func expectNamesItsRandintDraw(_ found: [(stream: [String: Any], draw: [String: Any]?)], count: Int, prefix: String) throws {
    #expect(found.count == count, "\(found.map(\.stream))")
    var counters: Set<Int> = []
    for (stream, draw) in found {
      #expect((stream["name"] as? String)?.hasPrefix(prefix) == true, "\(stream)")
      let seeding = try #require(stream["seeding"] as? [String: Any])
      let draw = try #require(draw, "no draw at seq \(seeding["seq"] ?? "none")")
      #expect(draw["op"] as? String == "randint")
      #expect((draw["params"] as? [String: String]) == ["a": "1", "b": "1000000000"])
      #expect(draw["stream"] as? String == "python.global" && seeding["stream"] as? String == "python.global")
      #expect(seeding["counter"] as? Int == draw["counter"] as? Int)
      counters.insert(draw["counter"] as? Int ?? -1)
    }
    // Three layers, three draws: each stream names its own.
    #expect(counters.count == count)
  }

  @Test func keras3OnTensorFlowWritesTheStatelessStreamsAsDrawn() throws {
    let found = try Self.drawnStreams(Self.keras3)
    try Self.expectNamesItsRandintDraw(found, count: 3, prefix: "stateless(")
    let calls = found.compactMap { ($0.stream["seeding"] as? [String: Any])?["call"] as? String }
    #expect(calls.allSatisfy { $0.hasPrefix("tf.stateless.GenerateKey(seed=[") }, "\(calls)")
  }

  @Test func keras3OnJAXWritesTheKeysAsDrawn() throws {
    try Self.expectNamesItsRandintDraw(try Self.drawnStreams(Self.keras3, options: ["--profile", "keras3-jax"]), count: 3, prefix: "key(")
  }

  /// tf-keras draws the kernel initializer's seed (`RandomGenerator._create_seed`) when it builds.
  @Test func tfKerasInitializerSeedIsDrawn() throws {
    try Self.expectNamesItsRandintDraw(try Self.drawnStreams(Self.tfKeras), count: 1, prefix: "stateless(")
  }

  /// An explicit seed keys no drawn stream.
  @Test func anExplicitSeedIsNotDrawn() throws {
    let seeded = Self.keras3.replacingOccurrences(of: "Dropout(0.5)", with: "Dropout(0.5, seed=1234)")
      .replacingOccurrences(of: "GlorotUniform()", with: "GlorotUniform(seed=5)")
      .replacingOccurrences(of: "SeedGenerator()", with: "SeedGenerator(99)")
    #expect(try Self.drawnStreams(seeded).isEmpty)
  }

  /// Run twice as a user would: Python's global stream is unseeded, so each
  /// run draws other layer seeds. The report names that stream once, and the
  /// derivations and streams keyed by its draws are its effects, not
  /// `op-seed-derivation` causes of their own.
  @Test func runTwiceTheDrawIsTheOneCause() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("seeds.py")
    try Self.keras3.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["compare", script.path, "--runs", "2", "--entropy-seed", "1", "--json"])
    #expect(result.status == 1, "\(result.standardError)")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let diagnoses = root["diagnoses"] as? [[String: Any]] ?? []
    #expect(diagnoses.map { $0["kind"] as? String ?? "" } == ["unseeded-stream", "unseeded-stream"], "\(result.standardOutput)")
    let python = try #require(diagnoses.first { ($0["stream"] as? [String: Any])?["framework"] as? String == "python" })
    let effects = (python["effects"] as? [[String: Any]] ?? []).compactMap { $0["what"] as? String }
    #expect(effects.filter { $0.contains("(seeded from a drawn value)") }.count >= 2, "\(effects)")
    #expect(effects.contains { $0.contains("keras.seed_generator.next") }, "\(effects)")
  }
}
