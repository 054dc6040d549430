/// How a graph (a `tf.Graph`, or the FuncGraph of a `tf.function`) picks
/// the op seed of a random op created without `seed=` while a graph-level
/// seed is set. The rule changed between TensorFlow 2.1 and 2.2.
///
/// ```swift
/// GraphOpSeedRule(tensorflowVersion: (2, 21))   // .perGraphCounter
/// GraphOpSeedRule(tensorflowVersion: (1, 15))   // .lastOperationID
/// ```
public enum GraphOpSeedRule: String, Sendable, Hashable, CaseIterable {
  /// TensorFlow ≥ 2.2: a counter per graph, 0, 1, 2, … in the order the
  /// seedless random ops are created. Unrelated ops do not shift it.
  case perGraphCounter = "per-graph-counter"
  /// TensorFlow 1.x and 2.0–2.1: the graph's `_last_id`, the id of the most
  /// recently created op (ids start at 1), *including* the constants the
  /// op's own Python wrapper created before calling `get_seed`. Any op
  /// added earlier shifts every later seed.
  case lastOperationID = "last-operation-id"

  /// The rule of a TensorFlow release, from its major and minor version.
  public init(tensorflowVersion version: (major: Int, minor: Int)) {
    self = (version.major, version.minor) >= (2, 2) ? .perGraphCounter : .lastOperationID
  }
}
