import RNGStreams

extension Keras3.GlobalState {
  /// `keras.ops.ones(shape, dtype=None)`: float32 by default; on JAX a
  /// 64-bit dtype becomes its 32-bit counterpart.
  ///
  /// - Throws: ``FrameworkError`` for a negative dimension.
  public func ones(_ shape: [Int], dtype: Keras3.DType? = nil) throws -> Keras3.Tensor {
    Keras3.Tensor.filled(1, shape: try Self.checked(shape), dtype: canonical(dtype ?? .float32))
  }

  /// `keras.ops.zeros(shape, dtype=None)`, as ``ones(_:dtype:)``.
  public func zeros(_ shape: [Int], dtype: Keras3.DType? = nil) throws -> Keras3.Tensor {
    Keras3.Tensor.filled(0, shape: try Self.checked(shape), dtype: canonical(dtype ?? .float32))
  }

  /// The dtype the backend stores `dtype` in (JAX without x64 narrows 64-bit types).
  public func canonical(_ dtype: Keras3.DType) -> Keras3.DType {
    guard backend == .jax else { return dtype }
    switch dtype {
    case .float64: return .float32
    case .int64: return .int32
    default: return dtype
    }
  }

  /// Throws for a negative dimension or an element count that overflows.
  static func checked(_ shape: [Int]) throws -> [Int] {
    _ = try Keras3.elementCount(shape)
    return shape
  }
}

extension Keras3 {
  /// The number of elements of `shape`.
  ///
  /// - Throws: ``FrameworkError`` for a negative dimension or a count that
  ///   does not fit in an `Int`.
  static func elementCount(_ shape: [Int]) throws -> Int {
    var count = 1
    for d in shape {
      guard d >= 0 else {
        throw FrameworkError("Negative dimensions are not allowed, got shape \(shape).", parameter: "shape")
      }
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow else { throw FrameworkError("shape \(shape) has more elements than fit in memory.", parameter: "shape") }
      count = product
    }
    return count
  }
}

extension Keras3.Tensor {
  /// A tensor of `shape` with every element `value`.
  static func filled(_ value: Double, shape: [Int], dtype: Keras3.DType) -> Keras3.Tensor {
    let n = shape.reduce(1, *)
    switch dtype {
    case .float32: return Keras3.Tensor(shape: shape, values: .float32(Array(repeating: Float(value), count: n)))
    case .float64: return Keras3.Tensor(shape: shape, values: .float64(Array(repeating: value, count: n)))
    case .int32: return Keras3.Tensor(shape: shape, values: .int32(Array(repeating: Int32(value), count: n)))
    case .int64: return Keras3.Tensor(shape: shape, values: .int64(Array(repeating: Int64(value), count: n)))
    case .uint32: return Keras3.Tensor(shape: shape, values: .uint32(Array(repeating: UInt32(value), count: n)))
    }
  }

  /// The values cast to `dtype` (round to nearest for floats).
  func cast(to dtype: Keras3.DType) -> Keras3.Tensor {
    guard dtype != self.dtype else { return self }
    let doubles: [Double]
    switch values {
    case .float32(let v): doubles = v.map(Double.init)
    case .float64(let v): doubles = v
    case .int32(let v): doubles = v.map(Double.init)
    case .int64(let v): doubles = v.map(Double.init)
    case .uint32(let v): doubles = v.map(Double.init)
    }
    switch dtype {
    case .float32: return Keras3.Tensor(shape: shape, values: .float32(doubles.map { Float($0) }))
    case .float64: return Keras3.Tensor(shape: shape, values: .float64(doubles))
    case .int32: return Keras3.Tensor(shape: shape, values: .int32(doubles.map { Int32(clamping: Int64($0)) }))
    case .int64: return Keras3.Tensor(shape: shape, values: .int64(doubles.map { Int64($0) }))
    case .uint32: return Keras3.Tensor(shape: shape, values: .uint32(doubles.map { UInt32(clamping: Int64($0)) }))
    }
  }
}
