import RNGRecording
import PythonStreams
import RNGDigest
import RNGEngine
import RNGStreams

/// Stand-ins for operating-system entropy, so scenarios about unseeded
/// streams still regenerate byte for byte: fixed 624-word states derived
/// from a label by SHA-256, marked as entropy-seeded. The seed material
/// names a digest of the words, so two different "runs" have different
/// material, as two real processes would.
enum ScenarioEntropy {
  /// Python's `random` as an unseeded process starts it (`init_by_array`
  /// of 624 words from `os.urandom`).
  static func pythonRandom(run label: String) -> PythonRandom {
    let words = words(label, count: 624)
    var random = PythonRandom(seedWords: words)
    random.identity.seeding = .entropy
    random.identity.seedMaterial = Entropy.seedText(words)
    return random
  }

  static func words(_ label: String, count: Int) -> [UInt32] {
    var out: [UInt32] = []
    var block = 0
    while out.count < count {
      let digest = SHA256.hash(Array("rngdiff scenario entropy \(label) \(block)".utf8))
      for k in stride(from: 0, to: 32, by: 4) where out.count < count {
        out.append(UInt32(digest[k]) | UInt32(digest[k + 1]) << 8 | UInt32(digest[k + 2]) << 16 | UInt32(digest[k + 3]) << 24)
      }
      block += 1
    }
    return out
  }
}
