import PythonSubset
import RNGStreams
import TensorFlowStreams

/// The arguments of `tf.random.Generator`'s constructors and methods: a
/// seed or state (`create_rng_state`'s conversion), `alg=`, and the
/// `uniform_full_int` dtypes.
///
/// ```swift
/// try args.tfGeneratorSeed("seed")        // 2**70 + 5 → [5, 64, 0]; [1, 2] → [0, 1, 2]
/// try args.tfGeneratorAlgorithm("alg")    // None → .philox
/// ```
extension BoundArguments {
  /// `create_rng_state(seed, alg)`: a Python int of any size (its first
  /// three 64-bit two's-complement words), or a list, tuple or integer
  /// tensor (its first three elements, left-padded with zeros).
  func tfGeneratorSeed(_ name: String) throws -> [Int64] {
    let v = value(name) ?? .none
    if case .int(let i) = v { return Self.generatorState(i) }
    if case .bool(let b) = v { return [b ? 1 : 0, 0, 0] }
    return TensorFlowGenerator.state(fromSeedVector: try tfStateVector(name))
  }

  /// A state vector (`from_state`, `reset`): ints that fit in 64 bits
  /// (unsigned ones wrap, as TensorFlow's `_uint_to_int`), or an integer tensor.
  func tfStateVector(_ name: String) throws -> [Int64] {
    let v = value(name) ?? .none
    if let items = Self.asIntSequence(v) {
      return try items.map { item in
        if let n = item.int64 { return n }
        if !item.isNegative, item.words32.count <= 2 {
          return Int64(bitPattern: UInt64(item.words32.first ?? 0) | UInt64(item.words32.count > 1 ? item.words32[1] : 0) << 32)
        }
        throw error(name, "\(signature.name)() argument '\(name)' has \(item), which does not fit in 64 bits; state and seed elements are int64 (or uint64) values")
      }
    }
    throw error(name, "\(signature.name)() argument '\(name)' must be an int or a list of ints such as [1, 2, 3], got \(v.typeName) \(v.repr)")
  }

  /// `alg=`: None (Philox), `'philox'`, `'auto_select'` or their ids 1
  /// and 3; ThreeFry is refused, as TensorFlow's CPU kernels refuse it.
  func tfGeneratorAlgorithm(_ name: String) throws -> TensorFlowGenerator.Algorithm {
    guard let alg = try tfAlgorithm(name) else { return .philox }
    let canonical = alg.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
    switch canonical {
    case "philox": return .philox
    case "autoselect": return .autoSelect
    case "threefry":
      throw error(name, "alg='threefry': TensorFlow creates the generator but every call on it fails on CPU (UnimplementedError: Non-XLA devices don't support the ThreeFry algorithm.); use 'philox' or 'auto_select'")
    default:
      throw error(name, "Argument `alg` got unsupported value \(alg). Supported values are philox for the Philox algorithm, threefry for the ThreeFry algorithm, and auto_select for auto-selection.")
    }
  }

  /// `uniform_full_int`'s dtype: int32, int64, uint32 or uint64 (the default).
  func tfFullIntDType(_ name: String) throws -> TensorFlowFullIntDType {
    guard let v = value(name), !v.isNone else { return .uint64 }
    let text: String?
    switch v {
    case .dtype(let d): text = d.rawValue
    case .string(let s): text = s
    default: text = nil
    }
    if let text, let dtype = TensorFlowFullIntDType(rawValue: text) { return dtype }
    throw error(name, "\(signature.name)() argument '\(name)' must be an integer dtype (int32, int64, uint32, uint64), got \(v.typeName) \(v.repr)")
  }

  /// The first three 64-bit words of `seed & (2**192 - 1)`, least significant first.
  static func generatorState(_ seed: PythonInt) -> [Int64] {
    if let n = seed.int64 { return TensorFlowGenerator.state(fromSeedWords: [UInt64(bitPattern: n)], negative: n < 0) }
    let m = seed.words32
    var words = (0..<3).map { i -> UInt64 in
      let lo = 2 * i < m.count ? UInt64(m[2 * i]) : 0
      let hi = 2 * i + 1 < m.count ? UInt64(m[2 * i + 1]) : 0
      return lo | hi << 32
    }
    if seed.isNegative {
      // Two's complement over 192 bits: invert, add one.
      var carry = true
      for i in 0..<3 {
        let (sum, overflow) = (~words[i]).addingReportingOverflow(carry ? 1 : 0)
        words[i] = sum
        carry = overflow
      }
    }
    return TensorFlowGenerator.state(fromSeedWords: words, negative: seed.isNegative)
  }
}
