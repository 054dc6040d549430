/// The order in which the engine's training adds the terms of its float32
/// sums (matmul accumulation, a bias's gradient, a batch's loss) when a run
/// asks for the order to change: `rngdiff run --device gpu` or `--threads N`.
/// Keras training routes its sums through it (`KerasMatrix+ReductionOrder.swift`,
/// ``ReductionOrder/sum(_:)``); another framework's training can do the same,
/// and set ``opDeterminismEnabled`` from its own switch.
///
/// Float32 addition is not associative, so the same terms added in another
/// order give another sum in the last bits, and training carries that
/// forward. This type models *that* the order changes, not the exact order
/// or bits of a real GPU or thread pool:
///
/// - ``Mode/threads(_:)``: each sum of `k` terms is cut into `min(N, k)`
///   contiguous blocks, as a thread pool hands out work; each block is summed
///   in index order and the partial sums are added in block order. Fixed for
///   a given `N`, so two runs with the same `N` agree and runs with different
///   `N` differ.
/// - ``Mode/gpu(seed:)``: as GPU atomic adds land in whatever order the
///   threads finish, every sum is cut into 2 to 8 blocks whose count and
///   order of arrival are drawn per call from a generator seeded per run
///   (the seed is recorded in the trace's config as `rngdiff.reduction_seed`),
///   and each output element takes the blocks in a rotated order. With op
///   determinism on (``isDeterministic``) the sums run in the fixed order
///   instead, as `tf.config.experimental.enable_op_determinism()` makes
///   TensorFlow choose deterministic kernels.
///
/// ```swift
/// let order = ReductionOrder(.threads(2))
/// order.plan(length: 5)?.bounds            // [0, 2, 5]: blocks 0..<2 and 2..<5
/// ReductionOrder.$current.withValue(order) { x.times(w) }   // sums in two blocks
/// ```
///
/// Edge cases: a sum of fewer than two terms has no order (``plan(length:)``
/// returns nil); `threads(1)` is the fixed order; without a current order
/// (`ReductionOrder.current == nil`, the default) every sum runs in
/// increasing index order, as before.
final class ReductionOrder: @unchecked Sendable {
  enum Mode: Sendable, Hashable {
    /// A thread pool of `N` threads.
    case threads(Int)
    /// GPU atomics, with the run's seed for the order of arrival.
    case gpu(seed: UInt64)
  }

  let mode: Mode
  /// `tf.config.experimental.enable_op_determinism()` was called.
  var opDeterminismEnabled = false
  /// Reads the determinism switches of the environment
  /// (`TF_DETERMINISTIC_OPS`, `XLA_FLAGS`); asked once, at the first sum,
  /// as TensorFlow reads its variable once.
  var environmentDeterminism: () -> Bool = { false }
  private var environmentSwitch: Bool?
  /// SplitMix64 state: the per-call draws of `gpu` mode.
  private var state: UInt64

  /// The order the current run's training uses; nil sums in index order.
  @TaskLocal static var current: ReductionOrder?

  init(_ mode: Mode) {
    self.mode = mode
    if case .gpu(let seed) = mode { state = seed } else { state = 0 }
  }

  /// Whether GPU sums run in the fixed order (op determinism on).
  var isDeterministic: Bool {
    if opDeterminismEnabled { return true }
    if environmentSwitch == nil { environmentSwitch = environmentDeterminism() }
    return environmentSwitch ?? false
  }

  /// How one call sums `length` terms per output element; nil for index order.
  func plan(length: Int) -> ReductionPlan? {
    guard length >= 2 else { return nil }
    switch mode {
    case .threads(let n):
      guard n >= 2 else { return nil }
      return ReductionPlan(length: length, blocks: Swift.min(n, length), order: nil, rotation: 0)
    case .gpu:
      if isDeterministic { return nil }
      let most = Swift.min(length, 8)
      let blocks = 2 + Int(next() % UInt64(most - 1))
      var order = Array(0..<blocks)
      for i in stride(from: blocks - 1, to: 0, by: -1) {
        order.swapAt(i, Int(next() % UInt64(i + 1)))
      }
      return ReductionPlan(length: length, blocks: blocks, order: order, rotation: next())
    }
  }

  private func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One call's way of adding `length` terms: contiguous blocks, each summed
/// in index order, and the order their partial sums are added in.
///
/// ```swift
/// let plan = ReductionPlan(length: 4, blocks: 2, order: nil, rotation: 0)
/// plan.sum(element: 0) { Float($0) }   // (0 + 1) + (2 + 3)
/// ```
struct ReductionPlan {
  /// Block `b` covers `bounds[b] ..< bounds[b + 1]`.
  let bounds: [Int]
  /// The order the blocks' partial sums arrive in (nil: block order).
  let order: [Int]?
  /// Mixed with the output element's index to rotate `order` per element.
  let rotation: UInt64

  init(length: Int, blocks: Int, order: [Int]?, rotation: UInt64) {
    bounds = (0...blocks).map { $0 * length / blocks }
    self.order = order
    self.rotation = rotation
  }

  /// The sum of `term(0) … term(length - 1)` for output element `element`.
  @inline(__always)
  func sum(element: Int, _ term: (Int) -> Float) -> Float {
    let blocks = bounds.count - 1
    var total: Float = 0
    let shift = order == nil ? 0 : Int((rotation ^ (UInt64(truncatingIfNeeded: element) &* 0x9E37_79B9_7F4A_7C15)) % UInt64(blocks))
    for position in 0..<blocks {
      let b = order.map { $0[(position + shift) % blocks] } ?? position
      var partial: Float = 0
      for k in bounds[b]..<bounds[b + 1] { partial += term(k) }
      total += partial
    }
    return total
  }
}
