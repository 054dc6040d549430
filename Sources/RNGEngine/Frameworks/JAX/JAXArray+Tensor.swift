import JAXStreams

extension JAXDType {
  /// The JAX dtype of an engine dtype; nil for Python ints and key arrays,
  /// which are not plain JAX arrays.
  init?(engine dtype: DType) {
    self.init(name: dtype.rawValue)
  }

  /// The engine's dtype of the same name.
  var engine: DType {
    guard let dtype = DType(rawValue: rawValue) else { preconditionFailure("every JAX dtype has an engine dtype") }
    return dtype
  }
}

extension JAXArray {
  /// The array as an engine tensor, stored as ``Tensor`` stores each dtype
  /// (unsigned integers below 64 bits as `Int64`).
  var tensor: Tensor {
    let storage: Tensor.Storage
    switch values {
    case .bool(let v): storage = .bool(v)
    case .float(let v): storage = .float(v)
    case .double(let v): storage = .double(v)
    case .signed(let v): storage = .int(v)
    case .unsigned(let v): storage = dtype == .uint64 ? .unsigned(v) : .int(v.map { Int64(bitPattern: $0) })
    }
    return Tensor(dtype: dtype.engine, shape: shape, storage: storage)
  }

  /// The JAX array an engine tensor holds; nil for Python ints, keys, and
  /// storage that does not suit the dtype.
  init?(_ tensor: Tensor) {
    guard let dtype = JAXDType(engine: tensor.dtype) else { return nil }
    let values: Values
    switch (dtype, tensor.storage) {
    case (.bool, .bool(let v)): values = .bool(v)
    case (.float64, .double(let v)): values = .double(v)
    case (.float64, .float(let v)): values = .double(v.map(Double.init))
    case (.float16, .float(let v)), (.bfloat16, .float(let v)), (.float32, .float(let v)): values = .float(v)
    case (let d, .int(let v)) where d.isSignedInteger: values = .signed(v)
    case (let d, .unsigned(let v)) where d.isSignedInteger: values = .signed(v.map { Int64(bitPattern: $0) })
    case (let d, .int(let v)) where d.isUnsignedInteger: values = .unsigned(v.map { UInt64(bitPattern: $0) })
    case (let d, .unsigned(let v)) where d.isUnsignedInteger: values = .unsigned(v)
    default: return nil
    }
    self.init(dtype: dtype, shape: tensor.shape, values: values)
  }

  /// The array as a `jax.Array` value.
  var value: Value { .object(ArrayObject(tensor, kind: .jax)) }
}
