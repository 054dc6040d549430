import RNGBits
import RNGStreams

/// One TensorFlow stateful random op kernel: a Philox stream keyed by the
/// op's `(seed, seed2)` that advances on every run.
///
/// The kernel starts at key `(lo32(seed), hi32(seed))`, counter
/// `(0, 0, lo32(seed2), hi32(seed2))`. Each run reads from the current
/// position and then **reserves** `count × 256` blocks for distributions
/// (`ReserveRandomOutputs(count, 256)`), or `⌈(rows − 1) / 4⌉` blocks for a
/// shuffle, whatever it actually used. So the k-th run of a kernel starts
/// at 256 × (sum of the earlier runs' element counts) blocks.
///
/// ```swift
/// var kernel = StatefulRandomKernel(key: KernelKey(op: .randomUniform, dtype: .float32,
///                                                  seeds: OpSeeds(seed: 87_654_321, seed2: 5)))
/// let first = try kernel.run(count: 6)    // counterBefore 0, count 1536 blocks
/// let second = try kernel.run(count: 6)   // counterBefore 1536
/// ```
///
/// Edge cases:
/// - Seeds `(0, 0)` mean "nondeterministic": the kernel takes two 64-bit
///   seeds from the system's entropy when it is created, and its stream
///   says so (``StreamSeeding/entropy``).
/// - A run of zero elements reserves nothing.
public struct StatefulRandomKernel: Sendable, Hashable {
  /// What the kernel was created for.
  public let key: KernelKey
  /// The kernel's stream; its counter unit is one Philox block.
  public let stream: StreamIdentity
  /// The Philox key.
  public let philoxKey: SIMD2<UInt32>
  /// The counter of the first block.
  public let startCounter: SIMD4<UInt32>
  /// Blocks reserved by earlier runs: where the next run starts.
  public private(set) var blocksReserved: UInt64 = 0
  /// A candidate sampler kernel's base distribution, with what it learned
  /// in earlier runs; `nil` for the other ops.
  public internal(set) var candidateSampler: CandidateSampler?

  /// A new kernel for `key`; an unseeded one draws its seeds from entropy.
  ///
  /// - Parameter instance: how many kernels for the same key existed
  ///   before this one (the cache was cleared in between); from 1 on it is
  ///   appended to the stream name as `#instance`, so a re-created kernel
  ///   is a new stream rather than a restart of the old one.
  public init(key: KernelKey, instance: Int = 0) {
    if key.seeds.isNondeterministic {
      var system = SystemRandomNumberGenerator()
      self.init(key: key, instance: instance, seed: system.next(), seed2: system.next(), seeding: .entropy)
    } else {
      // With no global seed the graph part is TensorFlow's default: a `default` seeding, as
      // docs/trace-format.md asks when the trace has no tf.get_seed derivation for it.
      let seeding: StreamSeeding = key.seeds.graphSeedIsDefault
        ? .frameworkDefault(from: "default graph seed \(key.seeds.seed), op seed \(key.seeds.seed2)")
        : .derived(rule: "tf.get_seed", from: key.seeds.description)
      self.init(
        key: key, instance: instance, seed: UInt64(bitPattern: key.seeds.seed),
        seed2: UInt64(bitPattern: key.seeds.seed2), seeding: seeding)
    }
  }

  /// A kernel keyed by explicit 64-bit seeds, e.g. to replay an unseeded
  /// kernel whose entropy seeds a trace recorded.
  public init(key: KernelKey, instance: Int = 0, entropySeed seed: UInt64, seed2: UInt64) {
    self.init(key: key, instance: instance, seed: seed, seed2: seed2, seeding: .entropy)
  }

