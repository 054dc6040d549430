import RNGStreams

extension TraceEvent {
  /// The event as one trace line (without the newline), fields in the
  /// documented order.
  ///
  /// ```swift
  /// TraceEvent.phase(PhaseEvent(seq: 3, phase: "epoch", edge: .begin, index: 1)).jsonLine
  /// // {"event":"phase","seq":3,"phase":"epoch","edge":"begin","index":1}
  /// ```
  public var jsonLine: String {
    var json = JSONWriter()
    encode(into: &json)
    return json.text
  }

  /// Appends the event as one JSON object to `json`.
  public func encode(into json: inout JSONWriter) {
    json.beginObject()
    json.field("event", kind.rawValue)
    switch self {
    case .header(let h): h.encodeFields(into: &json)
    case .stream(let s): s.encodeFields(into: &json)
    case .derivation(let d): d.encodeFields(into: &json)
    case .draw(let d): d.encodeFields(into: &json)
    case .tensor(let t): t.encodeFields(into: &json)
    case .metric(let m): m.encodeFields(into: &json)
    case .phase(let p): p.encodeFields(into: &json)
    }
    json.endObject()
  }
}

extension RunHeader {
  func encodeFields(into json: inout JSONWriter) {
    json.field("format", TraceFormat.name)
    json.field("version", formatVersion)
    json.field("producer", producer)
    json.field("producer_version", producerVersion)
    json.key("profile")
    json.beginObject()
    json.field("framework", profile.framework.rawValue)
    json.field("version", profile.version)
    json.field("semantics", ifPresent: profile.semantics)
    json.endObject()
    json.field("label", ifPresent: label)
    if let source {
      json.key("source")
      json.beginObject()
      json.field("path", source.path)
      json.field("sha256", source.sha256)
      json.endObject()
    }
    json.key("config")
    json.beginObject()
    json.field("PYTHONHASHSEED", ifPresent: config.pythonHashSeed)
    json.field("device", ifPresent: config.device)
    json.field("threads", config.threads)
    json.field("determinism", config.determinism)
    json.field("libraries", config.libraries)
    json.field("environment", config.environment)
    json.endObject()
  }
}

extension StreamEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", ifPresent: seq)
    json.field("id", id)
    json.field("framework", framework.rawValue)
    json.field("name", name)
    json.field("algorithm", algorithm.rawValue)
    json.field("unit", unit.rawValue)
    json.field("seed", seedMaterial)
    json.key("seeding")
    json.beginObject()
    json.field("how", seeding.how)
    switch seeding {
    case .explicit(let call, let source):
      json.field("call", call)
      json.field("source", ifPresent: source)
    case .derived(let rule, let from, let source):
      json.field("rule", rule)
      json.field("from", from)
      json.field("source", ifPresent: source)
    case .entropy:
      break
    case .requestedEntropy(let call, let source):
      json.field("call", call)
      json.field("source", ifPresent: source)
    case .frameworkDefault(let from, let source):
      json.field("from", ifPresent: from)
      json.field("source", ifPresent: source)
    case .drawn(let draw, let call, let source):
      json.field("stream", ifPresent: draw.stream)
      json.field("counter", ifPresent: draw.counter)
      json.field("seq", ifPresent: draw.seq)
      json.field("call", ifPresent: call)
      json.field("source", ifPresent: source)
    case .restored(let from, let position, let call, let source):
      json.field("from", from)
      json.field("position", ifPresent: position)
      json.field("call", ifPresent: call)
      json.field("source", ifPresent: source)
    }
    json.endObject()
    if start != 0 { json.field("start", start) }
  }
}

extension DerivationEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", ifPresent: seq)
    json.field("rule", rule)
    json.field("inputs", inputs)
    json.field("result", result)
    json.field("stream", ifPresent: stream)
    if !streams.isEmpty {
      json.key("streams")
      json.beginArray()
      for id in streams { json.string(id) }
      json.endArray()
    }
    json.field("parent", ifPresent: parent)
    if let consumer {
      json.field("consumer", consumer.path)
      json.field("role", consumer.role)
    }
    json.field("source", ifPresent: source)
  }
}

