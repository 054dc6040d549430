import RNGBits
import RNGStreams

extension JAXRandom {
  /// `jax.random.split(key, num)`: `num` new keys, in the spelling (typed or
  /// raw) of `key`.
  ///
  /// ```swift
  /// let keys = try random.split(random.key(0), num: 3)
  /// keys[0].data     // [1797259609, 2579123966] (partitionable)
  /// ```
  ///
  /// Partitionable: key `i` is the Threefry block of counter
  /// `(hi32(i), lo32(i))`. Original layout: the `2·num` words of
  /// `threefry_2x32(key, iota(2·num))`, taken in pairs. `num == 0` gives no
  /// keys; a negative `num` throws. An `rbg` key splits each of its two
  /// Threefry half-keys this way (in the layout `config` selects) and pairs
  /// the results; an `unsafe_rbg` key takes block `10·i` of its
  /// `RngBitGenerator` stream as key `i`.
  public func split(_ key: JAXKey, num: Int = 2) throws -> [JAXKey] {
    try split(key, shape: [num])
  }

  /// `jax.random.split(key, shape)`: `prod(shape)` new keys in C order.
  public func split(_ key: JAXKey, shape: [Int]) throws -> [JAXKey] {
    let count = try Self.elementCount(shape)
    let keys = derivedKeys(key, count: count)
    report(key, blocks: key.impl == .unsafeRBG ? 10 * UInt64(count) : UInt64(count), operation: "split", distribution: "keys",
           parameters: [.init("num", shape.count == 1 ? String(shape[0]) : Self.pythonTuple(shape))],
           shape: shape + [2], values: .uint32(keys.flatMap(\.data)))
    reportDerived(keys, rule: "jax.split", inputs: [.init("key", key.description), .init("num", Self.pythonTuple(shape))])
    return keys
  }

  /// `jax.random.fold_in(key, data)`: a new key that mixes `data` into `key`.
  ///
  /// ```swift
  /// try random.foldIn(random.prngKey(0), 5).data   // [1524306142, 1887795613]
  /// ```
  ///
  /// The new key is the Threefry block of counter `(0, data)`, in both
  /// layouts. `data` is converted to uint32 as JAX does, so it must lie in
  /// 0 … 2³² − 1 (JAX raises `OverflowError` otherwise). Reported as one
  /// block at counter `data` of `key`'s stream (in the partitionable layout
  /// this is the block `bits(key, …)[data]` also hashes).
  ///
  /// An `rbg` key folds `data` into each Threefry half-key this way. An
  /// `unsafe_rbg` key is XORed with block 9 of the `RngBitGenerator` stream
  /// of the key `[0, data, 0, data]` (the key `key(data)` seeds); it hashes
  /// nothing of `key`'s own stream and is reported as zero blocks.
  public func foldIn<Data: BinaryInteger>(_ key: JAXKey, _ data: Data) throws -> JAXKey {
    guard let word = UInt32(exactly: data) else {
      throw FrameworkError("fold_in data must be a uint32 between 0 and 4294967295, got \(data).", parameter: "data")
    }
    let folded: JAXKey
    switch key.impl {
    case .threefry2x32:
      let out = Threefry2x32.hash(key: key.words, counter: SIMD2(0, word))
      folded = JAXKey(hi: out[0], lo: out[1], isTyped: key.isTyped)
    case .rbg:
      let first = Threefry2x32.hash(key: key.words, counter: SIMD2(0, word))
      let second = Threefry2x32.hash(key: key.second, counter: SIMD2(0, word))
      folded = JAXKey(impl: .rbg, hi: first[0], lo: first[1], second: second, isTyped: key.isTyped)
    case .unsafeRBG:
      let seeded = JAXKey(impl: .unsafeRBG, hi: 0, lo: word, second: SIMD2(0, word))
      let mask = RBGBits.block(seeded, index: 9)
      folded = JAXKey(
        impl: .unsafeRBG, hi: key.hi ^ mask[0], lo: key.lo ^ mask[1], second: key.second ^ SIMD2(mask[2], mask[3]),
        isTyped: key.isTyped)
    }
    let unsafe = key.impl == .unsafeRBG
    report(key, firstBlock: unsafe ? 0 : UInt64(word), blocks: unsafe ? 0 : 1, operation: "fold_in", distribution: "keys",
           parameters: [.init("data", String(word))], shape: [2], values: .uint32(folded.data))
    reportDerived([folded], rule: "jax.fold_in", inputs: [.init("key", key.description), .init("data", String(word))])
    return folded
  }

  /// The keys `split` makes, without reporting (samplers split internally).
  func derivedKeys(_ key: JAXKey, count: Int) -> [JAXKey] {
    switch key.impl {
    case .threefry2x32:
      return threefrySplit(key.words, count: count).map { JAXKey(hi: $0[0], lo: $0[1], isTyped: key.isTyped) }
    case .rbg:
      let first = threefrySplit(key.words, count: count)
      let second = threefrySplit(key.second, count: count)
      return (0..<count).map {
        JAXKey(impl: .rbg, hi: first[$0][0], lo: first[$0][1], second: second[$0], isTyped: key.isTyped)
      }
    case .unsafeRBG:
      return (0..<count).map { i in
        let block = RBGBits.block(key, index: 10 * UInt64(i))
        return JAXKey(impl: .unsafeRBG, hi: block[0], lo: block[1], second: SIMD2(block[2], block[3]), isTyped: key.isTyped)
      }
    }
  }

  /// Threefry's `split` of one two-word key into `count` two-word keys, in
  /// the layout `config` selects.
  private func threefrySplit(_ words: SIMD2<UInt32>, count: Int) -> [SIMD2<UInt32>] {
    if config.threefryPartitionable {
      return (0..<count).map { ThreefryCounters.block(words, index: UInt64($0)) }
    }
    let out = ThreefryCounters.originalWords(words, count: 2 * count)
    return (0..<count).map { SIMD2(out[2 * $0], out[2 * $0 + 1]) }
  }
}
