import RNGStreams

/// An integer dtype NumPy's `randint` and `integers` accept, with the range of
/// values it holds.
///
/// ```swift
/// IntegerDType(name: "uint8")      // .uint8
/// IntegerDType.int16.bounds        // -32768...32767
/// ```
///
/// Edge cases:
/// - `randint`'s default `dtype=int` is C `long`: ``int64`` on Linux and macOS.
/// - `bool` draws one bit per value; its bounds are `0...1`.
public enum IntegerDType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
  case int64, int32, int16, int8, uint64, uint32, uint16, uint8, bool

  /// The dtype for a NumPy dtype name (`"int8"`, `"uint16"`, `"bool"`,
  /// `"bool_"`, `"int"`, `"long"`), or nil.
  public init?(name: String) {
    switch name {
    case "int", "long", "int_", "intp": self = .int64
    case "bool_": self = .bool
    default:
      guard let dtype = IntegerDType(rawValue: name) else { return nil }
      self = dtype
    }
  }

  /// The smallest and largest value of the dtype.
  public var bounds: ClosedRange<Int128> {
    switch self {
    case .int64: return Int128(Int64.min)...Int128(Int64.max)
    case .int32: return Int128(Int32.min)...Int128(Int32.max)
    case .int16: return Int128(Int16.min)...Int128(Int16.max)
    case .int8: return Int128(Int8.min)...Int128(Int8.max)
    case .uint64: return 0...Int128(UInt64.max)
    case .uint32: return 0...Int128(UInt32.max)
    case .uint16: return 0...Int128(UInt16.max)
    case .uint8: return 0...Int128(UInt8.max)
    case .bool: return 0...1
    }
  }
}

/// The floating dtypes of `Generator.random` and `Generator.standard_normal`.
public enum FloatDType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
  case float64, float32

  /// The dtype for a NumPy dtype name (`"float64"`, `"float32"`, `"double"`,
  /// `"single"`, `"float"`), or nil.
  public init?(name: String) {
    switch name {
    case "float64", "double", "float", "f8": self = .float64
    case "float32", "single", "f4": self = .float32
    default: return nil
    }
  }
}
