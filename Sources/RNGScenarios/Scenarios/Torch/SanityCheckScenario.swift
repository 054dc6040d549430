import RNGTrace
import TorchStreams

/// Lightning#6988, "Val sanity steps affect seed reproducibility of train
/// shuffling": a validation pass before training draws from the same torch
/// generator as the training shuffle, so the training data order changes.
enum SanityCheckScenario {
  static let sanityCheck = [
    "# Lightning's sanity check, run by Trainer.fit before training: validation batches in random order",
    "model.eval()",
    "with torch.no_grad():",
    "    val_order = torch.randperm(8)",
    "    val_losses = [F.mse_loss(model(x[batch]), y[batch]) for batch in val_order.split(4)]",
    "model.train()",
  ]

  static let plain = TorchMLP.program(path: "a.py")
  static let withSanityCheck = TorchMLP.program(path: "b.py", beforeLoop: sanityCheck)

  static func record(_ side: ScenarioSide) throws -> RecordedRun {
    let program = side == .a ? plain : withSanityCheck
    let run = ScenarioRecording(
      side: side, program: program,
      header: TorchMLP.header(label: side == .a ? "fit" : "fit after a sanity check", program: program))
    run.at("torch.manual_seed(16)")
    var torch = try TorchGenerator(seed: 16, observer: run.observer)
    let model = try run.phase("build", name: "model") { () throws -> TorchMLP in
      run.at("model = Net()")
      let model = try TorchMLP.make(run, &torch)
      try model.recordParameters(run)
      return model
    }
    if side == .b {
      try run.phase("sanity_check") {
        run.at("val_order = torch.randperm(8)")
        let order = try run.consuming("sanity_check/val", role: "shuffle") { try torch.randperm(8) }
        // The validation losses are computed (eval mode, no dropout) but, as in Lightning, not logged.
        guard let indices = order.integers?.map({ Int($0) }) else { preconditionFailure("randperm gives integers") }
        for start in stride(from: 0, to: 8, by: 4) {
          let batch = Array(indices[start..<start + 4])
          _ = MeanSquaredError.of(model.forward(TorchMLP.inputs.gathering(rows: batch)), TorchMLP.targets.gathering(rows: batch))
        }
      }
    }
    try model.train(run, &torch)
    return try run.finish()
  }

  static let scenario = TraceScenario(
    name: "data-order",
    title: "A validation sanity check moves the training shuffle",
    reference: "Lightning#6988",
    story: """
      A Lightning user finds that the number of validation sanity steps changes the order in which \
      the training data is shuffled, with every seed fixed. Before training, Lightning's `Trainer` \
      runs a few validation batches (the sanity check); when those are drawn in random order, the \
      draw comes from the same torch generator as the training shuffle, which then starts further \
      along it. Here the loop is written out by hand: run a trains directly, run b first runs the \
      sanity check Lightning would run.
      """,
    programA: plain, programB: withSanityCheck,
    expectation: ScenarioExpectation(
      kind: "data-order", consumer: "sanity_check/val", role: "shuffle", stream: "torch \"cpu-default\"", a: nil,
      b: EventReference(.draw, "sanity_check/val", role: "shuffle")
    ) { a, b in
      let units = b.first(.draw, "sanity_check/val", role: "shuffle")?.count ?? 0
      let ca = a.first(.draw, "fit/epoch", role: "shuffle")?.counter ?? 0
      let cb = b.first(.draw, "fit/epoch", role: "shuffle")?.counter ?? 0
      return """
        **data-order** at `sanity_check/val (shuffle)`: b draws \(units) u32 words from torch's \
        `cpu-default` generator that a does not, for the validation order. They belong to the input \
        pipeline, so the data order differs: the first training shuffle, `fit/epoch (shuffle)`, is at \
        counter \(ca) in a and \(cb) in b. Every shuffle, every dropout mask and the losses are its \
        effects; the initial weights and the eval-mode predictions are not (the weights were drawn \
        before, and the predictions use no random draw).
        """
    }
  ) { try record($0) }
}
