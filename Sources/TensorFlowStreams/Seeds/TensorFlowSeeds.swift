/// TensorFlow's seed rules as pure functions: `get_seed`, the seed
/// truncation, and the constants behind them.
///
/// `tf.random.uniform([3])` and friends call `get_seed(op_seed)` once per
/// op. With a global seed and no op seed, the op seed comes from a rule
/// that depends on where the op runs (eager: ``EagerOpSeedGenerator``;
/// graph: ``GraphOpSeedRule``); this type asks for it through
/// ``needsImplicitOpSeed(global:opSeed:)`` so that the rule stays pure.
///
/// ```swift
/// TensorFlowSeeds.getSeed(global: nil, opSeed: 5, implicitOpSeed: nil)
/// // (87654321, 5)
/// TensorFlowSeeds.getSeed(global: 0, opSeed: 0, implicitOpSeed: nil)
/// // (0, 2147483647): (0, 0) would mean "nondeterministic" to the kernel
/// TensorFlowSeeds.getSeed(global: nil, opSeed: nil, implicitOpSeed: nil)
/// // (None, None): the kernel draws its own seeds from entropy
/// ```
public enum TensorFlowSeeds {
  /// The graph seed used when only an op seed is given (`DEFAULT_GRAPH_SEED`).
  public static let defaultGraphSeed: Int64 = 87_654_321
  /// 2**31 - 1, the modulus of ``truncate(_:)``.
  public static let maxInt32: Int64 = 2_147_483_647

  /// `seed % (2**31 - 1)` with Python's sign rule: the result is always in
  /// `0 ..< 2**31 - 1`, so `-1` becomes `2**31 - 2` and `2**31 - 1` becomes 0.
  public static func truncate(_ seed: Int64) -> Int64 {
    let r = seed % maxInt32
    return r < 0 ? r + maxInt32 : r
  }

  /// ``truncate(_:)`` for an int of any size, given as its sign and its
  /// magnitude's 32-bit words, least significant first (Python ints wider
  /// than 64 bits, such as `tf.random.set_seed(2**64)`).
  ///
  /// ```swift
  /// TensorFlowSeeds.truncate(magnitude: [0, 0, 1], negative: false)   // 4: 2**64 % (2**31 - 1)
  /// ```
  public static func truncate(magnitude words: [UInt32], negative: Bool) -> Int64 {
    let m = UInt64(maxInt32)
    var r: UInt64 = 0
    for word in words.reversed() { r = ((r << 32) | UInt64(word)) % m }
    return negative && r != 0 ? maxInt32 - Int64(r) : Int64(r)
  }

  /// Whether `get_seed` needs an op seed from the eager or graph rule: a
  /// global seed is set and the op has none.
  public static func needsImplicitOpSeed(global: Int64?, opSeed: Int64?) -> Bool {
    global != nil && opSeed == nil
  }

  /// `get_seed(op_seed)`.
  ///
  /// - Parameters:
  ///   - global: the global (eager) or graph-level seed, `nil` when unset.
  ///   - opSeed: the op's own `seed=` argument, `nil` when not given.
  ///   - implicitOpSeed: the op seed the eager or graph rule supplied; used
  ///     only when ``needsImplicitOpSeed(global:opSeed:)`` is true.
  /// - Precondition: `implicitOpSeed` is given when it is needed.
  public static func getSeed(global: Int64?, opSeed: Int64?, implicitOpSeed: Int64?) -> OpSeeds {
    let seeds: OpSeeds
    if let global {
      let op: Int64
      if let opSeed {
        op = opSeed
      } else {
        guard let implicitOpSeed else {
          preconditionFailure("get_seed with a global seed and no op seed needs the implicit op seed")
        }
        op = implicitOpSeed
      }
      seeds = OpSeeds(seed: truncate(global), seed2: truncate(op))
    } else if let opSeed {
      var fromDefault = OpSeeds(seed: defaultGraphSeed, seed2: truncate(opSeed))
      fromDefault.graphSeedIsDefault = true
      seeds = fromDefault
    } else {
      return .nondeterministic
    }
    if seeds.seed == 0 && seeds.seed2 == 0 { return OpSeeds(seed: 0, seed2: maxInt32) }
    return seeds
  }
}
