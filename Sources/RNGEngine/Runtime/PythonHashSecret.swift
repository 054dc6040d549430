/// The key of CPython's string hash (`_Py_HashSecret`): two 64-bit words
/// that key SipHash-1-3 for `str` and `bytes`.
///
/// CPython chooses it once, at start-up, from `PYTHONHASHSEED`:
/// unset or `random` → 24 bytes of OS entropy (a different key every run);
/// `0` → all zero bytes (randomization off); `N` in 1...4294967295 → bytes
/// from a linear congruential generator seeded with N, so the same N gives
/// the same key (and the same set order) in every run.
///
/// ```swift
/// PythonHashSecret(hashSeed: 0)          // k0 == 0, k1 == 0
/// PythonHashSecret(hashSeed: 42)         // the key `PYTHONHASHSEED=42 python` uses
/// try PythonHashSecret.parse("random")   // nil: take the key from entropy
/// ```
package struct PythonHashSecret: Sendable, Equatable {
  package var k0: UInt64
  package var k1: UInt64

  /// All zero: `PYTHONHASHSEED=0`, and the engine's default outside a script run.
  package static let zero = PythonHashSecret(k0: 0, k1: 0)

  package init(k0: UInt64, k1: UInt64) {
    self.k0 = k0
    self.k1 = k1
  }

  /// The key from secret bytes, little-endian words (the first 16 bytes are used).
  package init(bytes: [UInt8]) {
    func word(_ offset: Int) -> UInt64 {
      (0..<8).reduce(UInt64(0)) { acc, i in
        offset + i < bytes.count ? acc | UInt64(bytes[offset + i]) << (8 * UInt64(i)) : acc
      }
    }
    self.init(k0: word(0), k1: word(8))
  }

  /// The key `PYTHONHASHSEED=seed` gives: zero for 0, else the bytes of
  /// CPython's start-up LCG (x ← 214013·x + 2531011 mod 2³², byte = bits 16–23).
  package init(hashSeed seed: UInt32) {
    guard seed != 0 else {
      self = .zero
      return
    }
    var x = seed
    let bytes = (0..<16).map { _ -> UInt8 in
      x = x &* 214013 &+ 2531011
      return UInt8(truncatingIfNeeded: x >> 16)
    }
    self.init(bytes: bytes)
  }

  /// The key from 32-bit entropy words (an unset `PYTHONHASHSEED`).
  package init(entropy words: [UInt32]) {
    self.init(bytes: words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } })
  }

  /// What a `PYTHONHASHSEED` value asks for: nil for unset, empty or
  /// `random` (take the key from entropy), else the seed.
  ///
  /// Throws a sentence for anything else, as CPython refuses to start.
  package static func parse(_ value: String?) throws(HashSeedError) -> UInt32? {
    guard let value, !value.isEmpty, value != "random" else { return nil }
    guard let seed = UInt32(value) else { throw HashSeedError(value: value) }
    return seed
  }

  /// A short, stable name for the key, for a trace's config (`"9f3c…"`).
  package var fingerprint: String {
    let hex = String(k0, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

/// A `PYTHONHASHSEED` that is neither `random` nor an integer in 0...4294967295.
package struct HashSeedError: Error, Sendable, CustomStringConvertible {
  package var value: String
  package var description: String {
    "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295], not '\(value)'"
  }
}
