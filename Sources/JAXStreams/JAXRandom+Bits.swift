import RNGStreams

extension JAXRandom {
  /// `jax.random.bits(key, shape, dtype)`: uniformly random unsigned integers.
  ///
  /// ```swift
  /// try random.bits(random.prngKey(0), shape: [3]).integers
  /// // [4070199207, 4202968722, 1427181096]
  /// ```
  ///
  /// `dtype` is `uint8`, `uint16`, `uint32` or `uint64` (default `uint32`,
  /// `uint64` with x64; `uint64` without x64 silently becomes `uint32`).
  /// Partitionable: element `i` hashes counter `(hi32(i), lo32(i))` to
  /// `(b1, b2)`; 32-bit values are `b1 ^ b2`, 8/16-bit values its low bits,
  /// 64-bit values `b1 << 32 | b2`. Original layout: the words of
  /// `threefry_2x32(key, iota(⌈width·n/32⌉))`; 64-bit values pair word `i`
  /// (high) with word `n + i` (low); 8/16-bit values unpack each word from
  /// its low bits up. An `rbg` / `unsafe_rbg` key takes its values from
  /// XLA's `RngBitGenerator` (Philox-4x32-10 on the CPU backend) in either
  /// layout: 32-bit value `4i + j` is word `j` of block `i`, 8/16-bit values
  /// the low bits of those words, 64-bit value `k` pairs words `2k` (low) and
  /// `2k + 1` (high).
  public func bits(_ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultUInt)
    guard dtype.isUnsignedInteger else {
      throw FrameworkError("dtype argument to `bits` must be an unsigned int dtype, got \(dtype.name).", parameter: "dtype")
    }
    let count = try Self.elementCount(shape)
    let (bits, blocks) = rawBits(key, width: dtype.bitWidth, count: count)
    let values = DrawnValues(wrapping: bits.map { Int64(bitPattern: $0) }, as: dtype.elementType)
    report(key, blocks: blocks, operation: "bits", distribution: "bits",
           parameters: [.init("dtype", dtype.name)], shape: shape, values: values)
    return values
  }

  /// `count` random values of `width` bits and the number of blocks hashed.
  func rawBits(_ key: JAXKey, width: Int, count n: Int) -> (values: [UInt64], blocks: UInt64) {
    if key.impl != .threefry2x32 {
      return (RBGBits.values(key, width: width, count: n), RBGBits.blocks(width: width, count: n))
    }
    let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
    if config.threefryPartitionable {
      let values = [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
        HugePages.advise(out)
        ThreefryCounters.forEachPartitionableChunk(key.words, count: n) { pairs, first in
          let target = out.baseAddress! + first
          if width == 64 {
            for k in 0 ..< pairs.count / 2 { target[k] = UInt64(pairs[2 * k]) << 32 | UInt64(pairs[2 * k + 1]) }
          } else {
            for k in 0 ..< pairs.count / 2 { target[k] = UInt64(pairs[2 * k] ^ pairs[2 * k + 1]) & mask }
          }
        }
        initialized = n
      }
      return (values, UInt64(n))
    }
    let wordCount = (width * n + 31) / 32
    let words = ThreefryCounters.originalWords(key.words, count: wordCount)
    let blocks = ThreefryCounters.originalBlocks(words: wordCount)
    switch width {
    case 64:
      return ((0..<n).map { UInt64(words[$0]) << 32 | UInt64(words[n + $0]) }, blocks)
    case 32:
      return (words.map(UInt64.init), blocks)
    default:
      let perWord = 32 / width
      return ((0..<n).map { i in UInt64(words[i / perWord] >> UInt32(width * (i % perWord))) & mask }, blocks)
    }
  }

  /// 32-bit random words (the float32 samplers' bits).
  func rawBits32(_ key: JAXKey, count n: Int) -> (values: [UInt32], blocks: UInt64) {
    mapBits32(key, count: n) { $0 }
  }

  /// `transform` applied to each of the `count` 32-bit random words a
  /// float32 sampler draws, written straight into the result (no array of
  /// words in the partitionable layout), and the number of blocks hashed.
  @inline(__always)
  func mapBits32<T>(_ key: JAXKey, count n: Int, _ transform: (UInt32) -> T) -> (values: [T], blocks: UInt64) {
    let partitionable = config.threefryPartitionable
    let threefry = key.impl == .threefry2x32
    let values = [T](unsafeUninitializedCapacity: n) { out, initialized in
      HugePages.advise(out)
      if threefry {
        ThreefryCounters.forEachWord32Chunk(key.words, count: n, partitionable: partitionable) { words, first in
          let target = out.baseAddress! + first
          for k in 0 ..< words.count { (target + k).initialize(to: transform(words[k])) }
        }
      } else {
        RBGBits.forEachWordChunk(key, words: n) { words, first in
          let target = out.baseAddress! + first
          for k in 0 ..< words.count { (target + k).initialize(to: transform(words[k])) }
        }
      }
      initialized = n
    }
    let blocks =
      !threefry ? RBGBits.blocks(width: 32, count: n)
      : partitionable ? UInt64(n) : ThreefryCounters.originalBlocks(words: n)
    return (values, blocks)
  }
}
