import RNGBits
import RNGStreams

/// CPython's `random.Random`: MT19937 seeded by `init_by_array`, plus the
/// `gauss` cache.
///
/// The same type serves the module-level `random.*` functions (stream
/// `"global"`), a user's `random.Random(s)` instance (`"Random#n"`, see
/// ``instanceName(_:)``), TensorFlow's private eager op-seed generator and
/// tf-keras's seed generator: all of them are CPython `Random` objects.
///
/// ```swift
/// var r = PythonRandom(seed: 42)
/// r.random()                   // 0.6394267984578837
/// PythonRandom(seed: 42).randint(0, 2_147_483_647)   // 478163327
/// ```
///
/// Every public method that draws reports one ``DrawReport`` to ``observer``
/// (counter in 32-bit MT19937 words), however many words it used; every
/// seeding (``seed(_:)``, `setstate`, and construction with an `observer`)
/// reports the stream as seeded at that moment.
///
/// Edge cases:
/// - Integer seeds use their absolute value: `seed(-42) == seed(42)`.
/// - Seeds wider than 64 bits go through ``init(seedWords:name:observer:)`` with the
///   magnitude's 32-bit words, least significant first; see ``PythonSeed``
///   for floats, strings and bytes.
/// - `seed(0)` seeds with the one word `[0]`.
/// - Copies share the observer; equality and hashing ignore it.
public struct PythonRandom {
  /// The underlying generator.
  public var mt: MT19937
  /// The second value of the last `gauss()` pair, returned by the next call.
  public var gaussNext: Double?
  /// Which stream this is, for draw reports.
  public var identity: StreamIdentity
  /// Receives one report per drawing call; nil costs one check per call.
  public var observer: (any DrawObserver)?

  /// The stream name of the n-th `random.Random(...)` a program creates.
  public static func instanceName(_ n: Int) -> String { "Random#\(n)" }

  /// Seeds from the magnitude's 32-bit words, least significant first
  /// (`random.seed(n)` for any int `n`). An `observer` hears the seeding.
  public init(seedWords: [UInt32], name: String = "global", observer: (any DrawObserver)? = nil) {
    let key = PythonSeed.trimmed(seedWords)
    self.init(key: key, name: name, literal: Self.literal(ofWords: key), observer: observer)
  }

  /// `random.seed(seed)` for an int that fits in 64 bits.
  public init(seed: Int64, name: String = "global", observer: (any DrawObserver)? = nil) {
    self.init(
      key: PythonSeed.trimmed(PythonSeed.words(of: seed.magnitude)), name: name, literal: "\(seed)", observer: observer)
  }

  /// `random.seed(a)` / `random.Random(a)` for any supported seed.
  ///
  /// - Throws: ``FrameworkError`` for a NaN float (see ``PythonSeed``).
  public init(seed: PythonSeed, name: String = "global", observer: (any DrawObserver)? = nil) throws {
    self.init(key: try seed.keyWords(), name: name, literal: seed.pythonLiteral, observer: observer)
  }

  init(key: [UInt32], name: String, literal: String, observer: (any DrawObserver)? = nil) {
    mt = MT19937(key: key)
    gaussNext = nil
    let call = name == "global" ? "random.seed(\(literal))" : "random.Random(\(literal))"
    identity = StreamIdentity(
      framework: .python, name: name, algorithm: .mt19937,
      seedMaterial: "init_by_array([\(key.map(String.init).joined(separator: ", "))])",
      seeding: .explicit(call: call))
    self.observer = observer
    reportSeeding()
  }

  /// `random.seed(a)` in place: new state, `gauss_next` cleared, observer kept;
  /// the observer hears the seeding. `call` names the user's call when a
  /// library seeds `random` for them (`keras.utils.set_random_seed(1337)`).
  public mutating func seed(_ a: PythonSeed, call: String? = nil) throws {
    let fresh = try PythonRandom(seed: a, name: identity.name)
    mt = fresh.mt
    gaussNext = nil
    identity = fresh.identity
    if let call { identity.seeding = .explicit(call: call) }
    reportSeeding()
  }

  /// Tells the observer the stream was just (re)seeded: its counter restarts at 0.
  public func reportSeeding() {
    observer?.observe(seeded: identity, start: mt.wordsDrawn)
  }

  /// The 32-bit words of `magnitude`, least significant first (`[0]` for 0).
  public static func words(of magnitude: UInt64) -> [UInt32] {
    PythonSeed.trimmed(PythonSeed.words(of: magnitude))
  }

