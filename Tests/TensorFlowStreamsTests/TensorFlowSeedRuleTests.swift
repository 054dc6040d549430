import RNGStreams
import Testing
import TensorFlowStreams

/// Seed rules that no TensorFlow 2.21 golden can show: the TF ≤ 2.1 graph
/// rule (read from the 1.15 / 2.1 sources) and the bookkeeping of graphs.
@Suite struct TensorFlowSeedRuleTests {
  @Test func graphRuleFollowsTheVersionBoundary() {
    #expect(GraphOpSeedRule(tensorflowVersion: (1, 15)) == .lastOperationID)
    #expect(GraphOpSeedRule(tensorflowVersion: (2, 1)) == .lastOperationID)
    #expect(GraphOpSeedRule(tensorflowVersion: (2, 2)) == .perGraphCounter)
    #expect(GraphOpSeedRule(tensorflowVersion: (2, 21)) == .perGraphCounter)
  }

  /// TF ≤ 2.1: `tf.random.uniform([2])` in a fresh graph after
  /// `set_random_seed(1)` creates the shape, min and max constants first,
  /// so `_last_id` is 3 at `get_seed`; an earlier `tf.constant` makes it 4.
  @Test func lastOperationIDRuleUsesTheGraphsOpCount() throws {
    var graph = TensorFlowGraph(id: "g", seed: 1, rule: .lastOperationID)
    graph.lastOperationID = 3
    #expect(try graph.getSeed(opSeed: nil).0 == OpSeeds(seed: 1, seed2: 3))
    graph.lastOperationID = 4
    let (seeds, derivation) = try graph.getSeed(opSeed: nil)
    #expect(seeds == OpSeeds(seed: 1, seed2: 4))
    #expect(derivation.inputs.contains(DrawReport.Parameter("last_operation_id", "4")))
    // An explicit op seed ignores the rule.
    #expect(try graph.getSeed(opSeed: 9).0 == OpSeeds(seed: 1, seed2: 9))
  }

  /// Setting a graph's seed again keeps its counter (observed on TF 2.21:
  /// ops got seed2 0, 1, 2, then 3 after `set_random_seed(2)`).
  @Test func graphSeedChangeKeepsTheCounter() throws {
    var tf = TensorFlowEagerContext()
    tf.enter(TensorFlowGraph(id: "g", seed: 1))
    for expected in 0..<3 { #expect(try tf.getSeed(nil) == OpSeeds(seed: 1, seed2: Int64(expected))) }
    tf.setSeed(2)
    #expect(try tf.getSeed(nil) == OpSeeds(seed: 2, seed2: 3))
    let graph = tf.exit()
    #expect(graph?.seedCounter == 4)
    #expect(tf.globalSeed == nil)
  }

  /// `set_seed(2**64)` on TensorFlow 2.21: `get_seed(None)` gave
  /// `(4, 1593907883)`: the kernel seed is `2**64 % (2**31 - 1)`, the op
  /// seed comes from `random.Random(2**64)`.
  @Test func seedsWiderThan64BitsKeepTheirWholeValueForTheOpSeedGenerator() throws {
    #expect(TensorFlowSeeds.truncate(magnitude: [0, 0, 1], negative: false) == 4)
    #expect(TensorFlowSeeds.truncate(magnitude: [5], negative: true) == TensorFlowSeeds.truncate(-5))
    #expect(TensorFlowSeeds.truncate(magnitude: [], negative: false) == 0)
    var tf = TensorFlowEagerContext()
    tf.setSeed(magnitude: [0, 0, 1], negative: false)
    #expect(tf.globalSeed == 4)
    #expect(try tf.getSeed(nil) == OpSeeds(seed: 4, seed2: 1_593_907_883))
  }

  @Test func opDeterminismRejectsUnseededOps() {
    var tf = TensorFlowEagerContext()
    tf.isOpDeterminismEnabled = true
    #expect(throws: FrameworkError.self) { try tf.uniform([3]) }
    #expect(throws: FrameworkError.self) { try tf.dropout(.float32([1, 1]), shape: [2], rate: 0) }
    #expect((try? tf.uniform([3], seed: 1)) != nil)
  }

  @Test func unseededKernelsAreEntropySeeded() throws {
    let log = DrawLog()
    var a = TensorFlowEagerContext(observer: log)
    var b = TensorFlowEagerContext()
    let first = try a.uniform([64])
    let second = try a.uniform([64])
    #expect(first != second)
    #expect(try b.uniform([64]) != first)
    #expect(log.draws.count == 2)
    #expect(log.draws.allSatisfy { $0.stream.seeding == .entropy })
    #expect(log.draws[1].counterBefore == log.draws[0].counterAfter)
    #expect(log.derivations.first?.result == "(None, None)")
  }
}
