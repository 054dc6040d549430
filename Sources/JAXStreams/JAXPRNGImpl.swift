/// A JAX PRNG implementation, as `jax.random.key(seed, impl=...)` and
/// `jax_default_prng_impl` name it.
///
/// ```swift
/// JAXPRNGImpl(name: "unsafe_rbg")      // .unsafeRBG
/// JAXPRNGImpl.rbg.keyWords             // 4
/// JAXPRNGImpl.threefry2x32.dtypeName   // "key<fry>"
/// ```
///
/// - `threefry2x32` (the default): two key words; bits, `split` and
///   `fold_in` all hash with Threefry-2x32.
/// - `rbg`: four key words, two Threefry half-keys. `split` and `fold_in`
///   apply Threefry's to each half; bits come from XLA's `RngBitGenerator`,
///   which on the CPU backend is Philox-4x32-10.
/// - `unsafe_rbg`: the same key words and bits as `rbg`; `split` takes every
///   tenth block of `RngBitGenerator` and `fold_in` XORs the key with the
///   last block of `RngBitGenerator` on the key seeded with the data.
///
/// Edge cases: JAX 0.10.2 registers more implementations (`threefry4x32`,
/// `philox2x32`, `philox4x32`); ``init(name:)`` returns nil for those, as for
/// any other name.
public enum JAXPRNGImpl: String, Sendable, Hashable, CaseIterable {
  case threefry2x32
  case rbg
  case unsafeRBG = "unsafe_rbg"

  /// The implementation JAX registers under `name`, among those emulated.
  public init?(name: String) { self.init(rawValue: name) }

  /// JAX's name (`impl=` and `jax_default_prng_impl`).
  public var name: String { rawValue }

  /// The number of uint32 words of one key's `key_data`.
  public var keyWords: Int { self == .threefry2x32 ? 2 : 4 }

  /// The dtype of a typed key array, as JAX prints it (`key<fry>`,
  /// `key<rbg>`, `key<urbg>`).
  public var dtypeName: String {
    switch self {
    case .threefry2x32: return "key<fry>"
    case .rbg: return "key<rbg>"
    case .unsafeRBG: return "key<urbg>"
    }
  }
}
