/// An element type as the frameworks name it (`np.float32`, `torch.int64`,
/// `tf.float64`, a JAX typed key).
///
/// The raw value is the name rngdiff prints (`"float32"`); it matches
/// `str(numpy.dtype)` for every NumPy type, and `"int"` marks Python ints that
/// do not fit in 64 bits.
public enum DType: String, Sendable, Hashable, CaseIterable {
  case float16, bfloat16, float32, float64
  case int8, int16, int32, int64
  case uint8, uint16, uint32, uint64
  case bool
  /// Python's unbounded int, for values outside int64.
  case pythonInt = "int"
  /// A JAX threefry key array; its elements are the key data words.
  case threefryKey = "key<fry>"
  /// A JAX `rbg` key array (four data words per key).
  case rbgKey = "key<rbg>"
  /// A JAX `unsafe_rbg` key array (four data words per key).
  case unsafeRBGKey = "key<urbg>"

  /// Whether the type holds floating-point values.
  public var isFloatingPoint: Bool {
    switch self {
    case .float16, .bfloat16, .float32, .float64: return true
    default: return false
    }
  }

  /// How many trailing axes of a ``Tensor``'s shape one element spans: 1
  /// for a JAX key (its data words sit on a last axis of length 2, or 4
  /// for `rbg` keys), 0 for every other dtype. The framework reports the
  /// shape without them.
  public var elementAxes: Int { isJAXKey ? 1 : 0 }

  /// Whether the type is a JAX typed key.
  public var isJAXKey: Bool { self == .threefryKey || self == .rbgKey || self == .unsafeRBGKey }

  /// Whether the type holds integers (bool excluded).
  public var isInteger: Bool {
    switch self {
    case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .pythonInt, .threefryKey, .rbgKey, .unsafeRBGKey: return true
    default: return false
    }
  }
}
