import RNGBits
import RNGStreams

extension RandomState where Bits == MT19937 {
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
    LegacyState(key: bitGenerator.state, position: bitGenerator.position, hasGauss: hasGauss, cachedGaussian: gauss)
  }

  /// `set_state(state)`: installs the words, position and Gaussian cache.
  /// The stream gets a new identity (`set_state(pos=…)`); its counter restarts at 0.
  ///
  /// - Throws: ``FrameworkError`` when `key` does not have 624 words or the
  ///   position is outside `0...624` (NumPy does not check the position and
  ///   would read past the state).
  public mutating func setState(_ state: LegacyState) throws {
    setState(bitGenerator: try state.bitGenerator(), hasGauss: state.hasGauss, gauss: state.cachedGaussian, material: state.material)
  }
}

extension RandomState<MT19937>.LegacyState {
  /// The MT19937 these words and position make.
  ///
  /// - Throws: ``FrameworkError`` when `key` does not have 624 words or the
  ///   position is outside `0...624`.
  public func bitGenerator() throws -> MT19937 {
    guard key.count == MT19937.stateSize else {
      throw FrameworkError("state key must have 624 words, got \(key.count)", parameter: "state")
    }
    guard (0...MT19937.stateSize).contains(position) else {
      throw FrameworkError("state position must be between 0 and 624, got \(position)", parameter: "state")
    }
    return MT19937(state: key, position: position)
  }

  /// The seed material a trace shows for a stream restored from this state.
  public var material: String { "set_state(pos=\(position))" }
}

extension RandomState {
  /// `set_state(state)` for a state dict: installs the bit generator's state
  /// and the Gaussian cache (`has_gauss`, `gauss`). The stream gets a new
  /// identity seeded by `material`; its counter restarts at 0.
  public mutating func setState(bitGenerator: Bits, hasGauss: Bool, gauss: Double, material: String) {
    self.bitGenerator = bitGenerator
    self.hasGauss = hasGauss
    self.gauss = gauss
    identity = StreamIdentity(
      framework: identity.framework, name: identity.name, algorithm: bitGenerator.algorithm, seedMaterial: material,
      seeding: .explicit(call: identity.name == "global" ? "np.random.set_state(...)" : "RandomState.set_state(...)"))
    reportSeeding()
  }
}
