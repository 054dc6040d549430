import PythonSubset
import RNGStreams

/// Runs the Python subset: whole scripts (`rngdiff run`) and the call
/// strings of `rngdiff sample`.
///
/// The interpreter follows Python's evaluation order (callee, then arguments
/// left to right in source order) because draw order is the whole point:
/// `f(rand(2), randn(3))` must draw `rand` first.
///
/// ```swift
/// let interpreter = Interpreter(source: source, globals: numpyNamespace, namesDescription: "numpy call")
/// try interpreter.run(program) { value, range, expression in print(value.repr) }
/// ```
///
/// Scripts get Python's statements (see docs/scripts.md for the subset):
/// functions and closures, classes with inheritance and `super()`,
/// exceptions, comprehensions and f-strings. Every failure is a
/// ``SourceError`` (`name:line:col: message`); an exception the script does
/// not catch reads as Python's last traceback line (`ValueError: …`) at the
/// line that raised it. Runaway recursion stops at ``recursionLimit`` with
/// `RecursionError`, and a ``deadline`` stops an endless loop.
public final class Interpreter {
  public let source: SourceText
  /// The module scope; assignments at the top level land here.
  let moduleScope: Scope
  /// The scope running now.
  var scope: Scope
  /// Names visible to the program (its module globals).
  public var globals: [String: Value] { moduleScope.variables }
  /// What the global names are, for messages ("numpy call", "name").
  public let namesDescription: String
  /// The builtin names (`len`, `print`, exception classes).
  var builtins: [String: Value]
  /// Where `print` writes.
  public var output: (String) -> Void = { Swift.print($0, terminator: "") }
  /// Loads `import NAME` (a dotted module path); nil means imports are not available here.
  public var importer: ((String, SourceRange) throws -> Value)?
  /// How deep script function calls may nest (CPython's default limit).
  public var recursionLimit = 1000
  /// The most items a sequence the engine builds may have (lists from ranges, repeated strings
  /// and lists): past it a script gets `MemoryError` rather than exhausting the machine.
  static let maximumMaterializedItems = 100_000_000
  /// When the run must stop (`rngdiff run --timeout`); nil for none.
  public var deadline: ContinuousClock.Instant?
  /// What the deadline is, for the message (`--timeout 30`).
  public var deadlineDescription = "the time limit"
  var callDepth = 0
  var ticks = 0
  /// The exceptions being handled (innermost last), for a bare `raise`.
  var handling: [PythonException] = []
  /// The call sites of the script functions running now, for tracebacks.
  var callSites: [SourceRange] = []
  /// Called before each statement runs (the recorder notes the script line),
  /// and again with the calling statement when a call that ran statements
  /// returns: in `print(f(), np.random.rand(2))` the second draw is the
  /// calling line's, not `f`'s last line (as the real recorder attributes it).
  public var onStatement: ((SourceRange) -> Void)?
  /// The statement running now in this interpreter's frames, and how many have started.
  var currentStatement: SourceRange?
  var statementsStarted = 0
  /// Whether this interpreter runs an imported module rather than the script.
  public var isModule = false
  /// Whether a top-level call that returns None reports its first argument
  /// (`rngdiff sample`'s `shuffle(x)` convention); a script's statements
  /// are plain Python and do not.
  public var reportsTopLevelValues = true

  public init(source: SourceText, globals: [String: Value], namesDescription: String = "name") {
    self.source = source
    self.moduleScope = Scope(kind: .module, variables: globals, parent: nil)
    self.scope = moduleScope
    self.namesDescription = namesDescription
    self.builtins = Builtins.namespace
    for (name, cls) in ExceptionClasses.all { builtins[name] = .object(cls) }
    for (name, value) in Builtins.descriptors { builtins[name] = value }
    installBuiltins()
  }

  /// Runs `program`; `onExpression` receives the value of each top-level
  /// expression statement with the statement's source range.
  public func run(
    _ program: Program, onExpression: (Value, SourceRange, Expression) throws -> Void = { _, _, _ in }
  ) throws(SourceError) {
    do {
      for statement in program.statements {
        if case .expression(let e) = statement {
          currentStatement = statement.range
          statementsStarted &+= 1
          onStatement?(statement.range)
          let value = reportsTopLevelValues ? try evaluateTopLevel(e) : try evaluate(e)
          try onExpression(value, e.range, e)
        } else {
          let flow = try execute(statement)
          if case .normal = flow { continue }
          throw EvaluationError("'return', 'break' or 'continue' outside a function or loop", at: statement.range)
        }
      }
    } catch {
      throw sourceError(error)
    }
  }

