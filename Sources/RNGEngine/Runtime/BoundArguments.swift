import PythonSubset
import RNGStreams

/// Call arguments matched to a ``Signature``, with typed accessors whose
/// errors name the function, the parameter, the type given and the type
/// accepted, at the argument's place in the source.
///
/// ```swift
/// let args = try Signature("randint(low, high=None, size=None)").bind(arguments)
/// let low = try args.requiredInt("low")
/// let size = try args.shape("size")          // nil when absent or None
/// ```
///
/// Absent parameters and parameters given as `None` read as nil, so the
/// caller supplies the default in one place.
public struct BoundArguments: @unchecked Sendable {
  public let signature: Signature
  public let values: [String: Located<Value>]
  /// Arguments collected by `*args`, in order.
  public let extraPositional: [Located<Value>]
  /// Arguments collected by `**kwargs`, in order.
  public let extraKeywords: [(name: String, value: Located<Value>)]
  public let callRange: SourceRange

  /// The value bound to `name`, or nil when absent.
  public func value(_ name: String) -> Value? { values[name]?.value }

  /// Whether `name` was given as something other than `None`.
  public func isGiven(_ name: String) -> Bool {
    guard let v = values[name]?.value else { return false }
    return !v.isNone
  }

  /// Where the argument for `name` is, or the whole call when absent.
  public func range(_ name: String) -> SourceRange { values[name]?.range ?? callRange }

  /// An error about the argument `name`.
  public func error(_ name: String, _ message: String) -> EvaluationError {
    EvaluationError(message, at: range(name))
  }

  private func typeError(_ name: String, expected: String, got value: Value) -> EvaluationError {
    error(name, "\(signature.name)() argument '\(name)' must be \(expected), got \(value.typeName) \(value.repr)")
  }

  private func present(_ name: String) -> Value? {
    guard let v = values[name]?.value, !v.isNone else { return nil }
    return v
  }

  // MARK: Numbers

  /// An int (bools and 0-d integer arrays count, as `operator.index` allows).
  public func int(_ name: String) throws -> PythonInt? {
    guard let v = present(name) else { return nil }
    if let i = Self.asInt(v) { return i }
    throw typeError(name, expected: "an int", got: v)
  }

  public func requiredInt(_ name: String) throws -> PythonInt {
    guard let i = try int(name) else { throw missing(name, "an int") }
    return i
  }

  /// An int that fits in `Int`, with a clear error when it does not.
  public func intValue(_ name: String) throws -> Int? {
    guard let i = try int(name) else { return nil }
    guard let n = i.int else { throw error(name, "\(signature.name)() argument '\(name)' is too large: \(i)") }
    return n
  }

  /// A number as a double (ints convert exactly or to the nearest double).
  public func double(_ name: String) throws -> Double? {
    guard let v = present(name) else { return nil }
    if let d = Self.asDouble(v) { return d }
    throw typeError(name, expected: "a number", got: v)
  }

  public func bool(_ name: String) throws -> Bool? {
    guard let v = present(name) else { return nil }
    if case .bool(let b) = v { return b }
    if case .int(let i) = v { return !i.isZero }
    throw typeError(name, expected: "a bool", got: v)
  }

  public func string(_ name: String) throws -> String? {
    guard let v = present(name) else { return nil }
    if case .string(let s) = v { return s }
    throw typeError(name, expected: "a str", got: v)
  }

  /// A shape: an int, or a tuple or list of ints (each ≥ 0).
  public func shape(_ name: String) throws -> [Int]? {
    guard let v = present(name) else { return nil }
    guard let dims = Self.asShape(v) else { throw typeError(name, expected: "an int or a tuple of ints", got: v) }
    if let bad = dims.first(where: { $0 < 0 }) {
      throw error(name, "\(signature.name)() argument '\(name)' has a negative dimension \(bad)")
    }
    return dims
  }

  /// A sequence of ints (a list, tuple, range or integer array).
  public func intSequence(_ name: String) throws -> [PythonInt]? {
    guard let v = present(name) else { return nil }
    if let items = Self.asIntSequence(v) { return items }
    throw typeError(name, expected: "a sequence of ints", got: v)
  }

  /// A dtype given as a dtype object or its name.
  public func dtype(_ name: String) throws -> DType? {
    guard let v = present(name) else { return nil }
    switch v {
    case .dtype(let d): return d
    case .string(let s):
      if let d = DType(rawValue: s) { return d }
    default: break
    }
    throw typeError(name, expected: "a dtype", got: v)
  }

