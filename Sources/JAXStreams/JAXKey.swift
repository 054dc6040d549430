/// One JAX PRNG key for the default `threefry2x32` implementation: two
/// 32-bit words, in `key_data()` order.
///
/// ```swift
/// let random = JAXRandom()
/// let key = try random.key(42)        // typed key, key_data = [0, 42]
/// key.data                            // [0, 42]
/// key.description                     // "key(0,42)"
/// ```
///
/// JAX has two spellings of the same 64 bits of key data: a *typed* key
/// (`jax.random.key(seed)`, dtype `key<fry>`) and a *raw* key
/// (`jax.random.PRNGKey(seed)`, a `uint32[2]` array). Random values only depend
/// on ``hi`` and ``lo``; ``isTyped`` records which spelling the user holds, so
/// that `split` and `fold_in` can hand back the same spelling as JAX does.
///
/// Edge cases: ``hi`` is the *first* word (`key_data()[0]`), which holds the
/// high 32 bits of a 64-bit seed, and is 0 for every seed in the default
/// x32 mode.
public struct JAXKey: Hashable, Sendable, CustomStringConvertible {
  /// `key_data()[0]`.
  public var hi: UInt32
  /// `key_data()[1]`.
  public var lo: UInt32
  /// True for a typed key (`key`, dtype `key<fry>`), false for a raw
  /// `uint32[2]` key (`PRNGKey`).
  public var isTyped: Bool

  /// A key from its two data words.
  public init(hi: UInt32, lo: UInt32, isTyped: Bool = true) {
    self.hi = hi
    self.lo = lo
    self.isTyped = isTyped
  }

  /// `key_data(key)`: `[hi, lo]`.
  public var data: [UInt32] { [hi, lo] }

  /// The same key data spelled as a typed or a raw key.
  public func spelled(typed: Bool) -> JAXKey { JAXKey(hi: hi, lo: lo, isTyped: typed) }

  /// The Threefry key words.
  var words: SIMD2<UInt32> { SIMD2(hi, lo) }

  /// `"key(hi,lo)"`, in decimal; also the name of the stream this key keys.
  public var description: String { "key(\(hi),\(lo))" }
}
