import RNGRecording
import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// How NumPy turns a Python seed value into a stream: `np.random.seed(S)`
/// and `RandomState(S)` (legacy MT19937), `np.random.default_rng(S)`
/// (SeedSequence → PCG64). Internal to the NumPy binding.
///
/// ```swift
/// try NumPySeeds.randomState(.int(PythonInt(0)), name: "global")      // init_genrand(0)
/// try NumPySeeds.randomState(listOf([0]), name: "global")              // init_by_array([0])
/// try NumPySeeds.generator(.int(PythonInt(2).power(100)), name: nil)   // any size
/// ```
///
/// Every rejection is a ``FrameworkError`` with NumPy's own text, naming
/// the parameter `seed`.
enum NumPySeeds {
  // MARK: Legacy

  /// The legacy stream `np.random.seed(value)` leaves, named `name`.
  ///
  /// - An int (or bool) runs `init_genrand`: it must be in 0…2**32 − 1.
  /// - A list, tuple, range or array runs `init_by_array` on its elements
  ///   (each in 0…2**32 − 1; non-empty; one-dimensional). An ndarray is
  ///   squeezed first, so `array([5])` seeds as the int 5 while `[5]` is a
  ///   one-word key.
  /// - `None` seeds from operating-system entropy.
  static func randomState(_ value: Value, name: String) throws -> RandomState<MT19937> {
    do {
      switch value {
      case .none:
        let words = Entropy.words(624)
        var state = try RandomState(seedArray: words.map { Int128($0) }, name: name)
        state.identity.seedMaterial = Entropy.seedText(words)
        state.identity.seeding = .entropy
        return state
      case .bool(let b):
        return try RandomState(seed: b ? 1 : 0, name: name)
      case .int(let i):
        guard let wide = i.asInt128 else { throw FrameworkError("Seed must be between 0 and 2**32 - 1") }
        return try RandomState(seed: wide, name: name)
      case .float, .string, .bytes:
        throw FrameworkError("Cannot cast scalar from \(castSource(of: [value])) to dtype('int64') according to the rule 'safe'")
      case .object(let o):
        if let array = o as? ArrayObject {
          let squeezed = array.tensor.reshaped(array.tensor.shape.filter { $0 != 1 })
          if squeezed.rank == 0, squeezed.dtype.isInteger || squeezed.dtype == .bool {
            return try randomState(squeezed.element(0), name: name)
          }
          return try randomState(key: squeezed, name: name)
        }
        guard let tensor = SampleOutput.asArray(value) else {
          throw FrameworkError("Cannot cast array data from \(castSource(of: [value])) to dtype('int64') according to the rule 'safe'")
        }
        return try randomState(key: tensor, name: name)
      default:
        guard let tensor = SampleOutput.asArray(value) else {
          throw FrameworkError("Cannot cast array data from \(castSource(of: [value])) to dtype('int64') according to the rule 'safe'")
        }
        return try randomState(key: tensor, name: name)
      }
    } catch var e as FrameworkError {
      e.parameter = "seed"
      throw e
    }
  }

  /// `init_by_array` from an array of seed words.
  private static func randomState(key tensor: Tensor, name: String) throws -> RandomState<MT19937> {
    if tensor.count == 0 { throw FrameworkError("Seed must be non-empty") }
    var elements = (0..<tensor.count).map { tensor.element($0) }
    if tensor.dtype == .bool { elements = elements.map { .int(PythonInt($0.isTruthy ? 1 : 0)) } }
    let words = elements.compactMap { value -> Int128? in
      guard case .int(let i) = value else { return nil }
      return i.int64.map { Int128($0) }
    }
    guard words.count == elements.count else {
      throw FrameworkError("Cannot cast array data from \(castSource(of: elements)) to dtype('int64') according to the rule 'safe'")
    }
    if tensor.rank != 1 { throw FrameworkError("Seed array must be 1-d") }
    return try RandomState(seedArray: words, name: name)
  }

