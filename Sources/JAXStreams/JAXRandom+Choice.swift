import RNGStreams

extension JAXRandom {
  /// `jax.random.choice(key, n, shape, replace, p)`: samples from
  /// `arange(n)`.
  ///
  /// ```swift
  /// try random.choice(random.prngKey(3), 10, shape: [3]).integers                   // [5, 9, 5]
  /// try random.choice(random.prngKey(3), 10, shape: [3], replace: false).integers   // [0, 5, 6]
  /// ```
  ///
  /// - `replace`, no `p`: `randint(key, shape, 0, n)`.
  /// - no `replace`, no `p`: the first `prod(shape)` entries of
  ///   `permutation(key, n)`.
  /// - `replace` with `p`: `searchsorted(cumsum(p), cumsum(p)[-1]·(1 −
  ///   uniform(key, shape)))` in float32 (float64 with x64).
  /// - no `replace` with `p`: the Gumbel top-k trick: the indices of the
  ///   `prod(shape)` largest `−log(−log(uniform(key, (n,), minval: tiny)))
  ///   + log(p)`, with XLA CPU's float32 `log`.
  ///
  /// Throws when `n <= 0` and samples are requested, when more samples than
  /// `n` are requested without replacement, or when `p` does not have `n`
  /// entries.
  public func choice(
    _ key: JAXKey, _ n: Int, shape: [Int] = [], replace: Bool = true, p: [Double]? = nil
  ) throws -> DrawnValues {
    let count = try Self.elementCount(shape)
    var blocks: UInt64 = 0
    var indices: [Int] = []
    if count > 0 {
      (indices, blocks) = try choiceIndices(key, population: n, count: count, replace: replace, p: p)
    }
    let values = DrawnValues(wrapping: indices.map(Int64.init), as: config.defaultInt.elementType)
    report(key, blocks: blocks, operation: "choice", distribution: "choice",
           parameters: [.init("a", String(n)), .init("replace", replace ? "True" : "False"),
                        .init("p", p.map { "\($0)" } ?? "None")],
           shape: shape, values: values)
    return values
  }

  /// `jax.random.choice(key, a, shape, replace, p)` for an array `a` of
  /// shape `arrayShape`: the rows of `a` at the indices
  /// ``choice(_:_:shape:replace:p:)`` picks for `arrayShape[0]`; the result
  /// has shape `shape + arrayShape[1...]`.
  ///
  /// Throws as the integer form does, for a 0-d array, and when `a` does not
  /// hold `arrayShape`'s element count.
  public func choice(
    _ key: JAXKey, _ a: DrawnValues, arrayShape: [Int], shape: [Int] = [], replace: Bool = true, p: [Double]? = nil
  ) throws -> DrawnValues {
    try Self.requireShape(a, arrayShape, "a")
    guard let population = arrayShape.first else {
      throw FrameworkError("choice needs an int or an array of at least one dimension for a.", parameter: "a")
    }
    let count = try Self.elementCount(shape)
    var blocks: UInt64 = 0
    var indices: [Int] = []
    if count > 0 {
      (indices, blocks) = try choiceIndices(key, population: population, count: count, replace: replace, p: p)
    }
    let values = a.rows(indices, rowLength: Self.rowLength(arrayShape))
    report(key, blocks: blocks, operation: "choice", distribution: "choice",
           parameters: [.init("a", "array\(Self.pythonTuple(arrayShape))"), .init("replace", replace ? "True" : "False"),
                        .init("p", p.map { "\($0)" } ?? "None")],
           shape: shape + arrayShape.dropFirst(), values: values)
    return values
  }

  private func choiceIndices(
    _ key: JAXKey, population n: Int, count: Int, replace: Bool, p: [Double]?
  ) throws -> ([Int], UInt64) {
    guard n > 0 else {
      throw FrameworkError("a must be greater than 0 unless no samples are taken.", parameter: "a")
    }
    guard replace || count <= n else {
      throw FrameworkError(
        "Cannot take a larger sample (size \(count)) than population (size \(n)) when 'replace=False'.", parameter: "shape")
    }
    guard let p else {
      if replace {
        // JAX calls randint(key, shape, 0, n): n is a Python int of the default int type.
        guard config.enableX64 || n <= Int(Int32.max) else {
          throw FrameworkError("choice population \(n) does not fit in int32, the dtype of Python ints here.", parameter: "a")
        }
        let (values, blocks) = randintValues(key, count: count, minval: 0, maxval: Int64(n), dtype: config.defaultInt)
        guard let v = values.integers else { preconditionFailure("randint gives integers") }
        return (v.map { Int($0) }, blocks)
      }
      let (order, blocks) = shuffledOrder(key, count: try Self.elementCount([n]))
      return (Array(order.prefix(count)), blocks)
    }
    guard p.count == n else {
      throw FrameworkError(
        "p must be None or a 1D vector with the same size as a.shape[axis]; p has \(p.count) entries and a has \(n).",
        parameter: "p")
    }
    guard !config.enableX64 else {
      throw FrameworkError("choice with p is emulated in float32 (without jax_enable_x64) only.", parameter: "p")
    }
    let weights = p.map { Float($0) }
    if replace {
      var cumulative = [Float](repeating: 0, count: n)
      var total: Float = 0
      for i in 0..<n {
        total += weights[i]
        cumulative[i] = total
      }
      let (bits, blocks) = rawBits32(key, count: count)
      let uniforms = Self.uniformFloat32(bits, minval: 0, maxval: 1)
      let indices = uniforms.map { u -> Int in
        let r = total * (1 - u)
        var low = 0, high = n
        while low < high {
          let mid = (low + high) / 2
          if cumulative[mid] < r { low = mid + 1 } else { high = mid }
        }
        return low
      }
      return (indices, blocks)
    }
    let (bits, blocks) = rawBits32(key, count: n)
    let uniforms = Self.uniformFloat32(bits, minval: Float.leastNormalMagnitude, maxval: 1)
    let scores = (0..<n).map { i in
      -XLAFloat32Math.log(-XLAFloat32Math.log(uniforms[i])) + XLAFloat32Math.log(weights[i])
    }
    let ranked = (0..<n).sorted { a, b in
      let (x, y) = (scores[a], scores[b])
      if x.isNaN != y.isNaN { return x.isNaN }
      return x > y || (x == y && a < b)
    }
    return (Array(ranked.prefix(count)), blocks)
  }
}
