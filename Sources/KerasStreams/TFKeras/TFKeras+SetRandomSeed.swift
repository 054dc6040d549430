import PythonStreams
import RNGStreams
import TensorFlowStreams

extension TFKeras {
  /// `tf_keras.utils.set_random_seed(seed)`: `random.seed(seed)`,
  /// `np.random.seed(seed)`, `tf.random.set_seed(seed)`, and the private
  /// seed generator becomes `random.Random(seed)`.
  ///
  /// NumPy's global state is not part of this module: the caller seeds it
  /// (after this returns) when it emulates NumPy too.
  ///
  /// ```swift
  /// try TFKeras.setRandomSeed(42, python: &python, tensorflow: &tf, backend: &backend)
  /// ```
  ///
  /// - Throws: ``FrameworkError`` when `seed` is outside `0 ... 2**32 - 1`,
  ///   which `np.random.seed` rejects. As in tf-keras, Python's `random` has
  ///   already been seeded then, and nothing else has.
  public static func setRandomSeed(
    _ seed: Int64, python: inout PythonRandom, tensorflow: inout TensorFlowEagerContext, backend: inout Backend
  ) throws {
    let call = "tf_keras.utils.set_random_seed(\(seed))"
    try python.seed(.int(seed), call: call)
    guard seed >= 0 && seed <= 0xFFFF_FFFF else {
      throw FrameworkError("Seed must be between 0 and 2**32 - 1, got \(seed).", parameter: "seed")
    }
    tensorflow.setSeed(seed, call: call)
    backend.setSeedGenerator(seed)
    backend.observer?.observe(
      SeedDerivation(
        rule: "tf_keras.utils.set_random_seed", inputs: [.init("seed", String(seed))],
        result: "random.seed(\(seed)); np.random.seed(\(seed)); tf.random.set_seed(\(seed)); seed generator = Random(\(seed))",
        derived: backend.seedGeneratorStream))
  }
}
