import PythonSubset

/// How a statement finished: normally, or by `break`, `continue` or `return`.
enum Flow {
  case normal
  case breakLoop
  case continueLoop
  case returned(Value)
}

/// Statements: assignment, control flow, functions, classes, exceptions,
/// `with` and `import`, with Python's scoping rules (see ``Scope``).
extension Interpreter {
  func execute(_ statements: [Statement]) throws -> Flow {
    for statement in statements {
      let flow = try execute(statement)
      if case .normal = flow { continue }
      return flow
    }
    return .normal
  }

  func execute(_ statement: Statement) throws -> Flow {
    currentStatement = statement.range
    statementsStarted &+= 1
    onStatement?(statement.range)
    switch statement {
    case .expression(let e):
      _ = try evaluate(e)
    case .assignment(let targets, let valueExpression, _):
      let value = try evaluate(valueExpression)
      for target in targets { try assign(value, to: target) }
    case .augmentedAssignment(let target, let op, let valueExpression, let range):
      try augment(target, op, valueExpression, range)
    case .pass:
      break
    case .break:
      return .breakLoop
    case .continue:
      return .continueLoop
    case .return(let e, let range):
      guard scope.kind == .function else { throw EvaluationError("'return' outside function", at: range, type: "SyntaxError") }
      return .returned(try e.map { try evaluate($0) } ?? .none)
    case .if(let branches, let orElse, _):
      for branch in branches where try Truth.of(try evaluate(branch.test), at: branch.test.range) {
        return try execute(branch.body)
      }
      return try execute(orElse)
    case .while(let test, let body, let orElse, let range):
      while try Truth.of(try evaluate(test), at: test.range) {
        try tick(range)
        switch try execute(body) {
        case .breakLoop: return .normal
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: continue
        }
      }
      return try execute(orElse)
    case .for(let target, let iterable, let body, let orElse, let range):
      let iterableValue = try evaluate(iterable)
      /// One pass of the body with `item`: the loop's end (break, return) or nil to go on.
      func pass(_ item: Value) throws -> Flow? {
        try tick(range)
        try assign(item, to: target)
        switch try execute(body) {
        case .breakLoop: return .normal
        case .returned(let v): return .returned(v)
        case .normal, .continueLoop: return nil
        }
      }
      if case .object(let lazy as any PythonIterable) = iterableValue {
        // A native iterator (a torch DataLoader) makes each item when the loop asks.
        let iterator = try lazy.makeIterator(at: iterable.range)
        while let item = try iterator.next(at: iterable.range) {
          if let end = try pass(item) { return end }
        }
        return try execute(orElse)
      }
      // A range is walked lazily (`for i in range(10**12)` runs, as in Python, until it ends or times out).
      if case .object(let r as RangeObject) = iterableValue {
        for index in 0..<r.count {
          if let end = try pass(.int(PythonInt(r.element(index)))) { return end }
        }
      } else {
        for item in try iterate(iterableValue, at: iterable.range) {
          if let end = try pass(item) { return end }
        }
      }
      return try execute(orElse)
    case .functionDefinition(let name, let parameters, let body, let decorators, let range):
      var function: Value = .object(
        try PythonFunction(name: name, parameters: parameters, body: .statements(body), range: range, in: self))
      function = try decorate(function, decorators)
      try bind(name, function, at: range)
    case .classDefinition(let name, let bases, let body, let decorators, let range):
      var cls: Value = .object(try defineClass(name, bases: bases, body: body, range: range))
      cls = try decorate(cls, decorators)
      try bind(name, cls, at: range)
    case .try(let body, let handlers, let orElse, let finally, _):
      return try executeTry(body, handlers, orElse, finally)
    case .raise(let e, let cause, let range):
      throw try raise(e, cause: cause, at: range)
    case .assert(let test, let message, let range):
      if !(try Truth.of(try evaluate(test), at: test.range)) {
        let text = try message.map { try str(try evaluate($0)) } ?? ""
        throw PythonException(ExceptionClasses.make("AssertionError", text), at: range)
      }
    case .with(let items, let body, let range):
      return try executeWith(items[...], body, range)
    case .global(_, let range), .nonlocal(_, let range):
      if scope.kind == .module, case .nonlocal = statement {
        throw EvaluationError("nonlocal declaration not allowed at module level", at: range, type: "SyntaxError")
      }
    case .delete(let targets, _):
      for target in targets { try delete(target) }
    case .import(let items, let range):
      for item in items {
        let module = try importModule(item.module, at: range)
        if let alias = item.alias {
          try bind(alias, module, at: range)
        } else {
          let top = String(item.module.split(separator: ".")[0])
          try bind(top, top == item.module ? module : try importModule(top, at: range), at: range)
        }
      }
    case .fromImport(let moduleName, let names, let range):
      let module = try importModule(moduleName, at: range)
      guard let names else {
        throw EvaluationError("'from \(moduleName) import *' is not supported; import the names you use", at: range)
      }
      for item in names {
        let value: Value
        if case .object(let o) = module, let member = try o.attribute(item.name) {
          value = member
        } else if let submodule = try? importModule(moduleName + "." + item.name, at: range) {
          value = submodule
        } else {
          throw EvaluationError("cannot import name '\(item.name)' from '\(moduleName)'", at: range, type: "ImportError")
        }
        try bind(item.alias ?? item.name, value, at: range)
      }
    }
    return .normal
  }

