import RNGStreams

/// Builds a valid trace in memory, keeping each stream's counter for you.
///
/// Meant for tests, examples and benchmarks: declare streams, draw from
/// them (the counter advances by each draw's count), mark phases, record
/// tensors and metrics, then take ``events``, ``text`` or ``bytes``.
///
/// ```swift
/// var a = TraceBuilder(label: "a")
/// let np = a.stream("np", framework: .numpy, name: "global", algorithm: .mt19937,
///                   seed: "init_genrand(0)", seeding: .explicit(call: "np.random.seed(0)", source: "a.py:1"))
/// a.draw(np, count: 40, consumer: "model/dense/kernel", role: "init", op: "randn", dist: "normal",
///        dtype: "float64", shape: [4, 10])
/// a.phase("epoch", .begin, index: 1)
/// a.metric("loss", epoch: 1, value: 0.25)
/// let text = a.text    // a header line and four events
/// ```
///
/// Edge cases: without values, a draw's digest is a stand-in computed from
/// the stream's seed, algorithm, counter, count, distribution and
/// parameters (``syntheticDigest(seed:algorithm:counter:count:distribution:parameters:)``),
/// so two builders that draw the same stream state get the same digest,
/// as real values would.
public struct TraceBuilder: Sendable {
  /// The header the trace starts with.
  public var header: RunHeader
  /// The events after the header, in order.
  public private(set) var events: [TraceEvent] = []
  private var counters: [String: UInt64] = [:]
  private var declarations: [String: StreamEvent] = [:]
  private var seq: UInt64 = 0

  /// A builder with a header for `profile`.
  public init(
    label: String? = nil, profile: TraceProfile = TraceProfile(framework: .numpy, version: "2.4.6"),
    config: RunConfig = RunConfig(), producer: String = "rngdiff-test", source: SourceScript? = nil
  ) {
    header = RunHeader(producer: producer, producerVersion: "0", profile: profile, label: label, source: source, config: config)
  }

  /// A handle to a declared stream.
  public struct StreamHandle: Sendable, Hashable {
    /// The stream's id in the trace.
    public let id: String
    /// A handle to the stream declared with `id`.
    public init(id: String) { self.id = id }
  }

  private mutating func nextSeq() -> UInt64 {
    defer { seq += 1 }
    return seq
  }

  /// Declares a stream (or reseeds it, when `id` was declared before: its
  /// counter restarts at `start`).
  @discardableResult
  public mutating func stream(
    _ id: String, framework: FrameworkName = .numpy, name: String = "global", algorithm: AlgorithmName = .mt19937,
    unit: CounterUnitName? = nil, seed: String, seeding: StreamSeeding, start: UInt64 = 0
  ) -> StreamHandle {
    let event = StreamEvent(
      seq: nextSeq(), id: id, framework: framework, name: name, algorithm: algorithm, unit: unit, seedMaterial: seed,
      seeding: seeding, start: start)
    declarations[id] = event
    counters[id] = start
    events.append(.stream(event))
    return StreamHandle(id: id)
  }

  /// Declares `handle`'s stream again with the same seed (a second
  /// `np.random.seed(0)`), restarting its counter.
  public mutating func reseed(_ handle: StreamHandle, source: String? = nil) {
    guard var event = declarations[handle.id] else { return }
    if case .explicit(let call, let old) = event.seeding { event.seeding = .explicit(call: call, source: source ?? old) }
    stream(handle.id, framework: event.framework, name: event.name, algorithm: event.algorithm, unit: event.unit,
           seed: event.seedMaterial, seeding: event.seeding, start: event.start)
  }

  /// The counter the next draw on `handle` starts at.
  public func counter(_ handle: StreamHandle) -> UInt64 { counters[handle.id] ?? 0 }

  /// Moves a stream's counter without a draw (makes a counter gap, for tests).
  public mutating func skip(_ handle: StreamHandle, by units: UInt64) {
    counters[handle.id, default: 0] &+= units
  }

