import RNGStreams
import RNGTrace
import TorchStreams

/// The small torch model most torch scenarios share, as its program text
/// and as the code that runs that text:
///
/// ```python
/// class Net(nn.Module):            # fc1 = Linear(4, 8), relu, dropout(0.5), fc2 = Linear(8, 1)
/// x = torch.arange(32, dtype=torch.float32).reshape(8, 4) / 16 - 1
/// y = (torch.arange(8) % 2).float().reshape(8, 1)
/// torch.manual_seed(16)
/// model = Net()
/// for epoch in range(1, 4):        # shuffle, two batches of 4 with dropout, loss
/// ```
///
/// The weights come from `TorchGenerator.linear` (nn.Linear's default
/// init), the masks from `TorchGenerator.dropout`, the order from
/// `TorchGenerator.randperm`: the emulated torch CPU generator, bit for bit.
struct TorchMLP {
  var fc1Weight: Float32Matrix  // [8, 4], torch layout (out, in)
  var fc1Bias: [Float]
  var fc2Weight: Float32Matrix  // [1, 8]
  var fc2Bias: [Float]

  static let torchVersion = "2.15.0"

  /// The fixed inputs: `torch.arange(32).reshape(8, 4) / 16 - 1` (exact in float32).
  static let inputs = Float32Matrix(rows: 8, columns: 4) { r, c in Float(r * 4 + c) / 16 - 1 }
  /// The fixed targets: `arange(8) % 2`.
  static let targets = Float32Matrix(rows: 8, columns: 1) { r, _ in Float(r % 2) }

  /// The program text. `setup` are the lines after `torch.manual_seed(16)`
  /// (by default `model = Net()`); `beforeLoop` lines come right before the
  /// training loop.
  static func program(
    path: String, seedLine: String = "torch.manual_seed(16)", setup: [String] = ["model = Net()"],
    beforeLoop: [String] = [], command: String? = nil
  ) -> ScenarioProgram {
    let setupText = setup.joined(separator: "\n")
    let before = beforeLoop.isEmpty ? "" : beforeLoop.joined(separator: "\n") + "\n\n"
    return ScenarioProgram(path: path, text: """
      import torch
      import torch.nn as nn
      import torch.nn.functional as F


      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc1 = nn.Linear(4, 8)
              self.fc2 = nn.Linear(8, 1)

          def forward(self, x):
              h = F.relu(self.fc1(x))
              h = F.dropout(h, p=0.5, training=self.training)
              return self.fc2(h)


      x = torch.arange(32, dtype=torch.float32).reshape(8, 4) / 16 - 1
      y = (torch.arange(8) % 2).float().reshape(8, 1)

      \(seedLine)
      \(setupText)

      \(before)for epoch in range(1, 4):
          order = torch.randperm(8)
          losses = [F.mse_loss(model(x[batch]), y[batch]) for batch in order.split(4)]
          print(f"epoch {epoch}: loss {torch.stack(losses).mean().item():.6f}")

      model.eval()
      print(model(x))
      """, command: command)
  }

  /// `model = Net()`: fc1's weight and bias, then fc2's, as `nn.Linear` draws them.
  static func make(_ run: ScenarioRecording, _ torch: inout TorchGenerator) throws -> TorchMLP {
    run.at("self.fc1 = nn.Linear(4, 8)")
    let fc1 = try run.consuming(each: ["model/fc1/weight", "model/fc1/bias"], role: "init") { try torch.linear(4, 8) }
    run.at("self.fc2 = nn.Linear(8, 1)")
    let fc2 = try run.consuming(each: ["model/fc2/weight", "model/fc2/bias"], role: "init") { try torch.linear(8, 1) }
    return TorchMLP(
      fc1Weight: Float32Matrix(rows: 8, columns: 4, values: floats(fc1[0])), fc1Bias: floats(fc1[1]),
      fc2Weight: Float32Matrix(rows: 1, columns: 8, values: floats(fc2[0])), fc2Bias: floats(fc2[1]))
  }

