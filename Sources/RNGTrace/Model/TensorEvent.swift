import RNGStreams

/// A snapshot of a named tensor (a weight, a mask, a batch) at a moment of
/// the run, as a digest and optionally its values.
///
/// ```swift
/// TensorEvent(name: "model/dense/kernel", moment: .afterEpoch(1), dtype: "float32",
///             shape: [4, 10], digest: TraceDigest.hex(of: .float32(weights)))
/// ```
public struct TensorEvent: Sendable, Hashable {
  /// Position in execution order, when the producer numbers every event.
  public var seq: UInt64?
  /// The tensor's path; for weights the same path as the drawing consumer.
  public var name: String
  /// When the snapshot was taken.
  public var moment: TensorMoment
  /// The values' dtype.
  public var dtype: String
  /// The values' shape.
  public var shape: [Int]
  /// ``TraceDigest`` of the values.
  public var digest: String
  /// The values, when the producer keeps them.
  public var values: DrawnValues?

  /// Creates the value from its fields.
  public init(
    seq: UInt64? = nil, name: String, moment: TensorMoment, dtype: String, shape: [Int], digest: String,
    values: DrawnValues? = nil
  ) {
    self.seq = seq
    self.name = name
    self.moment = moment
    self.dtype = dtype
    self.shape = shape
    self.digest = digest
    self.values = values
  }
}

/// When a tensor snapshot was taken.
///
/// ```swift
/// TensorMoment.afterEpoch(2).description    // "after epoch 2"
/// ```
public enum TensorMoment: Sendable, Hashable, CustomStringConvertible {
  /// Right after the tensor was created (initial weights).
  case initial
  /// After training batch `k` (the producer's step count).
  case afterBatch(Int)
  /// After epoch `k`.
  case afterEpoch(Int)
  /// At the end of the run.
  case final

  /// The text form.
  public var description: String {
    switch self {
    case .initial: return "init"
    case .afterBatch(let k): return "after batch \(k)"
    case .afterEpoch(let k): return "after epoch \(k)"
    case .final: return "final"
    }
  }

  /// The word written in traces: `init`, `batch`, `epoch`, `final`.
  public var word: String {
    switch self {
    case .initial: return "init"
    case .afterBatch: return "batch"
    case .afterEpoch: return "epoch"
    case .final: return "final"
    }
  }

  /// The batch or epoch number, for the moments that have one.
  public var index: Int? {
    switch self {
    case .afterBatch(let k), .afterEpoch(let k): return k
    case .initial, .final: return nil
    }
  }
}

/// A scalar the run reports: a loss, an accuracy.
///
/// ```swift
/// MetricEvent(name: "loss", epoch: 1, value: 0.6931471805599453)
/// ```
///
/// Edge cases: `value` may be NaN or infinite; traces write those as `NaN`,
/// `Infinity`, `-Infinity` (as Python's `json` does).
public struct MetricEvent: Sendable, Hashable {
  /// Position in execution order, when the producer numbers every event.
  public var seq: UInt64?
  /// The name as the run reports it.
  public var name: String
  /// The epoch, when known.
  public var epoch: Int?
  /// The step (batch) number, when known.
  public var step: Int?
  /// The value.
  public var value: Double

  /// Creates the value from its fields.
  public init(seq: UInt64? = nil, name: String, epoch: Int? = nil, step: Int? = nil, value: Double) {
    self.seq = seq
    self.name = name
    self.epoch = epoch
    self.step = step
    self.value = value
  }

  /// Metrics are equal when their values are bit-identical (NaN equals NaN).
  public static func == (a: MetricEvent, b: MetricEvent) -> Bool {
    a.seq == b.seq && a.name == b.name && a.epoch == b.epoch && a.step == b.step
      && a.value.bitPattern == b.value.bitPattern
  }

  /// Hashes what equality compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(seq)
    hasher.combine(name)
    hasher.combine(epoch)
    hasher.combine(step)
    hasher.combine(value.bitPattern)
  }
}

/// The beginning or end of a phase of the run: `build`, `compile`, `fit`,
/// `epoch`, `batch`, `predict`, `evaluate`.
///
/// Phases nest (`fit` › `epoch 2` › `batch 17`); the differ uses them as
/// anchors and to say from which epoch a difference shows.
///
/// ```swift
/// PhaseEvent(phase: "epoch", edge: .begin, index: 2)
/// ```
public struct PhaseEvent: Sendable, Hashable {
  /// Position in execution order, when the producer numbers every event.
  public var seq: UInt64?
  /// The phase word (`build`, `compile`, `fit`, `epoch`, `batch`, `predict`, …).
  public var phase: String
  /// Whether the phase begins or ends.
  public var edge: PhaseEdge
  /// The epoch or batch number, when the phase has one.
  public var index: Int?
  /// The object the phase is about (a model name), when known.
  public var name: String?

  /// Creates the value from its fields.
  public init(seq: UInt64? = nil, phase: String, edge: PhaseEdge, index: Int? = nil, name: String? = nil) {
    self.seq = seq
    self.phase = phase
    self.edge = edge
    self.index = index
    self.name = name
  }
}

/// Whether a phase event opens or closes its phase.
public enum PhaseEdge: String, Sendable, Hashable {
  case begin
  case end
}