  // MARK: Names

  /// The value of `name` by Python's LEGB rule.
  func lookup(_ name: String, at range: SourceRange) throws -> Value {
    var s: Scope = scope
    if s.kind == .function {
      if s.globalNames.contains(name) { return try globalValue(name, at: range) }
      if s.localNames.contains(name) {
        if let v = s.variables[name] { return v }
        throw EvaluationError(
          "cannot access local variable '\(name)' where it is not associated with a value", at: range,
          type: "UnboundLocalError")
      }
    } else if let v = s.variables[name] {
      return v
    }
    while let p = s.parent {
      s = p
      if s.kind == .module { break }
      if let v = s.variables[name] { return v }
    }
    return try globalValue(name, at: range)
  }

  func globalValue(_ name: String, at range: SourceRange) throws -> Value {
    if let v = moduleScope.variables[name] ?? builtins[name] { return v }
    throw unknownName(name, at: range)
  }

  /// Whether `name` still means the builtin (no script variable shadows it).
  func isBuiltinName(_ name: String) -> Bool {
    var s: Scope? = scope
    while let current = s {
      if current.variables[name] != nil { return false }
      s = current.parent
    }
    return builtins[name] != nil
  }

  /// Binds `name` in the current scope, honouring `global` and `nonlocal`.
  func bind(_ name: String, _ value: Value, at range: SourceRange) throws {
    if scope.kind == .function {
      if scope.globalNames.contains(name) {
        moduleScope.variables[name] = value
        return
      }
      if scope.nonlocalNames.contains(name) {
        guard let outer = scope.enclosingFunctionScope(holding: name) else {
          throw EvaluationError("no binding for nonlocal '\(name)' found", at: range, type: "SyntaxError")
        }
        outer.variables[name] = value
        return
      }
    }
    scope.variables[name] = value
  }

  func assign(_ value: Value, to target: Expression) throws {
    switch target {
    case .name(let n, let range):
      try bind(n, value, at: range)
    case .tuple(let items, let range), .list(let items, let range):
      let values = try iterate(value, at: range)
      if let star = items.firstIndex(where: { if case .starred = $0 { return true } else { return false } }) {
        let after = items.count - star - 1
        guard values.count >= items.count - 1 else {
          throw EvaluationError(
            "not enough values to unpack (expected at least \(items.count - 1), got \(values.count))", at: range,
            type: "ValueError")
        }
        for i in 0..<star { try assign(values[i], to: items[i]) }
        if case .starred(let inner, _) = items[star] {
          try assign(.object(ListObject(Array(values[star..<(values.count - after)]))), to: inner)
        }
        for i in 0..<after { try assign(values[values.count - after + i], to: items[star + 1 + i]) }
        return
      }
      guard values.count == items.count else {
        let text =
          values.count < items.count
          ? "not enough values to unpack (expected \(items.count), got \(values.count))"
          : "too many values to unpack (expected \(items.count))"
        throw EvaluationError(text, at: range, type: "ValueError")
      }
      for (item, v) in zip(items, values) { try assign(v, to: item) }
    case .attribute(let base, let name, let range):
      let object = try evaluate(base)
      try setAttribute(of: object, name, value, at: range)
    case .subscript(let base, let index, let range):
      let container = try evaluate(base)
      let key = try evaluateIndex(index)
      try setItem(container, key, value, at: range)
    default:
      throw EvaluationError("cannot assign to this expression", at: target.range)
    }
  }

