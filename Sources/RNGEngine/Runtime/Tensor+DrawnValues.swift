import RNGStreams

extension Tensor {
  /// A tensor of `shape` holding a sampler's values in their dtype: the one
  /// conversion every framework binding uses for what its streams return.
  ///
  /// ```swift
  /// Tensor(DrawnValues.uint8([3, 7]), shape: [2]).dtype    // .uint8
  /// ```
  ///
  /// 16-bit floats are stored as the `Float` they widen to, integers below
  /// 64 bits and `int64` as `Int64`, `uint64` as `UInt64` (see ``Tensor``).
  ///
  /// - Precondition: `values.count` is the element count of `shape`.
  public init(_ values: DrawnValues, shape: [Int]) {
    let storage: Storage
    switch values {
    case .bool(let v): storage = .bool(v)
    case .uint64(let v): storage = .unsigned(v)
    case .float16, .bfloat16, .float32: storage = .float(values.floats ?? [])
    case .float64(let v): storage = .double(v)
    default: storage = .int(values.integers ?? [])
    }
    self.init(dtype: DType(values.dtype), shape: shape, storage: storage)
  }

  /// The elements as drawn values in the tensor's dtype, for passing an
  /// array to a sampler; nil for Python ints and JAX keys, and for `bool`
  /// tensors not stored as bools.
  ///
  /// ```swift
  /// Tensor(shape: [2], int64: [1, 2], dtype: .int8).drawnValues   // .int8([1, 2])
  /// ```
  ///
  /// Integers wrap to the dtype's width and floats round to it, so a tensor
  /// whose storage suits its dtype converts exactly.
  public var drawnValues: DrawnValues? {
    guard let elementType = dtype.elementType else { return nil }
    switch (elementType, storage) {
    case (.bool, .bool(let v)): return .bool(v)
    case (.bool, _): return nil
    case (.float64, .double(let v)): return .float64(v)
    case (.float64, .float(let v)): return .float64(v.map(Double.init))
    case (.uint64, .unsigned(let v)): return .uint64(v)
    case (let type, .float(let v)) where type.isFloatingPoint: return DrawnValues(v, roundedTo: type)
    case (let type, .double(let v)) where type.isFloatingPoint: return DrawnValues(v.map { Float($0) }, roundedTo: type)
    case (let type, .int(let v)) where type.isInteger: return DrawnValues(wrapping: v, as: type)
    case (let type, .unsigned(let v)) where type.isInteger:
      return DrawnValues(wrapping: v.map { Int64(bitPattern: $0) }, as: type)
    case (let type, .bool(let v)) where type.isInteger: return DrawnValues(wrapping: v.map { $0 ? 1 : 0 }, as: type)
    case (let type, .big(let v)) where type.isInteger:
      return DrawnValues(wrapping: v.map { Int64(truncatingIfNeeded: $0.truncatingUInt64) }, as: type)
    default: return nil
    }
  }
}

extension DrawnValues {
  /// The first element repeated `count` times (`full`, `ones`, `constant`
  /// with a shape).
  ///
  /// - Precondition: the values are not empty, or `count` is 0.
  func repeated(_ count: Int) -> DrawnValues {
    rows([Int](repeating: 0, count: count), rowLength: 1)
  }
}

extension DType {
  /// The engine dtype of drawn values' element type (the same name).
  public init(_ elementType: ElementType) {
    guard let dtype = DType(rawValue: elementType.rawValue) else { preconditionFailure("every element type is a DType") }
    self = dtype
  }


  /// The element type of the same name; nil for Python ints and JAX keys.
  public var elementType: ElementType? { ElementType(rawValue: rawValue) }
}
