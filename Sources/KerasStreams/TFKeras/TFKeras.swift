/// tf-keras, the Keras 2 package (`import tf_keras`, also `tf.keras` in
/// TensorFlow ≤ 2.15): its seeding, initializers and Dropout layer, built
/// on ``TensorFlowStreams``.
///
/// Everything lives under this namespace so that Keras 3 types with the
/// same Python names (`GlorotUniform`, `Dropout`) can sit beside them.
///
/// ```swift
/// var backend = TFKeras.Backend()
/// var python = PythonRandom(seed: 0)          // the process's global `random`
/// var tf = TensorFlowEagerContext()
/// try TFKeras.setRandomSeed(42, python: &python, tensorflow: &tf, backend: &backend)
/// var glorot = TFKeras.VarianceScaling.glorotUniform()
/// let kernel = try glorot([3, 4], backend: &backend, python: &python)
/// ```
///
/// Emulated semantics are those of tf-keras 2.21 (Keras ≥ 2.10 for the
/// initializers): random initializers are stateless and draw their seed
/// lazily at their first call; Dropout uses the legacy stateful path.
public enum TFKeras {}
