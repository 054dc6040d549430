import RNGBits

/// The bits of an `rbg` / `unsafe_rbg` key (internal): XLA's
/// `RngBitGenerator` with the default algorithm, as the CPU backend expands
/// it (Philox-4x32-10).
///
/// JAX hands the four key words `[w0, w1, w2, w3]` to XLA as two 64-bit
/// words `(w0 | w1 << 32, w2 | w3 << 32)`. XLA keys Philox with the first
/// (`(w0, w1)`) and starts its 128-bit counter at the second as the low
/// half and the first as the high half, so block `i` hashes the
/// little-endian counter `(w2, w3, w0, w1) + i`. A 32-bit request of `n`
/// values takes the words of blocks `0 ..< ⌈n/4⌉` in order (word `4i + j`
/// is word `j` of block `i`); 8- and 16-bit values are the low bits of the
/// same 32-bit words; 64-bit value `k` is `word[2k] | word[2k + 1] << 32`,
/// from blocks `0 ..< ⌈n/2⌉`. The shape only sets `n` (C order).
enum RBGBits {
  /// The generator at block 0 of `key`'s stream.
  static func philox(_ key: JAXKey) -> Philox4x32 {
    Philox4x32(counter: SIMD4(key.second[0], key.second[1], key.hi, key.lo), key: key.words)
  }

  /// Block `index` of `key`'s stream.
  static func block(_ key: JAXKey, index: UInt64) -> SIMD4<UInt32> {
    let start = philox(key)
    return Philox4x32.block(counter: Philox4x32.add(start.counter, index), key: start.key)
  }

  /// Blocks hashed for `count` values of `width` bits.
  static func blocks(width: Int, count n: Int) -> UInt64 {
    UInt64(width == 64 ? (n + 1) / 2 : (n + 3) / 4)
  }

  /// Blocks per chunk of ``forEachWordChunk(_:words:_:)`` (16 KiB of words).
  static let chunkBlocks = 1024

  /// Calls `body(words, first)` over the first `count` 32-bit words of
  /// `key`'s stream, in order, chunk by chunk: `words` are the words
  /// `first ..< first + words.count`.
  static func forEachWordChunk(_ key: JAXKey, words n: Int, _ body: (UnsafeBufferPointer<UInt32>, Int) -> Void) {
    guard n > 0 else { return }
    var philox = philox(key)
    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * chunkBlocks) { scratch in
      var first = 0
      while first < n {
        let m = min(4 * chunkBlocks, n - first)
        let whole = UnsafeMutableBufferPointer(rebasing: scratch[0 ..< (m + 3) / 4 * 4])
        philox.fill(whole)
        body(UnsafeBufferPointer(rebasing: scratch[0 ..< m]), first)
        first += m
      }
    }
  }

  /// `count` values of `width` bits (8, 16, 32 or 64).
  static func values(_ key: JAXKey, width: Int, count n: Int) -> [UInt64] {
    [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
      if width == 64 {
        forEachWordChunk(key, words: 2 * n) { words, first in
          let target = out.baseAddress! + first / 2
          for k in 0 ..< words.count / 2 {
            (target + k).initialize(to: UInt64(words[2 * k]) | UInt64(words[2 * k + 1]) << 32)
          }
        }
      } else {
        let mask: UInt64 = (1 << UInt64(width)) - 1
        forEachWordChunk(key, words: n) { words, first in
          let target = out.baseAddress! + first
          for k in 0 ..< words.count { (target + k).initialize(to: UInt64(words[k]) & mask) }
        }
      }
      initialized = n
    }
  }
}
