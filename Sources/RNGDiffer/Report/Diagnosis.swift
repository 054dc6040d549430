import RNGTrace

/// One cause of divergence between two traces, with its evidence and what
/// it knocked on.
///
/// A diagnosis is a *cause*: at its event the inputs of both runs agree (or
/// one run has an event the other lacks) and the output differs. Everything
/// downstream that differs because of it is listed in ``effects``.
///
/// ```swift
/// let first = report.diagnoses[0]
/// print(first.kind, first.consumer, first.a?.counter, first.b?.counter)
/// print(first.explanation)
/// print("fix:", first.fix)
/// ```
public struct Diagnosis: Sendable, Hashable {
  /// Position among the report's diagnoses (0 is the first cause in execution order).
  public var id: Int
  /// Why the runs diverge here.
  public var kind: DiagnosisKind
  /// The consumer at the cause (for a hunk of several events, the first).
  public var consumer: Consumer?
  /// The stream involved, described by role (both sides' ids).
  public var stream: StreamRole?
  /// Run a's event at the cause, or nil when a has none.
  public var a: EventEvidence?
  /// Run b's event at the cause, or nil when b has none.
  public var b: EventEvidence?
  /// What happened, in sentences built from the evidence.
  public var explanation: String
  /// How to make the runs agree, in one sentence.
  public var fix: String
  /// The events of a one-sided hunk (extra/missing draws, reordered pairs),
  /// first ones only; ``hunkSize`` counts them all.
  public var hunk: [HunkEntry]
  /// How many events the hunk has (``hunk`` lists the first ones).
  public var hunkSize: Int
  /// Units consumed by the hunk's draws, per stream (for offsets).
  public var hunkUnits: UInt64
  /// Upstream events that account for an offset, with consumer names and counts.
  public var accountedBy: [Contribution]
  /// What differs because of this cause: consumers, tensors and metrics, in
  /// order of first divergence.
  public var effects: [Effect]
  /// Effects not listed (beyond the report's limit).
  public var omittedEffects: Int
  /// Divergent events attributed to this cause, all effects together.
  public var effectEvents: Int
  /// For tensors and draws whose values differ with identical inputs.
  public var numeric: NumericSummary?
  /// Configuration differences, for config-mismatch.
  public var configDifferences: [ConfigDifference]
  /// Where in the run the cause happens: `"build"`, `"epoch 2"`.
  public var place: String

  /// An empty diagnosis of `kind` at `place`; the differ fills in the rest.
  public init(id: Int, kind: DiagnosisKind, place: String) {
    self.id = id
    self.kind = kind
    self.place = place
    self.consumer = nil
    self.stream = nil
    self.a = nil
    self.b = nil
    self.explanation = ""
    self.fix = ""
    self.hunk = []
    self.hunkSize = 0
    self.hunkUnits = 0
    self.accountedBy = []
    self.effects = []
    self.omittedEffects = 0
    self.effectEvents = 0
    self.numeric = nil
    self.configDifferences = []
  }
}

/// Which trace an event is in.
public enum TraceSide: String, Sendable, Hashable {
  case a, b
}

/// One event as evidence: where it is and what it says.
public struct EventEvidence: Sendable, Hashable {
  /// The trace file as named.
  public var file: String
  /// 1-based line in the trace.
  public var line: Int
  /// The event's sequence number, when it has one.
  public var seq: UInt64?
  /// The kind of event.
  public var event: TraceEventKind
  /// The stream id in this trace (draws).
  public var streamID: String?
  /// Draws: the stream's counter before the draw.
  public var counter: UInt64?
  /// Draws: the units consumed.
  public var count: UInt64?
  /// The unit of `counter` and `count`.
  public var unit: CounterUnitName?
  /// Draws: the framework call.
  public var operation: String?
  /// Draws: the distribution word.
  public var distribution: String?
  /// Draws: the distribution parameters.
  public var parameters: [NamedValue]
  /// The values' dtype.
  public var dtype: String?
  /// The values' shape.
  public var shape: [Int]?
  /// The values' digest.
  public var digest: String?
  /// `file:line` in the user's script.
  public var source: String?
  /// Derivation inputs and result; tensor moment; metric value, as text.
  public var details: [NamedValue]

