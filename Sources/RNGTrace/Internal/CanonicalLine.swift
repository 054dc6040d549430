#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Rewriting an event line in the compact form TraceWriter writes. Internal
// to the package.
//
// The differ compares lines, field values and alignment keys as bytes. That
// is only sound when the same event always has the same bytes, whoever wrote
// it; so the reader rewrites every line that is not already in the writer's
// form: fields in the writer's order (`event` first; other known fields
// after, in `FieldID` order; unknown fields dropped, as the reader ignores
// them), no whitespace outside strings, and strings escaped exactly as
// JSONWriter escapes them (only `"`, `\` and control characters; `\u0041`
// becomes `A`, `\/` becomes `/`). Numbers keep their literal text, at any
// depth, and nested objects keep their order.
//
//     {"seq": 3, "event": "draw", "shape": [1, 2], "op": "r\u0061ndn", …}
//     → {"event":"draw","seq":3,"op":"randn",…,"shape":[1,2],…}
//
// A rewritten line is never longer than the original, so it replaces it in
// place in its batch.

extension TraceEventKind {
  /// The fields of this kind in the order TraceWriter writes them (after `event`).
  static func writerOrder(_ kind: TraceEventKind) -> [FieldID] {
    switch kind {
    case .draw: return [.seq, .stream, .counter, .count, .op, .dist, .params, .dtype, .shape, .consumer, .role, .source, .digest, .values]
    case .phase: return [.seq, .phase, .edge, .index, .name]
    case .tensor: return [.seq, .name, .moment, .index, .dtype, .shape, .digest, .values]
    case .metric: return [.seq, .name, .epoch, .step, .value]
    case .stream: return [.seq, .id, .framework, .name, .algorithm, .unit, .seed, .seeding, .start]
    case .derivation: return [.seq, .rule, .inputs, .result, .stream, .streams, .parent, .consumer, .role, .source]
    case .header: return [.format, .version, .producer, .producerVersion, .profile, .label, .source, .config]
    }
  }
}

/// Writes lines in the writer's form into a buffer of its own (one per
/// thread), and scans the result.
final class CanonicalLineWriter {
  /// The rewritten line; `buffer[count]` is a 0 sentinel.
  @exclusivity(unchecked) private(set) var buffer: UnsafeMutablePointer<UInt8>
  @exclusivity(unchecked) private var capacity: Int
  /// The length of the rewritten line.
  @exclusivity(unchecked) private(set) var count = 0
  /// Spans of the rewritten line.
  let storage = LayoutStorage()

  static func slot(_ kind: TraceEventKind) -> Int {
    switch kind {
    case .header: return 0
    case .stream: return 1
    case .derivation: return 2
    case .draw: return 3
    case .tensor: return 4
    case .metric: return 5
    case .phase: return 6
    }
  }

  init() {
    capacity = 4096
    buffer = .allocate(capacity: capacity + LineBatch.padding)
  }

  deinit { buffer.deallocate() }

  /// Writes `line` (scanned into `layout`) in the writer's form. Returns
  /// false, writing nothing useful, when the line is in that form already.
  func rewrite(_ base: UnsafePointer<UInt8>, _ n: Int, layout: LineLayout, kind: TraceEventKind) -> Bool {
    if n > capacity {
      buffer.deallocate()
      capacity = max(n, capacity * 2)
      buffer = .allocate(capacity: capacity + LineBatch.padding)
    }
    // (Never longer than the original: escapes and whitespace only shrink,
    // and unknown fields are dropped. Past `n` the output is cut off, and
    // the line is kept as it is.)
    var out = Output(buffer: buffer, capacity: n)
    out.put(0x7B)
    let table = KeyTable.shared
    let order = table.orders[Self.slot(kind)]
    for k in 0..<order.count {
      let id = order[k]
      guard let span = layout[id] else { continue }
      if k > 0 { out.put(0x2C) }
      let key = table.keys[id.rawValue]
      out.copy(table.bytes + key.lowerBound, key.count)
      let start = span.type == .string ? Int(span.start) - 1 : Int(span.start)
      let end = span.type == .string ? Int(span.end) + 1 : Int(span.end)
      out.minify(base, start, end)
    }
    out.put(0x7D)
    count = out.count
    guard count <= n else { return false }
    buffer[count] = 0
    return count != n || memcmp(buffer, base, n) != 0
  }

