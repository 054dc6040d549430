import Foundation
import TestSupport
import Testing

/// `rngdiff run` on the JAX/Flax/Optax scripts of fixtures/scripts/jax: each
/// prints what the real JAX 0.10.2, Flax 0.12.8 and Optax 0.2.8 printed
/// (expected.json, written by generate_expected.py run with those libraries),
/// keys, draws and initial parameters bit for bit, and ends as CPython ended.
///
/// Lines the scripts start with `~` hold float results of training
/// arithmetic (losses after optimizer steps): XLA's `exp`/`log`/`tanh` and
/// its blocked sums differ from the engine's in the last bits, so their
/// numbers are compared within ``JAXScriptTests/tolerance`` (relative), the
/// bound docs/scripts.md gives; every other line must match exactly.
@Suite struct JAXScriptTests {
  /// The relative difference allowed on `~` lines (measured: see docs/scripts.md, "JAX and Flax").
  static let tolerance = 1e-5

  static let cases = RunCommandTests.loadCases("jax")

  @Test func theGoldenScriptsAreAllThere() {
    #expect(Self.cases.count >= 6)
    #expect(Self.cases.contains { $0.exit != 0 })
  }

  /// Whether `got` is `want`, `~` lines within the tolerance.
  static func matches(_ got: String, _ want: String) -> Bool {
    let g = got.split(separator: "\n", omittingEmptySubsequences: false), w = want.split(separator: "\n", omittingEmptySubsequences: false)
    guard g.count == w.count else { return false }
    for (a, b) in zip(g, w) where a != b {
      guard b.hasPrefix("~") else { return false }
      let split: (Substring) -> [Substring] = { $0.split(whereSeparator: { " ,[]()".contains($0) }) }
      let ta = split(a), tb = split(b)
      guard ta.count == tb.count else { return false }
      for (x, y) in zip(ta, tb) where x != y {
        guard let dx = Double(x), let dy = Double(y) else { return false }
        if abs(dx - dy) > tolerance * max(abs(dy), 1e-30) { return false }
      }
    }
    return true
  }

  @Test func aToleranceLineFailsOutsideTheTolerance() {
    #expect(Self.matches("~loss 1.0000001\n", "~loss 1.0\n"))
    #expect(!Self.matches("~loss 1.001\n", "~loss 1.0\n"))
    #expect(!Self.matches("loss 1.0000001\n", "loss 1.0\n"), "only ~ lines have a tolerance")
  }

