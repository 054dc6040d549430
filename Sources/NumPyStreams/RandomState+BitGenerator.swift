import RNGBits
import RNGStreams

extension RandomState {
  /// `np.random.RandomState(np.random.MT19937(seed))`: the modern MT19937
  /// seeding, through ``SeedSequence`` rather than `init_genrand` /
  /// `init_by_array`.
  ///
  /// NumPy's `MT19937.__init__` takes `generate_state(624)` as the key,
  /// overwrites word 0 with `0x80000000` (a non-zero state), and leaves the
  /// position at 623, so the first draw returns a tempered key word before
  /// the first twist.
  ///
  /// ```swift
  /// let rs = RandomState(seedSequence: SeedSequence(entropy: [5]), name: "RandomState#1")
  /// // np.random.RandomState(np.random.MT19937(5))
  /// ```
  ///
  /// Edge cases: reseeding the result with ``seed(_:)`` uses the legacy
  /// seeding, as NumPy's `RandomState.seed` does.
  public init(seedSequence: SeedSequence, name: String, call: String? = nil, observer: (any DrawObserver)? = nil) {
    var key = seedSequence.generateState32(MT19937.stateSize)
    key[0] = 0x8000_0000
    mt = MT19937(state: key, position: MT19937.stateSize - 1)
    let entropy = seedSequence.entropy.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
    identity = Self.identity(
      name: name, material: "MT19937(SeedSequence(entropy=[\(entropy)]))",
      call: call ?? "np.random.RandomState(np.random.MT19937(...))")
    self.observer = observer
    reportSeeding()
  }
}