  /// Draws `count` units from `handle` at its current counter (or at
  /// `counter` when given) and advances it.
  @discardableResult
  public mutating func draw(
    _ handle: StreamHandle, count: UInt64, consumer: String, role: String, op: String = "random_sample",
    dist: String = "uniform", params: [NamedValue] = [], dtype: String = "float64", shape: [Int] = [],
    source: String? = nil, values: DrawnValues? = nil, digest: String? = nil, counter: UInt64? = nil
  ) -> DrawEvent {
    let start = counter ?? counters[handle.id] ?? 0
    let declaration = declarations[handle.id]
    let digestText = digest ?? values.map { TraceDigest.hex(of: $0) } ?? Self.syntheticDigest(
      seed: declaration?.seedMaterial ?? "", algorithm: declaration?.algorithm.rawValue ?? "", counter: start,
      count: count, distribution: dist, parameters: params)
    let event = DrawEvent(
      seq: nextSeq(), stream: handle.id, counter: start, count: count, operation: op, distribution: dist,
      parameters: params, dtype: dtype, shape: shape, consumer: Consumer(consumer, role: role), source: source,
      digest: digestText, values: values)
    counters[handle.id] = start &+ count
    events.append(.draw(event))
    return event
  }

  /// Records a seed derivation.
  public mutating func derivation(
    rule: String, inputs: [NamedValue], result: String, stream: StreamHandle? = nil, consumer: String? = nil,
    role: String = "", source: String? = nil
  ) {
    events.append(.derivation(DerivationEvent(
      seq: nextSeq(), rule: rule, inputs: inputs, result: result, stream: stream?.id,
      consumer: consumer.map { Consumer($0, role: role) }, source: source)))
  }

  /// Marks the beginning or end of a phase.
  public mutating func phase(_ phase: String, _ edge: PhaseEdge, index: Int? = nil, name: String? = nil) {
    events.append(.phase(PhaseEvent(seq: nextSeq(), phase: phase, edge: edge, index: index, name: name)))
  }

  /// Records a tensor snapshot; the digest is computed from `values` unless given.
  public mutating func tensor(
    _ name: String, moment: TensorMoment, values: DrawnValues, shape: [Int]? = nil, keepValues: Bool = true,
    digest: String? = nil
  ) {
    events.append(.tensor(TensorEvent(
      seq: nextSeq(), name: name, moment: moment, dtype: values.dtypeName, shape: shape ?? [values.count],
      digest: digest ?? TraceDigest.hex(of: values), values: keepValues ? values : nil)))
  }

  /// Records a metric.
  public mutating func metric(_ name: String, epoch: Int? = nil, step: Int? = nil, value: Double) {
    events.append(.metric(MetricEvent(seq: nextSeq(), name: name, epoch: epoch, step: step, value: value)))
  }

  /// Appends any event as is (its `seq` is kept).
  public mutating func append(_ event: TraceEvent) {
    events.append(event)
    if let s = event.seq, s >= seq { seq = s + 1 }
  }

  /// The trace as text: the header line, then one line per event.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The trace as bytes.
  public var bytes: [UInt8] {
    var json = JSONWriter()
    var out: [UInt8] = []
    for event in [TraceEvent.header(header)] + events {
      json.reset()
      event.encode(into: &json)
      out.append(contentsOf: json.bytes)
      out.append(0x0A)
    }
    return out
  }

  /// A stand-in digest for a draw whose values are not known: the digest of
  /// the text `seed|algorithm|counter|count|distribution|name=value,…`.
  /// Equal stream states and parameters give equal digests.
  public static func syntheticDigest(
    seed: String, algorithm: String, counter: UInt64, count: UInt64, distribution: String, parameters: [NamedValue]
  ) -> String {
    let params = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    return TraceDigest.hex(ofLittleEndianBytes: Array("\(seed)|\(algorithm)|\(counter)|\(count)|\(distribution)|\(params)".utf8))
  }
}
