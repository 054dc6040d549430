import PythonStreams
import PythonSubset

/// The module-level Python `random` inside a tf-keras session: the stream
/// unseeded tf-keras initializers draw their seed from when
/// `set_random_seed` was not called.
///
/// ```python
/// random.seed(7); GlorotUniform()((3, 4))     # the initializer's seed is random.randint(1, 10**9)
/// random.random()                             # continues the same stream
/// ```
///
/// It offers `seed`, `random`, `uniform`, `randint`, `getrandbits` and
/// `gauss`, with CPython 3.11's signatures, messages and values (the
/// `python` framework has the whole module).
enum TFKerasPythonRandom {
  static func module(_ process: TFKerasProcess) -> Namespace {
    let ns = Namespace(name: "random")
    ns.define("seed(a=None, version=2)") { args in
      if let version = try args.int("version"), version != PythonInt(2) {
        throw args.error("version", "seed() argument 'version' \(version) is not emulated; rngdiff emulates version=2, the default")
      }
      let a = args.value("a") ?? .none
      if a.isNone {
        let observer = process.python.observer
        process.python = TFKerasProcess.entropySeeded()
        process.python.observer = observer
        return .none
      }
      let seed: PythonSeed
      switch a {
      case .bool(let b): seed = .bool(b)
      case .int(let i): seed = i.int64.map(PythonSeed.int) ?? .bigInt(magnitude: i.words32, negative: i.isNegative)
      case .float(let d): seed = .float(d)
      case .string(let s): seed = .string(s)
      case .bytes(let b): seed = .bytes(b)
      default:
        throw args.error("a", "The only supported seed types are: None, int, float, str, bytes, and bytearray; got \(a.typeName)")
      }
      try args.framework { try process.python.seed(seed) }
      return .none
    }
    ns.define("random()") { _ in .float(process.python.random()) }
    ns.define("uniform(a, b)") { args in
      guard let a = try args.double("a"), let b = try args.double("b") else {
        throw args.error("b", "uniform() arguments 'a' and 'b' must be numbers, got None")
      }
      return .float(process.python.uniform(a, b))
    }
    ns.define("gauss(mu=0.0, sigma=1.0)") { args in
      .float(process.python.gauss(mu: try args.double("mu") ?? 0, sigma: try args.double("sigma") ?? 1))
    }
    ns.define("randint(a, b)") { args in
      let a = try args.requiredInt("a"), b = try args.requiredInt("b")
      guard let low = a.asInt128, let high = b.asInt128 else {
        throw args.error("b", "randint() bounds beyond 2**127 are not supported here")
      }
      let value = try args.framework { try process.python.randint(a: low, b: high) }
      return .int(PythonInt(int128: value))
    }
    ns.define("getrandbits(k)") { args in
      guard let k = try args.intValue("k") else { throw args.error("k", "getrandbits() argument 'k' must be an int, got None") }
      let words = try args.framework { try process.python.getrandbitsWords(k) }
      return .int(PythonInt(negative: false, magnitude: words))
    }
    return ns
  }
}
