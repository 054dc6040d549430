import RNGBits
import RNGStreams

extension RandomState {
  /// `np.random.RandomState(np.random.<Bits>(seed))`: the legacy samplers
  /// over a bit generator seeded through ``SeedSequence``.
  ///
  /// ```swift
  /// let seq = SeedSequence(entropy: [5])
  /// var rs = RandomState(bitGenerator: PCG64(seedSequence: seq), seedSequence: seq, name: "RandomState#1")
  /// try rs.randomSample(count: 3)    // np.random.RandomState(np.random.PCG64(5)).random_sample(3)
  /// ```
  ///
  /// NumPy's `MT19937(seed_seq)` takes `generate_state(624)` as the key,
  /// overwrites word 0 with `0x80000000` (a non-zero state), and leaves the
  /// position at 623, so the first draw returns a tempered key word before
  /// the first twist (``MT19937/init(seedSequence:)``).
  ///
  /// Edge cases: reseeding an MT19937 result with ``seed(_:)`` uses the
  /// legacy seeding, as NumPy's `RandomState.seed` does; the others cannot
  /// be reseeded.
  public init(
    bitGenerator: Bits, seedSequence: SeedSequence, name: String, call: String? = nil, observer: (any DrawObserver)? = nil
  ) {
    let entropy = seedSequence.entropy.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
    let spawn = seedSequence.spawnKey.isEmpty ? "" : ", spawn_key=(\(seedSequence.spawnKey.map(String.init).joined(separator: ", ")),)"
    let identity = StreamIdentity(
      framework: .numpy, name: name, algorithm: bitGenerator.algorithm,
      seedMaterial: "\(bitGenerator.numpyName)(SeedSequence(entropy=[\(entropy)]\(spawn)))",
      seeding: .explicit(call: call ?? "np.random.RandomState(np.random.\(bitGenerator.numpyName)(...))"))
    self.init(bitGenerator: bitGenerator, identity: identity, observer: observer)
  }

  /// `np.random.RandomState(np.random.<Bits>(seed_seq))` for a bit generator
  /// fresh from `seedSequence`.
  public init(seedSequence: SeedSequence, name: String, call: String? = nil, observer: (any DrawObserver)? = nil) {
    self.init(bitGenerator: Bits(seedSequence: seedSequence), seedSequence: seedSequence, name: name, call: call, observer: observer)
  }
}
