import PythonStreams
import RNGBits
import RNGStreams

/// The private `random.Random(global_seed)` that TensorFlow's eager
/// context draws op seeds from when an op has no `seed=`.
///
/// `tf.random.set_seed(s)` creates it; every seedless eager random op then
/// takes `randint(0, 2**31 - 1)` from it (one 32-bit Mersenne Twister word,
/// redrawn while it is at least 2**31). It is a stream like any other: its
/// counter counts those words.
///
/// ```swift
/// var g = EagerOpSeedGenerator(globalSeed: 1234)
/// g.next(observer: nil)   // 1892932127
/// g.next(observer: nil)   // 501869158
/// ```
///
/// Edge cases: the Random is seeded with the *untruncated* global seed
/// (negative seeds by their absolute value, as CPython does), while the
/// kernel's `seed` attribute is the truncated one.
public struct EagerOpSeedGenerator: Sendable, Hashable {
  /// The generator.
  public private(set) var random: PythonRandom
  /// The stream the draws are reported on.
  public internal(set) var stream: StreamIdentity

  /// `random.Random(globalSeed)`.
  ///
  /// - Parameter instance: how many generators the context created before
  ///   this one; from 1 on the stream is named `eager-op-seeds#instance`.
  public init(globalSeed: Int64, instance: Int = 0) {
    random = PythonRandom(seed: globalSeed)
    stream = StreamIdentity(
      framework: .tensorflow, name: Self.name(instance), algorithm: .mt19937,
      seedMaterial: "init_by_array(\(PythonRandom.words(of: globalSeed.magnitude)))",
      seeding: .explicit(call: "tf.random.set_seed(\(globalSeed))"))
  }

  /// `random.Random(seed)` for an int of any size, given as its sign and
  /// its magnitude's 32-bit words, least significant first (CPython seeds
  /// with the magnitude, so the sign only shows in the seeding call).
  ///
  /// ```swift
  /// var g = EagerOpSeedGenerator(globalSeedMagnitude: [0, 0, 1], negative: false)   // set_seed(2**64)
  /// ```
  public init(globalSeedMagnitude words: [UInt32], negative: Bool, instance: Int = 0) {
    var key = words
    while key.count > 1, key.last == 0 { key.removeLast() }
    if key.isEmpty { key = [0] }
    random = PythonRandom(seedWords: key)
    stream = StreamIdentity(
      framework: .tensorflow, name: Self.name(instance), algorithm: .mt19937,
      seedMaterial: "init_by_array(\(key))",
      seeding: .explicit(call: "tf.random.set_seed(\(PythonSeed.bigInt(magnitude: key, negative: negative).pythonLiteral))"))
  }

  /// `random.Random()` seeded from entropy (`tf.random.set_seed(None)`).
  init(entropyInstance instance: Int) {
    var system = SystemRandomNumberGenerator()
    let words = (0..<4).map { _ in UInt32(truncatingIfNeeded: system.next()) }
    random = PythonRandom(seedWords: words)
    stream = StreamIdentity(
      framework: .tensorflow, name: Self.name(instance), algorithm: .mt19937,
      seedMaterial: "init_by_array(\(words))", seeding: .entropy)
  }

  static func name(_ instance: Int) -> String {
    instance > 0 ? "eager-op-seeds#\(instance)" : "eager-op-seeds"
  }

  /// Words drawn so far.
  public var counter: UInt64 { random.mt.wordsDrawn }

  /// `internal_operation_seed()`: the next op seed, reported as one draw.
  public mutating func next(observer: (any DrawObserver)?) -> Int64 {
    let before = random.mt.wordsDrawn
    let value = random.randint(0, TensorFlowSeeds.maxInt32)
    observer?.observe(
      DrawReport(
        stream: stream, counterBefore: before, count: random.mt.wordsDrawn - before,
        operation: "internal_operation_seed", distribution: "integers",
        parameters: [.init("a", "0"), .init("b", "2147483647")], shape: [], values: .int64([value])))
    return value
  }
}
