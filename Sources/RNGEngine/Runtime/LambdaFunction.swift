import PythonSubset

/// A Python `lambda`, evaluated by the interpreter that created it.
///
/// ```python
/// f = function(lambda: [uniform([2]), normal([2])])   # tf.function traces the lambda
/// g = lambda n, seed=None: uniform([n], seed=seed)
/// ```
///
/// As in Python, default values are evaluated once, when the `lambda`
/// expression is; the body sees its parameters, then the names of the
/// enclosing `lambda` calls as they were at creation, then the globals as
/// they are at call time. Arguments bind by Python's rules (keywords,
/// `*args`, `**kwargs`), and a mismatch says what the lambda accepts.
///
/// Edge case: a lambda called after its program finished running (the
/// interpreter is gone) throws instead of evaluating.
public final class LambdaFunction: PythonObject {
  public let signature: Signature
  let body: Expression
  let defaults: [String: Value]
  let captured: [String: Value]
  weak var interpreter: Interpreter?

  init(parameters: [Parameter], body: Expression, range: SourceRange, in interpreter: Interpreter) throws {
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
    signature = Signature(name: "<lambda>", text: "<lambda>(\(parameterText.joined(separator: ", ")))", parameters: parameters)
    self.body = body
    self.defaults = defaults
    captured = interpreter.scopes.last ?? [:]
    self.interpreter = interpreter
  }

  public var typeName: String { "function" }
  public var repr: String { "<function <lambda>>" }

  public func call(_ arguments: Arguments) throws -> Value {
    guard let interpreter else {
      throw EvaluationError("this lambda belongs to a program that has finished running", at: arguments.calleeRange)
    }
    let bound = try signature.bind(arguments)
    var locals = captured
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
    interpreter.scopes.append(locals)
    defer { interpreter.scopes.removeLast() }
    return try interpreter.evaluate(body)
  }
}
