import PythonSubset

/// `property`, `staticmethod` and `classmethod`: class attributes that
/// change what looking them up on an instance gives.
///
/// ```python
/// class Box:
///     def __init__(self): self._size = 2
///     @property
///     def size(self): return self._size
///     @size.setter
///     def size(self, v): self._size = v
///     @staticmethod
///     def unit(): return 1
///     @classmethod
///     def make(cls): return cls()
/// ```
public final class PropertyObject: PythonObject {
  let getter: Value
  let setter: Value

  init(getter: Value, setter: Value = .none) {
    self.getter = getter
    self.setter = setter
  }

  public var typeName: String { "property" }

  public func attribute(_ name: String) throws -> Value? {
    switch name {
    case "setter":
      return .object(BuiltinFunction(signature: Signature("setter(fset)")) { [getter] args in
        .object(PropertyObject(getter: getter, setter: args.value("fset") ?? .none))
      })
    case "getter":
      return .object(BuiltinFunction(signature: Signature("getter(fget)")) { [setter] args in
        .object(PropertyObject(getter: args.value("fget") ?? .none, setter: setter))
      })
    case "fget": return getter
    case "fset": return setter
    default: return nil
    }
  }
}

/// `@staticmethod`: the function, unbound, from the class or an instance.
public final class StaticMethodObject: PythonObject {
  let function: Value
  init(function: Value) { self.function = function }
  public var typeName: String { "staticmethod" }
  public func call(_ arguments: Arguments) throws -> Value { try ClassObject.callValue(function, arguments) }
}

/// `@classmethod`: the function bound to the class.
public final class ClassMethodObject: PythonObject {
  let function: Value
  init(function: Value) { self.function = function }
  public var typeName: String { "classmethod" }
}

extension Builtins {
  /// The decorator builtins that make descriptors.
  static let descriptors: [String: Value] = {
    let ns = Namespace(name: "builtins")
    ns.define("property(fget=None, fset=None)") { args in
      .object(PropertyObject(getter: args.value("fget") ?? .none, setter: args.value("fset") ?? .none))
    }
    ns.define("staticmethod(function)") { args in .object(StaticMethodObject(function: args.value("function") ?? .none)) }
    ns.define("classmethod(function)") { args in .object(ClassMethodObject(function: args.value("function") ?? .none)) }
    return ns.members
  }()
}
