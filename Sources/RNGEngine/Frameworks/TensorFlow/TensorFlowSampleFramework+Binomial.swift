import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `stateless_binomial(shape, seed, counts, probs, output_dtype=tf.int32)`:
  /// `probs` becomes a float32 tensor unless it is a float64 one, and
  /// `counts` takes `probs`' dtype, as TensorFlow converts them.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'stateless_binomial([5, 2], seed=[1, 2], counts=[10.0, 40.0], probs=0.3)'
  /// ```
  static func defineBinomial(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("stateless_binomial(shape, seed, counts, probs, output_dtype=tf.int32, name=None)") { args in
      let shape = try args.tfShape("shape")
      let seed = try args.tfSeedPair("seed")
      let (counts, probs, type) = try binomialParameters(args)
      let dtype = try args.tfDType("output_dtype", default: .int32)
      let values = try args.framework {
        try StatelessRandomOps.binomial(
          shape, seed: seed, counts: counts.values.doubles, countsShape: counts.shape, probs: probs.values.doubles,
          probsShape: probs.shape, parameterType: type, dtype: dtype, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
  }

  /// `counts` and `probs` converted as `stateless_binomial` converts them,
  /// and their common float dtype.
  static func binomialParameters(_ args: BoundArguments) throws -> (TensorFlowTensor, TensorFlowTensor, TensorFlowDType) {
    var probs = try args.tfTensor("probs")
    if probs.dtype != .float64 { probs = try args.tfTensor("probs", dtype: .float32) }
    let counts = try args.tfTensor("counts", dtype: probs.dtype)
    guard counts.dtype == probs.dtype else {
      throw args.error("counts", "counts must have the dtype of probs (\(probs.dtype)), got \(counts.dtype)")
    }
    return (counts, probs, probs.dtype)
  }
}
