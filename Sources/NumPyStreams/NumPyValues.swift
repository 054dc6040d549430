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
public enum IntegerDType: String, Sendable, Hashable, CaseIterable {
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

/// A flat array of values in the dtype NumPy returns.
///
/// ```swift
/// let v: NumPyValues = .uint8([3, 7])
/// v.dtypeName   // "uint8"
/// v.count       // 2
/// ```
public enum NumPyValues: Sendable, Hashable {
  case float64([Double])
  case float32([Float])
  case int64([Int64])
  case int32([Int32])
  case int16([Int16])
  case int8([Int8])
  case uint64([UInt64])
  case uint32([UInt32])
  case uint16([UInt16])
  case uint8([UInt8])
  case bool([Bool])

  /// The NumPy dtype name.
  public var dtypeName: String {
    switch self {
    case .float64: return "float64"
    case .float32: return "float32"
    case .int64: return "int64"
    case .int32: return "int32"
    case .int16: return "int16"
    case .int8: return "int8"
    case .uint64: return "uint64"
    case .uint32: return "uint32"
    case .uint16: return "uint16"
    case .uint8: return "uint8"
    case .bool: return "bool"
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .float64(let v): return v.count
    case .float32(let v): return v.count
    case .int64(let v): return v.count
    case .int32(let v): return v.count
    case .int16(let v): return v.count
    case .int8(let v): return v.count
    case .uint64(let v): return v.count
    case .uint32(let v): return v.count
    case .uint16(let v): return v.count
    case .uint8(let v): return v.count
    case .bool(let v): return v.count
    }
  }

  /// The values as a draw report carries them, in the same dtype.
  public var drawnValues: DrawnValues {
    switch self {
    case .float64(let v): return .float64(v)
    case .float32(let v): return .float32(v)
    case .int64(let v): return .int64(v)
    case .int32(let v): return .int32(v)
    case .int16(let v): return .int16(v)
    case .int8(let v): return .int8(v)
    case .uint64(let v): return .uint64(v)
    case .uint32(let v): return .uint32(v)
    case .uint16(let v): return .uint16(v)
    case .uint8(let v): return .uint8(v)
    case .bool(let v): return .bool(v)
    }
  }
}

/// The floating dtypes of `Generator.random` and `Generator.standard_normal`.
public enum FloatDType: String, Sendable, Hashable, CaseIterable {
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
