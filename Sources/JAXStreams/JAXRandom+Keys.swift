import RNGStreams

extension JAXRandom {
  /// `jax.random.key(seed)`: a typed key from an integer seed.
  ///
  /// ```swift
  /// try JAXRandom().key(42).data                        // [0, 42]
  /// try JAXRandom().key(-1).data                        // [0, 4294967295]
  /// try JAXRandom(config: .init(enableX64: true)).key(-1).data   // [4294967295, 4294967295]
  /// ```
  ///
  /// The seed is a Python int, so it must fit in a signed 64-bit integer
  /// (JAX raises `OverflowError` otherwise). Without x64 only its low 32
  /// bits count and the first word is 0 (`key(2**32 + 5) == key(5)`); with
  /// x64 the key is the seed's two's-complement (high word, low word).
  public func key<Seed: BinaryInteger>(_ seed: Seed) throws -> JAXKey {
    try seeded(seed, typed: true, rule: "jax.key")
  }

  /// `jax.random.PRNGKey(seed)`: the same key data as ``key(_:)`` as a raw
  /// `uint32[2]` key.
  public func prngKey<Seed: BinaryInteger>(_ seed: Seed) throws -> JAXKey {
    try seeded(seed, typed: false, rule: "jax.PRNGKey")
  }

  /// `jax.random.key_data(key)`: the two data words `[hi, lo]`.
  public func keyData(_ key: JAXKey) -> [UInt32] { key.data }

  /// `jax.random.wrap_key_data(data)`: a typed key from its two words.
  ///
  /// Throws unless `data` holds exactly two words.
  public func wrapKeyData(_ data: [UInt32]) throws -> JAXKey {
    guard data.count == 2 else {
      throw FrameworkError(
        "wrap_key_data needs the 2 uint32 words of one threefry2x32 key, got \(data.count) words.", parameter: "key_bits_array")
    }
    return JAXKey(hi: data[0], lo: data[1], isTyped: true)
  }

  private func seeded<Seed: BinaryInteger>(_ seed: Seed, typed: Bool, rule: String) throws -> JAXKey {
    guard let value = Int64(exactly: seed) else {
      throw FrameworkError("seed must fit in a signed 64-bit integer (a C long), got \(seed).", parameter: "seed")
    }
    let bits = UInt64(bitPattern: value)
    let key = JAXKey(hi: config.enableX64 ? UInt32(truncatingIfNeeded: bits >> 32) : 0,
                     lo: UInt32(truncatingIfNeeded: bits), isTyped: typed)
    reportDerived([key], rule: rule, inputs: [.init("seed", String(value)), .init("x64", config.enableX64 ? "True" : "False")])
    return key
  }
}
