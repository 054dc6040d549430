import RNGStreams

extension Keras3.GlobalState {
  /// `keras.utils.random.make_default_seed()`: `random.randint(1, 10**9)`
  /// from Python's global `random`. Reports the draw (through ``python``)
  /// and a `keras.make_default_seed` derivation naming `consumer`.
  public mutating func makeDefaultSeed(for consumer: String) -> Int64 {
    let seed = python.randint(1, 1_000_000_000)
    observer?.observe(drawnSeed: seed)
    observer?.observe(
      SeedDerivation(
        rule: "keras.make_default_seed", inputs: [.init("consumer", consumer), .init("source", python.identity.name)],
        result: String(seed)))
    return seed
  }

  /// `keras.random.SeedGenerator(seed=None, name=None)`: state `[seed, 0]`
  /// in the backend's seed dtype; without a seed, `make_default_seed()`
  /// first.
  ///
  /// ```swift
  /// let sg = try keras.makeSeedGenerator(seed: 3)
  /// keras.seedState(of: sg)     // [3, 0]
  /// ```
  ///
  /// - Throws: ``FrameworkError`` on JAX for a seed outside
  ///   `0 ... 2**32 - 1` (`OverflowError` in Python).
  public mutating func makeSeedGenerator(seed: Int64? = nil, name: String? = nil) throws -> Keras3.SeedGenerator {
    let name = name ?? uniqueName("seed_generator")
    let value = seed ?? makeDefaultSeed(for: name)
    try checkSeed(value)
    generatorStates.append([value, 0])
    generatorNames.append(name)
    return Keras3.SeedGenerator(id: generatorStates.count - 1, name: name)
  }

  /// `generator.state.value`: `[seed, counter]` (uint32 values on JAX).
  ///
  /// - Precondition: `generator` was made by this state.
  public func seedState(of generator: Keras3.SeedGenerator) -> [Int64] {
    precondition(generator.id < generatorStates.count, "\(generator) belongs to another Keras3.GlobalState")
    return generatorStates[generator.id]
  }

  /// `generator.next(ordered=True)`: returns the state, then adds `[0, 1]`;
  /// `ordered: false` replaces it by `(state + 1) * 5387 % 933199`
  /// element-wise, in int64 on TensorFlow and in wrapping uint32 on JAX.
  /// Reports a `keras.seed_generator.next` derivation (or
  /// `keras.global_seed_generator.next` for the global generator).
  ///
  /// ```swift
  /// try keras.next(sg)                   // [3, 0]
  /// try keras.next(sg, ordered: false)   // [3, 1], then [21548, 10774]
  /// ```
  ///
  /// - Precondition: `generator` was made by this state.
  public mutating func next(_ generator: Keras3.SeedGenerator, ordered: Bool = true) -> [Int64] {
    let current = seedState(of: generator)
    let after: [Int64]
    switch (backend, ordered) {
    case (.tensorflow, true):
      after = [current[0], current[1] &+ 1]
    case (.jax, true):
      after = [current[0], Int64(UInt32(truncatingIfNeeded: current[1]) &+ 1)]
    case (.tensorflow, false):
      after = current.map { Self.floorMod(($0 &+ 1) &* 5387, 933_199) }
    case (.jax, false):
      after = current.map { Int64((UInt32(truncatingIfNeeded: $0) &+ 1) &* 5387 % 933_199) }
    }
    generatorStates[generator.id] = after
    if let observer {
      let isGlobal = generator == globalGenerator
      observer.observe(
        SeedDerivation(
          rule: isGlobal ? "keras.global_seed_generator.next" : "keras.seed_generator.next",
          inputs: [.init("generator", generator.name), .init("state", "\(current)"), .init("ordered", ordered ? "True" : "False")],
          result: "\(current) (state becomes \(after))"))
    }
    return current
  }

  /// `keras.random.SeedGenerator.next` of the global generator, created
  /// with a default seed at its first use (`global_seed_generator()`).
  mutating func nextGlobalSeed() throws -> [Int64] {
    let generator: Keras3.SeedGenerator
    if let existing = globalGenerator {
      generator = existing
    } else {
      generator = try makeSeedGenerator()
      globalGenerator = generator
    }
    return next(generator, ordered: false)
  }

  /// `draw_seed(seed)`: the seed tensor a random op receives, in the
  /// backend's seed dtype: `[seed, 0]` for an int, `next()` for a
  /// generator, the global generator's `next(ordered=False)` for `nil`.
  ///
  /// - Throws: ``FrameworkError`` on JAX for an int seed outside
  ///   `0 ... 2**32 - 1`.
  public mutating func drawSeed(_ seed: Keras3.Seed) throws -> [Int64] {
    switch seed {
    case .none:
      return try nextGlobalSeed()
    case .generator(let generator):
      return next(generator)
    case .int(let value):
      try checkSeed(value)
      observer?.observe(
        SeedDerivation(rule: "keras.draw_seed", inputs: [.init("seed", String(value))], result: "[\(value), 0]"))
      return [value, 0]
    }
  }

  /// Checks that an int fits the backend's seed dtype (JAX: uint32).
  func checkSeed(_ value: Int64) throws {
    if backend == .jax && !(0...0xFFFF_FFFF).contains(value) {
      throw FrameworkError("Python integer \(value) out of bounds for uint32", parameter: "seed")
    }
  }

  /// Python's `a % m` for a positive modulus (the result has the sign of `m`).
  static func floorMod(_ a: Int64, _ m: Int64) -> Int64 {
    let r = a % m
    return r < 0 ? r + m : r
  }
}
