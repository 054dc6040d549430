import RNGDigest
import RNGStreams

extension Entropy {
  /// How a trace names a state seeded from entropy: the words' count and a
  /// digest of them, so two runs that drew different entropy have
  /// different seed material, as two real processes would.
  ///
  /// ```swift
  /// Entropy.seedText(words)   // "init_by_array(624 words from os.urandom, sha256 3181e701007d)"
  /// ```
  public static func seedText(_ words: [UInt32]) -> String {
    let bytes = words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } }
    return "init_by_array(\(words.count) words from os.urandom, sha256 \(SHA256.hex(bytes).prefix(12)))"
  }
}
