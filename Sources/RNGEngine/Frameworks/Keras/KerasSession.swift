import RNGRecording
import KerasStreams
import PythonStreams
import PythonSubset
import RNGStreams
import RNGTrace
import TensorFlowStreams

/// The state one `rngdiff sample keras` run shares between its calls and
/// its objects: Keras 3's ``KerasStreams/Keras3/GlobalState`` (Python's
/// `random`, every `SeedGenerator`), held by reference so that a layer, an
/// initializer and the user's calls all draw from the same process.
final class KerasSession {
  var state: Keras3.GlobalState
  /// Where a script run records consumers and initial weights; nil for `rngdiff sample`.
  var recorder: TraceRecorder?
  /// `np.random.seed(s)` of the process, which `set_random_seed` also runs in a script.
  var seedNumPy: ((Value, SourceRange) throws -> Void)?
  /// `tf.random.set_seed(seed)`, for TensorFlow's own random ops (set by the script run).
  var seedTensorFlow: ((Value, SourceRange) throws -> Void)?
  /// TensorFlow's global seed (`tf.random.set_seed`, or
  /// `keras.utils.set_random_seed`), already truncated to `0 ..< 2**31 − 1`;
  /// nil while unset. Keras 3's `fit` on TensorFlow seeds its shuffle with it.
  var tensorFlowGlobalSeed: Int64?
  /// `np.random.permutation(n)` from NumPy's global `RandomState`, which
  /// Keras 3's `fit` on JAX shuffles with.
  var numpyPermutation: ((Int) throws -> [Int64])?
  /// The weight paths already recorded as initial tensors.
  var recordedWeights: Set<String> = []
  /// The name scope layers are built in now (`my_model/`), empty at the top.
  var scope = ""
  /// `keras.layers.Layer` and `keras.Model` once a script run defines them.
  var layerClass: ClassObject?
  var modelClass: ClassObject?
  /// The tf-keras rules for the models `tf_keras` made (nil until `import tf_keras`).
  var tfKeras: TFKerasRun?
  /// Where the script's printed output goes (Keras' progress output of `fit`, `evaluate`, `predict`).
  var output: (String) -> Void = { _ in }

  init(_ state: Keras3.GlobalState) {
    self.state = state
  }

  /// Runs `body` with its draws attributed to `paths` in turn (when recording).
  func consuming<T>(each paths: [String], role: String, _ body: () throws -> T) throws -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(each: paths, role: role, body)
  }

  /// Runs `body` with its draws attributed to `path`/`role` (when recording).
  func consuming<T>(_ path: String, role: String, _ body: () throws -> T) throws -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(path, role: role, body)
  }

  /// `keras.backend.clear_session()`: Keras's names start over (so the next
  /// model's weights, though named as earlier ones, are recorded as new
  /// initial tensors) and the global `SeedGenerator` is dropped; living
  /// layers, Python's `random`, NumPy and TensorFlow's seed are untouched.
  func clearSession() {
    state.clearSession()
    recordedWeights = []
  }

  /// One `tensor` event per weight of a model just built, in `model.weights`
  /// order; a weight already recorded (a layer shared by two models, a
  /// Sequential rebuilt by `add`) is not recorded again.
  func recordInitialWeights(of model: KerasModelObject) throws {
    try recordInitialWeights(model.weights)
  }

  /// One `tensor` event per weight not recorded yet, in the order given.
  func recordInitialWeights(_ weights: [(path: String, tensor: Keras3.Tensor)]) throws {
    guard let recorder else { return }
    for (path, tensor) in weights where !recordedWeights.contains(path) {
      recordedWeights.insert(path)
      let engine = tensor.engineTensor
      guard let values = engine.drawnValues else { continue }
      try recorder.tensor(path, moment: .initial, shape: engine.arrayShape, values: values)
    }
  }

  var backend: Keras3.Backend { state.backend }

  /// The array kind of this backend's tensors.
  var arrayKind: ArrayKind { backend == .tensorflow ? .tensorflow : .jax }

  /// A Keras tensor as a Python value, with `numpy()` (as a Keras variable has on either backend).
  func array(_ tensor: Keras3.Tensor) -> Value {
    .object(ArrayObject(tensor.engineTensor, kind: arrayKind, methods: TensorFlowTensor.methods))
  }

  /// `keras.utils.set_random_seed(seed)` for a Python value.
  ///
  /// - Throws: ``EvaluationError`` at `range` for a value that is not an
  ///   int, or one `np.random.seed` rejects (after Python's `random` and the
  ///   global `SeedGenerator` have been reset, as in Keras).
  func setRandomSeed(_ seed: Value, at range: SourceRange) throws {
    let pythonSeed: PythonSeed
    switch seed {
    case .int(let i):
      pythonSeed = i.int64.map { PythonSeed.int($0) } ?? .bigInt(magnitude: i.words32, negative: i.isNegative)
    case .bool(let b): pythonSeed = .bool(b)
    default:
      throw EvaluationError(
        Keras3.GlobalState.notAnIntegerSeed(repr: seed.repr, typeName: KerasBinding.pythonTypeName(seed)).message, at: range)
    }
    do {
      try state.setRandomSeed(pythonSeed)
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range)
    }
    try seedNumPy?(seed, range)
    try seedTensorFlow?(seed, range)
    if case .int(let i) = seed {
      tensorFlowGlobalSeed = TensorFlowSeeds.truncate(magnitude: i.words32, negative: i.isNegative)
    } else if case .bool(let b) = seed {
      tensorFlowGlobalSeed = b ? 1 : 0
    }
  }
}
