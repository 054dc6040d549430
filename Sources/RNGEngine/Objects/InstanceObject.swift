import PythonSubset

/// An instance of a ``ClassObject``: its class and its own attributes.
///
/// Framework objects that scripts may subclass (a Keras layer, a model, a
/// torch module) derive from this class, so a user's subclass is the same
/// Swift object with the user's class on top. Attribute lookup is Python's:
/// the instance's own attributes, then the class's MRO, where a function
/// becomes a method bound to the instance; then ``nativeAttribute(_:)``,
/// which framework subclasses override.
///
/// ```python
/// class Point:
///     def __init__(self, x): self.x = x
///     def double(self): return self.x * 2
/// Point(4).double()   # 8
/// ```
open class InstanceObject: PythonObject {
  /// The instance's class (`type(obj)`).
  public var pythonClass: ClassObject
  /// Attributes set on the instance, in the order they were first set.
  public private(set) var slots: [(name: String, value: Value)] = []

  public init(class pythonClass: ClassObject) {
    self.pythonClass = pythonClass
  }

  open var typeName: String { pythonClass.name }

  open var repr: String {
    if let text = try? callDunder("__repr__", []), case .string(let s) = text { return s }
    if pythonClass.isSubclass(of: ExceptionClasses.baseException) { return ExceptionClasses.repr(of: self) }
    return "<\(pythonClass.module).\(pythonClass.name) object>"
  }

  open var isTruthy: Bool {
    if let v = try? callDunder("__bool__", []) { return v.isTruthy }
    if let v = try? callDunder("__len__", []), case .int(let n) = v { return !n.isZero }
    return true
  }

  /// The value the instance itself holds for `name`.
  public func slot(_ name: String) -> Value? { slots.last { $0.name == name }?.value }

  /// Framework attributes (`layer.kernel`, `model.weights`); nil when none.
  open func nativeAttribute(_ name: String) throws -> Value? { nil }

  /// Sets a framework attribute; returns false when the name is not one.
  open func setNativeAttribute(_ name: String, _ value: Value) throws -> Bool { false }

  /// Called when an attribute is set, after it is stored (Keras tracks
  /// layers assigned to a model this way).
  open func didSetAttribute(_ name: String, _ value: Value) throws {}

  public func attribute(_ name: String) throws -> Value? {
    if name == "__class__" { return .object(pythonClass) }
    if name == "__dict__" { return .object(DictObject(slots.map { (.string($0.name), $0.value) })) }
    if let descriptor = pythonClass.lookup(name), case .object(let p as PropertyObject) = descriptor {
      guard !p.getter.isNone else { throw EvaluationError("property '\(name)' has no getter", at: nil, type: "AttributeError") }
      return try callDunderless(p.getter, [.object(self)])
    }
    if let v = slot(name) { return v }
    if let v = pythonClass.lookup(name) { return Self.bind(v, to: self) }
    return try nativeAttribute(name)
  }

  private func callDunderless(_ function: Value, _ positional: [Value]) throws -> Value {
    let here = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
    var arguments = Arguments(callRange: here, calleeRange: here)
    arguments.positional = positional.map { Located($0, here) }
    return try ClassObject.callValue(function, arguments)
  }

  /// Sets `name` as `obj.name = value` does.
  public func setAttribute(_ name: String, _ value: Value) throws {
    if let descriptor = pythonClass.lookup(name), case .object(let p as PropertyObject) = descriptor {
      guard !p.setter.isNone else { throw EvaluationError("property '\(name)' has no setter", at: nil, type: "AttributeError") }
      _ = try callDunderless(p.setter, [.object(self), value])
      return
    }
    if try setNativeAttribute(name, value) { return }
    if let i = slots.firstIndex(where: { $0.name == name }) {
      slots[i].value = value
    } else {
      slots.append((name, value))
    }
    try didSetAttribute(name, value)
  }

  /// Removes an attribute set on the instance (`del obj.name`).
  public func deleteAttribute(_ name: String) -> Bool {
    guard let i = slots.firstIndex(where: { $0.name == name }) else { return false }
    slots.remove(at: i)
    return true
  }

  open var attributeNames: [String] { Array(Set(slots.map(\.name) + pythonClass.attributeNames)).sorted() }

  open func call(_ arguments: Arguments) throws -> Value {
    guard let method = pythonClass.lookup("__call__") else {
      throw EvaluationError("'\(typeName)' object is not callable", at: arguments.calleeRange, type: "TypeError")
    }
    var withSelf = arguments
    withSelf.positional.insert(Located(.object(self), arguments.calleeRange), at: 0)
    return try ClassObject.callValue(method, withSelf)
  }

  /// Calls a special method the class defines (`__repr__`, `__len__`), or
  /// nil when it defines none.
  public func callDunder(_ name: String, _ positional: [Value], at range: SourceRange? = nil) throws -> Value? {
    guard let method = pythonClass.lookup(name) else { return nil }
    let here = range ?? SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
    var arguments = Arguments(callRange: here, calleeRange: here)
    arguments.positional = ([.object(self)] + positional).map { Located($0, here) }
    return try ClassObject.callValue(method, arguments)
  }

  /// A class attribute seen through an instance: functions become bound methods.
  static func bind(_ value: Value, to instance: InstanceObject) -> Value {
    switch value {
    case .object(let o) where o is PythonFunction || o is BuiltinFunction:
      return .object(MethodObject(receiver: .object(instance), function: o))
    case .object(let s as StaticMethodObject):
      return s.function
    case .object(let c as ClassMethodObject):
      if case .object(let f) = c.function { return .object(MethodObject(receiver: .object(instance.pythonClass), function: f)) }
      return value
    default:
      return value
    }
  }
}

/// A script or builtin function bound to the object it was looked up on
/// (`model.fit`, `self.helper`).
public final class MethodObject: PythonObject {
  public let receiver: Value
  public let function: any PythonObject

  public init(receiver: Value, function: any PythonObject) {
    self.receiver = receiver
    self.function = function
  }

  public var typeName: String { "method" }
  public var repr: String { "<bound method of \(receiver.repr)>" }

  public func call(_ arguments: Arguments) throws -> Value {
    var withSelf = arguments
    withSelf.positional.insert(Located(receiver, arguments.calleeRange), at: 0)
    return try function.call(withSelf)
  }
}
