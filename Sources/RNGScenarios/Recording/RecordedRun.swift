/// One event a scenario wrote to its trace, as the scenario itself knows it:
/// where it is (the line in the trace file), what it was for, and, for
/// draws, where in its stream it happened.
///
/// Tests compare the differ's evidence against these facts, which come from
/// the recording side, never from the differ.
///
/// ```swift
/// let w = run.first(.draw, "model/fc1/weight", role: "init")
/// w.line       // 6: the sixth line of a.trace
/// w.counter    // 0: the stream position before the draw
/// ```
public struct RecordedEvent: Sendable, Hashable {
  /// The kind of trace event.
  public enum Kind: String, Sendable, Hashable {
    /// A stream declared where an explicit call seeded it.
    case seeding
    /// A seed derivation (an op seed, an initializer seed, a split key).
    case derivation
    /// A draw from a stream.
    case draw
    /// A tensor snapshot (initial weights, predictions).
    case tensor
    /// A metric (a loss).
    case metric
  }

  /// The kind of trace event.
  public var kind: Kind
  /// 1-based line of the event in the trace (the header is line 1).
  public var line: Int
  /// Draws and derivations: the consumer path; tensors and metrics: the name.
  public var name: String
  /// Draws and derivations: the role; tensors: the moment's word; metrics: "".
  public var role: String
  /// Draws: the stream counter before the draw.
  public var counter: UInt64?
  /// Draws: the units consumed.
  public var count: UInt64?
  /// Draws and seedings: the stream, as `framework "name"` (`torch "cpu-default"`).
  public var stream: String?
  /// Derivations: the rule (`tf.get_seed.graph.last-operation-id`).
  public var rule: String?
  /// Metrics: the value.
  public var value: Double?
}

/// A recorded run: the trace bytes and the events the scenario wrote.
///
/// ```swift
/// let run = try scenario.record(.b)
/// run.text.hasPrefix("{\"event\":\"header\"")    // true
/// run.first(.draw, "classifier/weight", role: "init")?.count   // 3200
/// ```
public struct RecordedRun: Sendable, Hashable {
  /// Which side this is.
  public var side: ScenarioSide
  /// The program the run stands for.
  public var program: ScenarioProgram
  /// The trace, exactly as written to `a.trace` or `b.trace`.
  public var bytes: [UInt8]
  /// Every seeding, draw, derivation, tensor and metric, in trace order.
  public var events: [RecordedEvent]

  /// The trace as text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The events of `kind` named `name` (and with `role`, when given), in order.
  public func events(_ kind: RecordedEvent.Kind, _ name: String, role: String? = nil) -> [RecordedEvent] {
    events.filter { $0.kind == kind && $0.name == name && (role == nil || $0.role == role) }
  }

  /// The first event of `kind` named `name` (and with `role`, when given).
  public func first(_ kind: RecordedEvent.Kind, _ name: String, role: String? = nil) -> RecordedEvent? {
    events.first { $0.kind == kind && $0.name == name && (role == nil || $0.role == role) }
  }
}
