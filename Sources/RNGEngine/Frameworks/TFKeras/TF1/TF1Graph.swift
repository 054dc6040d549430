import RNGRecording
import RNGStreams
import TensorFlowStreams

/// The default graph of a TensorFlow 1.x process (`--profile tf1-keras`):
/// its graph-level seed, the id of the last op created (`_last_id`, in the
/// engine's own count, ``TF1OperationCounts``), and the stateful random op
/// nodes made in it, each with its own kernel.
///
/// In graph mode an op created without `seed=` while a graph seed is set
/// takes `_last_id` as its op seed, so every op added before it — another
/// layer, an `Input`, the optimizer's variables — changes its stream.
///
/// ```swift
/// let graph = TF1Graph(observer: log)
/// graph.seed = 1                                  // tf.set_random_seed(1)
/// graph.add(24)
/// let node = try graph.randomNode(.randomUniform, opSeed: nil)   // op seeds (1, 24)
/// ```
///
/// Edge cases: without a graph seed, a seedless node is nondeterministic
/// (its kernel takes the process's entropy, `--entropy-seed` included) and
/// a seeded one pairs its seed with the default graph seed 87654321;
/// `K.clear_session()` replaces the graph (``reset()``): no seed, ids from 0.
final class TF1Graph {
  /// One stateful random op node: its kernel advances on every run.
  final class Node {
    var kernel: StatefulRandomKernel
    init(_ kernel: StatefulRandomKernel) { self.kernel = kernel }
  }

  private(set) var graph = TensorFlowGraph(id: "default", seed: nil, rule: .lastOperationID)
  /// Random op nodes created so far in this graph: names the next one.
  private var nodes = 0
  /// Graphs made before this one (by `clear_session()`): names this one.
  private var generation = 0
  /// Whether Keras's learning-phase placeholder exists in this graph yet.
  var hasLearningPhase = false
  let observer: (any DrawObserver)?

  init(observer: (any DrawObserver)?) {
    self.observer = observer
  }

  /// `tf.set_random_seed(seed)`: the graph-level seed (ids keep counting).
  var seed: Int64? {
    get { graph.seed }
    set { graph.seed = newValue }
  }

  /// The id of the last op created.
  var lastOperationID: Int64 { graph.lastOperationID }

  /// Creates `count` ops that draw nothing.
  func add(_ count: Int) {
    graph.lastOperationID += Int64(count)
  }

  /// Creates a stateful random op (`get_seed` now, with `_last_id` for a
  /// seedless one) and reports the derivation to the enclosing consumer.
  func randomNode(_ op: RandomOpType, dtype: TensorFlowDType = .float32, opSeed: Int64?) throws -> Node {
    var (seeds, derivation) = try graph.getSeed(opSeed: opSeed)
    let name = (generation > 0 ? "default#\(generation)" : "default") + "/\(nodes)"
    nodes += 1
    let node = Node(TFKerasRun.kernel(op, dtype: dtype, seeds: seeds, node: name))
    if let observer {
      derivation.derived = node.kernel.stream
      observer.observe(derivation)
    }
    return node
  }

  /// `K.clear_session()`: a new, empty default graph without a seed.
  func reset() {
    generation += 1
    nodes = 0
    hasLearningPhase = false
    graph = TensorFlowGraph(id: "default", seed: nil, rule: .lastOperationID)
  }
}
