import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.random`: `uniform`, `normal`, `truncated_normal`, `dropout`,
  /// `SeedGenerator`, with Keras 3.15's signatures.
  func defineRandom(in ns: Namespace) {
    ns.define("uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None)") { [self] args in
      let shape = try args.kerasShape("shape")
      let minval = try args.kerasNumber("minval") ?? 0.0
      let maxval = try args.kerasNumber("maxval") ?? 1.0
      let dtype = try args.kerasDType("dtype")
      let seed = try args.kerasSeed("seed", backend: backend)
      return array(try args.framework {
        try state.uniform(shape, minval: minval, maxval: maxval, dtype: dtype, seed: seed)
      })
    }
    ns.define("normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)") { [self] args in
      let (shape, mean, stddev, dtype, seed) = try normalArguments(args)
      return array(try args.framework { try state.normal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed) })
    }
    ns.define("truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None)") { [self] args in
      let (shape, mean, stddev, dtype, seed) = try normalArguments(args)
      return array(try args.framework {
        try state.truncatedNormal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed)
      })
    }
    ns.define("dropout(inputs, rate, noise_shape=None, seed=None)") { [self] args in
      let inputs = try args.kerasTensor("inputs")
      let rate = try args.kerasDouble("rate")
      let noiseShape = try args.kerasDimensions("noise_shape")
      let seed = try args.kerasSeed("seed", backend: backend)
      return array(try args.framework { try state.dropout(inputs, rate: rate, noiseShape: noiseShape, seed: seed) })
    }
    ns.define("SeedGenerator(seed=None, name=None, **kwargs)") { [self] args in
      if let extra = args.extraKeywords.first {
        throw EvaluationError("Unrecognized keyword arguments: {'\(extra.name)': \(extra.value.value.repr)}", at: extra.value.range)
      }
      let seed = try args.kerasGeneratorSeed("seed", backend: backend)
      let name = try args.string("name")
      let generator = try args.framework { try state.makeSeedGenerator(seed: seed, name: name) }
      return .object(KerasSeedGeneratorObject(generator, session: self))
    }
  }

  func normalArguments(_ args: BoundArguments) throws -> ([Int], Keras3.Number, Keras3.Number, Keras3.DType?, Keras3.Seed) {
    (
      try args.kerasShape("shape"), try args.kerasNumber("mean") ?? 0.0, try args.kerasNumber("stddev") ?? 1.0,
      try args.kerasDType("dtype"), try args.kerasSeed("seed", backend: backend)
    )
  }

  /// `keras.ops.ones` and `keras.ops.zeros`.
  func defineOps(in ns: Namespace) {
    ns.define("ones(shape, dtype=None)") { [self] args in
      let shape = try args.kerasShape("shape")
      let dtype = try args.kerasDType("dtype")
      return array(try args.framework { try state.ones(shape, dtype: dtype) })
    }
    ns.define("zeros(shape, dtype=None)") { [self] args in
      let shape = try args.kerasShape("shape")
      let dtype = try args.kerasDType("dtype")
      return array(try args.framework { try state.zeros(shape, dtype: dtype) })
    }
  }
}
