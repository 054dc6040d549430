import KerasStreams
import PythonSubset
import RNGStreams
import TensorFlowStreams

/// The tf-keras (Keras 2) side of a `rngdiff run` process: which models and
/// layers were made by `tf_keras`, their initializers, and the TensorFlow
/// kernels that tf-keras's `fit` draws from.
///
/// tf-keras models reuse the engine's Keras model objects (names, build,
/// forward and backward passes, optimizers); what differs is recorded here
/// and applied through ``KerasSession/tfKeras``:
/// - initial weights come from tf-keras's initializers (their seed drawn at
///   build from tf-keras's private `random.Random` after `set_random_seed`,
///   else from Python's global `random`);
/// - each `fit` shuffles with one `RandomShuffle(G, 0)` kernel that
///   continues across its epochs;
/// - Dropout masks come from one `RandomUniform(G_trace, c)` kernel per
///   Dropout per traced train function, continuing across steps, epochs
///   and fits, restarted by `clear_session()` and `tf.random.set_seed`,
///   retraced by `compile()` and by a call whose input batch dimension no
///   trace fits (``TFKerasTrainFunction``).
///
/// ```python
/// import tf_keras
/// tf_keras.utils.set_random_seed(1)
/// m = tf_keras.Sequential([tf_keras.Input((3,)), tf_keras.layers.Dense(6), tf_keras.layers.Dropout(0.5)])
/// ```
///
/// Edge case: a script that imports both `keras` and `tf_keras` gets Keras
/// 3 rules for the models `keras` made and tf-keras rules for the others.
final class TFKerasRun {
  /// tf-keras's private seed generator (`set_random_seed`) and its observer.
  var backend: TFKeras.Backend
  /// The eager context `set_random_seed` seeds (tf-keras's call does; nothing here reads it).
  var eager = TensorFlowEagerContext()
  /// The Dense layers `tf_keras` made, with their kernel and bias initializers.
  var denseInitializers: [ObjectIdentifier: (kernel: Initial, bias: Initial)] = [:]
  /// The Dropout layers `tf_keras` made: the layer's own `seed=`, if any.
  var dropoutSeeds: [ObjectIdentifier: Int64?] = [:]
  /// The models `tf_keras` made.
  var models: Set<ObjectIdentifier> = []
  /// Each model's train function and its traces, until `compile()` drops it.
  var trainFunctions: [ObjectIdentifier: TFKerasTrainFunction] = [:]
  /// Bumped by `clear_session()` and `tf.random.set_seed`: kernels made
  /// before are gone, and restart from their first output when run again.
  var kernelGeneration = 0
  /// `--profile tf1-keras`: the TensorFlow 1.x default graph the models are
  /// built into (``TF1Graph``); nil for tf-keras 2.21.
  var graph: TF1Graph?
  /// Each Dropout's random op node in the graph, made at its symbolic call (TF 1.x).
  var dropoutNodes: [ObjectIdentifier: TF1Graph.Node] = [:]
  /// The layers and models already called symbolically in the graph (TF 1.x).
  var placedInGraph: Set<ObjectIdentifier> = []

  /// An initializer of a tf-keras Dense: a random one (its seed fixed at its
  /// first call), a TensorFlow 1.x graph one (its op seed as given, else
  /// `_last_id`), or a constant.
  enum Initial {
    case random(any TFKeras.Initializer)
    case graph(TFKeras.VarianceScaling, seed: Int64?)
    case constant(Float)
  }

  init(observer: (any DrawObserver)?) {
    backend = TFKeras.Backend(observer: observer)
  }

  func owns(_ model: KerasModelObject) -> Bool { models.contains(ObjectIdentifier(model)) }

  /// `clear_session()` or `tf.random.set_seed`: every kernel restarts.
  func restartKernels() { kernelGeneration += 1 }

  /// `fit` or `train_on_batch` starts on batches of `batch` rows (nil: any):
  /// its steps run the trace that fits them (``TFKerasTrainFunction``).
  func willTrain(_ model: KerasModelObject, batch: Int?) {
    let id = ObjectIdentifier(model)
    let function = trainFunctions[id] ?? TFKerasTrainFunction()
    function.callBatch = batch
    trainFunctions[id] = function
  }

  /// `compile()`: the next training step traces the train function again.
  func dropTrainFunction(of model: KerasModelObject) {
    trainFunctions[ObjectIdentifier(model)] = nil
  }
}

extension TFKerasRun {
  /// A kernel for `seeds`, from entropy when the seeds are nondeterministic
  /// (as TensorFlow's `GuardedPhiloxRandom` seeds itself).
  /// A graph node's kernel (`node`, TensorFlow 1.x) is its own stream, named after the node.
  static func kernel(
    _ op: RandomOpType, dtype: TensorFlowDType, seeds: OpSeeds, instance: Int = 0, node: String? = nil
  ) -> StatefulRandomKernel {
    let key = KernelKey(op: op, dtype: dtype, seeds: seeds, node: node)
    if seeds.isNondeterministic {
      let w = Entropy.words(4)
      return StatefulRandomKernel(
        key: key, instance: instance, entropySeed: UInt64(w[0]) | UInt64(w[1]) << 32, seed2: UInt64(w[2]) | UInt64(w[3]) << 32)
    }
    return StatefulRandomKernel(key: key, instance: instance)
  }
}
