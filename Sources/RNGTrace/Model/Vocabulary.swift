/// A name a trace carries in an open vocabulary: the known values are
/// constants, and a name this version does not know is kept as written
/// (a newer producer may add some). Codable as its plain string.
public protocol TraceName: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral,
  CustomStringConvertible where RawValue == String
{
  init(rawValue: String)
}

extension TraceName {
  /// The value called `name`.
  public init(_ name: String) { self.init(rawValue: name) }
  /// The value with this name, from a literal.
  public init(stringLiteral value: String) { self.init(rawValue: value) }
  /// The text form: the name as written in traces.
  public var description: String { rawValue }
}

/// The framework whose random semantics a stream or a run follows:
/// `numpy`, `python`, `torch`, `tensorflow`, `keras`, `tf-keras`, `jax`.
///
/// The raw values are the ones `RNGStreams.Framework` uses, so a producer
/// converts with `FrameworkName(rawValue: framework.rawValue)`. Names this
/// version does not know are carried unchanged (a newer producer may add
/// frameworks).
///
/// ```swift
/// let fw: FrameworkName = .numpy
/// fw.rawValue                      // "numpy"
/// FrameworkName("mlx").rawValue    // "mlx": unknown names are kept
/// ```
public struct FrameworkName: TraceName {
  /// The name as written in traces.
  public var rawValue: String
  /// The value with this name.
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let numpy = FrameworkName("numpy")
  public static let python = FrameworkName("python")
  public static let torch = FrameworkName("torch")
  public static let tensorflow = FrameworkName("tensorflow")
  public static let keras = FrameworkName("keras")
  public static let tfKeras = FrameworkName("tf-keras")
  public static let jax = FrameworkName("jax")
}

/// The bit generator underneath a stream: `mt19937`, `pcg64`,
/// `philox4x32-10`, `threefry2x32-20` (the raw values of
/// `RNGStreams.BitAlgorithm`). Unknown names are carried unchanged.
///
/// ```swift
/// AlgorithmName.mt19937.defaultUnit    // .word32
/// ```
public struct AlgorithmName: TraceName {
  /// The name as written in traces.
  public var rawValue: String
  /// The value with this name.
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let mt19937 = AlgorithmName("mt19937")
  public static let pcg64 = AlgorithmName("pcg64")
  public static let philox4x32_10 = AlgorithmName("philox4x32-10")
  public static let threefry2x32_20 = AlgorithmName("threefry2x32-20")

  /// The counter unit streams on this algorithm use, when the algorithm is known.
  public var defaultUnit: CounterUnitName? {
    switch rawValue {
    case "mt19937": return .word32
    case "pcg64", "pcg64dxsm", "philox4x64-10", "sfc64": return .word64
    case "philox4x32-10": return .philoxBlock
    case "threefry2x32-20": return .threefryBlock
    default: return nil
    }
  }
}

/// The unit a stream's counter counts in (the raw values of
/// `RNGStreams.CounterUnit`): `u32` (one 32-bit MT19937 output), `u64` (one
/// 64-bit output), `block128` (one Philox4x32 block of four words),
/// `block64` (one Threefry2x32 evaluation of two words). Unknown units are
/// carried unchanged.
///
/// ```swift
/// CounterUnitName.word32.plural(22)    // "22 u32 words"
/// ```
public struct CounterUnitName: TraceName {
  /// The name as written in traces.
  public var rawValue: String
  /// The value with this name.
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let word32 = CounterUnitName("u32")
  public static let word64 = CounterUnitName("u64")
  public static let philoxBlock = CounterUnitName("block128")
  public static let threefryBlock = CounterUnitName("block64")

  /// `count` units in words a person reads: `"22 u32 words"`, `"1 block128 block"`.
  public func plural(_ count: UInt64) -> String {
    let noun: String
    switch rawValue {
    case "u32", "u64": noun = count == 1 ? "word" : "words"
    case "block128", "block64": noun = count == 1 ? "block" : "blocks"
    default: noun = count == 1 ? "unit" : "units"
    }
    return "\(count) \(rawValue) \(noun)"
  }
}
