import JAXStreams

extension ArrayObject {
  /// A JAX key array: typed keys (dtype `key<fry>`, `key<rbg>` or
  /// `key<urbg>`, what `key(0)` and `split(key(0))` give) or raw `uint32`
  /// key data (what `PRNGKey(0)` gives). Either way the tensor's shape is
  /// the key shape followed by the key's word count (2, or 4 for `rbg`).
  ///
  /// All keys share `impl` (nil: the implementation of the first key, or
  /// Threefry for no keys).
  convenience init(jaxKeys keys: [JAXKey], shape: [Int], typed: Bool, impl: JAXPRNGImpl? = nil) {
    let impl = impl ?? keys.first?.impl ?? .threefry2x32
    let words = keys.flatMap(\.data)
    let tensor =
      typed
      ? Tensor(dtype: impl.keyDType, shape: shape + [impl.keyWords], storage: .unsigned(words.map(UInt64.init)))
      : Tensor(dtype: .uint32, shape: shape + [impl.keyWords], storage: .int(words.map(Int64.init)))
    self.init(tensor, kind: .jax)
  }

  /// The keys this array holds, its key shape, and whether they are typed:
  /// a typed key array, or a `uint32` array whose last axis has the word
  /// count of `rawImpl` (raw key data, read as JAX reads it under
  /// `jax_default_prng_impl`). Nil for anything else.
  func jaxKeys(rawImpl: JAXPRNGImpl) -> (keys: [JAXKey], shape: [Int], typed: Bool)? {
    let typed: Bool
    let impl: JAXPRNGImpl
    switch tensor.dtype {
    case .threefryKey: (typed, impl) = (true, .threefry2x32)
    case .rbgKey: (typed, impl) = (true, .rbg)
    case .unsafeRBGKey: (typed, impl) = (true, .unsafeRBG)
    case .uint32: (typed, impl) = (false, rawImpl)
    default: return nil
    }
    let width = impl.keyWords
    guard tensor.shape.last == width else { return nil }
    let words: [UInt32]
    switch tensor.storage {
    case .int(let v): words = v.map { UInt32(truncatingIfNeeded: $0) }
    case .unsigned(let v): words = v.map { UInt32(truncatingIfNeeded: $0) }
    default: return nil
    }
    let keys = stride(from: 0, to: words.count, by: width).map {
      JAXKey(impl: impl, data: words[$0 ..< $0 + width], isTyped: typed)!
    }
    return (keys, Array(tensor.shape.dropLast()), typed)
  }
}

extension ArrayObject {
  /// The keys of a Threefry key array or of raw two-word key data (what
  /// Flax and Keras take); see ``jaxKeys(rawImpl:)``.
  var jaxKeys: (keys: [JAXKey], shape: [Int], typed: Bool)? { jaxKeys(rawImpl: .threefry2x32) }
}

extension JAXPRNGImpl {
  /// The dtype of a typed key array of this implementation.
  var keyDType: DType {
    switch self {
    case .threefry2x32: return .threefryKey
    case .rbg: return .rbgKey
    case .unsafeRBG: return .unsafeRBGKey
    }
  }
}