  func setAttribute(of object: Value, _ name: String, _ value: Value, at range: SourceRange) throws {
    if case .object(let o) = object {
      if let instance = o as? InstanceObject {
        do {
          try instance.setAttribute(name, value)
        } catch var e as EvaluationError where e.range == nil {
          // A framework's __setattr__ refusal (torch's "cannot assign module before …") points at the assignment.
          e.range = range
          throw e
        }
        return
      }
      if let cls = o as? ClassObject {
        cls.setMember(name, value)
        return
      }
      if let settable = o as? AttributeSettable {
        try settable.setAttribute(name, value, at: range)
        return
      }
    }
    throw EvaluationError(
      "'\(object.typeName)' object attribute '\(name)' cannot be set in the engine", at: range, type: "AttributeError")
  }

  func setItem(_ container: Value, _ key: Value, _ value: Value, at range: SourceRange) throws {
    if case .object(let o) = container {
      if let list = o as? ListObject {
        if case .object(let k) = key, let slice = k as? SliceObject {
          try list.replace(slice, with: try iterate(value, at: range), at: range)
          return
        }
        guard let i = BoundArguments.asInt(key)?.int else {
          throw EvaluationError("list indices must be integers or slices, not \(key.typeName)", at: range, type: "TypeError")
        }
        let n = list.elements.count
        let j = i < 0 ? i + n : i
        guard (0..<n).contains(j) else { throw EvaluationError("list assignment index out of range", at: range, type: "IndexError") }
        list.elements[j] = value
        return
      }
      if let dict = o as? DictObject {
        dict[key] = value
        return
      }
      if let array = o as? ArrayObject, array.kind == .numpy {
        try NumPyItemAssignment.set(array, key, value, at: range)
        return
      }
      if let instance = o as? InstanceObject, try instance.callDunder("__setitem__", [key, value], at: range) != nil {
        return
      }
      if let settable = o as? ItemSettable {
        try settable.setItem(key, value, at: range)
        return
      }
    }
    throw EvaluationError("'\(container.typeName)' object does not support item assignment", at: range, type: "TypeError")
  }

  func augment(_ target: Expression, _ op: BinaryOperator, _ valueExpression: Expression, _ range: SourceRange) throws {
    switch target {
    case .attribute(let base, let name, let r):
      let object = try evaluate(base)
      let current = try attribute(of: object, name, at: r, baseExpression: base)
      let result = try inPlace(op, current, try evaluate(valueExpression), range)
      try setAttribute(of: object, name, result, at: r)
    case .subscript(let base, let index, let r):
      let container = try evaluate(base)
      let key = try evaluateIndex(index)
      let current = try Subscripting.item(container, key, at: r)
      let result = try inPlace(op, current, try evaluate(valueExpression), range)
      try setItem(container, key, result, at: r)
    default:
      let current = try evaluate(target)
      try assign(try inPlace(op, current, try evaluate(valueExpression), range), to: target)
    }
  }

  /// `a += b`: lists extend in place (every reference sees it), as in Python.
  func inPlace(_ op: BinaryOperator, _ current: Value, _ value: Value, _ range: SourceRange) throws -> Value {
    if op == .add, case .object(let o) = current, let list = o as? ListObject {
      list.elements += try iterate(value, at: range)
      return current
    }
    if case .object(let array as ArrayObject) = current, array.kind == .numpy {
      return try NumPyItemAssignment.inPlace(op, array, value, at: range)
    }
    if let tensor = TorchArithmetic.tensor(current) {
      return try TorchArithmetic.inPlace(op, tensor, binary(op, current, value, range), value, at: range)
    }
    return try binary(op, current, value, range)
  }

