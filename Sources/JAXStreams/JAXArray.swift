/// The result of a JAX random function: a dtype, a shape, and the elements
/// in C (row-major) order.
///
/// ```swift
/// let u = try random.uniform(key, shape: [2, 3])
/// u.dtype            // .float32
/// u.shape            // [2, 3]
/// u.floats           // six Float values, row-major
/// ```
///
/// float16 and bfloat16 elements are held as the `Float` they widen to
/// (exactly), integers of up to 64 bits as `Int64` or `UInt64`.
public struct JAXArray: Hashable, Sendable {
  /// The element storage.
  public enum Values: Hashable, Sendable {
    case bool([Bool])
    /// uint8 … uint64.
    case unsigned([UInt64])
    /// int8 … int64.
    case signed([Int64])
    /// float16, bfloat16 and float32, widened exactly.
    case float([Float])
    /// float64.
    case double([Double])
  }

  public var dtype: JAXDType
  public var shape: [Int]
  public var values: Values

  public init(dtype: JAXDType, shape: [Int], values: Values) {
    self.dtype = dtype
    self.shape = shape
    self.values = values
  }

  /// Number of elements.
  public var count: Int {
    switch values {
    case .bool(let v): return v.count
    case .unsigned(let v): return v.count
    case .signed(let v): return v.count
    case .float(let v): return v.count
    case .double(let v): return v.count
    }
  }

  /// The elements of a float16, bfloat16 or float32 array, else nil.
  public var floats: [Float]? { if case .float(let v) = values { return v } else { return nil } }
  /// The elements of any float array, widened to `Double` (exact), else nil.
  public var doubles: [Double]? {
    switch values {
    case .float(let v): return v.map(Double.init)
    case .double(let v): return v
    default: return nil
    }
  }
  /// The elements of an unsigned integer array, else nil.
  public var unsignedIntegers: [UInt64]? { if case .unsigned(let v) = values { return v } else { return nil } }
  /// The elements of a signed integer array, else nil.
  public var signedIntegers: [Int64]? { if case .signed(let v) = values { return v } else { return nil } }
  /// The elements of a bool array, else nil.
  public var bools: [Bool]? { if case .bool(let v) = values { return v } else { return nil } }
}
