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
  /// keys; a negative `num` throws.
  public func split(_ key: JAXKey, num: Int = 2) throws -> [JAXKey] {
    try split(key, shape: [num])
  }

  /// `jax.random.split(key, shape)`: `prod(shape)` new keys in C order.
  public func split(_ key: JAXKey, shape: [Int]) throws -> [JAXKey] {
    let count = try Self.elementCount(shape)
    let keys = derivedKeys(key, count: count)
    report(key, blocks: UInt64(count), operation: "split", distribution: "keys",
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
  public func foldIn<Data: BinaryInteger>(_ key: JAXKey, _ data: Data) throws -> JAXKey {
    guard let word = UInt32(exactly: data) else {
      throw FrameworkError("fold_in data must be a uint32 between 0 and 4294967295, got \(data).", parameter: "data")
    }
    let out = Threefry2x32.hash(key: key.words, counter: SIMD2(0, word))
    let folded = JAXKey(hi: out[0], lo: out[1], isTyped: key.isTyped)
    report(key, firstBlock: UInt64(word), blocks: 1, operation: "fold_in", distribution: "keys",
           parameters: [.init("data", String(word))], shape: [2], values: .uint32(folded.data))
    reportDerived([folded], rule: "jax.fold_in", inputs: [.init("key", key.description), .init("data", String(word))])
    return folded
  }

  /// The keys `split` makes, without reporting (samplers split internally).
  func derivedKeys(_ key: JAXKey, count: Int) -> [JAXKey] {
    if config.threefryPartitionable {
      return (0..<count).map { i in
        let out = ThreefryCounters.block(key.words, index: UInt64(i))
        return JAXKey(hi: out[0], lo: out[1], isTyped: key.isTyped)
      }
    }
    let words = ThreefryCounters.originalWords(key.words, count: 2 * count)
    return (0..<count).map { JAXKey(hi: words[2 * $0], lo: words[2 * $0 + 1], isTyped: key.isTyped) }
  }
}
