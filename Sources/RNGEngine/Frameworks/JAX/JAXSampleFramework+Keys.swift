import JAXStreams
import PythonSubset

extension JAXSampleFramework {
  /// `key`, `PRNGKey`, `split`, `fold_in`, `key_data`, `wrap_key_data`.
  static func defineKeyFunctions(in ns: Namespace, _ random: JAXRandom) {
    let raw = random.config.defaultImpl
    ns.define("key(seed, *, impl=None, dtype=None)") { args in
      let impl = try prngImpl(args)
      try args.requireNone("dtype")
      let seed = try args.jaxInt64("seed")
      let key = try args.framework { try random.key(seed, impl: impl) }
      return .object(ArrayObject(jaxKeys: [key], shape: [], typed: true))
    }
    ns.define("PRNGKey(seed, *, impl=None)") { args in
      let impl = try prngImpl(args)
      let seed = try args.jaxInt64("seed")
      let key = try args.framework { try random.prngKey(seed, impl: impl) }
      return .object(ArrayObject(jaxKeys: [key], shape: [], typed: false))
    }
    ns.define("split(key, num=2)") { args in
      let key = try args.jaxKey("key", raw: raw)
      let shape = try args.jaxShape("num", default: [2])
      let keys = try args.framework { try random.split(key, shape: shape) }
      return .object(ArrayObject(jaxKeys: keys, shape: shape, typed: key.isTyped, impl: key.impl))
    }
    ns.define("fold_in(key, data)") { args in
      let key = try args.jaxKey("key", raw: raw)
      let data = try args.requiredInt("data")
      guard let word = data.int64 else {
        throw args.error("data", "fold_in data must be a uint32 between 0 and 4294967295, got \(data).")
      }
      let folded = try args.framework { try random.foldIn(key, word) }
      return .object(ArrayObject(jaxKeys: [folded], shape: [], typed: key.isTyped))
    }
    ns.define("key_data(keys)") { args in
      // The raw spelling of a key array is its key data.
      let (keys, shape, _) = try args.jaxKeyArray("keys", raw: raw)
      return .object(ArrayObject(jaxKeys: keys, shape: shape, typed: false, impl: keys.first?.impl ?? raw))
    }
    ns.define("wrap_key_data(key_bits_array, *, impl=None, dtype=None)") { args in
      let impl = try prngImpl(args) ?? raw
      try args.requireNone("dtype")
      let v = args.value("key_bits_array") ?? .none
      guard case .object(let o) = v, let array = o as? ArrayObject, let (keys, shape, typed) = array.jaxKeys(rawImpl: impl), !typed
      else {
        throw args.error(
          "key_bits_array",
          "wrap_key_data() argument 'key_bits_array' must be a uint32 array whose last axis has length \(impl.keyWords) (one \(impl.name) key), got \(JAXBinding.describe(v))"
        )
      }
      let wrapped = try args.framework { try keys.map { try random.wrapKeyData($0.data, impl: impl) } }
      return .object(ArrayObject(jaxKeys: wrapped, shape: shape, typed: true, impl: impl))
    }
  }

  /// The `impl` argument: None (the default implementation) or the name of
  /// an emulated one.
  static func prngImpl(_ args: BoundArguments) throws -> JAXPRNGImpl? {
    guard let v = args.value("impl"), !v.isNone else { return nil }
    if case .string(let name) = v, let impl = JAXPRNGImpl(name: name) { return impl }
    throw args.error(
      "impl",
      "\(args.signature.name)() argument 'impl' is emulated for None, 'threefry2x32', 'rbg' and 'unsafe_rbg', got \(JAXBinding.describe(v))")
  }
}
