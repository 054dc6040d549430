import PythonSubset
import RNGStreams

/// Evaluates the Python subset against a namespace of framework functions.
///
/// The interpreter follows Python's evaluation order (callee, then arguments
/// left to right in source order) because draw order is the whole point:
/// `f(rand(2), randn(3))` must draw `rand` first.
///
/// ```swift
/// let interpreter = Interpreter(source: source, globals: numpyNamespace, description: "numpy")
/// try interpreter.run(program) { statement, value in print(value.repr) }
/// ```
///
/// A `lambda` evaluates to a ``LambdaFunction`` (how `tf.function(lambda: ...)`
/// gets its Python function); its parameters shadow the globals while its
/// body runs.
///
/// Every failure is a ``SourceError`` (`name:line:col: message`); framework
/// rejections (``FrameworkError``) are placed at the argument they name.
public final class Interpreter {
  public let source: SourceText
  /// Names visible to the program; assignments add to it.
  public private(set) var globals: [String: Value]
  /// What the global names are, for messages ("numpy call", "name").
  public let namesDescription: String
  /// The local names of the `lambda` calls being evaluated, innermost last.
  var scopes: [[String: Value]] = []

  public init(source: SourceText, globals: [String: Value], namesDescription: String = "name") {
    self.source = source
    var all = Builtins.namespace
    for (k, v) in globals { all[k] = v }
    self.globals = all
    self.namesDescription = namesDescription
  }

  /// Runs `program`; `onExpression` receives the value of each top-level
  /// expression statement with the statement's source range.
  public func run(
    _ program: Program, onExpression: (Value, SourceRange, Expression) throws -> Void = { _, _, _ in }
  ) throws(SourceError) {
    do {
      for statement in program.statements {
        try execute(statement, onExpression: onExpression)
      }
    } catch let e as SourceError {
      throw e
    } catch let e as EvaluationError {
      throw SourceError(e.message, at: e.range?.start ?? SourceLocation(line: 1, column: 1), in: source.name)
    } catch let e as FrameworkError {
      throw SourceError(e.message, at: SourceLocation(line: 1, column: 1), in: source.name)
    } catch {
      throw SourceError("\(error)", at: SourceLocation(line: 1, column: 1), in: source.name)
    }
  }

  // MARK: Statements

  func execute(_ statement: Statement, onExpression: (Value, SourceRange, Expression) throws -> Void) throws {
    switch statement {
    case .expression(let e):
      let value = try evaluateTopLevel(e)
      try onExpression(value, e.range, e)
    case .assignment(let targets, let valueExpression, _):
      let value = try evaluate(valueExpression)
      for target in targets { try assign(value, to: target) }
    case .augmentedAssignment(let target, let op, let valueExpression, let range):
      let current = try evaluate(target)
      let value = try evaluate(valueExpression)
      try assign(try binary(op, current, value, range), to: target)
    case .pass:
      break
    default:
      throw EvaluationError("this statement is not supported here yet; use expressions and assignments", at: statement.range)
    }
  }

  /// A top-level call that returns None reports its first positional
  /// argument (how `shuffle(x)` shows the shuffled `x`) when that argument
  /// has values to print; otherwise it stays None (`layer.build((None, 4))`).
  func evaluateTopLevel(_ e: Expression) throws -> Value {
    guard case .call(let calleeExpression, let argumentExpressions, let range) = e else { return try evaluate(e) }
    let callee = try evaluate(calleeExpression)
    let arguments = try evaluateArguments(argumentExpressions, callRange: range, calleeRange: calleeExpression.range)
    let result = try call(callee, arguments, calleeExpression: calleeExpression)
    if result.isNone, let first = arguments.positional.first, SampleOutput.hasValues(first.value) { return first.value }
    return result
  }

