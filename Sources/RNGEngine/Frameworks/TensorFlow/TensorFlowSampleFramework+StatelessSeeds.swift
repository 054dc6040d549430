import PythonSubset
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `split`, `fold_in` and the `tf.random.experimental` namespace
  /// (`stateless_split`, `stateless_fold_in`, `stateless_shuffle`): new
  /// stateless seeds from a seed, and the stateless shuffle.
  ///
  /// ```sh
  /// rngdiff sample tensorflow 'split([1, 2], num=3); fold_in([1, 2], 3)'
  /// rngdiff sample tensorflow 'experimental.stateless_shuffle([1, 2, 3, 4], seed=[8, 9])'
  /// ```
  static func defineStatelessSeedOps(in ns: Namespace, _ process: TensorFlowProcess) {
    let experimental = Namespace(name: "tf.random.experimental")
    for (target, name) in [(ns, "split"), (experimental, "stateless_split")] {
      target.define("\(name)(seed, num=2, alg='auto_select')") { args in
        let (seed, dtype) = try args.tfSeedTensor("seed")
        // An absent num is 2; an explicit None is an error.
        guard let num = args.values["num"] == nil ? 2 : try args.intValue("num") else {
          throw args.error("num", "\(name)() argument 'num' must be an int such as 2, got None")
        }
        let alg = try args.tfAlgorithm("alg")
        let values = try args.framework {
          try StatelessRandomOps.split(seed: seed, num: num, dtype: dtype, alg: alg, observer: process.eager.observer)
        }
        return TensorFlowTensor(values, shape: [num, 2]).value
      }
    }
    for (target, name) in [(ns, "fold_in"), (experimental, "stateless_fold_in")] {
      target.define("\(name)(seed, data, alg='auto_select')") { args in
        let (seed, _) = try args.tfSeedTensor("seed")
        let data = try args.tfTensor("data")
        guard data.shape.isEmpty else {
          throw args.error("data", "Shapes of all inputs must match: values[0].shape = [] != values[1].shape = \(data.shape) (data must be a scalar).")
        }
        let value: Int64
        switch data.values {
        case .int32(let v): value = Int64(v[0])
        case .int64(let v): value = v[0]
        default:
          throw args.error("data", "\(name)() argument 'data' must be an int32 or int64 scalar such as 3, got a \(data.dtype.rawValue) tensor")
        }
        let alg = try args.tfAlgorithm("alg")
        let values = try args.framework {
          try StatelessRandomOps.foldIn(seed: seed, data: value, dtype: data.dtype, alg: alg, observer: process.eager.observer)
        }
        return TensorFlowTensor(values, shape: [2]).value
      }
    }
    experimental.define("stateless_shuffle(value, seed, alg='auto_select', name=None)") { args in
      let value = try args.tfTensor("value")
      let seed = try args.tfSeedPair("seed")
      let alg = try args.tfAlgorithm("alg")
      let values = try args.framework {
        try StatelessRandomOps.shuffle(value.values, shape: value.shape, seed: seed, alg: alg, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: value.shape).value
    }
    defineIndexShuffle(in: experimental)
    ns.define("experimental", .object(experimental))
  }
}
