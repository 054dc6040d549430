import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TFKerasRun {
  /// The `tensorflow` module of a TensorFlow 1.x process (`--profile
  /// tf1-keras`): `tf.set_random_seed` (also `tf.random.set_random_seed`)
  /// sets the default graph's seed, and `tf.keras` is ``module(session:keras:)``
  /// with ``defineTF1Differences(in:layers:utils:)``.
  ///
  /// ```python
  /// import tensorflow as tf
  /// from tensorflow import keras
  /// tf.set_random_seed(1)
  /// ```
  func tf1TensorFlowModule(keras: Value, recorder: (any DrawObserver)?) -> Namespace {
    let tf = Namespace(name: "tensorflow", members: ["keras": keras, "__version__": .string("1.15.5")])
    let random = Namespace(name: "tensorflow.random")
    let setSeed: (BoundArguments) throws -> Value = { [self] args in
      let value = args.value("seed") ?? .none
      let seed: Int64?
      switch value {
      case .none: seed = nil
      case .bool(let b): seed = b ? 1 : 0
      case .int(let i):
        guard let small = i.int64 else {
          throw args.error("seed", "rngdiff run's tf.set_random_seed() takes a seed that fits in 64 bits, got \(i)")
        }
        seed = small
      default: throw args.error("seed", "tf.set_random_seed() argument 'seed' must be an int or None, got \(value.typeName) \(value.repr)")
      }
      recorder?.observe(SeedDerivation(
        rule: "tf.set_random_seed", inputs: [.init("seed", value.repr)],
        result: "graph-level seed of the default graph (TensorFlow 1.x)", derived: nil))
      graph?.seed = seed
      return .none
    }
    tf.define("set_random_seed(seed)", setSeed)
    random.define("set_random_seed(seed)", setSeed)
    tf.define("random", .object(random))
    return tf
  }

  /// What tf.keras of TensorFlow 1.x (2.2.4-tf) has where tf-keras 2.21
  /// has something else: no `utils.set_random_seed`, initializer objects
  /// with `seed=` in `keras.initializers`, and (in the engine) Sequential
  /// models trained with `optimizer='sgd'` only.
  func defineTF1Differences(in keras: Namespace, layers: Namespace, utils: Namespace) {
    keras.define("__version__", .string("2.2.4-tf"))
    keras.define("initializers", .object(TF1InitializerObject.namespace()))
    let sequentialOnly = "under --profile tf1-keras rngdiff run builds Sequential models only; accepted: keras.Sequential() with add() or a list of layers"
    for (namespace, name) in [(keras, "Model"), (keras, "Input"), (layers, "Input")] {
      namespace.define("\(name)(*args, **kwargs)") { args in throw EvaluationError(sequentialOnly, at: args.callRange) }
    }
    utils.define("set_random_seed(*args, **kwargs)") { args in
      throw EvaluationError(
        "tf.keras of TensorFlow 1.x has no utils.set_random_seed; seed with tf.set_random_seed(s), np.random.seed(s) and random.seed(s)",
        at: args.callRange, type: "AttributeError")
    }
    let optimizers = Namespace(name: "tensorflow.keras.optimizers")
    for name in ["SGD", "RMSprop", "Adam", "Adagrad", "Adadelta", "Adamax", "Nadam"] {
      optimizers.define("\(name)(*args, **kwargs)") { args in
        throw EvaluationError(
          "under --profile tf1-keras rngdiff run trains with compile(optimizer='sgd') only; keras.optimizers.\(name) is not emulated",
          at: args.callRange)
      }
    }
    keras.define("optimizers", .object(optimizers))
  }
}
