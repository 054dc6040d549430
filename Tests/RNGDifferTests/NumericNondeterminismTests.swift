import RNGDiffer
import RNGTrace
import Testing

/// `numeric-nondeterminism` as the differ words it: identical draws, other
/// arithmetic; the runs' settings named; a fix true for the framework
/// version in the trace; not mistaken for an effect of an import-time draw.
@Suite struct NumericNondeterminismTests {
  /// One run of a small training script: a library's import-time draw from
  /// Python's `random` (entropy-seeded, different per run when
  /// `importSeed` differs), a seeded NumPy init, then weights and a loss.
  static func run(
    label: String, importSeed: String = "entropy(1)", weight: Float = 0.5, loss: Double = 0.25,
    profile: TraceProfile = TraceProfile(framework: .keras, version: "3.15.1", semantics: "keras3-tensorflow"),
    config: RunConfig = RunConfig(device: "gpu", libraries: [NamedValue("tensorflow", "2.21.0")]),
    drawAfterImport: Bool = false, keepValues: Bool = true
  ) -> TraceBuilder {
    var b = TraceBuilder(label: label, profile: profile, config: config)
    let py = b.stream("py", framework: .python, name: "global", seed: importSeed, seeding: .entropy)
    b.draw(py, count: 1, consumer: "import rich.style", role: "import", op: "getrandbits", dist: "bits", dtype: "int64")
    if drawAfterImport { b.draw(py, count: 2, consumer: "<top>", role: "", op: "random", dist: "uniform") }
    let np = b.stream("np", seed: "init_genrand(7)", seeding: .explicit(call: "np.random.seed(7)", source: "train.py:3"))
    b.draw(np, count: 8, consumer: "model/dense/kernel", role: "init", op: "randn", dist: "normal", dtype: "float32", shape: [2, 2])
    b.tensor("model/dense/kernel", moment: .afterEpoch(1), values: .float32([0.25, weight, 1, 2]), shape: [2, 2], keepValues: keepValues)
    b.metric("loss", epoch: 1, value: loss)
    return b
  }

  @Test("an import-time draw that feeds nothing does not explain a tensor: draws identical, arithmetic differs")
  func importDrawIsNotTheCause() throws {
    let report = try diff(Self.run(label: "a"), Self.run(label: "b", importSeed: "entropy(2)", weight: 0.5000001))
    #expect(report.diagnoses.map(\.kind) == [.unseededStream, .numericNondeterminism])
    let numeric = report.diagnoses[1]
    #expect(numeric.consumer?.path == "model/dense/kernel")
    #expect(numeric.explanation.contains("the draws are identical and the arithmetic differs"), "\(numeric.explanation)")
    #expect(numeric.explanation.contains("import-time draw of import rich.style"), "\(numeric.explanation)")
    // The import draw's own cause lists no tensor among its effects.
    #expect(report.diagnoses[0].effects.isEmpty)
  }

  @Test("a stream that drew again after the import still explains the tensors")
  func laterDrawsKeepTheAttribution() throws {
    let report = try diff(
      Self.run(label: "a", drawAfterImport: true), Self.run(label: "b", importSeed: "entropy(2)", weight: 0.75, drawAfterImport: true))
    #expect(report.diagnoses.map(\.kind) == [.unseededStream])
    #expect(report.diagnoses[0].effects.contains { $0.what == "model/dense/kernel" })
  }

  @Test("the explanation names device, threads and determinism switches; per-run seeds are not a config mismatch")
  func settingsNamed() throws {
    var ca = RunConfig(device: "gpu", threads: [NamedValue("intra_op", "4")], libraries: [NamedValue("tensorflow", "2.21.0")])
    ca.environment = [NamedValue("rngdiff.reduction_seed", "11")]
    var cb = ca
    cb.environment = [NamedValue("rngdiff.reduction_seed", "12")]
    let report = try diff(Self.run(label: "a", config: ca), Self.run(label: "b", loss: 0.2500001, config: cb))
    let d = try #require(report.diagnoses.first)
    #expect(report.diagnoses.map(\.kind) == [.numericNondeterminism])
    #expect(d.consumer?.path == "loss")
    #expect(d.explanation.contains("device gpu"), "\(d.explanation)")
    #expect(d.explanation.contains("threads intra_op=4"), "\(d.explanation)")
    #expect(d.explanation.contains("no determinism switch on"), "\(d.explanation)")
    #expect(d.fix.contains("tf.config.experimental.enable_op_determinism()") && d.fix.contains("TensorFlow 2.21.0"), "\(d.fix)")
    #expect(d.fix.contains("thread counts"), "\(d.fix)")
    // The configuration line still shows the per-run seed.
    #expect(report.configDifferences.map(\.name) == ["environment.rngdiff.reduction_seed"])
  }

