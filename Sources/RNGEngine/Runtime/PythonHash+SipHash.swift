/// SipHash-1-3 (one compression round per 8-byte block, three finalisation
/// rounds), the keyed hash CPython 3.11 uses for `str` and `bytes`.
///
/// ```swift
/// SipHash13.hash(Array("abc".utf8), k0: 0, k1: 0)
/// ```
enum SipHash13 {
  static func hash(_ bytes: [UInt8], k0: UInt64, k1: UInt64) -> UInt64 {
    var v0 = k0 ^ 0x736f_6d65_7073_6575
    var v1 = k1 ^ 0x646f_7261_6e64_6f6d
    var v2 = k0 ^ 0x6c79_6765_6e65_7261
    var v3 = k1 ^ 0x7465_6462_7974_6573

    func round() {
      v0 = v0 &+ v1; v2 = v2 &+ v3
      v1 = rotate(v1, 13) ^ v0; v3 = rotate(v3, 16) ^ v2
      v0 = rotate(v0, 32)
      v2 = v2 &+ v1; v0 = v0 &+ v3
      v1 = rotate(v1, 17) ^ v2; v3 = rotate(v3, 21) ^ v0
      v2 = rotate(v2, 32)
    }

    let whole = bytes.count / 8 * 8
    var offset = 0
    while offset < whole {
      var m: UInt64 = 0
      for i in 0..<8 { m |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
      v3 ^= m
      round()
      v0 ^= m
      offset += 8
    }
    // The last 0–7 bytes, with the length's low byte on top.
    var last = UInt64(truncatingIfNeeded: bytes.count) << 56
    for i in 0..<(bytes.count - whole) { last |= UInt64(bytes[whole + i]) << (8 * UInt64(i)) }
    v3 ^= last
    round()
    v0 ^= last
    v2 ^= 0xff
    round()
    round()
    round()
    return v0 ^ v1 ^ v2 ^ v3
  }

  static func rotate(_ x: UInt64, _ n: UInt64) -> UInt64 { (x << n) | (x >> (64 - n)) }
}
