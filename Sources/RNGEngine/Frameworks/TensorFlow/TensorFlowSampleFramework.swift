import PythonSubset
import RNGStreams
import TensorFlowStreams

/// `rngdiff sample tensorflow`: TensorFlow 2's eager random ops, bit for
/// bit, seeded as `tf.random.set_seed(S)` does.
///
/// ```sh
/// rngdiff sample tensorflow --seed 1234 'uniform([3]); uniform([3], seed=5); normal([4])'
/// rngdiff sample tensorflow 'stateless_uniform([6], seed=[1, 2])'
/// rngdiff sample tensorflow --seed 5 'f = function(lambda: [uniform([2]), uniform([2])]); f(); f()'
/// ```
///
/// ```swift
/// let tf = try TensorFlowSampleFramework(configuration: .init(seed: seed))
/// let outputs = try SampleSession.evaluate(calls: "uniform([3])", in: tf, callDescription: "tensorflow call")
/// ```
///
/// The namespace holds the `tf.random` functions rngdiff emulates
/// (`uniform`, `normal`, `truncated_normal`, `shuffle`, `categorical`,
/// `set_seed`, `stateless_uniform`, `stateless_normal`,
/// `stateless_truncated_normal`, `split`, `fold_in`, `Generator`,
/// `get_global_generator`, `set_global_generator`, `create_rng_state`,
/// `Algorithm`, and in `experimental`
/// `stateless_split`, `stateless_fold_in`, `stateless_shuffle`), `get_seed`
/// (`tf.compat.v1.random.get_seed`),
/// `nn.dropout`, `nn.experimental.stateless_dropout`, `ones`, `zeros`,
/// `constant`, `function` (`tf.function`) and the dtypes `float32`,
/// `float64`, `int32`, `int64` (`uint32`, `uint64` for
/// `Generator.uniform_full_int`), each with TensorFlow's own signature.
///
/// Edge cases:
/// - Without `--seed` the process is unseeded: ops with `seed=` use the
///   graph seed 87654321, ops without are seeded from entropy and differ
///   from run to run (as they do in TensorFlow).
/// - `--seed` takes any int (wide ones too), a bool, or `None`.
/// - `--config enable_op_determinism=true` emulates
///   `tf.config.experimental.enable_op_determinism()`: an op that would be
///   seeded from entropy is an error instead.
public final class TensorFlowSampleFramework: SampleFramework {
  public let namespace: [String: Value]
  let process: TensorFlowProcess

  /// A session seeded as `tf.random.set_seed(configuration.seed)` does
  /// (no call at all when the seed is absent).
  ///
  /// - Throws: ``SourceError`` in `--config` for an unknown option;
  ///   ``EvaluationError`` at the seed for a seed that is not an int or None.
  public init(configuration: SampleConfiguration) throws {
    let options = try TensorFlowConfigOptions(configuration.options, framework: "tensorflow", accepted: ["enable_op_determinism"])
    let process = TensorFlowProcess(observer: configuration.observer)
    process.eager.isOpDeterminismEnabled = options.flag("enable_op_determinism") ?? false
    if let seed = configuration.seed {
      try process.setSeed(seed.value, at: seed.range, function: "set_seed")
    }
    self.process = process
    let ns = Self.randomModule(process)
    for (name, value) in Self.topLevel(process).members { ns.define(name, value) }
    namespace = ns.members
  }

  /// The `tf.random` functions on `process` (and `get_seed`, `tf.compat.v1.random.get_seed`).
  static func randomModule(_ process: TensorFlowProcess) -> Namespace {
    let ns = Namespace(name: "tensorflow.random")
    defineStatefulOps(in: ns, process)
    defineSeedFunctions(in: ns, process)
    defineStatelessOps(in: ns, process)
    defineStatelessSeedOps(in: ns, process)
    defineGenerator(in: ns, process)
    defineBinomial(in: ns, process)
    defineGamma(in: ns, process)
    definePoisson(in: ns, process)
    defineStatelessCategorical(in: ns, process)
    defineCandidateSamplers(in: ns, process)
    return ns
  }

  /// The names of the `tf` module itself: `nn`, `ones`, `zeros`, `constant`, the dtypes and `function`.
  static func topLevel(_ process: TensorFlowProcess) -> Namespace {
    let ns = Namespace(name: "tensorflow")
    ns.define("nn", .object(nn(process)))
    for (name, value) in tensorConstructors().members { ns.define(name, value) }
    ns.define("function(func=None, input_signature=None, autograph=True, jit_compile=None, reduce_retracing=False, experimental_implements=None, experimental_autograph_options=None, experimental_attributes=None, experimental_relax_shapes=None, experimental_compile=None, experimental_follow_type_hints=None)") { args in
      guard let value = args.value("func"), case .object(let function) = value else {
        throw args.error("func", "function() needs the Python function to trace, such as function(lambda: [uniform([2]), normal([2])]); the decorator form is not supported here")
      }
      for name in ["jit_compile", "experimental_compile"] where (args.value(name)?.isTruthy ?? false) {
        throw args.error(name, "function() with \(name)=True compiles with XLA, whose random ops rngdiff does not emulate; leave it None")
      }
      return .object(TensorFlowFunction(function, process: process))
    }
    return ns
  }

