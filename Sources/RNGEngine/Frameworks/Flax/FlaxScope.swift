import JAXStreams
import RNGDigest
import RNGStreams

/// One module's place in a Flax `init` or `apply`: its path from the top
/// module, its part of the variables, and its PRNG counters — what
/// `flax.core.scope.Scope` keeps.
///
/// ```swift
/// let root = FlaxScope(path: [], rngs: ["params": key], params: DictObject(), initializing: true)
/// let dense = root.child("Dense_0")
/// try dense.rngKey("params", random)   // fold_in(key, sha1("Dense_0", 1)[:4])
/// ```
///
/// Every `make_rng(collection)` counts per scope and collection; the key is
/// the collection's root key folded once with the first four bytes (big
/// endian) of the SHA-1 of the path names and the count (the count as its
/// minimal big-endian bytes), which is `LazyRng.as_jax_rng` with
/// `flax_fix_rng_separator` off, Flax 0.12.8's default.
final class FlaxScope {
  let path: [String]
  let rngs: [String: JAXKey]
  /// This scope's `params` dict (nil in `apply` for a module without parameters).
  var params: DictObject?
  let initializing: Bool
  let parent: FlaxScope?
  private var counters: [String: Int] = [:]
  private var children: [String: FlaxScope] = [:]
  /// Auto-naming counters of compact submodules, per class name.
  private var nameCounters: [String: Int] = [:]

  init(path: [String], rngs: [String: JAXKey], params: DictObject?, initializing: Bool, parent: FlaxScope? = nil) {
    self.parent = parent
    self.path = path
    self.rngs = rngs
    self.params = params
    self.initializing = initializing
  }

  /// The scope of the submodule `name` (the same one when asked again).
  func child(_ name: String) -> FlaxScope {
    if let c = children[name] { return c }
    var sub: DictObject?
    if case .object(let d as DictObject)? = params?[.string(name)] { sub = d }
    let made = FlaxScope(path: path + [name], rngs: rngs, params: sub, initializing: initializing, parent: self)
    children[name] = made
    return made
  }

  /// The next automatic name for a compact submodule of class `className` (`Dense_0`, `Dense_1`).
  func autoName(_ className: String) -> String {
    let n = nameCounters[className, default: 0]
    nameCounters[className] = n + 1
    return "\(className)_\(n)"
  }

  /// The dict of this scope's parameters, made (and linked into the parent's) on first use.
  func ensureParams() -> DictObject {
    if let params { return params }
    let made = DictObject()
    params = made
    if let parent, let name = path.last { parent.ensureParams()[.string(name)] = .object(made) }
    return made
  }

  /// The collection `make_rng` uses: `collection` when given, else `params`
  /// (Flax falls back to it), nil when neither was passed.
  func rngCollection(_ collection: String) -> String? {
    if rngs[collection] != nil { return collection }
    return rngs["params"] != nil ? "params" : nil
  }

  /// Flax's `InvalidRngError`: a module asked for a PRNG collection nobody passed.
  struct InvalidRng: Error {
    var message: String
  }

  /// `make_rng(collection)`: the key for the next draw in this scope,
  /// reported as a `flax.make_rng` derivation of the collection's key.
  func rngKey(_ collection: String, _ random: JAXRandom) throws -> JAXKey {
    guard let name = rngCollection(collection), let root = rngs[name] else {
      throw InvalidRng(message: "\(path.isEmpty ? "the module" : path.joined(separator: "/")) needs PRNG for \"\(collection)\"; pass rngs={'\(collection)': key}")
    }
    let count = counters[name, default: 0] + 1
    counters[name] = count
    let word = Self.hashWord(path, count)
    // Flax's fold is a key derivation, not a draw the script sees: reported as one derivation.
    var silent = random
    silent.observer = nil
    let key = try silent.foldIn(root, word)
    random.observer?.observe(SeedDerivation(
      rule: "flax.make_rng",
      inputs: [.init("key", root.description), .init("collection", name), .init("path", path.joined(separator: "/")),
               .init("count", String(count)), .init("fold_in", String(word))],
      result: key.description, derived: random.stream(for: key)))
    return key
  }

  /// The first four bytes, big endian, of the SHA-1 of the names and the counter.
  static func hashWord(_ names: [String], _ count: Int) -> UInt32 {
    var bytes: [UInt8] = names.flatMap { Array($0.utf8) }
    var counterBytes: [UInt8] = []
    var n = count
    while n > 0 {
      counterBytes.insert(UInt8(n & 0xff), at: 0)
      n >>= 8
    }
    bytes += counterBytes
    let d = SHA1.hash(bytes)
    return UInt32(d[0]) << 24 | UInt32(d[1]) << 16 | UInt32(d[2]) << 8 | UInt32(d[3])
  }
}
