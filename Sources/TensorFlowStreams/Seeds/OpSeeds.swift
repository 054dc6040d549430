/// The two seeds a TensorFlow stateful random op is built with: the op
/// attributes `seed` and `seed2`, as `get_seed` returns them.
///
/// ```swift
/// let seeds = OpSeeds(seed: 87_654_321, seed2: 5)   // uniform([3], seed=5), no global seed
/// seeds.isNondeterministic                         // false
/// OpSeeds.nondeterministic                         // (0, 0): Python's (None, None)
/// ```
///
/// Edge cases: `(0, 0)` is how TensorFlow's kernels spell "no seed": the
/// kernel then picks two random 64-bit seeds. `get_seed` never returns
/// `(0, 0)` for a seeded op (it turns it into `(0, 2**31 - 1)`).
/// ``graphSeedIsDefault`` says where the graph part came from; it is not part
/// of the value (`(87654321, 5)` is the same kernel key however it was made).
public struct OpSeeds: Sendable, Hashable, CustomStringConvertible {
  /// The graph-level (global) part, attribute `seed`.
  public var seed: Int64
  /// The op-level part, attribute `seed2`.
  public var seed2: Int64
  /// `seed` is TensorFlow's default graph seed because no global seed was
  /// set (`get_seed` with only an op seed); recorded as a `default` seeding.
  public var graphSeedIsDefault = false

  public init(seed: Int64, seed2: Int64) {
    self.seed = seed
    self.seed2 = seed2
  }

  /// `(None, None)` from `get_seed`, passed to the kernel as `(0, 0)`.
  public static let nondeterministic = OpSeeds(seed: 0, seed2: 0)

  public static func == (a: OpSeeds, b: OpSeeds) -> Bool { a.seed == b.seed && a.seed2 == b.seed2 }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(seed)
    hasher.combine(seed2)
  }

  /// Whether the kernel will seed itself from entropy.
  public var isNondeterministic: Bool { seed == 0 && seed2 == 0 }

  /// `(seed, seed2)`, or `(None, None)` when nondeterministic.
  public var description: String {
    isNondeterministic ? "(None, None)" : "(\(seed), \(seed2))"
  }
}
