import RNGDigest
import Testing

/// FIPS 180-4 example vectors, and digests Python's hashlib printed.
@Suite struct SHA1KnownAnswers {
  static func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).leftPadded() }.joined() }

  @Test func knownAnswers() {
    #expect(Self.hex(SHA1.hash([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    #expect(Self.hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(Self.hex(SHA1.hash([UInt8](repeating: 0x61, count: 200))) == "e61cfffe0d9195a525fc6cf06ca2d77119c24a40")
    // What Flax hashes for the kernel of its first Dense: the name, then the counter 1.
    #expect(Self.hex(SHA1.hash(Array("Dense_0".utf8) + [1])) == "b2b713153c0c59ea0aa21ceffac1084ea6438d1f")
  }
}

extension String {
  fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
