import RNGStreams

extension Keras3.GlobalState {
  /// `keras.ops.ones(shape, dtype=None)`: float32 by default; on JAX a
  /// 64-bit dtype becomes its 32-bit counterpart.
  ///
  /// - Throws: ``FrameworkError`` for a negative dimension.
  public func ones(_ shape: [Int], dtype: Keras3.DType? = nil) throws -> Keras3.Tensor {
    Keras3.Tensor.filled(1, shape: try Self.checked(shape), dtype: canonical(dtype ?? .float32).elementType)
  }

  /// `keras.ops.zeros(shape, dtype=None)`, as ``ones(_:dtype:)``.
  public func zeros(_ shape: [Int], dtype: Keras3.DType? = nil) throws -> Keras3.Tensor {
    Keras3.Tensor.filled(0, shape: try Self.checked(shape), dtype: canonical(dtype ?? .float32).elementType)
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
