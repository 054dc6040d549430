/// The element type of drawn values, named as NumPy names it (`"float32"`,
/// `"uint8"`, `"bfloat16"`): the dtype vocabulary every framework shares.
///
/// Each framework keeps its own dtype type for what is specific to it
/// (`TorchDType`, `TensorFlowDType`, `JAXDType`, `Keras3.DType`); they all
/// convert to and from this one by name.
///
/// ```swift
/// ElementType(rawValue: "int16")     // .int16
/// ElementType.bfloat16.bitWidth      // 16
/// ElementType.uint8.isInteger        // true
/// ```
///
/// Edge cases: `bool` is neither an integer nor a floating-point type; its
/// ``bitWidth`` is 8 (one byte per element, as NumPy stores it).
public enum ElementType: String, Sendable, Hashable, CaseIterable {
  case bool
  case int8, int16, int32, int64
  case uint8, uint16, uint32, uint64
  case float16, bfloat16, float32, float64

  /// Bits per element (8 for `bool`).
  public var bitWidth: Int {
    switch self {
    case .bool, .int8, .uint8: return 8
    case .int16, .uint16, .float16, .bfloat16: return 16
    case .int32, .uint32, .float32: return 32
    case .int64, .uint64, .float64: return 64
    }
  }

  /// Whether the type holds floating-point values.
  public var isFloatingPoint: Bool {
    switch self {
    case .float16, .bfloat16, .float32, .float64: return true
    default: return false
    }
  }

  /// Whether the type is a signed integer type.
  public var isSignedInteger: Bool {
    switch self {
    case .int8, .int16, .int32, .int64: return true
    default: return false
    }
  }

  /// Whether the type is an unsigned integer type.
  public var isUnsignedInteger: Bool {
    switch self {
    case .uint8, .uint16, .uint32, .uint64: return true
    default: return false
    }
  }

  /// Whether the type holds integers (`bool` excluded).
  public var isInteger: Bool { isSignedInteger || isUnsignedInteger }
}

/// A framework's own dtype type whose raw values are NumPy's dtype names
/// (`TorchDType`, `TensorFlowDType`, `JAXDType`, `Keras3.DType`): it
/// converts to and from ``ElementType`` by that name.
///
/// ```swift
/// TorchDType(ElementType.int16)     // .int16
/// TorchDType(ElementType.uint16)    // nil: torch has no uint16 sampler here
/// TorchDType.float64.elementType    // .float64
/// ```
public protocol FrameworkDType: RawRepresentable<String> {}

extension FrameworkDType {
  /// The framework dtype of `elementType`, or nil when the framework (or
  /// its emulation) has no such dtype.
  public init?(_ elementType: ElementType) { self.init(rawValue: elementType.rawValue) }

  /// The element type of the same name, as ``DrawnValues`` holds it.
  public var elementType: ElementType {
    guard let type = ElementType(rawValue: rawValue) else {
      preconditionFailure("\(Self.self).\(rawValue) is not a NumPy dtype name")
    }
    return type
  }
}
