import Foundation
import TestSupport
import Testing

/// `rngdiff run` on PyTorch scripts: fixtures/scripts/torch prints exactly what
/// real torch 2.13.0+cpu (CPython 3.11.7) printed — every initial parameter of
/// every module in full, dropout masks, seeds, module reprs — and ends as it
/// ended (expected.json, written by fixtures/scripts/generate_expected.py with
/// /work/venvs/torch/bin/python); the traces name consumers from the module tree.
///
/// The training scripts' `loss …` and `weight …` lines are float32 arithmetic
/// PyTorch orders differently (GEMM, vectorised sums): their numbers agree
/// within ``lossTolerance`` (relative) and ``weightTolerance`` (absolute, relative
/// above 1);
/// every other line — dropout masks per step, shuffles, predictions — is exact.
@Suite struct TorchRunCommandTests {
  static let folder = Fixtures.url("scripts/torch")
  /// Measured against torch 2.13.0+cpu: at most 1.6e-7 relative (training.py's clipped
  /// gradient norm; training_adam.py's losses 1.4e-7).
  static let lossTolerance = 1e-6
  /// Measured: at most 6.0e-8 after 9 SGD steps (training.py, and convolution.py's CNN); 5.7e-7 for a BatchNorm
  /// bias after Adam and 8.3e-7 for LayerNorm input gradients, where PyTorch's float32
  /// kernel cancels (normalization.py).
  static let weightTolerance = 2e-6

