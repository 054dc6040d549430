/// One JAX PRNG key: its implementation and its data words, in `key_data()`
/// order.
///
/// ```swift
/// let random = JAXRandom()
/// let key = try random.key(42)                 // typed key, key_data = [0, 42]
/// key.data                                     // [0, 42]
/// key.description                              // "key(0,42)"
/// let rbg = try random.key(42, impl: .rbg)     // key_data = [0, 42, 0, 42]
/// rbg.description                              // "key<rbg>(0,42,0,42)"
/// ```
///
/// JAX has two spellings of the same key data: a *typed* key
/// (`jax.random.key(seed)`, dtype `key<fry>`) and a *raw* key
/// (`jax.random.PRNGKey(seed)`, a `uint32` array). Random values only depend
/// on ``impl`` and the data words; ``isTyped`` records which spelling the
/// user holds, so that `split` and `fold_in` can hand back the same spelling
/// as JAX does.
///
/// Edge cases: ``hi`` is the *first* word (`key_data()[0]`), which holds the
/// high 32 bits of a 64-bit seed, and is 0 for every seed in the default
/// x32 mode. An `rbg` or `unsafe_rbg` key has four words: two Threefry
/// half-keys, (``hi``, ``lo``) then ``second``.
public struct JAXKey: Hashable, Sendable, CustomStringConvertible {
  /// `key_data()[0]`.
  public var hi: UInt32
  /// `key_data()[1]`.
  public var lo: UInt32
  /// `key_data()[2...3]` of an `rbg` / `unsafe_rbg` key; zero for Threefry.
  public var second: SIMD2<UInt32>
  /// The PRNG implementation.
  public var impl: JAXPRNGImpl
  /// True for a typed key (`key`, dtype `key<fry>`), false for a raw
  /// `uint32` key (`PRNGKey`).
  public var isTyped: Bool

  /// A `threefry2x32` key from its two data words.
  public init(hi: UInt32, lo: UInt32, isTyped: Bool = true) {
    self.init(impl: .threefry2x32, hi: hi, lo: lo, second: .zero, isTyped: isTyped)
  }

  /// A key of `impl` from its first two data words and, for the four-word
  /// implementations, the last two.
  public init(impl: JAXPRNGImpl, hi: UInt32, lo: UInt32, second: SIMD2<UInt32>, isTyped: Bool = true) {
    self.hi = hi
    self.lo = lo
    self.second = impl.keyWords == 4 ? second : .zero
    self.impl = impl
    self.isTyped = isTyped
  }

  /// A key of `impl` from its `key_data` words; nil unless there are
  /// `impl.keyWords` of them.
  public init?(impl: JAXPRNGImpl, data: some Collection<UInt32>, isTyped: Bool = true) {
    guard data.count == impl.keyWords else { return nil }
    let w = Array(data)
    self.init(impl: impl, hi: w[0], lo: w[1], second: impl.keyWords == 4 ? SIMD2(w[2], w[3]) : .zero, isTyped: isTyped)
  }

  /// `key_data(key)`: `[hi, lo]`, or four words for `rbg` / `unsafe_rbg`.
  public var data: [UInt32] { impl.keyWords == 4 ? [hi, lo, second[0], second[1]] : [hi, lo] }

  /// The same key data spelled as a typed or a raw key.
  public func spelled(typed: Bool) -> JAXKey {
    var key = self
    key.isTyped = typed
    return key
  }

  /// The Threefry key words (the first half-key of an `rbg` key).
  var words: SIMD2<UInt32> { SIMD2(hi, lo) }

  /// `"key(hi,lo)"` for Threefry, `"key<rbg>(a,b,c,d)"` /
  /// `"key<urbg>(a,b,c,d)"` otherwise, in decimal; also the name of the
  /// stream this key keys.
  public var description: String {
    impl == .threefry2x32 ? "key(\(hi),\(lo))" : "\(impl.dtypeName)(" + data.map(String.init).joined(separator: ",") + ")"
  }
}
