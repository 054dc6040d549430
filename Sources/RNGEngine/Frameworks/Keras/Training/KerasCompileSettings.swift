/// What `model.compile(optimizer=…, loss=…, metrics=…, jit_compile=…)` set.
///
/// ```python
/// model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["accuracy"])
/// ```
///
/// `jit_compile="auto"` resolves to False, as Keras 3 does on a machine
/// without a GPU (the machine the goldens were made on, and what the
/// engine emulates); on TensorFlow `True` makes Dropout masks from the
/// high bits of each Philox word (XLA) instead of the low bits.
struct KerasCompileSettings {
  /// The optimizer object (its slots live there, shared by the models compiled with it).
  var optimizer: KerasOptimizerObject
  var loss: KerasLoss
  /// The accuracy metric's name as given (`"accuracy"` or `"acc"`), nil without one.
  var accuracyName: String?
  var jitCompile: Bool
}
