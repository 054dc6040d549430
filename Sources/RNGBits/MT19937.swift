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
/// Bulk draws (``fill(_:)``, ``fillDouble53(_:)``) twist and temper in place
/// over the state buffer; they give the same words as repeated ``next()``.
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

  @usableFromInline var words: [UInt32]
  @usableFromInline var index: Int
  @usableFromInline var drawn: UInt64 = 0

  /// The 624 state words.
  public var state: [UInt32] { words }
  /// Index of the next state word to temper; 624 means "twist first".
  public var position: Int { index }
  /// Number of 32-bit words drawn since the state was installed.
  public var wordsDrawn: UInt64 { drawn }

  /// Installs a state directly.
  ///
  /// - Precondition: `state.count == 624` and `0 <= position <= 624`.
  public init(state: [UInt32], position: Int) {
    precondition(state.count == Self.stateSize, "MT19937 needs 624 state words")
    precondition((0...Self.stateSize).contains(position), "MT19937 position must be in 0...624")
    self.words = state
    self.index = position
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
    var mt = MT19937(seed: 19_650_218).words
    let n = Self.stateSize
    var i = 1
    var j = 0
    for _ in 0..<max(n, key.count) {
      let previous = mt[i - 1]
      mt[i] = (mt[i] ^ ((previous ^ (previous >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
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
  @inlinable
  public mutating func next() -> UInt32 {
    if index >= Self.stateSize { twist() }
    let y = words[index]
    index &+= 1
    drawn &+= 1
    return Self.temper(y)
  }

  /// Two words combined as NumPy and PyTorch do: the first is the high half.
  @inlinable
  public mutating func next64() -> UInt64 {
    let high = UInt64(next())
    return (high << 32) | UInt64(next())
  }

  /// The 53-bit double of NumPy's `random_sample` and Python's `random()`:
  /// `(a >> 5) * 2^26 + (b >> 6)` over 2^53, with `a` drawn first.
  @inlinable
  public mutating func nextDouble53() -> Double {
    let a = next() >> 5
    let b = next() >> 6
    return Self.double53(a, b)
  }

  /// `(a * 2^26 + b) / 2^53` for `a < 2^27`, `b < 2^26`: exact.
  @inlinable @inline(__always)
  static func double53(_ a: UInt32, _ b: UInt32) -> Double {
    (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
  }

  /// Fills `buffer` with the next `buffer.count` words, in stream order.
  ///
  /// Equivalent to calling ``next()`` for each element, but twists and
  /// tempers in bulk.
  public mutating func fill(_ buffer: UnsafeMutableBufferPointer<UInt32>) {
    let total = buffer.count
    guard total > 0, let out = buffer.baseAddress else { return }
    var written = 0
    var position = index
    words.withUnsafeMutableBufferPointer { mt in
      let base = mt.baseAddress!
      while written < total {
        if position >= Self.stateSize {
          Self.twist(base)
          position = 0
        }
        let take = min(total - written, Self.stateSize - position)
        for k in 0..<take {
          out[written + k] = Self.temper(base[position + k])
        }
        position += take
        written += take
      }
    }
    index = position
    drawn &+= UInt64(total)
  }

  /// Fills `buffer` with 53-bit doubles (two words each), exactly as
  /// ``nextDouble53()`` would, in stream order.
  ///
  /// This is NumPy's `random_sample(n)` and n calls of Python's `random()`.
  public mutating func fillDouble53(_ buffer: UnsafeMutableBufferPointer<Double>) {
    let total = buffer.count
    guard total > 0, let out = buffer.baseAddress else { return }
    var position = index
    words.withUnsafeMutableBufferPointer { mt in
      let base = mt.baseAddress!
      var k = 0
      while k < total {
        if position >= Self.stateSize - 1 {
          // The pair straddles (or starts at) a twist: take it word by word.
          if position >= Self.stateSize { Self.twist(base); position = 0 }
          let a = Self.temper(base[position]) >> 5
          position += 1
          if position >= Self.stateSize { Self.twist(base); position = 0 }
          let b = Self.temper(base[position]) >> 6
          position += 1
          out[k] = Self.double53(a, b)
          k += 1
          continue
        }
        // Whole pairs available before the next twist.
        let pairs = min(total - k, (Self.stateSize - position) / 2)
        for p in 0..<pairs {
          let a = Self.temper(base[position + 2 * p]) >> 5
          let b = Self.temper(base[position + 2 * p + 1]) >> 6
          out[k + p] = Self.double53(a, b)
        }
        position += 2 * pairs
        k += pairs
      }
    }
    index = position
    drawn &+= 2 * UInt64(total)
  }

  /// The tempering transform of one state word.
  @inlinable @inline(__always)
  static func temper(_ word: UInt32) -> UInt32 {
    var y = word
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  @usableFromInline
  mutating func twist() {
    words.withUnsafeMutableBufferPointer { Self.twist($0.baseAddress!) }
    index = 0
  }

  /// Regenerates all 624 words in place.
  static func twist(_ mt: UnsafeMutablePointer<UInt32>) {
    let n = stateSize
    let m = shift
    @inline(__always) func mix(_ k: Int, _ k1: Int, _ km: Int) {
      let y = (mt[k] & upperMask) | (mt[k1] & lowerMask)
      mt[k] = mt[km] ^ (y >> 1) ^ ((0 &- (y & 1)) & matrixA)
    }
    for k in 0..<(n - m) { mix(k, k + 1, k + m) }
    for k in (n - m)..<(n - 1) { mix(k, k + 1, k + m - n) }
    mix(n - 1, 0, m - 1)
  }
}