  func delete(_ target: Expression) throws {
    switch target {
    case .name(let n, let range):
      let holder = scope.kind == .function && scope.globalNames.contains(n) ? moduleScope : scope
      guard holder.variables.removeValue(forKey: n) != nil else { throw unknownName(n, at: range) }
    case .subscript(let base, let index, let range):
      let container = try evaluate(base)
      let key = try evaluateIndex(index)
      if case .object(let o) = container {
        if let dict = o as? DictObject {
          guard dict[key] != nil else { throw EvaluationError(key.repr, at: range, type: "KeyError") }
          dict[key] = nil
          return
        }
        if let list = o as? ListObject, let i = BoundArguments.asInt(key)?.int {
          let j = i < 0 ? i + list.elements.count : i
          guard list.elements.indices.contains(j) else {
            throw EvaluationError("list assignment index out of range", at: range, type: "IndexError")
          }
          list.elements.remove(at: j)
          return
        }
      }
      throw EvaluationError("'\(container.typeName)' object does not support item deletion", at: range, type: "TypeError")
    case .attribute(let base, let name, let range):
      if case .object(let o) = try evaluate(base), let instance = o as? InstanceObject, instance.deleteAttribute(name) { return }
      throw EvaluationError("cannot delete attribute '\(name)'", at: range, type: "AttributeError")
    case .tuple(let items, _), .list(let items, _):
      for item in items { try delete(item) }
    default:
      throw EvaluationError("cannot delete this expression", at: target.range)
    }
  }

  // MARK: Functions and classes

  /// Runs a script function: binds its arguments, runs its body in a new
  /// scope, and keeps the recursion limit and the traceback.
  func invoke(_ function: PythonFunction, _ arguments: Arguments) throws -> Value {
    let bound = try function.signature.bind(arguments)
    guard callDepth < recursionLimit else {
      throw PythonException(ExceptionClasses.make("RecursionError", "maximum recursion depth exceeded"), at: arguments.callRange)
    }
    try tick(arguments.callRange)
    let callee = Scope(
      kind: .function, variables: function.locals(bound), parent: function.closure, localNames: function.localNames,
      globalNames: function.globalNames, nonlocalNames: function.nonlocalNames, function: function)
    let caller = scope
    let callingStatement = currentStatement
    scope = callee
    callDepth += 1
    callSites.append(arguments.callRange)
    defer {
      currentStatement = callingStatement
      scope = caller
      callDepth -= 1
      callSites.removeLast()
    }
    do {
      switch function.body {
      case .expression(let e):
        return try evaluate(e)
      case .statements(let body):
        if case .returned(let v) = try execute(body) { return v }
        return .none
      }
    } catch {
      // Tracebacks read outermost first; each call adds its call site in front.
      guard var e = pythonException(from: error) else {
        // An engine limit inside a function of another file (an imported module) is placed in that file.
        // (callDepth is still this call's own here: the defer above runs after the catch.)
        if let limit = error as? EvaluationError, callDepth == 1, isModule { throw sourceError(limit) }
        throw error
      }
      if isModule && e.sourceName == nil { e.sourceName = source.name }
      e.traceback.insert(arguments.callRange, at: 0)
      throw e
    }
  }

  func decorate(_ value: Value, _ decorators: [Expression]) throws -> Value {
    var result = value
    for decorator in decorators.reversed() {
      let d = try evaluate(decorator)
      var arguments = Arguments(callRange: decorator.range, calleeRange: decorator.range)
      arguments.positional = [Located(result, decorator.range)]
      result = try call(d, arguments, calleeExpression: decorator)
    }
    return result
  }

  func defineClass(_ name: String, bases baseArguments: [Argument], body: [Statement], range: SourceRange) throws -> ClassObject {
    var bases: [ClassObject] = []
    for argument in baseArguments {
      guard case .positional = argument.kind else {
        throw EvaluationError("class keywords (metaclass=…) are not supported", at: argument.range)
      }
      let base = try evaluate(argument.value)
      guard case .object(let o) = base, let cls = o as? ClassObject ?? (o as? ClassAlias)?.aliasedClass else {
        if case .object(let o) = base, o.typeName == "builtin_function" || o is Namespace {
          throw EvaluationError(
            "'\(source.excerpt(argument.value.range))' cannot be subclassed in the engine; the classes scripts can subclass are object, the exception types and the framework classes docs/scripts.md lists",
            at: argument.range)
        }
        throw EvaluationError("bases must be classes, not '\(base.typeName)'", at: argument.range, type: "TypeError")
      }
      bases.append(cls)
    }
    let classScope = Scope(kind: .classBody, parent: scope)
    let outer = scope
    scope = classScope
    defer { scope = outer }
    if case .returned = try execute(body) {
      throw EvaluationError("'return' outside function", at: range, type: "SyntaxError")
    }
    let order = body.compactMap { statement -> String? in
      switch statement {
      case .functionDefinition(let n, _, _, _, _), .classDefinition(let n, _, _, _, _): return n
      default: return nil
      }
    }
    var members = classScope.variables.sorted { (order.firstIndex(of: $0.key) ?? -1) < (order.firstIndex(of: $1.key) ?? -1) }
    members.removeAll { $0.key == "__qualname__" }
    do {
      let cls = try ClassObject(
        name: name, bases: bases.isEmpty ? [Builtins.objectClass] : bases, members: members.map { ($0.key, $0.value) })
      for (_, value) in members {
        if case .object(let o) = value, let f = o as? PythonFunction { f.definingClass = cls }
      }
      return cls
    } catch var e as EvaluationError {
      if e.range == nil { e.range = range }
      throw e
    }
  }

