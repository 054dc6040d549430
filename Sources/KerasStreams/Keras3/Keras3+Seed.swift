extension Keras3 {
  /// What a `seed=` argument holds: nothing, an int, or a `SeedGenerator`.
  ///
  /// ```swift
  /// try keras.uniform([3], seed: .int(7))           // [7, 0] every time
  /// let sg = try keras.makeSeedGenerator(seed: 3)
  /// try keras.uniform([3], seed: .generator(sg))    // [3, 0], then [3, 1], ...
  /// try keras.uniform([3])                          // the global SeedGenerator
  /// ```
  ///
  /// Edge case: an int seed is checked against the backend's seed dtype
  /// when it is drawn, not when it is stored: `GlorotUniform(seed=-1)`
  /// constructs on JAX and fails at its first call.
  public enum Seed: Sendable, Hashable {
    /// `seed=None`.
    case none
    /// An int seed; ints beyond 64 bits are the caller's to reject.
    case int(Int64)
    /// A `keras.random.SeedGenerator`.
    case generator(SeedGenerator)
  }

  /// A `keras.random.SeedGenerator`: a handle to a two-element state
  /// `[seed, counter]` kept in ``GlobalState``, so that every holder of the
  /// generator (a layer, an initializer, the user) sees the same state, as
  /// in Python.
  ///
  /// ```swift
  /// let sg = try keras.makeSeedGenerator(seed: 3)
  /// keras.seedState(of: sg)             // [3, 0]
  /// try keras.next(sg)                  // [3, 0]; the state becomes [3, 1]
  /// ```
  public struct SeedGenerator: Sendable, Hashable, CustomStringConvertible {
    /// Index of the state in its ``GlobalState``.
    public let id: Int
    /// The generator's name (`seed_generator`, `seed_generator_1`, …).
    public let name: String

    public var description: String { "<SeedGenerator name=\(name)>" }
  }
}
