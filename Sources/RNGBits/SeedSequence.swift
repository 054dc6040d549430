/// NumPy's `SeedSequence`: turns user entropy (a seed) into well-mixed state
/// words for a bit generator.
///
/// The entropy is hashed into a pool of four 32-bit words; ``generateState32(_:)``
/// then hashes the pool, cycling through it, into as many words as the bit
/// generator needs. `np.random.default_rng(seed)` seeds `PCG64` this way.
///
/// ```swift
/// let seq = SeedSequence(entropy: [0])
/// seq.pool                  // [0xfe40eb07, 0x4f363a36, 0x4eb2009d, 0xc89a7aa7]
/// seq.generateState32(2)    // [0xb0f478be, 0xdb2cd7e7]
/// ```
///
/// Entropy words come from Python ints with ``entropyWords(ofMagnitude:)``:
/// a non-negative int is split into 32-bit words, least significant first
/// (0 becomes `[0]`), and a sequence of ints concatenates its elements' words.
///
/// Edge cases:
/// - With a spawn key and fewer than `poolSize` entropy words, the entropy is
///   padded with zero words to `poolSize` first (NumPy ≥ 1.19); without a spawn
///   key it is not, so `SeedSequence(0)` and `SeedSequence([0, 0, 0, 0])` differ.
/// - Entropy words beyond the pool size are mixed into every pool word.
public struct SeedSequence: Sendable, Hashable {
  /// The entropy, as 32-bit words.
  public let entropy: [UInt32]
  /// The spawn key, one word list per spawn level, flattened.
  public let spawnKey: [UInt32]
  /// The mixed pool.
  public let pool: [UInt32]

  static let initA: UInt32 = 0x43B0_D7E5
  static let multiplierA: UInt32 = 0x931E_8875
  static let initB: UInt32 = 0x8B51_F9DD
  static let multiplierB: UInt32 = 0x58F3_8DED
  static let mixMultiplierL: UInt32 = 0xCA01_F9DD
  static let mixMultiplierR: UInt32 = 0x4973_F715

  /// Mixes `entropy` (and an optional spawn key, already as words) into a pool.
  ///
  /// - Precondition: `poolSize >= 4`.
  public init(entropy: [UInt32], spawnKey: [UInt32] = [], poolSize: Int = 4) {
    precondition(poolSize >= 4, "The size of the entropy pool should be at least 4")
    self.entropy = entropy
    self.spawnKey = spawnKey
    var assembled = entropy
    if !spawnKey.isEmpty && assembled.count < poolSize {
      assembled += [UInt32](repeating: 0, count: poolSize - assembled.count)
    }
    assembled += spawnKey
    self.pool = Self.mix(assembled, poolSize: poolSize)
  }

  /// The 32-bit words of a non-negative Python int given by its magnitude's
  /// words (least significant first), with high zero words dropped; `[0]` for 0.
  public static func entropyWords(ofMagnitude words: [UInt32]) -> [UInt32] {
    var trimmed = words
    while let last = trimmed.last, last == 0 { trimmed.removeLast() }
    return trimmed.isEmpty ? [0] : trimmed
  }

  /// The 32-bit words of a non-negative 64-bit int; `[0]` for 0.
  public static func entropyWords(of value: UInt64) -> [UInt32] {
    entropyWords(ofMagnitude: [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)])
  }

  static func mix(_ entropy: [UInt32], poolSize: Int) -> [UInt32] {
    var hashConstant = initA
    func hashmix(_ value: UInt32) -> UInt32 {
      var v = value ^ hashConstant
      hashConstant = hashConstant &* multiplierA
      v = v &* hashConstant
      return v ^ (v >> 16)
    }
    func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
      let r = mixMultiplierL &* x &- mixMultiplierR &* y
      return r ^ (r >> 16)
    }
    var pool = (0..<poolSize).map { i in hashmix(i < entropy.count ? entropy[i] : 0) }
    for source in 0..<poolSize {
      for destination in 0..<poolSize where source != destination {
        pool[destination] = mix(pool[destination], hashmix(pool[source]))
      }
    }
    if entropy.count > poolSize {
      for source in poolSize..<entropy.count {
        for destination in 0..<poolSize {
          pool[destination] = mix(pool[destination], hashmix(entropy[source]))
        }
      }
    }
    return pool
  }

  /// `generate_state(n)`: `n` 32-bit words hashed from the pool.
  public func generateState32(_ count: Int) -> [UInt32] {
    var hashConstant = Self.initB
    var out = [UInt32]()
    out.reserveCapacity(count)
    for i in 0..<count {
      var v = pool[i % pool.count] ^ hashConstant
      hashConstant = hashConstant &* Self.multiplierB
      v = v &* hashConstant
      out.append(v ^ (v >> 16))
    }
    return out
  }

  /// `generate_state(n, np.uint64)`: pairs of 32-bit words, little-endian
  /// (the first word of each pair is the low half).
  public func generateState64(_ count: Int) -> [UInt64] {
    let words = generateState32(2 * count)
    return (0..<count).map { UInt64(words[2 * $0]) | (UInt64(words[2 * $0 + 1]) << 32) }
  }

  /// `spawn(n)` children, numbered from `firstChild` (the parent's
  /// `n_children_spawned`).
  public func spawn(_ count: Int, firstChild: Int = 0) -> [SeedSequence] {
    (firstChild..<(firstChild + count)).map { child in
      SeedSequence(entropy: entropy, spawnKey: spawnKey + Self.entropyWords(of: UInt64(child)), poolSize: pool.count)
    }
  }
}
