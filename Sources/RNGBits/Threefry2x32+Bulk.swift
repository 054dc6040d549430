extension Threefry2x32 {
  /// Hashes the counters `(hi32(i), lo32(i))` for `i` in
  /// `first ..< first + words.count / 2` (JAX's partitionable layout) and
  /// writes each result's two words in counter order.
  ///
  /// Equivalent to calling ``hash(key:counter:)`` per counter, but eight
  /// counters are hashed at once, one per SIMD lane.
  ///
  /// ```swift
  /// var words = [UInt32](repeating: 0, count: 2)
  /// words.withUnsafeMutableBufferPointer { Threefry2x32.fill($0, key: [0, 0], first: 0) }
  /// // [0x6b200159, 0x99ba4efe]
  /// ```
  ///
  /// - Precondition: `words.count` is even.
  public static func fill(_ words: UnsafeMutableBufferPointer<UInt32>, key: SIMD2<UInt32>, first: UInt64) {
    precondition(words.count % 2 == 0, "Threefry2x32.fill writes whole hashes of two words")
    guard let out = words.baseAddress else { return }
    let hashes = words.count / 2
    let iota = SIMD8<UInt32>(0, 1, 2, 3, 4, 5, 6, 7)
    var h = 0
    while h + 8 <= hashes {
      let start = first &+ UInt64(h)
      let low = UInt32(truncatingIfNeeded: start)
      if low > UInt32.max - 7 { break }  // the low word wraps inside this group
      let (x0, x1) = lanes(
        key: key, high: SIMD8(repeating: UInt32(truncatingIfNeeded: start >> 32)), low: SIMD8(repeating: low) &+ iota)
      let base = out + 2 * h
      for j in 0..<8 {
        base[2 * j] = x0[j]
        base[2 * j + 1] = x1[j]
      }
      h += 8
    }
    while h < hashes {
      let i = first &+ UInt64(h)
      let x = hash(key: key, counter: SIMD2(UInt32(truncatingIfNeeded: i >> 32), UInt32(truncatingIfNeeded: i)))
      out[2 * h] = x[0]
      out[2 * h + 1] = x[1]
      h += 1
    }
  }

  /// ``hash(key:counter:)`` on eight counters `(high[j], low[j])` at once.
  @inlinable @inline(__always)
  static func lanes(key: SIMD2<UInt32>, high: SIMD8<UInt32>, low: SIMD8<UInt32>) -> (SIMD8<UInt32>, SIMD8<UInt32>) {
    let k0 = key[0], k1 = key[1], k2 = key[0] ^ key[1] ^ parity
    var x0 = high &+ k0
    var x1 = low &+ k1
    @inline(__always) func round(_ r: UInt32) {
      x0 &+= x1
      x1 = (x1 &<< r) | (x1 &>> (32 - r))
      x1 ^= x0
    }
    @inline(__always) func inject(_ a: UInt32, _ b: UInt32, _ s: UInt32) {
      x0 &+= a
      x1 &+= b &+ s
    }
    round(13); round(15); round(26); round(6); inject(k1, k2, 1)
    round(17); round(29); round(16); round(24); inject(k2, k0, 2)
    round(13); round(15); round(26); round(6); inject(k0, k1, 3)
    round(17); round(29); round(16); round(24); inject(k1, k2, 4)
    round(13); round(15); round(26); round(6); inject(k2, k0, 5)
    return (x0, x1)
  }
}
