// The fast path of the line scanner: lines whose fields come in the order
// TraceWriter writes them, with no whitespace. Internal to the package.
//
// It recognises a subset of what the general scanner accepts and, for every
// line it accepts, records exactly the layout the general scanner records
// (the same fields, spans, types and escape flags). Anything else — another
// field order, an unknown field, whitespace, an escape, a syntax error —
// makes it give up, and the general scanner scans the line from the start
// (so error messages are the general scanner's).

/// One key of a canonical field order: `"name":` as two little-endian words.
struct CanonicalKey {
  var word0: UInt64
  var mask0: UInt64
  var word1: UInt64
  var mask1: UInt64
  var length: Int
  var field: FieldID

  init(_ field: FieldID) {
    let bytes = Array("\"\(field.wireName)\":".utf8)
    precondition(bytes.count <= 16, "canonical keys are at most 16 bytes")
    var w0: UInt64 = 0, w1: UInt64 = 0
    for (k, b) in bytes.enumerated() {
      if k < 8 { w0 |= UInt64(b) << UInt64(8 * k) } else { w1 |= UInt64(b) << UInt64(8 * (k - 8)) }
    }
    func mask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << UInt64(8 * n)) - 1 }
    word0 = w0
    word1 = w1
    mask0 = mask(min(bytes.count, 8))
    mask1 = mask(max(bytes.count - 8, 0))
    length = bytes.count
    self.field = field
  }
}

/// The field orders TraceWriter writes, per event kind (the kinds that are
/// frequent in long traces; the others always take the general scanner).
final class CanonicalOrders: @unchecked Sendable {
  /// Keys of every kind, one after the other; immutable after init.
  let keys: UnsafeMutablePointer<CanonicalKey>
  let draw: Range<Int>
  let phase: Range<Int>
  let tensor: Range<Int>
  let metric: Range<Int>
  /// Where a draw's middle starts (the key after `count`) and the first key
  /// after it (`digest`), as positions in ``keys``.
  let drawMiddle: Int
  let drawMiddleEnd: Int

  static let shared = CanonicalOrders()

  private init() {
    let orders: [[FieldID]] = [
      [.seq, .stream, .counter, .count, .op, .dist, .params, .dtype, .shape, .consumer, .role, .source, .digest, .values],
      [.seq, .phase, .edge, .index, .name],
      [.seq, .name, .moment, .index, .dtype, .shape, .digest, .values],
      [.seq, .name, .epoch, .step, .value],
    ]
    let all = orders.flatMap { $0.map(CanonicalKey.init) }
    keys = .allocate(capacity: all.count)
    keys.initialize(from: all, count: all.count)
    var ranges: [Range<Int>] = []
    var at = 0
    for order in orders {
      ranges.append(at..<(at + order.count))
      at += order.count
    }
    draw = ranges[0]
    phase = ranges[1]
    tensor = ranges[2]
    metric = ranges[3]
    drawMiddle = ranges[0].lowerBound + orders[0].firstIndex(of: .op)!
    drawMiddleEnd = ranges[0].lowerBound + orders[0].firstIndex(of: .digest)!
  }
}

