// The top-level fields of one trace line, found by the scanner. Internal to
// the package (the differ reads records through it).

/// Every top-level field name the format defines, across all events.
/// The order groups the fields of the frequent events (draws first, then
/// phases, tensors and metrics), so one line's spans share few cache lines.
package enum FieldID: Int, CaseIterable, Sendable {
  case event, seq, stream, counter, count, op, dist, params, dtype, shape, consumer, role, source, digest, values
  case phase, edge, index, name, moment, epoch, step, value
  case format, version, producer, producerVersion, profile, label, config
  case id, framework, algorithm, unit, seed, seeding, start
  case rule, inputs, result, streams, parent

  /// The name as written in traces.
  package var wireName: String {
    switch self {
    case .producerVersion: return "producer_version"
    default: return String(describing: self)
    }
  }

  /// Finds the field a key names, without allocating. Unknown keys give nil.
  ///
  /// The key's bytes are read as little-endian words and matched against
  /// the known names' words (generated from ``wireName``).
  @inline(__always)
  package static func lookup(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> FieldID? {
    let n = end - start
    guard n >= 2 && n <= 16 else { return nil }
    let p = base + start
    var w: UInt64 = 0
    for k in 0..<min(n, 8) { w |= UInt64(p[k]) << UInt64(8 * k) }
    switch (n, w) {
    case (5, 0x746e657665): return .event
    case (3, 0x716573): return .seq
    case (6, 0x74616d726f66): return .format
    case (7, 0x6e6f6973726576): return .version
    case (8, 0x72656375646f7270): return .producer
    case (7, 0x656c69666f7270): return .profile
    case (5, 0x6c6562616c): return .label
    case (6, 0x656372756f73): return .source
    case (6, 0x6769666e6f63): return .config
    case (2, 0x6469): return .id
    case (4, 0x656d616e): return .name
    case (4, 0x74696e75): return .unit
    case (4, 0x64656573): return .seed
    case (7, 0x676e6964656573): return .seeding
    case (5, 0x7472617473): return .start
    case (4, 0x656c7572): return .rule
    case (6, 0x737475706e69): return .inputs
    case (6, 0x746c75736572): return .result
    case (7, 0x736d6165727473): return .streams
    case (6, 0x746e65726170): return .parent
    case (6, 0x6d6165727473): return .stream
    case (8, 0x72656d75736e6f63): return .consumer
    case (4, 0x656c6f72): return .role
    case (7, 0x7265746e756f63): return .counter
    case (5, 0x746e756f63): return .count
    case (2, 0x706f): return .op
    case (4, 0x74736964): return .dist
    case (6, 0x736d61726170): return .params
    case (5, 0x6570797464): return .dtype
    case (5, 0x6570616873): return .shape
    case (6, 0x747365676964): return .digest
    case (6, 0x7365756c6176): return .values
    case (6, 0x746e656d6f6d): return .moment
    case (5, 0x7865646e69): return .index
    case (5, 0x68636f7065): return .epoch
    case (4, 0x70657473): return .step
    case (5, 0x65756c6176): return .value
    case (5, 0x6573616870): return .phase
    case (4, 0x65676465): return .edge
    default: if n <= 8 { return nil }
    }
    var w2: UInt64 = 0
    for k in 8..<n { w2 |= UInt64(p[k]) << UInt64(8 * (k - 8)) }
    switch (n, w, w2) {
    case (16, 0x72656375646f7270, 0x6e6f69737265765f): return .producerVersion
    case (9, 0x726f77656d617266, 0x6b): return .framework
    case (9, 0x687469726f676c61, 0x6d): return .algorithm
    default: return nil
    }
  }
}

/// Memory for one line's field spans (one slot per ``FieldID``). The
/// owner (a reader, a differ side) keeps it alive while layouts point into it.
package final class LayoutStorage {
  package let spans: UnsafeMutablePointer<FieldSpan>
  /// A direct-mapped cache of recently seen keys (see ``KeyCache``).
  let keyCache: UnsafeMutablePointer<KeyCache.Entry>
  /// Rewrites lines that are not in the writer's form (made when first needed).
  lazy var canonical = CanonicalLineWriter()
  /// The middles of recent draw lines, for the canonical scan.
  package let segments = CanonicalSegments()

  package init() {
    spans = .allocate(capacity: FieldID.allCases.count)
    spans.initialize(repeating: .absent, count: FieldID.allCases.count)
    keyCache = .allocate(capacity: KeyCache.size)
    keyCache.initialize(repeating: KeyCache.Entry(word: 0, length: 0, field: 0xFF), count: KeyCache.size)
  }

  deinit {
    spans.deallocate()
    keyCache.deallocate()
  }

  /// A layout that records into this storage.
  package var layout: LineLayout { LineLayout(spans: spans, keyCache: keyCache) }
}

/// Remembers which field each recently seen key names: a trace repeats the
/// same dozen keys on every line, so most lookups are one comparison.
enum KeyCache {
  static let size = 64

  struct Entry {
    var word: UInt64
    var length: UInt8
    /// The field's raw value, or 0xFF for a key no field has.
    var field: UInt8
  }

  @inline(__always)
  static func lookup(_ cache: UnsafeMutablePointer<Entry>, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, lineCount: Int) -> FieldID? {
    let n = end - start
    guard n >= 1 && n <= 8 else { return longKey(base, start, end) }
    var w: UInt64
    if start + 8 <= lineCount {
      w = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
      if n < 8 { w &= (1 &<< UInt64(8 &* n)) &- 1 }
    } else {
      w = 0
      for k in 0..<n { w |= UInt64(base[start + k]) << UInt64(8 * k) }
    }
    let slot = Int(truncatingIfNeeded: ((w ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    let entry = cache[slot]
    if entry.word == w && Int(entry.length) == n {
      // A payload-free enum's tag is its declaration index, which is its raw value.
      return entry.field == 0xFF ? nil : unsafeBitCast(entry.field, to: FieldID.self)
    }
    return miss(cache, slot, w, base, start, end)
  }

  @inline(never)
  static func longKey(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> FieldID? {
    FieldID.lookup(base, start, end)
  }

  @inline(never)
  static func miss(_ cache: UnsafeMutablePointer<Entry>, _ slot: Int, _ w: UInt64, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> FieldID? {
    let field = FieldID.lookup(base, start, end)
    cache[slot] = Entry(word: w, length: UInt8(end - start), field: field.map { UInt8($0.rawValue) } ?? 0xFF)
    return field
  }
}

/// Where each known top-level field of a line lies. Points into a
/// ``LayoutStorage``; valid while that storage and the line live.
package struct LineLayout {
  /// Bit k set when the field with raw value k is present.
  package var present: UInt64 = 0
  package let spans: UnsafeMutablePointer<FieldSpan>
  let keyCache: UnsafeMutablePointer<KeyCache.Entry>

  init(present: UInt64 = 0, spans: UnsafeMutablePointer<FieldSpan>, keyCache: UnsafeMutablePointer<KeyCache.Entry>) {
    self.present = present
    self.spans = spans
    self.keyCache = keyCache
  }

  @inlinable @inline(__always) package func has(_ field: FieldID) -> Bool { present & (1 << UInt64(field.rawValue)) != 0 }

  @inlinable @inline(__always) package subscript(_ field: FieldID) -> FieldSpan? {
    has(field) ? spans[field.rawValue] : nil
  }

  @inline(__always) package mutating func set(_ field: FieldID, _ span: FieldSpan) {
    present |= 1 << UInt64(field.rawValue)
    spans[field.rawValue] = span
  }

  @inline(__always) package mutating func clear() { present = 0 }
}

@inline(__always)
private func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

/// The position of the first `"`, `\` or control byte at or after `k`
/// (or `n`), eight bytes at a time while at least eight remain.
@inline(__always)
func stringStop(_ base: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> Int {
  var k = k
  let ones: UInt64 = 0x0101_0101_0101_0101
  let highs: UInt64 = 0x8080_8080_8080_8080
  while k + 8 <= n {
    let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
    let quote = w ^ (ones &* 0x22)
    let slash = w ^ (ones &* 0x5C)
    // A byte is flagged when it is zero after the xor (a match) or below 0x20.
    let special = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
    let hits = special & highs
    if hits != 0 { return k + hits.trailingZeroBitCount / 8 }
    k += 8
  }
  while k < n {
    let c = base[k]
    if c == 0x22 || c == 0x5C || c < 0x20 { return k }
    k += 1
  }
  return n
}

extension JSONCursor {
  /// Scans a whole line as one event object, recording the known top-level
  /// fields in `layout`. `values` and `shape` are checked element by
  /// element; `params` and `inputs` must hold scalars only.
  ///
  /// Strings without escapes and plain integers take a fast path; anything
  /// else is scanned again by the general (checked) functions, so errors
  /// are the same either way.
  package mutating func scanEventObject(into layout: inout LineLayout) throws(ScanFailure) {
    let start = i
    if scanCanonicalEvent(into: &layout) != nil { return }
    i = start
    try scanGeneralEventObject(into: &layout)
  }

  /// The general scanner alone: any field order, whitespace, escapes.
  package mutating func scanGeneralEventObject(into layout: inout LineLayout) throws(ScanFailure) {
    layout.present = 0
    let base = self.base
    let n = count
    while i < n && isSpace(base[i]) { i += 1 }
    guard i < n, base[i] == 0x7B else {
      throw ScanFailure(offset: i, expected: "'{' to start an event object")
    }
    i += 1
    while i < n && isSpace(base[i]) { i += 1 }
    if i < n && base[i] == 0x7D {
      i += 1
    } else {
      while true {
        guard i < n, base[i] == 0x22 else {
          throw ScanFailure(offset: i, expected: "a field name in quotes")
        }
        // Key.
        var key: FieldSpan
        let keyStart = i + 1
        let k = stringStop(base, keyStart, n)
        if k < n && base[k] == 0x22 {
          key = FieldSpan(start: Int32(truncatingIfNeeded: keyStart), end: Int32(truncatingIfNeeded: k), type: .string, escaped: false)
          i = k + 1
        } else {
          key = try scanString()
        }
        while i < n && isSpace(base[i]) { i += 1 }
        guard i < n, base[i] == 0x3A else { throw ScanFailure(offset: i, expected: "':' after the field name") }
        i += 1
        while i < n && isSpace(base[i]) { i += 1 }
        let field = key.escaped ? Self.escapedKey(base, key) : KeyCache.lookup(layout.keyCache, base, Int(key.start), Int(key.end), lineCount: n)
        // Value.
        var span: FieldSpan
        let valueStart = i
        let c = i < n ? base[i] : 0
        if c == 0x22 {
          let k = stringStop(base, i + 1, n)
          if k < n && base[k] == 0x22 {
            span = FieldSpan(start: Int32(truncatingIfNeeded: valueStart + 1), end: Int32(truncatingIfNeeded: k), type: .string, escaped: false)
            i = k + 1
          } else {
            span = try scanString()
          }
        } else if c >= 0x30 && c <= 0x39 {
          var k = i + 1
          if c != 0x30 { while k < n && base[k] >= 0x30 && base[k] <= 0x39 { k += 1 } }
          let next = k < n ? base[k] : 0
          if next == 0x2E || next == 0x65 || next == 0x45 {
            span = try scanNumber()
          } else {
            span = FieldSpan(start: Int32(truncatingIfNeeded: valueStart), end: Int32(truncatingIfNeeded: k), type: .number, escaped: false)
            i = k
          }
        } else {
          switch field {
          case .values?: span = try scanFlatArray(integersOnly: false, fieldName: "values").0
          case .shape?: span = try scanFlatArray(integersOnly: true, fieldName: "shape").0
          case .params?, .inputs?:
            span = c == 0x7B ? try scanScalarObject(field: field!) : try scanValue()
          default: span = try scanValue()
          }
        }
        if let field { layout.set(field, span) }
        while i < n && isSpace(base[i]) { i += 1 }
        guard i < n else { throw ScanFailure(offset: i, expected: "',' or '}' after a value") }
        if base[i] == 0x2C {
          i += 1
          while i < n && isSpace(base[i]) { i += 1 }
        } else if base[i] == 0x7D {
          i += 1
          break
        } else {
          throw ScanFailure(offset: i, expected: "',' or '}' after a value")
        }
      }
    }
    while i < n && isSpace(base[i]) { i += 1 }
    if i < n { throw ScanFailure(offset: i, expected: "the end of the line after the event object") }
  }

  /// The field a key with escapes names (`"\u0073eq"` is `seq`), or nil.
  @inline(never)
  private static func escapedKey(_ base: UnsafePointer<UInt8>, _ key: FieldSpan) -> FieldID? {
    let name = Array(ValueDecoding.decodeString(base, key).utf8)
    guard name.count >= 2 else { return nil }
    return name.withUnsafeBufferPointer { FieldID.lookup($0.baseAddress!, 0, $0.count) }
  }

  /// Scans an object whose values must all be scalars (`params`, `inputs`), in one pass.
  private mutating func scanScalarObject(field: FieldID) throws(ScanFailure) -> FieldSpan {
    let start = i
    i += 1
    skipWhitespace()
    if i < count && base[i] == 0x7D {
      i += 1
      return FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), type: .object, escaped: false)
    }
    while true {
      skipWhitespace()
      guard i < count, base[i] == 0x22 else { throw ScanFailure(offset: i, expected: "a field name in quotes") }
      _ = try scanString()
      skipWhitespace()
      try expect(0x3A, "':' after the field name")
      skipWhitespace()
      let value = try scanValue()
      if value.type == .object || value.type == .array {
        throw ScanFailure(offset: value.at, expected: "a string or number inside \"\(field.wireName)\"")
      }
      skipWhitespace()
      guard i < count else { throw ScanFailure(offset: start, expected: "the end of the object that starts here") }
      if base[i] == 0x2C {
        i += 1
      } else if base[i] == 0x7D {
        i += 1
        return FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), type: .object, escaped: false)
      } else {
        throw ScanFailure(offset: i, expected: "',' or '}' after a value")
      }
    }
  }
}
