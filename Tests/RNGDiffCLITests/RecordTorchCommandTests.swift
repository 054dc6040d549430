import Foundation
import RNGTrace
import TestSupport
import Testing

/// `rngdiff record` with the real PyTorch (pinned in ``RecorderVenv/torchRequirements``): the
/// scripts in fixtures/scripts/recorder/torch recorded in a real process. Each draw's values
/// (the keep mask, for dropout) are checked against `rngdiff sample torch`, the engine's emulation
/// of the same calls; counts against the documented word rules of docs/frameworks/torch.md;
/// consumers against the module tree; two real runs that differ are diagnosed by the differ.
@Suite(.serialized) struct RecordTorchCommandTests {
  static let folder = Fixtures.url("scripts/recorder/torch")
  static let environment = ["PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1"]

  static func record(_ script: String, _ trace: String, _ extra: [String] = []) throws -> RNGDiffBinary.Result {
    let python = try RecorderVenv.torchPython()
    let path = folder.appendingPathComponent(script).path
    return try RNGDiffBinary.run(["record", "--python", python.path, "--values", path, "-o", trace] + extra, environment: environment)
  }

  static func events(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  static func sample(_ seed: Int, _ calls: String) throws -> [[String: Any]] {
    let result = try RNGDiffBinary.run(["sample", "torch", "--seed", "\(seed)", "--json", calls])
    #expect(result.status == 0, "\(result.standardError)")
    return try result.standardOutput.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  /// The values of a `--values` draw as the engine prints them: floats widened to doubles
  /// (float32 values read back through Float), masks as 0/1.
  static func numbers(_ values: Any?, dtype: String) -> [Double] {
    let list = (values as? [Any]) ?? []
    return list.map { item in
      if let flag = item as? Bool { return flag ? 1 : 0 }
      let value = (item as? NSNumber)?.doubleValue ?? .nan
      return dtype == "float32" ? Double(Float(value)) : value
    }
  }

  @Test func theMLPsDrawsAreTheEnginesBitForBit() throws {
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("real.trace").path
    let recorded = try Self.record("mlp.py", trace)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let events = try Self.events(trace)
    let draws = events.filter { $0["event"] as? String == "draw" }

    // The same calls in the engine, in the order the script makes them.
    let epoch = "randperm(8); dropout(ones(4, 8), p=0.25); dropout(ones(4, 8), p=0.5); dropout(ones(4, 8), p=0.25); dropout(ones(4, 8), p=0.5)"
    let engine = try Self.sample(16, "nn.Linear(4, 8); nn.Linear(8, 1); \(epoch); \(epoch); randn(3, 5); empty(2, 3).uniform_(-0.5, 0.5)")
    try #require(draws.count == engine.count)
    for (draw, expected) in zip(draws, engine) {
      let dtype = draw["dtype"] as? String ?? ""
      var want = Self.numbers(expected["values"], dtype: expected["dtype"] as? String ?? "")
      if dtype == "bool" { want = want.map { $0 != 0 ? 1 : 0 } }  // the keep mask of ones · 1/(1-p)
      #expect(Self.numbers(draw["values"], dtype: dtype) == want, "\(draw["op"] ?? "") \(draw["consumer"] ?? "")")
      #expect(draw["shape"] as? [Int] == expected["shape"] as? [Int])
    }

    // Counters: contiguous from the seeding, counts by docs/frameworks/torch.md's word rules
    // (one word per float32 uniform, n - 1 for randperm(n), two per dropout element,
    // 4 per scalar Box-Muller pair: randn of 15 is 8 pairs).
    let dropouts = Array(repeating: 64, count: 4)
    let counts = [32, 8, 8, 1] + [7] + dropouts + [7] + dropouts + [32, 6]
    #expect(draws.map { $0["count"] as? Int ?? -1 } == counts)
    var counter = 0
    for (draw, count) in zip(draws, counts) {
      #expect(draw["counter"] as? Int == counter)
      counter += count
    }

    // Consumers from the module tree, roles by what the draw is for.
    let consumers = draws.map { "\($0["consumer"] ?? "") \($0["role"] ?? "")" }
    let step = ["model.drop mask", "model.dropout mask", "model.drop mask", "model.dropout mask"]
    #expect(consumers == ["model.fc1.weight init", "model.fc1.bias init", "model.fc2.weight init", "model.fc2.bias init",
                          "<top> "] + step + ["<top> "] + step + ["<top> ", "<top> "])

    // The seeding, the parameters after build (the values the init draws produced), the losses.
    let stream = try #require(events.first { $0["event"] as? String == "stream" })
    #expect(stream["seed"] as? String == "init_genrand(16)")
    #expect((stream["seeding"] as? [String: Any])?["call"] as? String == "torch.manual_seed(16)")
    let tensors = events.filter { $0["event"] as? String == "tensor" }
    #expect(tensors.map { $0["name"] as? String ?? "" } == ["model.fc1.weight", "model.fc1.bias", "model.fc2.weight", "model.fc2.bias"])
    for (tensor, draw) in zip(tensors, draws) {
      #expect(tensor["digest"] as? String == draw["digest"] as? String)
    }
    let losses = events.filter { $0["event"] as? String == "metric" }
    #expect(losses.map { $0["step"] as? Int ?? 0 } == [1, 2, 3, 4])
    // The script printed the last step's loss of each epoch (6 digits); the metrics are those values.
    let printed = recorded.standardOutput.split(separator: "\n").prefix(2).compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
    #expect(printed.count == 2)
    for (value, loss) in zip(printed, [losses[1], losses[3]]) {
      #expect(abs(value - ((loss["value"] as? Double) ?? .nan)) < 5e-7)
    }

    // The header: profile and what changes torch's results.
    let header = try #require(events.first)
    #expect((header["profile"] as? [String: Any])?["framework"] as? String == "torch")
    #expect((header["profile"] as? [String: Any])?["version"] as? String == "2.13.0+cpu")
    let config = header["config"] as? [String: Any]
    #expect((config?["environment"] as? [String: Any])?["torch.backends.cpu.get_cpu_capability()"] != nil)
    #expect((config?["determinism"] as? [String: Any])?["torch.use_deterministic_algorithms"] as? String == "False")
    #expect((config?["threads"] as? [String: Any])?["torch.get_num_threads()"] as? String == "1")
  }