  /// Writes `line` without the whitespace around its structural
  /// characters — Python's `json.dumps` defaults (`", "`, `": "`), spaces
  /// after `{`/`[` or before `}`/`]`, a trailing `\r` — for a second try of
  /// the canonical scan, much cheaper than the general scan and
  /// ``rewrite(_:_:layout:kind:)``. Strings are copied as they are.
  /// Returns false when there was no such whitespace (nothing to retry).
  ///
  ///     {"event": "draw", "seq": 3, "shape": [1, 2]}
  ///     → {"event":"draw","seq":3,"shape":[1,2]}
  ///
  /// Edge cases: whitespace between two values that are not separated by
  /// a structural character (`1 2`) is kept, so the canonical scan fails
  /// and the general scanner reports it as before; a line that ends inside
  /// a string is copied to its end.
  func compact(_ base: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n > capacity {
      buffer.deallocate()
      capacity = max(n, capacity * 2)
      buffer = .allocate(capacity: capacity + LineBatch.padding)
    }
    @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
    @inline(__always) func opens(_ c: UInt8) -> Bool { c == 0x7B || c == 0x5B || c == 0x2C || c == 0x3A }
    @inline(__always) func closes(_ c: UInt8) -> Bool { c == 0x7D || c == 0x5D || c == 0x2C || c == 0x3A }
    var o = 0, k = 0, removed = false
    while k < n {
      let c = base[k]
      if c == 0x22 {
        // A string, copied through its closing quote.
        buffer[o] = c
        o += 1
        k += 1
        while k < n {
          let d = base[k]
          buffer[o] = d
          o += 1
          k += 1
          if d == 0x5C {
            if k < n {
              buffer[o] = base[k]
              o += 1
              k += 1
            }
          } else if d == 0x22 {
            break
          }
        }
      } else if isSpace(c) {
        var j = k + 1
        while j < n && isSpace(base[j]) { j += 1 }
        if o == 0 || opens(buffer[o - 1]) || j == n || closes(base[j]) {
          removed = true
        } else {
          (buffer + o).update(from: base + k, count: j - k)
          o += j - k
        }
        k = j
      } else {
        buffer[o] = c
        o += 1
        k += 1
      }
    }
    count = o
    buffer[o] = 0
    return removed
  }
}

/// The `"name":` bytes of every field and the field order of every kind,
/// built once (FieldID.wireName reflects, which is slow) and never freed.
private final class KeyTable: @unchecked Sendable {
  static let shared = KeyTable()
  /// Every key, one after the other.
  let bytes: UnsafeMutablePointer<UInt8>
  /// Where each field's key lies in `bytes`, by raw value.
  let keys: UnsafeMutablePointer<Range<Int>>
  /// Per kind (`CanonicalLineWriter.slot`): `event`, the kind's fields in the
  /// writer's order, then every other known field.
  let orders: [UnsafeBufferPointer<FieldID>]

  private init() {
    var all: [UInt8] = []
    var ranges: [Range<Int>] = []
    for id in FieldID.allCases {
      let key = Array("\"\(id.wireName)\":".utf8)
      ranges.append(all.count..<(all.count + key.count))
      all += key
    }
    bytes = .allocate(capacity: all.count)
    bytes.initialize(from: all, count: all.count)
    keys = .allocate(capacity: ranges.count)
    keys.initialize(from: ranges, count: ranges.count)
    let kinds: [TraceEventKind] = [.header, .stream, .derivation, .draw, .tensor, .metric, .phase]
    var orders = Array(repeating: UnsafeBufferPointer<FieldID>(start: nil, count: 0), count: kinds.count)
    for kind in kinds {
      let own = TraceEventKind.writerOrder(kind)
      let order = [.event] + own + FieldID.allCases.filter { $0 != .event && !own.contains($0) }
      let p = UnsafeMutablePointer<FieldID>.allocate(capacity: order.count)
      p.initialize(from: order, count: order.count)
      orders[CanonicalLineWriter.slot(kind)] = UnsafeBufferPointer(start: p, count: order.count)
    }
    self.orders = orders
  }
}

/// The output of one rewrite: bytes past `capacity` are counted, not written.
private struct Output {
  let buffer: UnsafeMutablePointer<UInt8>
  let capacity: Int
  var count = 0

  @inline(__always) mutating func put(_ b: UInt8) {
    if count < capacity { buffer[count] = b }
    count += 1
  }

  @inline(__always) mutating func copy(_ from: UnsafePointer<UInt8>, _ n: Int) {
    if count + n <= capacity { (buffer + count).update(from: from, count: n) }
    count += n
  }

  /// Copies a scanned JSON value without whitespace, re-escaping strings.
  mutating func minify(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
    var k = start
    while k < end {
      // A run of bytes to keep as they are: up to whitespace or a string.
      var stop = k
      while stop < end {
        let c = base[stop]
        if c == 0x22 || c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { break }
        stop += 1
      }
      copy(base + k, stop - k)
      k = stop
      guard k < end else { return }
      if base[k] == 0x22 {
        put(0x22)
        k = copyString(base, k + 1, end)
      } else {
        k += 1
      }
    }
  }

