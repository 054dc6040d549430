/// The Mersenne Twister MT19937, the 32-bit generator behind NumPy's legacy
/// `np.random.*`, Python's `random` and PyTorch's CPU generator.
///
/// All three frameworks run the Matsumoto–Nishimura reference algorithm, so for
/// the same 624-word state they produce the same stream of 32-bit words. They
/// differ only in how a seed becomes a state (see ``init(seed:)`` and
/// ``init(key:)``) and in how words become floats.
///
/// ```swift
/// var mt = MT19937(seed: 5489)
/// mt.next()            // 3499211612
/// mt.wordsDrawn        // 1
/// ```
///
/// The stream's counter, ``wordsDrawn``, counts 32-bit outputs since seeding;
/// it is the unit rngdiff uses for every MT19937-based stream.
///
/// Edge cases:
/// - A state may be installed directly with ``init(state:position:)`` (NumPy's
///   `SeedSequence` seeding starts at position 623, not 624).
/// - Copies are independent: `MT19937` is a value type.
public struct MT19937: Sendable, Hashable {
  /// Number of 32-bit words in the state.
  public static let stateSize = 624
  @usableFromInline static let shift = 397
  @usableFromInline static let matrixA: UInt32 = 0x9908_B0DF
  @usableFromInline static let upperMask: UInt32 = 0x8000_0000
  @usableFromInline static let lowerMask: UInt32 = 0x7FFF_FFFF

  /// The 624 state words.
  public private(set) var state: [UInt32]
  /// Index of the next state word to temper; 624 means "twist first".
  public private(set) var position: Int
  /// Number of 32-bit words drawn since the state was installed.
  public private(set) var wordsDrawn: UInt64 = 0

  /// Installs a state directly.
  ///
  /// - Precondition: `state.count == 624` and `0 <= position <= 624`.
  public init(state: [UInt32], position: Int) {
    precondition(state.count == Self.stateSize, "MT19937 needs 624 state words")
    precondition((0...Self.stateSize).contains(position), "MT19937 position must be in 0...624")
    self.state = state
    self.position = position
  }

  /// Scalar seeding, the reference `init_genrand(s)`.
  ///
  /// Used by `np.random.seed(int)` and, with the seed's low 32 bits, by
  /// `torch.manual_seed`.
  public init(seed: UInt32) {
    var mt = [UInt32](repeating: 0, count: Self.stateSize)
    mt[0] = seed
    for i in 1..<Self.stateSize {
      let previous = mt[i - 1]
      mt[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
    }
    self.init(state: mt, position: Self.stateSize)
  }

  /// Array seeding, the reference `init_by_array(key)`.
  ///
  /// Used by Python's `random.seed` (always, even for small ints) and by
  /// `np.random.seed(list)`.
  ///
  /// - Precondition: `key` is not empty.
  public init(key: [UInt32]) {
    precondition(!key.isEmpty, "init_by_array needs at least one key word")
    var mt = MT19937(seed: 19_650_218).state
    let n = Self.stateSize
    var i = 1
    var j = 0
    for _ in 0..<max(n, key.count) {
      let previous = mt[i - 1]
      mt[i] = (mt[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
      i += 1
      j += 1
      if i >= n {
        mt[0] = mt[n - 1]
        i = 1
      }
      if j >= key.count { j = 0 }
    }
    for _ in 0..<(n - 1) {
      let previous = mt[i - 1]
      mt[i] = (mt[i] ^ ((previous ^ (previous >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= n {
        mt[0] = mt[n - 1]
        i = 1
      }
    }
    mt[0] = 0x8000_0000
    self.init(state: mt, position: n)
  }

  /// The next tempered 32-bit word.
  public mutating func next() -> UInt32 {
    if position >= Self.stateSize { twist() }
    var y = state[position]
    position += 1
    wordsDrawn &+= 1
    return Self.temper(y: &y)
  }

  /// Two words combined as NumPy and PyTorch do: the first is the high half.
  public mutating func next64() -> UInt64 {
    let high = UInt64(next())
    return (high << 32) | UInt64(next())
  }

  /// Fills `buffer` with the next `buffer.count` words, in stream order.
  ///
  /// Equivalent to calling ``next()`` for each element, but twists and
  /// tempers in bulk.
  public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt32>) {
    var written = 0
    let total = buffer.count
    state.withUnsafeMutableBufferPointer { mt in
      while written < total {
        if position >= Self.stateSize { Self.twist(mt) ; position = 0 }
        let take = min(total - written, Self.stateSize - position)
        for k in 0..<take {
          var y = mt[position + k]
          buffer[written + k] = Self.temper(y: &y)
        }
        position += take
        written += take
      }
    }
    wordsDrawn &+= UInt64(total)
  }

  /// The 53-bit double of NumPy's `random_sample` and Python's `random()`:
  /// `(a >> 5) * 2^26 + (b >> 6)` over 2^53, with `a` drawn first.
  public mutating func nextDouble53() -> Double {
    let a = next() >> 5
    let b = next() >> 6
    return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
  }

  @inline(__always)
  static func temper(y: inout UInt32) -> UInt32 {
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  mutating func twist() {
    state.withUnsafeMutableBufferPointer { Self.twist($0) }
    position = 0
  }

  static func twist(_ mt: UnsafeMutableBufferPointer<UInt32>) {
    let n = stateSize
    let m = shift
    @inline(__always) func mix(_ k: Int, _ k1: Int, _ km: Int) {
      let y = (mt[k] & upperMask) | (mt[k1] & lowerMask)
      mt[k] = mt[km] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrixA)
    }
    for k in 0..<(n - m) { mix(k, k + 1, k + m) }
    for k in (n - m)..<(n - 1) { mix(k, k + 1, k + m - n) }
    mix(n - 1, 0, m - 1)
  }
}
