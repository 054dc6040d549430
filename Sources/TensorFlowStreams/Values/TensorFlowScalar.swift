import RNGStreams

/// A Python number passed to a TensorFlow random op (`minval`, `maxval`,
/// `mean`, `stddev`): an `int` or a `float`.
///
/// The difference matters: `tf.random.uniform(shape, minval=0, maxval=1)`
/// with the *int* literals returns the raw op output, while `minval=0.0`
/// runs `rnd * (maxval - minval) + minval` as separate float ops. Swift
/// literals keep the distinction:
///
/// ```swift
/// let a: TensorFlowScalar = 0      // .int(0)
/// let b: TensorFlowScalar = 0.0    // .float(0.0)
/// ```
public enum TensorFlowScalar: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  CustomStringConvertible
{
  case int(Int64)
  case float(Double)

  public init(integerLiteral value: Int64) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .float(value) }

  /// The number as Python prints it (`5`, `-0.5`, `1e-07`).
  public var description: String {
    switch self {
    case .int(let v): return String(v)
    case .float(let v): return "\(v)"
    }
  }

  /// `ops.convert_to_tensor(value, dtype=float32)`: round to nearest.
  func float32Value() -> Float {
    switch self {
    case .int(let v): return Float(v)
    case .float(let v): return Float(v)
    }
  }

  /// `ops.convert_to_tensor(value, dtype=float64)`.
  func float64Value() -> Double {
    switch self {
    case .int(let v): return Double(v)
    case .float(let v): return v
    }
  }

  /// `ops.convert_to_tensor(value, dtype=int32/int64)`: ints in range only.
  func integerValue(_ dtype: TensorFlowDType, parameter: String) throws -> Int64 {
    switch self {
    case .float(let v):
      throw FrameworkError(
        "\(parameter)=\("\(v)") cannot be converted to a tensor of dtype \(dtype.rawValue); pass an int.",
        parameter: parameter)
    case .int(let v):
      if dtype == .int32 && (v < Int64(Int32.min) || v > Int64(Int32.max)) {
        throw FrameworkError(
          "\(parameter)=\(v) is out of range for dtype int32, which accepts -2**31 to 2**31 - 1.",
          parameter: parameter)
      }
      return v
    }
  }
}
