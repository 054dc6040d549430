import RNGStreams

/// The flat, C-order elements of a tensor a TensorFlow random op returned,
/// in its dtype.
///
/// ```swift
/// let values: TensorValues = .float32([0.25, 0.5])
/// values.dtype        // .float32
/// values.count        // 2
/// values.doubles      // [0.25, 0.5] (exact widening for floats)
/// ```
public enum TensorValues: Sendable, Hashable {
  case float32([Float])
  case float64([Double])
  case int32([Int32])
  case int64([Int64])

  /// The dtype of the elements.
  public var dtype: TensorFlowDType {
    switch self {
    case .float32: return .float32
    case .float64: return .float64
    case .int32: return .int32
    case .int64: return .int64
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .float32(let v): return v.count
    case .float64(let v): return v.count
    case .int32(let v): return v.count
    case .int64(let v): return v.count
    }
  }

  /// Every element widened to `Double` (exact for float32, float64 and
  /// int32; int64 magnitudes above 2^53 round).
  public var doubles: [Double] {
    switch self {
    case .float32(let v): return v.map(Double.init)
    case .float64(let v): return v
    case .int32(let v): return v.map(Double.init)
    case .int64(let v): return v.map(Double.init)
    }
  }

  /// The values as a draw report carries them. int32 values are widened to
  /// int64, the closest case ``DrawnValues`` has.
  public var drawnValues: DrawnValues {
    switch self {
    case .float32(let v): return .float32(v)
    case .float64(let v): return .float64(v)
    case .int32(let v): return .int64(v.map(Int64.init))
    case .int64(let v): return .int64(v)
    }
  }

  /// `count` elements of `dtype`, all zero.
  static func zeros(_ dtype: TensorFlowDType, count: Int) -> TensorValues {
    switch dtype {
    case .float32: return .float32(Array(repeating: 0, count: count))
    case .float64: return .float64(Array(repeating: 0, count: count))
    case .int32: return .int32(Array(repeating: 0, count: count))
    case .int64: return .int64(Array(repeating: 0, count: count))
    }
  }
}