  /// `super()` and `super(Class, obj)`: the next class after `Class` in the
  /// MRO of `obj`'s class, with methods bound to `obj`.
  func superObject(_ argumentExpressions: [Argument], at range: SourceRange) throws -> Value {
    let cls: ClassObject
    let receiver: Value
    if argumentExpressions.isEmpty {
      guard scope.kind == .function, let function = scope.function, let defining = function.definingClass,
        let first = function.signature.parameters.first, let value = scope.variables[first.name]
      else {
        throw EvaluationError("super(): no arguments; use it inside a method of a class", at: range, type: "RuntimeError")
      }
      cls = defining
      receiver = value
    } else {
      let values = try argumentExpressions.map { try evaluate($0.value) }
      guard values.count == 2, case .object(let o) = values[0], let c = o as? ClassObject else {
        throw EvaluationError("super() takes no arguments or (class, object)", at: range, type: "TypeError")
      }
      cls = c
      receiver = values[1]
    }
    return .object(SuperObject(startAfter: cls, receiver: receiver))
  }

  // MARK: Exceptions

  func raise(_ e: Expression?, cause: Expression?, at range: SourceRange) throws -> PythonException {
    guard let e else {
      guard var current = handling.last else {
        throw EvaluationError("No active exception to reraise", at: range, type: "RuntimeError")
      }
      current.traceback = []
      return current
    }
    let value = try evaluate(e)
    var instance: InstanceObject
    switch value {
    case .object(let o as ClassObject) where o.isSubclass(of: ExceptionClasses.baseException):
      var arguments = Arguments(callRange: range, calleeRange: range)
      arguments.positional = []
      guard case .object(let made as InstanceObject) = try o.call(arguments) else { fatalError("class call returns an instance") }
      instance = made
    case .object(let o as InstanceObject) where o.pythonClass.isSubclass(of: ExceptionClasses.baseException):
      instance = o
    default:
      throw EvaluationError("exceptions must derive from BaseException", at: e.range, type: "TypeError")
    }
    if let cause { try instance.setAttribute("__cause__", try evaluate(cause)) }
    return PythonException(instance, at: range)
  }

  /// The exception an error is in the script's terms, or nil when the error
  /// is the engine's own limit (never caught by the script).
  func pythonException(from error: any Error) -> PythonException? {
    switch error {
    case let e as PythonException:
      return e
    case let e as EvaluationError:
      guard let type = e.type, ExceptionClasses.all[type] != nil else { return nil }
      return PythonException(ExceptionClasses.make(type, e.message), at: e.range)
    default:
      return nil
    }
  }

  func executeTry(
    _ body: [Statement], _ handlers: [ExceptHandler], _ orElse: [Statement], _ finally: [Statement]
  ) throws -> Flow {
    var flow: Flow = .normal
    var pending: (any Error)?
    do {
      flow = try execute(body)
      if case .normal = flow { flow = try execute(orElse) }
    } catch {
      pending = error
      if let exception = pythonException(from: error) {
        for handler in handlers where try matches(exception, handler) {
          pending = nil
          if let name = handler.name { try bind(name, .object(exception.instance), at: handler.range) }
          handling.append(exception)
          defer { handling.removeLast() }
          do {
            flow = try execute(handler.body)
          } catch {
            pending = error
          }
          if let name = handler.name { scope.variables[name] = nil }
          break
        }
      }
    }
    if !finally.isEmpty {
      let finalFlow = try execute(finally)
      if case .normal = finalFlow {} else { return finalFlow }
    }
    if let pending { throw pending }
    return flow
  }

