import PythonSubset

/// A function written in the script: a `def` or a `lambda`.
///
/// Defaults are evaluated once, when the definition runs; arguments bind by
/// Python's rules (positional, keywords, `*args`, `**kwargs`, keyword-only
/// parameters), and a mismatch says what the function accepts. The body
/// runs in a new ``Scope`` whose parent is the scope the function was
/// defined in, so closures see their enclosing variables' current values.
///
/// ```python
/// def make(scale, *, bias=0.0):
///     return lambda x: x * scale + bias
/// make(2, bias=1)(3)    # 7
/// ```
///
/// Edge case: a function called after its program finished running (the
/// interpreter is gone) throws instead of evaluating.
public final class PythonFunction: PythonObject {
  public enum Body {
    case statements([Statement])
    case expression(Expression)
  }

  public let name: String
  public let signature: Signature
  let body: Body
  let defaults: [String: Value]
  let closure: Scope
  let localNames: Set<String>
  let globalNames: Set<String>
  let nonlocalNames: Set<String>
  /// Where the definition is, for tracebacks.
  public let range: SourceRange
  /// The class whose body defined the function (zero-argument `super()`).
  var definingClass: ClassObject?
  weak var interpreter: Interpreter?

  init(
    name: String, parameters: [Parameter], body: Body, range: SourceRange, in interpreter: Interpreter
  ) throws {
    var defaults: [String: Value] = [:]
    for parameter in parameters {
      if let d = parameter.defaultValue { defaults[parameter.name] = try interpreter.evaluate(d) }
    }
    let parameterText = parameters.map { p -> String in
      switch p.kind {
      case .variadic: return "*" + p.name
      case .keywordVariadic: return "**" + p.name
      case .regular, .keywordOnly:
        let d = p.defaultValue.map { interpreter.source.excerpt($0.range) }
        return d.map { "\(p.name)=\($0)" } ?? p.name
      }
    }
    self.name = name
    signature = Signature(name: name, text: "\(name)(\(parameterText.joined(separator: ", ")))", parameters: parameters)
    self.body = body
    self.defaults = defaults
    self.range = range
    // A function defined in a class body resolves free names past the class.
    var parent = interpreter.scope
    while parent.kind == .classBody, let p = parent.parent { parent = p }
    closure = parent
    let names: (bound: Set<String>, globals: Set<String>, nonlocals: Set<String>)
    switch body {
    case .statements(let statements): names = BoundNames.of(statements)
    case .expression: names = ([], [], [])
    }
    localNames = names.bound.union(parameters.map(\.name))
    globalNames = names.globals
    nonlocalNames = names.nonlocals
    self.interpreter = interpreter
  }

  public var typeName: String { "function" }
  public var repr: String { "<function \(name)>" }

  public func attribute(_ attributeName: String) throws -> Value? {
    switch attributeName {
    case "__name__", "__qualname__": return .string(name)
    default: return nil
    }
  }

  public func call(_ arguments: Arguments) throws -> Value {
    guard let interpreter else {
      throw EvaluationError("this function belongs to a program that has finished running", at: arguments.calleeRange)
    }
    return try interpreter.invoke(self, arguments)
  }

  /// The new call's local variables from bound arguments.
  func locals(_ bound: BoundArguments) -> [String: Value] {
    var locals: [String: Value] = [:]
    for parameter in signature.parameters {
      switch parameter.kind {
      case .regular, .keywordOnly:
        locals[parameter.name] = bound.values[parameter.name]?.value ?? defaults[parameter.name] ?? Value.none
      case .variadic:
        locals[parameter.name] = .tuple(bound.extraPositional.map(\.value))
      case .keywordVariadic:
        locals[parameter.name] = .object(DictObject(bound.extraKeywords.map { (.string($0.name), $0.value.value) }))
      }
    }
    return locals
  }
}