  /// The `tf.random` functions with per-op kernels: `uniform`, `normal`,
  /// `truncated_normal`, `shuffle`, `categorical`.
  static func defineStatefulOps(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None)") { args in
      let shape = try args.tfShape("shape")
      let minval = try args.tfNumber("minval") ?? 0
      let maxval = try args.tfNumber("maxval")
      let dtype = try args.tfDType("dtype", default: .float32)
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework {
        try process.eager.uniform(shape, minval: minval, maxval: maxval, dtype: dtype, seed: seed)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
    for name in ["normal", "truncated_normal"] {
      ns.define("\(name)(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None, name=None)") { args in
        let shape = try args.tfShape("shape")
        let mean = try args.tfNumber("mean") ?? 0.0
        let stddev = try args.tfNumber("stddev") ?? 1.0
        let dtype = try args.tfDType("dtype", default: .float32)
        let seed = try args.tfOpSeed("seed")
        let values = try args.framework {
          name == "normal"
            ? try process.eager.normal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed)
            : try process.eager.truncatedNormal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: seed)
        }
        return TensorFlowTensor(values, shape: shape).value
      }
    }
    ns.define("shuffle(value, seed=None, name=None)") { args in
      let value = try args.tfTensor("value")
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework { try process.eager.shuffle(value.values, shape: value.shape, seed: seed) }
      return TensorFlowTensor(values, shape: value.shape).value
    }
    ns.define("categorical(logits, num_samples, dtype=None, seed=None, name=None)") { args in
      let logits = try args.tfTensor("logits")
      guard let samples = try args.intValue("num_samples") else {
        throw args.error("num_samples", "categorical() argument 'num_samples' must be an int, got None")
      }
      let dtype = try args.tfDType("dtype", default: .int64)
      let seed = try args.tfOpSeed("seed")
      let values = try args.framework {
        try process.eager.categorical(logits.values, shape: logits.shape, numSamples: samples, dtype: dtype, seed: seed)
      }
      return TensorFlowTensor(values, shape: [logits.shape.first ?? 0, samples]).value
    }
  }

  /// `set_seed` and `get_seed` (`tf.compat.v1.random.get_seed`).
  static func defineSeedFunctions(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("set_seed(seed)") { args in
      try process.setSeed(args.value("seed") ?? .none, at: args.range("seed"), function: "set_seed")
      return .none
    }
    ns.define("get_seed(op_seed)") { args in
      let opSeed = try args.tfOpSeed("op_seed")
      let seeds = try args.framework { try process.eager.getSeed(opSeed) }
      if seeds.isNondeterministic { return .tuple([.none, .none]) }
      return .tuple([.int(PythonInt(seeds.seed)), .int(PythonInt(seeds.seed2))])
    }
  }

  /// `ones`, `zeros`, `constant` and the dtype names, shared with the
  /// tf-keras namespace.
  static func tensorConstructors() -> Namespace {
    let ns = Namespace(name: "tf")
    for name in ["ones", "zeros"] {
      ns.define("\(name)(shape, dtype=tf.float32, name=None, layout=None)") { args in
        let shape = try args.tfShape("shape", allowInt: true)
        let dtype = try args.tfDType("dtype", default: .float32)
        if args.isGiven("layout") { throw args.error("layout", "\(name)() argument 'layout' is for DTensor, which rngdiff does not emulate; leave it None") }
        let count = try args.tfElementCount(shape, "shape")
        let tensor = try TensorFlowTensorConversion.convert(.int(PythonInt(name == "ones" ? 1 : 0)), dtype: dtype)
        return TensorFlowTensor(tensor.values.repeated(count), shape: shape).value
      }
    }
    ns.define("constant(value, dtype=None, shape=None, name='Const')") { args in
      let dtype: TensorFlowDType? = args.isGiven("dtype") ? try args.tfDType("dtype", default: .float32) : nil
      var tensor = try args.tfTensor("value", dtype: dtype)
      if args.isGiven("shape") {
        let shape = try args.tfShape("shape", allowInt: true)
        let count = try args.tfElementCount(shape, "shape")
        if tensor.values.count == 1 && count != 1 {
          tensor = TensorFlowTensor(tensor.values.repeated(count), shape: shape)
        } else if tensor.values.count == count {
          tensor.shape = shape
        } else {
          throw args.error("shape", "Expected values of shape \(shape) (\(count) elements), got \(tensor.values.count) elements.")
        }
      }
      return tensor.value
    }
    for dtype in TensorFlowDType.allCases { ns.define(dtype.rawValue, .dtype(dtype.engineDType)) }
    return ns
  }
}
