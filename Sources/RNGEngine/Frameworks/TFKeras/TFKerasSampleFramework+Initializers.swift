import KerasStreams
import PythonSubset
import TensorFlowStreams

extension TFKerasSampleFramework {
  /// The `tf_keras.initializers` classes, with their constructors' signatures.
  static func defineInitializers(in ns: Namespace, _ process: TFKerasProcess) {
    func define(_ signature: String, _ make: @escaping (BoundArguments) throws -> TFKerasInitializerObject.Kind) {
      let name = String(signature.prefix { $0 != "(" })
      ns.define(signature) { args in
        .object(TFKerasInitializerObject(className: name, kind: try make(args), process: process))
      }
    }
    let presets: [(String, (Int64?) -> TFKeras.VarianceScaling)] = [
      ("GlorotUniform", TFKeras.VarianceScaling.glorotUniform), ("GlorotNormal", TFKeras.VarianceScaling.glorotNormal),
      ("HeUniform", TFKeras.VarianceScaling.heUniform), ("HeNormal", TFKeras.VarianceScaling.heNormal),
      ("LecunUniform", TFKeras.VarianceScaling.lecunUniform), ("LecunNormal", TFKeras.VarianceScaling.lecunNormal),
    ]
    for (name, make) in presets {
      define("\(name)(seed=None)") { args in .random(make(try initializerSeed(args))) }
    }
    define("VarianceScaling(scale=1.0, mode='fan_in', distribution='truncated_normal', seed=None)") { args in
      let scale = try args.double("scale") ?? 1.0
      let modeName = try args.string("mode") ?? "fan_in"
      let distributionName = try args.string("distribution") ?? "truncated_normal"
      let seed = try initializerSeed(args)
      // tf-keras checks the scale first, then the mode, then the distribution.
      _ = try args.framework { try TFKeras.VarianceScaling(scale: scale) }
      guard let mode = TFKeras.VarianceScaling.Mode(rawValue: modeName) else {
        throw args.error("mode", "Invalid `mode` argument: \(modeName); accepted: 'fan_in', 'fan_out', 'fan_avg'")
      }
      guard let distribution = TFKeras.VarianceScaling.Distribution(name: distributionName) else {
        throw args.error(
          "distribution",
          "Invalid `distribution` argument: \(distributionName.lowercased()); accepted: 'uniform', 'truncated_normal', 'untruncated_normal' ('normal' means 'truncated_normal')")
      }
      return .random(try TFKeras.VarianceScaling(scale: scale, mode: mode, distribution: distribution, seed: seed))
    }
    define("RandomUniform(minval=-0.05, maxval=0.05, seed=None)") { args in
      .random(
        TFKeras.RandomUniform(
          minval: try args.tfNumber("minval") ?? -0.05, maxval: try args.tfNumber("maxval") ?? 0.05, seed: try initializerSeed(args)))
    }
    define("RandomNormal(mean=0.0, stddev=0.05, seed=None)") { args in
      .random(
        TFKeras.RandomNormal(
          mean: try args.tfNumber("mean") ?? 0.0, stddev: try args.tfNumber("stddev") ?? 0.05, seed: try initializerSeed(args)))
    }
    define("TruncatedNormal(mean=0.0, stddev=0.05, seed=None)") { args in
      .random(
        TFKeras.TruncatedNormal(
          mean: try args.tfNumber("mean") ?? 0.0, stddev: try args.tfNumber("stddev") ?? 0.05, seed: try initializerSeed(args)))
    }
    define("Zeros()") { _ in .constant(0) }
    define("Ones()") { _ in .constant(1) }
    ns.define("Orthogonal(gain=1.0, seed=None)") { args in
      throw EvaluationError(
        "Orthogonal is not emulated: its values come from TensorFlow's QR decomposition, which rngdiff does not reproduce; accepted initializers: GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal, VarianceScaling, RandomUniform, RandomNormal, TruncatedNormal, Zeros, Ones",
        at: args.callRange)
    }
  }

  /// An initializer's `seed`: an int that fits in int64 (it becomes the
  /// stateless seed `[seed, 0]`), or None.
  static func initializerSeed(_ args: BoundArguments) throws -> Int64? {
    guard let seed = try args.int("seed") else { return nil }
    guard let n = seed.int64 else {
      throw args.error("seed", "Can't convert Python sequence with out-of-range integer to Tensor: seed \(seed) does not fit in int64.")
    }
    return n
  }
}
