import RNGStreams

extension JAXRandom {
  /// `jax.random.key(seed, impl=impl)`: a typed key from an integer seed.
  ///
  /// ```swift
  /// try JAXRandom().key(42).data                        // [0, 42]
  /// try JAXRandom().key(-1).data                        // [0, 4294967295]
  /// try JAXRandom(config: .init(enableX64: true)).key(-1).data   // [4294967295, 4294967295]
  /// try JAXRandom().key(42, impl: .rbg).data            // [0, 42, 0, 42]
  /// ```
  ///
  /// The seed is a Python int, so it must fit in a signed 64-bit integer
  /// (JAX raises `OverflowError` otherwise). Without x64 only its low 32
  /// bits count and the first word is 0 (`key(2**32 + 5) == key(5)`); with
  /// x64 the key is the seed's two's-complement (high word, low word). An
  /// `rbg` or `unsafe_rbg` key repeats those two words. `impl` nil means
  /// `config.defaultImpl` (`jax_default_prng_impl`).
  public func key<Seed: BinaryInteger>(_ seed: Seed, impl: JAXPRNGImpl? = nil) throws -> JAXKey {
    try seeded(seed, impl: impl ?? config.defaultImpl, typed: true, rule: "jax.key")
  }

  /// `jax.random.PRNGKey(seed, impl=impl)`: the same key data as
  /// ``key(_:impl:)`` as a raw `uint32` key.
  public func prngKey<Seed: BinaryInteger>(_ seed: Seed, impl: JAXPRNGImpl? = nil) throws -> JAXKey {
    try seeded(seed, impl: impl ?? config.defaultImpl, typed: false, rule: "jax.PRNGKey")
  }

  /// `jax.random.key_data(key)`: the key's data words.
  public func keyData(_ key: JAXKey) -> [UInt32] { key.data }

  /// `jax.random.wrap_key_data(data, impl=impl)`: a typed key from its
  /// words (`impl` nil means `config.defaultImpl`).
  ///
  /// Throws unless `data` holds exactly the implementation's word count
  /// (2 for `threefry2x32`, 4 for `rbg` and `unsafe_rbg`).
  public func wrapKeyData(_ data: [UInt32], impl: JAXPRNGImpl? = nil) throws -> JAXKey {
    let impl = impl ?? config.defaultImpl
    guard let key = JAXKey(impl: impl, data: data, isTyped: true) else {
      throw FrameworkError(
        "wrap_key_data needs the \(impl.keyWords) uint32 words of one \(impl.name) key, got \(data.count) words.",
        parameter: "key_bits_array")
    }
    return key
  }

  private func seeded<Seed: BinaryInteger>(_ seed: Seed, impl: JAXPRNGImpl, typed: Bool, rule: String) throws -> JAXKey {
    guard let value = Int64(exactly: seed) else {
      throw FrameworkError("seed must fit in a signed 64-bit integer (a C long), got \(seed).", parameter: "seed")
    }
    let bits = UInt64(bitPattern: value)
    let hi = config.enableX64 ? UInt32(truncatingIfNeeded: bits >> 32) : 0
    let lo = UInt32(truncatingIfNeeded: bits)
    let key = JAXKey(impl: impl, hi: hi, lo: lo, second: SIMD2(hi, lo), isTyped: typed)
    var inputs: [DrawReport.Parameter] = [.init("seed", String(value)), .init("x64", config.enableX64 ? "True" : "False")]
    if impl != .threefry2x32 { inputs.append(.init("impl", impl.name)) }
    reportDerived([key], rule: rule, inputs: inputs)
    return key
  }
}
