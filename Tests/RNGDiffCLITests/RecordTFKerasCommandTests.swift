import Foundation
import RNGTrace
import TestSupport
import Testing

/// `rngdiff record` with the real tf-keras 2.21.0 (installed into the frameworks' environment,
/// ``RecorderVenv/frameworkRequirementsWithoutDependencies``): the tf-keras fixture scripts that
/// build models are recorded in a real process and run in the engine; both print the same, and
/// their traces agree seed for seed, stream for stream and draw for draw, weights after build
/// included. Two real runs that differ by one draw of the script's own are diagnosed.
@Suite(.serialized) struct RecordTFKerasCommandTests {
  /// Where the engine is known to differ from the real run (a listed difference that disappears
  /// fails the test, so the list stays true).
  enum EngineGap {
    /// Under `TF_USE_LEGACY_KERAS=1`, `import tensorflow` does not import Keras 3 in the real
    /// run, so Rich never draws its word from Python's `random`; the engine draws it (as
    /// `import tf_keras` does, which imports Keras 3 through TensorFlow). An unseeded import-time
    /// draw: only in the engine's trace.
    case richWordUnderLegacyKeras
  }

  /// The scripts of fixtures/scripts/tf-keras that build models without training (`fit` is not
  /// recorded for tf-keras yet: docs/recording.md), with the engine's known gaps.
  static let scripts: [String: EngineGap?] = [
    "tf-keras/models.py": nil,
    "tf-keras/unseeded_initializers.py": nil,
    "tf-keras/legacy_tf_keras.py": .richWordUnderLegacyKeras,
  ]

  /// The unseeded import-time draws both runs have (RecordFrameworkCommandTests.expectedCauses),
  /// but Rich's word when the script seeds Python's `random` before importing tf-keras (it is
  /// then a seeded draw, compared event for event).
  static func expectedCauses(_ name: String) -> Set<String> {
    var causes: Set<String> = ["unseeded-stream import jax._src.clusters.k8s_cluster"]
    switch name {
    case "tf-keras/models.py": causes.insert("unseeded-stream import rich.style")
    case "tf-keras/legacy_tf_keras.py": causes.insert("extra-draw import rich.style")
    default: break
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

    // The user's view: same profile and configuration, only the expected causes.
    let (_, report) = try Self.report(real, engine)
    #expect((report["config"] as? [Any])?.isEmpty == true, "\(report["config"] ?? "none")")
    let realSide = report["a"] as? [String: Any]
    #expect((realSide?["profile"] as? [String: String]) == ["framework": "tf-keras", "version": "2.21.0", "semantics": "tf-keras"])
    #expect((realSide?["finding_count"] as? Int) == 0, "the real trace's counters are contiguous")
    #expect(Self.causes(report) == Self.expectedCauses(name), "\(report["diagnoses"] ?? "")")
    let onlyInEngine = (report["counts"] as? [String: Any])?["only_in_b"] as? Int
    switch Self.scripts[name] {
    case .richWordUnderLegacyKeras??:
      #expect(onlyInEngine == 1, "the engine no longer draws Rich's word under TF_USE_LEGACY_KERAS: remove \(name)'s gap")
    default:
      #expect(onlyInEngine == 0, "the engine has nothing the real run lacks")
    }

    // Field for field: the seed generator, every initializer's seed, stateless stream and draw,
    // every weight after build.
    let realEvents = try RecordFrameworkCommandTests.comparable(real, keepSources: true)
    let engineEvents = try RecordFrameworkCommandTests.comparable(engine, keepSources: true)
    #expect(realEvents.count >= 15)
    #expect(realEvents == engineEvents)
    #expect(realEvents.contains { $0.contains(#""rule":"tf_keras.RandomGenerator._create_seed""#) })
    #expect(realEvents.contains { $0.contains(#""event":"tensor""#) })
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
}
