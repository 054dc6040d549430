import Foundation
import RNGTrace
import TestSupport
import Testing

/// `rngdiff record` with the real TensorFlow 2.21.0's `tf.random.Generator`
/// (fixtures/scripts/recorder/tensorflow_generator.py, which prints every result and the
/// generator's state after it): the values of every draw are those `rngdiff sample tensorflow`
/// gives for the same calls; counters and counts agree with the states TensorFlow printed; the
/// split children's seeds are the states they printed; one extra draw is diagnosed.
@Suite(.serialized) struct RecordTensorFlowGeneratorTests {
  static let script = Fixtures.url("scripts/recorder/tensorflow_generator.py").path

  static func record(_ trace: String, _ extra: [String] = []) throws -> RNGDiffBinary.Result {
    let python = try RecorderVenv.frameworksPython()
    return try RNGDiffBinary.run(
      ["record", "--python", python.path, "--values", script, "-o", trace] + extra,
      environment: RecordFrameworkCommandTests.environment)
  }

  /// The script's lines as `label → lists` (`uniform [values] [state]`).
  static func printed(_ output: String) throws -> [String: [[NSNumber]]] {
    var lines: [String: [[NSNumber]]] = [:]
    for line in output.split(separator: "\n") {
      guard let space = line.firstIndex(of: " ") else { continue }
      let lists = "[" + line[line.index(after: space)...].replacingOccurrences(of: "] [", with: "], [") + "]"
      let parsed = try #require(try JSONSerialization.jsonObject(with: Data(lists.utf8)) as? [Any], "\(line)")
      lines[String(line[..<space])] = parsed.map { flatten($0) }
    }
    return lines
  }

  static func flatten(_ value: Any) -> [NSNumber] {
    if let list = value as? [Any] { return list.flatMap { flatten($0) } }
    return (value as? NSNumber).map { [$0] } ?? []
  }

  /// Values as text that compares exactly: integers as integers, floats as the double they widen to.
  static func text(_ values: [NSNumber], _ dtype: String) -> [String] {
    values.map { dtype.hasPrefix("int") ? "\($0.int64Value)" : "\($0.doubleValue)" }
  }

