import RNGBits
import RNGStreams

/// NumPy's legacy `RandomState`: the stream behind `np.random.seed`,
/// `np.random.rand`, `np.random.randint` and every other module-level
/// `np.random.*` function, and behind `np.random.RandomState(seed)` objects.
///
/// It is an MT19937 generator plus the cached second value of the last
/// polar Box–Muller pair.
///
/// ```swift
/// var rs = try RandomState(seed: 0)                 // np.random.seed(0)
/// try rs.rand(count: 3)   // [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
/// try rs.randint(low: 0, high: 10, count: 5)        // .int64([5, 0, 3, 3, 7]) after a fresh seed
/// ```
///
/// Every method that draws reports one ``DrawReport`` to ``observer``, with
/// the counter in 32-bit MT19937 words; every seeding (``seed(_:)``,
/// ``setState(_:)``, and construction with an `observer`) reports the stream
/// as seeded at that moment. Methods take an element count (the
/// caller flattens shapes in C order) and an optional `shape` used only in
/// the report (`[]` for a Python scalar, `size=None`); it defaults to `[count]`.
///
/// Edge cases:
/// - Integer seeds use `init_genrand` and must be in `0...2**32 - 1`; list
///   seeds use `init_by_array` with the same range per element. NumPy first
///   squeezes array seeds, so `seed(np.array([5]))` is the integer seed 5,
///   unlike `seed([5])`: that squeeze is the caller's concern.
/// - Seeding clears the Gaussian cache; the cache survives between calls.
/// - Stream names: `"global"` for the module-level state, `"RandomState#n"`
///   for the n-th user instance (see ``instanceName(_:)``).
public struct RandomState {
  /// The generator.
  public var mt: MT19937
  /// Whether a cached Gaussian is waiting (`has_gauss`).
  public var hasGauss = false
  /// The cached Gaussian (`gauss`); 0.0 when there is none.
  public var gauss = 0.0
  /// Which stream this is, for draw reports.
  public var identity: StreamIdentity
  /// Receives one report per drawing call; nil costs one check per call.
  public var observer: (any DrawObserver)?

  /// The stream name of the n-th `np.random.RandomState(...)` a program creates.
  public static func instanceName(_ n: Int) -> String { "RandomState#\(n)" }

  /// `np.random.seed(seed)` / `RandomState(seed)` for an integer seed:
  /// `init_genrand(seed)`. An `observer` hears the seeding.
  ///
  /// - Throws: ``FrameworkError`` when `seed` is outside `0...2**32 - 1`.
  public init(seed: Int128, name: String = "global", observer: (any DrawObserver)? = nil) throws {
    let word = try Self.seedWord(seed)
    mt = MT19937(seed: word)
    identity = Self.identity(name: name, material: "init_genrand(\(word))", call: Self.seedCall(name, "\(seed)"))
    self.observer = observer
    reportSeeding()
  }

  /// `np.random.seed([w0, w1, ...])` for a list or 1-D array: `init_by_array`.
  ///
  /// - Throws: ``FrameworkError`` when the list is empty or an element is
  ///   outside `0...2**32 - 1`.
  public init(seedArray: [Int128], name: String = "global", observer: (any DrawObserver)? = nil) throws {
    let words = try Self.seedWords(seedArray)
    mt = MT19937(key: words)
    let list = words.map(String.init).joined(separator: ", ")
    identity = Self.identity(
      name: name, material: "init_by_array([\(list)])", call: Self.seedCall(name, "[\(list)]"))
    self.observer = observer
    reportSeeding()
  }

  /// Reseeds in place (`np.random.seed(seed)`), clearing the Gaussian cache.
  /// The observer stays attached.
  public mutating func seed(_ seed: Int128) throws {
    let fresh = try RandomState(seed: seed, name: identity.name)
    adopt(fresh)
  }

  /// Reseeds in place from a list (`np.random.seed([...])`).
  public mutating func seed(array: [Int128]) throws {
    let fresh = try RandomState(seedArray: array, name: identity.name)
    adopt(fresh)
  }

  mutating func adopt(_ fresh: RandomState) {
    mt = fresh.mt
    hasGauss = false
    gauss = 0
    identity = fresh.identity
    reportSeeding()
  }

  /// Tells the observer the stream was just (re)seeded: its counter restarts at 0.
  public func reportSeeding() {
    observer?.observe(seeded: identity, start: mt.wordsDrawn)
  }

  static func seedWord(_ seed: Int128) throws -> UInt32 {
    guard let word = UInt32(exactly: seed) else {
      throw FrameworkError("Seed must be between 0 and 2**32 - 1", parameter: "seed")
    }
    return word
  }

  static func seedWords(_ seeds: [Int128]) throws -> [UInt32] {
    if seeds.isEmpty { throw FrameworkError("Seed must be non-empty", parameter: "seed") }
    return try seeds.map(seedWord)
  }

  static func seedCall(_ name: String, _ argument: String) -> String {
    name == "global" ? "np.random.seed(\(argument))" : "np.random.RandomState(\(argument))"
  }

  static func identity(name: String, material: String, call: String) -> StreamIdentity {
    StreamIdentity(framework: .numpy, name: name, algorithm: .mt19937, seedMaterial: material, seeding: .explicit(call: call))
  }

  /// An MT19937 parked in `mt` while a bulk loop works on a local copy.
  static let vacant = MT19937(seed: 0)

  /// Runs `body` on the generator moved into a local (so the loop keeps its
  /// position in registers and the state buffer stays uniquely referenced),
  /// then moves it back.
  @inline(__always)
  mutating func drawing<R>(_ body: (inout MT19937) throws -> R) rethrows -> R {
    var bits = mt
    mt = Self.vacant
    defer { mt = bits }
    return try body(&bits)
  }

  /// Sends one report to the observer. Callers check `observer != nil` first
  /// so that building the report costs nothing when nobody listens.
  func report(
    _ operation: String, _ distribution: String, _ parameters: [DrawReport.Parameter],
    shape: [Int], from before: UInt64, values: DrawnValues?
  ) {
    observer?.observe(
      DrawReport(
        stream: identity, counterBefore: before, count: mt.wordsDrawn &- before, operation: operation,
        distribution: distribution, parameters: parameters, shape: shape, values: values))
  }
}
