import RNGStreams

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

  /// The element type.
  public var dtype: JAXDType
  /// The dimensions; `[]` for a scalar.
  public var shape: [Int]
  /// The elements in C order; their count is the product of ``shape``.
  public var values: Values

  /// An array from its parts. The caller keeps `values.count` equal to the
  /// product of `shape`; samplers that take an array check it and throw.
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

// MARK: - Internal helpers

extension JAXArray {
  /// The values as the observation seam carries them.
  var drawnValues: DrawnValues {
    switch values {
    case .bool(let v): return .bool(v)
    case .float(let v): return .float32(v)
    case .double(let v): return .float64(v)
    case .signed(let v): return .int64(v)
    case .unsigned(let v):
      return dtype == .uint64 ? .uint64(v) : .uint32(v.map { UInt32(truncatingIfNeeded: $0) })
    }
  }
}

extension JAXArray {
  /// The rows (first-axis slices) at `rows`, in that order.
  func takingRows(_ rows: [Int]) -> JAXArray {
    let rowSize = shape.dropFirst().reduce(1, *)
    func take<T>(_ v: [T]) -> [T] {
      var out: [T] = []
      out.reserveCapacity(rows.count * rowSize)
      for r in rows { out.append(contentsOf: v[(r * rowSize)..<((r + 1) * rowSize)]) }
      return out
    }
    let newShape = [rows.count] + shape.dropFirst()
    switch values {
    case .bool(let v): return JAXArray(dtype: dtype, shape: newShape, values: .bool(take(v)))
    case .unsigned(let v): return JAXArray(dtype: dtype, shape: newShape, values: .unsigned(take(v)))
    case .signed(let v): return JAXArray(dtype: dtype, shape: newShape, values: .signed(take(v)))
    case .float(let v): return JAXArray(dtype: dtype, shape: newShape, values: .float(take(v)))
    case .double(let v): return JAXArray(dtype: dtype, shape: newShape, values: .double(take(v)))
    }
  }
}

extension JAXArray {
  /// Throws unless the element count matches the shape.
  func validated(_ parameter: String) throws -> JAXArray {
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0 &* $1 }) == count else {
      throw FrameworkError("\(parameter) has \(count) elements, which does not match its shape \(shape).", parameter: parameter)
    }
    return self
  }
}
