import RNGTrace
import TorchStreams

/// The GPU atomics story: two runs of one seeded script on a GPU draw exactly
/// the same numbers, but a loss summed with `index_add_` (atomic adds on
/// CUDA) adds the same float32 values in another order, so the loss differs
/// in its last bits.
enum AtomicAddScenario {
  static func program(_ command: String) -> ScenarioProgram {
    ScenarioProgram(path: "train.py", text: """
      import torch
      import torch.nn as nn


      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc1 = nn.Linear(4, 8)
              self.fc2 = nn.Linear(8, 1)

          def forward(self, x):
              return self.fc2(torch.relu(self.fc1(x)))


      x = (torch.arange(32, dtype=torch.float32).reshape(8, 4) / 16 - 1).cuda()
      y = (torch.arange(8) % 2).float().reshape(8, 1).cuda()
      group = (torch.arange(8) // 4).cuda()  # two groups of four samples

      torch.manual_seed(16)
      model = Net().cuda()  # initialised with the CPU generator, then copied to the GPU

      with torch.no_grad():
          for epoch in range(1, 4):
              order = torch.randperm(8)  # CPU generator
              err = (model(x[order]) - y[order]).pow(2).squeeze(1)
              per_group = torch.zeros(2, device="cuda").index_add_(0, group[order], err)  # atomic adds
              loss = per_group.sum() / 8
              print(f"epoch {epoch}: loss {loss.item():.9f}")
      """, command: command)
  }

  static let programA = program("python train.py   # run 1")
  static let programB = program("python train.py   # run 2")

  /// The order in which the eight atomic adds land in each run: run 1 in
  /// sample order, run 2 in reverse (one of the orders the GPU may choose).
  static func arrival(_ side: ScenarioSide) -> [Int] { side == .a ? Array(0..<8) : Array((0..<8).reversed()) }

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? programA : programB
    let config = RunConfig(device: "cuda:0", libraries: [NamedValue("torch", TorchMLP.torchVersion)])
    let run = ScenarioRecording(
      side: side, program: program,
      header: TorchMLP.header(label: side == .a ? "run 1" : "run 2", program: program, config: config), keepsValues: true)
    run.at("torch.manual_seed(16)")
    var torch = try TorchGenerator(seed: 16, observer: run.observer)
    let model = try run.phase("build", name: "model") { () throws -> TorchMLP in
      run.at("model = Net().cuda()")
      let model = try TorchMLP.make(run, &torch)
      try model.recordParameters(run)
      return model
    }
    try run.phase("fit") {
      for epoch in 1...3 {
        try run.phase("epoch", index: epoch) {
          run.at("order = torch.randperm(8)")
          let order = try run.consuming("fit/epoch", role: "shuffle") { try torch.randperm(8) }
          guard let indices = order.integers?.map({ Int($0) }) else { preconditionFailure("randperm gives integers") }
          let prediction = model.forward(TorchMLP.inputs.gathering(rows: indices))
          let target = TorchMLP.targets.gathering(rows: indices)
          let err = zip(prediction.values, target.values).map { p, t -> Float in
            let d = p - t
            return d * d
          }
          // index_add_: err[i] goes to group[order[i]]; the adds land in `arrival` order.
          var perGroup: [Float] = [0, 0]
          for i in arrival(side) { perGroup[indices[i] / 4] += err[i] }
          let loss = (perGroup[0] + perGroup[1]) / 8
          try run.metric("loss", epoch: epoch, value: Double(loss))
        }
      }
    }
    return try run.finish()
  }

  /// The first epoch whose loss differs between the two runs (from 1), as
  /// the scenario computes it.
  static let scenario = TraceScenario(
    name: "numeric-nondeterminism",
    title: "Same draws, other loss: float32 atomic adds in another order",
    reference: "the GPU notes of reports 003 and 004; PyTorch's reproducibility notes (index_add_ on CUDA)",
    story: """
      Reports 003 and 004 warn that on a GPU "some operations have non-deterministic outputs": \
      thousands of threads add into the same memory with atomic adds, in whatever order they \
      finish, and float32 addition is not associative. Here one seeded script runs twice on a GPU. \
      Its weights and shuffles come from the CPU generator and are identical; its loss is summed \
      per group with `index_add_`, which PyTorch lists as nondeterministic on CUDA. The eight adds \
      land in sample order in run 1 and in reverse order in run 2, and the loss differs in its last \
      bits.
      """,
    programA: programA, programB: programB,
    expectation: ScenarioExpectation(
      kind: "numeric-nondeterminism", consumer: "loss", role: "epoch \(firstDifferentEpoch)", stream: nil,
      a: EventReference(.metric, "loss", occurrence: firstDifferentEpoch - 1),
      b: EventReference(.metric, "loss", occurrence: firstDifferentEpoch - 1)
    ) { a, b in
      let va = a.events(.metric, "loss")[firstDifferentEpoch - 1].value ?? 0
      let vb = b.events(.metric, "loss")[firstDifferentEpoch - 1].value ?? 0
      return """
        **numeric-nondeterminism** at the metric `loss` of epoch \(firstDifferentEpoch): every draw \
        before it matches in both runs (same streams, counters and values), the configuration is the \
        same, and yet the loss is \(va) in a and \(vb) in b. The fix is deterministic kernels \
        (`torch.use_deterministic_algorithms(True)`: torch 2.15's documentation lists `index_add` on \
        CUDA among the ops it then runs deterministically; others, such as `cumsum` on CUDA, raise).
        """
    },
    method: """
      The draws are the emulated CPU generator's. The atomic adds are emulated by adding the \
      per-sample errors into their group in a fixed order per run (`AtomicAddScenario.arrival`): \
      sample order in run 1, reverse order in run 2. A real GPU picks its order at run time.
      """
  ) { try record($0) }

  /// Epoch 1 is the first whose two summation orders give different floats
  /// (the scenario tests recompute this from the recorded losses).
  static let firstDifferentEpoch = 1
}