  @Test func recordingLeavesTheRunAlone() throws {
    let python = try RecorderVenv.torchPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    for script in ["mlp.py", "loader.py"] {
      let path = Self.folder.appendingPathComponent(script).path
      let plain = try RecordFrameworkCommandTests.runPython(python, [path])
      let recorded = try Self.record(script, out.appendingPathComponent("\(script).trace").path)
      #expect(plain.status == 0 && recorded.status == 0, "\(plain.standardError)\(recorded.standardError)")
      #expect(recorded.standardOutput == plain.standardOutput, "\(script)")
    }
  }

  @Test func anUnusedLayerIsAnExtraDraw() throws {
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try Self.record("mlp.py", a).status == 0)
    #expect(try Self.record("mlp.py", b, ["--", "--unused-layer"]).status == 0)
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1, "\(diff.standardError)")
    #expect(diff.standardOutput.contains("first divergence: extra-draw"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("extra-draw  model.unused.weight (init)"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("model.fc2.weight (init), is at counter 40 in a and 112 in b"), "\(diff.standardOutput)")
  }

  @Test func theLoadersSeedsAndOrderAreRecordedAndShuffleOffIsDiagnosed() throws {
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    let shuffled = try Self.record("loader.py", a)
    #expect(shuffled.status == 0, "\(shuffled.standardError)")
    #expect(try Self.record("loader.py", b, ["--", "--no-shuffle"]).status == 0)
    let events = try Self.events(a)

    // Per epoch: the iterator's base seed, then RandomSampler's seed (two words each: int64
    // random_), a generator seeded with that value (drawn), and two randperm(10) on it.
    let draws = events.filter { $0["event"] as? String == "draw" }
    let kinds = draws.prefix(10).map { "\($0["consumer"] ?? "") \($0["role"] ?? "") \($0["op"] ?? "") \($0["count"] ?? "")" }
    let epoch = ["loader seed random_ 2", "loader.sampler seed random_ 2", "loader.sampler shuffle randperm 9",
                 "loader.sampler shuffle randperm 9"]
    #expect(kinds == epoch + epoch + ["<top>  rand 3", "<top>  rand 2"])
    let generators = events.filter { $0["event"] as? String == "stream" && ($0["name"] as? String ?? "").hasPrefix("generator#") }
    #expect(generators.count == 3)
    for (generator, seedDraw) in zip(generators.prefix(2), [draws[1], draws[5]]) {
      let seeding = try #require(generator["seeding"] as? [String: Any])
      #expect(seeding["how"] as? String == "drawn")
      #expect(seeding["seq"] as? Int == seedDraw["seq"] as? Int)
      #expect(seeding["counter"] as? Int == seedDraw["counter"] as? Int)
      // The generator's seed is the drawn value (its low 32 bits key MT19937).
      let drawn = try #require((seedDraw["values"] as? [NSNumber])?.first?.int64Value)
      #expect(generator["seed"] as? String == "init_genrand(\(UInt64(drawn) & 0xFFFF_FFFF))")
    }
    // The order the sampler drew is the order the script printed.
    let order = try #require(draws[2]["values"] as? [Int])
    let printed = shuffled.standardOutput.split(separator: "\n").prefix(3).flatMap { line -> [Int] in
      let list = line.split(separator: "[").last?.dropLast() ?? ""
      return list.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)).map { Int($0) } }
    }
    #expect(printed == order)
    // The engine draws the same order from the same seed.
    let seed = try #require((draws[1]["values"] as? [NSNumber])?.first?.int64Value)
    let engine = try Self.sample(Int(seed), "randperm(10)")
    #expect(engine.first?["values"] as? [Int] == order)

    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1)
    // The draws only the shuffled run makes are its sampler's: the input pipeline.
    #expect(diff.standardOutput.contains("first divergence: data-order"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("data-order  loader.sampler (seed)"), "\(diff.standardOutput)")
  }

  @Test func theRecordersTorchUnitTestsPass() throws {
    let python = try RecorderVenv.torchPython()
    let result = try RecordFrameworkCommandTests.runPython(
      python, ["-m", "unittest", "-v", "tests.torch_tests"], in: Fixtures.repositoryRoot().appendingPathComponent("recorder"))
    #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardError.contains("OK"), "\(result.standardError)")
  }
}

