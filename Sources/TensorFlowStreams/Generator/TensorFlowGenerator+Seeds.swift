import RNGStreams

extension TensorFlowGenerator {
  /// `g.make_seeds(count=1)`: a `[2, count]` int64 seed block, row 0 the
  /// keys (`uniform_full_int([count], int64)`), row 1 zeros; column `i` is
  /// a seed for the stateless ops.
  ///
  /// ```swift
  /// var g = TensorFlowGenerator(seedVector: [0, 0, 1234], name: "g", seeding: .entropy)
  /// let seeds = try g.makeSeeds(count: 2)   // [k0, k1, 0, 0]
  /// ```
  ///
  /// - Throws: ``FrameworkError`` for a negative count.
  public mutating func makeSeeds(count: Int, observer: (any DrawObserver)? = nil) throws -> [Int64] {
    guard case .int64(let keys) = try uniformFullInt([count], dtype: .int64, observer: observer) else { return [] }
    return keys + [Int64](repeating: 0, count: keys.count)
  }

  /// `g.split(count=1)`: `count` new generators whose states are
  /// `[0, 0, key_i]`, the keys drawn as by ``makeSeeds(count:observer:)``.
  ///
  /// - Parameter names: the new generators' stream names, one per child.
  /// - Throws: ``FrameworkError`` for a negative count.
  public mutating func split(names: [String], observer: (any DrawObserver)? = nil) throws -> [TensorFlowGenerator] {
    guard case .int64(let keys) = try uniformFullInt([names.count], dtype: .int64, observer: observer) else { return [] }
    let parent = stream.name
    return zip(names, keys).enumerated().map { i, pair in
      let child = TensorFlowGenerator(
        validState: (0, 0, pair.1), algorithm: algorithm, name: pair.0,
        seeding: .derived(rule: "tf.random.Generator.split", from: "\(parent) key \(i)"))
      observer?.observe(
        SeedDerivation(
          rule: "tf.random.Generator.split", inputs: [.init("parent", parent), .init("index", String(i))],
          result: child.stream.seedMaterial, derived: child.stream))
      return child
    }
  }
}
