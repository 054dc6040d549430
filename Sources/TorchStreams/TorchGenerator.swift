import RNGBits
import RNGStreams

/// PyTorch's default CPU generator (`torch.default_generator`): MT19937 plus the
/// cached second value of the last scalar Box–Muller pair.
///
/// Every sampler (``rand(_:dtype:)``, ``randn(_:dtype:)``, ``randint(_:_:_:dtype:)``,
/// ``randperm(_:dtype:)``, ``uniform_(_:dtype:from:to:)``, ``normal_(_:dtype:mean:std:)``,
/// ``bernoulli_(_:dtype:p:)``, ``dropout(_:shape:p:training:)``, the `nn.init`
/// functions and the module initialisers) is an extension of this type and reports
/// one ``RNGStreams/DrawReport`` per call to ``observer``, on the stream named
/// `"cpu-default"`, counting 32-bit MT19937 words. Seeding (``manualSeed(_:)``,
/// or construction with a seed and an `observer`) reports the new stream.
///
/// ```swift
/// var g = try TorchGenerator(seed: 0)        // torch.manual_seed(0)
/// try g.rand([3])                            // [0.49625659, 0.7682218, 0.08847743]
/// try g.manualSeed(1 << 32)                  // same stream as manual_seed(0) on CPU
/// g.initialSeed                              // 4294967296
/// ```
///
/// Edge cases:
/// - Seeds are Python ints in `[-2**63, 2**64 - 1]`: read as `uint64`, else as
///   `int64` in two's complement (`-1` is `2**64 - 1`). Anything else throws, as
///   PyTorch does ("Overflow when unpacking long long").
/// - Only the low 32 bits reach MT19937 (`init_genrand(seed & 0xFFFFFFFF)`), so
///   `manual_seed(2**32)` and `manual_seed(0)` give the same CPU stream;
///   ``initialSeed`` keeps the full 64-bit value.
/// - `manualSeed` clears the cached normal value.
/// - ``init(kernel:)`` without a seed draws one from the system, as an unseeded
///   PyTorch process does; such a stream is marked `.entropy`.
public struct TorchGenerator {
  /// The Mersenne Twister underneath; its ``RNGBits/MT19937/wordsDrawn`` is the
  /// stream counter.
  public internal(set) var engine: MT19937
  /// The second value of the last scalar Box–Muller pair, returned by the next
  /// scalar-path normal draw (PyTorch's `next_double_normal_sample`).
  public internal(set) var nextDoubleNormalSample: Double?
  /// The seed as `torch.initial_seed()` reports it (full 64 bits).
  public private(set) var initialSeed: UInt64
  /// Which CPU kernel's rounding the samplers reproduce.
  public var kernel: TorchCPUKernel
  /// Receives one report per sampler call. `nil` costs one check per call.
  public var observer: (any DrawObserver)?
  /// The identity of the current stream; a new one starts at every `manualSeed`.
  public internal(set) var stream: StreamIdentity

  /// `torch.manual_seed(seed)` on a generator emulating `kernel`; an
  /// `observer` hears the seeding.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `seed` is outside `[-2**63, 2**64 - 1]`.
  public init<Seed: BinaryInteger>(
    seed: Seed, kernel: TorchCPUKernel = .avx2, observer: (any DrawObserver)? = nil
  ) throws {
    let value = try Self.seedValue(seed)
    self.init(value: value, call: "torch.manual_seed(\(seed))", kernel: kernel)
    self.observer = observer
    reportSeeding()
  }

  /// An unseeded generator: PyTorch seeds its default generator from system
  /// entropy when the program never calls `manual_seed`.
  public init(kernel: TorchCPUKernel = .avx2) {
    var system = SystemRandomNumberGenerator()
    self.init(value: system.next(), call: nil, kernel: kernel)
  }

  init(value: UInt64, call: String?, kernel: TorchCPUKernel) {
    engine = MT19937(seed: UInt32(truncatingIfNeeded: value))
    nextDoubleNormalSample = nil
    initialSeed = value
    self.kernel = kernel
    observer = nil
    stream = Self.identity(value: value, call: call)
  }

  /// The seed PyTorch gives a CPU generator nobody seeded: the default
  /// generator of a fresh process and every `torch.Generator()` start from it.
  public static let defaultSeed: UInt64 = 67_280_421_310_721

  /// A generator as PyTorch makes one that is never seeded: from
  /// ``defaultSeed``, the same in every process (seeding form `default`).
  /// `name` is the stream's name: `cpu-default` for `torch.default_generator`,
  /// another for each `torch.Generator()`.
  ///
  /// ```swift
  /// let g = TorchGenerator(unseeded: "cpu-default")
  /// g.initialSeed                 // 67280421310721
  /// ```
  public init(unseeded name: String, kernel: TorchCPUKernel = .avx2, observer: (any DrawObserver)? = nil) {
    self.init(value: Self.defaultSeed, call: nil, kernel: kernel)
    stream = StreamIdentity(
      framework: .torch, name: name, algorithm: .mt19937,
      seedMaterial: "init_genrand(\(UInt32(truncatingIfNeeded: Self.defaultSeed)))",
      seeding: .frameworkDefault(from: "torch's default seed \(Self.defaultSeed)"))
    self.observer = observer
  }

