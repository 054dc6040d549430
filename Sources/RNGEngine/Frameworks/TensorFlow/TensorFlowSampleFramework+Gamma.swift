import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `stateless_gamma(shape, seed, alpha, beta=None, dtype=tf.float32)`:
  /// `alpha` and `beta` are converted to `dtype` (a float64 tensor for a
  /// float32 `dtype` is an error, as in TensorFlow), `beta` defaults to 1.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'stateless_gamma([10, 2], seed=[12, 34], alpha=[0.5, 1.5])'
  /// ```
  static func defineGamma(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("stateless_gamma(shape, seed, alpha, beta=None, dtype=tf.float32, name=None)") { args in
      let shape = try args.tfShape("shape")
      let seed = try args.tfSeedPair("seed")
      let dtype = try args.tfDType("dtype", default: .float32)
      guard dtype == .float32 || dtype == .float64 else {
        throw args.error("dtype", "stateless_gamma() argument 'dtype' must be float32 or float64 (float16 and bfloat16 are not emulated), got \(dtype.rawValue)")
      }
      let alpha = try args.tfTensor("alpha", dtype: dtype)
      let beta = try (args.value("beta")?.isNone ?? true) ? nil : args.tfTensor("beta", dtype: dtype)
      let values = try args.framework {
        try StatelessRandomOps.gamma(
          shape, seed: seed, alpha: alpha.values.doubles, alphaShape: alpha.shape,
          beta: beta?.values.doubles ?? [1], betaShape: beta?.shape ?? [], dtype: dtype, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
  }
}