  @Test func aGeneratorsDrawsAreTheEnginesAndItsCountersItsState() throws {
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("real.trace").path
    let recorded = try Self.record(trace)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    #expect(!recorded.standardError.contains("rngdiff record: warning"), "\(recorded.standardError)")
    let lines = try Self.printed(recorded.standardOutput)
    let events = try RecordTorchCommandTests.events(trace)
    let draws = events.filter { ($0["stream"] as? String)?.hasPrefix("tensorflow.generator") == true && $0["event"] as? String == "draw" }
    #expect(draws.map { $0["op"] as? String ?? "" } == [
      "Generator.uniform", "Generator.normal", "Generator.uniform", "Generator.uniform_full_int",
      "Generator.uniform_full_int", "Generator.truncated_normal", "Generator.uniform",
    ])
    #expect(draws.map { $0["stream"] as? String ?? "" } == Array(repeating: "tensorflow.generator#1", count: 5)
      + ["tensorflow.generator#2", "tensorflow.generator#1/reset1"])
    try #require(draws.count == 7)
    func values(_ draw: [String: Any]) -> [String] {
      Self.text((draw["values"] as? [Any] ?? []).compactMap { $0 as? NSNumber }, draw["dtype"] as? String ?? "")
    }

    // Values: the engine's emulation of the same calls (make_seeds' first row is the keys drawn).
    let sample = try RNGDiffBinary.run(["sample", "tensorflow", "--json", """
      g = Generator.from_seed(1234); g.uniform((3,)); g.normal((2, 2)); g.skip(5); \
      g.uniform((2,), minval=0, maxval=10, dtype=int32); g.make_seeds(2); a, b = g.split(2); \
      a.truncated_normal((3,)); g.reset_from_seed(7); g.uniform((2,), dtype=float64)
      """])
    #expect(sample.status == 0, "\(sample.standardError)")
    let engine = try sample.standardOutput.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }.filter { !["g.skip(5)", "g.reset_from_seed(7)"].contains($0["expr"] as? String ?? "") }
    let engineValues = engine.map { Self.text(($0["values"] as? [Any] ?? []).compactMap { $0 as? NSNumber }, $0["dtype"] as? String ?? "") }
    try #require(engineValues.count == 6)
    #expect(values(draws[0]) == engineValues[0])
    #expect(values(draws[1]) == engineValues[1])
    #expect(values(draws[2]) == engineValues[2])
    #expect(values(draws[3]) == Array(engineValues[3].prefix(2)))
    #expect(values(draws[5]) == engineValues[4])
    #expect(values(draws[6]) == engineValues[5])
    // …and what TensorFlow printed.
    #expect(values(draws[0]) == Self.text(try #require(lines["uniform"]?.first), "float32"))

    // Counters and counts: Philox blocks, read from the state TensorFlow printed after each call
    // (from_seed(1234) starts the counter at 1234; skip(5) moves it 5 × 256 blocks without a draw).
    let statesAfter = try ["uniform", "normal", "integers", "seeds"].map { try #require(lines[$0]?.last?.first?.int64Value) }
      + [try #require(lines["split"]?.last?.first?.int64Value)]
    for (draw, state) in zip(draws.prefix(5), statesAfter) {
      let end = (draw["counter"] as? Int ?? -1) + (draw["count"] as? Int ?? -1)
      #expect(Int64(end) == state - 1234, "\(draw["op"] ?? "") ends at \(end); TensorFlow's counter is \(state)")
    }
    #expect(draws[2]["counter"] as? Int == 3072, "after the normal draw (1792) and skip(5): 1792 + 1280")
    let childState = try #require(lines["child"]?.last)
    #expect((draws[5]["count"] as? Int).map(Int64.init) == childState.first?.int64Value)
    let resetState = try #require(lines["reset"]?.last)
    #expect((draws[6]["count"] as? Int).map { Int64($0 + 7) } == resetState.first?.int64Value)

    // Streams: the seed TensorFlow made, the split's keys (what the split draw drew) as the children's seeds.
    let streams = Dictionary(events.filter { $0["event"] as? String == "stream" }.map { ($0["id"] as? String ?? "", $0) }) { a, _ in a }
    #expect(streams["tensorflow.generator#1"]?["seed"] as? String == "state=[1234, 0, 0]")
    #expect((streams["tensorflow.generator#1"]?["seeding"] as? [String: Any])?["call"] as? String == "Generator.from_seed(1234)")
    let split = try #require(lines["split"])
    let keys = [split[0][2].int64Value, split[1][2].int64Value]
    #expect(values(draws[4]) == keys.map(String.init))
    #expect(streams["tensorflow.generator#2"]?["seed"] as? String == "state=[0, 0, \(keys[0])]")
    #expect(streams["tensorflow.generator#3"]?["seed"] as? String == "state=[0, 0, \(keys[1])]")
    let derivations = events.filter { $0["event"] as? String == "derivation" && $0["rule"] as? String == "tf.random.Generator.split" }
    #expect(derivations.map { $0["stream"] as? String ?? "" } == ["tensorflow.generator#2", "tensorflow.generator#3"])
    #expect(derivations.map { ($0["inputs"] as? [String: String]) ?? [:] } == [
      ["parent": "generator#1", "index": "0"], ["parent": "generator#1", "index": "1"],
    ])
    #expect(streams["tensorflow.generator#1/reset1"]?["seed"] as? String == "state=[7, 0, 0]")
    #expect((streams["tensorflow.generator#1/reset1"]?["seeding"] as? [String: Any])?["call"] as? String == "generator#1.reset_from_seed(7)")
  }

  /// One more draw on the generator before its split: the differ reports an extra draw on
  /// generator#1 (which of the two draws it pairs as the extra one is the differ's alignment).
  @Test func anExtraDrawOnTheGeneratorIsDiagnosed() throws {
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try Self.record(a).status == 0)
    #expect(try Self.record(b, ["--", "--extra"]).status == 0)
    let diff = try RNGDiffBinary.run(["--json", a, b])
    #expect(diff.status == 1)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
    let diagnoses = (report["diagnoses"] as? [[String: Any]]) ?? []
    // NumPy's global stream, seeded from the OS in both runs, is named by a hash of the key each
    // run got: the differ sees two unseeded streams, not one seed giving two different results.
    let causes = RecordTFKerasCommandTests.causes(report)
    #expect(causes.contains("unseeded-stream import jax._src.clusters.k8s_cluster"), "\(causes)")
    #expect(!diagnoses.contains { $0["kind"] as? String == "unexplained" }, "\(causes)")
    let extra = try #require(diagnoses.first { $0["kind"] as? String == "extra-draw" }, "\(diff.standardOutput)")
    #expect(((extra["stream"] as? [String: Any])?["name"] as? String) == "generator#1")
    #expect((extra["b"] as? [String: Any])?["stream"] as? String == "tensorflow.generator#1")
  }
}
