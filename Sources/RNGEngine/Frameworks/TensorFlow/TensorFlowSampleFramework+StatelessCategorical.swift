import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `stateless_categorical(logits, num_samples, seed, dtype=tf.int64)`.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'stateless_categorical([[0.0, 1.0, 2.0]], 10, seed=[1, 2])'
  /// ```
  static func defineStatelessCategorical(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("stateless_categorical(logits, num_samples, seed, dtype=tf.int64, name=None)") { args in
      let logits = try args.tfTensor("logits")
      guard let samples = try args.intValue("num_samples") else {
        throw args.error("num_samples", "stateless_categorical() argument 'num_samples' must be an int, got None")
      }
      let seed = try args.tfSeedPair("seed")
      let dtype = try args.tfDType("dtype", default: .int64)
      let values = try args.framework {
        try StatelessRandomOps.categorical(
          logits.values, shape: logits.shape, numSamples: samples, seed: seed, dtype: dtype, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: [logits.shape.first ?? 0, samples]).value
    }
  }
}