  /// Evidence of a `event` at `file:line`; the differ fills in the fields.
  public init(file: String, line: Int, event: TraceEventKind) {
    self.file = file
    self.line = line
    self.event = event
    self.seq = nil
    self.streamID = nil
    self.counter = nil
    self.count = nil
    self.unit = nil
    self.operation = nil
    self.distribution = nil
    self.parameters = []
    self.dtype = nil
    self.shape = nil
    self.digest = nil
    self.source = nil
    self.details = []
  }

  /// `a.trace:37`.
  public var location: String { "\(file):\(line)" }
}

/// A stream as both runs know it: the ids differ between traces, the role
/// (which consumers draw from it) is what matches.
public struct StreamRole: Sendable, Hashable {
  /// The framework of the stream.
  public var framework: FrameworkName
  /// The framework's name for the stream.
  public var name: String
  /// Its bit generator.
  public var algorithm: AlgorithmName
  /// The unit its counters count in.
  public var unit: CounterUnitName
  /// The declaration in run a (nil when a has none).
  public var a: StreamEvent?
  /// The declaration in run b (nil when b has none).
  public var b: StreamEvent?

  /// `numpy "global" (mt19937)`.
  public var phrase: String { "\(framework) \"\(name)\" (\(algorithm))" }
}

/// One event of a one-sided hunk.
public struct HunkEntry: Sendable, Hashable {
  /// Which run has the event.
  public var side: TraceSide
  /// The kind of event.
  public var event: TraceEventKind
  /// Consumer path and role, tensor or metric name, or phase.
  public var what: String
  /// 1-based line in that run's trace.
  public var line: Int
  /// Draws: the counter before the draw.
  public var counter: UInt64?
  /// Draws: the units consumed.
  public var count: UInt64?
  /// Draws: the unit.
  public var unit: CounterUnitName?
}

/// An upstream event that accounts for part of an offset.
public struct Contribution: Sendable, Hashable {
  /// The run whose draw it is.
  public var side: TraceSide
  /// What drew.
  public var consumer: Consumer
  /// Units it moved the stream by (negative when it moves a's stream).
  public var units: Int64
  /// The unit of `units`.
  public var unit: CounterUnitName
  /// 1-based line of the draw.
  public var line: Int
  /// The diagnosis it belongs to.
  public var diagnosis: Int
}

/// Something that differs because of a cause.
public struct Effect: Sendable, Hashable {
  /// The kind of event.
  public var event: TraceEventKind
  /// Consumer path and role, tensor name, or metric name.
  public var what: String
  /// Where it first differs: `"build"`, `"epoch 1"`.
  public var from: String
  /// Its first divergent event in a.
  public var aLine: Int?
  /// Its first divergent event in b.
  public var bLine: Int?
  /// How many of its events differ.
  public var count: Int
}

/// A configuration setting that differs between the runs.
public struct ConfigDifference: Sendable, Hashable {
  /// The setting's dotted name (`"libraries.torch"`, `"PYTHONHASHSEED"`, `"profile.version"`).
  public var name: String
  /// The value in run a, or nil when a does not record it.
  public var a: String?
  /// The value in run b, or nil when b does not record it.
  public var b: String?

  /// A setting and its values in each run.
  public init(name: String, a: String?, b: String?) {
    self.name = name
    self.a = a
    self.b = b
  }
}

/// One divergent event, for the `all` listing.
public struct Divergence: Sendable, Hashable {
  /// The cause it belongs to (an index into ``DiffReport/diagnoses``, -1 when not kept).
  public var diagnosis: Int
  /// True for the cause itself, false for an effect.
  public var isCause: Bool
  /// The kind of event.
  public var event: TraceEventKind
  /// The consumer, tensor or metric.
  public var what: String
  /// Its line in a, when a has it.
  public var aLine: Int?
  /// Its line in b, when b has it.
  public var bLine: Int?
  /// Draws: the counter in a.
  public var aCounter: UInt64?
  /// Draws: the counter in b.
  public var bCounter: UInt64?
}
