import Foundation
import Testing
import TestSupport

/// TensorFlow 2's own random ops in `rngdiff run` as a user sees them in the trace (their printed
/// values are checked against real TensorFlow by `RunCommandTests`, folder `tensorflow/`): the op
/// seeds come from the eager op-seed stream declared at the seeding line, a seeded op's kernel
/// continues, and a script that only seeds TensorFlow (as Keras scripts do) writes no TensorFlow
/// stream at all, as a real run's recording has none.
@Suite struct TensorFlowRunTests {
  static func events(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  @Test func opSeedsKernelsAndSeedingLines() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Fixtures.url("scripts/tensorflow/random_ops.py").path
    let trace = out.appendingPathComponent("ops.trace").path
    let run = try RNGDiffBinary.run(["run", script, "-o", trace])
    #expect(run.status == 0, "\(run.standardError)")
    let events = try Self.events(trace)
    let opSeeds = events.filter { $0["event"] as? String == "stream" && ($0["id"] as? String)?.hasPrefix("tensorflow.eager-op-seeds") == true }
    // Declared at each tf.random.set_seed(5) (lines 5 and 20), the second a new generator.
    #expect(opSeeds.compactMap { ($0["seeding"] as? [String: Any])?["source"] as? String } == ["\(script):5", "\(script):20"])
    // uniform([2], seed=7) twice: one kernel keyed (5, 7), 2 elements × 256 blocks a run.
    let seeded = events.filter { ($0["stream"] as? String)?.hasPrefix("tensorflow.op(5,7)/RandomUniform") == true && $0["event"] as? String == "draw" }
    #expect(seeded.compactMap { ($0["counter"] as? NSNumber)?.intValue } == [0, 512])
    // One derivation per set_seed call.
    #expect(events.filter { $0["rule"] as? String == "tf.random.set_seed" }.count == 2)

    let seedOnly = out.appendingPathComponent("seed_only.py")
    try "import tensorflow as tf\ntf.random.set_seed(5)\nx = tf.constant([1.0, 2.0])\n".write(to: seedOnly, atomically: true, encoding: .utf8)
    let quiet = out.appendingPathComponent("seed_only.trace").path
    #expect(try RNGDiffBinary.run(["run", seedOnly.path, "-o", quiet]).status == 0)
    let tensorflow = try Self.events(quiet).filter { ($0["id"] as? String ?? $0["stream"] as? String ?? "").hasPrefix("tensorflow.") }
    #expect(tensorflow.isEmpty, "\(tensorflow)")
  }
}