  func assign(_ value: Value, to target: Expression) throws {
    switch target {
    case .name(let n, _):
      globals[n] = value
    case .tuple(let items, let range), .list(let items, let range):
      let values = try iterate(value, at: range)
      guard values.count == items.count else {
        throw EvaluationError("cannot unpack \(values.count) values into \(items.count) names", at: range)
      }
      for (item, v) in zip(items, values) { try assign(v, to: item) }
    case .subscript(let base, let index, let range):
      let container = try evaluate(base)
      let key = try evaluate(index)
      if case .object(let o) = container {
        if let list = o as? ListObject, let i = BoundArguments.asInt(key)?.int {
          let n = list.elements.count
          let j = i < 0 ? i + n : i
          guard (0..<n).contains(j) else { throw EvaluationError("list assignment index out of range", at: range) }
          list.elements[j] = value
          return
        }
        if let dict = o as? DictObject {
          dict[key] = value
          return
        }
      }
      throw EvaluationError("'\(container.typeName)' object does not support item assignment", at: range)
    default:
      throw EvaluationError("cannot assign to this expression", at: target.range)
    }
  }

  // MARK: Expressions

  public func evaluate(_ e: Expression) throws -> Value {
    switch e {
    case .name(let n, let range):
      if let v = scopes.last?[n] ?? globals[n] { return v }
      throw unknownName(n, at: range)
    case .none: return .none
    case .bool(let b, _): return .bool(b)
    case .integer(let i, _): return .int(i)
    case .float(let d, _): return .float(d)
    case .string(let s, _): return .string(s)
    case .bytes(let b, _): return .bytes(b)
    case .ellipsis(let range): throw EvaluationError("'...' is not supported here", at: range)
    case .list(let items, _): return .object(ListObject(try evaluateItems(items)))
    case .tuple(let items, _): return .tuple(try evaluateItems(items))
    case .set(_, let range): throw EvaluationError("sets are not supported here", at: range)
    case .dictionary(let pairs, _):
      var entries: [(key: Value, value: Value)] = []
      for (k, v) in pairs { entries.append((try evaluate(k), try evaluate(v))) }
      return .object(DictObject(entries))
    case .unary(let op, let operand, let range):
      return try unary(op, try evaluate(operand), range)
    case .binary(let op, let l, let r, let range):
      let left = try evaluate(l)
      return try binary(op, left, try evaluate(r), range)
    case .comparison(let first, let rest, _):
      var left = try evaluate(first)
      for (op, rightExpression) in rest {
        let right = try evaluate(rightExpression)
        guard try compare(op, left, right, rightExpression.range) else { return .bool(false) }
        left = right
      }
      return .bool(true)
    case .and(let items, _):
      var last: Value = .bool(true)
      for item in items {
        last = try evaluate(item)
        if !last.isTruthy { return last }
      }
      return last
    case .or(let items, _):
      var last: Value = .bool(false)
      for item in items {
        last = try evaluate(item)
        if last.isTruthy { return last }
      }
      return last
    case .conditional(let test, let then, let otherwise, _):
      return try evaluate(test).isTruthy ? try evaluate(then) : try evaluate(otherwise)
    case .call(let calleeExpression, let argumentExpressions, let range):
      let callee = try evaluate(calleeExpression)
      let arguments = try evaluateArguments(argumentExpressions, callRange: range, calleeRange: calleeExpression.range)
      return try call(callee, arguments, calleeExpression: calleeExpression)
    case .attribute(let base, let name, let range):
      return try attribute(of: try evaluate(base), name, at: range, baseExpression: base)
    case .subscript(let base, let index, let range):
      let container = try evaluate(base)
      return try Subscripting.item(container, try evaluateIndex(index), at: range)
    case .slice(_, _, _, let range):
      throw EvaluationError("a slice is only allowed inside []", at: range)
    case .lambda(let parameters, let body, let range):
      return .object(try LambdaFunction(parameters: parameters, body: body, range: range, in: self))
    case .starred(_, let range):
      throw EvaluationError("a starred expression is not allowed here", at: range)
    }
  }

  func evaluateIndex(_ e: Expression) throws -> Value {
    switch e {
    case .slice(let lower, let upper, let step, _):
      return .object(SliceObject(
        start: try lower.map { try evaluate($0) } ?? .none,
        stop: try upper.map { try evaluate($0) } ?? .none,
        step: try step.map { try evaluate($0) } ?? .none))
    case .tuple(let items, _):
      return .tuple(try items.map { try evaluateIndex($0) })
    default:
      return try evaluate(e)
    }
  }

  func evaluateItems(_ items: [Expression]) throws -> [Value] {
    var out: [Value] = []
    for item in items {
      if case .starred(let inner, let range) = item {
        out += try iterate(try evaluate(inner), at: range)
      } else {
        out.append(try evaluate(item))
      }
    }
    return out
  }

