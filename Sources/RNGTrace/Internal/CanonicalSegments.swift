#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The canonical scan's memory of recent draw lines. Internal to the package.
//
// A long trace repeats a handful of draw lines that differ only in `seq`,
// `counter` and `digest`: the same stream, op, distribution, parameters,
// dtype, shape, consumer, role and source, line after line. The middle of
// such a line — from the key after `count` up to the `,` before `digest`
// (or the closing `}`) — is remembered with the spans the scan found in it;
// a later line whose middle has the same bytes takes those spans, moved to
// its own offsets, instead of scanning them again.
//
//     {"event":"draw","seq":5,"stream":"gen","counter":0,"count":8,|"op":"bernoulli_",…,"source":"train.py:41"|,"digest":"812b…"}
//
// Sound because the canonical scan of those fields depends only on their
// bytes and on where the key search starts: a remembered middle is used
// only when the search starts at the same key, and only when the byte after
// it in the new line ends a value too (`,` or `}`), so the same bytes scan
// to the same fields, spans and types. The checks after the scan
// (`LineView.checkDraw`) run on every line as before.

/// Recently seen middles of canonical draw lines, with their spans (one per
/// scanning thread, in its ``LayoutStorage``).
package final class CanonicalSegments {
  /// How many middles are remembered (replaced round-robin).
  static let slots = 8
  /// The longest middle remembered, in bytes.
  static let capacity = 320
  /// The shortest middle worth remembering (shorter ones scan as fast).
  static let minimumLength = 24

  struct Slot {
    /// Bytes of the middle; 0 for an empty slot.
    var length: Int = 0
    /// The first eight bytes, to reject most slots with one comparison.
    var head: UInt64 = 0
    /// The key search position where the middle starts and where it ends.
    var firstKey: Int = -1
    var nextKey: Int = -1
    /// The fields the middle holds (bits by raw value), spans in ``spans``.
    var present: UInt64 = 0
  }

  let bytes: UnsafeMutablePointer<UInt8>
  let slot: UnsafeMutablePointer<Slot>
  /// Per slot, one span per field raw value (offsets from the middle's start).
  let spans: UnsafeMutablePointer<FieldSpan>
  private var nextSlot = 0
  /// How many lines took a remembered middle (for tests).
  package private(set) var hits = 0
  /// The slot hit last, and per slot the slot hit after it last time (-1: none).
  private var lastHit = 0
  private let following: UnsafeMutablePointer<Int>
  private static let fieldCount = FieldID.allCases.count

  init() {
    bytes = .allocate(capacity: Self.slots * Self.capacity)
    slot = .allocate(capacity: Self.slots)
    slot.initialize(repeating: Slot(), count: Self.slots)
    spans = .allocate(capacity: Self.slots * Self.fieldCount)
    spans.initialize(repeating: .absent, count: Self.slots * Self.fieldCount)
    following = .allocate(capacity: Self.slots)
    following.initialize(repeating: -1, count: Self.slots)
  }

  deinit {
    bytes.deallocate()
    slot.deallocate()
    spans.deallocate()
    following.deallocate()
  }

  /// The slot whose middle the line has at `at` (the key search at
  /// `firstKey`), or nil. The byte after the middle must end a value.
  @inline(__always)
  func match(_ base: UnsafePointer<UInt8>, at: Int, count n: Int, firstKey: Int) -> Int? {
    guard at + 8 <= n else { return nil }
    let head = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
    // Lines come in cycles (one mask per dropout layer, then the sampler):
    // the slot that followed the last hit last time is tried first.
    let predicted = following[lastHit]
    if predicted >= 0 && matches(predicted, base, at: at, count: n, head: head, firstKey: firstKey) { return hit(predicted) }
    for s in 0..<Self.slots where s != predicted {
      if matches(s, base, at: at, count: n, head: head, firstKey: firstKey) { return hit(s) }
    }
    return nil
  }

  @inline(__always)
  private func matches(_ s: Int, _ base: UnsafePointer<UInt8>, at: Int, count n: Int, head: UInt64, firstKey: Int) -> Bool {
    let entry = slot[s]
    guard entry.head == head, entry.firstKey == firstKey, at + entry.length < n else { return false }
    let after = base[at + entry.length]
    guard after == 0x2C || after == 0x7D else { return false }
    return memcmp(base + at, bytes + s * Self.capacity, entry.length) == 0
  }

  @inline(__always)
  private func hit(_ s: Int) -> Int {
    hits &+= 1
    following[lastHit] = s
    lastHit = s
    return s
  }

  /// Sets the fields of slot `s` in `layout`, moved to start at `at`.
  @inline(__always)
  func apply(_ s: Int, at: Int, to layout: inout LineLayout) {
    let entry = slot[s]
    let shift = Int32(truncatingIfNeeded: at)
    let row = spans + s * Self.fieldCount
    var bits = entry.present
    while bits != 0 {
      let k = bits.trailingZeroBitCount
      var span = row[k]
      span.start &+= shift
      span.end &+= shift
      layout.spans[k] = span
      bits &= bits &- 1
    }
    layout.present |= entry.present
  }

  /// Remembers the middle `start..<end` of a line just scanned, whose
  /// fields `present` are in `layout`.
  func remember(_ base: UnsafePointer<UInt8>, start: Int, end: Int, firstKey: Int, nextKey: Int, present: UInt64, layout: LineLayout) {
    let length = end - start
    guard length >= Self.minimumLength && length <= Self.capacity else { return }
    let s = nextSlot
    nextSlot = (nextSlot + 1) % Self.slots
    for k in 0..<Self.slots where following[k] == s { following[k] = -1 }
    (bytes + s * Self.capacity).update(from: base + start, count: length)
    let shift = Int32(truncatingIfNeeded: start)
    let row = spans + s * Self.fieldCount
    var bits = present
    while bits != 0 {
      let k = bits.trailingZeroBitCount
      var span = layout.spans[k]
      span.start &-= shift
      span.end &-= shift
      row[k] = span
      bits &= bits &- 1
    }
    slot[s] = Slot(length: length, head: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self),
                   firstKey: firstKey, nextKey: nextKey, present: present)
  }
}
