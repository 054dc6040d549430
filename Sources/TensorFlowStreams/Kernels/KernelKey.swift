/// What makes two TensorFlow random op calls share one kernel, and so one
/// Philox stream that advances with every run.
///
/// In eager mode TensorFlow caches kernels by op type and attributes: the
/// output dtype and `(seed, seed2)`. The shape, `minval`/`maxval` (inputs,
/// not attributes) and the Python function that asked do not count, so
/// `uniform([3], seed=1)`, `uniform([5], seed=1)` and
/// `nn.dropout(x, 0.5, seed=1)` all advance the same kernel.
/// In a graph, every op node is its own kernel: ``node`` names it.
///
/// ```swift
/// let key = KernelKey(op: .randomUniform, dtype: .float32,
///                     seeds: OpSeeds(seed: 87_654_321, seed2: 5))
/// key.streamName   // "op(87654321,5)/RandomUniform/float32"
/// ```
///
/// Edge case: TensorFlow also keys on the dtype of the shape tensor; shapes
/// given as Python lists are int32, the only case emulated here.
public struct KernelKey: Sendable, Hashable {
  public var op: RandomOpType
  /// The op's dtype attribute (`dtype`, `Tout`, or for shuffle the value dtype `T`).
  public var dtype: TensorFlowDType
  public var seeds: OpSeeds
  /// The graph node owning the kernel (`"f/0"`), `nil` for an eager op.
  public var node: String?
  /// The dtype of the op's data input when it is an attribute too
  /// (`Multinomial`'s logits dtype `T`); `nil` for the other ops.
  public var inputDType: TensorFlowDType?
  /// The op's other attributes when they make kernels differ (a candidate
  /// sampler's `num_true`, `num_sampled`, `unique`, `range_max`, …), as
  /// `name=value` pairs; `nil` for the other ops.
  public var attributes: String?

  public init(
    op: RandomOpType, dtype: TensorFlowDType, seeds: OpSeeds, node: String? = nil, inputDType: TensorFlowDType? = nil,
    attributes: String? = nil
  ) {
    self.op = op
    self.dtype = dtype
    self.seeds = seeds
    self.node = node
    self.inputDType = inputDType
    self.attributes = attributes
  }

  /// The kernel's stream name: `op(seed,seed2)/OpType/dtype`, prefixed by
  /// `node:` for graph nodes; `op(None,None)` for an unseeded kernel;
  /// `Multinomial` kernels name both dtypes (`…/Multinomial/float32/int64`);
  /// candidate samplers add their attributes (`…/UniformCandidateSampler/int64[num_true=1,…]`).
  public var streamName: String {
    let seedPart = seeds.isNondeterministic ? "op(None,None)" : "op(\(seeds.seed),\(seeds.seed2))"
    let dtypes = inputDType.map { "\($0.rawValue)/\(dtype.rawValue)" } ?? dtype.rawValue
    let base = "\(seedPart)/\(op.rawValue)/\(dtypes)" + (attributes.map { "[\($0)]" } ?? "")
    return node.map { "\($0):\(base)" } ?? base
  }
}
