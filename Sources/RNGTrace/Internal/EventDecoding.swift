import RNGStreams

// Decoding scanned lines into events. Each function checks the required
// fields and their types and throws a ScanFailure that says what was
// expected where.

/// One scanned line: its bytes and where its fields lie.
package struct LineView {
  package let base: UnsafePointer<UInt8>
  package let count: Int
  package let layout: LineLayout

  @inlinable
  package init(base: UnsafePointer<UInt8>, count: Int, layout: LineLayout) {
    self.base = base
    self.count = count
    self.layout = layout
  }

  @inline(__always)
  package func required(_ field: FieldID, _ kind: String) throws(ScanFailure) -> FieldSpan {
    guard let span = layout[field] else {
      throw ScanFailure(offset: 0, expected: "a \"\(field.wireName)\" field in this \(kind) event")
    }
    return span
  }

  package func string(_ field: FieldID, _ kind: String) throws(ScanFailure) -> String {
    try ValueDecoding.string(base, try required(field, kind), field: field)
  }

  package func optionalString(_ field: FieldID) throws(ScanFailure) -> String? {
    guard let span = layout[field], span.type != .null else { return nil }
    return try ValueDecoding.string(base, span, field: field)
  }

  package func uint64(_ field: FieldID, _ kind: String) throws(ScanFailure) -> UInt64 {
    try ValueDecoding.uint64(base, try required(field, kind), field: field)
  }

  package func optionalUInt64(_ field: FieldID) throws(ScanFailure) -> UInt64? {
    guard let span = layout[field], span.type != .null else { return nil }
    return try ValueDecoding.uint64(base, span, field: field)
  }

  package func optionalInt(_ field: FieldID) throws(ScanFailure) -> Int? {
    guard let span = layout[field], span.type != .null else { return nil }
    return try ValueDecoding.int(base, span, field: field)
  }

  package func namedValues(_ field: FieldID) throws(ScanFailure) -> [NamedValue] {
    guard let span = layout[field], span.type != .null else { return [] }
    return try ValueDecoding.namedValues(base, span, field: field)
  }

  package func shape(_ field: FieldID, _ kind: String, required: Bool) throws(ScanFailure) -> [Int] {
    guard let span = layout[field], span.type != .null else {
      if required { throw ScanFailure(offset: 0, expected: "a \"\(field.wireName)\" field in this \(kind) event") }
      return []
    }
    return try ValueDecoding.shape(base, span, field: field)
  }

  package func digest(_ kind: String, required: Bool) throws(ScanFailure) -> String? {
    guard let span = layout[.digest], span.type != .null else {
      if required { throw ScanFailure(offset: 0, expected: "a \"digest\" field in this \(kind) event") }
      return nil
    }
    try Self.checkDigest(base, span)
    return ValueDecoding.decodeString(base, span)
  }

  /// A digest must be 16 to 64 lowercase hex digits.
  @inline(__always)
  static func checkDigest(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) throws(ScanFailure) {
    guard span.type == .string, !span.escaped, span.count >= 16, span.count <= 64 else {
      throw ScanFailure(offset: span.at, expected: "16 to 64 lowercase hex digits for \"digest\"")
    }
    var k = Int(span.start)
    let end = Int(span.end)
    // Eight digits at a time (bytes below 0x80, so adding to them never carries).
    while k + 8 <= end {
      let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
      let highs: UInt64 = 0x8080_8080_8080_8080
      let ones: UInt64 = 0x0101_0101_0101_0101
      if w & highs != 0 { break }
      let atLeast0 = (w &+ ones &* 0x50) & highs  // byte >= 0x30
      let above9 = (w &+ ones &* 0x46) & highs  // byte >= 0x3A
      let atLeastA = (w &+ ones &* 0x1F) & highs  // byte >= 0x61
      let aboveF = (w &+ ones &* 0x19) & highs  // byte >= 0x67
      if (atLeast0 & ~above9) | (atLeastA & ~aboveF) != highs { break }
      k += 8
    }
    while k < end {
      let c = base[k]
      guard (c >= 48 && c <= 57) || (c >= 97 && c <= 102) else {
        throw ScanFailure(offset: k, expected: "16 to 64 lowercase hex digits for \"digest\"")
      }
      k += 1
    }
  }

  package func values(dtype: String) throws(ScanFailure) -> DrawnValues? {
    guard let span = layout[.values], span.type == .array else { return nil }
    return try ValueDecoding.values(base, span, dtype: dtype)
  }

  package func consumer(_ kind: String, required: Bool) throws(ScanFailure) -> Consumer? {
    if !required && !layout.has(.consumer) { return nil }
    return Consumer(try string(.consumer, kind), role: try optionalString(.role) ?? "")
  }

  // MARK: Events

  /// The event kind, or nil for kinds this version does not know.
  package func kind() throws(ScanFailure) -> TraceEventKind? {
    guard let span = layout[.event] else {
      throw ScanFailure(offset: 0, expected: "an \"event\" field naming the event kind (header, stream, derivation, draw, tensor, metric, phase)")
    }
    guard span.type == .string else {
      throw ScanFailure(offset: span.at, expected: "a string for \"event\"")
    }
    if span.equals(base, "draw") { return .draw }
    if span.equals(base, "phase") { return .phase }
    if span.equals(base, "tensor") { return .tensor }
    if span.equals(base, "metric") { return .metric }
    if span.equals(base, "stream") { return .stream }
    if span.equals(base, "derivation") { return .derivation }
    if span.equals(base, "header") { return .header }
    return nil
  }

  package func header() throws(ScanFailure) -> RunHeader {
    let kind = "header"
    var profile = TraceProfile(framework: "", version: "")
    if let span = layout[.profile], span.type != .null {
      for (name, value) in try ValueDecoding.objectFields(base, span, field: .profile) {
        let text = try ValueDecoding.scalarText(base, value, field: .profile)
        switch name {
        case "framework": profile.framework = FrameworkName(text)
        case "version": profile.version = text
        case "semantics": profile.semantics = text
        default: break
        }
      }
    }
    var source: SourceScript? = nil
    if let span = layout[.source], span.type != .null {
      var path = "", sha = ""
      for (name, value) in try ValueDecoding.objectFields(base, span, field: .source) {
        let text = try ValueDecoding.scalarText(base, value, field: .source)
        if name == "path" { path = text } else if name == "sha256" { sha = text }
      }
      source = SourceScript(path: path, sha256: sha)
    }
    var config = RunConfig()
    if let span = layout[.config], span.type != .null {
      for (name, value) in try ValueDecoding.objectFields(base, span, field: .config) {
        switch name {
        case "PYTHONHASHSEED": config.pythonHashSeed = try ValueDecoding.scalarText(base, value, field: .config)
        case "device": config.device = try ValueDecoding.scalarText(base, value, field: .config)
        case "threads": config.threads = try ValueDecoding.namedValues(base, value, field: .config)
        case "determinism": config.determinism = try ValueDecoding.namedValues(base, value, field: .config)
        case "libraries": config.libraries = try ValueDecoding.namedValues(base, value, field: .config)
        case "environment": config.environment = try ValueDecoding.namedValues(base, value, field: .config)
        default:
          if value.type != .object && value.type != .array {
            config.environment.append(NamedValue(name, try ValueDecoding.scalarText(base, value, field: .config)))
          }
        }
      }
    }
    let versionSpan = try required(.version, kind)
    return RunHeader(
      formatVersion: try ValueDecoding.int(base, versionSpan, field: .version),
      producer: try optionalString(.producer) ?? "",
      producerVersion: try optionalString(.producerVersion) ?? "",
      profile: profile, label: try optionalString(.label), source: source, config: config)
  }

  package func stream() throws(ScanFailure) -> StreamEvent {
    let kind = "stream"
    let seeding = try Self.seeding(base, try required(.seeding, kind))
    let algorithm = AlgorithmName(try string(.algorithm, kind))
    return StreamEvent(
      seq: try optionalUInt64(.seq), id: try string(.id, kind), framework: FrameworkName(try string(.framework, kind)),
      name: try string(.name, kind), algorithm: algorithm,
      unit: try streamUnit(algorithm),
      seedMaterial: try ValueDecoding.scalarText(base, try required(.seed, kind), field: .seed),
      seeding: seeding, start: try optionalUInt64(.start) ?? 0)
  }

  /// Decodes a stream's `seeding` object, checking that each form has the
  /// fields it needs (see docs/trace-format.md, "seeding").
  static func seeding(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) throws(ScanFailure) -> StreamSeeding {
    var how: String? = nil, call: String? = nil, rule = "", from: String? = nil, source: String? = nil
    var stream: String? = nil, counter: UInt64? = nil, seq: UInt64? = nil, position: UInt64? = nil
    func count(_ value: FieldSpan, _ name: String) throws(ScanFailure) -> UInt64 {
      guard value.type == .number, let n = try? ValueDecoding.uint64(base, value, field: .seeding) else {
        throw ScanFailure(offset: value.at, expected: "a non-negative integer for \"\(name)\" in \"seeding\"")
      }
      return n
    }
    for (name, value) in try ValueDecoding.objectFields(base, span, field: .seeding) {
      switch name {
      case "counter": counter = try count(value, name)
      case "seq": seq = try count(value, name)
      case "position": position = try count(value, name)
      default:
        let text = try ValueDecoding.scalarText(base, value, field: .seeding)
        switch name {
        case "how": how = text
        case "call": call = text
        case "rule": rule = text
        case "from": from = text
        case "source": source = text
        case "stream": stream = text
        default: break
        }
      }
    }
    switch how {
    case "explicit": return .explicit(call: call ?? "", source: source)
    case "derived": return .derived(rule: rule, from: from ?? "", source: source)
    case "entropy": return (call ?? "").isEmpty ? .entropy : .requestedEntropy(call: call ?? "", source: source)
    case "default": return .frameworkDefault(from: from, source: source)
    case "drawn":
      let draw = DrawReference(stream: stream, counter: counter, seq: seq)
      guard draw.isComplete else {
        throw ScanFailure(
          offset: span.at,
          expected: "the draw a \"drawn\" seeding came from: \"seq\", or \"stream\" and \"counter\", in \"seeding\"")
      }
      return .drawn(draw, call: call, source: source)
    case "restored":
      guard let from, !from.isEmpty else {
        throw ScanFailure(offset: span.at, expected: "a \"from\" naming where a \"restored\" state came from, in \"seeding\"")
      }
      return .restored(from: from, position: position, call: call, source: source)
    default:
      throw ScanFailure(
        offset: span.at,
        expected: "\"how\": \"explicit\", \"derived\", \"entropy\", \"default\", \"drawn\" or \"restored\" in \"seeding\"")
    }
  }

  private func streamUnit(_ algorithm: AlgorithmName) throws(ScanFailure) -> CounterUnitName {
    if let text = try optionalString(.unit) { return CounterUnitName(text) }
    return algorithm.defaultUnit ?? CounterUnitName.word32
  }

  package func derivation() throws(ScanFailure) -> DerivationEvent {
    let kind = "derivation"
    guard let inputs = layout[.inputs] else {
      throw ScanFailure(offset: 0, expected: "an \"inputs\" field in this derivation event")
    }
    return DerivationEvent(
      seq: try optionalUInt64(.seq), rule: try string(.rule, kind),
      inputs: try ValueDecoding.namedValues(base, inputs, field: .inputs),
      result: try ValueDecoding.scalarText(base, try required(.result, kind), field: .result),
      stream: try optionalString(.stream), streams: try stringArray(.streams),
      parent: try optionalString(.parent), consumer: try consumer(kind, required: false),
      source: try optionalString(.source))
  }

  /// An optional array of strings (`"streams":["k1","k2"]`); empty when absent or null.
  private func stringArray(_ field: FieldID) throws(ScanFailure) -> [String] {
    guard let span = layout[field], span.type != .null else { return [] }
    guard span.type == .array else {
      throw ScanFailure(offset: span.at, expected: "an array of strings for \"\(field.wireName)\"")
    }
    var out: [String] = []
    try ValueDecoding.forEachElement(base, span) { (element: FieldSpan) throws(ScanFailure) in
      guard element.type == .string else {
        throw ScanFailure(offset: element.at, expected: "a string in \"\(field.wireName)\"")
      }
      out.append(ValueDecoding.decodeString(base, element))
    }
    return out
  }

  package func draw() throws(ScanFailure) -> DrawEvent {
    let kind = "draw"
    let dtype = try optionalString(.dtype) ?? ""
    return DrawEvent(
      seq: try uint64(.seq, kind), stream: try string(.stream, kind), counter: try uint64(.counter, kind),
      count: try uint64(.count, kind), operation: try string(.op, kind), distribution: try string(.dist, kind),
      parameters: try namedValues(.params), dtype: dtype, shape: try shape(.shape, kind, required: false),
      consumer: try consumer(kind, required: true)!, source: try optionalString(.source),
      digest: try digest(kind, required: false), values: try values(dtype: dtype))
  }

  package func tensor() throws(ScanFailure) -> TensorEvent {
    let kind = "tensor"
    let momentSpan = try required(.moment, kind)
    let moment: TensorMoment
    let word = try ValueDecoding.string(base, momentSpan, field: .moment)
    func index() throws(ScanFailure) -> Int {
      guard let span = layout[.index] else {
        throw ScanFailure(offset: 0, expected: "an \"index\" field for moment \"\(word)\"")
      }
      return try ValueDecoding.int(base, span, field: .index)
    }
    switch word {
    case "init": moment = .initial
    case "batch": moment = .afterBatch(try index())
    case "epoch": moment = .afterEpoch(try index())
    case "final": moment = .final
    default:
      throw ScanFailure(offset: momentSpan.at, expected: "\"init\", \"batch\", \"epoch\" or \"final\" for \"moment\"")
    }
    let dtype = try string(.dtype, kind)
    return TensorEvent(
      seq: try optionalUInt64(.seq), name: try string(.name, kind), moment: moment, dtype: dtype,
      shape: try shape(.shape, kind, required: true), digest: try digest(kind, required: true)!,
      values: try values(dtype: dtype))
  }

  package func metric() throws(ScanFailure) -> MetricEvent {
    let kind = "metric"
    return MetricEvent(
      seq: try optionalUInt64(.seq), name: try string(.name, kind), epoch: try optionalInt(.epoch),
      step: try optionalInt(.step), value: try ValueDecoding.double(base, try required(.value, kind), field: .value))
  }

  package func phase() throws(ScanFailure) -> PhaseEvent {
    let kind = "phase"
    let edgeSpan = try required(.edge, kind)
    guard let edge = PhaseEdge(rawValue: try ValueDecoding.string(base, edgeSpan, field: .edge)) else {
      throw ScanFailure(offset: edgeSpan.at, expected: "\"begin\" or \"end\" for \"edge\"")
    }
    return PhaseEvent(
      seq: try optionalUInt64(.seq), phase: try string(.phase, kind), edge: edge, index: try optionalInt(.index),
      name: try optionalString(.name))
  }

  /// What the phase context needs from a phase line, without allocating
  /// for the documented phase words. Fails exactly when ``phase()`` fails.
  package func phaseInput() throws(ScanFailure) -> PhaseContext.Input {
    try phaseInputAndSeq().input
  }

  /// ``phaseInput()`` and the phase's `seq`, parsed once.
  package func phaseInputAndSeq() throws(ScanFailure) -> (input: PhaseContext.Input, seq: UInt64?) {
    // The same checks in the same order as phase().
    let kind = "phase"
    let edgeSpan = try required(.edge, kind)
    guard edgeSpan.type == .string else { throw ScanFailure(offset: edgeSpan.at, expected: "a string for \"edge\"") }
    let edge: PhaseEdge
    if edgeSpan.equals(base, "begin") {
      edge = .begin
    } else if edgeSpan.equals(base, "end") {
      edge = .end
    } else {
      throw ScanFailure(offset: edgeSpan.at, expected: "\"begin\" or \"end\" for \"edge\"")
    }
    let seq = try optionalUInt64(.seq)
    let phaseSpan = try required(.phase, kind)
    guard phaseSpan.type == .string else { throw ScanFailure(offset: phaseSpan.at, expected: "a string for \"phase\"") }
    let word: PhaseContext.Word
    if !phaseSpan.escaped && phaseSpan.equals(base, "batch") {
      word = .batch
    } else if !phaseSpan.escaped && phaseSpan.equals(base, "epoch") {
      word = .epoch
    } else {
      word = PhaseContext.Word(ValueDecoding.decodeString(base, phaseSpan))
    }
    return (PhaseContext.Input(word: word, edge: edge, index: try optionalInt(.index), name: try optionalString(.name)), seq)
  }

  /// Checks the line as the reader checks a record of `kind` (the checks
  /// that decide whether it reads; headers are checked when the trace opens).
  package func validate(_ kind: TraceEventKind) throws(ScanFailure) {
    switch kind {
    case .draw: _ = try checkDraw()
    case .phase: _ = try phaseInputAndSeq()
    case .header: break
    case .stream, .derivation, .tensor, .metric: _ = try event(kind)
    }
  }

  /// Decodes the line as `kind`.
  package func event(_ kind: TraceEventKind) throws(ScanFailure) -> TraceEvent {
    switch kind {
    case .header: return .header(try header())
    case .stream: return .stream(try stream())
    case .derivation: return .derivation(try derivation())
    case .draw: return .draw(try draw())
    case .tensor: return .tensor(try tensor())
    case .metric: return .metric(try metric())
    case .phase: return .phase(try phase())
    }
  }

  // MARK: Light checks for draws (the hot path)

  private static let drawRequired: [(FieldID, JSONType?)] = [
    (.seq, .number), (.stream, .string), (.counter, .number), (.count, .number), (.op, .string), (.dist, .string),
    (.consumer, .string),
  ]
  private static let drawRequiredMask: UInt64 = drawRequired.reduce(0) { $0 | (1 << UInt64($1.0.rawValue)) }

  /// Checks every field of a draw line without allocating, and returns the
  /// numbers the validator needs. Equivalent to `draw()` succeeding.
  @inline(__always)
  package func checkDraw() throws(ScanFailure) -> (seq: UInt64, counter: UInt64, count: UInt64, stream: FieldSpan) {
    let spans = layout.spans
    if layout.present & Self.drawRequiredMask != Self.drawRequiredMask {
      for (field, _) in Self.drawRequired where !layout.has(field) {
        throw ScanFailure(offset: 0, expected: "a \"\(field.wireName)\" field in this draw event")
      }
    }
    let seq = try ValueDecoding.uint64(base, spans[FieldID.seq.rawValue], field: .seq)
    let stream = spans[FieldID.stream.rawValue]
    if stream.type != .string { throw ScanFailure(offset: stream.at, expected: "a string for \"stream\"") }
    let counter = try ValueDecoding.uint64(base, spans[FieldID.counter.rawValue], field: .counter)
    let count = try ValueDecoding.uint64(base, spans[FieldID.count.rawValue], field: .count)
    try requireStringSpan(.op)
    try requireStringSpan(.dist)
    try requireStringSpan(.consumer)
    try optionalStringSpan(.role)
    try optionalStringSpan(.dtype)
    try optionalStringSpan(.source)
    if layout.has(.params) {
      let t = spans[FieldID.params.rawValue].type
      if t != .object && t != .null {
        throw ScanFailure(offset: spans[FieldID.params.rawValue].at, expected: "an object for \"params\"")
      }
    }
    if layout.has(.digest), spans[FieldID.digest.rawValue].type != .null {
      try Self.checkDigest(base, spans[FieldID.digest.rawValue])
    }
    if layout.has(.values), spans[FieldID.values.rawValue].type == .array, let dtype = layout[.dtype], dtype.type == .string {
      try Self.checkValues(base, spans[FieldID.values.rawValue], dtype: dtype)
    }
    return (seq, counter, count, stream)
  }

  @inline(__always)
  private func requireStringSpan(_ field: FieldID) throws(ScanFailure) {
    let span = layout.spans[field.rawValue]
    if span.type != .string { throw ScanFailure(offset: span.at, expected: "a string for \"\(field.wireName)\"") }
  }

  @inline(__always)
  private func optionalStringSpan(_ field: FieldID) throws(ScanFailure) {
    guard layout.has(field) else { return }
    let span = layout.spans[field.rawValue]
    if span.type != .string && span.type != .null {
      throw ScanFailure(offset: span.at, expected: "a string for \"\(field.wireName)\"")
    }
  }

  /// The alignment key of a draw, derivation, tensor or metric line: the
  /// same consumer (or name and moment) gives the same key in any trace.
  /// Phase keys depend on the enclosing phases and come from ``PhaseContext``.
  package func alignmentKey(_ kind: TraceEventKind) -> UInt64 {
    var h = StableHash()
    func add(_ field: FieldID) {
      if layout.has(field) {
        let s = layout.spans[field.rawValue]
        h.combine(base, Int(s.start), Int(s.end))
      } else {
        h.combine(base, 0, 0)
      }
    }
    switch kind {
    case .draw:
      h.combine(0x64)
      add(.consumer)
      add(.role)
      // A draw that derives keys (a JAX `split` or `fold_in`) is never the
      // same event as a sample by the same consumer (a `normal` from a key).
      if layout.has(.dist) && layout.spans[FieldID.dist.rawValue].equals(base, "keys") { h.combine(0x6B) }
    case .derivation:
      h.combine(0x73)
      add(.rule)
      add(.consumer)
      add(.role)
    case .tensor:
      h.combine(0x74)
      add(.name)
      add(.moment)
      add(.index)
    case .metric:
      h.combine(0x6D)
      add(.name)
      add(.epoch)
      add(.step)
    case .phase, .stream, .header:
      return 0
    }
    return h.value
  }

  /// An object whose values are all scalars (strings, numbers, literals).
  static func checkFlatObject(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, field: FieldID) throws(ScanFailure) {
    guard span.type == .object else {
      throw ScanFailure(offset: span.at, expected: "an object for \"\(field.wireName)\"")
    }
    var cursor = JSONCursor(base: base, count: Int(span.end), at: Int(span.start) + 1)
    cursor.skipWhitespace()
    if cursor.peek() == 0x7D { return }
    while true {
      cursor.skipWhitespace()
      _ = try cursor.scanString()
      cursor.skipWhitespace()
      cursor.i += 1
      cursor.skipWhitespace()
      let value = try cursor.scanValue()
      if value.type == .object || value.type == .array {
        throw ScanFailure(offset: value.at, expected: "a string or number inside \"\(field.wireName)\"")
      }
      cursor.skipWhitespace()
      guard let c = cursor.peek() else { return }
      cursor.i += 1
      if c == 0x7D { return }
    }
  }

  /// Values must be representable in the dtype; only checked for the
  /// integer and bool dtypes (floats always parse).
  static func checkValues(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, dtype: FieldSpan) throws(ScanFailure) {
    if dtype.equals(base, "float32") || dtype.equals(base, "float64") || dtype.equals(base, "float16")
      || dtype.equals(base, "bfloat16")
    {
      try ValueDecoding.forEachElement(base, span) { (e: FieldSpan) throws(ScanFailure) in
        guard e.type == .number || e.type == .nonFinite else {
          throw ScanFailure(offset: e.at, expected: "a number in \"values\"")
        }
      }
      return
    }
    _ = try ValueDecoding.values(base, span, dtype: ValueDecoding.decodeString(base, dtype))
  }
}