  static func floats(_ p: TorchParameter) -> [Float] {
    guard let values = p.values.float32 else { preconditionFailure("nn.Linear parameters are float32") }
    return values
  }

  /// Records the four parameters as `init` tensors.
  func recordParameters(_ run: ScenarioRecording) throws {
    try run.tensor("model/fc1/weight", moment: .initial, shape: [8, 4], values: fc1Weight.values)
    try run.tensor("model/fc1/bias", moment: .initial, shape: [8], values: fc1Bias)
    try run.tensor("model/fc2/weight", moment: .initial, shape: [1, 8], values: fc2Weight.values)
    try run.tensor("model/fc2/bias", moment: .initial, shape: [1], values: fc2Bias)
  }

  /// `model(x)` in eval mode: `fc2(relu(fc1(x)))`.
  func forward(_ x: Float32Matrix) -> Float32Matrix {
    output(hidden(x))
  }

  /// `model(x)` in training mode: `fc2(dropout(relu(fc1(x))))`.
  func forward(_ x: Float32Matrix, dropout: (Float32Matrix) throws -> Float32Matrix) rethrows -> Float32Matrix {
    output(try dropout(hidden(x)))
  }

  func hidden(_ x: Float32Matrix) -> Float32Matrix {
    x.matmul(fc1Weight.transposed).addingBias(fc1Bias).map(Activation.relu.callAsFunction)
  }

  func output(_ h: Float32Matrix) -> Float32Matrix {
    h.matmul(fc2Weight.transposed).addingBias(fc2Bias)
  }

  /// `F.dropout(h, p=0.5, training=True)` with the emulated generator.
  static func dropout(_ run: ScenarioRecording, _ torch: inout TorchGenerator, _ h: Float32Matrix) throws -> Float32Matrix {
    run.at("h = F.dropout(h, p=0.5")
    let out = try run.consuming("model/dropout", role: "mask") {
      try torch.dropout(.float32(h.values), shape: h.shape, p: 0.5)
    }
    guard let values = out.float32 else { preconditionFailure("dropout of float32 is float32") }
    return Float32Matrix(rows: h.rows, columns: h.columns, values: values)
  }

  /// The training loop: three epochs of a shuffle, two batches of four with
  /// dropout, and the epoch loss (the mean of the batch losses); then the
  /// eval-mode predictions.
  func train(_ run: ScenarioRecording, _ torch: inout TorchGenerator) throws {
    try run.phase("fit") {
      for epoch in 1...3 {
        try run.phase("epoch", index: epoch) {
          run.at("    order = torch.randperm(8)")
          let order = try run.consuming("fit/epoch", role: "shuffle") { try torch.randperm(8) }
          guard let indices = order.integers?.map({ Int($0) }) else { preconditionFailure("randperm gives integers") }
          var losses: [Float] = []
          for start in stride(from: 0, to: 8, by: 4) {
            let batch = Array(indices[start..<start + 4])
            let prediction = try forward(Self.inputs.gathering(rows: batch)) { try Self.dropout(run, &torch, $0) }
            losses.append(MeanSquaredError.of(prediction, Self.targets.gathering(rows: batch)))
          }
          try run.metric("loss", epoch: epoch, value: Double(Summation.sequential.mean(losses)))
        }
      }
    }
    try run.phase("predict") {
      let predictions = forward(Self.inputs)
      try run.tensor("predictions", moment: .final, shape: predictions.shape, values: predictions.values)
    }
  }

  /// A torch header: torch 2.15.0 on the CPU, with `extra` configuration.
  static func header(label: String, program: ScenarioProgram, config: RunConfig = RunConfig(device: "cpu")) -> RunHeader {
    var config = config
    if !config.libraries.contains(where: { $0.name == "torch" }) {
      config.libraries.insert(NamedValue("torch", torchVersion), at: 0)
    }
    return ScenarioHeader.make(
      profile: TraceProfile(framework: .torch, version: torchVersion), label: label, program: program, config: config)
  }
}