  func evaluateArguments(_ expressions: [Argument], callRange: SourceRange, calleeRange: SourceRange) throws -> Arguments {
    var arguments = Arguments(callRange: callRange, calleeRange: calleeRange)
    for argument in expressions {
      switch argument.kind {
      case .positional:
        arguments.positional.append(Located(try evaluate(argument.value), argument.range))
      case .keyword(let name):
        arguments.keywords.append((name, Located(try evaluate(argument.value), argument.value.range)))
      case .unpackedSequence:
        for v in try iterate(try evaluate(argument.value), at: argument.range) {
          arguments.positional.append(Located(v, argument.range))
        }
      case .unpackedMapping:
        guard case .object(let o) = try evaluate(argument.value), let dict = o as? DictObject else {
          throw EvaluationError("argument after ** must be a dict", at: argument.range)
        }
        for (k, v) in dict.entries {
          guard case .string(let name) = k else { throw EvaluationError("keywords must be strings", at: argument.range) }
          arguments.keywords.append((name, Located(v, argument.range)))
        }
      }
    }
    return arguments
  }

  func call(_ callee: Value, _ arguments: Arguments, calleeExpression: Expression) throws -> Value {
    switch callee {
    case .object(let o):
      do {
        return try o.call(arguments)
      } catch let e as FrameworkError {
        throw EvaluationError(e.message, at: arguments.callRange)
      }
    case .dtype(let d):
      throw EvaluationError("calling the dtype \(d.rawValue) is not supported", at: arguments.calleeRange)
    default:
      throw EvaluationError("'\(callee.typeName)' object is not callable", at: calleeExpression.range)
    }
  }

  func attribute(of base: Value, _ name: String, at range: SourceRange, baseExpression: Expression) throws -> Value {
    if case .object(let o) = base {
      let found: Value?
      do {
        found = try o.attribute(name)
      } catch var e as EvaluationError where e.range == nil {
        // An object that refuses an attribute (`layer.kernel` before build) is refused at the attribute.
        e.range = range
        throw e
      }
      if let v = found { return v }
      if let namespace = o as? Namespace {
        throw EvaluationError(
          "module '\(namespace.name)' has no attribute '\(name)'\(Self.suggestion(name, in: namespace.attributeNames))",
          at: range)
      }
    }
    if case .dtype(let d) = base, name == "name" { return .string(d.rawValue) }
    throw EvaluationError("'\(base.typeName)' object has no attribute '\(name)'", at: range)
  }

  func unknownName(_ name: String, at range: SourceRange) -> EvaluationError {
    let candidates = globals.keys.filter { !Builtins.namespace.keys.contains($0) }
    if namesDescription == "name" {
      return EvaluationError("name '\(name)' is not defined\(Self.suggestion(name, in: candidates))", at: range)
    }
    return EvaluationError("'\(name)' is not a \(namesDescription) rngdiff knows\(Self.suggestion(name, in: candidates))", at: range)
  }

  /// `; did you mean 'x'? accepted: a, b, c` — the closest names first.
  static func suggestion(_ name: String, in candidates: [String]) -> String {
    guard !candidates.isEmpty else { return "" }
    let sorted = candidates.sorted()
    let limit = Swift.min(Swift.max(2, name.count / 3), Swift.max(1, name.count - 1))
    var best: (name: String, distance: Int)?
    for candidate in sorted {
      let distance = editDistance(candidate.lowercased(), name.lowercased())
      if distance <= limit && distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    var text = ""
    if let best { text += "; did you mean '\(best.name)'?" }
    let listed = sorted.prefix(60).joined(separator: ", ")
    text += (text.isEmpty ? "; " : " ") + "accepted: " + listed + (sorted.count > 60 ? ", …" : "")
    return text
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        let deletion = previous[j] + 1
        let insertion = current[j - 1] + 1
        current[j] = Swift.min(substitution, Swift.min(deletion, insertion))
      }
      previous = current
    }
    return previous[b.count]
  }

  /// The items of an iterable value.
  func iterate(_ value: Value, at range: SourceRange) throws -> [Value] {
    if let items = Builtins.items(of: value) { return items }
    throw EvaluationError("'\(value.typeName)' object is not iterable", at: range)
  }
}
