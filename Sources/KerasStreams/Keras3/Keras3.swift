/// Keras 3 (`import keras`, Keras ≥ 3.0; `tf.keras` in TensorFlow ≥ 2.16):
/// its seeding, `keras.random`, the random initializers and the `Dense` and
/// `Dropout` layers, on the TensorFlow and JAX backends, built on
/// ``TensorFlowStreams`` and ``JAXStreams``.
///
/// Everything lives under this namespace so that the tf-keras types with the
/// same Python names (``TFKeras``) can sit beside them. The process-wide
/// state (Python's global `random`, the global `SeedGenerator`, every
/// `SeedGenerator`'s state) lives in one value, ``GlobalState``; every call
/// that may draw takes it `inout`.
///
/// ```swift
/// var keras = Keras3.GlobalState(backend: .tensorflow)
/// try keras.setRandomSeed(.int(5))                          // keras.utils.set_random_seed(5)
/// var dense = try Keras3.Dense(units: 3, state: &keras)      // draws the kernel seed now
/// try dense.build([nil, 4], state: &keras)
/// dense.kernel?.floats?.first                               // 0.446488618850708
/// let u = try keras.uniform([5], seed: .int(7))             // [0.7470787763595581, ...]
/// ```
///
/// Emulated semantics are those of Keras 3.15 (TensorFlow 2.21, JAX 0.10):
/// random ops are stateless and keyed by a two-element seed tensor; unseeded
/// initializers and layers draw `random.randint(1, 10**9)` from the global
/// Python `random` **when they are constructed**.
public enum Keras3 {}
