import KerasStreams
import PythonSubset
import RNGStreams
import TensorFlowStreams

/// `rngdiff sample tf-keras`: tf-keras (Keras 2) initializers and the
/// Dropout layer, bit for bit, seeded as `tf_keras.utils.set_random_seed(S)`
/// does.
///
/// ```sh
/// rngdiff sample tf-keras --seed 42 'GlorotUniform()((3, 4)); Dropout(0.5)(ones((10,)), training=True)'
/// rngdiff sample tf-keras 'random.seed(7); GlorotUniform()((3, 4))'
/// rngdiff sample tf-keras 'GlorotUniform(seed=9)((3, 4))'
/// ```
///
/// The namespace holds the `tf_keras.initializers` classes rngdiff
/// emulates (`GlorotUniform`, `GlorotNormal`, `HeUniform`, `HeNormal`,
/// `LecunUniform`, `LecunNormal`, `VarianceScaling`, `RandomUniform`,
/// `RandomNormal`, `TruncatedNormal`, `Zeros`, `Ones`), `Dropout`
/// (`tf_keras.layers.Dropout`), `ones` (`tf.ones`) and Python's `random`
/// module (`random.seed`, `random.random`, …), each with its own signature.
///
/// Edge cases:
/// - Without `--seed`, Python's `random` is seeded from entropy, so an
///   unseeded initializer differs from run to run unless the calls start
///   with `random.seed(...)`.
/// - `--seed` must be an int in `0 ... 2**32 - 1` (NumPy's rule; the
///   message is NumPy's). `set_random_seed` seeds NumPy too, but nothing
///   in this namespace draws from NumPy.
/// - `Orthogonal` is refused: its values come from TensorFlow's QR
///   decomposition, which rngdiff does not reproduce.
public final class TFKerasSampleFramework: SampleFramework {
  public let namespace: [String: Value]
  let process: TFKerasProcess

  /// A session seeded as `tf_keras.utils.set_random_seed(configuration.seed)`
  /// does (no call at all when the seed is absent).
  ///
  /// - Throws: ``SourceError`` in `--config` for any option (tf-keras has
  ///   none); ``EvaluationError`` at the seed for a seed tf-keras or NumPy rejects.
  public init(configuration: SampleConfiguration) throws {
    _ = try TensorFlowConfigOptions(configuration.options, framework: "tf-keras", accepted: [])
    let process = TFKerasProcess(observer: configuration.observer)
    if let seed = configuration.seed { try process.setRandomSeed(seed.value, at: seed.range) }
    self.process = process
    let ns = Namespace(name: "tf_keras")
    Self.defineInitializers(in: ns, process)
    ns.define("Dropout(rate, noise_shape=None, seed=None, **kwargs)") { args in
      .object(TFKerasDropoutLayer(try Self.dropout(args), process: process))
    }
    if let ones = TensorFlowSampleFramework.tensorConstructors().members["ones"] { ns.define("ones", ones) }
    ns.define("random", .object(TFKerasPythonRandom.module(process)))
    namespace = ns.members
  }

  /// The layer `Dropout(rate, noise_shape=None, seed=None, **kwargs)`
  /// describes; of the layer keywords, `dtype`, `name` and `trainable`
  /// are accepted.
  static func dropout(_ args: BoundArguments) throws -> TFKeras.Dropout {
    var dtype = TensorFlowDType.float32
    for (name, value) in args.extraKeywords {
      switch name {
      case "name", "trainable": break
      case "dtype":
        let text: String?
        switch value.value {
        case .string(let s): text = s
        case .dtype(let d): text = d.rawValue
        default: text = nil
        }
        guard let d = text.flatMap(TensorFlowDType.init(name:)) else {
          throw EvaluationError("Dropout() argument 'dtype' must be one of \(TensorFlowDType.emulatedNames), got \(value.value.repr)", at: value.range)
        }
        dtype = d
      default:
        throw EvaluationError(
          "Dropout() got an unexpected keyword argument '\(name)'; accepted: Dropout(rate, noise_shape=None, seed=None) with dtype, name or trainable",
          at: value.range)
      }
    }
    let rate = try args.tfRate("rate")
    var noiseShape: [Int?]?
    if let v = args.value("noise_shape"), !v.isNone {
      var items: [Value]?
      if case .tuple(let t) = v { items = t }
      if case .object(let o) = v, let list = o as? ListObject { items = list.elements }
      guard let items else {
        throw args.error("noise_shape", "Dropout() argument 'noise_shape' must be a tuple of ints or None such as (None, 1), got \(v.typeName) \(v.repr)")
      }
      noiseShape = try items.map { item -> Int? in
        if item.isNone { return nil }
        guard let n = BoundArguments.asInt(item)?.int else {
          throw args.error("noise_shape", "Dropout() argument 'noise_shape' must be a tuple of ints or None such as (None, 1), got \(v.repr)")
        }
        return n
      }
    }
    // Op seeds only matter modulo 2**31 - 1, so seed + k stays exact without overflow.
    let seed = try args.tfOpSeed("seed").map(TensorFlowSeeds.truncate)
    return try args.framework { try TFKeras.Dropout(rate, noiseShape: noiseShape, seed: seed, dtype: dtype) }
  }
}
