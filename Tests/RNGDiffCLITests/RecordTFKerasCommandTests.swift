import Foundation
import RNGTrace
import TestSupport
import Testing

/// `rngdiff record` with the real tf-keras 2.21.0 (installed into the frameworks' environment,
/// ``RecorderVenv/frameworkRequirementsWithoutDependencies``): the tf-keras fixture scripts are
/// recorded in a real process and run in the engine; both print the same, and their traces agree
/// seed for seed, stream for stream and draw for draw: weights after build, and for `fit` the
/// epoch shuffles of its `RandomShuffle` kernel and the masks of each Dropout's `RandomUniform`
/// kernel, whose counters the recorder confirms with TensorFlow's own stateless kernels
/// (recorder/tests/tf_keras_tests.py). Two real runs that differ by one draw of the script's own
/// are diagnosed.
@Suite(.serialized) struct RecordTFKerasCommandTests {
  /// Where the engine is known to differ from the real run (a listed difference that disappears
  /// fails the test, so the list stays true).
  enum EngineGap {
    /// Under `TF_USE_LEGACY_KERAS=1`, `import tensorflow` does not import Keras 3 in the real
    /// run, so Rich never draws its word from Python's `random`; the engine draws it (as
    /// `import tf_keras` does, which imports Keras 3 through TensorFlow). An unseeded import-time
    /// draw: only in the engine's trace.
    case richWordUnderLegacyKeras
    /// The script fits on shuffled `tf.data` datasets: `ShuffleDataset`'s generator is not a
    /// kernel the recorder reads (docs/recording.md, "Limits"), the engine writes its seed
    /// streams, passes and orders, and the `get_seed` derivations of their op seeds. Compared:
    /// everything else, line for line.
    case tfDataNotRecorded
  }

  /// The scripts of fixtures/scripts/tf-keras (but `errors/`), with the engine's known gaps.
  static let scripts: [String: EngineGap?] = [
    "tf-keras/models.py": nil,
    "tf-keras/unseeded_initializers.py": nil,
    "tf-keras/legacy_tf_keras.py": .richWordUnderLegacyKeras,
    "tf-keras/fit_in_a_loop.py": nil,
    "tf-keras/dropout_seed_build.py": nil,
    "tf-keras/fit_builds_sequential.py": nil,
    "tf-keras/train_on_batch_then_fit.py": nil,
    "tf-keras/fit_dataset.py": .tfDataNotRecorded,
    "tf-keras/fit_dataset_steps.py": .tfDataNotRecorded,
    "tf-keras/fit_dataset_builds.py": .tfDataNotRecorded,
  ]

