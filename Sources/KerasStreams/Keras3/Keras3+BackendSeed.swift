import JAXStreams
import RNGStreams

extension Keras3.GlobalState {
  /// TensorFlow's `_cast_seed`: an int64 seed tensor becomes
  /// `floormod(seed, 2**31 - 2)` cast to int32, the `seed=` of
  /// `tf.random.stateless_*`. Reports a `keras.tensorflow.cast_seed`
  /// derivation.
  ///
  /// ```swift
  /// keras.tensorFlowSeed([-1, 0])           // [2147483645, 0]
  /// keras.tensorFlowSeed([2147483646, 3])   // [0, 3]
  /// ```
  public func tensorFlowSeed(_ seed: [Int64]) -> [Int64] {
    let cast = seed.map { Self.floorMod($0, 2_147_483_646) }
    observer?.observe(
      SeedDerivation(rule: "keras.tensorflow.cast_seed", inputs: [.init("seed", "\(seed)")], result: "\(cast)"))
    return cast
  }

  /// JAX's use of a seed tensor `[a, b]`: the raw threefry key with key
  /// data `(a, b)` (not `PRNGKey(a)`, which would be `(0, a)`).
  public static func jaxKey(_ seed: [Int64]) -> JAXKey {
    JAXKey(hi: UInt32(truncatingIfNeeded: seed[0]), lo: UInt32(truncatingIfNeeded: seed[1]), isTyped: false)
  }
}
