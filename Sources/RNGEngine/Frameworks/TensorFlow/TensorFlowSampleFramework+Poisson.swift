import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `poisson(shape, lam, dtype=tf.float32, seed=None)` (`tf.random.poisson`,
  /// TensorFlow 2's argument order): `lam` keeps the dtype
  /// `tf.convert_to_tensor` gives it (float32 for Python floats, int32 for ints).
  ///
  /// ```sh
  /// rngdiff sample tensorflow --seed 1 'poisson([10], lam=[0.5, 1.5])'
  /// ```
  static func definePoisson(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("poisson(shape, lam, dtype=tf.float32, seed=None, name=None)") { args in
      let shape = try args.tfShape("shape")
      let lam = try args.tfTensor("lam")
      let dtype = try args.tfDType("dtype", default: .float32)
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework {
        try process.eager.poisson(
          shape, lam: lam.values.doubles, lamShape: lam.shape, rateType: lam.dtype, dtype: dtype, seed: seed)
      }
      return TensorFlowTensor(values, shape: shape + lam.shape).value
    }
  }
}