  @Test func everyTFKerasFixtureIsListed() throws {
    let folder = Fixtures.url("scripts/tf-keras")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }
    #expect(Set(names.map { "tf-keras/" + $0 }) == Set(Self.scripts.keys))
  }

  /// The unseeded import-time draws both runs have (RecordFrameworkCommandTests.expectedCauses),
  /// but Rich's word when the script seeds Python's `random` before importing tf-keras (it is
  /// then a seeded draw, compared event for event).
  static func expectedCauses(_ name: String) -> Set<String> {
    var causes: Set<String> = ["unseeded-stream import jax._src.clusters.k8s_cluster"]
    switch name {
    case "tf-keras/unseeded_initializers.py": break
    case "tf-keras/legacy_tf_keras.py": causes.insert("extra-draw import rich.style")
    default: causes.insert("unseeded-stream import rich.style")
    }
    return causes
  }

  static func report(_ a: String, _ b: String) throws -> (status: Int32, report: [String: Any]) {
    let diff = try RNGDiffBinary.run(["--json", a, b])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any], "\(diff.standardError)")
    return (diff.status, report)
  }

  static func causes(_ report: [String: Any]) -> Set<String> {
    Set(((report["diagnoses"] as? [[String: Any]]) ?? []).map { d in
      "\(d["kind"] ?? "") \(((d["consumer"] as? [String: Any])?["path"]) ?? "")"
    })
  }

  @Test(arguments: scripts.keys.sorted())
  func aRealTFKerasRunAndTheEngineAgree(_ name: String) throws {
    let python = try RecorderVenv.frameworksPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Fixtures.url("scripts").appendingPathComponent(name).path
    let real = out.appendingPathComponent("real.trace").path
    let engine = out.appendingPathComponent("engine.trace").path
    let environment = RecordFrameworkCommandTests.environment
    let recorded = try RNGDiffBinary.run(["record", "--python", python.path, script, "-o", real], environment: environment)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let ran = try RNGDiffBinary.run(["run", script, "-o", engine], environment: environment)
    #expect(ran.status == 0, "\(ran.standardError)")
    #expect(recorded.standardOutput == ran.standardOutput)
    #expect(!recorded.standardError.contains("rngdiff record: warning"), "\(recorded.standardError)")

    // The user's view: same profile and configuration, only the expected causes. The training's
    // arithmetic is the engine's own float32 (docs/scripts.md, "How close"): a weight or loss
    // after an epoch may differ in its last bits, which the differ names numeric-nondeterminism.
    let (_, report) = try Self.report(real, engine)
    #expect((report["config"] as? [Any])?.isEmpty == true, "\(report["config"] ?? "none")")
    let realSide = report["a"] as? [String: Any]
    #expect((realSide?["profile"] as? [String: String]) == ["framework": "tf-keras", "version": "2.21.0", "semantics": "tf-keras"])
    #expect((realSide?["finding_count"] as? Int) == 0, "the real trace's counters are contiguous")
    let onlyInEngine = (report["counts"] as? [String: Any])?["only_in_b"] as? Int
    let gap = Self.scripts[name] ?? nil
    if gap != .tfDataNotRecorded {
      let causes = Self.causes(report).filter { !$0.hasPrefix("numeric-nondeterminism ") }
      #expect(causes == Self.expectedCauses(name), "\(report["diagnoses"] ?? "")")
    }
    switch gap {
    case .richWordUnderLegacyKeras?:
      #expect(onlyInEngine == 1, "the engine no longer draws Rich's word under TF_USE_LEGACY_KERAS: remove \(name)'s gap")
    case .tfDataNotRecorded?:
      break
    default:
      #expect(onlyInEngine == 0, "the engine has nothing the real run lacks")
    }

    // Field for field: the seed generator, every initializer's seed, stateless stream and draw,
    // every weight after build; every shuffle and mask of `fit`, its phases, the weights after
    // each epoch (digests aside) and the losses within docs/scripts.md's tolerance.
    let realEvents = try RecordFrameworkCommandTests.comparable(real, keepSources: true)
    let engineEvents = try RecordFrameworkCommandTests.comparable(engine, keepSources: true)
    #expect(realEvents.count >= 15)
    let realMetrics = try RecordFrameworkCommandTests.metricValues(real)
    let engineMetrics = try RecordFrameworkCommandTests.metricValues(engine)
    #expect(realMetrics.count == engineMetrics.count)
    for (a, b) in zip(realMetrics, engineMetrics) {
      #expect(abs(a - b) <= 1e-5 * max(1, abs(b)), "loss \(a) (real) against \(b) (engine)")
    }
    switch gap {
    case .tfDataNotRecorded?:
      let dataEvents = engineEvents.filter {
        $0.contains("tensorflow.data.shuffle#") || $0.contains("tensorflow.eager-op-seeds") || $0.contains(#""rule":"tf.get_seed.eager""#)
      }
      #expect(!dataEvents.isEmpty && !realEvents.contains { $0.contains("tensorflow.data.shuffle#") },
              "the recorder records tf.data now: remove \(name)'s gap")
      #expect(realEvents == engineEvents.filter { !dataEvents.contains($0) })
    default:
      #expect(realEvents == engineEvents)
    }
    if name == "tf-keras/train_on_batch_then_fit.py" {
      // Each model's Dropout kernel, then one more per retrace (fit by 4 after train_on_batch on
      // 8 rows, train_on_batch on 4 rows after fit by 5), each starting over at counter 0.
      let kernels = realEvents.filter { $0.contains(#""event":"stream""#) && $0.contains("RandomUniform") }
      #expect(kernels.count == 4, "\(kernels)")
    }
    #expect(realEvents.contains { $0.contains(#""rule":"tf_keras.RandomGenerator._create_seed""#) })
    #expect(realEvents.contains { $0.contains(#""event":"tensor""#) })
    if name.contains("fit") || name.contains("dropout") {
      #expect(realEvents.contains { $0.contains(#""op":"dropout""#) && $0.contains(#""role":"mask""#) })
      #expect(realEvents.contains { $0.contains(#""phase":"epoch""#) })
    }
  }

  /// The trap docs/frameworks/tf-keras.md describes, from two real runs: without
  /// `set_random_seed`, an initializer's seed comes from Python's global `random`, so one
  /// `random.random()` of the script's own before the model shifts the kernel's seed. The differ
  /// names the extra draw and the kernel it moved.
  @Test func aDrawOfTheScriptsOwnBeforeTheModelIsDiagnosed() throws {
    let python = try RecorderVenv.frameworksPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Fixtures.url("scripts/recorder/tf_keras_peek.py").path
    let plain = out.appendingPathComponent("plain.trace").path
    let peeked = out.appendingPathComponent("peeked.trace").path
    let environment = RecordFrameworkCommandTests.environment
    let a = try RNGDiffBinary.run(["record", "--python", python.path, script, "-o", plain], environment: environment)
    let b = try RNGDiffBinary.run(["record", "--python", python.path, script, "-o", peeked, "--", "--peek"], environment: environment)
    #expect(a.status == 0 && b.status == 0, "\(a.standardError)\(b.standardError)")
    let kernel = { (output: String) in output.split(separator: "\n").last.map(String.init) }
    #expect(b.standardOutput.hasPrefix("peeked "))
    #expect(kernel(a.standardOutput) != nil && kernel(a.standardOutput) != kernel(b.standardOutput), "the peek changes the kernel")

    let (status, report) = try Self.report(plain, peeked)
    #expect(status == 1)
    let extra = try #require(((report["diagnoses"] as? [[String: Any]]) ?? []).first {
      $0["kind"] as? String == "extra-draw" && ($0["consumer"] as? [String: Any])?["path"] as? String == "<top>"
    }, "\(report["diagnoses"] ?? "")")
    #expect(Self.causes(report).contains("unseeded-stream import jax._src.clusters.k8s_cluster"), "\(Self.causes(report))")
    let explanation = extra["explanation"] as? String ?? ""
    #expect(explanation.contains("the first, sequential/dense/kernel (init), is at counter 0 in a and 2 in b"), "\(explanation)")
  }

  /// Recording a tf-keras `fit` leaves the run alone (the read-outs beside the shuffle and the
  /// Dropouts add no random op and change no value; the confirmations run TensorFlow's stateless
  /// kernels, which move no state): the history, the weights after training, and the next draws
  /// of Python's `random`, NumPy's and TensorFlow's global generators printed in full are byte
  /// for byte those of the same script run without the recorder. The trace has the training,
  /// counters confirmed: a new shuffle kernel per `fit`, one mask per step on one kernel stream
  /// per Dropout, restarted (`#1`) after `clear_session`.
  @Test func recordingATFKerasFitLeavesItAlone() throws {
    let python = try RecorderVenv.frameworksPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("fit.py")
    try """
      import hashlib, random
      import numpy as np
      import tensorflow as tf
      import tf_keras
      tf_keras.utils.set_random_seed(1)
      x = np.random.rand(32, 4).astype("float32")
      y = np.random.rand(32, 1).astype("float32")
      model = tf_keras.Sequential([tf_keras.Input((4,)), tf_keras.layers.Dense(8, activation="relu"),
                                   tf_keras.layers.Dropout(0.5), tf_keras.layers.Dense(1)])
      model.compile("sgd", "mse")
      history = model.fit(x, y, epochs=2, batch_size=8, verbose=0, validation_split=0.25)
      tf_keras.backend.clear_session()
      history2 = model.fit(x, y, epochs=1, batch_size=8, verbose=0)
      print({k: [v.hex() for v in vs] for k, vs in sorted(history.history.items())}, history2.history["loss"][0].hex())
      print([hashlib.sha256(np.asarray(w).tobytes()).hexdigest()[:16] for w in model.weights])
      print(random.random().hex(), np.random.random().hex(), [float(v).hex() for v in tf.random.uniform([3]).numpy()])
      print(model.predict(x[:2], verbose=0).shape)

      """.write(to: script, atomically: true, encoding: .utf8)
    let plain = try RecordFrameworkCommandTests.runPython(python, [script.path])
    #expect(plain.status == 0, "\(plain.standardError)")
    let trace = out.appendingPathComponent("fit.trace").path
    let recorded = try RNGDiffBinary.run(
      ["record", "--python", python.path, script.path, "-o", trace], environment: RecordFrameworkCommandTests.environment)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    #expect(recorded.standardOutput == plain.standardOutput)
    #expect(recorded.standardOutput.hasPrefix("{'loss': ['0x"), "\(recorded.standardOutput)")
    #expect(!recorded.standardError.contains("rngdiff record: warning"), "\(recorded.standardError)")
    let shown = try RNGDiffBinary.run(["show", trace, "--json"])
    #expect(shown.status == 0, "\(shown.standardError)")
    let summary = try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any]
    #expect((summary?["finding_count"] as? Int) == 0, "\(shown.standardOutput)")
    let text = try String(contentsOfFile: trace, encoding: .utf8)
    func count(_ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }
    #expect(count(#""phase":"fit","edge":"begin","name":"sequential""#) == 2)
    #expect(count(#""phase":"epoch","edge":"begin""#) == 3)
    // Each fit's shuffle kernel is new: declared twice, counters 0 and 6 (⌈23 / 4⌉ blocks for 24 rows), then 0.
    #expect(count(#""name":"op(1,0)/RandomShuffle/int64""#) == 2)
    #expect(count(#""counter":6,"count":6,"op":"shuffle""#) == 1)
    #expect(count(#""consumer":"sequential/fit","role":"shuffle""#) == 3)
    // 3 steps of 8 rows twice, then 4 after clear_session on the restarted kernel: 8 × 8 × 256 blocks a step.
    #expect(count(#""dtype":"bool","shape":[8,8],"consumer":"sequential/dropout","role":"mask""#) == 10)
    #expect(count(#""stream":"tensorflow.op(1,0)/RandomUniform/float32","counter":81920,"count":16384"#) == 1)
    #expect(count(#""stream":"tensorflow.op(1,0)/RandomUniform/float32#1","counter":49152,"count":16384"#) == 1)
    #expect(count(#""event":"metric""#) == 5, "loss and val_loss twice, then loss")
    #expect(count(#""name":"sequential/dense_1/bias","moment":"epoch""#) == 3)
    #expect(count(#""phase":"predict","edge":"begin""#) == 1)
  }

  /// The recorder's tf-keras unit tests (recorder/tests/tf_keras_tests.py) with the real
  /// TensorFlow: the stateless kernels reproduce the stateful ones at the reserved counters (and
  /// not at others), a mask is written only when confirmed, a recorded fit has no warning.
  @Test func theRecordersTFKerasUnitTestsPass() throws {
    let python = try RecorderVenv.frameworksPython()
    let result = try RecordFrameworkCommandTests.runPython(
      python, ["-m", "unittest", "-v", "tests.tf_keras_tests"], in: Fixtures.repositoryRoot().appendingPathComponent("recorder"))
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardError.contains("OK"), "\(result.standardError)")
  }
}
