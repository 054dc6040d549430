import NumPyStreams
import RNGTrace

/// Two NumPy stories: a run launched with another seed (`seed-mismatch`), and
/// a script moved from the legacy global functions to `default_rng`
/// (`algorithm-mismatch`).
enum NumPySeedScenarios {
  static let legacyA = NumPyMLP.program(path: "train.py", flavour: .legacy, command: "python train.py --seed 42")
  static let legacyB = NumPyMLP.program(path: "train.py", flavour: .legacy, command: "python train.py")
  static let legacy = NumPyMLP.program(path: "a.py", flavour: .legacy, command: "python a.py")
  static let generator = NumPyMLP.program(path: "b.py", flavour: .generator, command: "python b.py")

  static let seedMismatch = TraceScenario(
    name: "seed-mismatch",
    title: "The rerun took the default seed",
    reference: nil,
    story: """
      A NumPy training script takes its seed from the command line. The first run was launched \
      with `--seed 42`; the rerun meant to reproduce it was launched without the flag, so \
      `argparse` supplied the default, 0. Same program, same data: every weight, mask and shuffle \
      differs, and nothing in the output says why.
      """,
    programA: legacyA, programB: legacyB,
    expectation: ScenarioExpectation(
      kind: "seed-mismatch", consumer: "w1", role: "init", stream: "numpy \"global\"",
      a: EventReference(.draw, "w1", role: "init"), b: EventReference(.draw, "w1", role: "init")
    ) { _, _ in
      """
      **seed-mismatch** at `w1 (init)`: the first draw comes from NumPy's global stream seeded \
      `init_genrand(42)` (`np.random.seed(42)`) in a and `init_genrand(0)` (`np.random.seed(0)`) in \
      b. Every later draw on that stream, the weights, the losses: its effects. The fix names both \
      seeding calls.
      """
    }
  ) { side in
    let program = side == .a ? legacyA : legacyB
    let run = ScenarioRecording(
      side: side, program: program, header: NumPyMLP.header(label: side == .a ? "--seed 42" : "default seed", program: program))
    run.at("np.random.seed(args.seed)")
    var numpy = try RandomState(seed: side == .a ? 42 : 0, observer: run.observer)
    try NumPyMLP.record(run, &numpy)
    return try run.finish()
  }

  static let algorithmMismatch = TraceScenario(
    name: "algorithm-mismatch",
    title: "Moving to `np.random.default_rng` changes every number",
    reference: "NumPy's advice to move from the legacy `np.random.seed` functions to `default_rng`",
    story: """
      NumPy recommends replacing the legacy global functions (`np.random.seed`, `np.random.randn`) \
      with a `Generator` from `np.random.default_rng(seed)`. A user ports a script and keeps the \
      seed, 0, expecting the same run. But the legacy functions draw from MT19937 and the \
      `Generator` from PCG64, seeded through `SeedSequence`, with other samplers too (a ziggurat \
      for normals): no draw can agree.
      """,
    programA: legacy, programB: generator,
    expectation: ScenarioExpectation(
      kind: "algorithm-mismatch", consumer: "w1", role: "init", stream: "numpy \"global\"",
      a: EventReference(.draw, "w1", role: "init"), b: EventReference(.draw, "w1", role: "init")
    ) { _, _ in
      """
      **algorithm-mismatch** at `w1 (init)`: the same consumer draws from NumPy's global stream \
      (`mt19937`) in a but from `default_rng(0)` (`pcg64`) in b; different generators never give \
      the same values. Every later draw, the weights and the losses are its effects.
      """
    }
  ) { side in
    let program = side == .a ? legacy : generator
    let run = ScenarioRecording(
      side: side, program: program,
      header: NumPyMLP.header(label: side == .a ? "np.random.seed(0)" : "np.random.default_rng(0)", program: program))
    if side == .a {
      run.at("np.random.seed(args.seed)")
      var numpy = try RandomState(seed: 0, observer: run.observer)
      try NumPyMLP.record(run, &numpy)
    } else {
      run.at("rng = np.random.default_rng(args.seed)")
      var rng = try NumPyGenerator(seed: 0, observer: run.observer)
      try NumPyMLP.record(run, &rng)
    }
    return try run.finish()
  }
}
