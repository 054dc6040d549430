import JAXStreams
import TensorFlowStreams

extension Keras3 {
  /// A tensor a Keras 3 call returned: a shape and its elements in C
  /// (row-major) order, in their dtype.
  ///
  /// ```swift
  /// let t = keras.ones([2, 3])
  /// t.dtype       // .float32
  /// t.shape       // [2, 3]
  /// t.floats      // six 1.0s
  /// ```
  public struct Tensor: Sendable, Hashable {
    /// The element storage; the case is the dtype.
    public enum Values: Sendable, Hashable {
      case float32([Float])
      case float64([Double])
      case int32([Int32])
      case int64([Int64])
      case uint32([UInt32])
    }

    /// The dimensions; `[]` for a scalar.
    public var shape: [Int]
    /// The elements in C order; their count is the product of ``shape``.
    public var values: Values

    /// A tensor from its parts. The caller keeps the element count equal to
    /// the product of `shape`.
    public init(shape: [Int], values: Values) {
      self.shape = shape
      self.values = values
    }

    /// The element type.
    public var dtype: DType {
      switch values {
      case .float32: return .float32
      case .float64: return .float64
      case .int32: return .int32
      case .int64: return .int64
      case .uint32: return .uint32
      }
    }

    /// Number of elements.
    public var count: Int {
      switch values {
      case .float32(let v): return v.count
      case .float64(let v): return v.count
      case .int32(let v): return v.count
      case .int64(let v): return v.count
      case .uint32(let v): return v.count
      }
    }

    /// The elements of a float32 tensor, else nil.
    public var floats: [Float]? { if case .float32(let v) = values { return v } else { return nil } }
    /// The elements of a float64 tensor, else nil.
    public var doubles: [Double]? { if case .float64(let v) = values { return v } else { return nil } }
    /// The elements of an integer tensor (any width) as `Int64`, else nil.
    public var integers: [Int64]? {
      switch values {
      case .int32(let v): return v.map(Int64.init)
      case .int64(let v): return v
      case .uint32(let v): return v.map(Int64.init)
      default: return nil
      }
    }
  }
}

extension Keras3.Tensor {
  /// A TensorFlow op's output.
  init(shape: [Int], _ values: TensorValues) {
    switch values {
    case .float32(let v): self.init(shape: shape, values: .float32(v))
    case .float64(let v): self.init(shape: shape, values: .float64(v))
    case .int32(let v): self.init(shape: shape, values: .int32(v))
    case .int64(let v): self.init(shape: shape, values: .int64(v))
    }
  }

  /// A JAX float32 result.
  init(jax array: JAXArray) {
    self.init(shape: array.shape, values: .float32(array.floats ?? []))
  }

  /// The values as a TensorFlow op takes them (floats only are passed).
  var tensorFlowValues: TensorValues? {
    switch values {
    case .float32(let v): return .float32(v)
    case .float64(let v): return .float64(v)
    default: return nil
    }
  }
}