  private init(key: KernelKey, instance: Int, seed: UInt64, seed2: UInt64, seeding: StreamSeeding) {
    self.key = key
    philoxKey = SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    startCounter = SIMD4(0, 0, UInt32(truncatingIfNeeded: seed2), UInt32(truncatingIfNeeded: seed2 >> 32))
    stream = StreamIdentity(
      framework: .tensorflow, name: key.streamName + (instance > 0 ? "#\(instance)" : ""), algorithm: .philox4x32_10,
      seedMaterial: "seed=\(seed) seed2=\(seed2)", seeding: seeding)
  }

  /// One run's position in the kernel's stream.
  public struct Run: Sendable, Hashable {
    /// Blocks reserved before the run.
    public var counterBefore: UInt64
    /// Blocks the run reserved.
    public var count: UInt64
  }

  /// Reserves `blocks` and returns where the run reads from.
  mutating func reserve(blocks: UInt64) -> (PhiloxFill, Run) {
    let fill = PhiloxFill(counter: Philox4x32.add(startCounter, blocksReserved), key: philoxKey)
    let run = Run(counterBefore: blocksReserved, count: blocks)
    blocksReserved &+= blocks
    return (fill, run)
  }

  /// Runs the kernel's distribution op for `count` elements and returns
  /// the op's raw output (before any `minval`/`mean` arithmetic of the
  /// Python wrapper).
  ///
  /// - Parameter integerRange: `(minval, maxval)` for `RandomUniformInt`.
  /// - Throws: ``FrameworkError`` when `minval >= maxval` for integers
  ///   (nothing is reserved then), or for a dtype the op does not take.
  /// - Precondition: the kernel is not a `RandomShuffle` kernel.
  public mutating func run(count: Int, integerRange: (minval: Int64, maxval: Int64)? = nil) throws -> (DrawnValues, Run) {
    precondition(
      [.randomUniform, .randomUniformInt, .randomStandardNormal, .truncatedNormal].contains(key.op),
      "use runShuffle, runCategorical or runPerOutput for this kernel")
    precondition(count >= 0, "element count must not be negative")
    let dtype = key.dtype
    switch key.op {
    case .randomUniformInt:
      guard !dtype.isFloatingPoint else {
        throw FrameworkError("RandomUniformInt takes int32 or int64, not \(dtype.rawValue).", parameter: "dtype")
      }
      guard let (lo, hi) = integerRange else {
        throw FrameworkError("Must specify maxval for integer dtype \(dtype.rawValue).", parameter: "maxval")
      }
      if dtype == .int32 && (lo < Int64(Int32.min) || hi > Int64(Int32.max)) {
        throw FrameworkError("minval and maxval must fit in int32, got \(lo) and \(hi).", parameter: "maxval")
      }
      guard lo < hi else {
        throw FrameworkError("Need minval < maxval: \(lo) >= \(hi).", parameter: "maxval")
      }
    default:
      guard dtype.isFloatingPoint else {
        throw FrameworkError("\(key.op.rawValue) takes float32 or float64, not \(dtype.rawValue).", parameter: "dtype")
      }
    }
    let (fill, run) = reserve(blocks: UInt64(count) &* 256)
    let values: DrawnValues
    switch (key.op, dtype) {
    case (.randomUniform, .float32): values = .float32(fill.uniformFloat32(count))
    case (.randomUniform, _): values = .float64(fill.uniformFloat64(count))
    case (.randomStandardNormal, .float32): values = .float32(fill.normalFloat32(count))
    case (.randomStandardNormal, _): values = .float64(fill.normalFloat64(count))
    case (.truncatedNormal, .float32): values = .float32(fill.truncatedNormalFloat32(count))
    case (.truncatedNormal, _): values = .float64(fill.truncatedNormalFloat64(count))
    case (.randomUniformInt, .int32):
      let (lo, hi) = integerRange!
      values = .int32(fill.uniformInt32(count, lo: Int32(lo), range: UInt32(truncatingIfNeeded: hi &- lo)))
    case (.randomUniformInt, _):
      let (lo, hi) = integerRange!
      values = .int64(fill.uniformInt64(count, lo: lo, range: UInt64(bitPattern: hi &- lo)))
    default: preconditionFailure("unreachable")
    }
    return (values, run)
  }

