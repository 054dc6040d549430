import RNGTrace

/// What the HTML page draws of one trace, gathered in one streaming pass:
/// draws per stream bucketed along the trace, epoch boundaries, metric
/// series (thinned to a bounded number of points), and the events at the
/// lines the report points to (causes, effects, divergences).
///
/// Memory is bounded whatever the trace's length: `buckets` counters per
/// lane, at most ``HTMLOptions/maxPoints`` × 2 points per metric series,
/// and one record per line the report names.
///
/// ```swift
/// let sketch = try TraceSketch(reading: TraceReader(path: "a.trace"), side: .a, report: report, options: HTMLOptions())
/// sketch.lanes.map(\.title)     // ["numpy \"global\" (mt19937)"]
/// sketch.bucket(ofLine: 40)     // which mark a line falls in
/// ```
///
/// Edge cases: both sides share one x axis, `span` lines long (the longer
/// trace), so equal lines sit at equal x; lines past `span` (blank lines,
/// events the report did not count) fall in the last bucket.
struct TraceSketch {
  /// One stream's draws along the trace.
  struct Lane {
    /// The stream by role: `numpy "global" (mt19937)`; equal in both traces for the same stream.
    var key: String
    /// Units drawn per bucket.
    var units: [UInt64]
    /// Draws per bucket.
    var draws: [UInt32]
    /// All draws.
    var totalDraws: Int = 0
    /// All units.
    var totalUnits: UInt64 = 0
    /// The unit of the counters.
    var unit: String
  }

  /// A metric curve: its name and whether it is per step (else per epoch).
  struct SeriesKey: Hashable, Comparable {
    var name: String
    var perStep: Bool

    static func < (l: SeriesKey, r: SeriesKey) -> Bool {
      let order = ["loss": 0, "val_loss": 1, "accuracy": 2, "val_accuracy": 3]
      let (ol, or) = (order[l.name] ?? 9, order[r.name] ?? 9)
      if ol != or { return ol < or }
      if l.name != r.name { return l.name < r.name }
      return !l.perStep && r.perStep
    }
  }

  /// The points of one metric, thinned: every `stride`-th point is kept,
  /// and `stride` doubles whenever the kept points reach twice the limit.
  struct Series {
    var xs: [Double] = []
    var ys: [Double] = []
    var stride = 1
    var seen = 0
    var last: (x: Double, y: Double)?
    var nonFinite = 0

    mutating func add(x: Double, y: Double, limit: Int) {
      if !y.isFinite { nonFinite += 1 }
      if seen % stride == 0 {
        xs.append(x)
        ys.append(y)
        if xs.count >= 2 * limit {
          xs = xs.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
          ys = ys.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
          stride *= 2
        }
      }
      seen += 1
      last = (x, y)
    }

    /// The kept points, with the last point of the series always included.
    var points: [(x: Double, y: Double)] {
      var out = zip(xs, ys).map { (x: $0, y: $1) }
      if let last, out.last?.x != last.x { out.append(last) }
      return out
    }
  }

  /// What is at a line the report names.
  struct Pointed {
    var event: TraceEventKind
    /// The lane of a draw (an index into ``lanes``), nil for other events.
    var lane: Int?
    /// For metrics: the curve and the x of the point.
    var metric: (key: SeriesKey, x: Double, y: Double)?
    /// For tensors the report lists: the snapshot.
    var tensor: TensorEvent?
  }

  var side: TraceSide
  var file: String
  var header: RunHeader
  /// Lines the x axis covers (the same for both sides).
  var span: Int
  /// Marks per lane.
  var buckets: Int
  var lanes: [Lane] = []
  /// Derivations, tensors and metrics per bucket.
  var other: [UInt32]
  /// Epoch starts: epoch number and line, thinned to at most 2 × `maxPoints`.
  var epochs: [(index: Int, line: Int)] = []
  var epochStride = 1
  var epochsSeen = 0
  var series: [SeriesKey: Series] = [:]
  var pointed: [Int: Pointed] = [:]
  /// Streams beyond ``HTMLOptions/maxLanes`` × 4 share one lane.
  static let overflowKey = "other streams"

  /// The bucket (mark) of a line.
  func bucket(ofLine line: Int) -> Int {
    guard span > 0 else { return 0 }
    let b = (max(line, 1) - 1) * buckets / span
    return min(max(b, 0), buckets - 1)
  }

