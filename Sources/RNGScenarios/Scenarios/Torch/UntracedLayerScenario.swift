import RNGTrace
import TorchStreams

/// pytorch#46149: "seeding does not work when I initialize a linear model
/// even if I do not use it", with the unused layer invisible to the recorder
/// (`stream-offset`). The same layer fully traced is a script pair,
/// `fixtures/scripts/classic/extra-draw/`; a script cannot hide a draw from
/// `rngdiff run`, so this one stays a scenario.
enum UntracedLayerScenario {
  enum Classifier {
    case none
    case afterModelUntraced
  }

  static let classifierLine = "classifier = nn.Linear(640, 5)  # never used"

  static func record(_ side: ScenarioSide, program: ScenarioProgram, label: String, classifier: Classifier) throws -> RecordedRun {
    let run = ScenarioRecording(side: side, program: program, header: TorchMLP.header(label: label, program: program))
    run.at("torch.manual_seed(16)")
    var torch = try TorchGenerator(seed: 16, observer: run.observer)
    let model = try run.phase("build", name: "model") { () throws -> TorchMLP in
      run.at("model = Net()")
      let model = try TorchMLP.make(run, &torch)
      if classifier == .afterModelUntraced {
        try run.untraced { try buildClassifier(run, &torch) }
      }
      try model.recordParameters(run)
      return model
    }
    try model.train(run, &torch)
    return try run.finish()
  }

  /// The classifier's draws: its weight and bias, as `nn.Linear(640, 5)` makes them.
  static func buildClassifier(_ run: ScenarioRecording, _ torch: inout TorchGenerator) throws {
    run.at(classifierLine)
    _ = try run.consuming(each: ["classifier/weight", "classifier/bias"], role: "init") { try torch.linear(640, 5) }
  }

  static let withoutClassifier = TorchMLP.program(path: "a.py")
  static let classifierUntraced = TorchMLP.program(
    path: "b.py", setup: ["model = Net()", "classifier = nn.Linear(640, 5)  # never used; not in b.trace"])

  static let story = """
    A user reports that one line, `classifier = nn.Linear(640, 5)`, changes their accuracy from 85% \
    to 87% although the layer is never used and every seed is set. Creating an `nn.Linear` \
    initialises its weight and bias (`kaiming_uniform_`, then `uniform_`), and those draws come \
    from the same torch generator the model and the training loop draw from: everything created \
    after the layer gets other numbers.
    """

  static let streamOffset = TraceScenario(
    name: "stream-offset",
    title: "An unused `nn.Linear` the trace cannot see",
    reference: "pytorch#46149",
    story: story + """


      Here the classifier is created after the model, and b's trace was recorded with the recorder \
      paused while it was built: what a recorder that sees only part of the program (one attached \
      to the model alone, say) would give. The generator still advanced, but no draw in b.trace \
      accounts for it. rngdiff cannot name a consumer it never saw; it says where the stream jumped \
      and by how much, and the trace reader reports the counter gap.
      """,
    programA: withoutClassifier,
    programB: classifierUntraced,
    expectation: ScenarioExpectation(
      kind: "stream-offset", consumer: "fit/epoch", role: "shuffle", stream: "torch \"cpu-default\"",
      a: EventReference(.draw, "fit/epoch", role: "shuffle"), b: EventReference(.draw, "fit/epoch", role: "shuffle")
    ) { a, b in
      let ca = a.first(.draw, "fit/epoch", role: "shuffle")?.counter ?? 0
      let cb = b.first(.draw, "fit/epoch", role: "shuffle")?.counter ?? 0
      return """
        **stream-offset** at `fit/epoch (shuffle)` in epoch 1: the first shuffle draws from torch's \
        `cpu-default` generator at counter \(ca) in a and \(cb) in b, and no traced draw accounts for \
        the \(cb - ca) u32 words between them. The reader also reports a counter gap in b.trace. The \
        later shuffles, the dropout masks and the losses are its effects; the model's weights and \
        its eval-mode predictions are not (the weights were drawn before the gap).
        """
    },
    method: "b's classifier was built inside `ScenarioRecording.untraced`: its draws advanced the emulated generator but were not written."
  ) { side in
    try record(
      side, program: side == .a ? withoutClassifier : classifierUntraced,
      label: side == .a ? "without classifier" : "classifier built while the recorder was paused",
      classifier: side == .a ? .none : .afterModelUntraced)
  }
}
