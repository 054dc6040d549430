import RNGStreams
import RNGTrace

/// Writes a trace of everything the emulated streams do: the draw observer
/// that turns ``DrawReport``s and ``SeedDerivation``s into trace events, with
/// the consumer the engine is running at that moment.
///
/// The streams report what was drawn; only the engine knows who asked, so
/// it sets the consumer around each piece of work:
///
/// ```swift
/// let recorder = TraceRecorder(writer: TraceWriter(header: header))
/// var torch = try TorchGenerator(seed: 0)
/// torch.observer = recorder
/// try recorder.consuming("model/fc1", role: "init") { _ = try torch.linear(4, 8) }
/// try recorder.finish()
/// ```
///
/// Streams: each stream identity gets a trace stream id when it first draws
/// (`torch.cpu-default`). When a stream is seeded again its counter starts
/// over, so the recorder declares the id again, which the trace format reads
/// as a reseed (docs/trace-format.md); counters between declarations stay
/// contiguous, which is what lets a reader prove every draw has a consumer.
///
/// Errors: observers cannot throw, so a write failure is kept and thrown by
/// the next call that can throw (``finish()``, ``tensor(...)``).
public final class TraceRecorder: DrawObserver {
  public let writer: TraceWriter
  /// Keep the drawn values in the trace, not only their digests.
  public var keepsValues: Bool
  /// Where in the user's script the current work is (`"a.py:12"`).
  public var source: String?

  private var consumers: [Consumer] = [Consumer("<top>", role: "")]
  private var streams: [StreamKey: StreamState] = [:]
  private var declaredIds: Set<String> = []
  private var pendingError: TraceError?

  private struct StreamKey: Hashable {
    var framework: String
    var name: String
    var algorithm: String
    var seedMaterial: String
  }

  private struct StreamState {
    var id: String
    var next: UInt64
  }

  public init(writer: TraceWriter, keepsValues: Bool = false) {
    self.writer = writer
    self.keepsValues = keepsValues
  }

  /// The consumer draws are attributed to now.
  public var consumer: Consumer { consumers[consumers.count - 1] }

  /// Whether no consumer is set: draws go to `<top>`, the script's own code.
  public var isAtTop: Bool { consumers.count == 1 }

  /// Runs `body` with `path`/`role` as the consumer of its draws.
  public func consuming<T>(_ path: String, role: String, _ body: () throws -> T) rethrows -> T {
    consumers.append(Consumer(path, role: role))
    defer { consumers.removeLast() }
    return try body()
  }

  /// Runs `body`, whose draws are attributed to `paths` in turn (one draw
  /// each), all with `role`; draws past the last path go to the current
  /// consumer. A Keras `Dense` build draws its kernel, then (when its bias
  /// initializer is random) its bias.
  ///
  /// ```swift
  /// try recorder.consuming(each: ["sequential/dense/kernel", "sequential/dense/bias"], role: "init") {
  ///   try layer.build([nil, 3], state: &state)
  /// }
  /// ```
  public func consuming<T>(each paths: [String], role: String, _ body: () throws -> T) rethrows -> T {
    let saved = queue
    queue = paths.map { Consumer($0, role: role) }
    defer { queue = saved }
    return try body()
  }

  private var queue: [Consumer] = []

  /// The draw written last, for ``observe(drawnSeed:)``.
  private var lastDraw: DrawReference?
  /// Values drawn to seed other streams, and the draws that gave them.
  var drawnSeeds = DrawnSeeds()

  // MARK: DrawObserver

  /// The draw written last gave `value`, a seed: streams declared later whose
  /// names carry it are written `drawn` from that draw (``DrawnSeeds``).
  public func observe(drawnSeed value: Int64) {
    guard let lastDraw else { return }
    drawnSeeds.note(value, drawnBy: lastDraw)
  }

  public func observe(_ draw: DrawReport) {
    let id = streamId(for: draw.stream, counter: draw.counterBefore)
    let values = draw.values
    let event = DrawEvent(
      seq: writer.nextSeq, stream: id, counter: draw.counterBefore, count: draw.count, operation: draw.operation,
      distribution: draw.distribution, parameters: draw.parameters.map { NamedValue($0.name, $0.value) },
      dtype: values?.dtypeName ?? "", shape: draw.shape, consumer: queue.isEmpty ? consumer : queue.removeFirst(), source: source,
      digest: values.map(TraceDigest.hex(of:)), values: keepsValues ? values : nil)
    write(.draw(event))
    lastDraw = DrawReference(stream: id, counter: draw.counterBefore, seq: event.seq)
    let key = Self.key(draw.stream)
    streams[key]?.next = draw.counterAfter
  }

  public func observe(_ derivation: SeedDerivation) {
    var streamID: String?
    if let derived = derivation.derived {
      // A derivation keys a stream that may draw later; declare it now so the
      // trace shows where its seed came from.
      streamID = streamId(for: derived, counter: 0, declareOnly: true)
    }
    write(.derivation(DerivationEvent(
      seq: writer.nextSeq, rule: derivation.rule, inputs: derivation.inputs.map { NamedValue($0.name, $0.value) },
      result: derivation.result, stream: streamID, consumer: consumer, source: source)))
  }

