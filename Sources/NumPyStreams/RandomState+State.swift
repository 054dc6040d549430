import RNGBits
import RNGStreams

extension RandomState {
  /// The legacy state tuple `('MT19937', key, pos, has_gauss, cached_gaussian)`
  /// of `get_state()` / `set_state()`.
  public struct LegacyState: Sendable, Hashable {
    /// The 624 MT19937 words.
    public var key: [UInt32]
    /// The position in `key`; 624 means the next draw twists first.
    public var position: Int
    /// Whether a Gaussian is cached.
    public var hasGauss: Bool
    /// The cached Gaussian (0.0 when none).
    public var cachedGaussian: Double

    /// A state tuple; `hasGauss` and `cachedGaussian` default to "no cached value".
    public init(key: [UInt32], position: Int, hasGauss: Bool = false, cachedGaussian: Double = 0.0) {
      self.key = key
      self.position = position
      self.hasGauss = hasGauss
      self.cachedGaussian = cachedGaussian
    }
  }

  /// `get_state()`.
  ///
  /// ```swift
  /// var rs = try RandomState(seed: 7)
  /// _ = rs.randn(count: 1)
  /// rs.getState().hasGauss   // true
  /// ```
  public func getState() -> LegacyState {
    LegacyState(key: mt.state, position: mt.position, hasGauss: hasGauss, cachedGaussian: gauss)
  }

  /// `set_state(state)`: installs the words, position and Gaussian cache.
  /// The stream gets a new identity (`set_state(pos=…)`); its counter restarts at 0.
  ///
  /// - Throws: ``FrameworkError`` when `key` does not have 624 words or the
  ///   position is outside `0...624` (NumPy does not check the position and
  ///   would read past the state).
  public mutating func setState(_ state: LegacyState) throws {
    guard state.key.count == MT19937.stateSize else {
      throw FrameworkError("state key must have 624 words, got \(state.key.count)", parameter: "state")
    }
    guard (0...MT19937.stateSize).contains(state.position) else {
      throw FrameworkError("state position must be between 0 and 624, got \(state.position)", parameter: "state")
    }
    mt = MT19937(state: state.key, position: state.position)
    hasGauss = state.hasGauss
    gauss = state.cachedGaussian
    identity = Self.identity(
      name: identity.name, material: "set_state(pos=\(state.position))",
      call: identity.name == "global" ? "np.random.set_state(...)" : "RandomState.set_state(...)")
    reportSeeding()
  }
}