  /// Reads `reader` to its end.
  init(reading reader: TraceReader, side: TraceSide, report: DiffReport, options: HTMLOptions) throws(TraceError) {
    self.side = side
    self.file = side == .a ? report.a.file : report.b.file
    self.header = reader.header
    self.span = max(max(report.a.events, report.b.events) + 1, 1)
    self.buckets = max(1, min(options.buckets, span))
    self.other = [UInt32](repeating: 0, count: buckets)
    let (lines, tensorLines) = Self.linesOfInterest(report, side: side, options: options)
    var laneOfStream: [Int32: Int] = [:]
    var laneOfKey: [String: Int] = [:]
    var ordinal: [String: Int] = [:]
    let maxLanes = max(options.maxLanes, 1) * 4
    // The reader's fast path: every line is scanned and checked, but only
    // stream declarations, metrics, phases and the tensors the table needs
    // are decoded; a draw's stream, line and count come from the scan.
    while try reader.advance() {
      let facts = reader.facts
      let line = facts.line
      let b = bucket(ofLine: line)
      var here: Pointed? = lines.contains(line) ? Pointed(event: facts.kind) : nil
      switch facts.kind {
      case .draw:
        if let k = laneOfStream[facts.stream] {
          lanes[k].units[b] &+= facts.count
          lanes[k].draws[b] &+= 1
          lanes[k].totalDraws += 1
          lanes[k].totalUnits &+= facts.count
          here?.lane = k
        }
      case .stream:
        guard case .stream(let s) = try reader.decodeCurrent() else { break }
        var key = "\(s.framework) \"\(s.name)\" (\(s.algorithm))"
        if laneOfKey[key] == nil && laneOfKey.count >= maxLanes { key = Self.overflowKey }
        if let k = laneOfKey[key] {
          laneOfStream[facts.stream] = k
        } else {
          laneOfKey[key] = lanes.count
          laneOfStream[facts.stream] = lanes.count
          lanes.append(Lane(key: key, units: [UInt64](repeating: 0, count: buckets), draws: [UInt32](repeating: 0, count: buckets),
                            unit: s.unit.rawValue))
        }
      case .metric:
        other[b] &+= 1
        guard case .metric(let m) = try reader.decodeCurrent() else { break }
        let key = SeriesKey(name: m.name, perStep: m.step != nil)
        let x: Double
        if let step = m.step { x = Double(step) }
        else if let epoch = m.epoch { x = Double(epoch) }
        else {
          x = Double(ordinal[m.name, default: 0] + 1)
          ordinal[m.name, default: 0] += 1
        }
        series[key, default: Series()].add(x: x, y: m.value, limit: options.maxPoints)
        here?.metric = (key, x, m.value)
      case .tensor:
        other[b] &+= 1
        if tensorLines.contains(line), case .tensor(let t) = try reader.decodeCurrent() {
          var kept = t
          if let v = t.values, v.count > options.maxTensorValues { kept.values = nil }
          here?.tensor = kept
        }
      case .derivation:
        other[b] &+= 1
      case .phase:
        guard case .phase(let p) = try reader.decodeCurrent(), p.phase == "epoch", p.edge == .begin else { break }
        if epochsSeen % epochStride == 0 {
          epochs.append((p.index ?? epochsSeen + 1, line))
          if epochs.count >= 2 * options.maxPoints {
            epochs = epochs.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            epochStride *= 2
          }
        }
        epochsSeen += 1
      case .header:
        break
      }
      if let here { pointed[line] = here }
    }
  }

  /// The lines of `side` the report names: every cause, hunk entry, effect,
  /// divergence and upstream contribution; and those of them that are
  /// tensors whose values the tensor table compares.
  static func linesOfInterest(_ report: DiffReport, side: TraceSide, options: HTMLOptions) -> (Set<Int>, Set<Int>) {
    var lines = Set<Int>()
    var tensors = Set<Int>()
    func pick(_ a: Int?, _ b: Int?) -> Int? { side == .a ? a : b }
    for d in report.diagnoses {
      if let e = side == .a ? d.a : d.b {
        lines.insert(e.line)
        if e.event == .tensor { tensors.insert(e.line) }
      }
      for h in d.hunk where h.side == side {
        lines.insert(h.line)
        if h.event == .tensor && tensors.count < options.maxTensorRows * 2 { tensors.insert(h.line) }
      }
      for c in d.accountedBy where c.side == side { lines.insert(c.line) }
      for e in d.effects {
        guard let l = pick(e.aLine, e.bLine) else { continue }
        lines.insert(l)
        if e.event == .tensor && tensors.count < options.maxTensorRows * 2 { tensors.insert(l) }
      }
    }
    for v in report.divergences {
      if let l = pick(v.aLine, v.bLine) { lines.insert(l) }
    }
    return (lines, tensors)
  }
}