  static func literal(ofWords words: [UInt32]) -> String {
    if words.count <= 2 {
      return "\(UInt64(words[0]) | (words.count > 1 ? UInt64(words[1]) << 32 : 0))"
    }
    return PythonSeed.bigInt(magnitude: words, negative: false).pythonLiteral
  }

  /// Sends one report; callers check `observer != nil` first.
  func report(
    _ operation: String, _ distribution: String, _ parameters: [DrawReport.Parameter],
    shape: [Int] = [], from before: UInt64, values: DrawnValues?
  ) {
    observer?.observe(
      DrawReport(
        stream: identity, counterBefore: before, count: mt.wordsDrawn &- before, operation: operation,
        distribution: distribution, parameters: parameters, shape: shape, values: values))
  }

  // MARK: Core draws

  /// `random()`: a 53-bit double in [0, 1), two words.
  public mutating func random() -> Double {
    let before = mt.wordsDrawn
    let value = mt.nextDouble53()
    if observer != nil { report("random", "uniform", [], from: before, values: .float64([value])) }
    return value
  }

  /// `getrandbits(k)` for `0 <= k <= 64`: words are filled least significant
  /// first and the last word keeps its high bits.
  ///
  /// - Precondition: `k <= 64`. Use ``getrandbitsWords(_:)`` for any `k`.
  public mutating func getrandbits(_ k: Int) -> UInt64 {
    precondition((0...64).contains(k), "getrandbits(k) handles k <= 64 here")
    let before = mt.wordsDrawn
    let value = bits(k)
    if observer != nil { report("getrandbits", "bits", [.init("k", "\(k)")], from: before, values: .uint64([value])) }
    return value
  }

  /// `_randbelow(n)`: `getrandbits(n.bit_length())` until the result is below `n`.
  ///
  /// - Precondition: `n > 0`.
  public mutating func randbelow(_ n: UInt64) -> UInt64 {
    precondition(n > 0, "randbelow needs n > 0")
    let before = mt.wordsDrawn
    let value = below(n)
    if observer != nil { report("_randbelow", "integers", [.init("n", "\(n)")], from: before, values: .uint64([value])) }
    return value
  }

  /// `randint(a, b)`: uniform in `a...b`, inclusive.
  ///
  /// - Precondition: `a <= b`. ``randint(a:b:)`` throws instead.
  public mutating func randint(_ a: Int64, _ b: Int64) -> Int64 {
    precondition(a <= b, "randint needs a <= b")
    let before = mt.wordsDrawn
    let value = a &+ Int64(bitPattern: below(span: UInt64(bitPattern: b &- a)))
    if observer != nil {
      report("randint", "integers", [.init("a", "\(a)"), .init("b", "\(b)")], from: before, values: .int64([value]))
    }
    return value
  }

  // MARK: Unreported primitives (one public call reports once)

  /// `getrandbits(k)`, `k <= 64`, without a report.
  @inline(__always)
  mutating func bits(_ k: Int) -> UInt64 {
    if k == 0 { return 0 }
    if k <= 32 { return UInt64(mt.next() >> UInt32(32 - k)) }
    let low = UInt64(mt.next())
    let high = UInt64(mt.next() >> UInt32(64 - k))
    return (high << 32) | low
  }

  /// `_randbelow(span + 1)` without a report, for any `span` including
  /// `UInt64.max` (where `n = 2**64` has 65 bits and each try takes three words).
  mutating func below(span: UInt64) -> UInt64 {
    if span == UInt64.max {
      let words = belowWords([0, 0, 1])
      return UInt64(words[0]) | (words.count > 1 ? UInt64(words[1]) << 32 : 0)
    }
    return below(span + 1)
  }

  /// `_randbelow(n)` without a report.
  @inline(__always)
  mutating func below(_ n: UInt64) -> UInt64 {
    let k = UInt64.bitWidth - n.leadingZeroBitCount
    var r = bits(k)
    while r >= n { r = bits(k) }
    return r
  }
}

extension PythonRandom: Equatable {
  /// Same generator state, cache and identity (the observer is ignored).
  public static func == (lhs: PythonRandom, rhs: PythonRandom) -> Bool {
    lhs.mt == rhs.mt && lhs.gaussNext == rhs.gaussNext && lhs.identity == rhs.identity
  }
}

extension PythonRandom: Hashable {
  /// Hashes the generator state, cache and identity (not the observer).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(mt)
    hasher.combine(gaussNext)
    hasher.combine(identity)
  }
}

/// The observer is a reference the owner calls synchronously; the generator
/// state itself is a value. Kept `Sendable` for the streams that embed it.
extension PythonRandom: @unchecked Sendable {}
