import Foundation
import TestSupport
import Testing

/// `rngdiff run` as a user runs it: the scripts in fixtures/scripts/language
/// and fixtures/scripts/keras print exactly what the real CPython 3.11.7,
/// NumPy 2.4.6 and Keras 3.15.1 (TensorFlow 2.21.0, JAX 0.10.2) printed —
/// for the Keras scripts, every initial weight in full, bit for bit —
/// (each folder's expected.json, written by fixtures/scripts/generate_expected.py),
/// end the way CPython ended, and write traces the differ reads.
@Suite struct RunCommandTests {
  struct Case: Sendable, CustomStringConvertible {
    var script: String
    var stdout: String
    var exit: Int
    var errorType: String?
    var errorLine: Int?
    var description: String { script }
  }

  static let scripts = Fixtures.url("scripts")
  static let folder = scripts.appendingPathComponent("language")
  static let folders = ["language", "keras", "tf-keras", "tensorflow", "sklearn", "numpy"]
  /// The environment generate_expected.py runs CPython with (sets of strings iterate in
  /// PYTHONHASHSEED=0's order).
  static let environment = ["KERAS_BACKEND": "tensorflow", "PYTHONHASHSEED": "0"]

  static let cases: [Case] = folders.flatMap(loadCases)

  /// The cases of one folder's expected.json, keyed "folder/script.py".
  static func loadCases(_ name: String) -> [Case] {
    let folder = scripts.appendingPathComponent(name)
    guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let all = root["cases"] as? [String: [String: Any]]
    else { return [] }
    return all.keys.sorted().map { key in
      let c = all[key]!
      let error = c["error"] as? [String: Any]
      return Case(
        script: name + "/" + key, stdout: c["stdout"] as? String ?? "", exit: c["exit"] as? Int ?? -1,
        errorType: error?["type"] as? String, errorLine: error?["line"] as? Int)
    }
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func theGoldenScriptsAreAllThere() {
    #expect(Self.cases.filter { $0.script.hasPrefix("language/") }.count >= 11)
    #expect(Self.cases.filter { $0.script.hasPrefix("keras/") }.count >= 5)
    #expect(Self.cases.contains { $0.exit != 0 })
  }

  @Test(arguments: cases)
  func printsWhatCPythonPrintsAndEndsAsItEnded(_ c: Case) throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let (result, script, trace) = try Self.runGolden(c, in: out)
    #expect(result.standardOutput == c.stdout)
    if c.exit == 0 {
      #expect(result.status == 0, "\(result.standardError)")
      #expect(result.standardError.isEmpty)
      let show = try RNGDiffBinary.run(["show", trace])
      #expect(show.status == 0, "the trace does not read back: \(show.standardError)")
      // The same script run again (same stand-in entropy) writes the same trace: no difference.
      let again = out.appendingPathComponent("again.trace").path
      _ = try RNGDiffBinary.run(["run", script, "-o", again, "--entropy-seed", "1"], environment: Self.environment)
      let diff = try RNGDiffBinary.run([trace, again])
      #expect(diff.status == 0, "\(diff.standardOutput)")
    } else {
      Self.expectEndsWithTheException(c, result, script: script, trace: trace)
    }
  }

  /// Runs a golden case through `rngdiff run` (trace `run.trace` in `out`, stand-in entropy 1).
  static func runGolden(_ c: Case, in out: URL) throws -> (result: RNGDiffBinary.Result, script: String, trace: String) {
    let trace = out.appendingPathComponent("run.trace").path
    let script = scripts.appendingPathComponent(c.script).path
    let result = try RNGDiffBinary.run(["run", script, "-o", trace, "--entropy-seed", "1"], environment: environment)
    return (result, script, trace)
  }

