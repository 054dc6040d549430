/// One random draw: which stream, where in it, how much, and what for.
///
/// A sampler emits exactly one report per framework-level call that consumes
/// its stream (`np.random.randn(5)` is one report covering every word it
/// used, including rejected ones). Per stream, the counter ranges of
/// successive reports are contiguous: `counterBefore + count` of one report
/// is the `counterBefore` of the next. That invariant is what lets a trace
/// prove every draw has a consumer.
///
/// ```swift
/// DrawReport(stream: global, counterBefore: 0, count: 14, operation: "randn",
///            distribution: "normal", parameters: [("loc", "0.0"), ("scale", "1.0")],
///            shape: [3], values: .float64(values))
/// ```
///
/// Edge cases:
/// - A call that is served entirely from a cache (NumPy's Gaussian cache,
///   PyTorch's normal cache) still reports, with `count == 0`.
/// - Counter-based streams (Philox, Threefry) report the block offset from
///   the stream's starting counter, in blocks.
public struct DrawReport: Sendable, Hashable {
  public var stream: StreamIdentity
  /// Position in the stream before the draw, in ``StreamIdentity/counterUnit``.
  public var counterBefore: UInt64
  /// Units consumed by this draw (rejections and cache refills included).
  public var count: UInt64
  /// The framework call that drew, in the framework's own name
  /// (`"random_sample"`, `"randn"`, `"RandomUniform"`, `"bernoulli_"`).
  public var operation: String
  /// The distribution in a framework-neutral word: `uniform`, `normal`,
  /// `truncated_normal`, `integers`, `permutation`, `bernoulli`, `bits`, `gauss`.
  public var distribution: String
  /// Distribution parameters as printed by Python (`("low", "-0.5")`).
  public var parameters: [Parameter]
  /// Output shape (`[]` for a scalar).
  public var shape: [Int]
  /// The values produced, when the sampler has them as an array.
  public var values: DrawnValues?

  public struct Parameter: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(
    stream: StreamIdentity, counterBefore: UInt64, count: UInt64, operation: String,
    distribution: String, parameters: [Parameter] = [], shape: [Int], values: DrawnValues?
  ) {
    self.stream = stream
    self.counterBefore = counterBefore
    self.count = count
    self.operation = operation
    self.distribution = distribution
    self.parameters = parameters
    self.shape = shape
    self.values = values
  }

  /// Position in the stream after the draw.
  public var counterAfter: UInt64 { counterBefore &+ count }
}

/// One seed computed from other seeds: an op seed, an initializer seed, a
/// stateless key.
///
/// ```swift
/// SeedDerivation(rule: "tf.eager-op-seed", inputs: [("global_seed", "1234"),
///                ("op_seed", "None"), ("internal_draw", "0")], result: "(1234, 1892932127)")
/// ```
public struct SeedDerivation: Sendable, Hashable {
  /// A documented rule name (see docs/frameworks.md), e.g.
  /// `tf.get_seed`, `keras.make_default_seed`, `keras.seed-generator.next`.
  public var rule: String
  public var inputs: [DrawReport.Parameter]
  public var result: String
  /// The stream the derived seed keys, when it keys one.
  public var derived: StreamIdentity?

  public init(rule: String, inputs: [DrawReport.Parameter], result: String, derived: StreamIdentity? = nil) {
    self.rule = rule
    self.inputs = inputs
    self.result = result
    self.derived = derived
  }
}

/// Receives every draw and seed derivation a stream makes.
///
/// Samplers know nothing about what the observer does; the engine's recorder
/// attaches consumers and writes trace events. Observers are called
/// synchronously, in execution order.
public protocol DrawObserver: AnyObject {
  func observe(_ draw: DrawReport)
  func observe(_ derivation: SeedDerivation)
  /// The stream was (re)seeded by an explicit call: its counter restarts at
  /// `start`. Reported at the seeding call, so an observer can place the
  /// seeding where it happened rather than at the stream's first draw.
  func observe(seeded stream: StreamIdentity, start: UInt64)
  /// The value of the draw just reported becomes a seed (Keras's
  /// `random.randint(1, 10**9)` for a layer, initializer or `SeedGenerator`
  /// given no seed): streams keyed by `value` that are declared from now on
  /// were seeded from that draw. The trace writes them `"how":"drawn"`.
  func observe(drawnSeed value: Int64)
}

extension DrawObserver {
  public func observe(_ derivation: SeedDerivation) {}
  public func observe(seeded stream: StreamIdentity, start: UInt64) {}
  public func observe(drawnSeed value: Int64) {}
}

/// An observer that keeps every report in memory, in order. Handy in tests.
public final class DrawLog: DrawObserver, @unchecked Sendable {
  public private(set) var draws: [DrawReport] = []
  public private(set) var derivations: [SeedDerivation] = []
  /// Streams reported as seeded, in order.
  public private(set) var seedings: [StreamIdentity] = []
  public init() {}
  public func observe(_ draw: DrawReport) { draws.append(draw) }
  public func observe(_ derivation: SeedDerivation) { derivations.append(derivation) }
  public func observe(seeded stream: StreamIdentity, start: UInt64) { seedings.append(stream) }
}
