import PythonSubset

/// A Python class: a user's `class Model(keras.Model): ...`, a builtin
/// exception type, or a framework class the engine implements in Swift.
///
/// Attribute lookup follows the method resolution order (C3 linearisation,
/// as CPython computes `__mro__`). Calling a class makes an instance: the
/// first class in the MRO with an ``allocate`` hook makes the Swift object
/// (so a user's subclass of a framework class is still that framework
/// object underneath), then `__init__` runs if any class defines it.
///
/// ```python
/// class Base: pass
/// class Derived(Base):
///     def __init__(self, n): self.n = n
/// Derived(3).n          # 3
/// Derived.__mro__       # (Derived, Base, object)
/// ```
///
/// Edge cases: an inconsistent hierarchy (`class C(A, B)` where B is a base
/// of A listed after it) is a `TypeError`, as in CPython; two framework
/// bases with different allocators cannot be combined.
public final class ClassObject: PythonObject {
  public let name: String
  public let bases: [ClassObject]
  /// The class itself, then its bases in C3 order.
  public private(set) var mro: [ClassObject] = []
  /// The class body's names, in definition order.
  public private(set) var members: [(name: String, value: Value)] = []
  /// Makes the Swift object behind an instance of this class or a subclass.
  let allocate: ((ClassObject) -> InstanceObject)?
  /// The module name shown in reprs (`builtins` for exception types).
  public let module: String

  /// A class with the given bases. `allocate` is for framework classes.
  public init(
    name: String, bases: [ClassObject], module: String = "__main__",
    members: [(String, Value)] = [], allocate: ((ClassObject) -> InstanceObject)? = nil
  ) throws {
    self.name = name
    self.bases = bases
    self.module = module
    self.allocate = allocate
    for (n, v) in members { self.setMember(n, v) }
    mro = [self] + (try Self.linearise(bases, name: name))
  }

  public var typeName: String { "type" }
  public var repr: String { module == "builtins" ? "<class '\(name)'>" : "<class '\(module).\(name)'>" }

  /// The value `name` has in this class or the first base that defines it.
  public func lookup(_ memberName: String) -> Value? {
    for cls in mro {
      if let v = cls.member(memberName) { return v }
    }
    return nil
  }

  /// The value defined in this class's own body, not its bases'.
  public func member(_ memberName: String) -> Value? {
    members.last { $0.name == memberName }?.value
  }

  /// Defines or replaces a class attribute.
  public func setMember(_ memberName: String, _ value: Value) {
    if let i = members.firstIndex(where: { $0.name == memberName }) {
      members[i].value = value
    } else {
      members.append((memberName, value))
    }
  }

  /// Whether this class is `other` or derives from it.
  public func isSubclass(of other: ClassObject) -> Bool { mro.contains { $0 === other } }

  public func attribute(_ attributeName: String) throws -> Value? {
    switch attributeName {
    case "__name__", "__qualname__": return .string(name)
    case "__module__": return .string(module)
    case "__mro__": return .tuple(mro.map { .object($0) })
    case "__bases__": return .tuple(bases.map { .object($0) })
    default:
      switch lookup(attributeName) {
      case .object(let s as StaticMethodObject)?: return s.function
      case .object(let c as ClassMethodObject)?:
        if case .object(let f) = c.function { return .object(MethodObject(receiver: .object(self), function: f)) }
        return c.function
      case let v: return v
      }
    }
  }

  public var attributeNames: [String] {
    var names = Set<String>()
    for cls in mro { for (n, _) in cls.members { names.insert(n) } }
    return names.sorted()
  }

  /// Makes an instance and runs `__init__` with the arguments.
  public func call(_ arguments: Arguments) throws -> Value {
    let allocator = mro.lazy.compactMap(\.allocate).first
    let instance = allocator?(self) ?? InstanceObject(class: self)
    if let initializer = lookup("__init__") {
      var withSelf = arguments
      withSelf.positional.insert(Located(.object(instance), arguments.calleeRange), at: 0)
      let result = try Self.callValue(initializer, withSelf)
      guard result.isNone else {
        throw EvaluationError("__init__() should return None, not '\(result.typeName)'", at: arguments.callRange, type: "TypeError")
      }
    } else if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
      throw EvaluationError("\(name)() takes no arguments", at: arguments.callRange, type: "TypeError")
    }
    return .object(instance)
  }

  static func callValue(_ callee: Value, _ arguments: Arguments) throws -> Value {
    guard case .object(let o) = callee else {
      throw EvaluationError("'\(callee.typeName)' object is not callable", at: arguments.calleeRange, type: "TypeError")
    }
    return try o.call(arguments)
  }

  /// C3 linearisation of the bases' MROs.
  private static func linearise(_ bases: [ClassObject], name: String) throws -> [ClassObject] {
    var sequences = bases.map(\.mro) + [bases]
    var result: [ClassObject] = []
    while true {
      sequences.removeAll { $0.isEmpty }
      if sequences.isEmpty { return result }
      var candidate: ClassObject?
      for sequence in sequences {
        let head = sequence[0]
        let inTail = sequences.contains { s in s.dropFirst().contains { $0 === head } }
        if !inTail {
          candidate = head
          break
        }
      }
      guard let next = candidate else {
        let names = bases.map(\.name).joined(separator: ", ")
        throw EvaluationError(
          "cannot create a consistent method resolution order (MRO) for bases \(names)", at: nil, type: "TypeError")
      }
      result.append(next)
      for i in sequences.indices where sequences[i].first === next { sequences[i].removeFirst() }
    }
  }
}

/// A framework value that stands for a class when a script subclasses it
/// or tests `isinstance` against it, while calling it does something else
/// (`keras.Model(inputs, outputs)` makes a functional model; `class
/// MyModel(keras.Model)` subclasses the class).
public protocol ClassAlias: PythonObject {
  var aliasedClass: ClassObject { get }
}

/// A framework object that is not an ``InstanceObject`` but still answers
/// `isinstance` for the framework's classes (a Keras `Sequential` is a
/// `keras.Model`, a `Dense` a `keras.layers.Layer`).
public protocol ClassMembership: PythonObject {
  func isInstance(of cls: ClassObject) -> Bool
}
