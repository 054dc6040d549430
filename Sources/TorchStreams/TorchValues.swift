import RNGStreams

/// The elements of one tensor a sampler produced, flat in C (row-major) order,
/// stored in the tensor's dtype.
///
/// ```swift
/// var g = try TorchGenerator(seed: 0)
/// let x = try g.rand([2, 2])           // .float32([0.4962566, 0.7682218, 0.08847743, 0.13203049])
/// x.dtype                              // .float32
/// x.float32                            // [0.4962566, …]
/// x.doubles                            // the same values widened to Double
/// ```
///
/// Edge cases:
/// - An empty tensor is an empty array of its dtype.
/// - ``doubles`` widens exactly for floats and for integers up to 2^53.
public enum TorchValues: Sendable, Hashable {
  /// `torch.float32` elements.
  case float32([Float])
  /// `torch.float64` elements.
  case float64([Double])
  /// `torch.int64` elements.
  case int64([Int64])
  /// `torch.int32` elements.
  case int32([Int32])
  /// `torch.int16` elements.
  case int16([Int16])
  /// `torch.int8` elements.
  case int8([Int8])
  /// `torch.uint8` elements.
  case uint8([UInt8])
  /// `torch.bool` elements.
  case bool([Bool])

  /// The dtype of the elements.
  public var dtype: TorchDType {
    switch self {
    case .float32: return .float32
    case .float64: return .float64
    case .int64: return .int64
    case .int32: return .int32
    case .int16: return .int16
    case .int8: return .int8
    case .uint8: return .uint8
    case .bool: return .bool
    }
  }

  /// Number of elements.
  public var count: Int {
    switch self {
    case .float32(let v): return v.count
    case .float64(let v): return v.count
    case .int64(let v): return v.count
    case .int32(let v): return v.count
    case .int16(let v): return v.count
    case .int8(let v): return v.count
    case .uint8(let v): return v.count
    case .bool(let v): return v.count
    }
  }

  /// The elements when the dtype is `float32`, else `nil`.
  public var float32: [Float]? { if case .float32(let v) = self { return v } else { return nil } }
  /// The elements when the dtype is `float64`, else `nil`.
  public var float64: [Double]? { if case .float64(let v) = self { return v } else { return nil } }

  /// The elements of an integer or bool tensor as `Int64` (bools as 0 and 1);
  /// `nil` for floating-point tensors.
  public var integers: [Int64]? {
    switch self {
    case .float32, .float64: return nil
    case .int64(let v): return v
    case .int32(let v): return v.map(Int64.init)
    case .int16(let v): return v.map(Int64.init)
    case .int8(let v): return v.map(Int64.init)
    case .uint8(let v): return v.map(Int64.init)
    case .bool(let v): return v.map { $0 ? 1 : 0 }
    }
  }

  /// Every element as a `Double` (bools as 0 and 1).
  public var doubles: [Double] {
    switch self {
    case .float32(let v): return v.map(Double.init)
    case .float64(let v): return v
    default: return (integers ?? []).map(Double.init)
    }
  }

  /// The values as a trace carries them. Narrow integer dtypes widen to `int64`.
  public var drawnValues: DrawnValues {
    switch self {
    case .float32(let v): return .float32(v)
    case .float64(let v): return .float64(v)
    case .int64(let v): return .int64(v)
    case .bool(let v): return .bool(v)
    default: return .int64(integers ?? [])
    }
  }

  /// The number of elements of a tensor of `shape`, with PyTorch's errors.
  ///
  /// ```swift
  /// try TorchValues.elementCount(of: [2, 3])     // 6
  /// try TorchValues.elementCount(of: [2, -1])    // throws "Trying to create tensor with negative dimension -1: [2, -1]"
  /// ```
  ///
  /// - Throws: ``RNGStreams/FrameworkError`` (naming the parameter `size`) for a
  ///   negative dimension, or when the tensor has more elements than the emulator
  ///   materialises (2^31).
  public static func elementCount(of shape: [Int]) throws -> Int {
    try Shape.elementCount(shape)
  }

  /// Builds a tensor of `dtype` from integer values, as PyTorch's
  /// `static_cast` from `int64_t` converts them (narrow integer types wrap,
  /// bool is `value != 0`).
  ///
  /// ```swift
  /// TorchValues.fromIntegers([1, 0, 300], dtype: .uint8)    // .uint8([1, 0, 44])
  /// ```
  public static func fromIntegers(_ values: [Int64], dtype: TorchDType) -> TorchValues {
    switch dtype {
    case .float32: return .float32(values.map { Float($0) })
    case .float64: return .float64(values.map { Double($0) })
    case .int64: return .int64(values)
    case .int32: return .int32(values.map { Int32(truncatingIfNeeded: $0) })
    case .int16: return .int16(values.map { Int16(truncatingIfNeeded: $0) })
    case .int8: return .int8(values.map { Int8(truncatingIfNeeded: $0) })
    case .uint8: return .uint8(values.map { UInt8(truncatingIfNeeded: $0) })
    case .bool: return .bool(values.map { $0 != 0 })
    }
  }
}
