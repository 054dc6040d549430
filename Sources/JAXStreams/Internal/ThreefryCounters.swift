import RNGBits

/// How JAX lays Threefry2x32 counters over an output array (internal).
///
/// Two layouts exist, selected by `jax_threefry_partitionable`:
///
/// - partitionable (default since JAX 0.5.0): element `i` of the flattened
///   output hashes the counter `(hi32(i), lo32(i))`; one block per element.
/// - original: `threefry_2x32(key, iota(m))` hashes the pairs
///   `(j, j + m'/2)` of a counter list padded to an even length `m'` and
///   concatenates the first words of all pairs with the second words.
enum ThreefryCounters {
  /// The two words of block `i` in the partitionable layout.
  @inline(__always)
  static func block(_ key: SIMD2<UInt32>, index i: UInt64) -> SIMD2<UInt32> {
    Threefry2x32.hash(key: key, counter: SIMD2(UInt32(truncatingIfNeeded: i >> 32), UInt32(truncatingIfNeeded: i)))
  }

  /// `threefry_2x32(key, iota(count))`: `count` words in the original layout.
  static func originalWords(_ key: SIMD2<UInt32>, count m: Int) -> [UInt32] {
    guard m > 0 else { return [] }
    let half = (m + 1) / 2
    var words = [UInt32](repeating: 0, count: 2 * half)
    for j in 0..<half {
      let second = j + half
      let counter = SIMD2(UInt32(truncatingIfNeeded: j), second < m ? UInt32(truncatingIfNeeded: second) : 0)
      let out = Threefry2x32.hash(key: key, counter: counter)
      words[j] = out[0]
      words[half + j] = out[1]
    }
    if words.count > m { words.removeLast() }
    return words
  }

  /// Blocks evaluated by `originalWords(_:count:)`.
  static func originalBlocks(words m: Int) -> UInt64 { UInt64((m + 1) / 2) }
}