  /// Whether `got` prints what `expected` does: each line the same, or a `loss`
  /// or `weight` line with the same words and its numbers within tolerance.
  static func agrees(_ got: String, _ expected: String) -> Bool {
    let a = got.split(separator: "\n", omittingEmptySubsequences: false)
    let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) where x != y {
      guard let kind = y.split(separator: " ").first, kind == "loss" || kind == "weight" else { return false }
      let words = { (line: Substring) in line.split(whereSeparator: { " [],".contains($0) }) }
      let (u, v) = (words(x), words(y))
      guard u.count == v.count else { return false }
      for (p, q) in zip(u, v) where p != q {
        guard let m = Double(p), let n = Double(q) else { return false }
        let error = kind == "loss" ? abs(m - n) / max(abs(n), .leastNormalMagnitude) : abs(m - n) / max(1, abs(n))
        if error > (kind == "loss" ? lossTolerance : weightTolerance) { return false }
      }
    }
    return true
  }

  /// The comparison can fail: a word, a mask or a number beyond tolerance differs.
  @Test func theToleranceIsOnlyForLossesAndWeights() {
    #expect(Self.agrees("loss 0.5000001\nmask [1, 0]\n", "loss 0.5\nmask [1, 0]\n"))
    #expect(!Self.agrees("loss 0.50001\n", "loss 0.5\n"))
    #expect(!Self.agrees("mask [1, 1]\n", "mask [1, 0]\n"))
    #expect(!Self.agrees("out 0.5000001\n", "out 0.5\n"))
    #expect(!Self.agrees("weight fc2.bias [0.1]\n", "weight fc1.bias [0.1]\n"))
    #expect(Self.agrees("weight fc1.bias [0.1000001, -2.0]\n", "weight fc1.bias [0.1, -2.0]\n"))
    #expect(!Self.agrees("weight fc1.bias [0.100003]\n", "weight fc1.bias [0.1]\n"))
    #expect(Self.agrees("weight g [30.00003]\n", "weight g [30.0]\n"))
  }

  static let cases: [RunCommandTests.Case] = {
    guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let all = root["cases"] as? [String: [String: Any]]
    else { return [] }
    return all.keys.sorted().map { key in
      let c = all[key]!
      let error = c["error"] as? [String: Any]
      return RunCommandTests.Case(
        script: "torch/" + key, stdout: c["stdout"] as? String ?? "", exit: c["exit"] as? Int ?? -1,
        errorType: error?["type"] as? String, errorLine: error?["line"] as? Int)
    }
  }()

  @Test func theGoldenScriptsAreAllThereAndNameTheirTorch() throws {
    #expect(Self.cases.filter { $0.exit == 0 }.count >= 5)
    #expect(Self.cases.filter { $0.exit != 0 }.count >= 3)
    let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    #expect((root?["versions"] as? [String: String])?["torch"] == "2.13.0+cpu")
  }

  @Test(arguments: cases)
  func printsWhatTorchPrintsAndEndsAsItEnded(_ c: RunCommandTests.Case) throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let (result, script, trace) = try RunCommandTests.runGolden(c, in: out)
    #expect(Self.agrees(result.standardOutput, c.stdout), "\(result.standardOutput)")
    if c.exit == 0 {
      #expect(result.status == 0, "\(result.standardError)")
      #expect(try RNGDiffBinary.run(["show", trace]).status == 0, "the trace does not read back")
    } else {
      RunCommandTests.expectEndsWithTheException(c, result, script: script, trace: trace)
    }
  }

  /// The trace's events, as JSON objects.
  static func events(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }

  static func run(_ script: String, _ extra: [String] = []) throws -> (events: [[String: Any]], folder: URL) {
    let out = try RunCommandTests.temporaryFolder()
    let trace = out.appendingPathComponent("t.trace").path
    let result = try RNGDiffBinary.run(["run", folder.appendingPathComponent(script).path, "-o", trace, "--entropy-seed", "3"] + extra)
    #expect(result.status == 0, "\(result.standardError)")
    return (try events(trace), out)
  }

  /// Draws and tensors name the parameter by its path in the module tree
  /// (`model.block.proj.weight`), with role `init` and the line of the layer's
  /// constructor; the header names torch 2.13.0.
  @Test func theTraceNamesConsumersFromTheModuleTree() throws {
    let (events, out) = try Self.run("module_tree.py")
    defer { try? FileManager.default.removeItem(at: out) }
    let header = events[0]
    #expect((header["profile"] as? [String: Any])?["framework"] as? String == "torch")
    #expect((header["profile"] as? [String: Any])?["version"] as? String == "2.13.0+cpu")
    #expect(((header["config"] as? [String: Any])?["libraries"] as? [String: Any])?["torch"] as? String == "2.13.0+cpu")
    let draws = events.filter { $0["event"] as? String == "draw" }
    let inits = draws.filter { $0["role"] as? String == "init" }.map { $0["consumer"] as? String ?? "" }
    #expect(Array(inits.prefix(5)) == [
      "model.fc1.weight", "model.fc1.bias", "model.block.proj.weight", "model.fc2.weight", "model.fc2.bias",
    ])
    #expect(inits.dropFirst(5).prefix(2) == ["other.fc1.weight", "other.fc1.bias"])
    let sources = draws.prefix(5).map { ($0["source"] as? String ?? "").split(separator: "/").last.map(String.init) ?? "" }
    #expect(sources == ["module_tree.py:25", "module_tree.py:25", "module_tree.py:14", "module_tree.py:28", "module_tree.py:28"])
    let tensors = events.filter { $0["event"] as? String == "tensor" }.map { $0["name"] as? String ?? "" }
    #expect(tensors.prefix(2) == ["model.fc1.weight", "model.fc1.bias"])
    #expect(!String(decoding: try JSONSerialization.data(withJSONObject: events), as: UTF8.self).contains("@torch"))
  }

  /// Dropout masks are draws of role `mask`: a layer's of its own path, a
  /// functional dropout's of the module whose forward pass called it.
  @Test func dropoutMasksNameTheirModule() throws {
    let (events, out) = try Self.run("dropout_masks.py")
    defer { try? FileManager.default.removeItem(at: out) }
    let masks = events.filter { $0["role"] as? String == "mask" }.map { ($0["consumer"] as? String ?? "", $0["source"] as? String ?? "") }
    #expect(masks.map(\.0) == ["drop", "drop", "<top>", "feature", "dropout", "model.drop", "model"])
    #expect(masks.first?.1.hasSuffix("/dropout_masks.py:9") == true)
  }

  /// pytorch#46149 as the user meets it: the same script with and without an
  /// unused layer made before the model; the differ names that layer.
  @Test func theUnusedLayerIsTheExtraDraw() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = Self.folder.appendingPathComponent("unused_layer.py").path
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try RNGDiffBinary.run(["run", script, "-o", a, "--entropy-seed", "1"]).status == 0)
    #expect(try RNGDiffBinary.run(["run", script, "-o", b, "--entropy-seed", "1", "--", "classifier"]).status == 0)
    let diff = try RNGDiffBinary.run([a, b])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("extra-draw  classifier.weight (init)"), "\(diff.standardOutput)")
    #expect(diff.standardOutput.contains("model.fc1.weight (init), is at counter 0 in a and 325 in b"), "\(diff.standardOutput)")
  }

  /// A script that never seeds torch draws from OS entropy, as PyTorch 2.13's
  /// default generator does: two plain runs differ there, and the differ says so.
  @Test func anUnseededDefaultGeneratorIsEntropy() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("unseeded.py")
    try "import torch\nx = torch.rand(3)\n".write(to: script, atomically: true, encoding: .utf8)
    let a = out.appendingPathComponent("a.trace").path, b = out.appendingPathComponent("b.trace").path
    #expect(try RNGDiffBinary.run(["run", script.path, "-o", a]).status == 0)
    #expect(try RNGDiffBinary.run(["run", script.path, "-o", b]).status == 0)
    let diff = try RNGDiffBinary.run(["--json", a, b])
    #expect(diff.status == 1)
    #expect(diff.standardOutput.contains("\"unseeded-stream\""), "\(diff.standardOutput)")
  }

  /// The settings that change results without drawing land in the header
  /// (`config.determinism`, `config.threads`), and the differ names a
  /// setting two runs made differently.
  @Test func determinismSettingsAreRecordedInTheHeader() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let text = """
      import torch
      torch.manual_seed(0)
      torch.use_deterministic_algorithms(True)
      torch.backends.cudnn.deterministic = True
      torch.backends.cudnn.benchmark = False
      torch.set_num_threads(1)
      print(torch.are_deterministic_algorithms_enabled(), torch.backends.cudnn.deterministic, torch.get_num_threads())
      x = torch.rand(2)

      """
    let a = out.appendingPathComponent("a.py"), b = out.appendingPathComponent("b.py")
    try text.write(to: a, atomically: true, encoding: .utf8)
    try text.replacingOccurrences(of: "benchmark = False", with: "benchmark = True").write(to: b, atomically: true, encoding: .utf8)
    let run = try RNGDiffBinary.run(["run", a.path])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput == "True True 1\n")
    #expect(try RNGDiffBinary.run(["run", b.path]).status == 0)
    let header = try Self.events(a.path + ".trace")[0]["config"] as? [String: Any]
    #expect(header?["device"] as? String == "cpu")
    let determinism = header?["determinism"] as? [String: Any]
    #expect(determinism?["torch.use_deterministic_algorithms"] as? String == "True")
    #expect(determinism?["torch.backends.cudnn.deterministic"] as? String == "True")
    #expect(determinism?["torch.backends.cudnn.benchmark"] as? String == "False")
    #expect((header?["threads"] as? [String: Any])?["intra_op"] as? String == "1")
    // Same draws: the differ finds the runs identical and names the setting that differs.
    let diff = try RNGDiffBinary.run([a.path + ".trace", b.path + ".trace"])
    #expect(diff.status == 0)
    #expect(diff.standardOutput.contains("determinism.torch.backends.cudnn.benchmark False vs True"), "\(diff.standardOutput)")
  }

  /// The classic training loop's trace: a mask draw of `model.drop` per step
  /// at the line of the forward pass, a `randperm` per epoch, after the
  /// initialisation in registration order.
  @Test func theTrainingLoopDrawsAMaskPerStep() throws {
    let (events, out) = try Self.run("training.py")
    defer { try? FileManager.default.removeItem(at: out) }
    let draws = events.filter { $0["event"] as? String == "draw" }
    let masks = draws.filter { $0["role"] as? String == "mask" }
    #expect(masks.count == 9)
    #expect(masks.allSatisfy { $0["consumer"] as? String == "model.drop" && ($0["source"] as? String ?? "").hasSuffix("training.py:19") })
    #expect(draws.filter { $0["op"] as? String == "randperm" }.count == 3)
    #expect(draws.prefix(4).map { $0["consumer"] as? String ?? "" } == ["model.fc1.weight", "model.fc1.bias", "model.fc2.weight", "model.fc2.bias"])
  }

  /// What the engine does not emulate stops the run at the call, with one
  /// located sentence saying what is accepted, exit 2 and no trace.
  @Test(arguments: [
    ("import torch\nimport torch.nn as nn\nc = nn.Conv2d(1, 1, 3, padding_mode='reflect')\ny = c(torch.ones(1, 1, 4, 4))\n", 4, "Conv2d(padding_mode='reflect').forward is not emulated"),
    ("import torch\nimport torch.nn.functional as F\nw = torch.ones(3, requires_grad=True)\ny = F.dropout(w * 1, 0.5, inplace=True)\n", 4, "in-place dropout of a tensor in the autograd graph is not emulated"),
    ("import torch\ng = torch.Generator().manual_seed(1)\nx = torch.rand(2, generator=g)\n", 3, "emulates the default generator only"),
    ("import torch.nn as nn\nm = nn.Linear(2, 2).to('cuda')\n", 2, "accepted: 'cpu'"),
    ("import torch\ns = torch.get_rng_state()\ntorch.set_rng_state(5)\n", 3, "takes the value torch.get_rng_state() returned"),
    // Autograd: an op with no backward rule, on a tensor that requires grad, is refused where it is called.
    ("import torch\nw = torch.ones(3, requires_grad=True)\nm = w.max()\n", 3, "autograd through Tensor.max() is not emulated"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\nc = torch.cat([w, w])\n", 3, "autograd through torch.cat() is not emulated"),
    ("import torch\nimport torch.nn.functional as F\nw = torch.ones(3)\ny = F.softmax(w, dim=0, dtype=torch.float64)\n", 4, "softmax(dtype=…) is not emulated"),
    ("import torch\nimport torch.nn as nn\nc = nn.Conv2d(1, 1, 3)\nw = torch.ones(3, requires_grad=True)\nm = w.argmax()\nz = w.max(dim=0)\n", 6, "autograd through Tensor.max() is not emulated"),
    ("import torch\nw = torch.ones(3, dtype=torch.float64, requires_grad=True)\n", 2, "autograd is emulated for float32 tensors"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\nn = w.numpy()\n", 3, "Use tensor.detach().numpy() instead"),
    ("import torch.nn as nn\nloss = nn.CrossEntropyLoss(label_smoothing=0.1)\n", 2, "label smoothing is not emulated"),
    ("import torch\nimport torch.nn as nn\nopt = torch.optim.Adam(nn.Linear(2, 1).parameters(), amsgrad=True)\n", 3, "Adam(amsgrad=True) is not emulated"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\ny = w * 2\ny += 1\n", 4, "in-place arithmetic on a tensor in the autograd graph is not emulated"),
    // A parameter replaced by one of the wrong shape is a located error, never a trap.
    ("import torch\nimport torch.nn as nn\nc = nn.Conv2d(1, 2, 3)\nc.weight = nn.Parameter(torch.ones(3))\ny = c(torch.ones(1, 1, 4, 4))\n", 5, "do not fit a 2-D convolution"),
    ("import torch\nimport torch.nn as nn\nn = nn.LayerNorm(4)\nn.weight = nn.Parameter(torch.ones(3))\ny = n(torch.ones(2, 4))\n", 5, "do not have 4 elements"),
  ])
  func refusesWhatItDoesNotEmulate(_ c: (text: String, line: Int, says: String)) throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("refused.py")
    try c.text.write(to: script, atomically: true, encoding: .utf8)
    let trace = out.appendingPathComponent("r.trace").path
    let result = try RNGDiffBinary.run(["run", script.path, "-o", trace])
    #expect(result.status == 2)
    let message = result.standardError.trimmingCharacters(in: .newlines)
    #expect(message.hasPrefix("rngdiff: \(script.path):\(c.line):"), "\(message)")
    #expect(message.contains(c.says), "\(message)")
    #expect(!message.contains("\n"))
    #expect(!FileManager.default.fileExists(atPath: trace))
  }
}
