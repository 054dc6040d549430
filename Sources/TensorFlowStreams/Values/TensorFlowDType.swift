import RNGStreams

/// The dtypes TensorFlow's random ops produce that rngdiff emulates.
///
/// ```swift
/// let dtype = TensorFlowDType(name: "float64")   // .float64
/// dtype.isFloatingPoint                         // true
/// ```
///
/// Edge cases: `float16` and `bfloat16`, which TensorFlow also accepts for
/// uniform and normal, are not emulated; `TensorFlowDType(name:)` returns
/// `nil` for them and for any other name.
public enum TensorFlowDType: String, FrameworkDType, Sendable, Hashable, CaseIterable {
  case float32
  case float64
  case int32
  case int64

  /// The dtype with TensorFlow's name (`"float32"`, `"float"`, `"double"`,
  /// `"int32"`, `"int64"`), or `nil` for a name that is not emulated.
  public init?(name: String) {
    switch name {
    case "float32", "float": self = .float32
    case "float64", "double": self = .float64
    case "int32": self = .int32
    case "int64": self = .int64
    default: return nil
    }
  }

  /// The dtype of `values`, which an op takes as its input `parameter`.
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` when the values' dtype is not
  ///   one of the four emulated dtypes.
  static func of(_ values: DrawnValues, parameter: String) throws -> TensorFlowDType {
    guard let dtype = TensorFlowDType(values.dtype) else {
      throw FrameworkError(
        "\(parameter) has dtype \(values.dtypeName), which rngdiff does not emulate for TensorFlow; use float32, float64, int32 or int64.",
        parameter: parameter)
    }
    return dtype
  }

  /// Whether values of this dtype are floating point.
  public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

  /// Outputs a 128-bit Philox block yields for the uniform and full-range
  /// integer distributions: 4 for 32-bit dtypes, 2 for 64-bit ones.
  var valuesPerBlock: Int { (self == .float32 || self == .int32) ? 4 : 2 }
}
