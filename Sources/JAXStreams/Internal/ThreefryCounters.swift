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

  /// Blocks hashed per chunk by ``forEachPartitionableChunk(_:count:_:)``:
  /// the chunk's two words per block (8 KiB) stay in the L1 cache.
  static let chunkBlocks = 1024

  /// Hashes the partitionable blocks `0 ..< count` in chunks with
  /// `Threefry2x32.fill` (eight blocks per SIMD step) and calls
  /// `body(pairs, first)` for each chunk: `pairs` holds the two words of
  /// blocks `first ..< first + pairs.count / 2`, in block order. `pairs` is
  /// scratch memory that `body` may overwrite.
  @inline(__always)
  static func forEachPartitionableChunk(
    _ key: SIMD2<UInt32>, count n: Int, _ body: (UnsafeMutableBufferPointer<UInt32>, Int) -> Void
  ) {
    guard n > 0 else { return }
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * chunkBlocks) { scratch in
      var first = 0
      while first < n {
        let m = min(chunkBlocks, n - first)
        let pairs = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< 2 * m])
        Threefry2x32.fill(pairs, key: key, first: UInt64(first))
        body(pairs, first)
        first += m
      }
    }
  }

  /// Calls `body(words, first)` over the `count` 32-bit words a float32
  /// sampler draws, in order, in one or more chunks: `words` are the words
  /// `first ..< first + words.count`. Partitionable words are `b1 ^ b2` of
  /// their block, hashed chunk by chunk; original-layout words come from
  /// ``originalWords(_:count:)`` in one chunk.
  @inline(__always)
  static func forEachWord32Chunk(
    _ key: SIMD2<UInt32>, count n: Int, partitionable: Bool, _ body: (UnsafeBufferPointer<UInt32>, Int) -> Void
  ) {
    guard n > 0 else { return }
    guard partitionable else {
      originalWords(key, count: n).withUnsafeBufferPointer { body($0, 0) }
      return
    }
    forEachPartitionableChunk(key, count: n) { pairs, first in
      let m = pairs.count / 2
      // In place: word k overwrites pair word k ≤ 2k after both are read.
      for k in 0 ..< m { pairs[k] = pairs[2 * k] ^ pairs[2 * k + 1] }
      body(UnsafeBufferPointer(rebasing: pairs[0 ..< m]), first)
    }
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
