/// The element types JAX random functions produce, spelled as NumPy does.
///
/// ```swift
/// JAXDType(name: "bfloat16")   // .bfloat16
/// JAXDType.float16.bitWidth    // 16
/// ```
public enum JAXDType: String, Sendable, Hashable, CaseIterable {
  case bool
  case uint8, uint16, uint32, uint64
  case int8, int16, int32, int64
  case float16, bfloat16, float32, float64

  /// The dtype named `name` (`"float32"`, `"uint8"`, …), or nil.
  public init?(name: String) { self.init(rawValue: name) }

  /// The NumPy spelling.
  public var name: String { rawValue }

  /// Bits per element (8 for `bool`).
  public var bitWidth: Int {
    switch self {
    case .bool, .uint8, .int8: return 8
    case .uint16, .int16, .float16, .bfloat16: return 16
    case .uint32, .int32, .float32: return 32
    case .uint64, .int64, .float64: return 64
    }
  }

  /// Whether this is a floating-point dtype.
  public var isFloat: Bool { [.float16, .bfloat16, .float32, .float64].contains(self) }
  /// Whether this is a signed integer dtype.
  public var isSignedInteger: Bool { [.int8, .int16, .int32, .int64].contains(self) }
  /// Whether this is an unsigned integer dtype.
  public var isUnsignedInteger: Bool { [.uint8, .uint16, .uint32, .uint64].contains(self) }

  /// Stored mantissa bits of a float dtype (`nmant` in `numpy.finfo`), 0 otherwise.
  var mantissaBits: Int {
    switch self {
    case .float16: return 10
    case .bfloat16: return 7
    case .float32: return 23
    case .float64: return 52
    default: return 0
    }
  }
}
