extension Philox4x32 {
  /// Blocks computed side by side in ``fill(_:)``: one SIMD lane per block.
  @usableFromInline static var lanes: Int { 8 }

  /// Fills `words` with the next `words.count / 4` blocks, four words per
  /// block in block order; the counter steps by that many blocks.
  ///
  /// Equivalent to calling ``nextBlock()`` for each block and writing its
  /// words out, but eight blocks are computed at once, one per SIMD lane.
  ///
  /// ```swift
  /// var philox = Philox4x32(counter: .zero, key: .zero)
  /// var words = [UInt32](repeating: 0, count: 4)
  /// words.withUnsafeMutableBufferPointer { philox.fill($0) }
  /// // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
  /// ```
  ///
  /// - Precondition: `words.count` is a multiple of 4.
  public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt32>) {
    precondition(words.count % 4 == 0, "Philox4x32.fill writes whole blocks of four words")
    guard let out = words.baseAddress else { return }
    let blocks = words.count / 4
    let lanes = Self.lanes
    let low64 = UInt64(counter[1]) << 32 | UInt64(counter[0])
    let low32 = SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
    let iota = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
    var b = 0
    // Groups whose counters all share the high 64 bits (every group, unless
    // the low half wraps within this call); the rest go block by block.
    while b + lanes <= blocks, low64 <= UInt64.max &- UInt64(b + lanes) {
      let sum = SIMD8<UInt64>(repeating: low64 &+ UInt64(b)) &+ iota
      var c0 = sum & low32
      var c1 = sum &>> 32
      var c2 = SIMD8<UInt64>(repeating: UInt64(counter[2]))
      var c3 = SIMD8<UInt64>(repeating: UInt64(counter[3]))
      Self.rounds(&c0, &c1, &c2, &c3, key: key)
      let base = out + 4 * b
      for j in 0..<lanes {
        base[4 * j] = UInt32(truncatingIfNeeded: c0[j])
        base[4 * j + 1] = UInt32(truncatingIfNeeded: c1[j])
        base[4 * j + 2] = UInt32(truncatingIfNeeded: c2[j])
        base[4 * j + 3] = UInt32(truncatingIfNeeded: c3[j])
      }
      b += lanes
    }
    while b < blocks {
      let block = Self.block(counter: Self.add(counter, UInt64(b)), key: key)
      for i in 0..<4 { out[4 * b + i] = block[i] }
      b += 1
    }
    skip(blocks: UInt64(blocks))
  }

  /// The ten rounds of ``block(counter:key:)`` on eight counters at once:
  /// lane `j` of `c0...c3` holds the words of block `j`, each in the low
  /// half of a 64-bit lane (so each product is one 32×32→64 multiply).
  @inlinable @inline(__always)
  static func rounds(
    _ c0: inout SIMD8<UInt64>, _ c1: inout SIMD8<UInt64>, _ c2: inout SIMD8<UInt64>, _ c3: inout SIMD8<UInt64>,
    key: SIMD2<UInt32>
  ) {
    let low32 = SIMD8<UInt64>(repeating: 0xFFFF_FFFF)
    @inline(__always) func round(_ r: UInt32) {
      let k0 = UInt64(key[0] &+ r &* keyBump0)
      let k1 = UInt64(key[1] &+ r &* keyBump1)
      let p0 = (c0 & low32) &* multiplier0
      let p1 = (c2 & low32) &* multiplier1
      c0 = (p1 &>> 32) ^ c1 ^ SIMD8(repeating: k0)
      c2 = (p0 &>> 32) ^ c3 ^ SIMD8(repeating: k1)
      c1 = p1 & low32
      c3 = p0 & low32
    }
    round(0); round(1); round(2); round(3); round(4)
    round(5); round(6); round(7); round(8); round(9)
  }
}
