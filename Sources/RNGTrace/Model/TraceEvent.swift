/// One line of a trace.
///
/// A trace is a header followed by events in execution order. Every event
/// is one JSON object on one line; docs/trace-format.md lists every field.
///
/// ```swift
/// let reader = try TraceReader(path: "a.trace")
/// while let event = try reader.next() {
///   if case .draw(let draw) = event { print(draw.consumer, draw.counter) }
/// }
/// ```
public enum TraceEvent: Sendable, Hashable {
  case header(RunHeader)
  case stream(StreamEvent)
  case derivation(DerivationEvent)
  case draw(DrawEvent)
  case tensor(TensorEvent)
  case metric(MetricEvent)
  case phase(PhaseEvent)

  /// The event's kind, as written in the `event` field.
  public var kind: TraceEventKind {
    switch self {
    case .header: return .header
    case .stream: return .stream
    case .derivation: return .derivation
    case .draw: return .draw
    case .tensor: return .tensor
    case .metric: return .metric
    case .phase: return .phase
    }
  }

  /// The event's sequence number, when it has one.
  public var seq: UInt64? {
    switch self {
    case .header: return nil
    case .stream(let e): return e.seq
    case .derivation(let e): return e.seq
    case .draw(let e): return e.seq
    case .tensor(let e): return e.seq
    case .metric(let e): return e.seq
    case .phase(let e): return e.seq
    }
  }
}

/// The value of an event's `event` field.
public enum TraceEventKind: String, Sendable, Hashable, CaseIterable {
  case header, stream, derivation, draw, tensor, metric, phase
}
