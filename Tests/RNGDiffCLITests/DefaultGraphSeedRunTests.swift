import Foundation
import TestSupport
import Testing

/// The engine writes TensorFlow's default graph seed as a `default` seeding
/// (docs/trace-format.md, "seed of each form"): a tf-keras Dropout with
/// `seed=5` and no global seed draws from the kernel `(87654321, 6)`, which
/// no derivation in the trace explains. Read back from the trace, and as the
/// differ words it against a run that sets a global seed.
@Suite struct DefaultGraphSeedRunTests {
  static let script = """
    import numpy as np
    import tf_keras as keras
    x = np.ones((4, 3), dtype=np.float32)
    y = np.zeros((4, 1), dtype=np.float32)
    model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,)), keras.layers.Dropout(0.5, seed=5), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=1, batch_size=2, verbose=0, shuffle=False)

    """

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-default-seed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func theDropoutKernelIsDeclaredWithTheDefaultGraphSeed() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = dir.appendingPathComponent("dropout.py"), trace = dir.appendingPathComponent("dropout.trace")
    try Self.script.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "-o", trace.path, "--entropy-seed", "1"])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
    let declaration = try #require(lines.first { $0.contains(#""event":"stream""#) && $0.contains("op(87654321,6)/RandomUniform") })
    let json = try #require(try JSONSerialization.jsonObject(with: Data(declaration.utf8)) as? [String: Any])
    let seeding = try #require(json["seeding"] as? [String: Any])
    #expect(seeding["how"] as? String == "default")
    #expect(seeding["from"] as? String == "default graph seed 87654321, op seed 6")
    #expect(json["seed"] as? String == "seed=87654321 seed2=6")
    // The trace reads back: the diff against itself is identical.
    #expect(try RNGDiffBinary.run([trace.path, trace.path]).status == 0)
  }

  @Test func againstAGlobalSeedTheDifferNamesTheDefaultSide() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a.py"), b = dir.appendingPathComponent("b.py")
    try Self.script.write(to: a, atomically: true, encoding: .utf8)
    try Self.script.replacingOccurrences(of: "import tf_keras as keras\n", with: "import tf_keras as keras\nimport tensorflow as tf\ntf.random.set_seed(3)\n")
      .write(to: b, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["compare", a.path, b.path, "--json"])
    #expect(result.status == 1, "\(result.standardError)")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let diagnoses = root["diagnoses"] as? [[String: Any]] ?? []
    let mask = try #require(diagnoses.first { ($0["consumer"] as? [String: Any])?["role"] as? String == "mask" }, "\(result.standardOutput)")
    #expect(mask["kind"] as? String == "seed-mismatch")
    #expect((mask["explanation"] as? String)?.contains("a never seeds it and gets the framework's default seed") == true, "\(mask)")
    #expect((mask["explanation"] as? String)?.contains("default graph seed 87654321, op seed 6") == true, "\(mask)")
  }
}
