import JAXStreams
import RNGStreams
import PythonSubset

/// A number argument of a JAX function (`minval`, `p`, `lower`): its value
/// and its dtype, nil for a Python float (which takes the default float
/// dtype, as JAX's weak types do).
struct JAXScalar {
  var value: Double
  var dtype: JAXDType?
}

/// Typed accessors for JAX arguments; their errors name the function, the
/// parameter, what was given and what is accepted, at the argument.
extension BoundArguments {
  /// One key, typed (`key(0)`) or raw (`PRNGKey(0)`), as every
  /// `jax.random` sampler takes it; raw key data is read as keys of
  /// `raw` (`jax_default_prng_impl`).
  func jaxKey(_ name: String, raw: JAXPRNGImpl = .threefry2x32) throws -> JAXKey {
    let (keys, shape, typed) = try jaxKeyArray(name, raw: raw)
    guard shape.isEmpty, let key = keys.first else {
      let given = typed ? JAXBinding.pythonTuple(shape) : JAXBinding.pythonTuple(shape + [raw.keyWords])
      // JAX raises ValueError here.
      throw EvaluationError(
        "\(signature.name)() accepts a single key, but was given a key array of shape \(given); pick one key, e.g. keys[0]",
        at: range(name), type: "ValueError")
    }
    return key
  }

  /// A key array of any shape: its keys, its key shape and whether they
  /// are typed; raw key data is read as keys of `raw`.
  func jaxKeyArray(_ name: String, raw: JAXPRNGImpl = .threefry2x32) throws -> (keys: [JAXKey], shape: [Int], typed: Bool) {
    let v = value(name) ?? .none
    if case .object(let o) = v, let array = o as? ArrayObject, let keys = array.jaxKeys(rawImpl: raw) { return keys }
    let rawHint =
      raw == .threefry2x32
      ? "uint32 key data of shape (2,) such as PRNGKey(0)"
      : "uint32 key data of shape (4,) such as PRNGKey(0) (jax_default_prng_impl is '\(raw.name)')"
    throw error(
      name,
      "\(signature.name)() argument '\(name)' must be a key such as key(0), or \(rawHint), got \(JAXBinding.describe(v))")
  }

  /// A dtype: a dtype name in the namespace (`float16`), a dtype object, or
  /// its name as a string (`'float16'`); nil when absent or None.
  func jaxDType(_ name: String) throws -> JAXDType? {
    guard isGiven(name), let v = value(name) else { return nil }
    switch v {
    case .dtype(let d): if let dtype = JAXDType(engine: d) { return dtype }
    case .string(let s): if let dtype = JAXDType(name: s) { return dtype }
    case .object(let o): if let type = o as? JAXScalarType { return type.dtype }
    default: break
    }
    throw error(
      name, "\(signature.name)() argument '\(name)' must be a dtype such as float32 or 'uint8', got \(JAXBinding.describe(v))")
  }

  /// A number: a Python int, float or bool, or a 0-d array; nil when absent.
  func jaxScalar(_ name: String, integerDType: JAXDType) throws -> JAXScalar? {
    guard let v = value(name), !v.isNone else { return nil }
    switch v {
    case .float(let d): return JAXScalar(value: d, dtype: nil)
    case .bool(let b): return JAXScalar(value: b ? 1 : 0, dtype: .bool)
    case .int(let i): return JAXScalar(value: i.double ?? .nan, dtype: integerDType)
    case .object(let o):
      if let a = o as? ArrayObject, let values = a.tensor.jaxValues, a.tensor.shape.isEmpty,
        let number = BoundArguments.asDouble(v)
      {
        return JAXScalar(value: number, dtype: JAXDType(values.dtype))
      }
      if let a = o as? ArrayObject, a.tensor.jaxValues != nil {
        throw error(
          name,
          "\(signature.name)() argument '\(name)' must be a number; rngdiff emulates scalar \(name) only, got an array of shape \(JAXBinding.pythonTuple(a.tensor.shape))"
        )
      }
    default: break
    }
    throw error(name, "\(signature.name)() argument '\(name)' must be a number, got \(JAXBinding.describe(v))")
  }

  /// An int that fits in a signed 64-bit integer (the widest Python int a
  /// JAX call converts).
  func jaxInt64(_ name: String) throws -> Int64 {
    let i = try requiredInt(name)
    guard let n = i.int64 else {
      throw error(name, "\(signature.name)() argument '\(name)' must fit in a signed 64-bit integer, got \(i)")
    }
    return n
  }

  /// A shape for a parameter whose default is a shape: absent gives
  /// `defaultShape`; None is refused, as JAX refuses it.
  func jaxShape(_ name: String, default defaultShape: [Int]) throws -> [Int] {
    guard let v = value(name) else { return defaultShape }
    if v.isNone {
      throw error(name, "\(signature.name)() argument '\(name)' must be an int or a tuple of ints, got None")
    }
    return try shape(name) ?? defaultShape
  }

  /// An array that is not a key array (`x` of `permutation`, `a` of
  /// `choice`) with its values; nil when the value is not such an array.
  func jaxArray(_ name: String) -> (tensor: Tensor, values: DrawnValues)? {
    guard case .object(let o)? = value(name), let a = o as? ArrayObject, let values = a.tensor.jaxValues else { return nil }
    return (a.tensor, values)
  }

  /// Refuses a value other than the default for a parameter rngdiff does
  /// not emulate beyond its default (`out_sharding`, `axis`, …).
  func requireDefault(_ name: String, isDefault: (Value) -> Bool, accepted: String) throws {
    guard let v = value(name), !isDefault(v) else { return }
    throw error(name, "\(signature.name)() argument '\(name)' is emulated for \(accepted) only, got \(JAXBinding.describe(v))")
  }

  /// Refuses anything but None for `name`.
  func requireNone(_ name: String) throws {
    try requireDefault(name, isDefault: \.isNone, accepted: "None")
  }
}

/// Small shared pieces of the JAX binding.
enum JAXBinding {
  /// A shape as Python prints a tuple: `(3,)`, `(2, 3)`, `()`.
  static func pythonTuple(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }

  /// A value for messages: `int 5`, `float32 array of shape (2,)`.
  static func describe(_ v: Value) -> String {
    if case .object(let o) = v, let a = o as? ArrayObject {
      return "\(a.tensor.dtype.rawValue) array of shape \(pythonTuple(a.tensor.arrayShape))"
    }
    return "\(v.typeName) \(v.repr)"
  }
}