  @Test("a switch that is on is named, and the sentence says the difference comes from elsewhere")
  func switchOn() throws {
    let config = RunConfig(
      device: "gpu", determinism: [NamedValue("tf.config.experimental.enable_op_determinism", "True")],
      libraries: [NamedValue("tensorflow", "2.21.0")])
    let report = try diff(Self.run(label: "a", config: config), Self.run(label: "b", weight: 0.6, config: config))
    let d = try #require(report.diagnoses.first)
    #expect(d.explanation.contains("determinism switched on (tf.config.experimental.enable_op_determinism=True)"), "\(d.explanation)")
    #expect(d.explanation.contains("an op it does not cover"), "\(d.explanation)")
  }

  @Test("with digests only, the values row shows both digests in full, wrapped")
  func digestsOnlyWrapped() throws {
    let a = Self.run(label: "a", keepValues: false), b = Self.run(label: "b", weight: 0.6, keepValues: false)
    let report = try diff(a, b)
    let note = try #require(report.diagnoses.first?.numeric?.note)
    let text = report.text(TextOptions(color: false, all: false))
    let digests = note.split(separator: " ").filter { $0.count >= 16 }.map { $0.trimmingCharacters(in: .punctuationCharacters) }
    #expect(digests.count == 2, "\(note)")
    // The note's closing digest is on a continuation line of the row, which must not be lost.
    #expect(text.contains("(a \(digests[0]),"), "\(text)")
    #expect(text.contains("\(digests[1]))"), "\(text)")
  }

  static func fix(_ profile: TraceProfile, _ libraries: [NamedValue], device: String = "cuda:0") throws -> String {
    let config = RunConfig(device: device, libraries: libraries)
    let report = try diff(
      Self.run(label: "a", profile: profile, config: config), Self.run(label: "b", weight: 0.7, profile: profile, config: config))
    let d = try #require(report.diagnoses.first)
    try #require(d.kind == .numericNondeterminism)
    return d.fix
  }

  @Test("the fix follows the TensorFlow version: enable_op_determinism from 2.8, TF_DETERMINISTIC_OPS before")
  func tensorFlowVersions() throws {
    let new = try Self.fix(TraceProfile(framework: .tensorflow, version: "2.21.0"), [NamedValue("tensorflow", "2.21.0")])
    #expect(new.contains("tf.config.experimental.enable_op_determinism()") && !new.contains("TF_DETERMINISTIC_OPS"))
    let old = try Self.fix(TraceProfile(framework: .tensorflow, version: "2.5.0"), [NamedValue("tensorflow", "2.5.0")])
    #expect(old.contains("TF_DETERMINISTIC_OPS=1") && old.contains("predates enable_op_determinism"), "\(old)")
  }

  @Test("the fix for torch says what its checked documentation says: index_add on CUDA is made deterministic, not refused")
  func torchVersions() throws {
    let checked = try Self.fix(TraceProfile(framework: .torch, version: "2.15.0"), [NamedValue("torch", "2.15.0")])
    #expect(checked.contains("torch.use_deterministic_algorithms(True)") && checked.contains("CUBLAS_WORKSPACE_CONFIG=:4096:8"))
    #expect(checked.contains("index_add and scatter_add_ on CUDA, switch to it"), "\(checked)")
    #expect(checked.contains("cumsum on CUDA, raise RuntimeError"), "\(checked)")
    let unchecked = try Self.fix(TraceProfile(framework: .torch, version: "2.4.1"), [NamedValue("torch", "2.4.1")])
    #expect(!unchecked.contains("index_add"), "\(unchecked)")
    #expect(unchecked.contains("torch 2.4.1's documentation lists"), "\(unchecked)")
    let cpu = try Self.fix(TraceProfile(framework: .torch, version: "2.15.0"), [NamedValue("torch", "2.15.0")], device: "cpu")
    #expect(cpu.contains("torch.set_num_threads") && !cpu.contains("CUBLAS"), "\(cpu)")
    let ancient = try Self.fix(TraceProfile(framework: .torch, version: "1.7.1"), [NamedValue("torch", "1.7.1")])
    #expect(ancient.contains("predates torch.use_deterministic_algorithms"), "\(ancient)")
  }

  @Test("the fix for Keras on JAX is XLA's flag")
  func jax() throws {
    let fix = try Self.fix(
      TraceProfile(framework: .keras, version: "3.15.1", semantics: "keras3-jax"), [NamedValue("jax", "0.10.2")], device: "gpu")
    #expect(fix.contains("XLA_FLAGS=--xla_gpu_deterministic_ops=true"), "\(fix)")
  }
}
