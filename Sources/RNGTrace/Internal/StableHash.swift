/// A 64-bit hash that is the same in every process (FNV-1a with a final
/// mix), for alignment keys and stream-id lookup.
package struct StableHash: Sendable {
  package var state: UInt64 = 0xcbf2_9ce4_8422_2325

  package init() {}

  @inline(__always)
  package mutating func combine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
    var h = state
    var k = start
    while k < end {
      h = (h ^ UInt64(base[k])) &* 0x0000_0100_0000_01B3
      k += 1
    }
    // A separator so ("ab","c") and ("a","bc") differ.
    state = (h ^ 0xFF) &* 0x0000_0100_0000_01B3
  }

  @inline(__always)
  package mutating func combine(_ value: UInt64) {
    var h = state
    var v = value
    for _ in 0..<8 {
      h = (h ^ (v & 0xFF)) &* 0x0000_0100_0000_01B3
      v >>= 8
    }
    state = h
  }

  package mutating func combine(_ text: String) {
    var t = text
    t.withUTF8 { buffer in
      if let base = buffer.baseAddress { combine(base, 0, buffer.count) } else { combine(0xFF) }
    }
  }

  @inline(__always)
  package var value: UInt64 {
    var z = state &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
