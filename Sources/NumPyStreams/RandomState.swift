import RNGBits
import RNGStreams

/// NumPy's legacy `RandomState`: the stream behind `np.random.seed`,
/// `np.random.rand`, `np.random.randint` and every other module-level
/// `np.random.*` function, and behind `np.random.RandomState(seed)` objects.
///
/// It is a bit generator plus the cached second value of the last polar
/// Box–Muller pair. NumPy's `RandomState` is MT19937 unless built on another
/// bit generator (`RandomState(PCG64(seed))`); it is generic here as
/// ``NumPyGenerator`` is: `RandomState<MT19937>` is `np.random.seed(...)`'s
/// stream, `RandomState<PCG64>` (or `RandomState<NumPyAnyBitGenerator>`,
/// chosen at run time) the legacy samplers over another bit generator, with
/// the same algorithms: `next_double` per double, masked rejection through
/// `next_uint32`/`next_uint64` (a 32-bit draw on a 64-bit generator takes half
/// a 64-bit output and keeps the other half, across calls), the cached polar
/// Gaussian.
///
/// ```swift
/// var rs = try RandomState(seed: 0)                 // np.random.seed(0)
/// try rs.rand(count: 3)   // [0.5488135039273248, 0.7151893663724195, 0.6027633760716439]
/// try rs.randint(low: 0, high: 10, count: 5)        // .int64([5, 0, 3, 3, 7]) after a fresh seed
/// ```
///
/// Every method that draws reports one ``DrawReport`` to ``observer``, with
/// the counter in the bit generator's unit (32-bit words for MT19937, 64-bit
/// outputs for the others); every seeding (``seed(_:)``,
/// ``setState(_:)``, and construction with an `observer`) reports the stream
/// as seeded at that moment. Methods take an element count (the
/// caller flattens shapes in C order) and an optional `shape` used only in
/// the report (`[]` for a Python scalar, `size=None`); it defaults to `[count]`.
///
/// Edge cases:
/// - Integer and list seeds (``init(seed:name:observer:)``,
///   ``seed(_:)``) exist for MT19937 only, as in NumPy ("can only re-seed a
///   MT19937 BitGenerator"). Integer seeds use `init_genrand` and must be in
///   `0...2**32 - 1`; list seeds use `init_by_array` with the same range per
///   element. NumPy first squeezes array seeds, so `seed(np.array([5]))` is
///   the integer seed 5, unlike `seed([5])`: that squeeze is the caller's
///   concern.
/// - Seeding clears the Gaussian cache; the cache survives between calls.
/// - Stream names: `"global"` for the module-level state, `"RandomState#n"`
///   for the n-th user instance (see ``instanceName(_:)``).
public struct RandomState<Bits: NumPyBitSource> {
  /// The bit generator.
  public var bitGenerator: Bits
  /// Whether a cached Gaussian is waiting (`has_gauss`).
  public var hasGauss = false
  /// The cached Gaussian (`gauss`); 0.0 when there is none.
  public var gauss = 0.0
  /// Which stream this is, for draw reports.
  public var identity: StreamIdentity
  /// Receives one report per drawing call; nil costs one check per call.
  public var observer: (any DrawObserver)?

  /// A stream over `bitGenerator`, reported as `identity`. An `observer`
  /// hears the seeding.
  public init(bitGenerator: Bits, identity: StreamIdentity, observer: (any DrawObserver)? = nil) {
    self.bitGenerator = bitGenerator
    self.identity = identity
    self.observer = observer
    reportSeeding()
  }

  /// Tells the observer the stream was just (re)seeded: its counter restarts at 0.
  public func reportSeeding() {
    observer?.observe(seeded: identity, start: bitGenerator.wordsDrawn)
  }

  /// The same stream (state, cache, identity, observer) over another
  /// representation of its bit generator, such as ``NumPyAnyBitGenerator``.
  public func converted<Other: NumPyBitSource>(_ transform: (Bits) -> Other) -> RandomState<Other> {
    var other = RandomState<Other>(bitGenerator: transform(bitGenerator), identity: identity)
    other.hasGauss = hasGauss
    other.gauss = gauss
    other.observer = observer
    return other
  }

  /// Runs `body` on a local copy of the bit generator and stores it back:
  /// the optimiser keeps a local's state in registers, which it cannot do
  /// for a stored property reached through `self`.
  @inline(__always)
  mutating func drawing<R>(_ body: (inout Bits) throws -> R) rethrows -> R {
    var bits = bitGenerator
    defer { bitGenerator = bits }
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
        stream: identity, counterBefore: before, count: bitGenerator.wordsDrawn &- before, operation: operation,
        distribution: distribution, parameters: parameters, shape: shape, values: values))
  }
}
