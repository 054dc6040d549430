import PythonStreams
import PythonSubset
import RNGStreams

extension PythonSeed {
  /// The seed `random.seed(a)` (CPython 3.11, `version=2`) takes from a
  /// Python value; nil for `None`, which seeds from the operating system.
  ///
  /// ```swift
  /// try PythonSeed.seed(of: .int(PythonInt(-42)))   // .int(-42): the sign is dropped later
  /// try PythonSeed.seed(of: .string("hello"))        // .string("hello")
  /// ```
  ///
  /// - Throws: ``FrameworkError`` with CPython's `TypeError` text for a
  ///   list, tuple, dict or any other type.
  static func seed(of value: Value) throws -> PythonSeed? {
    switch value {
    case .none: return nil
    case .bool(let b): return .bool(b)
    case .int(let i):
      if let small = i.int64 { return .int(small) }
      return .bigInt(magnitude: i.words32, negative: i.isNegative)
    case .float(let d): return .float(d)
    case .string(let s): return .string(s)
    case .bytes(let b): return .bytes(b)
    default:
      throw FrameworkError(
        "The only supported seed types are: None, int, float, str, bytes, and bytearray; got \(value.typeName)",
        parameter: "a")
    }
  }
}

extension PythonRandom {
  /// A generator seeded from operating-system entropy, as `random.seed(None)`
  /// and a fresh interpreter do (624 words through `init_by_array`).
  static func fromEntropy(name: String) -> PythonRandom {
    var system = SystemRandomNumberGenerator()
    var stream = PythonRandom(seedWords: (0..<624).map { _ in UInt32.random(in: .min ... .max, using: &system) }, name: name)
    stream.identity.seedMaterial = "os.urandom(2496)"
    stream.identity.seeding = .entropy
    return stream
  }

  /// `random.seed(a)` / `random.Random(a)` for a Python value (`None`:
  /// operating-system entropy).
  ///
  /// - Throws: ``FrameworkError`` for a type CPython rejects or a NaN float.
  static func seeded(by value: Value, name: String) throws -> PythonRandom {
    guard let seed = try PythonSeed.seed(of: value) else { return fromEntropy(name: name) }
    return try PythonRandom(seed: seed, name: name)
  }
}