extension JSONCursor {
  /// Scans a line laid out as TraceWriter writes it, recording its fields in
  /// `layout`, and returns its kind. Returns nil, with `i` and `layout` in no
  /// particular state, when the line is not in that form (the caller then
  /// runs the general scanner from the start).
  @inline(__always)
  ///
  /// With `segments`, a draw line whose middle (`op` through `source`)
  /// repeats one seen recently takes its spans from there
  /// (``CanonicalSegments``).
  package mutating func scanCanonicalEvent(into layout: inout LineLayout, segments: CanonicalSegments? = nil) -> TraceEventKind? {
    let base = self.base
    let n = count
    // `{"event":"` and the kind.
    guard n >= 24 else { return nil }
    let head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
    // {"event"  little-endian
    guard head == 0x2274_6E65_7665_227B, base[8] == 0x3A, base[9] == 0x22 else { return nil }
    let word = UnsafeRawPointer(base + 10).loadUnaligned(as: UInt64.self)
    let orders = CanonicalOrders.shared
    let range: Range<Int>
    let kindLength: Int
    let kind: TraceEventKind
    if word & 0xFFFF_FFFF_FFFF == 0x2C22_7761_7264 {  // draw",
      range = orders.draw
      kindLength = 4
      kind = .draw
    } else if word & 0xFF_FFFF_FFFF_FFFF == 0x2C_2265_7361_6870 {  // phase",
      range = orders.phase
      kindLength = 5
      kind = .phase
    } else if word == 0x2C22_726F_736E_6574 {  // tensor",
      range = orders.tensor
      kindLength = 6
      kind = .tensor
    } else if word == 0x2C22_6369_7274_656D {  // metric",
      range = orders.metric
      kindLength = 6
      kind = .metric
    } else {
      return nil
    }
    layout.present = 0
    layout.set(.event, FieldSpan(start: 10, end: Int32(10 + kindLength), type: .string, escaped: false))
    i = 10 + kindLength + 2
    var p = range.lowerBound
    let keys = orders.keys
    // A draw's middle: where it starts (-1: not yet, or not remembered).
    let middleKey = kind == .draw && segments != nil ? orders.drawMiddle : -1
    var middleStart = -1
    var presentBefore: UInt64 = 0
    while true {
      if p == middleKey, middleStart < 0, let segments {
        if let s = segments.match(base, at: i, count: n, firstKey: p) {
          // The same bytes as a recent line's middle: its spans, moved here.
          segments.apply(s, at: i, to: &layout)
          i += segments.slot[s].length
          p = segments.slot[s].nextKey
          if base[i] == 0x2C {
            i += 1
            continue
          }
          i += 1
          return i == n ? kind : nil
        }
        middleStart = i
        presentBefore = layout.present
      }
      let searchStart = p
      // A key: the next one in order that matches (fields may be left out).
      // (Bytes past the line read as 0, which no key has.)
      var key: CanonicalKey
      let w0 = Self.word(base, i, n), w1 = Self.word(base, i + 8, n)
      while true {
        guard p < range.upperBound else { return nil }
        key = keys[p]
        p += 1
        if w0 & key.mask0 == key.word0 && w1 & key.mask1 == key.word1 { break }
      }
      if middleStart >= 0 && p > orders.drawMiddleEnd {
        // The middle ended at the `,` before this key (`digest` or later):
        // remembered for later lines, with the key search as it stands here.
        segments?.remember(base, start: middleStart, end: i - 1, firstKey: middleKey, nextKey: searchStart,
                           present: layout.present & ~presentBefore, layout: layout)
        middleStart = -1
      }
      i += key.length
      // The value, exactly as the general scanner scans it.
      guard i < n else { return nil }
      var span: FieldSpan
      let valueStart = i
      let c = base[i]
      if c == 0x22 {
        let k = stringStop(base, i + 1, n)
        guard k < n && base[k] == 0x22 else { return nil }
        span = FieldSpan(start: Int32(truncatingIfNeeded: valueStart + 1), end: Int32(truncatingIfNeeded: k), type: .string, escaped: false)
        i = k + 1
      } else if c >= 0x30 && c <= 0x39 {
        var k = i + 1
        if c != 0x30 { while k < n && base[k] >= 0x30 && base[k] <= 0x39 { k += 1 } }
        let next = k < n ? base[k] : 0
        if next == 0x2E || next == 0x65 || next == 0x45 {
          guard let number = try? scanNumber() else { return nil }
          span = number
        } else {
          span = FieldSpan(start: Int32(truncatingIfNeeded: valueStart), end: Int32(truncatingIfNeeded: k), type: .number, escaped: false)
          i = k
        }
      } else {
        do {
          switch key.field {
          case .values: span = try scanFlatArray(integersOnly: false, fieldName: "values").0
          case .shape:
            guard c == 0x5B, let shape = scanCanonicalShape() else { return nil }
            span = shape
          case .params:
            if c == 0x7B {
              guard let object = scanCanonicalParams() else { return nil }
              span = object
            } else {
              span = try scanValue()
            }
          default: span = try scanValue()
          }
        } catch {
          return nil
        }
      }
      layout.set(key.field, span)
      guard i < n else { return nil }
      let d = base[i]
      if d == 0x2C {
        i += 1
      } else if d == 0x7D {
        if middleStart >= 0 && i + 1 == n {
          segments?.remember(base, start: middleStart, end: i, firstKey: middleKey, nextKey: p,
                             present: layout.present & ~presentBefore, layout: layout)
        }
        i += 1
        return i == n ? kind : nil
      } else {
        return nil
      }
    }
  }

  /// The eight bytes at `at` as a little-endian word, bytes at or past `n` as 0.
  @inline(__always)
  static func word(_ base: UnsafePointer<UInt8>, _ at: Int, _ n: Int) -> UInt64 {
    if at + 8 <= n { return UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self) }
    var w: UInt64 = 0
    var k = at
    while k < n {
      w |= UInt64(base[k]) << UInt64(8 * (k - at))
      k += 1
    }
    return w
  }

  /// `[]` or an array of plain non-negative integers (`[32,32]`); nil for
  /// anything else (the general scanner decides).
  @inline(__always)
  private mutating func scanCanonicalShape() -> FieldSpan? {
    let start = i
    let n = count
    var k = i + 1
    guard k < n else { return nil }
    if base[k] != 0x5D {
      while true {
        guard k < n, base[k] >= 0x30 && base[k] <= 0x39 else { return nil }
        if base[k] == 0x30 {
          k += 1
        } else {
          while k < n && base[k] >= 0x30 && base[k] <= 0x39 { k += 1 }
        }
        guard k < n else { return nil }
        if base[k] == 0x5D { break }
        guard base[k] == 0x2C else { return nil }
        k += 1
      }
    }
    i = k + 1
    return FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), type: .array, escaped: false)
  }

  /// `{}` or an object of plain strings (`{"p":"0.5"}`); nil for anything
  /// else (the general scanner decides).
  @inline(__always)
  private mutating func scanCanonicalParams() -> FieldSpan? {
    let start = i
    let n = count
    var k = i + 1
    if k < n && base[k] == 0x7D {
      i = k + 1
      return FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), type: .object, escaped: false)
    }
    while true {
      // "name":"text"
      guard k < n, base[k] == 0x22 else { break }
      let nameEnd = stringStop(base, k + 1, n)
      guard nameEnd + 2 < n, base[nameEnd] == 0x22, base[nameEnd + 1] == 0x3A, base[nameEnd + 2] == 0x22 else { break }
      let textEnd = stringStop(base, nameEnd + 3, n)
      guard textEnd + 1 < n, base[textEnd] == 0x22 else { break }
      let d = base[textEnd + 1]
      if d == 0x7D {
        i = textEnd + 2
        return FieldSpan(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: i), type: .object, escaped: false)
      }
      guard d == 0x2C else { break }
      k = textEnd + 2
    }
    return nil
  }
}