  /// PyTorch's default CPU generator in a fresh process: seeded from the
  /// operating system's entropy (`value`, 64 bits), not from
  /// ``defaultSeed`` (PyTorch 2.13 makes it with
  /// `getNonDeterministicRandom()`); seeding form `entropy`.
  ///
  /// ```swift
  /// let g = TorchGenerator(entropy: 12_551_258_438_546_178_042)
  /// g.initialSeed                 // 12551258438546178042
  /// ```
  public init(entropy value: UInt64, kernel: TorchCPUKernel = .avx2, observer: (any DrawObserver)? = nil) {
    self.init(value: value, call: nil, kernel: kernel)
    self.observer = observer
  }

  /// Reseeds with `seed` as `call` (`g.manual_seed(7)`, `torch.seed()`)
  /// says, keeping the stream's name; `fromEntropy` marks a seed that came
  /// from the operating system (`torch.seed()`).
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `seed` is outside `[-2**63, 2**64 - 1]`.
  public mutating func manualSeed<Seed: BinaryInteger>(_ seed: Seed, call: String, fromEntropy: Bool = false) throws {
    let value = try Self.seedValue(seed)
    let name = stream.name
    engine = MT19937(seed: UInt32(truncatingIfNeeded: value))
    nextDoubleNormalSample = nil
    initialSeed = value
    stream = StreamIdentity(
      framework: .torch, name: name, algorithm: .mt19937, seedMaterial: "init_genrand(\(UInt32(truncatingIfNeeded: value)))",
      seeding: fromEntropy ? .requestedEntropy(call: call) : .explicit(call: call))
    reportSeeding()
  }

  /// `torch.manual_seed(seed)`: reseeds, clears the normal cache and starts a
  /// new stream, which the observer hears of.
  ///
  /// ```swift
  /// try g.manualSeed(-1)          // initialSeed == 18446744073709551615
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when `seed` is outside `[-2**63, 2**64 - 1]`;
  ///   the generator is then unchanged.
  public mutating func manualSeed<Seed: BinaryInteger>(_ seed: Seed) throws {
    let value = try Self.seedValue(seed)
    engine = MT19937(seed: UInt32(truncatingIfNeeded: value))
    nextDoubleNormalSample = nil
    initialSeed = value
    stream = Self.identity(value: value, call: "torch.manual_seed(\(seed))", name: stream.name)
    reportSeeding()
  }

  /// Tells the observer the stream was just seeded: its counter restarts at 0.
  func reportSeeding() {
    observer?.observe(seeded: stream, start: engine.wordsDrawn)
  }

  /// The 64-bit value PyTorch stores for a Python int seed.
  static func seedValue<Seed: BinaryInteger>(_ seed: Seed) throws -> UInt64 {
    if let unsigned = UInt64(exactly: seed) { return unsigned }
    if let signed = Int64(exactly: seed) { return UInt64(bitPattern: signed) }
    throw seedOutOfRange(String(seed))
  }

  /// The error `torch.manual_seed` raises for an int outside `[-2**63, 2**64 - 1]`,
  /// for callers that hold seeds wider than any Swift integer (`seed` is its
  /// decimal text).
  ///
  /// ```swift
  /// TorchGenerator.seedOutOfRange("18446744073709551616").message
  /// // "Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got 18446744073709551616"
  /// ```
  public static func seedOutOfRange(_ seed: String) -> FrameworkError {
    FrameworkError(
      "Overflow when unpacking long long: the seed must be an int in [-2**63, 2**64 - 1], got \(seed)",
      parameter: "seed")
  }

  static func identity(value: UInt64, call: String?, name: String = "cpu-default") -> StreamIdentity {
    StreamIdentity(
      framework: .torch, name: name, algorithm: .mt19937,
      seedMaterial: "init_genrand(\(UInt32(truncatingIfNeeded: value)))",
      seeding: call.map { .explicit(call: $0) } ?? .entropy)
  }

  /// The number of elements of a tensor of `shape`, with PyTorch's errors.
  ///
  /// ```swift
  /// try TorchGenerator.elementCount(of: [2, 3])     // 6
  /// try TorchGenerator.elementCount(of: [2, -1])    // throws "Trying to create tensor with negative dimension -1: [2, -1]"
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` (naming the parameter `size`) for a
  ///   negative dimension, or when the tensor has more elements than the emulator
  ///   materialises (2^31).
  public static func elementCount(of shape: [Int]) throws -> Int {
    try Shape.elementCount(shape)
  }

  /// Number of 32-bit words drawn since the last seeding: the stream counter.
  public var wordsDrawn: UInt64 { engine.wordsDrawn }

  /// `random()`: one tempered 32-bit word. Not reported (it is not a PyTorch call).
  public mutating func random() -> UInt32 { engine.next() }

  /// `random64()`: two words, the first one the high half. Not reported.
  public mutating func random64() -> UInt64 { engine.next64() }
}

// MARK: - Reporting

extension TorchGenerator {
  /// Sends one report covering the words drawn since `counterBefore`. The
  /// parameter list and values are only built when someone listens.
  @inline(__always)
  func report(
    from counterBefore: UInt64, operation: String, distribution: String,
    parameters: @autoclosure () -> [DrawReport.Parameter], shape: [Int],
    values: @autoclosure () -> DrawnValues?
  ) {
    guard let observer else { return }
    observer.observe(
      DrawReport(
        stream: stream, counterBefore: counterBefore, count: engine.wordsDrawn &- counterBefore,
        operation: operation, distribution: distribution, parameters: parameters(), shape: shape,
        values: values()))
  }
}
