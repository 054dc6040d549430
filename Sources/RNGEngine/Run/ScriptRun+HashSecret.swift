import PythonSubset
import RNGStreams

extension ScriptRun {
  /// The string-hash key a run starts with, and how its trace records
  /// `PYTHONHASHSEED`.
  ///
  /// As CPython: `PYTHONHASHSEED=N` fixes the key (recorded as `"N"`);
  /// unset (or `random`) takes it from OS entropy, a new key every run,
  /// recorded as `"random (key 9f3c…)"` so two runs with different keys
  /// differ in their config. With `--entropy-seed` the key comes from a
  /// stand-in seeded by it (apart from the words the streams take), so the
  /// same seed gives the same key.
  ///
  /// ```swift
  /// try ScriptRun.hashSecret(options).recorded   // "0", "42" or "random (key 1f0e…)"
  /// ```
  static func hashSecret(_ options: Options) throws(SourceError) -> (secret: PythonHashSecret, recorded: String) {
    let seed: UInt32?
    do {
      seed = try PythonHashSecret.parse(options.environment["PYTHONHASHSEED"])
    } catch {
      throw SourceError("\(error) (Python would not start)", at: SourceLocation(line: 1, column: 1), in: options.path)
    }
    if let seed { return (PythonHashSecret(hashSeed: seed), String(seed)) }
    let words: [UInt32]
    if let entropySeed = options.entropySeed {
      let source = EntropySource(seed: entropySeed ^ 0x6861_7368_5F6B_6579)  // "hash_key"
      words = (0..<4).map { _ in source.nextWord() }
    } else {
      words = Entropy.words(4)
    }
    let secret = PythonHashSecret(entropy: words)
    return (secret, "random (key \(secret.fingerprint.prefix(12)))")
  }
}
