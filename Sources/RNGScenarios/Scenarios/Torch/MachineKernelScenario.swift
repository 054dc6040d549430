import RNGTrace
import TorchStreams

/// The same seeded torch script on two x86-64 machines: one runs PyTorch's
/// AVX2 CPU kernels, the other the DEFAULT ones (a CPU without AVX2, or
/// `ATEN_CPU_CAPABILITY=default`). The kernels draw the same words but round
/// `uniform_` differently (one fused multiply-add against two roundings).
/// When the traces do not record the CPU capability, no rule can explain the
/// difference: `unexplained`.
enum MachineKernelScenario {
  static let programA = TorchMLP.program(path: "train.py", command: "python train.py   # machine 1: AVX2")
  static let programB = TorchMLP.program(
    path: "train.py", command: "python train.py   # machine 2: ATEN_CPU_CAPABILITY=default")

  /// Records the script on a machine running `kernel`; `recordsCapability`
  /// writes the capability into the header's environment.
  static func record(_ side: ScenarioSide, recordsCapability: Bool) throws -> RecordedRun {
    let kernel: TorchCPUKernel = side == .a ? .avx2 : .default
    let program = side == .a ? programA : programB
    var config = RunConfig(device: "cpu")
    if recordsCapability {
      config.environment = [NamedValue("torch.backends.cpu.get_cpu_capability()", kernel.capabilityName)]
    }
    let run = ScenarioRecording(
      side: side, program: program,
      header: TorchMLP.header(label: side == .a ? "machine 1" : "machine 2", program: program, config: config),
      keepsValues: true)
    run.at("torch.manual_seed(16)")
    var torch = try TorchGenerator(seed: 16, kernel: kernel, observer: run.observer)
    let model = try run.phase("build", name: "model") { () throws -> TorchMLP in
      run.at("model = Net()")
      let model = try TorchMLP.make(run, &torch)
      try model.recordParameters(run)
      return model
    }
    try model.train(run, &torch)
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "unexplained",
    title: "Same seed, same draws, other values: a setting the traces do not record",
    reference: "reports 003 and 004 (\"minor variation due to precision on different machines\")",
    story: """
      The reproducibility recipes of reports 003 and 004 promise identical results run after run, \
      "possibly with some minor variation due to precision on different machines". Here is such a \
      variation: the same seeded script on two x86-64 machines. PyTorch picks its CPU kernels at \
      start-up (`torch.backends.cpu.get_cpu_capability()`): AVX2 on machine 1, DEFAULT on machine 2 \
      (an older CPU, or `ATEN_CPU_CAPABILITY=default`). Both draw the same words from the same \
      generator, but `uniform_` rounds differently (one fused multiply-add against a multiply and an \
      add), so `nn.Linear`'s initial weights differ in their last bits.

      These traces record the device but not the CPU capability. rngdiff then sees the same stream, \
      the same counter, the same parameters and the same configuration, and yet other values: no \
      rule explains it, and it says so instead of guessing. (When the producer records the \
      capability, the same pair is a `config-mismatch` naming it; the scenario tests check that too.)
      """,
    programA: programA, programB: programB,
    expectation: ScenarioExpectation(
      kind: "unexplained", consumer: "model/fc2/weight", role: "init", stream: "torch \"cpu-default\"",
      a: EventReference(.draw, "model/fc2/weight", role: "init"), b: EventReference(.draw, "model/fc2/weight", role: "init")
    ) { a, _ in
      let draw = a.first(.draw, "model/fc2/weight", role: "init")
      return """
        **unexplained** at `model/fc2/weight (init)`: both runs draw the same \(draw?.count ?? 0) words \
        from torch's `cpu-default` generator at counter \(draw?.counter ?? 0) with the same parameters, \
        yet the values differ, by one unit in the last place (the report shows the element-wise \
        summary). `model/fc2/bias` is a second, independent case of the same. `model/fc1` agrees: \
        its bound is ±0.5, so `x * (to - from) + from` multiplies by 1.0 exactly and both kernels \
        round once. The predictions differ as an effect.
        """
    },
    method: """
      Run a uses the emulated AVX2 kernels (`TorchCPUKernel.avx2`), run b the DEFAULT ones \
      (`TorchCPUKernel.default`); the traces keep their values, so the report can compare them \
      element by element.
      """
  ) { try record($0, recordsCapability: false) }

  /// The same pair recorded by a producer that writes the CPU capability
  /// into the header (no fixture: the scenario tests diff it in memory).
  static let capabilityRecorded = TraceScenario(
    name: "unexplained-with-capability", title: scenario.title, reference: scenario.reference, story: scenario.story,
    programA: programA, programB: programB,
    expectation: ScenarioExpectation(
      kind: "config-mismatch", consumer: "model/fc2/weight", role: "init", stream: "torch \"cpu-default\"",
      a: EventReference(.draw, "model/fc2/weight", role: "init"), b: EventReference(.draw, "model/fc2/weight", role: "init")
    ) { _, _ in "**config-mismatch** naming the CPU capability." }
  ) { try record($0, recordsCapability: true) }
}