  /// The `file:line:col: message` form of anything the run threw.
  func sourceError(_ error: any Error) -> SourceError {
    let origin = SourceLocation(line: 1, column: 1)
    switch error {
    case let e as SourceError:
      return e
    case let e as PythonException:
      let at = e.traceback.first?.start ?? e.range?.start ?? origin
      let message = e.message
      var text = message.isEmpty ? e.typeName : "\(e.typeName): \(message)"
      if e.traceback.count > 0 || e.sourceName != nil, let raised = e.range {
        text += " (raised at \(e.sourceName ?? source.name):\(raised.start))"
      }
      return SourceError(text, at: at, in: source.name)
    case let e as EvaluationError:
      let text = e.type.map { e.message.isEmpty ? $0 : "\($0): \(e.message)" } ?? e.message
      return SourceError(text, at: e.range?.start ?? origin, in: source.name)
    case let e as FrameworkError:
      return SourceError(e.message, at: origin, in: source.name)
    default:
      return SourceError("\(error)", at: origin, in: source.name)
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

  // MARK: Expressions

  public func evaluate(_ e: Expression) throws -> Value {
    switch e {
    case .name(let n, let range):
      return try lookup(n, at: range)
    case .none: return .none
    case .bool(let b, _): return .bool(b)
    case .integer(let i, _): return .int(i)
    case .float(let d, _): return .float(d)
    case .string(let s, _): return .string(s)
    case .bytes(let b, _): return .bytes(b)
    case .ellipsis: return .object(EllipsisObject.shared)
    case .list(let items, _): return .object(ListObject(try evaluateItems(items)))
    case .tuple(let items, _): return .tuple(try evaluateItems(items))
    case .set(let items, _): return .object(try SetObject.display(items, evaluate: evaluate, iterate: iterate))
    case .dictionary(let pairs, _):
      let dict = DictObject()
      for (k, v) in pairs {
        guard let k else {
          // `**mapping`: its items, in its order.
          let mapping = try evaluate(v)
          guard case .object(let other as DictObject) = mapping else {
            throw EvaluationError("'\(mapping.typeName)' object is not a mapping", at: v.range, type: "TypeError")
          }
          for (key, value) in other.entries { dict[key] = value }
          continue
        }
        let key = try evaluate(k)
        dict[key] = try evaluate(v)
      }
      return .object(dict)
    case .unary(let op, let operand, let range):
      return try unary(op, try evaluate(operand), range)
    case .binary(let op, let l, let r, let range):
      let left = try evaluate(l)
      return try binary(op, left, try evaluate(r), range)
    case .comparison(let first, let rest, _):
      var left = try evaluate(first)
      for (op, rightExpression) in rest {
        let right = try evaluate(rightExpression)
        if rest.count == 1, let elementwise = try NumPyArithmetic.compare(op, left, right, at: rightExpression.range) {
          return elementwise
        }
        if rest.count == 1, let elementwise = try TorchArithmetic.compare(op, left, right, at: rightExpression.range) {
          return elementwise
        }
        if rest.count == 1, let elementwise = try JAXArrays.compare(op, left, right, at: rightExpression.range) { return elementwise }
        guard try compare(op, left, right, rightExpression.range) else { return .bool(false) }
        left = right
      }
      return .bool(true)
    case .and(let items, _):
      var last: Value = .bool(true)
      for item in items {
        last = try evaluate(item)
        if !(try Truth.of(last, at: item.range)) { return last }
      }
      return last
    case .or(let items, _):
      var last: Value = .bool(false)
      for item in items {
        last = try evaluate(item)
        if try Truth.of(last, at: item.range) { return last }
      }
      return last
    case .conditional(let test, let then, let otherwise, _):
      return try Truth.of(try evaluate(test), at: test.range) ? try evaluate(then) : try evaluate(otherwise)
    case .call(.name("super", _), let argumentExpressions, let range) where isBuiltinName("super"):
      return try superObject(argumentExpressions, at: range)
    case .call(let calleeExpression, let argumentExpressions, let range):
      let callee = try evaluate(calleeExpression)
      let arguments = try evaluateArguments(argumentExpressions, callRange: range, calleeRange: calleeExpression.range)
      return try call(callee, arguments, calleeExpression: calleeExpression)
    case .attribute(let base, let name, let range):
      return try attribute(of: try evaluate(base), name, at: range, baseExpression: base)
    case .subscript(let base, let index, let range):
      let container = try evaluate(base)
      let key = try evaluateIndex(index)
      if case .object(let o as InstanceObject) = container, let v = try o.callDunder("__getitem__", [key], at: range) {
        return v
      }
      return try Subscripting.item(container, key, at: range)
    case .slice(_, _, _, let range):
      throw EvaluationError("a slice is only allowed inside []", at: range)
    case .lambda(let parameters, let body, let range):
      return .object(try PythonFunction(name: "<lambda>", parameters: parameters, body: .expression(body), range: range, in: self))
    case .starred(_, let range):
      throw EvaluationError("a starred expression is not allowed here", at: range)
    case .comprehension(let kind, let element, let value, let clauses, _):
      return try comprehension(kind, element: element, value: value, clauses: clauses)
    case .formatted(let parts, _):
      return .string(try format(parts))
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
        let started = statementsStarted
        let result = try o.call(arguments)
        // The call ran statements (here or, for a function of another module, there): the
        // calling statement's draws are its own again.
        if let statement = currentStatement, statementsStarted != started || o is PythonFunction {
          onStatement?(statement)
        }
        return result
      } catch let e as FrameworkError {
        throw EvaluationError(e.message, at: arguments.callRange)
      }
    case .dtype(let d):
      throw EvaluationError("calling the dtype \(d.rawValue) is not supported", at: arguments.calleeRange)
    default:
      throw EvaluationError("'\(callee.typeName)' object is not callable", at: calleeExpression.range, type: "TypeError")
    }
  }

  func attribute(of base: Value, _ name: String, at range: SourceRange, baseExpression: Expression) throws -> Value {
    if let method = try builtinMethod(of: base, name, at: range) { return method }
    if case .object(let type as BuiltinFunction) = base, Builtins.typeNames.contains(type.name), !name.hasPrefix("__") {
      // `str.lower`, `list.append`: the method unbound, taking its receiver first (as `key=str.lower` uses it).
      return .object(BuiltinFunction(signature: Signature("\(name)(self, *args, **kwargs)")) { [unowned self] args in
        let receiver = args.value("self") ?? .none
        guard let method = try builtinMethod(of: receiver, name, at: args.callRange) else {
          throw EvaluationError(
            "descriptor '\(name)' for '\(type.name)' objects doesn't apply to a '\(receiver.typeName)' object", at: args.callRange,
            type: "TypeError")
        }
        var arguments = Arguments(callRange: args.callRange, calleeRange: args.callRange)
        arguments.positional = args.extraPositional
        arguments.keywords = args.extraKeywords.map { ($0.name, $0.value) }
        return try call(method, arguments, calleeExpression: .none(args.callRange))
      })
    }
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
    // On a framework object a missing attribute may only be one the engine
    // does not emulate, so it is not the script's AttributeError to catch.
    var isScriptValue = true
    if case .object(let o) = base {
      isScriptValue = o is InstanceObject || o is ClassObject || o is ListObject || o is DictObject || o is SetObject
        || o is PythonFunction
    }
    throw EvaluationError(
      "'\(base.typeName)' object has no attribute '\(name)'", at: range, type: isScriptValue ? "AttributeError" : nil)
  }

  func unknownName(_ name: String, at range: SourceRange) -> EvaluationError {
    var candidates = Set(globals.keys)
    var s: Scope? = scope
    while let current = s, current.kind != .module {
      candidates.formUnion(current.variables.keys)
      s = current.parent
    }
    if namesDescription == "name" {
      // A script gets CPython's hint: the closest name, without a list.
      var hint = Self.suggestion(name, in: Array(candidates.filter { !$0.hasPrefix("__") }))
      if let cut = hint.range(of: "; accepted:") ?? hint.range(of: " accepted:") { hint = String(hint[..<cut.lowerBound]) }
      return EvaluationError("name '\(name)' is not defined\(hint)", at: range, type: "NameError")
    }
    return EvaluationError("'\(name)' is not a \(namesDescription) rngdiff knows\(Self.suggestion(name, in: Array(candidates)))", at: range)
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
    if case .object(let r as RangeObject) = value, r.count > Self.maximumMaterializedItems {
      throw EvaluationError(
        "a range of \(r.count) items is too large to hold in the engine (at most \(Self.maximumMaterializedItems)); loop over it with for instead",
        at: range, type: "MemoryError")
    }
    if let items = Builtins.items(of: value) { return items }
    if case .object(let o as any PythonIterable) = value { return try o.drain(at: range, limit: Self.maximumMaterializedItems) }
    if case .object(let o) = value, let instance = o as? InstanceObject {
      if let items = try instance.callDunder("__iter__", [], at: range) { return try iterate(items, at: range) }
      if instance.pythonClass.lookup("__getitem__") != nil, instance.pythonClass.lookup("__len__") != nil,
        case .int(let n)? = try instance.callDunder("__len__", [], at: range), let count = n.int
      {
        return try (0..<count).map { try instance.callDunder("__getitem__", [.int(PythonInt($0))], at: range) ?? .none }
      }
    }
    throw EvaluationError("'\(value.typeName)' object is not iterable", at: range, type: "TypeError")
  }
}
