import JAXStreams

extension ArrayObject {
  /// A JAX key array: typed keys (dtype `key<fry>`, what `key(0)` and
  /// `split(key(0))` give) or raw `uint32` key data (what `PRNGKey(0)`
  /// gives). Either way the tensor's shape is the key shape followed by 2,
  /// the two data words of each key.
  convenience init(jaxKeys keys: [JAXKey], shape: [Int], typed: Bool) {
    let words = keys.flatMap(\.data)
    let tensor =
      typed
      ? Tensor(dtype: .threefryKey, shape: shape + [2], storage: .unsigned(words.map(UInt64.init)))
      : Tensor(dtype: .uint32, shape: shape + [2], storage: .int(words.map(Int64.init)))
    self.init(tensor, kind: .jax)
  }

  /// The keys this array holds, its key shape, and whether they are typed:
  /// a `key<fry>` array, or a `uint32` array whose last axis has length 2
  /// (raw key data). Nil for anything else.
  var jaxKeys: (keys: [JAXKey], shape: [Int], typed: Bool)? {
    let typed: Bool
    switch tensor.dtype {
    case .threefryKey: typed = true
    case .uint32: typed = false
    default: return nil
    }
    guard tensor.shape.last == 2 else { return nil }
    let words: [UInt32]
    switch tensor.storage {
    case .int(let v): words = v.map { UInt32(truncatingIfNeeded: $0) }
    case .unsigned(let v): words = v.map { UInt32(truncatingIfNeeded: $0) }
    default: return nil
    }
    let keys = stride(from: 0, to: words.count, by: 2).map { JAXKey(hi: words[$0], lo: words[$0 + 1], isTyped: typed) }
    return (keys, Array(tensor.shape.dropLast()), typed)
  }
}
