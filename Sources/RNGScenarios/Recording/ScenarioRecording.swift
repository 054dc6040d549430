import RNGRecording
import RNGEngine
import RNGStreams
import RNGTrace

/// One run of a scenario being recorded: the trace writer, the recorder, and
/// the program whose lines the trace points at.
///
/// Scenario code gives ``observer`` to every emulated stream it uses (at
/// construction, after ``at(_:)`` names the seeding line, so the seeding is
/// reported there), then
/// walks through the program: ``at(_:)`` names the statement, ``consuming(_:role:_:)``
/// says who asks for the draws, ``phase(_:index:name:_:)`` marks build, fit
/// and epochs, ``tensor(_:moment:shape:values:)`` and ``metric(_:epoch:value:)``
/// record what the forward pass computed.
///
/// ```swift
/// let run = ScenarioRecording(side: .a, program: program, header: header)
/// run.at("torch.manual_seed(16)")
/// var torch = try TorchGenerator(seed: 16, observer: run.observer)
/// try run.phase("build", name: "model") {
///   run.at("self.fc1 = nn.Linear(4, 8)")
///   _ = try run.consuming(each: ["model/fc1/weight", "model/fc1/bias"], role: "init") { try torch.linear(4, 8) }
/// }
/// let recorded = try run.finish()
/// ```
///
/// Edge cases: the trace is kept in memory; ``finish()`` may be called once.
public final class ScenarioRecording {
  /// Which side this run is.
  public let side: ScenarioSide
  /// The program the run stands for.
  public let program: ScenarioProgram
  let recorder: TraceRecorder
  let relay: DrawRelay

  /// The observer to give every emulated stream of this run.
  public var observer: any DrawObserver { relay }

  /// A run that writes `header` first. With `keepsValues`, draws and tensors
  /// carry their values, not only digests (the differ then shows how much
  /// values differ).
  public init(side: ScenarioSide, program: ScenarioProgram, header: RunHeader, keepsValues: Bool = false) {
    self.side = side
    self.program = program
    recorder = TraceRecorder(writer: TraceWriter(header: header), keepsValues: keepsValues)
    relay = DrawRelay(recorder: recorder)
  }

  /// The statement the following work belongs to: the one line of the
  /// program containing `fragment`.
  public func at(_ fragment: String) {
    recorder.source = program.source(fragment)
  }

  /// Runs `body` with its draws attributed to `path` / `role`.
  public func consuming<T>(_ path: String, role: String, _ body: () throws -> T) rethrows -> T {
    try recorder.consuming(path, role: role, body)
  }

  /// Runs `body`, whose draws are attributed to `paths` in turn (one draw
  /// each), all with `role`: torch's `nn.Linear` draws `weight`, then `bias`.
  public func consuming<T>(each paths: [String], role: String, _ body: () throws -> T) rethrows -> T {
    relay.queue = paths.map { Consumer($0, role: role) }
    defer {
      precondition(relay.queue.isEmpty, "fewer draws than consumers: \(relay.queue.map(\.path)) left")
      relay.queue = []
    }
    return try body()
  }

  /// Runs `body` with the recorder deaf: its draws advance the streams but
  /// are not in the trace (a consumer the recorder cannot see).
  public func untraced<T>(_ body: () throws -> T) rethrows -> T {
    relay.paused = true
    defer { relay.paused = false }
    return try body()
  }

  /// Runs `body` between phase markers (`build`, `fit`, `epoch` 2, `predict`).
  public func phase<T>(_ phase: String, index: Int? = nil, name: String? = nil, _ body: () throws -> T) throws -> T {
    try recorder.phase(phase, index: index, name: name, body)
  }

  /// Records a float32 tensor (a weight, the predictions).
  public func tensor(_ name: String, moment: TensorMoment, shape: [Int], values: [Float]) throws {
    try recorder.tensor(name, moment: moment, shape: shape, values: .float32(values))
    relay.noteWritten(.tensor, name: name, role: moment.word)
  }

  /// Records a metric value (`loss`, `val_loss`) for an epoch.
  public func metric(_ name: String, epoch: Int? = nil, value: Double) throws {
    try recorder.metric(name, epoch: epoch, value: value)
    relay.noteWritten(.metric, name: name, role: "", value: value)
  }

  /// Closes the trace and returns it with the events written.
  public func finish() throws -> RecordedRun {
    try recorder.finish()
    return RecordedRun(side: side, program: program, bytes: recorder.writer.bytes, events: relay.events)
  }
}
