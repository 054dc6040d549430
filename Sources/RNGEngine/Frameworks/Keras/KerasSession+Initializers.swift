import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.initializers`: the Glorot, He and LeCun presets,
  /// `VarianceScaling`, `RandomUniform`, `RandomNormal`, `TruncatedNormal`,
  /// `Zeros`, `Ones`, `Constant`. A random one draws its default seed from
  /// Python's `random` when it is constructed.
  func defineInitializers(in ns: Namespace) {
    for preset in Keras3.Initializer.Preset.allCases {
      ns.define("\(preset.rawValue)(seed=None, input_axes=None, output_axes=None)") { [self] args in
        let seed = try args.kerasInitializerSeed("seed", backend: backend)
        let inputAxes = try args.kerasAxes("input_axes")
        let outputAxes = try args.kerasAxes("output_axes")
        return object(Keras3.Initializer.preset(preset, seed: seed, inputAxes: inputAxes, outputAxes: outputAxes, state: &state))
      }
    }
    ns.define(
      "VarianceScaling(scale=1.0, mode='fan_in', distribution='truncated_normal', seed=None, input_axes=None, output_axes=None)"
    ) { [self] args in
      let scale = try args.isGiven("scale") ? args.kerasDouble("scale") : 1.0
      let mode = try args.string("mode") ?? "fan_in"
      let distribution = try args.string("distribution") ?? "truncated_normal"
      let seed = try args.kerasInitializerSeed("seed", backend: backend)
      let inputAxes = try args.kerasAxes("input_axes")
      let outputAxes = try args.kerasAxes("output_axes")
      return object(try args.framework {
        try Keras3.Initializer.varianceScaling(
          scale: scale, mode: mode, distribution: distribution, seed: seed, inputAxes: inputAxes, outputAxes: outputAxes,
          state: &state)
      })
    }
    ns.define("RandomUniform(minval=-0.05, maxval=0.05, seed=None)") { [self] args in
      let minval = try args.kerasNumber("minval") ?? -0.05
      let maxval = try args.kerasNumber("maxval") ?? 0.05
      let seed = try args.kerasInitializerSeed("seed", backend: backend)
      return object(Keras3.Initializer.randomUniform(minval: minval, maxval: maxval, seed: seed, state: &state))
    }
    ns.define("RandomNormal(mean=0.0, stddev=0.05, seed=None)") { [self] args in
      let mean = try args.kerasNumber("mean") ?? 0.0
      let stddev = try args.kerasNumber("stddev") ?? 0.05
      let seed = try args.kerasInitializerSeed("seed", backend: backend)
      return object(Keras3.Initializer.randomNormal(mean: mean, stddev: stddev, seed: seed, state: &state))
    }
    ns.define("TruncatedNormal(mean=0.0, stddev=0.05, seed=None)") { [self] args in
      let mean = try args.kerasNumber("mean") ?? 0.0
      let stddev = try args.kerasNumber("stddev") ?? 0.05
      let seed = try args.kerasInitializerSeed("seed", backend: backend)
      return object(Keras3.Initializer.truncatedNormal(mean: mean, stddev: stddev, seed: seed, state: &state))
    }
    ns.define("Zeros()") { [self] _ in object(Keras3.Initializer.constant(0, className: "Zeros", state: &state)) }
    ns.define("Ones()") { [self] _ in object(Keras3.Initializer.constant(1, className: "Ones", state: &state)) }
    ns.define("Constant(value=0.0)") { [self] args in
      let value = try args.isGiven("value") ? args.kerasDouble("value") : 0.0
      return object(Keras3.Initializer.constant(value, state: &state))
    }
  }

  func object(_ initializer: Keras3.Initializer) -> Value {
    .object(KerasInitializerObject(initializer, session: self))
  }
}
