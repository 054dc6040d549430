/// A 64-bit hash that is the same in every process, for alignment keys and
/// stream-id lookup. Bytes are taken eight at a time (little-endian words,
/// the last one zero-padded, then the length), each word mixed in with one
/// multiply; the final value goes through the SplitMix64 finaliser.
///
/// The values are never written anywhere: they only need to be equal for
/// equal inputs in two traces read by the same program.
package struct StableHash: Sendable {
  package var state: UInt64 = 0xcbf2_9ce4_8422_2325

  package init() {}

  @inline(__always)
  private mutating func mix(_ word: UInt64) {
    let h = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
    state = h ^ (h >> 29)
  }

  /// Mixes in the bytes `base[start..<end]` as one field (so ("ab","c")
  /// and ("a","bc") differ).
  @inline(__always)
  package mutating func combine(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
    var k = start
    while k + 8 <= end {
      mix(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
      k += 8
    }
    if k < end {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while k < end {
        w |= UInt64(base[k]) << shift
        shift += 8
        k += 1
      }
      mix(w)
    }
    mix(0xFF00_0000_0000_0000 | UInt64(truncatingIfNeeded: max(end - start, 0)))
  }

  @inline(__always)
  package mutating func combine(_ value: UInt64) {
    mix(value)
  }

  package mutating func combine(_ text: String) {
    var t = text
    t.withUTF8 { buffer in
      if let base = buffer.baseAddress { combine(base, 0, buffer.count) } else { mix(0xFF00_0000_0000_0000) }
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
