/// What one trace contains, for `rngdiff show A`: the header, each stream
/// with its draw count and final counter, the consumers in order of their
/// first draw, the tensors, the metrics, and the findings.
///
/// ```swift
/// let summary = try TraceSummary(reading: TraceReader(path: "a.trace"))
/// print(summary.text())        // plain text
/// print(summary.json())        // one JSON object
/// summary.streams.first?.finalCounter
/// ```
///
/// Edge cases: memory grows with the number of distinct streams and
/// consumers, not with the number of draws; tensors, metrics and consumers
/// beyond ``limit`` are counted but not listed.
public struct TraceSummary: Sendable {
  /// One stream as the trace left it.
  public struct Stream: Sendable, Hashable {
    /// The stream's last declaration.
    public var declaration: StreamEvent
    /// Line of its first declaration.
    public var line: Int
    /// How many times it was declared again (reseeded).
    public var reseeds: Int
    /// How many draws.
    public var draws: UInt64
    /// Units consumed by all its draws.
    public var units: UInt64
    /// The counter after its last draw (since its last declaration).
    public var finalCounter: UInt64
  }

  /// One consumer: every draw with the same path and role.
  public struct ConsumerUse: Sendable, Hashable {
    /// What asked for the draw.
    public var consumer: Consumer
    /// Ids of the streams it drew from, in order of first use.
    public var streams: [String]
    /// How many draws.
    public var draws: UInt64
    /// Units consumed.
    public var units: UInt64
    /// Line of its first draw.
    public var line: Int
  }

  /// One tensor snapshot.
  public struct Tensor: Sendable, Hashable {
    /// The snapshot.
    public var event: TensorEvent
    /// 1-based line in the trace.
    public var line: Int
  }

  /// The name as the run reports it.
  public var name: String
  /// The header line.
  public var header: RunHeader
  /// Events after the header, by kind.
  public var counts: [TraceEventKind: Int] = [:]
  /// Each stream, in order of first declaration.
  public var streams: [Stream] = []
  /// Each consumer, in order of first draw (at most ``limit``).
  public var consumers: [ConsumerUse] = []
  /// The tensor snapshots (at most ``limit``).
  public var tensors: [Tensor] = []
  /// The metrics (at most ``limit``).
  public var metrics: [MetricEvent] = []
  /// How many times each phase began, in order of first appearance.
  public var phases: [NamedValue] = []
  /// Consumers, tensors and metrics counted but not listed (beyond ``limit``).
  public var omittedConsumers = 0, omittedTensors = 0, omittedMetrics = 0
  /// The reader's first findings.
  public var findings: [TraceFinding] = []
  /// All findings.
  public var findingCount = 0
  /// Whether the last line was cut off.
  public var isTruncated = false
  /// Lines of an event kind this version does not know.
  public var unknownEvents = 0
  /// The most entries of each list kept.
  public var limit: Int

  /// Reads the rest of `reader` and summarises it.
  public init(reading reader: TraceReader, limit: Int = 10_000) throws(TraceError) {
    name = reader.name
    header = reader.header
    self.limit = limit
    var streamIndex: [String: Int] = [:]
    var consumerIndex: [UInt64: Int] = [:]
    var phaseIndex: [String: Int] = [:]
    while try reader.advance() {
      let facts = reader.facts
      counts[facts.kind, default: 0] += 1
      switch facts.kind {
      case .draw:
        // Only decode what is new: consumers repeat.
        let streamID = reader.streams[Int(facts.stream)].id
        if let k = streamIndex[streamID] {
          streams[k].draws += 1
          streams[k].units &+= facts.count
          streams[k].finalCounter = facts.counter &+ facts.count
        }
        let key = reader.currentKey()
        if let k = consumerIndex[key] {
          consumers[k].draws += 1
          consumers[k].units &+= facts.count
          if !consumers[k].streams.contains(streamID) { consumers[k].streams.append(streamID) }
        } else if consumers.count < limit {
          guard case .draw(let draw) = try reader.decodeCurrent() else { continue }
          consumerIndex[key] = consumers.count
          consumers.append(ConsumerUse(consumer: draw.consumer, streams: [streamID], draws: 1, units: draw.count, line: facts.line))
        } else {
          omittedConsumers += 1
        }
      case .stream:
        guard case .stream(let event) = try reader.decodeCurrent() else { continue }
        if let k = streamIndex[event.id] {
          streams[k].declaration = event
          streams[k].reseeds += 1
          streams[k].finalCounter = event.start
        } else {
          streamIndex[event.id] = streams.count
          streams.append(Stream(declaration: event, line: facts.line, reseeds: 0, draws: 0, units: 0, finalCounter: event.start))
        }
      case .tensor:
        guard case .tensor(let event) = try reader.decodeCurrent() else { continue }
        if tensors.count < limit { tensors.append(Tensor(event: event, line: facts.line)) } else { omittedTensors += 1 }
      case .metric:
        guard case .metric(let event) = try reader.decodeCurrent() else { continue }
        if metrics.count < limit { metrics.append(event) } else { omittedMetrics += 1 }
      case .phase:
        guard case .phase(let event) = try reader.decodeCurrent(), event.edge == .begin else { continue }
        if let k = phaseIndex[event.phase] {
          phases[k].value = String((Int(phases[k].value) ?? 0) + 1)
        } else {
          phaseIndex[event.phase] = phases.count
          phases.append(NamedValue(event.phase, "1"))
        }
      case .derivation, .header:
        break
      }
    }
    findings = reader.findings
    findingCount = reader.findingCount
    isTruncated = reader.isTruncated
    unknownEvents = reader.unknownEventCount
  }

  /// Events after the header.
  public var eventCount: Int { counts.values.reduce(0, +) }
}
