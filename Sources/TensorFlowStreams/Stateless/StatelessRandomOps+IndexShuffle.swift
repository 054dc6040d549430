#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import RNGStreams

extension StatelessRandomOps {
  /// `tf.random.experimental.index_shuffle(index, seed, max_index)`: where
  /// each `index` lands in a pseudorandom permutation of `[0, max_index]`
  /// fixed by `seed` (the `RandomIndexShuffle` kernel, 4 rounds).
  ///
  /// ```swift
  /// try StatelessRandomOps.indexShuffle([0, 1, 2, 3], seed: [5, 9], maxIndex: [3])   // [2, 0, 1, 3]
  /// ```
  ///
  /// The permutation is a cycle-walking Simon block cipher: the key is
  /// `[498247692, seed[0], seed[1]]` (each as uint32; Python pads the pair
  /// with that constant), the block has `ceil(log2(max_index))` bits rounded
  /// up to even and at least 16, the round keys follow Simon's key schedule
  /// truncated to half a block, and encryption repeats until the value is at
  /// most `max_index`. `max_index = 0` gives 0. No Philox stream is used: the
  /// call draws nothing and reports nothing.
  ///
  /// Edge case: when `max_index` is 2^k with k even and at least 16, the
  /// block is one bit too narrow and `max_index` itself is never produced —
  /// as in TensorFlow.
  ///
  /// - Parameters:
  ///   - index: the indices, as 64-bit patterns (one element, or one per output).
  ///   - maxIndex: the inclusive upper bounds (one, or one per output).
  /// - Throws: ``FrameworkError`` when the seed is not two ints, when the
  ///   vector lengths disagree, or when an index is above its `max_index`
  ///   (TensorFlow's message; compared as 64-bit patterns, so a negative
  ///   index is above every bound).
  public static func indexShuffle(_ index: [UInt64], seed: [Int64], maxIndex: [UInt64]) throws -> [UInt64] {
    guard seed.count == 2 else {
      throw FrameworkError("seed must have shape [2], got \(seed.count) element(s).", parameter: "seed")
    }
    let count = max(index.count, maxIndex.count)
    guard (index.count == 1 || index.count == count) && (maxIndex.count == 1 || maxIndex.count == count) else {
      throw FrameworkError(
        "Maxval must be a scalar or a vector of the same size as index but got \(maxIndex.count) and \(index.count) elements",
        parameter: "max_index")
    }
    let key: [UInt64] = [498_247_692, UInt64(UInt32(truncatingIfNeeded: seed[0])), UInt64(UInt32(truncatingIfNeeded: seed[1]))]
    var out = [UInt64]()
    out.reserveCapacity(count)
    for i in 0..<count {
      let value = index.count == 1 ? index[0] : index[i]
      let bound = maxIndex.count == 1 ? maxIndex[0] : maxIndex[i]
      if value > bound {
        throw FrameworkError("max_index must be >= index, but \(bound) < \(value)", parameter: "index")
      }
      out.append(SimonPermutation(key: key, maxIndex: bound).position(of: value))
    }
    return out
  }
}

/// The pseudorandom permutation of `[0, maxIndex]` behind `index_shuffle`:
/// a 4-round Simon cipher on a block just wide enough, walked until it lands
/// in range.
struct SimonPermutation {
  let maxIndex: UInt64
  /// Half the block size in bits (8…32).
  let wordBits: Int
  let mask: UInt64
  let roundKeys: [UInt64]

  init(key: [UInt64], maxIndex: UInt64, rounds: Int = 4) {
    self.maxIndex = maxIndex
    // ceil(log2(max_index)) in double, as the kernel computes it.
    let bits = maxIndex == 0 ? 0 : Int(log2(Double(maxIndex)).rounded(.up))
    let block = max(bits + bits % 2, 16)
    let width = block / 2
    let wordMask: UInt64 = (1 << UInt64(width)) - 1
    wordBits = width
    mask = wordMask
    let c = 0xFFFF_FFFC & wordMask
    var z = 0x7369_F885_192C_0EF5 & wordMask
    var keys = key.map { $0 & wordMask }
    var i = 3
    while i < rounds {
      let previous = keys[i - 1]
      keys.append(c ^ (z & 1) ^ keys[i - 3] ^ Self.rotateRight(previous, 3, width, wordMask) ^ Self.rotateRight(previous, 4, width, wordMask))
      z >>= 1
      i += 1
    }
    roundKeys = keys
  }

  /// Where `index` lands.
  func position(of index: UInt64) -> UInt64 {
    if maxIndex == 0 { return 0 }
    var value = index
    repeat { value = encrypt(value) } while value > maxIndex
    return value
  }

  private func encrypt(_ value: UInt64) -> UInt64 {
    var left = (value >> UInt64(wordBits)) & mask
    var right = value & mask
    var i = 0
    while i + 1 < roundKeys.count {
      left ^= mix(right)
      left ^= roundKeys[i]
      right ^= mix(left)
      right ^= roundKeys[i + 1]
      i += 2
    }
    return (left << UInt64(wordBits)) | right
  }

  /// Simon's round function `(x <<< 1 & x <<< 8) ^ x <<< 2`.
  private func mix(_ x: UInt64) -> UInt64 {
    (Self.rotateLeft(x, 1, wordBits, mask) & Self.rotateLeft(x, 8, wordBits, mask)) ^ Self.rotateLeft(x, 2, wordBits, mask)
  }

  private static func rotateLeft(_ x: UInt64, _ r: Int, _ width: Int, _ mask: UInt64) -> UInt64 {
    ((x << UInt64(r)) | (x >> UInt64(width - r))) & mask
  }

  private static func rotateRight(_ x: UInt64, _ r: Int, _ width: Int, _ mask: UInt64) -> UInt64 {
    ((x >> UInt64(r)) | (x << UInt64(width - r))) & mask
  }
}
