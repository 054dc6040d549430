import Foundation
import TestSupport
import Testing

/// `--device gpu` and `--threads N` as a user runs them, on the classic
/// "all seeds set, still not reproducible on a GPU" scripts in
/// fixtures/scripts/classic/numeric-nondeterminism: the diagnosis kinds in
/// `--json`, exit statuses, what the trace's config records, and bad input.
@Suite struct NumericNondeterminismCommandTests {
  static let folder = Fixtures.url("scripts/classic/numeric-nondeterminism")
  static func script(_ name: String) -> String { folder.appendingPathComponent(name).path }

  /// The kinds of a `--json` report's diagnoses, in order, and the diagnoses.
  static func diagnoses(_ json: String) throws -> [[String: Any]] {
    let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "not JSON: \(json)")
    return root["diagnoses"] as? [[String: Any]] ?? []
  }
  static func kinds(_ diagnoses: [[String: Any]]) -> [String] { diagnoses.compactMap { $0["kind"] as? String } }

  /// A `--json` report that says the runs are identical: exit 0, verdict `identical`, no diagnosis.
  static func expectIdentical(_ result: RNGDiffBinary.Result, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)", sourceLocation: sourceLocation)
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "not JSON: \(result.standardOutput)",
      sourceLocation: sourceLocation)
    #expect(root["verdict"] as? String == "identical", sourceLocation: sourceLocation)
    #expect(kinds(try diagnoses(result.standardOutput)).isEmpty, "\(result.standardOutput)", sourceLocation: sourceLocation)
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rngdiff-numeric-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The scripts print what real Keras 3.15.1 on TensorFlow 2.21.0 prints
  /// (the classic folder's expected.json, written by fixtures/scripts/generate_expected.py), on the
  /// default order and on a GPU's: the order changes the last bits only.
  @Test(arguments: ["train.py", "train_deterministic.py"])
  func theScriptsPrintWhatRealKerasPrints(name: String) throws {
    let data = try Data(contentsOf: Self.folder.deletingLastPathComponent().appendingPathComponent("expected.json"))
    let golden = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try #require(golden["cases"] as? [String: [String: Any]])
    let expected = try #require(cases["numeric-nondeterminism/\(name)"]?["stdout"] as? String)
    #expect((golden["versions"] as? [String: String])?["keras"] == "3.15.1")
    for device in [[], ["--device", "gpu"]] {
      let result = try RNGDiffBinary.run(["run", Self.script(name), "-o", "/dev/null", "--force"] + device, environment: ["PYTHONHASHSEED": "0"])
      #expect(result.status == 0, "\(result.standardError)")
      #expect(result.standardOutput == expected, "\(device)")
    }
  }

  @Test func twoGPURunsOfOneSeededScriptDifferOnlyInArithmetic() throws {
    let train = Self.script("train.py")
    let result = try RNGDiffBinary.run(["compare", train, train, "--device", "gpu", "--json"])
    #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
    let diagnoses = try Self.diagnoses(result.standardOutput)
    #expect(Self.kinds(diagnoses) == ["numeric-nondeterminism"])
    let d = try #require(diagnoses.first)
    #expect((d["explanation"] as? String)?.contains("the draws are identical and the arithmetic differs") == true, "\(d)")
    #expect((d["explanation"] as? String)?.contains("device gpu") == true, "\(d)")
    #expect((d["fix"] as? String)?.contains("tf.config.experimental.enable_op_determinism()") == true, "\(d)")
  }

  @Test func withoutADeviceTheSameScriptsAreIdentical() throws {
    let train = Self.script("train.py")
    try Self.expectIdentical(try RNGDiffBinary.run(["compare", train, train, "--json"]))
  }

  @Test func opDeterminismKeepsGPURunsIdentical() throws {
    let script = Self.script("train_deterministic.py")
    try Self.expectIdentical(try RNGDiffBinary.run(["compare", script, script, "--device", "gpu", "--json"]))
  }

  @Test func theEnvironmentSwitchKeepsGPURunsIdenticalToo() throws {
    let train = Self.script("train.py")
    try Self.expectIdentical(
      try RNGDiffBinary.run(["compare", train, train, "--device", "gpu", "--json"], environment: ["TF_DETERMINISTIC_OPS": "1"]))
  }

  /// Keras on JAX computes with XLA: TensorFlow's switch does not reach it, XLA's flag does.
  @Test func onJAXTheSwitchIsXLAs() throws {
    let deterministic = Self.script("train_deterministic.py"), train = Self.script("train.py")
    let tfSwitch = try RNGDiffBinary.run(["compare", deterministic, deterministic, "--device", "gpu", "--profile", "keras3-jax", "--json"])
    #expect(tfSwitch.status == 1, "\(tfSwitch.standardError)")
    let d = try #require(try Self.diagnoses(tfSwitch.standardOutput).first)
    #expect(d["kind"] as? String == "numeric-nondeterminism")
    #expect((d["explanation"] as? String)?.contains("computes with JAX (XLA), which it does not reach") == true, "\(d)")
    #expect((d["fix"] as? String)?.contains("XLA_FLAGS=--xla_gpu_deterministic_ops=true") == true, "\(d)")
    let xla = try RNGDiffBinary.run(
      ["compare", train, train, "--device", "gpu", "--profile", "keras3-jax"], environment: ["XLA_FLAGS": "--xla_gpu_deterministic_ops=true"])
    #expect(xla.status == 0, "\(xla.standardOutput)")
  }

  /// Run twice as a user would: the import-time draw of rich differs (it
  /// comes before the seed), and the tensors are *not* listed as its effects.
  @Test func runTwiceOnAGPUNamesTheImportDrawAndTheArithmeticSeparately() throws {
    let result = try RNGDiffBinary.run(["compare", Self.script("train.py"), "--runs", "2", "--device", "gpu", "--json", "--entropy-seed", "3"])
    #expect(result.status == 1, "\(result.standardError)")
    let diagnoses = try Self.diagnoses(result.standardOutput)
    // Importing keras draws from NumPy's global stream (JAX's cluster module) and Python's random
    // (rich) before the script seeds them: causes of their own, with nothing after them.
    let kinds = Self.kinds(diagnoses)
    #expect(kinds.last == "numeric-nondeterminism", "\(result.standardOutput)")
    #expect(kinds.dropLast().allSatisfy { $0 == "unseeded-stream" } && kinds.count >= 2, "\(result.standardOutput)")
    for cause in diagnoses.dropLast() {
      #expect(((cause["consumer"] as? [String: Any])?["role"] as? String) == "import", "\(cause)")
      #expect((cause["effects"] as? [Any] ?? []).isEmpty, "\(cause)")
    }
    let deterministic = try RNGDiffBinary.run(
      ["compare", Self.script("train_deterministic.py"), "--runs", "2", "--device", "gpu", "--json", "--entropy-seed", "3"])
    #expect(!Self.kinds(try Self.diagnoses(deterministic.standardOutput)).contains("numeric-nondeterminism"), "\(deterministic.standardOutput)")
  }

  @Test func theTraceRecordsDeviceSeedAndSwitch() throws {
    let dir = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = dir.appendingPathComponent("d.trace").path
    let result = try RNGDiffBinary.run(["run", Self.script("train_deterministic.py"), "-o", trace, "--device", "gpu", "--entropy-seed", "9"])
    #expect(result.status == 0, "\(result.standardError)")
    let header = try #require(try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").first)
    #expect(header.contains(#""device":"gpu""#), "\(header)")
    #expect(header.contains(#""determinism":{"tf.config.experimental.enable_op_determinism":"True"}"#), "\(header)")
    #expect(header.contains(#""rngdiff.reduction_seed":""#), "\(header)")
  }

  @Test func threadCountsAgreeWithThemselvesAndDifferFromEachOther() throws {
    let dir = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    func run(_ threads: String, _ name: String) throws -> String {
      let path = dir.appendingPathComponent(name).path
      let result = try RNGDiffBinary.run(["run", Self.script("train.py"), "-o", path, "--threads", threads, "--entropy-seed", "1"])
      #expect(result.status == 0, "\(result.standardError)")
      return path
    }
    let twoA = try run("2", "2a.trace"), twoB = try run("2", "2b.trace"), three = try run("3", "3.trace")
    // One thread is the engine's default order.
    let one = try run("1", "1.trace")
    let plainPath = dir.appendingPathComponent("plain.trace").path
    #expect(try RNGDiffBinary.run(["run", Self.script("train.py"), "-o", plainPath, "--entropy-seed", "1"]).status == 0)
    let sameAsDefault = try RNGDiffBinary.run([one, plainPath])
    #expect(sameAsDefault.status == 0, "\(sameAsDefault.standardOutput)")
    let same = try RNGDiffBinary.run([twoA, twoB])
    #expect(same.status == 0, "\(same.standardOutput)")
    let other = try RNGDiffBinary.run([twoA, three, "--json"])
    #expect(other.status == 1, "\(other.standardOutput)")
    let diagnoses = try Self.diagnoses(other.standardOutput)
    #expect(Self.kinds(diagnoses).first == "config-mismatch", "\(other.standardOutput)")
    #expect(other.standardOutput.contains("threads.intra_op"))
  }

  @Test(arguments: [
    (["--device", "tpu"], "--device takes cpu or gpu, not 'tpu'"),
    (["--threads", "0"], "--threads takes a whole number of threads from 1 to 4096, not '0'"),
    (["--threads", "many"], "--threads takes a whole number of threads from 1 to 4096, not 'many'"),
  ])
  func badOptionsAreOneSentenceAndExit2(options: [String], message: String) throws {
    let train = Self.script("train.py")
    for command in [["run", train, "-o", "/dev/null", "--force"], ["compare", train, train]] {
      let result = try RNGDiffBinary.run(command + options)
      #expect(result.status == 2)
      #expect(result.standardError.contains(message), "\(result.standardError)")
    }
  }
}
