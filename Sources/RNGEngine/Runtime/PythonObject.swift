import PythonSubset

/// A Python object with identity: a list, an array, a module, a function, or
/// a framework object such as `nn.Linear(3, 4)` or a Keras initializer.
///
/// Conformers override what they support; the defaults say "no such
/// attribute" and "not callable" in Python's words.
///
/// ```swift
/// final class Counter: PythonObject {
///   var typeName: String { "Counter" }
///   var count = 0
///   func call(_ arguments: Arguments) throws -> Value { count += 1; return .int(PythonInt(count)) }
/// }
/// ```
public protocol PythonObject: AnyObject {
  /// The type name in messages (`"list"`, `"torch.Tensor"`).
  var typeName: String { get }
  /// A short rendering for messages.
  var repr: String { get }
  /// Python truthiness (default true).
  var isTruthy: Bool { get }
  /// The attribute `name`, or nil when there is none.
  func attribute(_ name: String) throws -> Value?
  /// Names of the attributes, for "accepted: …" lists in messages.
  var attributeNames: [String] { get }
  /// Calls the object.
  func call(_ arguments: Arguments) throws -> Value
}

extension PythonObject {
  public var repr: String { "<\(typeName) object>" }
  public var isTruthy: Bool { true }
  public func attribute(_ name: String) throws -> Value? { nil }
  public var attributeNames: [String] { [] }
  public func call(_ arguments: Arguments) throws -> Value {
    throw EvaluationError("'\(typeName)' object is not callable", at: arguments.calleeRange)
  }
}

/// A named collection of attributes: a Python module such as `numpy.random`,
/// or the flat namespace a `sample` call string is evaluated in.
public final class Namespace: PythonObject {
  public let name: String
  public private(set) var members: [String: Value]

  public init(name: String, members: [String: Value] = [:]) {
    self.name = name
    self.members = members
  }

  public var typeName: String { "module" }
  public var repr: String { "<module '\(name)'>" }
  public func attribute(_ attributeName: String) throws -> Value? { members[attributeName] }
  public var attributeNames: [String] { members.keys.sorted() }

  /// Adds or replaces a member.
  public func define(_ memberName: String, _ value: Value) { members[memberName] = value }

  /// Adds a builtin function whose signature text names it.
  public func define(_ signature: String, _ body: @escaping (BoundArguments) throws -> Value) {
    let function = BuiltinFunction(signature: Signature(signature), body: body)
    members[function.name] = .object(function)
  }
}

/// A function implemented in Swift, with a Python signature for binding
/// arguments and for the "accepted: …" part of messages.
///
/// ```swift
/// let f = BuiltinFunction(signature: Signature("randint(low, high=None, size=None, dtype=int)")) { args in
///   .int(try args.requiredInt("low"))
/// }
/// ```
public final class BuiltinFunction: PythonObject {
  public let signature: Signature
  let body: (BoundArguments) throws -> Value

  public init(signature: Signature, body: @escaping (BoundArguments) throws -> Value) {
    self.signature = signature
    self.body = body
  }

  public var name: String { signature.name }
  public var typeName: String { "builtin_function" }
  public var repr: String { "<built-in function \(name)>" }

  public func call(_ arguments: Arguments) throws -> Value {
    try body(try signature.bind(arguments))
  }
}

/// A mutable Python list.
public final class ListObject: PythonObject {
  public var elements: [Value]

  public init(_ elements: [Value]) { self.elements = elements }

  public var typeName: String { "list" }
  public var repr: String {
    ReprGuard.render(self, placeholder: "[...]") { "[" + elements.map(\.repr).joined(separator: ", ") + "]" }
  }
  public var isTruthy: Bool { !elements.isEmpty }
}

/// A Python dict with insertion order (keys compared by their repr, which is
/// enough for the str/int keys scripts use).
public final class DictObject: PythonObject {
  public private(set) var entries: [(key: Value, value: Value)] = []

  public init(_ entries: [(key: Value, value: Value)] = []) {
    for (k, v) in entries { self[k] = v }
  }

  public var typeName: String { "dict" }
  public var repr: String {
    ReprGuard.render(self, placeholder: "{...}") {
      "{" + entries.map { "\($0.key.repr): \($0.value.repr)" }.joined(separator: ", ") + "}"
    }
  }
  public var isTruthy: Bool { !entries.isEmpty }

  public subscript(key: Value) -> Value? {
    get { entries.first { $0.key.repr == key.repr }?.value }
    set {
      if let i = entries.firstIndex(where: { $0.key.repr == key.repr }) {
        if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
      } else if let newValue {
        entries.append((key, newValue))
      }
    }
  }
}

/// A Python `range`.
public final class RangeObject: PythonObject {
  public let start: Int
  public let stop: Int
  public let step: Int

  public init(start: Int, stop: Int, step: Int) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  public var typeName: String { "range" }
  public var repr: String { step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))" }
  public var count: Int {
    if step > 0 { return stop > start ? (stop - start + step - 1) / step : 0 }
    return start > stop ? (start - stop - step - 1) / (-step) : 0
  }
  public var isTruthy: Bool { count > 0 }
  public func element(_ i: Int) -> Int { start + i * step }
}
