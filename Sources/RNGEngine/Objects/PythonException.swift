import PythonSubset

/// A Python exception in flight: the exception instance, where it was
/// raised, and the calls it passed through on its way out (innermost
/// last), for a traceback-like message.
///
/// ```python
/// try:
///     {}["missing"]
/// except KeyError as e:
///     print(repr(e))      # KeyError('missing')
/// ```
public struct PythonException: Error, @unchecked Sendable {
  public let instance: InstanceObject
  public var range: SourceRange?
  /// The script lines of the calls the exception left, outermost first.
  public var traceback: [SourceRange] = []
  /// The file it was raised in, when that is not the script's own (a
  /// function of an imported module raised it).
  public var sourceName: String?

  public init(_ instance: InstanceObject, at range: SourceRange?) {
    self.instance = instance
    self.range = range
  }

  /// The exception's class name (`ValueError`).
  public var typeName: String { instance.pythonClass.name }

  /// `str(exception)`: its single argument, or the tuple of them.
  public var message: String { ExceptionClasses.message(of: instance) }
}

/// The builtin exception classes, in CPython's hierarchy, and the
/// conversion of the engine's typed errors into them.
public enum ExceptionClasses {
  /// `BaseException`, the root every exception class derives from.
  nonisolated(unsafe) public static let baseException: ClassObject = {
    let cls = try! ClassObject(name: "BaseException", bases: [], module: "builtins")
    let initializer = BuiltinFunction(signature: Signature("__init__(self, *args)")) { args in
      guard case .object(let o) = args.value("self") ?? .none, let instance = o as? InstanceObject else { return .none }
      try instance.setAttribute("args", .tuple(args.extraPositional.map(\.value)))
      return .none
    }
    cls.setMember("__init__", .object(initializer))
    return cls
  }()

  /// Every builtin exception class by name.
  nonisolated(unsafe) public static let all: [String: ClassObject] = {
    var classes: [String: ClassObject] = ["BaseException": baseException]
    // (name, base) in an order where every base comes first.
    let hierarchy: [(String, String)] = [
      ("Exception", "BaseException"), ("KeyboardInterrupt", "BaseException"), ("SystemExit", "BaseException"),
      ("ArithmeticError", "Exception"), ("ZeroDivisionError", "ArithmeticError"), ("OverflowError", "ArithmeticError"),
      ("FloatingPointError", "ArithmeticError"), ("AssertionError", "Exception"), ("AttributeError", "Exception"),
      ("ImportError", "Exception"), ("ModuleNotFoundError", "ImportError"), ("LookupError", "Exception"),
      ("IndexError", "LookupError"), ("KeyError", "LookupError"), ("NameError", "Exception"),
      ("UnboundLocalError", "NameError"), ("RuntimeError", "Exception"), ("NotImplementedError", "RuntimeError"),
      ("RecursionError", "RuntimeError"), ("MemoryError", "Exception"), ("StopIteration", "Exception"), ("TypeError", "Exception"),
      ("ValueError", "Exception"), ("UnicodeError", "ValueError"), ("OSError", "Exception"),
      ("FileNotFoundError", "OSError"), ("TimeoutError", "OSError"), ("Warning", "Exception"),
      ("UserWarning", "Warning"), ("DeprecationWarning", "Warning"), ("RuntimeWarning", "Warning"),
      // NumPy's in-place cast refusal (`int_array += 0.5`), a TypeError, named as its traceback names it.
      ("numpy._core._exceptions._UFuncOutputCastingError", "TypeError"),
      // scikit-learn's parameter validation refusal, a ValueError (and a TypeError in scikit-learn), named as its traceback names it.
      ("sklearn.utils._param_validation.InvalidParameterError", "ValueError"),
    ]
    for (name, base) in hierarchy {
      classes[name] = try! ClassObject(name: name, bases: [classes[base]!], module: "builtins")
    }
    classes["IOError"] = classes["OSError"]
    classes["EnvironmentError"] = classes["OSError"]
    return classes
  }()

  /// An instance of the builtin class `name` with one message argument.
  public static func make(_ name: String, _ message: String) -> InstanceObject {
    let cls = all[name] ?? all["RuntimeError"]!
    let instance = InstanceObject(class: cls)
    var argument = message
    // A KeyError's argument is the key; the engine's messages give its repr.
    if name == "KeyError", argument.count >= 2, argument.hasPrefix("'"), argument.hasSuffix("'") {
      argument = String(argument.dropFirst().dropLast())
    }
    try? instance.setAttribute("args", .tuple(message.isEmpty ? [] : [.string(argument)]))
    return instance
  }

  /// `str(e)` of an exception instance.
  public static func message(of instance: InstanceObject) -> String {
    guard case .tuple(let args) = instance.slot("args") ?? .tuple([]) else { return "" }
    if args.isEmpty { return "" }
    if args.count == 1 {
      if case .string(let s) = args[0] { return instance.pythonClass.isSubclass(of: all["KeyError"]!) ? "'\(s)'" : s }
      return args[0].repr
    }
    return Value.tuple(args).repr
  }

  /// `repr(e)`: `ValueError('bad')`.
  public static func repr(of instance: InstanceObject) -> String {
    guard case .tuple(let args) = instance.slot("args") ?? .tuple([]) else { return instance.pythonClass.name + "()" }
    return instance.pythonClass.name + "(" + args.map(\.repr).joined(separator: ", ") + ")"
  }
}
