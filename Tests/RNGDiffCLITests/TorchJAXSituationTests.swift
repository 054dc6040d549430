import Foundation
import TestSupport
import Testing

/// Issue 12's PyTorch and JAX situations as a user meets them: each is a pair of scripts in
/// fixtures/scripts/situations/<case>/ (a.py, b.py), which `rngdiff run` runs printing exactly what
/// the real libraries print (the folder's expected.json, written by
/// fixtures/scripts/generate_expected.py with torch 2.13.0+cpu, Lightning 2.6.6, JAX 0.10.2), and
/// which `rngdiff compare --json` diagnoses with the kind that is true for the situation.
@Suite struct TorchJAXSituationTests {
  static let folder = Fixtures.url("scripts/situations")
  static func script(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// One `compare --json` report: its exit status, verdict and diagnoses.
  struct Report {
    var status: Int32
    var verdict: String
    var diagnoses: [[String: Any]]
    var first: [String: Any] { diagnoses.first ?? [:] }
    var kind: String? { first["kind"] as? String }
    var consumer: String? { (first["consumer"] as? [String: Any])?["path"] as? String }
    var role: String? { (first["consumer"] as? [String: Any])?["role"] as? String }
    /// What the first diagnosis lists as its effects (`event` and `what` of each row).
    var effects: [String] {
      (first["effects"] as? [[String: Any]] ?? []).map { "\($0["event"] as? String ?? "") \($0["what"] as? String ?? "")" }
    }
  }

  /// `rngdiff compare <case>/<a> <case>/<b> --json`.
  static func compare(_ situation: String, _ a: String = "a.py", _ b: String = "b.py") throws -> Report {
    let result = try RNGDiffBinary.run(
      ["compare", script("\(situation)/\(a)"), script("\(situation)/\(b)"), "--json"], environment: ["PYTHONHASHSEED": "0"])
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any],
      "not JSON: \(result.standardOutput)\(result.standardError)")
    return Report(
      status: result.status, verdict: root["verdict"] as? String ?? "", diagnoses: root["diagnoses"] as? [[String: Any]] ?? [])
  }

  static let scripts = [
    "unused-layer/a.py", "unused-layer/b.py", "shuffle/a.py", "shuffle/b.py", "workers/a.py", "workers/b.py",
    "generator/a.py", "generator/b.py", "generator/a_generator.py", "generator/b_generator.py",
    "seed-everything/a.py", "seed-everything/b.py", "jax-key-reuse/a.py", "jax-key-reuse/b.py",
    "jax-threefry/a.py", "jax-threefry/b.py",
  ]

  /// Every situation script prints under `rngdiff run` what it prints with the real libraries.
  @Test(arguments: scripts)
  func theScriptPrintsWhatTheRealLibrariesPrint(name: String) throws {
    let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected.json"))
    let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let versions = try #require(golden["versions"] as? [String: String])
    #expect(versions["torch"] == "2.13.0+cpu" && versions["jax"] == "0.10.2" && versions["lightning"] == "2.6.6")
    let cases = try #require(golden["cases"] as? [String: [String: Any]])
    let expected = try #require(cases[name]?["stdout"] as? String, "no golden for \(name)")
    let result = try RNGDiffBinary.run(["run", Self.script(name), "-o", "/dev/null", "--force"], environment: ["PYTHONHASHSEED": "0"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == expected)
  }

  /// pytorch#46149: an `nn.Linear` made before the model and never used takes 325 words of the
  /// default generator, so every weight of the model moves. The unused layer is the cause.
  @Test func anUnusedLayerBeforeTheModelIsAnExtraDraw() throws {
    let report = try Self.compare("unused-layer")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "extra-draw")
    #expect(report.consumer == "classifier.weight" && report.role == "init")
    #expect(report.effects.contains("draw model.fc1.weight (init)"), "\(report.effects)")
  }

  /// `shuffle=True` draws the sampler's seed and a permutation per epoch from the default
  /// generator; `shuffle=False` does not, so the model's later dropout masks move too. The
  /// draws only one run makes are the loader's sampler's: the data order.
  @Test func shuffleOnAgainstOffIsTheDataOrder() throws {
    let report = try Self.compare("shuffle")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "data-order")
    #expect(report.consumer == "loader.sampler" && report.role == "seed")
    let hunk = try #require(report.first["hunk"] as? [[String: Any]])
    #expect(hunk.allSatisfy { $0["side"] as? String == "a" } && hunk.count == 3, "\(hunk)")
    #expect(hunk.compactMap { $0["what"] as? String } == ["loader.sampler (seed)", "loader.sampler (shuffle)", "loader.sampler (shuffle)"], "\(hunk)")
    #expect(report.effects.contains("draw model.1 (mask)"), "\(report.effects)")
    #expect(report.diagnoses.count == 1)
  }

  /// Two workers draw from their own torch generators, seeded by PyTorch from the loader's base
  /// seed; a `worker_init_fn` that calls `torch.manual_seed(1000 + worker_id)` reseeds them.
  @Test func aWorkerInitFnThatReseedsIsASeedMismatchInTheWorker() throws {
    let report = try Self.compare("workers")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "seed-mismatch")
    #expect(report.consumer == "<top>")
    let stream = try #require(report.first["stream"] as? [String: Any])
    #expect(stream["name"] as? String == "worker0/cpu-default", "\(stream)")
    #expect((report.first["explanation"] as? String)?.contains("torch.manual_seed(1000)") == true)
    let workers = report.diagnoses.map { "\($0["kind"] as? String ?? "") \(($0["stream"] as? [String: Any])?["name"] as? String ?? "")" }
    #expect(workers == ["seed-mismatch worker0/cpu-default", "seed-mismatch worker1/cpu-default"], "one cause per worker")
  }

  /// Without a generator of its own, the shuffled loader's order moves when one more draw
  /// happens before the loop: its base seed and its sampler's seed are drawn from the default
  /// generator, so they are the extra draw's effects.
  @Test func anExtraDrawBeforeTheLoopMovesTheOrderWithoutALoaderGenerator() throws {
    let report = try Self.compare("generator")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "extra-draw")
    #expect(report.diagnoses.count == 1)
    #expect((report.first["b"] as? [String: Any])?["op"] as? String == "rand")
    #expect(report.consumer == "<top>")
    for moved in ["draw loader (seed)", "draw loader.sampler (seed)", "draw loader.sampler (shuffle)", "draw <top>"] {
      #expect(report.effects.contains(moved), "\(moved) moved: \(report.effects)")
    }
    #expect(report.effects.contains { $0.contains("RandomSampler") }, "the order moved: the sampler's stream is an effect")
  }

  /// With `generator=torch.Generator().manual_seed(1)` the same extra draw moves only the
  /// default generator's later draws: the loader's order is the same in both runs.
  @Test func withALoaderGeneratorTheOrderDoesNotMove() throws {
    let report = try Self.compare("generator", "a_generator.py", "b_generator.py")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "extra-draw")
    #expect(report.diagnoses.count == 1)
    #expect(report.effects == ["draw <top>"], "only the last torch.rand moves")
  }

  /// `lightning.seed_everything(7)` seeds `random`, NumPy and torch; `torch.manual_seed(7)` seeds
  /// torch only, so `random` and NumPy's global stream start from OS entropy.
  @Test func seedingOnlyTorchLeavesRandomAndNumPyUnseeded() throws {
    let report = try Self.compare("seed-everything")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(Self.kinds(report) == ["unseeded-stream", "unseeded-stream"])
    let streams = report.diagnoses.compactMap { ($0["stream"] as? [String: Any]).map { "\($0["framework"] ?? "") \($0["name"] ?? "")" } }
    #expect(streams == ["python global", "numpy global"], "\(streams)")
    #expect(report.consumer == "<top>")
  }

  /// Reusing a JAX key gives the same noise twice; splitting derives a fresh key for each use.
  /// The splits only b makes are the cause; the noise drawn from their subkeys is their effect.
  @Test func jaxKeyReuseAgainstSplit() throws {
    let report = try Self.compare("jax-key-reuse")
    #expect(report.status == 1 && report.verdict == "different")
    #expect(report.kind == "extra-draw")
    #expect(report.diagnoses.count == 1)
    #expect((report.first["b"] as? [String: Any])?["op"] as? String == "split")
    let effects = try #require(report.first["effects"] as? [[String: Any]])
    #expect(effects.count == 1 && effects.first?["what"] as? String == "<top>" && effects.first?["count"] as? Int == 2,
            "both normal draws come from other keys: \(effects)")
    #expect((report.first["fix"] as? String)?.contains("a key used twice gives the same numbers twice") == true)
  }

  /// `jax_threefry_partitionable` True (the default) against False: split and uniform give other
  /// values from the same key. The cause is the configuration switch.
  @Test func theThreefryModeSwitchIsTheConfigurationUpdate() throws {
    let report = try Self.compare("jax-threefry")
    #expect(report.status == 1 && report.verdict == "different")
    let a = try #require(report.first["a"] as? [String: Any])
    #expect(a["line"] as? Int == 4, "the jax.config.update line is the first divergence: \(a)")
    let details = try #require(a["details"] as? [String: Any])
    #expect(details["name"] as? String == "jax_threefry_partitionable" && details["val"] as? String == "True", "\(details)")
    #expect((a["source"] as? String)?.hasSuffix("/jax-threefry/a.py:4") == true)
    #expect(report.kind == "config-mismatch")
    #expect((report.first["fix"] as? String)?.contains("jax_threefry_partitionable=True vs jax_threefry_partitionable=False") == true)
  }

  static func kinds(_ report: Report) -> [String] { report.diagnoses.compactMap { $0["kind"] as? String } }
}
