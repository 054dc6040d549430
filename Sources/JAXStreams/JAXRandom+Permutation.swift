import RNGStreams

extension JAXRandom {
  /// `jax.random.permutation(key, n)`: a random ordering of `arange(n)`
  /// (int32, int64 with x64). `n <= 0` gives an empty array.
  ///
  /// ```swift
  /// try random.permutation(random.prngKey(3), 10).integers
  /// // [0, 5, 6, 7, 4, 2, 1, 3, 9, 8] (partitionable)
  /// ```
  ///
  /// JAX shuffles by sorting: for each of ⌈3·ln n / ln(2³² − 1)⌉ rounds
  /// (one round up to n = 1625, two up to 2 642 245, none for n ≤ 1) it
  /// splits the key into (key, subkey), draws `bits(subkey, (n,))` and
  /// stably sorts the elements by those 32-bit words.
  public func permutation(_ key: JAXKey, _ n: Int) throws -> DrawnValues {
    let count = try Self.elementCount([max(n, 0)])
    let (order, blocks) = shuffledOrder(key, count: count)
    let values = DrawnValues(wrapping: order.map(Int64.init), as: config.defaultInt.elementType)
    report(key, blocks: blocks, operation: "permutation", distribution: "permutation",
           parameters: [.init("x", String(n))], shape: [count], values: values)
    return values
  }

  /// `jax.random.permutation(key, x)`: the rows of `x`, an array of
  /// `shape` (its elements when `x` is 1-D), in a random order, the same
  /// order `permutation(key, shape[0])` gives. The result has `shape`.
  ///
  /// Throws for a 0-d array, or when `x` does not hold `shape`'s element count.
  public func permutation(_ key: JAXKey, _ x: DrawnValues, shape: [Int]) throws -> DrawnValues {
    try Self.requireShape(x, shape, "x")
    guard let rows = shape.first else {
      throw FrameworkError("x must be an integer or at least 1-dimensional.", parameter: "x")
    }
    let (order, blocks) = shuffledOrder(key, count: rows)
    let values = x.rows(order, rowLength: Self.rowLength(shape))
    report(key, blocks: blocks, operation: "permutation", distribution: "permutation",
           parameters: [.init("x", "array\(Self.pythonTuple(shape))")], shape: shape, values: values)
    return values
  }

  /// The sort-based shuffle of `0..<count` and the blocks it hashed.
  func shuffledOrder(_ key: JAXKey, count: Int) -> ([Int], UInt64) {
    let rounds = count <= 1 ? 0 : count <= 1625 ? 1 : count <= 2_642_245 ? 2 : 3
    var order = Array(0..<count)
    var current = key
    var blocks: UInt64 = 0
    for _ in 0..<rounds {
      let keys = derivedKeys(current, count: 2)
      current = keys[0]
      let (sortKeys, b) = rawBits32(keys[1], count: count)
      blocks += 2 + b
      let positions = (0..<count).sorted { (sortKeys[$0], $0) < (sortKeys[$1], $1) }
      order = positions.map { order[$0] }
    }
    return (order, blocks)
  }
}