  /// A stream was seeded at the current ``source``: declare it here (again,
  /// if it was declared before), so the trace shows the seeding call's line.
  public func observe(seeded stream: StreamIdentity, start: UInt64) {
    let key = Self.key(stream)
    if var state = streams[key] {
      state.next = start
      streams[key] = state
      declare(stream, id: state.id, start: start)
    } else {
      let id = uniqueId("\(stream.framework.rawValue).\(stream.name)")
      streams[key] = StreamState(id: id, next: start)
      declare(stream, id: id, start: start)
    }
  }

  // MARK: Tensors, metrics, phases

  /// Records a tensor's digest (and values when ``keepsValues``).
  public func tensor(_ name: String, moment: TensorMoment, shape: [Int], values: DrawnValues) throws {
    try rethrowPending()
    try writer.write(.tensor(TensorEvent(
      seq: writer.nextSeq, name: name, moment: moment, dtype: values.dtypeName, shape: shape,
      digest: TraceDigest.hex(of: values), values: keepsValues ? values : nil)))
  }

  /// Records a metric value (`loss`, `val_loss`).
  public func metric(_ name: String, epoch: Int? = nil, step: Int? = nil, value: Double) throws {
    try rethrowPending()
    try writer.write(.metric(MetricEvent(seq: writer.nextSeq, name: name, epoch: epoch, step: step, value: value)))
  }

  /// Runs `body` between phase markers (`fit`, `epoch` 1, `batch` 3).
  ///
  /// - Parameter begun: the begin marker was written already (``beginPhase(_:index:name:)``),
  ///   for a phase whose first events come before the code that runs the rest of it.
  public func phase<T>(
    _ phase: String, index: Int? = nil, name: String? = nil, begun: Bool = false, _ body: () throws -> T
  ) throws -> T {
    if !begun { try beginPhase(phase, index: index, name: name) }
    let result = try body()
    try rethrowPending()
    try writer.write(.phase(PhaseEvent(seq: writer.nextSeq, phase: phase, edge: .end, index: index, name: name)))
    return result
  }

  /// Writes a phase's begin marker; ``phase(_:index:name:begun:_:)`` with `begun: true` ends it.
  public func beginPhase(_ phase: String, index: Int? = nil, name: String? = nil) throws {
    try rethrowPending()
    try writer.write(.phase(PhaseEvent(seq: writer.nextSeq, phase: phase, edge: .begin, index: index, name: name)))
  }

  /// Flushes and closes the trace; throws the first write error, if any.
  public func finish() throws {
    try rethrowPending()
    try writer.close()
  }

  // MARK: Internals

  private func write(_ event: TraceEvent) {
    guard pendingError == nil else { return }
    do {
      try writer.write(event)
    } catch {
      pendingError = error
    }
  }

  private func rethrowPending() throws {
    if let pendingError { throw pendingError }
  }

  private static func key(_ s: StreamIdentity) -> StreamKey {
    StreamKey(framework: s.framework.rawValue, name: s.name, algorithm: s.algorithm.rawValue, seedMaterial: s.seedMaterial)
  }

  /// The trace id of `stream`, declaring it (again, after a reseed) when needed.
  private func streamId(for stream: StreamIdentity, counter: UInt64, declareOnly: Bool = false) -> String {
    let key = Self.key(stream)
    if var state = streams[key] {
      if declareOnly || counter >= state.next { return state.id }
      // The counter went back: the stream was seeded again.
      state.next = counter
      streams[key] = state
      declare(stream, id: state.id, start: counter)
      return state.id
    }
    let id = uniqueId("\(stream.framework.rawValue).\(stream.name)")
    streams[key] = StreamState(id: id, next: counter)
    declare(stream, id: id, start: counter)
    return id
  }

  private func uniqueId(_ base: String) -> String {
    var id = base
    var k = 2
    while declaredIds.contains(id) {
      id = "\(base)~\(k)"
      k += 1
    }
    declaredIds.insert(id)
    return id
  }

  private func declare(_ stream: StreamIdentity, id: String, start: UInt64) {
    let seeding: RNGTrace.StreamSeeding
    switch stream.seeding {
    case .explicit(let call): seeding = .explicit(call: call, source: source)
    case .derived(let rule, let from): seeding = .derived(rule: rule, from: from, source: source)
    case .entropy: seeding = .entropy
    case .requestedEntropy(let call): seeding = .requestedEntropy(call: call, source: source)
    case .frameworkDefault(let from): seeding = .frameworkDefault(from: from, source: source)
    case .drawn(let from, let counter, let call):
      let parent = streams[Self.key(from)]?.id ?? "\(from.framework.rawValue).\(from.name)"
      seeding = .drawn(DrawReference(stream: parent, counter: counter), call: call, source: source)
    }
    let written = drawnSeeding(of: stream) ?? seeding
    write(.stream(StreamEvent(
      seq: writer.nextSeq, id: id, framework: FrameworkName(stream.framework.rawValue), name: stream.name,
      algorithm: AlgorithmName(stream.algorithm.rawValue), unit: CounterUnitName(stream.counterUnit.rawValue),
      seedMaterial: stream.seedMaterial, seeding: written, start: start)))
  }
}
