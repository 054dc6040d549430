import RNGStreams

/// The element types JAX random functions produce, spelled as NumPy does.
///
/// ```swift
/// JAXDType(name: "bfloat16")   // .bfloat16
/// JAXDType.float16.bitWidth    // 16
/// ```
public enum JAXDType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
  case bool
  case uint8, uint16, uint32, uint64
  case int8, int16, int32, int64
  case float16, bfloat16, float32, float64

  /// The dtype named `name` (`"float32"`, `"uint8"`, …), or nil.
  public init?(name: String) { self.init(rawValue: name) }

  /// The NumPy spelling.
  public var name: String { rawValue }

  /// Bits per element (8 for `bool`).
  public var bitWidth: Int { elementType.bitWidth }
  /// Whether this is a floating-point dtype.
  public var isFloat: Bool { elementType.isFloatingPoint }
  /// Whether this is a signed integer dtype.
  public var isSignedInteger: Bool { elementType.isSignedInteger }
  /// Whether this is an unsigned integer dtype.
  public var isUnsignedInteger: Bool { elementType.isUnsignedInteger }

  /// `x`, a Python float, converted to this float dtype as `jnp.array(x,
  /// dtype)` converts it, and widened back exactly; nil for a dtype that is
  /// not a float.
  ///
  /// ```swift
  /// JAXDType.float16.rounding(0.1)    // 0.0999755859375
  /// JAXDType.bfloat16.rounding(0.3)   // 0.30078125
  /// ```
  ///
  /// float16 rounds the double directly (NumPy's conversion); bfloat16
  /// rounds through float32 first (ml_dtypes' conversion), so a double just
  /// above a bfloat16 tie can round down. Ties go to even; NaN stays NaN.
  public func rounding(_ x: Double) -> Double? {
    switch self {
    case .float16: return Double(Float16(x))
    case .bfloat16: return Double(XLAFloatOps.bfloat16(Float(x)))
    case .float32: return Double(Float(x))
    case .float64: return x
    default: return nil
    }
  }

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
