import PythonSubset
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `stateless_uniform`, `stateless_normal`, `stateless_truncated_normal`:
  /// values that depend only on `seed=[s0, s1]`, never on earlier calls or
  /// on the global seed.
  static func defineStatelessOps(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("stateless_uniform(shape, seed, minval=0, maxval=None, dtype=tf.float32, name=None, alg='auto_select')") { args in
      let shape = try args.tfShape("shape")
      let seed = try args.tfSeedPair("seed")
      // An absent minval is 0; an explicit None asks for the full integer range.
      let minval: TensorFlowScalar? = args.values["minval"] == nil ? 0 : try args.tfNumber("minval")
      let maxval = try args.tfNumber("maxval")
      let dtype = try args.tfDType("dtype", default: .float32)
      let alg = try args.tfAlgorithm("alg")
      let values = try args.framework {
        try StatelessRandomOps.uniform(
          shape, seed: seed, minval: minval, maxval: maxval, dtype: dtype, alg: alg, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
    for name in ["stateless_normal", "stateless_truncated_normal"] {
      ns.define("\(name)(shape, seed, mean=0.0, stddev=1.0, dtype=tf.float32, name=None, alg='auto_select')") { args in
        let shape = try args.tfShape("shape")
        let seed = try args.tfSeedPair("seed")
        let mean = try args.tfNumber("mean") ?? 0.0
        let stddev = try args.tfNumber("stddev") ?? 1.0
        let dtype = try args.tfDType("dtype", default: .float32)
        let alg = try args.tfAlgorithm("alg")
        let observer = process.eager.observer
        let values = try args.framework {
          name == "stateless_normal"
            ? try StatelessRandomOps.normal(shape, seed: seed, mean: mean, stddev: stddev, dtype: dtype, alg: alg, observer: observer)
            : try StatelessRandomOps.truncatedNormal(
              shape, seed: seed, mean: mean, stddev: stddev, dtype: dtype, alg: alg, observer: observer)
        }
        return TensorFlowTensor(values, shape: shape).value
      }
    }
  }

  /// `tf.nn` with `dropout`, `experimental.stateless_dropout` and the
  /// candidate samplers TensorFlow 2 exports there.
  static func nn(_ process: TensorFlowProcess) -> Namespace {
    let nn = Namespace(name: "tf.nn")
    nn.define("dropout(x, rate, noise_shape=None, seed=None, name=None)") { args in
      let x = try args.tfTensor("x")
      let rate = try args.tfRate("rate")
      let noiseShape = try args.tfNoiseShape("noise_shape")
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework {
        try process.eager.dropout(x.values, shape: x.shape, rate: rate, noiseShape: noiseShape, seed: seed)
      }
      return TensorFlowTensor(values, shape: x.shape).value
    }
    let experimental = Namespace(name: "tf.nn.experimental")
    experimental.define("stateless_dropout(x, rate, seed, rng_alg=None, noise_shape=None, name=None)") { args in
      let x = try args.tfTensor("x")
      let rate = try args.tfRate("rate")
      let seed = try args.tfSeedPair("seed")
      let alg = try args.tfAlgorithm("rng_alg")
      let noiseShape = try args.tfNoiseShape("noise_shape")
      let values = try args.framework {
        try StatelessRandomOps.dropout(
          x.values, shape: x.shape, rate: rate, seed: seed, noiseShape: noiseShape, alg: alg, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: x.shape).value
    }
    nn.define("experimental", .object(experimental))
    defineCandidateSamplers(
      in: nn, process,
      names: ["learned_unigram_candidate_sampler", "fixed_unigram_candidate_sampler", "all_candidate_sampler"])
    return nn
  }
}
