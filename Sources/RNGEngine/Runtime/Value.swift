import PythonSubset

/// A Python value in the engine.
///
/// Immutable Python values are cases; mutable or identity-bearing ones (lists,
/// arrays, functions, modules, framework objects such as a layer or a
/// generator) are objects, so in-place calls like `shuffle(x)` or
/// `t.uniform_(-1, 1)` change what every reference sees, as in Python.
///
/// ```swift
/// let seed: Value = .int(PythonInt(42))
/// seed.typeName              // "int"
/// Value.float(0.5).repr      // "0.5"
/// ```
public enum Value: @unchecked Sendable {
  case none
  case bool(Bool)
  case int(PythonInt)
  case float(Double)
  case string(String)
  case bytes([UInt8])
  case tuple([Value])
  case dtype(DType)
  case object(any PythonObject)

  /// The Python type name used in messages (`"int"`, `"list"`, `"numpy.ndarray"`).
  public var typeName: String {
    switch self {
    case .none: return "None"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .bytes: return "bytes"
    case .tuple: return "tuple"
    case .dtype: return "dtype"
    case .object(let o): return o.typeName
    }
  }

  /// A short Python-like rendering for messages (`'abc'`, `[1, 2]`, `2.5`).
  public var repr: String {
    switch self {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return i.description
    case .float(let d): return PythonFloat.repr(d)
    case .string(let s): return PythonString.repr(s)
    case .bytes(let b): return "b'" + String(decoding: b, as: UTF8.self) + "'"
    case .tuple(let items):
      return "(" + items.map(\.repr).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .dtype(let d): return d.rawValue
    case .object(let o): return o.repr
    }
  }

  /// Python truthiness.
  public var isTruthy: Bool {
    switch self {
    case .none: return false
    case .bool(let b): return b
    case .int(let i): return !i.isZero
    case .float(let d): return d != 0
    case .string(let s): return !s.isEmpty
    case .bytes(let b): return !b.isEmpty
    case .tuple(let t): return !t.isEmpty
    case .dtype: return true
    case .object(let o): return o.isTruthy
    }
  }

  /// Whether this is `None`.
  public var isNone: Bool {
    if case .none = self { return true }
    return false
  }
}

/// A value together with the source text it was written as.
public struct Located<Wrapped>: @unchecked Sendable {
  public var value: Wrapped
  public var range: SourceRange

  public init(_ value: Wrapped, _ range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// A problem found while evaluating the user's text, with the span it is
/// about. The interpreter turns it into a `file:line:col` message.
///
/// `type` names the Python exception the problem is in the script's own
/// terms (`"TypeError"`, `"KeyError"`): such an error can be caught by the
/// script's `try`/`except`. An error without a type is the engine's own
/// limit (a call it does not emulate) and always stops the run, so a script
/// never silently goes on past something rngdiff could not reproduce.
public struct EvaluationError: Error, @unchecked Sendable, CustomStringConvertible {
  public var message: String
  public var range: SourceRange?
  public var type: String?

  public init(_ message: String, at range: SourceRange?, type: String? = nil) {
    self.message = message
    self.range = range
    self.type = type
  }

  public var description: String { message }
}
