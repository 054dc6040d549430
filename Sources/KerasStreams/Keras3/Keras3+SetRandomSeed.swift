import PythonStreams
import RNGStreams

extension Keras3.GlobalState {
  /// `keras.utils.set_random_seed(seed)`: drops the global `SeedGenerator`
  /// (the next `seed=None` op makes a new one from `random`), runs
  /// `random.seed(seed)`, then `np.random.seed(seed)` and
  /// `tf.random.set_seed(seed)` (the same on both backends).
  ///
  /// ```swift
  /// try keras.setRandomSeed(.int(5))
  /// ```
  ///
  /// - Throws: ``FrameworkError`` when `seed` is not an int (bool counts
  ///   as one), and when it is outside `0 ... 2**32 - 1`, which
  ///   `np.random.seed` rejects. As in Keras, the global `SeedGenerator` is
  ///   already dropped and Python's `random` already reseeded then.
  public mutating func setRandomSeed(_ seed: PythonSeed) throws {
    let value: Int64?
    switch seed {
    case .int(let v): value = v
    case .bool(let b): value = b ? 1 : 0
    case .bigInt: value = nil
    case .float(let v): throw Self.notAnIntegerSeed(repr: "\(v)", typeName: "float")
    case .string: throw Self.notAnIntegerSeed(repr: seed.pythonLiteral, typeName: "str")
    case .bytes: throw Self.notAnIntegerSeed(repr: seed.pythonLiteral, typeName: "bytes")
    }
    globalGenerator = nil
    try python.seed(seed, call: "keras.utils.set_random_seed(\(seed.pythonLiteral))")
    guard let value, value >= 0 && value <= 0xFFFF_FFFF else {
      throw FrameworkError("Seed must be between 0 and 2**32 - 1", parameter: "seed")
    }
    observer?.observe(
      SeedDerivation(
        rule: "keras.utils.set_random_seed", inputs: [.init("seed", seed.pythonLiteral)],
        result: "random.seed(\(value)); np.random.seed(\(value)); tf.random.set_seed(\(value)); global SeedGenerator dropped",
        derived: python.identity))
  }

  /// The `ValueError` `set_random_seed` raises for a seed that is not an int.
  ///
  /// ```swift
  /// Keras3.GlobalState.notAnIntegerSeed(repr: "1.5", typeName: "float").message
  /// // "Expected `seed` argument to be an integer. Received: seed=1.5 (of type <class 'float'>)"
  /// ```
  public static func notAnIntegerSeed(repr: String, typeName: String) -> FrameworkError {
    FrameworkError(
      "Expected `seed` argument to be an integer. Received: seed=\(repr) (of type <class '\(typeName)'>)",
      parameter: "seed")
  }
}
