import PythonStreams

extension TFKeras {
  /// `tf_keras.backend.RandomGenerator`: where a layer's or initializer's
  /// random ops get their seeds.
  ///
  /// - ``Kind/stateless`` (every random initializer): the seed is fixed at
  ///   the first use: the user's seed, or `randint(1, 10**9)` from the
  ///   private seed generator (after `set_random_seed`) or else from the
  ///   global `random`. Every op then runs stateless with seed `[seed, 0]`,
  ///   so the same generator gives the same values every time.
  /// - ``Kind/legacyStateful`` (Dropout and other random layers, unless
  ///   `enable_tf_random_generator()` was called): ops run stateful with
  ///   op seed `seed`, `seed + 1`, … on successive calls, or with no op
  ///   seed (`get_seed` rules) when the seed is `nil`.
  ///
  /// ```swift
  /// var g = TFKeras.RandomGenerator(seed: 3, kind: .legacyStateful)
  /// g.legacySeed()   // 3
  /// g.legacySeed()   // 4
  /// ```
  ///
  /// The third kind, `"stateful"` (a `tf.random.Generator`), is not emulated.
  public struct RandomGenerator: Sendable, Hashable {
    /// `rng_type`.
    public enum Kind: String, Sendable, Hashable {
      case stateless
      case legacyStateful = "legacy_stateful"
    }

    /// The seed: the user's, or (stateless, once built) the drawn one; for
    /// the legacy kind, the next op seed.
    public private(set) var seed: Int64?
    public let kind: Kind
    /// `_built`: the stateless seed has been fixed.
    public private(set) var isBuilt = false

    public init(seed: Int64?, kind: Kind) {
      self.seed = seed
      self.kind = kind
    }

    /// `_maybe_init()`: fixes a stateless generator's seed on first use.
    public mutating func build(backend: inout Backend, python: inout PythonRandom, consumer: String) {
      guard !isBuilt else { return }
      if kind == .stateless && seed == nil {
        seed = backend.drawSeed(python: &python, for: consumer)
      }
      isBuilt = true
    }

    /// `make_seed_for_stateless_op()`: `[seed, 0]`, building first.
    public mutating func statelessSeed(backend: inout Backend, python: inout PythonRandom, consumer: String) -> [Int64] {
      build(backend: &backend, python: &python, consumer: consumer)
      return [seed ?? 0, 0]
    }

    /// `make_legacy_seed()`: the current seed, then seed + 1; `nil` when
    /// the layer has no seed.
    public mutating func legacySeed() -> Int64? {
      guard let current = seed else { return nil }
      seed = current &+ 1
      return current
    }
  }
}