  /// An array or tensor argument.
  public func array(_ name: String) throws -> ArrayObject? {
    guard let v = present(name) else { return nil }
    if case .object(let o) = v, let a = o as? ArrayObject { return a }
    throw typeError(name, expected: "an array", got: v)
  }

  /// A framework object of a given class.
  public func object<T: PythonObject>(_ name: String, as type: T.Type, expected: String) throws -> T? {
    guard let v = present(name) else { return nil }
    if case .object(let o) = v, let t = o as? T { return t }
    throw typeError(name, expected: expected, got: v)
  }

  /// The `*args` as a shape: `f(3, 4)` or `f((3, 4))` or `f([3, 4])`.
  public func variadicShape() throws -> [Int] {
    if extraPositional.count == 1, let dims = Self.asShape(extraPositional[0].value), !(Self.asInt(extraPositional[0].value) != nil) {
      return try checked(dims, at: extraPositional[0].range)
    }
    var dims: [Int] = []
    for item in extraPositional {
      guard let i = Self.asInt(item.value), let n = i.int else {
        throw EvaluationError(
          "\(signature.name)() size must be ints or one tuple of ints, got \(item.value.typeName) \(item.value.repr)",
          at: item.range)
      }
      dims.append(n)
    }
    return try checked(dims, at: extraPositional.first?.range ?? callRange)
  }

  private func checked(_ dims: [Int], at range: SourceRange) throws -> [Int] {
    if let bad = dims.first(where: { $0 < 0 }) {
      throw EvaluationError("\(signature.name)() got a negative dimension \(bad)", at: range)
    }
    return dims
  }

  private func missing(_ name: String, _ what: String) -> EvaluationError {
    error(name, "\(signature.name)() argument '\(name)' must be \(what), got None; accepted: \(signature.text)")
  }

  // MARK: Framework errors

  /// Runs a sampler call, turning a ``FrameworkError`` into an error at the
  /// argument it names (or at the call).
  public func framework<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as FrameworkError {
      let at = e.parameter.flatMap { values[$0]?.range } ?? callRange
      throw EvaluationError(e.message, at: at)
    }
  }

  // MARK: Conversions shared with the interpreter

  /// `operator.index(v)`.
  public static func asInt(_ v: Value) -> PythonInt? {
    switch v {
    case .int(let i): return i
    case .bool(let b): return PythonInt(b ? 1 : 0)
    case .object(let o):
      guard let a = o as? ArrayObject, a.tensor.rank == 0 || a.tensor.count == 1 && a.tensor.rank == 0 else { return nil }
      switch a.tensor.storage {
      case .int(let x): return x.first.map { PythonInt($0) }
      case .unsigned(let x): return x.first.map { PythonInt($0) }
      case .big(let x): return x.first
      case .bool(let x): return x.first.map { PythonInt($0 ? 1 : 0) }
      default: return nil
      }
    default: return nil
    }
  }

  /// A number as a double.
  public static func asDouble(_ v: Value) -> Double? {
    switch v {
    case .float(let d): return d
    case .int(let i): return i.double
    case .bool(let b): return b ? 1 : 0
    case .object(let o):
      guard let a = o as? ArrayObject, a.tensor.rank == 0 else { return nil }
      return a.tensor.doubles.first
    default: return nil
    }
  }

  /// An int, or a tuple/list of ints, as dimensions.
  public static func asShape(_ v: Value) -> [Int]? {
    if let i = asInt(v) { return i.int.map { [$0] } }
    guard let items = asIntSequence(v) else { return nil }
    var dims: [Int] = []
    for item in items {
      guard let n = item.int else { return nil }
      dims.append(n)
    }
    return dims
  }

  /// A list, tuple, range or 1-D integer array as ints.
  public static func asIntSequence(_ v: Value) -> [PythonInt]? {
    switch v {
    case .tuple(let items): return ints(items)
    case .object(let o):
      if let list = o as? ListObject { return ints(list.elements) }
      if let range = o as? RangeObject { return (0..<range.count).map { PythonInt(range.element($0)) } }
      if let a = o as? ArrayObject, a.tensor.rank == 1, a.tensor.dtype.elementAxes == 0 {
        switch a.tensor.storage {
        case .int(let x): return x.map { PythonInt($0) }
        case .unsigned(let x): return x.map { PythonInt($0) }
        case .big(let x): return x
        default: return nil
        }
      }
      return nil
    default: return nil
    }
  }

  private static func ints(_ items: [Value]) -> [PythonInt]? {
    var out: [PythonInt] = []
    for item in items {
      guard let i = asInt(item) else { return nil }
      out.append(i)
    }
    return out
  }
}
