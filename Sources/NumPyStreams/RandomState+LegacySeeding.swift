import RNGBits
import RNGStreams

/// The legacy seedings of `RandomState` over MT19937: `np.random.seed(seed)`
/// and `RandomState(seed)` for an int (`init_genrand`) or a list
/// (`init_by_array`). NumPy has them for MT19937 only: `seed` on a
/// `RandomState` over another bit generator raises "can only re-seed a
/// MT19937 BitGenerator".
///
/// ```swift
/// var rs = try RandomState(seed: 0)                  // np.random.seed(0)
/// try rs.seed(array: [1, 2, 3])                      // np.random.seed([1, 2, 3])
/// ```
extension RandomState where Bits == MT19937 {
  /// The stream name of the n-th `np.random.RandomState(...)` a program creates.
  public static func instanceName(_ n: Int) -> String { "RandomState#\(n)" }

  /// `np.random.seed(seed)` / `RandomState(seed)` for an integer seed:
  /// `init_genrand(seed)`. An `observer` hears the seeding.
  ///
  /// - Throws: ``FrameworkError`` when `seed` is outside `0...2**32 - 1`.
  public init(seed: Int128, name: String = "global", observer: (any DrawObserver)? = nil) throws {
    let word = try Self.seedWord(seed)
    self.init(
      bitGenerator: MT19937(seed: word),
      identity: Self.identity(name: name, material: "init_genrand(\(word))", call: Self.seedCall(name, "\(seed)")),
      observer: observer)
  }

  /// `np.random.seed([w0, w1, ...])` for a list or 1-D array: `init_by_array`.
  ///
  /// - Throws: ``FrameworkError`` when the list is empty or an element is
  ///   outside `0...2**32 - 1`.
  public init(seedArray: [Int128], name: String = "global", observer: (any DrawObserver)? = nil) throws {
    let words = try Self.seedWords(seedArray)
    let list = words.map(String.init).joined(separator: ", ")
    self.init(
      bitGenerator: MT19937(key: words),
      identity: Self.identity(name: name, material: "init_by_array([\(list)])", call: Self.seedCall(name, "[\(list)]")),
      observer: observer)
  }

  /// Reseeds in place (`np.random.seed(seed)`), clearing the Gaussian cache.
  /// The observer stays attached.
  public mutating func seed(_ seed: Int128) throws {
    adopt(try RandomState(seed: seed, name: identity.name))
  }

  /// Reseeds in place from a list (`np.random.seed([...])`).
  public mutating func seed(array: [Int128]) throws {
    adopt(try RandomState(seedArray: array, name: identity.name))
  }

  mutating func adopt(_ fresh: RandomState) {
    bitGenerator = fresh.bitGenerator
    hasGauss = false
    gauss = 0
    identity = fresh.identity
    reportSeeding()
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
}
