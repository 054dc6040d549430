import RNGStreams

/// The seed state of one graph: a TF1 `tf.Graph` or the FuncGraph that a
/// `tf.function` traces into.
///
/// A graph has a graph-level seed (`tf.compat.v1.set_random_seed(s)` inside
/// it, or, for a FuncGraph, the eager global seed at trace time) and a rule
/// for seedless ops (``GraphOpSeedRule``). It also numbers the stateful
/// random ops created in it, which names their kernels: each op node of a
/// graph owns its own kernel, so two identical ops in one `tf.function` do
/// not share a counter.
///
/// ```swift
/// var g = TensorFlowGraph(id: "f", seed: 5)
/// let (a, _) = try g.getSeed(opSeed: nil)   // (5, 0)
/// let (b, _) = try g.getSeed(opSeed: nil)   // (5, 1)
/// let (c, _) = try g.getSeed(opSeed: 9)     // (5, 9): explicit seeds do not count
/// ```
///
/// Edge cases:
/// - Setting ``seed`` again does **not** reset the counter, so a second
///   `set_random_seed` in the same graph does not repeat values.
/// - With ``GraphOpSeedRule/lastOperationID`` the caller keeps
///   ``lastOperationID`` up to date (it counts every op of the graph, which
///   only the engine knows).
public struct TensorFlowGraph: Sendable, Hashable {
  /// A name for the graph, used in the names of its kernels' streams.
  public var id: String
  /// The graph-level seed, `nil` when unset.
  public var seed: Int64?
  /// How seedless ops get an op seed.
  public var rule: GraphOpSeedRule
  /// Seedless random ops that took a counter value so far (TF ≥ 2.2 rule).
  public private(set) var seedCounter: Int64 = 0
  /// The id of the most recently created op (TF ≤ 2.1 rule); kept by the caller.
  public var lastOperationID: Int64 = 0
  /// Stateful random op nodes created so far; the next one is node `nodeCount`.
  public private(set) var nodeCount: Int = 0
  /// The seed the graph was created with.
  public let initialSeed: Int64?

  public init(id: String, seed: Int64?, rule: GraphOpSeedRule = .perGraphCounter) {
    self.id = id
    self.seed = seed
    self.rule = rule
    initialSeed = seed
  }

  /// `get_seed(op_seed)` inside this graph, with the derivation that
  /// explains it.
  public mutating func getSeed(opSeed: Int64?) throws -> (OpSeeds, SeedDerivation) {
    let resolution = resolve(opSeed: opSeed)
    return (resolution.seeds, resolution.derivation)
  }

  /// `get_seed` without building the report.
  mutating func resolve(opSeed: Int64?) -> SeedResolution {
    var implicit: (String, Int64)?
    if TensorFlowSeeds.needsImplicitOpSeed(global: seed, opSeed: opSeed) {
      switch rule {
      case .perGraphCounter:
        implicit = ("graph_counter", seedCounter)
        seedCounter += 1
      case .lastOperationID:
        implicit = ("last_operation_id", lastOperationID)
      }
    }
    return SeedResolution(
      seeds: TensorFlowSeeds.getSeed(global: seed, opSeed: opSeed, implicitOpSeed: implicit?.1),
      rule: "tf.get_seed.graph." + rule.rawValue, scope: ("graph", id), globalName: "graph_seed",
      globalSeed: seed, opSeed: opSeed, implicit: implicit)
  }

  /// Takes the next node number for a stateful random op created in this graph.
  mutating func nextNode() -> String {
    defer { nodeCount += 1 }
    return "\(id)/\(nodeCount)"
  }

  /// The graph as it was when tracing began: same id, the initial seed,
  /// counters at zero. Re-running a traced function's body against this
  /// copy reproduces the trace's seeds and node names (a `set_seed` inside
  /// the body runs again and changes the seed at the same point).
  public var restarted: TensorFlowGraph {
    TensorFlowGraph(id: id, seed: initialSeed, rule: rule)
  }
}