  /// Copies a string's content from `k` (after its opening quote) through
  /// its closing quote; returns the position after that quote.
  mutating func copyString(_ base: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
    var k = from
    while k < end {
      let stop = stringStop(base, k, end)
      copy(base + k, stop - k)
      k = stop
      guard k < end else { return k }
      if base[k] == 0x22 {
        put(0x22)
        return k + 1
      }
      // An escape (the scanner checked it; raw control bytes cannot occur).
      let e = base[k + 1]
      switch e {
      case 0x75:
        var v = hex4(base, k + 2)
        k += 6
        if v >= 0xD800 && v < 0xDC00, k + 6 <= end, base[k] == 0x5C, base[k + 1] == 0x75 {
          let low = hex4(base, k + 2)
          if low >= 0xDC00 && low < 0xE000 {
            v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
            k += 6
          }
        }
        putScalar(v)
      case 0x2F:  // \/
        put(0x2F)
        k += 2
      default:  // \" \\ \b \f \n \r \t: as the writer writes them
        put(0x5C)
        put(e)
        k += 2
      }
    }
    return k
  }

  /// One code point, written as JSONWriter writes it.
  mutating func putScalar(_ v: UInt32) {
    switch v {
    case 0x22: put(0x5C); put(0x22)
    case 0x5C: put(0x5C); put(0x5C)
    case 0x0A: put(0x5C); put(0x6E)
    case 0x0D: put(0x5C); put(0x72)
    case 0x09: put(0x5C); put(0x74)
    case 0x08: put(0x5C); put(0x62)
    case 0x0C: put(0x5C); put(0x66)
    case 0..<0x20:
      let hex: StaticString = "0123456789abcdef"
      put(0x5C); put(0x75); put(0x30); put(0x30)
      put(hex.utf8Start[Int(v >> 4)])
      put(hex.utf8Start[Int(v & 15)])
    default:
      // A lone surrogate has no UTF-8 form: U+FFFD, as string decoding gives.
      let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
      for b in String(Character(scalar)).utf8 { put(b) }
    }
  }

  func hex4(_ base: UnsafePointer<UInt8>, _ at: Int) -> UInt32 {
    var v: UInt32 = 0
    for k in 0..<4 {
      let c = base[at + k]
      let d: UInt32
      switch c {
      case 48...57: d = UInt32(c - 48)
      case 65...70: d = UInt32(c - 55)
      default: d = UInt32(c - 87)
      }
      v = (v << 4) | d
    }
    return v
  }
}

extension CanonicalLineWriter {
  /// After a general scan of a line of `kind` into `layout`: when the line
  /// is not in the writer's form, rewrites it into ``buffer``, scans and
  /// checks the rewrite, and returns its layout (over ``storage``); nil
  /// when the line is in form already (or is a header, which is always
  /// decoded, never compared as bytes).
  ///
  /// A rewrite that does not check is reported with the original line's
  /// failure, located where the user can find it.
  func canonicalize(_ base: UnsafePointer<UInt8>, _ n: Int, layout: LineLayout, kind: TraceEventKind) throws(ScanFailure) -> LineLayout? {
    guard kind != .header, rewrite(base, n, layout: layout, kind: kind) else { return nil }
    var rewritten = storage.layout
    do {
      var cursor = JSONCursor(base: buffer, count: count)
      try cursor.scanEventObject(into: &rewritten)
      try LineView(base: buffer, count: count, layout: rewritten).validate(kind)
    } catch {
      try LineView(base: base, count: n, layout: layout).validate(kind)
      throw ScanFailure(offset: 0, expected: error.expected)
    }
    return rewritten
  }
}

extension LineLayout {
  /// Takes the fields of `other` (spans are offsets, so they hold for any copy of its line).
  @inline(__always)
  mutating func copy(_ other: LineLayout) {
    present = other.present
    var bits = other.present
    while bits != 0 {
      let k = bits.trailingZeroBitCount
      spans[k] = other.spans[k]
      bits &= bits &- 1
    }
  }
}

extension LineBatch {
  /// The second try of the canonical scan, on line `index` without the
  /// whitespace around its structural characters (Python's `json.dumps`
  /// defaults; ``CanonicalLineWriter/compact(_:_:)``): on success the line
  /// is replaced by that form and its spans are in `layout`; nil leaves the
  /// line as it was, for the general scanner. A compacted line whose fields
  /// do not check is left to the general path too, so that the error is
  /// located on the line as written.
  func scanCompacted(_ index: Int, into layout: inout LineLayout, using writer: CanonicalLineWriter) -> TraceEventKind? {
    let (base, count, _) = line(index)
    guard writer.compact(base, count) else { return nil }
    var cursor = JSONCursor(base: writer.buffer, count: writer.count)
    guard let kind = cursor.scanCanonicalEvent(into: &layout), kind != .header,
      (try? LineView(base: writer.buffer, count: writer.count, layout: layout).validate(kind)) != nil
    else { return nil }
    replaceLine(index, with: writer)
    return kind
  }

  /// Replaces line `index` with the rewrite in `writer` (never longer).
  func replaceLine(_ index: Int, with writer: CanonicalLineWriter) {
    let r = lines[index]
    precondition(writer.count <= Int(r.count), "a rewritten line is never longer")
    (storage + r.start).update(from: writer.buffer, count: writer.count)
    storage[r.start + writer.count] = 0
    lines[index].count = Int32(truncatingIfNeeded: writer.count)
  }
}
