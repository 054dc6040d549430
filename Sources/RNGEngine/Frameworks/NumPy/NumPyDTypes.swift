import NumPyStreams
import PythonSubset
import RNGStreams

/// NumPy's dtype names and how a `dtype=` argument is read: a dtype object
/// (`uint8`, `float32`, `bool_`), a string (`'int64'`, `'f4'`, `'l'`), or
/// the Python types `int`, `float` and `bool`.
///
/// ```swift
/// NumPyDTypes.namespace["bool_"]        // .dtype(.bool)
/// NumPyDTypes.named("f4")               // .float32
/// ```
enum NumPyDTypes {
  /// The dtype names a NumPy namespace exposes (`np.int8`, …, `np.bool_`).
  static let namespace: [String: Value] = {
    var names: [String: Value] = [:]
    for dtype in [DType.float16, .float32, .float64, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64] {
      names[dtype.rawValue] = .dtype(dtype)
    }
    names["bool_"] = .dtype(.bool)
    names["double"] = .dtype(.float64)
    names["single"] = .dtype(.float32)
    names["half"] = .dtype(.float16)
    return names
  }()

  /// The dtype a NumPy type string names (`np.dtype(text)` on x86-64 Linux).
  static func named(_ text: String) -> DType? {
    switch text {
    case "float64", "f8", "d", "double", "float", "float_": return .float64
    case "float32", "f4", "f", "single": return .float32
    case "float16", "f2", "e", "half": return .float16
    case "int64", "i8", "l", "q", "long", "longlong", "int", "int_", "intp", "p": return .int64
    case "int32", "i4", "i", "intc": return .int32
    case "int16", "i2", "h", "short": return .int16
    case "int8", "i1", "b", "byte": return .int8
    case "uint64", "u8", "L", "Q", "ulong", "ulonglong", "uint", "uintp", "P": return .uint64
    case "uint32", "u4", "I", "uintc": return .uint32
    case "uint16", "u2", "H", "ushort": return .uint16
    case "uint8", "u1", "B", "ubyte": return .uint8
    case "bool", "bool_", "?": return .bool
    default: return nil
    }
  }

  /// The `dtype=` argument `name`, or nil when absent or None.
  ///
  /// - Throws: NumPy's "data type 'x' not understood" for an unknown string,
  ///   "Cannot interpret 'x' as a data type" for anything else.
  static func argument(_ args: BoundArguments, _ name: String = "dtype") throws -> DType? {
    guard let value = args.value(name), !value.isNone else { return nil }
    switch value {
    case .dtype(let d): return d
    case .string(let s):
      if let d = named(s) { return d }
      throw args.error(name, "data type '\(s)' not understood")
    case .object(let o):
      if let f = o as? BuiltinFunction {
        switch f.name {
        case "int": return .int64
        case "float": return .float64
        case "bool": return .bool
        default: break
        }
      }
    default: break
    }
    throw args.error(name, "Cannot interpret '\(value.repr)' as a data type")
  }

  /// How NumPy prints a dtype in messages: `dtype('float32')`.
  static func described(_ dtype: DType) -> String { "dtype('\(dtype.rawValue)')" }

  /// The integer dtype `randint` / `integers` draw, or NumPy's
  /// "Unsupported dtype dtype('float32') for randint".
  static func integerDType(_ args: BoundArguments, function: String) throws -> IntegerDType {
    guard let dtype = try argument(args) else { return .int64 }
    guard let integer = IntegerDType(name: dtype.rawValue) else {
      throw args.error("dtype", "Unsupported dtype \(described(dtype)) for \(function)")
    }
    return integer
  }

  /// The float dtype of `Generator.random` / `standard_normal`, or NumPy's
  /// "Unsupported dtype dtype('int8') for random".
  static func floatDType(_ args: BoundArguments, function: String) throws -> FloatDType {
    guard let dtype = try argument(args) else { return .float64 }
    guard let float = FloatDType(name: dtype.rawValue) else {
      throw args.error("dtype", "Unsupported dtype \(described(dtype)) for \(function)")
    }
    return float
  }
}
