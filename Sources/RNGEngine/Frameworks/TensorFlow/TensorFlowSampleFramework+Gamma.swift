import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `stateless_gamma(shape, seed, alpha, beta=None, dtype=tf.float32)` and
  /// `gamma(shape, alpha, beta=None, dtype=tf.float32, seed=None)`: `alpha`
  /// and `beta` are converted to `dtype` (a float64 tensor for a float32
  /// `dtype` is an error, as in TensorFlow), `beta` defaults to 1.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'stateless_gamma([10, 2], seed=[12, 34], alpha=[0.5, 1.5])'
  /// rngdiff sample tensorflow --seed 1 'gamma([30], alpha=[0.5, 1.5])'
  /// ```
  static func defineGamma(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("stateless_gamma(shape, seed, alpha, beta=None, dtype=tf.float32, name=None)") { args in
      let shape = try args.tfShape("shape")
      let seed = try args.tfSeedPair("seed")
      let (alpha, beta, dtype) = try gammaParameters(args)
      let values = try args.framework {
        try StatelessRandomOps.gamma(
          shape, seed: seed, alpha: alpha.values.doubles, alphaShape: alpha.shape,
          beta: beta?.values.doubles ?? [1], betaShape: beta?.shape ?? [], dtype: dtype, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
    ns.define("gamma(shape, alpha, beta=None, dtype=tf.float32, seed=None, name=None)") { args in
      let shape = try args.tfShape("shape")
      let (alpha, beta, dtype) = try gammaParameters(args)
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework {
        try process.eager.gamma(
          shape, alpha: alpha.values.doubles, alphaShape: alpha.shape, beta: beta?.values.doubles ?? [1],
          betaShape: beta?.shape ?? [], dtype: dtype, seed: seed)
      }
      let batch = try args.framework { try StatelessRandomOps.gammaBatchShape(alpha.shape, beta?.shape ?? []) }
      return TensorFlowTensor(values, shape: shape + batch).value
    }
  }

  /// `alpha`, `beta` (nil when not given) and `dtype` of the gamma ops,
  /// converted as TensorFlow converts them.
  static func gammaParameters(_ args: BoundArguments) throws -> (TensorFlowTensor, TensorFlowTensor?, TensorFlowDType) {
    let dtype = try args.tfDType("dtype", default: .float32)
    guard dtype == .float32 || dtype == .float64 else {
      throw args.error("dtype", "\(args.signature.name)() argument 'dtype' must be float32 or float64 (float16 and bfloat16 are not emulated), got \(dtype.rawValue)")
    }
    let alpha = try args.tfTensor("alpha", dtype: dtype)
    let beta = try (args.value("beta")?.isNone ?? true) ? nil : args.tfTensor("beta", dtype: dtype)
    return (alpha, beta, dtype)
  }
}