  /// Reserves `count × 256` blocks for a kernel that draws a variable
  /// number of values per output (`RandomGamma`, `RandomPoissonV2`) and
  /// returns output `o`'s own stream: the run's start plus `256 × o` blocks.
  ///
  /// ```swift
  /// let (stream, run) = kernel.runPerOutput(count: 6)   // stream(2) starts 512 blocks in
  /// ```
  public mutating func runPerOutput(count: Int) -> (stream: @Sendable (UInt64) -> Philox4x32, run: Run) {
    precondition(count >= 0, "element count must not be negative")
    let (fill, run) = reserve(blocks: UInt64(count) &* 256)
    return ({ Philox4x32(counter: Philox4x32.add(fill.counter, $0 &* 256), key: fill.key) }, run)
  }

  /// Runs a `RandomShuffle` kernel over `rows` rows and returns the new
  /// row order (output row `i` is input row `order[i]`).
  ///
  /// Reserves `⌈(rows − 1) / 4⌉` blocks; nothing when `rows <= 1`.
  /// - Precondition: the kernel is a `RandomShuffle` kernel and `rows >= 0`.
  public mutating func runShuffle(rows: Int) -> (order: [Int], run: Run) {
    precondition(key.op == .randomShuffle, "runShuffle(rows:) is for RandomShuffle kernels")
    precondition(rows >= 0, "row count must not be negative")
    guard rows > 1 else { return (Array(0..<rows), Run(counterBefore: blocksReserved, count: 0)) }
    let (fill, run) = reserve(blocks: UInt64((rows - 1 + 3) / 4))
    return (fill.shufflePermutation(rows), run)
  }

  /// Runs a `Multinomial` kernel: `samples` class indices for each of
  /// `rows` rows of `logits` (C order, `rows × classes`, already widened
  /// to double).
  ///
  /// Reserves `rows × 2 × ⌈samples / 4⌉·4 × 256` blocks (nothing when the
  /// output is empty). Each row builds the unnormalised CDF
  /// `exp(logit − max finite logit)` over its finite logits, and each sample
  /// is the first class whose CDF exceeds `u · total`, with `u` a float64
  /// from two words. Rows are read one after another from the same
  /// generator, which is what TensorFlow does when it runs the batch as
  /// one shard (see ``TensorFlowEagerContext/categorical(_:shape:numSamples:dtype:seed:)``).
  ///
  /// - Precondition: the kernel is a `Multinomial` kernel, `rows >= 0`,
  ///   `classes > 0`, `samples >= 0` and `logits.count == rows * classes`.
  public mutating func runCategorical(logits: [Double], rows: Int, classes: Int, samples: Int) -> ([Int64], Run) {
    precondition(key.op == .multinomial, "runCategorical is for Multinomial kernels")
    precondition(rows >= 0 && classes > 0 && samples >= 0 && logits.count == rows * classes)
    guard rows * samples > 0 else { return ([], Run(counterBefore: blocksReserved, count: 0)) }
    let perRow = (samples + 3) / 4 * 4 * 2
    let (fill, run) = reserve(blocks: UInt64(rows) * UInt64(perRow) * 256)
    let lowest = key.inputDType == .float64 ? -Double.greatestFiniteMagnitude : -Double(Float.greatestFiniteMagnitude)
    return (fill.categorical(logits: logits, rows: rows, classes: classes, samples: samples, lowest: lowest), run)
  }

  /// The draw report of one run, with the values the Python-level call returned.
  public func report(
    _ run: Run, operation: String, parameters: [DrawReport.Parameter], shape: [Int], values: DrawnValues?
  ) -> DrawReport {
    DrawReport(
      stream: stream, counterBefore: run.counterBefore, count: run.count, operation: operation,
      distribution: key.op.distribution, parameters: parameters, shape: shape, values: values)
  }
}