extension DrawEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", seq)
    json.field("stream", stream)
    json.field("counter", counter)
    json.field("count", count)
    json.field("op", operation)
    json.field("dist", distribution)
    json.field("params", parameters)
    json.field("dtype", dtype)
    json.field("shape", shape)
    json.field("consumer", consumer.path)
    json.field("role", consumer.role)
    json.field("source", ifPresent: source)
    json.field("digest", ifPresent: digest)
    if let values { values.encode(named: "values", into: &json) }
  }
}

extension TensorEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", ifPresent: seq)
    json.field("name", name)
    json.field("moment", moment.word)
    json.field("index", ifPresent: moment.index)
    json.field("dtype", dtype)
    json.field("shape", shape)
    json.field("digest", digest)
    if let values { values.encode(named: "values", into: &json) }
  }
}

extension MetricEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", ifPresent: seq)
    json.field("name", name)
    json.field("epoch", ifPresent: epoch)
    json.field("step", ifPresent: step)
    json.field("value", value)
  }
}

extension PhaseEvent {
  func encodeFields(into json: inout JSONWriter) {
    json.field("seq", ifPresent: seq)
    json.field("phase", phase)
    json.field("edge", edge.rawValue)
    json.field("index", ifPresent: index)
    json.field("name", ifPresent: name)
  }
}

extension DrawnValues {
  /// Writes `"name":[…]` with each element as the trace format spells it.
  func encode(named name: String, into json: inout JSONWriter) {
    json.key(name)
    json.beginArray()
    switch self {
    case .bool(let v): for x in v { json.bool(x) }
    case .int8(let v): for x in v { json.int(x) }
    case .int16(let v): for x in v { json.int(x) }
    case .int32(let v): for x in v { json.int(x) }
    case .int64(let v): for x in v { json.int(x) }
    case .uint8(let v): for x in v { json.int(x) }
    case .uint16(let v): for x in v { json.int(x) }
    case .uint32(let v): for x in v { json.int(x) }
    case .uint64(let v): for x in v { json.int(x) }
    case .float16(let v): for x in v { json.raw(PythonFloatText.repr(half: x)) }
    case .bfloat16(let v): for x in v { json.float(Float(bitPattern: UInt32(x) << 16)) }
    case .float32(let v): for x in v { json.float(x) }
    case .float64(let v): for x in v { json.double(x) }
    }
    json.endArray()
  }
}

extension PythonFloatText {
  /// The shortest text that reads back as this half-precision value.
  package static func repr(half bits: UInt16) -> String {
    let f = HalfFloat.float(fromHalfBits: bits)
    if f.isNaN { return "NaN" }
    if f.isInfinite { return f < 0 ? "-Infinity" : "Infinity" }
    // Shortest digits for half precision: try increasing precision until
    // the text rounds back to the same half.
    for digits in 1...5 {
      let text = scientific(Double(f), significantDigits: digits)
      if let parsed = Double(text), HalfFloat.halfBits(from: Float(parsed)) == bits {
        return layout(text)
      }
    }
    return repr(f)
  }

  /// `value` rounded to `significantDigits` digits in exponent form, as
  /// Swift parses it back (for example `"1.5e-3"`).
  private static func scientific(_ value: Double, significantDigits: Int) -> String {
    if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
    let magnitude = abs(value)
    var exponent = Int((magnitude).log10Floor)
    var scaled = magnitude / pow10(exponent - significantDigits + 1)
    scaled = scaled.rounded(.toNearestOrEven)
    if scaled >= pow10(significantDigits) {
      exponent += 1
      scaled = (magnitude / pow10(exponent - significantDigits + 1)).rounded(.toNearestOrEven)
    }
    let digits = String(Int(scaled))
    var text = value < 0 ? "-" : ""
    text += String(digits.first!)
    if digits.count > 1 { text += "." + digits.dropFirst() }
    text += "e\(exponent)"
    return text
  }

  private static func pow10(_ n: Int) -> Double {
    var result = 1.0
    if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
    return result
  }
}

extension Double {
  /// floor(log10(self)) for positive finite values, computed exactly by
  /// comparing against powers of ten.
  fileprivate var log10Floor: Int {
    var e = 0
    var p = 1.0
    if self >= 1 {
      while p * 10 <= self { p *= 10; e += 1 }
    } else {
      while p > self { p /= 10; e -= 1 }
    }
    return e
  }
}