  /// A golden case that ends with an uncaught exception: exit 2, one located sentence naming the
  /// real library's exception type, pointing (directly or through "raised at") at the line its
  /// traceback ends on, and no trace written.
  static func expectEndsWithTheException(
    _ c: Case, _ result: RNGDiffBinary.Result, script: String, trace: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.status == 2, sourceLocation: sourceLocation)
    let message = result.standardError.trimmingCharacters(in: .newlines)
    #expect(!message.contains("\n"), "one sentence: \(message)", sourceLocation: sourceLocation)
    #expect(message.hasPrefix("rngdiff: \(script):"), sourceLocation: sourceLocation)
    #expect(message.contains(": \(c.errorType ?? "?")"), "\(message)", sourceLocation: sourceLocation)
    let line = innermostLine(message, script: script)
    #expect(line == c.errorLine, "\(message) should point at line \(c.errorLine ?? -1)", sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: trace), "a failed run writes no trace", sourceLocation: sourceLocation)
  }

  /// The innermost line in the script itself: the line of "(raised at FILE:LINE:COL)" when FILE
  /// is the script, else the message's own location (where the script called into another file).
  static func innermostLine(_ message: String, script: String) -> Int? {
    if let r = message.range(of: "(raised at \(script):") {
      let parts = message[r.upperBound...].split(separator: ":")
      return parts.first.flatMap { Int($0) }
    }
    let rest = message.dropFirst("rngdiff: \(script):".count)
    return Int(rest.prefix { $0.isNumber })
  }

  @Test func differentSeedsAreDiagnosedAsASeedMismatch() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let text = try String(contentsOf: Self.folder.appendingPathComponent("randomness.py"), encoding: .utf8)
    let a = out.appendingPathComponent("a.py"), b = out.appendingPathComponent("b.py")
    try text.write(to: a, atomically: true, encoding: .utf8)
    try text.replacingOccurrences(of: "random.seed(2024)", with: "random.seed(2025)").write(to: b, atomically: true, encoding: .utf8)
    #expect(try RNGDiffBinary.run(["run", a.path]).status == 0)
    #expect(try RNGDiffBinary.run(["run", b.path]).status == 0)
    let diff = try RNGDiffBinary.run(["--json", a.path + ".trace", b.path + ".trace"])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("\"seed-mismatch\""), "\(diff.standardOutput)")
  }

  /// Importing Keras takes one word of Python's global `random` (rich's
  /// `getrandbits(24)`); a run that never seeds `random` first draws it from
  /// entropy, so two plain runs differ there, and the differ says why.
  @Test func theKerasImportDrawIsAnUnseededStreamAcrossRuns() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Self.scripts.appendingPathComponent("keras/reseed_each_model.py").path
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try RNGDiffBinary.run(["run", script, "-o", a]).status == 0)
    #expect(try RNGDiffBinary.run(["run", script, "-o", b]).status == 0)
    let diff = try RNGDiffBinary.run(["--json", a, b])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("\"unseeded-stream\""), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("import rich.style"), "\(diff.standardOutput)")
    let same = try RNGDiffBinary.run(["run", script, "-o", b, "--force", "--entropy-seed", "9"])
    #expect(same.status == 0)
    _ = try RNGDiffBinary.run(["run", script, "-o", a, "--force", "--entropy-seed", "9"])
    #expect(try RNGDiffBinary.run([a, b]).status == 0)
  }

  /// The header's profile follows what the script imported, and its config what the
  /// script set in os.environ before the import (jax_backend.py sets KERAS_BACKEND=jax).
  @Test func theHeaderNamesTheProfileAndWhatTheScriptSet() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("h.trace").path
    let script = Self.scripts.appendingPathComponent("keras/jax_backend.py").path
    #expect(try RNGDiffBinary.run(["run", script, "-o", trace, "--entropy-seed", "4"], environment: ["KERAS_BACKEND": "tensorflow"]).status == 0)
    let header = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")[0]
    #expect(header.contains(#""profile":{"framework":"keras","version":"3.15.1","semantics":"keras3-jax"}"#), "\(header)")
    #expect(header.contains(#""KERAS_BACKEND":"jax""#) && header.contains(#""rngdiff.entropy_seed":"4""#), "\(header)")
    #expect(header.contains(#""jax":"0.10.2""#) && !header.contains(#""tensorflow":"#), "\(header)")
    let plain = out.appendingPathComponent("p.trace").path
    #expect(try RNGDiffBinary.run(["run", Self.folder.appendingPathComponent("scopes.py").path, "-o", plain]).status == 0)
    let plainHeader = try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n")[0]
    #expect(plainHeader.contains(#""profile":{"framework":"python","version":"3.11.7"}"#), "\(plainHeader)")
  }

  /// `np.random.seed(None)` and `random.seed()` ask for OS entropy by an explicit call: the
  /// trace names the call and its line, and the differ says so.
  @Test func anExplicitEntropySeedingNamesItsCall() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("none.py")
    try "import random\nimport numpy as np\nnp.random.seed(None)\nrandom.seed()\nx = np.random.rand(2), random.random()\n"
      .write(to: script, atomically: true, encoding: .utf8)
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try RNGDiffBinary.run(["run", script.path, "-o", a]).status == 0)
    #expect(try RNGDiffBinary.run(["run", script.path, "-o", b]).status == 0)
    let trace = try String(contentsOfFile: a, encoding: .utf8)
    #expect(trace.contains(#""seeding":{"how":"entropy","call":"np.random.seed(None)","source":"\#(script.path):3"}"#), "\(trace)")
    #expect(trace.contains(#""seeding":{"how":"entropy","call":"random.seed(None)","source":"\#(script.path):4"}"#), "\(trace)")
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("np.random.seed(None) at"), "\(diff.standardOutput)")
  }

  /// `--profile keras3-jax` starts the script with KERAS_BACKEND=jax; the weights are JAX's.
  @Test func theProfileOptionPicksTheBackend() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Self.scripts.appendingPathComponent("classic/reordered-draws/a.py").path
    let jax = out.appendingPathComponent("j.trace").path, tf = out.appendingPathComponent("t.trace").path
    let onJAX = try RNGDiffBinary.run(["run", script, "-o", jax, "--profile", "keras3-jax"], environment: ["KERAS_BACKEND": "tensorflow"])
    let onTF = try RNGDiffBinary.run(["run", script, "-o", tf, "--profile", "keras3-tensorflow"], environment: ["KERAS_BACKEND": "jax"])
    #expect(onJAX.status == 0 && onTF.status == 0)
    #expect(onJAX.standardOutput != onTF.standardOutput)
    #expect(try String(contentsOfFile: jax, encoding: .utf8).contains(#""semantics":"keras3-jax""#))
    #expect(try String(contentsOfFile: tf, encoding: .utf8).contains(#""semantics":"keras3-tensorflow""#))
    let bad = try RNGDiffBinary.run(["run", script, "-o", jax, "--force", "--profile", "keras4"])
    #expect(bad.status == 2)
    #expect(bad.standardError == "rngdiff: unknown profile 'keras4'; accepted: keras3-tensorflow, keras3-jax, tf-keras, tf1-keras (see 'rngdiff run --help')\n")
  }

  @Test func anExistingTraceIsNeverOverwrittenWithoutForce() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("s.py")
    try "import random\nrandom.seed(1)\nprint(random.random())\n".write(to: script, atomically: true, encoding: .utf8)
    let trace = script.path + ".trace"
    try "precious".write(toFile: trace, atomically: true, encoding: .utf8)
    let refused = try RNGDiffBinary.run(["run", script.path])
    #expect(refused.status == 2)
    #expect(refused.standardError.contains("exists") && refused.standardError.contains("--force"))
    #expect(try String(contentsOfFile: trace, encoding: .utf8) == "precious")
    let forced = try RNGDiffBinary.run(["run", script.path, "--force"])
    #expect(forced.status == 0)
    #expect(forced.standardOutput == "0.13436424411240122\n")  // CPython 3.11: random.seed(1); random.random()
    #expect(try String(contentsOfFile: trace, encoding: .utf8).hasPrefix("{\"event\":\"header\""))
  }

  @Test(arguments: [
    ("x = 1\nasync def f():\n    pass\n", ":2:1: async code is not supported"),
    ("x = " + String(repeating: "(", count: 20_000) + "1" + String(repeating: ")", count: 20_000) + "\n", ":1:205: too many nested parentheses"),
    ("x = " + String(repeating: "-", count: 100_000) + "1\n", ":1:1005: expression too deeply nested"),
    ("x = " + Array(repeating: "1", count: 100_000).joined(separator: "+") + "\n", ":1:2005: expression too deeply nested"),
    ("import pandas\n", ":1:1: ModuleNotFoundError: No module named 'pandas' in the engine"),
    ("print('before')\nx = [i for i in range(3)] @ 2\n", ":2:5: TypeError: unsupported operand type(s) for @"),
    ("x = 'ab' * 10**10\n", ":1:5: MemoryError: a repeated sequence of 20000000000 items is too large"),
    ("x = list(range(10**12))\n", ":1:10: MemoryError: a range of 1000000000000 items is too large"),
    ("import tf_keras\nd = tf_keras.layers.Dense(2, kernel_initializer='orthogonal')\n", ":2:49: tf_keras initializer 'orthogonal' is not emulated"),
    ("import tf_keras\nd = tf_keras.layers.Dropout(0.5, noise_shape=(None, 1))\n", ":2:46: tf_keras Dropout(noise_shape=...) is not emulated"),
    ("import tf_keras\nx = tf_keras.layers.Activation('relu')\n",
     ":2:5: tf_keras.layers.Activation is not emulated by rngdiff run (Keras 3's keras.layers.Activation is); tf_keras layers accepted: Dense, Dropout, Input"),
    ("import tf_keras\nm = tf_keras.Sequential([tf_keras.Input((4, 4, 1)),\n    tf_keras.layers.Conv2D(2, 3)])\n",
     ":3:5: tf_keras.layers.Conv2D is not emulated by rngdiff run (Keras 3's keras.layers.Conv2D is); tf_keras layers accepted: Dense, Dropout, Input"),
    ("import tf_keras\nl = tf_keras.layers.LSTM(4)\n", ":2:5: tf_keras.layers.LSTM is not emulated by rngdiff run: its recurrent kernel uses the orthogonal initializer, which needs the framework's QR decomposition (not emulated); tf_keras layers accepted: Dense, Dropout, Input"),
  ])
  func badScriptsStopWithOneLocatedSentence(_ text: String, _ expected: String) throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("bad.py")
    try text.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("rngdiff: \(script.path)\(expected)"), "\(result.standardError)")
    #expect(!FileManager.default.fileExists(atPath: script.path + ".trace"))
  }

  @Test func aListThatHoldsItselfIsRefusedBySampleNotCrashed() throws {
    let result = try RNGDiffBinary.run(["sample", "python", "x = [1]; x.append(x); x"])
    #expect(result.status == 2)
    #expect(result.standardError == "rngdiff: <calls>:1:23: this call gives a list, which has no values to print\n")
  }

  @Test func anEndlessLoopStopsAtTheTimeout() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("loop.py")
    try "n = 0\nwhile True:\n    n += 1\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "--timeout", "0.5"])
    #expect(result.status == 2)
    #expect(result.standardError.contains("loop.py:2:1: the script ran past --timeout 0.5s"), "\(result.standardError)")
  }

  @Test func scriptArgumentsAndMainGuard() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("args.py")
    try "import sys\nif __name__ == \"__main__\":\n    print(sys.argv[1:])\n".write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "--", "--epochs", "2"])
    #expect(result.status == 0)
    #expect(result.standardOutput == "['--epochs', '2']\n")
  }

  // MARK: Training (model.compile / fit)

  static let fitPrelude = """
    import numpy as np
    import keras
    x = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype=np.float32)
    y = np.array([[1.0], [0.0], [1.0]], dtype=np.float32)
    m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3), keras.layers.Dropout(0.5), keras.layers.Dense(1)])

    """

  /// What training does not emulate stops at the argument, names what is accepted, exits 2.
  @Test(arguments: [
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, class_weight={0: 1.0}, verbose=0)\n",
     ":7:26: fit() argument 'class_weight' is not emulated by rngdiff run's training; leave it None"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, sample_weight=np.array([1.0, 1.0, 1.0]))\n",
     ":7:27: fit() argument 'sample_weight' is not emulated"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, shuffle='batch')\n",
     ":7:21: fit(shuffle='batch') is not emulated by rngdiff run's training; accepted: True or False"),
    ("m.compile(optimizer='sgd', loss='mse', steps_per_execution=4)\n",
     ":6:60: compile(steps_per_execution=4) is not emulated by rngdiff run's training; accepted: 1"),
    ("m.compile(optimizer='nadam', loss='mse')\n", ":6:21: optimizer 'nadam' is not emulated by rngdiff run's training; accepted: 'sgd', 'adam'"),
    ("m.compile(optimizer='sgd', loss='huber')\n", ":6:33: loss 'huber' is not emulated by rngdiff run's training; accepted: 'mse', 'mae'"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit([[1.0, 2.0]], [[1.0]])\n",
     ":7:7: fit() argument 'x' must be a NumPy array (np.array(...)); lists, tf.data datasets and generators are not emulated"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, callbacks=[1])\n", ":7:23: fit() callbacks are not emulated"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, validation_data=(x, y), validation_freq=0)\n",
     ":7:53: fit() argument 'validation_freq' must be a positive int or a list of epoch numbers, got 0"),
    ("import tensorflow as tf\nm.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, validation_data=tf.data.Dataset.from_tensor_slices((x, y)))\n",
     ":8:29: fit() needs a batched dataset of (x, y) pairs, such as Dataset.from_tensor_slices((x, y)).batch(32); got <_TensorSliceDataset"),
    ("import tensorflow as tf\nm.compile(optimizer='sgd', loss='mse')\nm.predict(tf.data.Dataset.from_tensor_slices(x))\n",
     ":8:11: predict() needs a batched dataset of samples or of (x, y) pairs"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, steps_per_epoch=1)\n",
     ":7:29: fit() argument 'steps_per_epoch' is emulated for a tf.data dataset only; leave it None with NumPy arrays"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x, y, validation_split=0.5, validation_steps=1)\n",
     ":7:52: fit() argument 'validation_steps' is emulated for a tf.data dataset only; leave it None with NumPy arrays"),
    ("import tensorflow as tf\nm.compile(optimizer='sgd', loss='mse')\nm.evaluate(tf.data.Dataset.from_tensor_slices((x, y)).batch(2).repeat(), steps=2)\n",
     ":8:80: evaluate() argument 'steps' is not emulated for a dataset with repeat(); accepted: a finite dataset without repeat(), or steps=None"),
    ("import tensorflow as tf\nm.compile(optimizer='sgd', loss='mse')\nm.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(2), steps_per_epoch=0)\n",
     ":8:76: fit(steps_per_epoch=0) is not emulated by rngdiff run's training; accepted: a positive int or None"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, activation='gelu')])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y)\n",
     ":8:1: Dense layer 'dense_2' has activation 'gelu', which training does not emulate; accepted: None, 'linear', 'relu'"),
    ("class Same(keras.layers.Layer):\n    def call(self, inputs):\n        return inputs\nm3 = keras.Sequential([keras.Input((2,)), Same(), keras.layers.Dense(1)])\nm3.compile(optimizer='sgd', loss='mse')\nm3.fit(x, y)\n",
     ":11:1: model 'sequential_1' has a layer of type Same; rngdiff run trains models made of Dense, Conv1D, Conv2D, MaxPooling1D/2D, AveragePooling1D/2D, GlobalMaxPooling1D/2D, GlobalAveragePooling1D/2D, Embedding, BatchNormalization, LayerNormalization, Dropout, Activation, Flatten, Reshape, GaussianNoise, GaussianDropout layers only"),
  ])
  func unsupportedTrainingStopsAtTheArgument(_ tail: String, _ expected: String) throws {
    try Self.expectRefusal(of: tail, saying: expected)
  }

  /// Keras 3's progress output (`verbose` 1, 2 and the default, for fit, evaluate and predict):
  /// what the real Keras printed for the same script, its timings masked as
  /// fixtures/reference/keras-progress/generate.py masks them (the engine's timings are its own).
  @Test func verboseKerasPrintsItsProgressAsKerasDoes() throws {
    let folder = Fixtures.url("reference/keras-progress")
    let expected = try String(contentsOf: folder.appendingPathComponent("verbose_fit.masked.txt"), encoding: .utf8)
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try RNGDiffBinary.run(
      ["run", folder.appendingPathComponent("verbose_fit.py").path, "-o", out.appendingPathComponent("t.trace").path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("\u{1B}[32m━"), "a bar is drawn")
    #expect(Self.maskingTimings(result.standardOutput) == expected)
  }

  /// tf-keras' progress output (`verbose` 1, 2, 0 and the default, for fit, evaluate and predict):
  /// its own (Keras 2) bars and lines, as the real tf-keras printed them for the same script (timings masked).
  @Test func verboseTFKerasPrintsItsProgressAsTFKerasDoes() throws {
    let folder = Fixtures.url("reference/keras-progress")
    let expected = try String(contentsOf: folder.appendingPathComponent("verbose_fit_tf_keras.masked.txt"), encoding: .utf8)
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try RNGDiffBinary.run(
      ["run", folder.appendingPathComponent("verbose_fit_tf_keras.py").path, "-o", out.appendingPathComponent("t.trace").path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("[======>"), "a bar is drawn")
    #expect(Self.maskingTimings(result.standardOutput) == expected)
  }

  /// The masking of generate.py: the seconds shown, a step's or an epoch's duration, tf-keras' ETA,
  /// runs of backspaces, padding at a line's end.
  static func maskingTimings(_ text: String) -> String {
    var masked = text
    for (pattern, replacement) in [
      ("\u{1B}\\[1m\\d+s\u{1B}\\[0m", "<T>"), ("\\d+(ms|us|s)/(step|epoch)", "<S>"), (" - \\d+s - ", " - <T> - "),
      (" - \\d+s <S>", " - <T> <S>"), ("ETA: (\\d+:)*\\d+s?", "ETA: <T>"), ("\u{8}+", "<BS>"), (" +\n", "\n"),
    ] {
      let regex = try! NSRegularExpression(pattern: pattern)
      masked = regex.stringByReplacingMatches(
        in: masked, range: NSRange(masked.startIndex..., in: masked), withTemplate: replacement)
    }
    return masked
  }

  /// fit_in_a_loop.py's trace: with a TensorFlow seed every epoch's `shuffle` draw is the same
  /// permutation (a fresh kernel each epoch), each step's Dropout mask is a `mask` draw of the
  /// layer's path, and each epoch records its weights and its loss inside `fit` › `epoch` phases.
  @Test func fitRecordsShuffleMaskWeightsAndLossPerEpoch() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("loop.trace").path
    let script = Self.scripts.appendingPathComponent("keras/fit_in_a_loop.py").path
    let result = try RNGDiffBinary.run(["run", script, "-o", trace, "--values"])
    #expect(result.status == 0, "\(result.standardError)")
    let events = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst().map {
      try ExactJSON.parse(String($0))
    }
    let draws = events.filter { $0["event"]?.string == "draw" }
    let shuffles = draws.filter { $0["role"]?.string == "shuffle" }
    // 4 one-epoch fits, then a fit of epochs 1...2 (initial_epoch=1): 6 epochs, one order each.
    #expect(shuffles.count == 6)
    #expect(shuffles.allSatisfy { $0["values"] == shuffles.first?["values"] }, "the same order every epoch")
    #expect(shuffles.allSatisfy { $0["consumer"]?.string == "sequential/fit" && $0["op"]?.string == "shuffle" })
    #expect(shuffles.first?["source"]?.string?.hasSuffix("fit_in_a_loop.py:26") == true)
    let masks = draws.filter { $0["role"]?.string == "mask" }
    // 20 rows in batches of 8: 3 steps per epoch, masks of 8, 8 and 4 rows of 8 units.
    #expect(masks.count == 18)
    #expect(masks.allSatisfy { $0["consumer"]?.string == "sequential/dropout" })
    #expect(masks.prefix(3).map { $0["shape"]! } == [.array([.number("8"), .number("8")]), .array([.number("8"), .number("8")]), .array([.number("4"), .number("8")])])
    #expect(Set(masks.compactMap { $0["stream"]?.string }).count == 18, "a new stateless seed [s, k] every step")
    let losses = events.filter { $0["event"]?.string == "metric" && $0["name"]?.string == "loss" }
    #expect(losses.map { $0["epoch"]?.int } == [1, 1, 1, 1, 2, 3])
    let epochTensors = events.filter { $0["event"]?.string == "tensor" && $0["moment"]?.string == "epoch" }
    #expect(epochTensors.count == 6 * 4)
    #expect(events.filter { $0["event"]?.string == "phase" && $0["phase"]?.string == "fit" }.count == 5 * 2)
  }

  /// Without a TensorFlow seed each epoch's order comes from a new entropy-seeded kernel:
  /// three epochs, three `entropy` streams; `--entropy-seed` makes them the same in two runs.
  @Test func unseededFitShufflesFromEntropyEveryEpoch() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("noseed.py")
    try """
      import numpy as np
      import keras
      x = np.array([[0.1 * i, 1.0 - 0.1 * i] for i in range(12)], dtype=np.float32)
      y = np.array([[0.5 * i] for i in range(12)], dtype=np.float32)
      m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3), keras.layers.Dense(1)])
      m.compile(optimizer="sgd", loss="mse")
      m.fit(x, y, epochs=3, batch_size=4, verbose=0)

      """.write(to: script, atomically: true, encoding: .utf8)
    func shuffles(_ name: String) throws -> [String] {
      let trace = out.appendingPathComponent(name).path
      let result = try RNGDiffBinary.run(["run", script.path, "-o", trace, "--values", "--entropy-seed", "9"])
      #expect(result.status == 0, "\(result.standardError)")
      return try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init).filter {
        $0.contains("RandomShuffle")
      }
    }
    let first = try shuffles("a.trace"), second = try shuffles("b.trace")
    let streams = first.filter { $0.hasPrefix(#"{"event":"stream""#) }
    #expect(streams.count == 3)
    #expect(streams.allSatisfy { $0.contains(#""seeding":{"how":"entropy"}"#) })
    #expect(first.filter { $0.contains(#""role":"shuffle""#) }.count == 3)
    #expect(first == second)
  }

  /// tf-keras: `--profile tf-keras` makes `tf.keras` the tf-keras package (TF_USE_LEGACY_KERAS=1),
  /// so a script without the variable prints what tf-keras 2.21 printed for
  /// tf-keras/legacy_tf_keras.py; the header names the tf-keras profile and its versions.
  @Test func theTFKerasProfileMakesTFKerasTheKerasOfTensorFlow() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let legacy = Self.scripts.appendingPathComponent("tf-keras/legacy_tf_keras.py")
    let script = out.appendingPathComponent("plain_tf.py")
    try String(contentsOf: legacy, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("import os") && !$0.hasPrefix("os.environ") }.joined(separator: "\n")
      .write(to: script, atomically: true, encoding: .utf8)
    let want = try #require(Self.cases.first { $0.script == "tf-keras/legacy_tf_keras.py" }).stdout
    let trace = out.appendingPathComponent("t.trace").path, keras3 = out.appendingPathComponent("k.trace").path
    let onTFKeras = try RNGDiffBinary.run(["run", script.path, "-o", trace, "--profile", "tf-keras"])
    #expect(onTFKeras.status == 0, "\(onTFKeras.standardError)")
    #expect(onTFKeras.standardOutput == want)
    let header = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")[0]
    #expect(header.contains(#""profile":{"framework":"tf-keras","version":"2.21.0","semantics":"tf-keras"}"#), "\(header)")
    #expect(header.contains(#""tf_keras":"2.21.0""#), "\(header)")
    // Without the profile, tf.keras is Keras 3: other weights, another profile.
    let onKeras3 = try RNGDiffBinary.run(["run", script.path, "-o", keras3, "--profile", "keras3-tensorflow"])
    #expect(onKeras3.status == 0)
    #expect(onKeras3.standardOutput != want)
    #expect(try String(contentsOfFile: keras3, encoding: .utf8).contains(#""semantics":"keras3-tensorflow""#))
  }

  /// `--profile tf1-keras` as a user meets it: TensorFlow 1.x's names and versions in the header,
  /// each Dropout one graph node whose kernel every step runs again, and a located sentence (exit 2)
  /// for what the profile does not emulate. Without the profile, TensorFlow 2 has no
  /// `tf.set_random_seed` and the same script stops there.
  @Test func theTF1KerasProfile() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Self.scripts.appendingPathComponent("classic/input-shape-tf1/a.py").path
    let trace = out.appendingPathComponent("tf1.trace").path
    let run = try RNGDiffBinary.run(["run", script, "-o", trace, "--profile", "tf1-keras"])
    #expect(run.status == 0, "\(run.standardError)")
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines[0].contains(#""version":"2.2.4-tf""#) && lines[0].contains(#""tensorflow":"1.15.5""#), "\(lines[0])")
    let masks = try lines.filter { $0.contains(#""role":"mask""#) && $0.contains(#""event":"draw""#) }.map { line in
      try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
    // 16 rows in batches of 4, three epochs: twelve steps, one stream, its counter moving on.
    #expect(masks.count == 12)
    #expect(Set(masks.map { "\($0["stream"] ?? "")" }).count == 1)
    let counters = masks.compactMap { ($0["counter"] as? NSNumber)?.uint64Value }
    #expect(counters.count == 12 && zip(counters, counters.dropFirst()).allSatisfy { $0 < $1 })
    let plain = try RNGDiffBinary.run(["run", script, "-o", out.appendingPathComponent("tf2.trace").path])
    #expect(plain.status == 2 && plain.standardError.contains("set_random_seed"), "\(plain.standardError)")

    let refused: [(String, String)] = [
      ("import keras\n", "standalone Keras 2.2"),
      ("import tf_keras\n", "TensorFlow 1.x has no tf_keras"),
      ("import tensorflow as tf\ntf.keras.utils.set_random_seed(1)\n", "tf.set_random_seed(s)"),
      ("import tensorflow as tf\nm = tf.keras.Sequential()\nm.add(tf.keras.layers.Dense(1, input_shape=(2,)))\nm.compile(optimizer='adam', loss='mse')\n", "optimizer='sgd'"),
      ("import tensorflow as tf\nx = tf.keras.Input((3,))\n", "Sequential models only"),
    ]
    for (i, (text, mention)) in refused.enumerated() {
      let path = out.appendingPathComponent("refused\(i).py")
      try text.write(to: path, atomically: true, encoding: .utf8)
      let result = try RNGDiffBinary.run(["run", path.path, "-o", out.appendingPathComponent("r\(i).trace").path, "--profile", "tf1-keras"])
      let line = text.split(separator: "\n").count
      #expect(result.status == 2)
      #expect(result.standardError.hasPrefix("rngdiff: \(path.path):\(line):"), "\(result.standardError)")
      #expect(result.standardError.contains(mention) && result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
    }
  }

  /// Issue 7 claim (a) as a user sees it: in tf-keras/fit_in_a_loop.py every training step's
  /// Dropout mask up to clear_session() is a run of one kernel stream (counters rising), and
  /// each fit's shuffle is consumed by `sequential/fit`.
  @Test func tfKerasMasksRunOnOneKernelAcrossBatches() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("f.trace").path
    let script = Self.scripts.appendingPathComponent("tf-keras/fit_in_a_loop.py").path
    #expect(try RNGDiffBinary.run(["run", script, "-o", trace]).status == 0)
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
    let masks = lines.filter { $0.contains(#""role":"mask""#) }
    // Three one-epoch fits of 12 rows in batches of 5 (3 steps each), then 2 epochs of the 9 training rows (2 steps each).
    #expect(masks.count == 3 * 3 + 2 * 2)
    #expect(masks.allSatisfy { $0.contains(#""consumer":"sequential/dropout""#) }, "\(masks.first ?? "")")
    let streams = masks.map { line in line.range(of: #""stream":"[^"]*""#, options: .regularExpression).map { String(line[$0]) } ?? "" }
    #expect(Set(streams.prefix(9)).count == 1, "one stream for the first three fits: \(Set(streams))")
    #expect(streams[9] != streams[8], "clear_session() starts a new kernel")
    let shuffles = lines.filter { $0.contains(#""role":"shuffle""#) }
    #expect(shuffles.count == 5 && shuffles.allSatisfy { $0.contains(#""consumer":"sequential/fit""#) })
  }
}

// MARK: Keras layers and the --timeout deadline in training

extension RunCommandTests {
  /// A `fit` of a billion epochs is one Python call; `--timeout 1` still stops it, inside the
  /// training loop, at the `fit` call, with exit 2 and one located line.
  @Test func aLongFitStopsAtTheTimeout() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("longfit.py")
    try """
      import numpy as np
      import keras
      x = np.ones((64, 2), dtype=np.float32)
      y = np.zeros((64, 1), dtype=np.float32)
      m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3), keras.layers.Dense(1)])
      m.compile(optimizer="sgd", loss="mse")
      m.fit(x, y, epochs=10**9, batch_size=1, verbose=0)
      print("never")

      """.write(to: script, atomically: true, encoding: .utf8)
    let start = ContinuousClock.now
    let result = try RNGDiffBinary.run(["run", script.path, "--timeout", "1"])
    #expect(ContinuousClock.now - start < .seconds(60))
    #expect(result.status == 2)
    #expect(
      result.standardError.hasPrefix("rngdiff: \(script.path):7:1: the script ran past --timeout 1s here, in model 'sequential' fit (epoch "),
      "\(result.standardError)")
    #expect(result.standardError.split(separator: "\n").count == 1)
    #expect(!result.standardOutput.contains("never"))
  }

  /// noise_fit.py's trace: each noise layer's default seed is a `seed` draw of the layer's name
  /// when it is constructed; in `fit`, one `noise` draw per training step and layer, consumer the
  /// layer's path, each on a new stateless seed; `evaluate` draws none.
  @Test func fitRecordsNoiseDrawsOfEachNoiseLayer() throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("noise.trace").path
    let script = Self.scripts.appendingPathComponent("keras/noise_fit.py").path
    let result = try RNGDiffBinary.run(["run", script, "-o", trace])
    #expect(result.status == 0, "\(result.standardError)")
    let draws = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst().map {
      try ExactJSON.parse(String($0))
    }.filter { $0["event"]?.string == "draw" }
    let seeds = draws.filter { $0["role"]?.string == "seed" }.compactMap { $0["consumer"]?.string }
    #expect(seeds.prefix(4) == ["gaussian_noise", "dense", "gaussian_dropout", "dense_1"], "constructed in order, each taking its name first")
    let noise = draws.filter { $0["role"]?.string == "noise" }
    // 12 rows in batches of 5: 3 steps per epoch, 2 epochs; then one step of the second model.
    #expect(noise.filter { $0["consumer"]?.string == "sequential/gaussian_noise" }.count == 6)
    #expect(noise.filter { $0["consumer"]?.string == "sequential/gaussian_dropout" }.count == 6)
    #expect(noise.filter { $0["consumer"]?.string == "sequential_1/gaussian_noise_1" }.count == 1)
    #expect(noise.count == 13)
    #expect(Set(noise.compactMap { $0["stream"]?.string }).count == 13, "a new stateless seed [s, k] every step")
  }

  /// Layers whose weights or draws are not emulated stop where they are made, with the reason
  /// and the layers that are emulated; exit 2.
  @Test(arguments: [
    ("keras.layers.GRU(4)\n", ":3:1: keras.layers.GRU is not emulated by rngdiff run: its recurrent kernel uses the orthogonal initializer, which needs the framework's QR decomposition (not emulated); emulated layers: Dense, Conv1D, Conv2D, MaxPooling1D/2D, AveragePooling1D/2D, GlobalMaxPooling1D/2D, GlobalAveragePooling1D/2D, Embedding, BatchNormalization, LayerNormalization, Dropout, Activation, Flatten, Reshape, GaussianNoise, GaussianDropout, SpatialDropout1D, SpatialDropout2D, AlphaDropout"),
    ("m = keras.Sequential([keras.Input((3, 2)), keras.layers.LSTM(4)])\n", ":3:44: keras.layers.LSTM is not emulated by rngdiff run: its recurrent kernel uses the orthogonal initializer, which needs the framework's QR decomposition (not emulated); emulated layers: "),
    ("keras.layers.GaussianNoise(1.5)\n", ":3:28: Invalid value received for argument `stddev`. Expected a float value between 0 and 1. Received: stddev=1.5"),
    ("keras.layers.Reshape((2, -1, -1))(keras.Input((4,)))\n", ":3:1: ValueError: Reshape layer 'reshape': There must be at most one unknown dimension in output_shape."),
    ("keras.layers.Reshape((3,))(keras.Input((4,)))\n", ":3:1: ValueError: Reshape layer 'reshape': The total size of the input, 4, does not match the target shape [3]"),
    ("keras.layers.Reshape((0, 2))\n", ":3:22: Reshape() argument 'target_shape' must be a tuple of positive integers (one may be -1), got (0, 2)"),
    ("keras.layers.Flatten()(keras.ops.ones((2, 2)))\n", ":3:1: calling a Flatten layer on data (its forward pass) is not emulated"),
    ("keras.layers.SpatialDropout1D(0.5)(keras.Input((4,)))\n", ":3:1: ValueError: SpatialDropout1D layer 'spatial_dropout1d': Input 0 of layer \"spatial_dropout1d\" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 4)"),
    ("keras.layers.SpatialDropout2D(0.5, data_format='channels_first')\n", ":3:48: SpatialDropout2D(data_format='channels_first') is not emulated; accepted: None or 'channels_last'"),
    ("keras.layers.Conv2D(4, 3)(keras.Input((4,)))\n", ":3:1: ValueError: Conv2D layer 'conv2d': Input 0 of layer \"conv2d\" is incompatible with the layer: expected min_ndim=4, found ndim=2. Full shape received: (None, 4)"),
    ("keras.layers.Conv2D(4, 3, data_format='channels_first')\n", ":3:39: Conv2D(data_format='channels_first') is not emulated; accepted: None or 'channels_last'"),
    ("keras.layers.Conv1D(0, 3)\n", ":3:21: Conv1D() argument 'filters' must be a positive integer, got 0"),
    ("keras.layers.Conv1D(2, 2**62, dilation_rate=4)\n",
     ":3:24: Conv1D with a kernel reach (dilation_rate × (kernel_size − 1) + 1) above 1048576 is not emulated (received kernel_size=(4611686018427387904,), dilation_rate=(4,)); accepted: a reach up to 1048576"),
    ("keras.layers.MaxPooling1D(0)\n",
     ":3:27: The `pool_size` argument must be a tuple of 1 integers. Received pool_size=0, including values {0} that do not satisfy `value > 0`"),
    ("keras.layers.MaxPooling2D(2, strides=(1, 0))\n",
     ":3:38: MaxPooling2D() with a stride of 0 is not emulated: building it divides by zero (a ZeroDivisionError in Keras); accepted: positive strides"),
    ("keras.layers.AveragePooling1D(2**21, padding='same')\n",
     ":3:31: AveragePooling1D() with a pool_size above 1048576 is not emulated; accepted: pool sizes from 1 to 1048576"),
    ("keras.layers.BatchNormalization()(keras.Input((2**29,)))\n",
     ":3:1: ValueError: shape (536870912,) has more than 268435456 elements, more than rngdiff emulates in one weight."),
    ("keras.layers.Embedding(10, 2, mask_zero=True)\n", ":3:41: Embedding(mask_zero=True) is not emulated (masks are not propagated); accepted: mask_zero=False"),
    ("keras.layers.MaxPooling2D(3)(keras.Input((2, 2, 1)))\n", ":3:1: ValueError: MaxPooling2D layer 'max_pooling2d': Computed output size would be zero or negative."),
    ("keras.layers.BatchNormalization(axis=2)(keras.Input((4,)))\n", ":3:1: ValueError: BatchNormalization layer 'batch_normalization': Invalid axis: 2 for an input of shape (None, 4)."),
  ])
  func unemulatedLayersStopWhereTheyAreMade(_ tail: String, _ expected: String) throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("layers.py")
    try ("import keras\nimport numpy as np\n" + tail).write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("rngdiff: \(script.path)\(expected)"), "\(result.standardError)")
    #expect(result.standardError.split(separator: "\n").count == 1)
  }

  /// What training does not emulate with the new layers is refused at the call, naming what is accepted.
  @Test(arguments: [
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4), keras.layers.Activation('gelu'), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y)\n",
     ":8:1: Activation layer 'activation' computes 'gelu', which training does not emulate; accepted: 'linear', 'relu'"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4), keras.layers.Reshape((2, 2)), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y)\n",
     ":8:1: layer 'dense_3' gets a tensor of shape <KerasTensor shape=(None, 2, 2)>; rngdiff run trains Dense layers on 2-D tensors (None, n) only"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.GaussianNoise(0.1), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse', jit_compile=True)\n",
     ":7:53: jit_compile=True with a GaussianNoise layer ('gaussian_noise') is not emulated: XLA draws normal noise differently; accepted: jit_compile=False or 'auto'"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.GaussianDropout(1.0), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y)\n",
     ":8:1: GaussianDropout layer 'gaussian_dropout': float division by zero"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.AlphaDropout(0.1), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y)\n",
     ":8:1: AlphaDropout layer 'alpha_dropout' is built but not trained by rngdiff run yet; training takes Dense, Conv1D, Conv2D, MaxPooling1D/2D, AveragePooling1D/2D, GlobalMaxPooling1D/2D, GlobalAveragePooling1D/2D, Embedding, BatchNormalization, LayerNormalization, Dropout, Activation, Flatten, Reshape, GaussianNoise, GaussianDropout"),
    ("m2 = keras.Sequential([keras.Input((2, 1)), keras.layers.BatchNormalization(axis=1), keras.layers.Flatten(), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x.reshape(3, 2, 1), y)\n",
     ":8:1: BatchNormalization layer 'batch_normalization' normalizes over another axis than the last; rngdiff run trains normalization over the last axis (axis=-1) only"),
    ("m2 = keras.Sequential([keras.Input((2,)), keras.layers.Embedding(3, 2), keras.layers.Flatten(), keras.layers.Dense(1)])\nm2.compile(optimizer='sgd', loss='mse')\nm2.fit(x, y, shuffle=False)\n",
     ":8:1: Embedding layer 'embedding': indices[...] = 3.0 is not in [0, 3): every input of an Embedding must be a whole number below input_dim"),
    ("m.compile(optimizer='sgd', loss='mse')\nm.fit(x.reshape(3, 2, 1), y)\n",
     ":7:7: fit() input 'x' has shape [3, 2, 1] but the model takes samples of shape (None, 2)"),
  ])
  func unsupportedLayerTrainingStopsAtTheCall(_ tail: String, _ expected: String) throws {
    try Self.expectRefusal(of: tail, saying: expected)
  }

  /// Runs ``fitPrelude`` followed by `tail` and expects exit 2 with one sentence on standard
  /// error: `rngdiff: <script>` followed by `expected` (which starts with `:line:col: `).
  static func expectRefusal(of tail: String, saying expected: String) throws {
    let out = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("train.py")
    try (Self.fitPrelude + tail).write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path])
    #expect(result.status == 2)
    #expect(result.standardError.hasPrefix("rngdiff: \(script.path)\(expected)"), "\(result.standardError)")
    #expect(result.standardError.split(separator: "\n").count == 1)
  }
}