  /// The dtype NumPy infers for these values, as its cast errors print it.
  static func castSource(of values: [Value]) -> String {
    var scalars: [Value] = []
    func collect(_ v: Value) {
      switch v {
      case .int, .bool, .float, .string, .bytes, .none: scalars.append(v)
      default:
        if case .object(let o) = v, let a = o as? ArrayObject {
          scalars += (0..<a.tensor.count).map { a.tensor.element($0) }
        } else if let items = Builtins.items(of: v) {
          items.forEach(collect)
        } else {
          scalars.append(.none)
        }
      }
    }
    values.forEach(collect)
    var longestString = 0, longestBytes = 0
    var hasString = false, hasBytes = false, hasFloat = false, hasObject = false
    var ints: [PythonInt] = []
    for s in scalars {
      switch s {
      case .string(let t): hasString = true; longestString = max(longestString, t.unicodeScalars.count)
      case .bytes(let b): hasBytes = true; longestBytes = max(longestBytes, b.count)
      case .float: hasFloat = true
      case .int(let i): ints.append(i)
      case .bool: ints.append(.zero)
      default: hasObject = true
      }
    }
    if hasObject { return "dtype('O')" }
    if hasString { return "dtype('<U\(longestString)')" }
    if hasBytes { return "dtype('S\(longestBytes)')" }
    if hasFloat { return "dtype('float64')" }
    if ints.allSatisfy({ $0.int64 != nil }) { return "dtype('int64')" }
    if ints.allSatisfy({ $0.uint64 != nil }) { return "dtype('uint64')" }
    if ints.allSatisfy({ $0.int64 != nil || $0.uint64 != nil }) { return "dtype('float64')" }
    return "dtype('O')"
  }

  // MARK: Generator

  /// The Generator `np.random.default_rng(value)` returns: `SeedSequence(value)`
  /// feeding PCG64. Ints of any size ≥ 0 and (nested) sequences of them are
  /// accepted, strings of digits or `0x…` inside sequences too; `None` seeds
  /// from operating-system entropy. Named `name`, or `default_rng(<seed>)`.
  static func generator(_ value: Value, name: String?) throws -> EngineGenerator {
    let streamName = name ?? "default_rng(\(value.isNone ? "" : value.repr))"
    if value.isNone {
      var generator = EngineGenerator(
        seedSequence: SeedSequence(entropy: Entropy.words(4)), name: streamName, call: "np.random.default_rng(...)")
      generator.identity.seeding = .entropy
      return generator
    }
    return EngineGenerator(
      seedSequence: try seedSequence(value), name: streamName, call: "np.random.default_rng(\(value.repr))")
  }

  /// `SeedSequence(value)` for a non-None seed, with NumPy's messages.
  static func seedSequence(_ value: Value) throws -> SeedSequence {
    if case .object(let o) = value, let given = o as? NumPySeedSequenceObject { return given.sequence }
    do {
      switch value {
      case .int, .bool: break
      case .tuple: break
      case .object(let o) where o is ListObject || o is RangeObject || o is ArrayObject: break
      default:
        throw FrameworkError("SeedSequence expects int or sequence of ints for entropy not \(pythonString(value))")
      }
      return SeedSequence(entropy: try entropy(value))
    } catch var e as FrameworkError {
      e.parameter = "seed"
      throw e
    }
  }

  /// The SeedSequence entropy words of a non-None `entropy` (NumPy's
  /// `_coerce_to_uint32_array`, with the type check `SeedSequence` makes).
  static func entropyWords(_ value: Value) throws -> [UInt32] {
    do {
      return try seedSequence(value).entropy
    } catch var e as FrameworkError {
      e.parameter = "entropy"
      throw e
    }
  }

  /// NumPy's `_coerce_to_uint32_array`.
  private static func entropy(_ value: Value) throws -> [UInt32] {
    switch value {
    case .bool(let b): return [b ? 1 : 0]
    case .int(let i):
      if i.isNegative { throw FrameworkError("expected non-negative integer") }
      return i.isZero ? [0] : i.words32
    case .float: throw FrameworkError("seed must be integer")
    case .string(let s):
      if s.hasPrefix("0x"), let i = PythonInt(digits: s.dropFirst(2), radix: 16) { return try entropy(.int(i)) }
      if let first = s.first, first.isASCII, first.isNumber {
        guard let i = PythonInt(digits: Substring(s), radix: 10) else {
          throw FrameworkError("invalid literal for int() with base 10: '\(s)'")
        }
        return try entropy(.int(i))
      }
      throw FrameworkError("unrecognized seed string")
    default:
      if case .object(let o) = value, let a = o as? ArrayObject {
        if a.tensor.rank == 0 { throw FrameworkError("len() of unsized object") }
        return try (0..<a.tensor.count).flatMap { try entropy(a.tensor.element($0)) }
      }
      guard let items = Builtins.items(of: value), !value.isStringOrBytes else {
        throw FrameworkError("object of type '\(value.typeName)' has no len()")
      }
      return try items.flatMap(entropy)
    }
  }

  /// Python's `str(value)` for the values SeedSequence's message shows.
  private static func pythonString(_ value: Value) -> String {
    if case .string(let s) = value { return s }
    return value.repr
  }
}

extension Value {
  fileprivate var isStringOrBytes: Bool {
    switch self {
    case .string, .bytes: return true
    default: return false
    }
  }
}
