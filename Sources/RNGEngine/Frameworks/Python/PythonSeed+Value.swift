import RNGRecording
import PythonStreams
import PythonSubset
import RNGStreams

extension PythonSeed {
  /// The seed `random.seed(a, version)` (CPython 3.11) takes from a Python
  /// value; nil for `None`, which seeds from the operating system.
  ///
  /// ```swift
  /// try PythonSeed.seed(of: .int(PythonInt(-42)))            // .int(-42): the sign is dropped later
  /// try PythonSeed.seed(of: .string("hello"))                 // .string("hello"): SHA-512 (version 2)
  /// try PythonSeed.seed(of: .string("hello"), version: 1)     // the int of the old string hash
  /// ```
  ///
  /// `version` matters for str and bytes only: 2 (the default) hashes them
  /// with SHA-512, 1 with the old string hash (``PythonSeed/version1(string:)``).
  ///
  /// - Throws: ``FrameworkError`` with CPython's `TypeError` text for a
  ///   list, tuple, dict or any other type; for a str or bytes with a
  ///   version other than 1 or 2, which CPython seeds from the salted
  ///   `hash(a)` (different in every process).
  static func seed(of value: Value, version: PythonInt = PythonInt(2)) throws -> PythonSeed? {
    switch value {
    case .none: return nil
    case .bool(let b): return .bool(b)
    case .int(let i):
      if let small = i.int64 { return .int(small) }
      return .bigInt(magnitude: i.words32, negative: i.isNegative)
    case .float(let d): return .float(d)
    case .string(let s):
      if version == PythonInt(1) { return version1(string: s) }
      try requireHashFree(version, value)
      return .string(s)
    case .bytes(let b):
      if version == PythonInt(1) { return version1(bytes: b) }
      try requireHashFree(version, value)
      return .bytes(b)
    default:
      throw FrameworkError(
        "The only supported seed types are: None, int, float, str, bytes, and bytearray; got \(value.typeName)",
        parameter: "a")
    }
  }

  private static func requireHashFree(_ version: PythonInt, _ value: Value) throws {
    guard version == PythonInt(2) else {
      throw FrameworkError(
        "random.seed(\(value.typeName), version=\(version)) seeds from hash(a), which Python salts differently in every process (PYTHONHASHSEED); use version=1 or 2",
        parameter: "version")
    }
  }
}

extension PythonRandom {
  /// A generator seeded from operating-system entropy, as `random.seed(None)`
  /// and a fresh interpreter do (624 words through `init_by_array`).
  static func fromEntropy(name: String) -> PythonRandom {
    let words = Entropy.words(624)
    var stream = PythonRandom(seedWords: words, name: name)
    stream.identity.seedMaterial = Entropy.seedText(words)
    stream.identity.seeding = .entropy
    return stream
  }

  /// `random.seed(a, version)` / `random.Random(a)` for a Python value
  /// (`None`: operating-system entropy). A version-1 str or bytes seed is
  /// named as the call in the stream's identity.
  ///
  /// - Throws: ``FrameworkError`` for a type CPython rejects, a NaN float,
  ///   or a str or bytes with a version other than 1 or 2.
  static func seeded(by value: Value, name: String, version: PythonInt = PythonInt(2)) throws -> PythonRandom {
    guard let seed = try PythonSeed.seed(of: value, version: version) else { return fromEntropy(name: name) }
    var stream = try PythonRandom(seed: seed, name: name)
    if version == PythonInt(1) {
      switch value {
      case .string, .bytes: stream.identity.seeding = .explicit(call: "random.seed(\(value.repr), version=1)")
      default: break
      }
    }
    return stream
  }
}
