import PythonStreams
import RNGStreams

/// TensorFlow 2's random state in one process: the global seed, the eager
/// op-seed generator, the kernel cache, and the graphs being traced.
///
/// It mirrors the hidden state behind `tf.random.*`:
/// - `tf.random.set_seed(s)` sets the global seed, creates the op-seed
///   `random.Random(s)` (``EagerOpSeedGenerator``), and clears the kernel
///   cache, so every stateful op restarts;
/// - each stateful op resolves `(seed, seed2)` with `get_seed` and runs the
///   cached kernel for its ``KernelKey``, which advances;
/// - inside a graph (``enter(_:)``, e.g. while emulating a `tf.function`),
///   `get_seed` uses the graph's seed and counter, and every op node gets
///   its own kernel.
///
/// ```swift
/// var tf = TensorFlowEagerContext()
/// tf.setSeed(1234)
/// let a = try tf.uniform([3])            // op seed 1892932127 from Random(1234)
/// let b = try tf.uniform([3], seed: 5)   // kernel (1234, 5)
/// let c = try tf.uniform([3], seed: 5)   // same kernel, 768 blocks further
/// ```
///
/// Edge cases:
/// - With no global seed and no op seed the op is nondeterministic: its
///   kernel's stream is seeded from entropy and reported as such.
/// - With ``isOpDeterminismEnabled`` (`tf.config.experimental.enable_op_determinism()`)
///   such an op throws instead, as TensorFlow does.
public struct TensorFlowEagerContext {
  /// The global seed (`context.global_seed()`), `nil` until set; for a
  /// seed wider than 64 bits, its value modulo 2**31 - 1 (see
  /// ``setSeed(magnitude:negative:)``).
  public private(set) var globalSeed: Int64?
  /// The op-seed generator; `nil` until the global seed is set.
  public private(set) var opSeedGenerator: EagerOpSeedGenerator?
  /// The kernel cache: eager kernels and the kernels of graph nodes run by
  /// this context (`tf.function` calls). `set_seed` empties it.
  public private(set) var kernels: [KernelKey: StatefulRandomKernel] = [:]
  /// Kernels created per key so far, cache clears included: names re-created kernels.
  var kernelsCreated: [KernelKey: Int] = [:]
  /// Op-seed generators created so far: names re-created ones.
  var opSeedGeneratorsCreated = 0
  /// `Dataset.shuffle` calls so far: names their streams (`data.shuffle#N`).
  var datasetShuffles = 0
  /// Graphs being built, innermost last; empty while executing eagerly.
  public private(set) var graphs: [TensorFlowGraph] = []
  /// `tf.config.experimental.enable_op_determinism()` was called.
  public var isOpDeterminismEnabled = false
  /// Receives every draw and seed derivation.
  public var observer: (any DrawObserver)?

  /// A fresh process: no global seed, no kernels.
  public init(observer: (any DrawObserver)? = nil) {
    self.observer = observer
  }

  /// Whether ops run eagerly (no graph is being built).
  public var executingEagerly: Bool { graphs.isEmpty }

  /// `tf.random.set_seed(seed)`.
  ///
  /// Eagerly: sets the global seed, re-creates the op-seed generator and
  /// clears the kernel cache (`set_seed(None)` clears the seed and the
  /// cache too). The observer hears the new op-seed stream as seeded, then
  /// the `tf.random.set_seed` derivation. Inside a graph it only sets that
  /// graph's seed and keeps its counter, like `tf.compat.v1.set_random_seed`
  /// in graph mode.
  ///
  /// `call` names the user's call when a library sets the seed for them
  /// (`tf_keras.utils.set_random_seed(1)`); the op-seed stream's seeding
  /// then names it.
  public mutating func setSeed(_ seed: Int64?, call: String? = nil) {
    setSeed(seed, text: seed.map(String.init) ?? "None") { seed, instance in
      var generator = seed.map { EagerOpSeedGenerator(globalSeed: $0, instance: instance) } ?? EagerOpSeedGenerator(entropyInstance: instance)
      if let call, seed != nil { generator.stream.seeding = .explicit(call: call) }
      return generator
    }
  }

  /// `tf.random.set_seed(seed)` for an int of any size, given as its sign
  /// and its magnitude's 32-bit words, least significant first
  /// (`set_seed(2**64)`).
  ///
  /// TensorFlow uses such a seed twice: the op-seed `random.Random(seed)`
  /// takes all of it, and every kernel takes `seed % (2**31 - 1)`. So
  /// ``globalSeed`` (and a graph's seed) holds that truncated value, which
  /// gives the same `get_seed` results as the full seed.
  ///
  /// ```swift
  /// tf.setSeed(magnitude: [0, 0, 1], negative: false)   // set_seed(2**64); globalSeed == 4
  /// ```
  public mutating func setSeed(magnitude words: [UInt32], negative: Bool) {
    let truncated = TensorFlowSeeds.truncate(magnitude: words, negative: negative)
    let literal = PythonSeed.bigInt(magnitude: words, negative: negative).pythonLiteral
    setSeed(truncated, text: literal) { _, instance in
      EagerOpSeedGenerator(globalSeedMagnitude: words, negative: negative, instance: instance)
    }
  }

