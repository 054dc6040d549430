/// The determinism switches a script can turn on, as the engine's training
/// reads them (docs/scripts.md, "Numeric nondeterminism").
///
/// ```python
/// import tensorflow as tf
/// tf.config.experimental.enable_op_determinism()   # or os.environ["TF_DETERMINISTIC_OPS"] = "1"
/// ```
///
/// Under `--device gpu` either switch makes the training's sums run in
/// their fixed order again (``ReductionOrder``); without `--device gpu`
/// they change nothing, as the engine's CPU sums are already in a fixed
/// order. They do not make runs with different `--threads` agree (neither
/// does TensorFlow's: its determinism holds for the same hardware and
/// configuration only).
extension ScriptModules {
  /// `tf.config`, with `experimental.enable_op_determinism()`.
  func tensorflowConfig() -> Namespace {
    let config = Namespace(name: "tensorflow.config")
    let experimental = Namespace(name: "tensorflow.config.experimental")
    experimental.define("enable_op_determinism()") { [unowned self] _ in
      opDeterminismEnabled = true
      // Keras on JAX computes with XLA, which TensorFlow's switch does not reach.
      if keras?.backend != .jax { ReductionOrder.current?.opDeterminismEnabled = true }
      return .none
    }
    config.define("experimental", .object(experimental))
    return config
  }

  /// Whether the environment asks for deterministic kernels on the backend
  /// the script runs: `TF_DETERMINISTIC_OPS` of `1` or `true` for
  /// TensorFlow, `--xla_gpu_deterministic_ops=true` in `XLA_FLAGS` for JAX.
  var environmentDeterminism: Bool {
    if keras?.backend == .jax {
      return environmentValue("XLA_FLAGS")?.split(separator: " ").contains("--xla_gpu_deterministic_ops=true") ?? false
    }
    guard let value = environmentValue("TF_DETERMINISTIC_OPS") else { return false }
    return value == "1" || value.lowercased() == "true"
  }
}