  func matches(_ exception: PythonException, _ handler: ExceptHandler) throws -> Bool {
    guard let typeExpression = handler.type else { return true }
    let type = try evaluate(typeExpression)
    let candidates: [Value]
    if case .tuple(let items) = type { candidates = items } else { candidates = [type] }
    for candidate in candidates {
      guard case .object(let o) = candidate, let cls = o as? ClassObject,
        cls.isSubclass(of: ExceptionClasses.baseException)
      else {
        throw EvaluationError(
          "catching classes that do not inherit from BaseException is not allowed", at: typeExpression.range,
          type: "TypeError")
      }
      if exception.instance.pythonClass.isSubclass(of: cls) { return true }
    }
    return false
  }

  // MARK: with

  func executeWith(_ items: ArraySlice<(context: Expression, target: Expression?)>, _ body: [Statement], _ range: SourceRange) throws -> Flow {
    guard let item = items.first else { return try execute(body) }
    let manager = try evaluate(item.context)
    let entered = try callMethod(manager, "__enter__", [], at: item.context.range)
    if let target = item.target { try assign(entered, to: target) }
    let flow: Flow
    do {
      flow = try executeWith(items.dropFirst(), body, range)
    } catch {
      if let exception = pythonException(from: error) {
        let suppress = try callMethod(
          manager, "__exit__",
          [.object(exception.instance.pythonClass), .object(exception.instance), .none], at: item.context.range)
        if suppress.isTruthy { return .normal }
      }
      throw error
    }
    _ = try callMethod(manager, "__exit__", [.none, .none, .none], at: item.context.range)
    return flow
  }

  /// Calls `value.name(*positional)`.
  func callMethod(_ value: Value, _ name: String, _ positional: [Value], at range: SourceRange) throws -> Value {
    let method = try attribute(of: value, name, at: range, baseExpression: .none(range))
    var arguments = Arguments(callRange: range, calleeRange: range)
    arguments.positional = positional.map { Located($0, range) }
    return try call(method, arguments, calleeExpression: .none(range))
  }

  // MARK: Limits and imports

  /// Counts a loop iteration or call; past the ``deadline`` the run stops.
  func tick(_ range: SourceRange) throws {
    ticks &+= 1
    guard ticks & 1023 == 0, let deadline else { return }
    if ContinuousClock.now >= deadline {
      throw EvaluationError("the script ran past \(deadlineDescription) here (an endless loop?)", at: range)
    }
  }

  func importModule(_ name: String, at range: SourceRange) throws -> Value {
    guard let importer else {
      throw EvaluationError("import is not available here; \(namesDescription == "name" ? "run a script with rngdiff run" : "the names are already in scope")", at: range)
    }
    return try importer(name, range)
  }
}

/// An object whose attributes a script may set (`obj.name = value`).
public protocol AttributeSettable: PythonObject {
  func setAttribute(_ name: String, _ value: Value, at range: SourceRange) throws
}

/// An object whose items a script may set (`obj[key] = value`).
public protocol ItemSettable: PythonObject {
  func setItem(_ key: Value, _ value: Value, at range: SourceRange) throws
}

/// What `super()` returns: attribute lookup starts after a class in the
/// receiver's MRO, and functions bind to the receiver.
final class SuperObject: PythonObject {
  let startAfter: ClassObject
  let receiver: Value

  init(startAfter: ClassObject, receiver: Value) {
    self.startAfter = startAfter
    self.receiver = receiver
  }

  var typeName: String { "super" }

  func attribute(_ name: String) throws -> Value? {
    let mro: [ClassObject]
    switch receiver {
    case .object(let o as InstanceObject): mro = o.pythonClass.mro
    case .object(let o as ClassObject): mro = o.mro
    default: mro = []
    }
    guard let index = mro.firstIndex(where: { $0 === startAfter }) else { return nil }
    for cls in mro[(index + 1)...] {
      if let v = cls.member(name) {
        if case .object(let o) = v, o is PythonFunction || o is BuiltinFunction {
          return .object(MethodObject(receiver: receiver, function: o))
        }
        return v
      }
    }
    if case .object(let o as InstanceObject) = receiver, let native = try o.nativeAttribute(name) { return native }
    return nil
  }
}