/// A real PyTorch run recorded and the same script run in the engine give the same trace: the
/// situation scripts that draw only in the main process (fixtures/scripts/situations) and
/// torch-data/named_loaders.py (loaders named after their variables, global and local), diffed as
/// identical, printing the same. What a real run's header adds that the engine cannot know (the
/// machine's thread counts and CPU capability, whether CUDA is there, NumPy imported by torch)
/// is the only configuration that may differ.
@Suite(.serialized) struct TorchRecordAndRunAgreeTests {
  static let scripts = [
    "situations/unused-layer/a.py", "situations/unused-layer/b.py", "situations/shuffle/a.py", "situations/shuffle/b.py",
    "situations/generator/a.py", "situations/generator/b.py", "situations/generator/a_generator.py",
    "situations/generator/b_generator.py", "torch-data/named_loaders.py",
  ]

  @Test(arguments: scripts)
  func aRealRunAndTheEngineAgree(_ name: String) throws {
    let python = try RecorderVenv.torchPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Fixtures.url("scripts").appendingPathComponent(name).path
    let real = out.appendingPathComponent("real.trace").path, engine = out.appendingPathComponent("engine.trace").path
    let recorded = try RNGDiffBinary.run(
      ["record", "--python", python.path, script, "-o", real], environment: RecordTorchCommandTests.environment)
    #expect(recorded.status == 0, "\(recorded.standardError)")
    let ran = try RNGDiffBinary.run(["run", script, "-o", engine], environment: RecordTorchCommandTests.environment)
    #expect(ran.status == 0, "\(ran.standardError)")
    #expect(recorded.standardOutput == ran.standardOutput)
    let diff = try RNGDiffBinary.run(["--json", real, engine])
    #expect(diff.status == 0, "\(diff.standardOutput)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any], "\(diff.standardError)")
    #expect(report["verdict"] as? String == "identical")
    #expect((report["diagnoses"] as? [Any])?.isEmpty == true)
    let machineOnly = ["threads.", "environment.", "libraries.numpy", "device"]
    let others = ((report["config"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
      .filter { name in !machineOnly.contains { name.hasPrefix($0) } }
    #expect(others.isEmpty, "configuration the engine should write as the real run does: \(others)")
  }
}

/// DataLoader workers in a real run: each worker process records its own draws on its own
/// streams (`worker<i>/cpu-default`), appended to the trace when the script ends, so two real
/// runs that differ only inside the workers (a `worker_init_fn` that reseeds) are diagnosed as
/// `rngdiff run` diagnoses them: one seed mismatch per worker.
@Suite(.serialized) struct TorchWorkerRecordingTests {
  @Test func aWorkerInitFnThatReseedsIsASeedMismatchInEachWorker() throws {
    let python = try RecorderVenv.torchPython()
    let out = try RecordCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    var traces: [String] = []
    for name in ["a", "b"] {
      let script = Fixtures.url("scripts/situations/workers/\(name).py").path
      let trace = out.appendingPathComponent("\(name).trace").path
      let recorded = try RNGDiffBinary.run(
        ["record", "--python", python.path, script, "-o", trace], environment: RecordTorchCommandTests.environment)
      #expect(recorded.status == 0, "\(recorded.standardError)")
      #expect(recorded.standardError.isEmpty, "\(recorded.standardError)")
      traces.append(trace)
    }
    let left = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(left == ["a.trace", "b.trace"], "the workers' parts are merged and removed: \(left)")
    let diff = try RNGDiffBinary.run(["--json", traces[0], traces[1]])
    #expect(diff.status == 1, "\(diff.standardOutput)\(diff.standardError)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any], "\(diff.standardError)")
    let causes = ((report["diagnoses"] as? [[String: Any]]) ?? []).map {
      "\($0["kind"] as? String ?? "") \((($0["stream"] as? [String: Any])?["name"] as? String) ?? "")"
    }
    #expect(causes == ["seed-mismatch worker0/cpu-default", "seed-mismatch worker1/cpu-default"], "\(causes)")
    let first = try #require((report["diagnoses"] as? [[String: Any]])?.first)
    #expect((first["explanation"] as? String)?.contains("torch.manual_seed(1000) at") == true, "\(first["explanation"] ?? "")")
  }
}
