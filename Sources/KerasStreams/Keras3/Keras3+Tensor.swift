import RNGStreams

extension Keras3 {
  /// A tensor a Keras 3 call returned: a shape and its elements in C
  /// (row-major) order, in their dtype.
  ///
  /// ```swift
  /// let t = keras.ones([2, 3])
  /// t.dtype          // .float32
  /// t.shape          // [2, 3]
  /// t.values.floats  // six 1.0s
  /// ```
  public struct Tensor: Sendable, Hashable {
    /// The dimensions; `[]` for a scalar.
    public var shape: [Int]
    /// The elements in C order; their count is the product of ``shape``.
    public var values: DrawnValues

    /// A tensor from its parts. The caller keeps the element count equal to
    /// the product of `shape`.
    public init(shape: [Int], values: DrawnValues) {
      self.shape = shape
      self.values = values
    }

    /// The element type.
    public var dtype: ElementType { values.dtype }

    /// Number of elements.
    public var count: Int { values.count }
  }
}

extension Keras3.Tensor {
  /// A tensor of `shape` with every element `value` (converted as
  /// `DrawnValues(wrapping:as:)` converts integers, floats rounded).
  static func filled(_ value: Double, shape: [Int], dtype: ElementType) -> Keras3.Tensor {
    let n = shape.reduce(1, *)
    let values: DrawnValues
    switch dtype {
    case .float64: values = .float64(Array(repeating: value, count: n))
    case let type where type.isFloatingPoint: values = DrawnValues(Array(repeating: Float(value), count: n), roundedTo: type)
    default: values = DrawnValues(wrapping: Array(repeating: Int64(value), count: n), as: dtype)
    }
    return Keras3.Tensor(shape: shape, values: values)
  }

  /// The values cast to `dtype` (round to nearest for floats, toward zero
  /// and clamped for integers).
  func cast(to dtype: ElementType) -> Keras3.Tensor {
    guard dtype != self.dtype else { return self }
    let doubles = values.doubles
    let values: DrawnValues
    switch dtype {
    case .float64: values = .float64(doubles)
    case let type where type.isFloatingPoint: values = DrawnValues(doubles.map { Float($0) }, roundedTo: type)
    case .int32: values = .int32(doubles.map { Int32(clamping: Int64($0)) })
    case .uint32: values = .uint32(doubles.map { UInt32(clamping: Int64($0)) })
    default: values = DrawnValues(wrapping: doubles.map { Int64($0) }, as: dtype)
    }
    return Keras3.Tensor(shape: shape, values: values)
  }
}
