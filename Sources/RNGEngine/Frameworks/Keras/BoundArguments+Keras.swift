import KerasStreams
import PythonSubset

/// Typed accessors for Keras 3 arguments; their errors name the function,
/// the parameter, what was given and what is accepted, at the argument.
extension BoundArguments {
  /// `seed=` of a `keras.random` function: None, an int or a
  /// `SeedGenerator`, converted to the backend's seed dtype as
  /// `draw_seed` does.
  func kerasSeed(_ name: String, backend: Keras3.Backend) throws -> Keras3.Seed {
    guard let v = value(name), !v.isNone else { return .none }
    if case .object(let o) = v, let generator = o as? KerasSeedGeneratorObject { return .generator(generator.generator) }
    guard let seed = try kerasIntSeed(name, backend: backend) else {
      throw error(
        name,
        "Argument `seed` must be either an integer or an instance of `SeedGenerator`. Received: seed=\(v.repr) (of type <class '\(KerasBinding.pythonTypeName(v))'>)")
    }
    return .int(seed)
  }

  /// `seed=` of an initializer: checked at construction as Keras checks it
  /// (None, an int or a `SeedGenerator`).
  func kerasInitializerSeed(_ name: String, backend: Keras3.Backend) throws -> Keras3.Seed {
    guard let v = value(name), !v.isNone else { return .none }
    if case .object(let o) = v, o is KerasSeedGeneratorObject { return try kerasSeed(name, backend: backend) }
    guard BoundArguments.asInt(v) != nil, !(v.isArray) else {
      throw error(
        name, "`seed` argument should be an instance of `keras.random.SeedGenerator()` or an integer. Received: seed=\(v.repr)")
    }
    return try kerasSeed(name, backend: backend)
  }

  /// `seed=` of `SeedGenerator` (and of `Dropout`, which makes one): None or an int.
  func kerasGeneratorSeed(_ name: String, backend: Keras3.Backend) throws -> Int64? {
    guard let v = value(name), !v.isNone else { return nil }
    guard let seed = try kerasIntSeed(name, backend: backend) else {
      throw error(name, "Argument `seed` must be an integer. Received: seed=\(v.repr)")
    }
    return seed
  }

  /// An int seed converted as `convert_to_tensor([seed, 0], dtype=seed_dtype)`:
  /// TensorFlow (int64) refuses bools and ints beyond int64; JAX (uint32)
  /// takes bools as 0/1 and refuses ints outside `0 ... 2**32 - 1`. Nil
  /// when the value is not an int at all.
  private func kerasIntSeed(_ name: String, backend: Keras3.Backend) throws -> Int64? {
    guard let v = value(name), !v.isArray, let int = BoundArguments.asInt(v) else { return nil }
    if case .bool = v, backend == .tensorflow {
      throw error(name, "Can't convert Python sequence with mixed types to Tensor.")
    }
    guard let seed = int.int64 else {
      throw error(
        name,
        backend == .tensorflow
          ? "Can't convert Python sequence with out-of-range integer to Tensor."
          : "Python integer \(int) out of bounds for uint32")
    }
    return seed
  }

  /// A Python number (`minval`, `mean`, …): an int stays an int, a float a float.
  func kerasNumber(_ name: String) throws -> Keras3.Number? {
    guard let v = value(name), !v.isNone else { return nil }
    switch v {
    case .float(let d): return .float(d)
    case .int(let i):
      guard let n = i.int64 else { return .float(i.double ?? .infinity) }
      return .int(n)
    case .bool(let b): return .int(b ? 1 : 0)
    default:
      if let d = BoundArguments.asDouble(v) { return .float(d) }
      throw error(name, "\(signature.name)() argument '\(name)' must be a number, got \(v.typeName) \(v.repr)")
    }
  }

  /// A required number as a double.
  func kerasDouble(_ name: String) throws -> Double {
    guard let number = try kerasNumber(name) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a number, got None")
    }
    switch number {
    case .int(let v): return Double(v)
    case .float(let v): return v
    }
  }

  /// A dtype given by name (`'float64'`) or as a dtype; nil when absent.
  func kerasDType(_ name: String) throws -> Keras3.DType? {
    guard let d = try dtype(name) else { return nil }
    guard let dtype = Keras3.DType(engine: d) else {
      throw error(
        name,
        "\(signature.name)() argument '\(name)' is \(d.rawValue), which rngdiff does not emulate for keras; accepted: float32, float64, int32, int64, uint32")
    }
    return dtype
  }

  /// A required shape (a tuple or list of ints, or an int).
  func kerasShape(_ name: String) throws -> [Int] {
    guard let shape = try shape(name) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a tuple of ints, got None")
    }
    return shape
  }

  /// A shape whose dimensions may be None (`input_shape`, `noise_shape`); nil when absent.
  func kerasDimensions(_ name: String) throws -> [Int?]? {
    guard let v = value(name), !v.isNone else { return nil }
    let items: [Value]
    switch v {
    case .tuple(let t): items = t
    case .object(let o) where o is ListObject: items = (o as? ListObject)?.elements ?? []
    default:
      throw error(name, "\(signature.name)() argument '\(name)' must be a tuple of ints or None, got \(v.typeName) \(v.repr)")
    }
    return try items.map { item -> Int? in
      if item.isNone { return nil }
      guard case .int(let i) = item, let n = i.int else {
        throw error(name, "\(signature.name)() argument '\(name)' must be a tuple of ints or None, got \(v.repr)")
      }
      return n
    }
  }

  /// A list of ints (`input_axes`); nil when absent.
  func kerasAxes(_ name: String) throws -> [Int]? {
    guard let items = try intSequence(name) else { return nil }
    return try items.map { i in
      guard let n = i.int else { throw error(name, "\(signature.name)() argument '\(name)' holds an axis that is too large: \(i)") }
      return n
    }
  }

  /// A tensor argument (a Keras tensor or any array of an emulated dtype).
  func kerasTensor(_ name: String) throws -> Keras3.Tensor {
    guard let array = try array(name) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a tensor such as ones((3,)), got None")
    }
    guard let tensor = Keras3.Tensor(engine: array.tensor) else {
      throw error(
        name, "\(signature.name)() argument '\(name)' has dtype \(array.tensor.dtype.rawValue), which rngdiff does not emulate for keras")
    }
    return tensor
  }

  /// Refuses anything but None for an argument that would change what is
  /// emulated (`lora_rank`, regularizers, …).
  func kerasRequireNone(_ name: String) throws {
    guard let v = value(name), !v.isNone else { return }
    throw error(name, "\(signature.name)() argument '\(name)' is not emulated; leave it None, got \(v.repr)")
  }
}

extension Value {
  /// Whether this is an array or tensor (not a Python number).
  var isArray: Bool { if case .object(let o) = self { o is ArrayObject } else { false } }
}

/// Small shared pieces of the Keras binding.
enum KerasBinding {
  /// Python's `type(value).__name__` for messages.
  static func pythonTypeName(_ value: Value) -> String {
    value.isNone ? "NoneType" : value.typeName
  }
}