  private mutating func setSeed(
    _ seed: Int64?, text: String, generator: (Int64?, Int) -> EagerOpSeedGenerator
  ) {
    if !graphs.isEmpty {
      graphs[graphs.count - 1].seed = seed
      return
    }
    globalSeed = seed
    opSeedGenerator = generator(seed, opSeedGeneratorsCreated)
    opSeedGeneratorsCreated += 1
    kernels.removeAll()
    if let stream = opSeedGenerator?.stream { observer?.observe(seeded: stream, start: 0) }
    observer?.observe(
      SeedDerivation(
        rule: "tf.random.set_seed", inputs: [.init("seed", text)],
        result: "global_seed=\(seed.map(String.init) ?? "None"); kernel cache cleared",
        derived: opSeedGenerator?.stream))
  }

  /// A FuncGraph for tracing a `tf.function`: its seed is the global seed
  /// now, its counter starts at 0.
  public func functionGraph(id: String) -> TensorFlowGraph {
    TensorFlowGraph(id: id, seed: globalSeed, rule: .perGraphCounter)
  }

  /// Starts building ops into `graph` (`with graph.as_default()` / tracing).
  public mutating func enter(_ graph: TensorFlowGraph) {
    graphs.append(graph)
  }

  /// Stops building into the innermost graph and returns it with its
  /// counters advanced.
  @discardableResult
  public mutating func exit() -> TensorFlowGraph? {
    graphs.popLast()
  }

  /// `get_seed(op_seed)` where ops run now: the eager rule (a draw from the
  /// op-seed generator) or the innermost graph's rule. Reports the
  /// derivation.
  ///
  /// - Throws: ``FrameworkError`` when op determinism is enabled and
  ///   neither a global nor an op seed is set.
  public mutating func getSeed(_ opSeed: Int64?) throws -> OpSeeds {
    let resolution = try resolveSeeds(opSeed)
    observer?.observe(resolution.derivation)
    return resolution.seeds
  }

  /// `get_seed` without reporting: the caller reports once the kernel is known.
  mutating func resolveSeeds(_ opSeed: Int64?) throws -> SeedResolution {
    var resolution: SeedResolution
    if !graphs.isEmpty {
      resolution = graphs[graphs.count - 1].resolve(opSeed: opSeed)
    } else {
      var implicit: (String, Int64)?
      var extra: [DrawReport.Parameter] = []
      if TensorFlowSeeds.needsImplicitOpSeed(global: globalSeed, opSeed: opSeed), opSeedGenerator != nil {
        let counter = opSeedGenerator!.counter
        implicit = ("internal_operation_seed", opSeedGenerator!.next(observer: observer))
        if observer != nil { extra = [.init("op_seed_stream_counter", String(counter))] }
      }
      resolution = SeedResolution(
        seeds: TensorFlowSeeds.getSeed(global: globalSeed, opSeed: opSeed, implicitOpSeed: implicit?.1),
        rule: "tf.get_seed.eager", scope: nil, globalName: "global_seed", globalSeed: globalSeed, opSeed: opSeed,
        implicit: implicit, extra: extra)
    }
    if resolution.seeds.isNondeterministic && isOpDeterminismEnabled {
      throw FrameworkError(
        "Random ops require a seed to be set when determinism is enabled; call tf.random.set_seed(seed) first.",
        parameter: "seed")
    }
    return resolution
  }

  /// Runs `body` on the kernel for `key`, creating it on first use, and
  /// keeps its advanced state. The kernel stays cached even when `body`
  /// throws, as a TensorFlow kernel that failed in `Compute` does.
  public mutating func withKernel<R>(_ key: KernelKey, _ body: (inout StatefulRandomKernel) throws -> R) rethrows -> R {
    var kernel: StatefulRandomKernel
    if let cached = kernels[key] {
      kernel = cached
    } else {
      let instance = kernelsCreated[key, default: 0]
      kernelsCreated[key] = instance + 1
      kernel = StatefulRandomKernel(key: key, instance: instance)
    }
    defer { kernels[key] = kernel }
    return try body(&kernel)
  }

  /// `get_seed` plus the kernel key of a new stateful op: graph ops take
  /// the next node name of their graph. Reports the derivation with the
  /// kernel's stream.
  ///
  /// A candidate sampler passes its `attributes` (part of the key) and
  /// builds its base distribution in `candidateSampler`, once per new
  /// kernel; when that throws (a bad attribute), no kernel is created.
  mutating func prepareKernel(
    _ op: RandomOpType, dtype: TensorFlowDType, opSeed: Int64?, inputDType: TensorFlowDType? = nil,
    attributes: String? = nil, candidateSampler: (() throws -> CandidateSampler)? = nil
  ) throws -> KernelKey {
    let resolution = try resolveSeeds(opSeed)
    var key = KernelKey(op: op, dtype: dtype, seeds: resolution.seeds, inputDType: inputDType, attributes: attributes)
    if !graphs.isEmpty { key.node = graphs[graphs.count - 1].nextNode() }
    if kernels[key] == nil, let candidateSampler {
      let sampler = try candidateSampler()
      withKernel(key) { $0.candidateSampler = sampler }
    }
    // The kernel exists from here on, even if the op then fails in Compute.
    let stream = withKernel(key) { $0.stream }
    if let observer {
      var d = resolution.derivation
      d.derived = stream
      observer.observe(d)
    }
    return key
  }
}