  @Test(arguments: cases)
  func printsWhatJAXPrintsAndEndsAsItEnded(_ c: RunCommandTests.Case) throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let (result, script, trace) = try RunCommandTests.runGolden(c, in: out)
    #expect(Self.matches(result.standardOutput, c.stdout), "\(result.standardOutput)\n---\n\(c.stdout)")
    if c.exit == 0 {
      #expect(result.status == 0, "\(result.standardError)")
      let show = try RNGDiffBinary.run(["show", trace])
      #expect(show.status == 0, "the trace does not read back: \(show.standardError)")
      #expect(show.standardOutput.contains("profile  jax 0.10.2"), "\(show.standardOutput)")
    } else {
      RunCommandTests.expectEndsWithTheException(c, result, script: script, trace: trace)
      #expect(result.standardError.contains(": \(c.errorType ?? "?"):"), "\(result.standardError)")
    }
  }

  /// Gradients whose exact values are known: d/dw sum(w*w) = 2w, through
  /// broadcasting, matmul, indexing, reshape and a pytree of a dict and a list.
  @Test func gradientsOfKnownFunctions() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("grads.py")
    try """
      import jax, jax.numpy as jnp
      w = jnp.array([1.0, 2.0, 3.0])
      print(jax.grad(lambda w: jnp.sum(w * w))(w).tolist())
      x = jnp.array([[1.0, 2.0], [3.0, 4.0]])
      g = jax.grad(lambda p: jnp.sum(x @ p["a"] + p["b"][0]))({"a": jnp.ones((2, 3)), "b": [jnp.zeros(3)]})
      print(g["a"].tolist(), g["b"][0].tolist())
      print(jax.grad(lambda v: v[1] * 5.0 + jnp.mean(v.reshape(3, 1)))(w).tolist())
      v, gw = jax.value_and_grad(lambda w, k: jnp.max(w) * k, argnums=0)(w, 2.0)
      print(float(v), gw.tolist())
      (v2, aux), g2 = jax.value_and_grad(lambda w: (jnp.sum(jax.nn.relu(w - 2.0)), "aux"), has_aux=True)(w)
      print(float(v2), aux, g2.tolist())

      """.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "-o", out.appendingPathComponent("t.trace").path])
    #expect(result.status == 0, "\(result.standardError)")
    let third = Float(1) / 3
    #expect(result.standardOutput == """
      [2.0, 4.0, 6.0]
      [[4.0, 4.0, 4.0], [6.0, 6.0, 6.0]] [2.0, 2.0, 2.0]
      [\(Double(third)), \(Double(5 + third)), \(Double(third))]
      6.0 [0.0, 0.0, 2.0]
      1.0 aux [0.0, 0.0, 1.0]

      """)
  }

  /// Key reuse is visible in the trace: the same key's stream drawn twice from counter 0.
  @Test func aReusedKeyDrawsItsStreamTwice() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("run.trace").path
    let script = RunCommandTests.scripts.appendingPathComponent("jax/key_reuse.py").path
    _ = try RNGDiffBinary.run(["run", script, "-o", trace])
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
    let normals = lines.filter { $0.contains(#""event":"draw""#) && $0.contains(#""op":"normal""#) }
    let reused = normals.filter { $0.contains(#""stream":"jax.key(0,1)""#) && $0.contains(#""counter":0,"#) }
    #expect(reused.count == 2, "\(normals)")
    let splits = lines.filter { $0.contains(#""rule":"jax.split""#) }
    #expect(splits.count == 4, "a split derives one stream per new key: \(splits)")
  }

  /// `rngdiff compare` of a script that reuses a key against one that splits it
  /// names the split only the second makes, at its line, and the second sample as its
  /// effect (docs/scripts.md, "What the trace shows").
  @Test func compareFindsWhereAReusedKeyAndASplitPart() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let head = "import jax\nkey = jax.random.key(0)\na = jax.random.normal(key, (3,))\n"
    let reuse = out.appendingPathComponent("reuse.py"), split = out.appendingPathComponent("split.py")
    try (head + "b = jax.random.normal(key, (3,))\n").write(to: reuse, atomically: true, encoding: .utf8)
    try (head + "key, sub = jax.random.split(key)\nb = jax.random.normal(sub, (3,))\n").write(to: split, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["compare", reuse.path, split.path])
    #expect(result.status == 1, "\(result.standardOutput)\(result.standardError)")
    #expect(result.standardOutput.contains("first divergence"), "\(result.standardOutput)")
    #expect(result.standardOutput.contains("├── extra-draw  <top>"), "the split only b makes: \(result.standardOutput)")
    #expect(result.standardOutput.contains("split.py:4"), "\(result.standardOutput)")
    #expect(result.standardOutput.contains("draw  <top>  from start  a.trace:8 / b.trace:13"), "the second normal is its effect: \(result.standardOutput)")
    let same = try RNGDiffBinary.run(["compare", reuse.path, reuse.path])
    #expect(same.status == 0, "\(same.standardOutput)")
  }

  /// The trace header names the versions emulated: jax and jaxlib always, flax and optax when imported.
  @Test func theLibrariesImportedAreRecordedWithTheirVersions() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    func libraries(_ text: String) throws -> [String: String] {
      let script = out.appendingPathComponent("s.py"), trace = out.appendingPathComponent("s.trace")
      try text.write(to: script, atomically: true, encoding: .utf8)
      try? FileManager.default.removeItem(at: trace)
      let run = try RNGDiffBinary.run(["run", script.path, "-o", trace.path])
      #expect(run.status == 0, "\(run.standardError)")
      let header = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n").first ?? ""
      let object = try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any]
      return ((object?["config"] as? [String: Any])?["libraries"] as? [String: String]) ?? [:]
    }
    let plain = try libraries("import jax\n")
    #expect(plain["jax"] == "0.10.2" && plain["jaxlib"] == "0.10.2", "\(plain)")
    #expect(plain["flax"] == nil && plain["optax"] == nil, "\(plain)")
    let all = try libraries("import jax\nimport flax.linen as nn\nimport optax\n")
    #expect(all["flax"] == "0.12.8" && all["optax"] == "0.2.8" && all["jax"] == "0.10.2", "\(all)")
  }

  /// Flax parameters and dropout masks are recorded under their module paths, read back by `show`.
  @Test func flaxConsumersAreTheModulePaths() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("run.trace").path
    let script = RunCommandTests.scripts.appendingPathComponent("jax/flax_dropout.py").path
    let run = try RNGDiffBinary.run(["run", script, "-o", trace])
    #expect(run.status == 0, "\(run.standardError)")
    let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
    let kernelDraws = lines.filter {
      $0.contains(#""event":"draw""#) && $0.contains(#""consumer":"params/Dense_0/kernel","role":"init""#) && $0.contains(#""op":"truncated_normal""#)
    }
    #expect(kernelDraws.count == 1, "\(kernelDraws)")
    #expect(lines.contains { $0.contains(#""event":"tensor""#) && $0.contains(#""name":"params/Dense_1/bias""#) })
    let derivations = lines.filter { $0.contains(#""rule":"flax.make_rng""#) && $0.contains(#""path":"Dense_0","count":"1""#) }
    #expect(!derivations.isEmpty && derivations.allSatisfy { $0.contains(#""fold_in":"2998342421""#) }, "\(derivations)")
    let masks = lines.filter { $0.contains(#""consumer":"dropout/Dropout_1","role":"dropout""#) && $0.contains(#""op":"bernoulli""#) }
    #expect(masks.count == 5, "three steps and two runs with key 7: \(masks.count)")
    let show = try RNGDiffBinary.run(["show", trace])
    #expect(show.standardOutput.contains("params/Dense_0/kernel (init)"), "\(show.standardOutput)")
    #expect(show.standardOutput.contains("dropout/Dropout_0 (dropout)"))
    #expect(!show.standardOutput.contains("findings"), "\(show.standardOutput)")
  }

  /// The configuration switch is in the trace and in the profile.
  @Test func theThreefrySwitchIsRecorded() throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trace = out.appendingPathComponent("run.trace").path
    let script = out.appendingPathComponent("old.py")
    try "import jax\njax.config.update('jax_threefry_partitionable', False)\nx = jax.random.uniform(jax.random.key(0), (2,))\n"
      .write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "-o", trace])
    #expect(result.status == 0, "\(result.standardError)")
    let text = try String(contentsOfFile: trace, encoding: .utf8)
    #expect(text.contains(#""semantics":"jax_threefry_partitionable=False""#))
    #expect(text.contains(#""rule":"jax.config.update""#))
  }

  @Test(arguments: [
    ("import jax\njax.config.update('jax_debug_nans', True)\n", ":2:19: jax.config.update() of 'jax_debug_nans' is not emulated; accepted: jax_default_prng_impl, jax_enable_x64, jax_threefry_partitionable"),
    ("import jax\njax.config.update('jax_enable_x64', 1)\n", ":2:37: jax.config.update('jax_enable_x64', ...) takes True or False, got int 1"),
    ("import jax.numpy as jnp\nx = jnp.ones((2, 2), dtype=jnp.float64) * 2\n", ""),
    ("import jax, jax.numpy as jnp\ng = jax.grad(lambda w: jnp.sum(w * w))(jnp.ones(3))\nh = jax.grad(lambda w: w)(jnp.ones(3))\n",
     ":3:5: TypeError: grad requires the function to return a scalar float32 array, got float32 array of shape (3,)"),
    ("import jax.numpy as jnp, flax.linen as nn\ny = nn.Dense(3)(jnp.ones((1, 2)))\n",
     ":2:5: the Flax module Dense is called outside init()/apply(); call model.init(key, x) or model.apply(params, x)"),
    ("import jax, jax.numpy as jnp, flax.linen as nn\ny = nn.Dense(3).apply({'params': {}}, jnp.ones((1, 2)))\n",
     ":2:5: flax.errors.ScopeParamNotFoundError: apply() has no parameter 'params/kernel'"),
    ("import jax\ng = jax.random.gamma(jax.random.key(0), 2.0, (3,))\n",
     ":2:5: gamma is emulated in float64 only (call jax.config.update(\"jax_enable_x64\", True) first): in float32"),
    ("import optax, jax.numpy as jnp\nl = optax.softmax_cross_entropy_with_integer_labels(jnp.zeros((2, 3)), jnp.array([0, 3]))\n",
     ":2:72: softmax_cross_entropy_with_integer_labels() label 3 is outside 0..<3 (JAX would give NaN)"),
    ("import optax, jax.numpy as jnp\nl = optax.softmax_cross_entropy(jnp.zeros((2, 3)), jnp.zeros((2, 3)), axis=0)\n",
     ":2:76: softmax_cross_entropy() argument 'axis' is emulated for axis=-1 only, got int 0"),
    ("import jax.numpy as jnp\nx = jnp.ones(3)\nprint('x is', x)\n",
     ":3:15: printing a JAX array of shape (3,) is not emulated (NumPy's array formatting is not reproduced); print x.tolist() or a 0-d value"),
    ("import jax\ns = f'{jax.random.key(0)}'\n",
     ":2:8: printing a JAX key array is not emulated"),
    ("import jax.numpy as jnp\nloss = jnp.ones(3).sum()\nprint(loss, f'{loss:.2f}', str(loss))\nprint({'loss': loss})\n",
     ":4:7: printing the repr of a 0-d JAX array (as lists, tuples and dicts print their items) is not emulated (NumPy's array formatting is not reproduced); print x.item() or the array itself"),
    ("from flax.training import train_state\n",
     ":1:1: ModuleNotFoundError: 'flax.training' is not available in rngdiff run yet; the JAX modules it has: jax, jax.numpy, jax.random, jax.nn, flax, flax.linen, optax"),
    ("import optax\ntx = optax.sgd(lambda step: 0.1)\n",
     ":2:16: optax learning_rate is emulated as a number only (not a schedule), got function"),
    ("import flax.linen as nn\nclass M(nn.Module):\n    width: int = 3\nm = M(4, 5)\n",
     ":4:10: TypeError: M() got 2 positional arguments but has 1 fields with defaults; pass fields by keyword, e.g. M(width=...)"),
  ])
  func refusedConstructsStopWithOneLocatedSentence(_ text: String, _ expected: String) throws {
    let out = try RunCommandTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let script = out.appendingPathComponent("bad.py")
    try text.write(to: script, atomically: true, encoding: .utf8)
    let result = try RNGDiffBinary.run(["run", script.path, "-o", out.appendingPathComponent("t.trace").path])
    if expected.isEmpty {
      #expect(result.status == 0, "\(result.standardError)")
    } else {
      #expect(result.status == 2)
      #expect(result.standardError.hasPrefix("rngdiff: \(script.path)\(expected)"), "\(result.standardError)")
    }
  }
}
