import PythonSubset

/// The builtins that need the running interpreter (`print`, `isinstance`,
/// `sorted` with a key, `str` of an instance with `__str__`), the methods of
/// `str`, `list`, `dict` and `set`, and f-string formatting.
extension Interpreter {
  func installBuiltins() {
    let ns = Namespace(name: "builtins")
    ns.define("object", .object(Builtins.objectClass))
    ns.define("print(*values, sep=' ', end='\\n', file=None, flush=False)") { [unowned self] args in
      let sep = try args.string("sep") ?? " "
      let end = try args.string("end") ?? "\n"
      output(try args.extraPositional.map { p in try located(p.range) { try str(p.value) } }.joined(separator: sep) + end)
      return .none
    }
    ns.define("str(object='')") { [unowned self] args in
      .string(try located(args.callRange) { try str(args.value("object") ?? .string("")) })
    }
    ns.define("repr(obj)") { args in
      let v = args.value("obj") ?? .none
      if let a = JAXArrays.firstUnprintable(in: v) { throw JAXArrays.unprintable(a, at: args.callRange) }
      return .string(v.repr)
    }
    ns.define("format(value, format_spec='')") { [unowned self] args in
      .string(try FormatSpec.format(args.value("value") ?? .none, try args.string("format_spec") ?? "", str: str))
    }
    ns.define("len(obj)") { [unowned self] args in
      let v = args.value("obj") ?? .none
      switch v {
      case .string(let s): return .int(PythonInt(s.count))
      case .object(let o as SetObject): return .int(PythonInt(o.count))
      case .object(let o as DictObject): return .int(PythonInt(o.entries.count))
      case .object(let o as InstanceObject):
        if let n = try o.callDunder("__len__", [], at: args.callRange) { return n }
      case .object(let a as ArrayObject):
        guard let first = a.tensor.arrayShape.first else { throw args.error("obj", "len() of unsized object") }
        return .int(PythonInt(first))
      case .object(let sized as PythonSized):
        return .int(PythonInt(try sized.length(at: args.range("obj"))))
      default: break
      }
      guard let items = Builtins.items(of: v) else {
        throw EvaluationError("object of type '\(v.typeName)' has no len()", at: args.range("obj"), type: "TypeError")
      }
      _ = self
      return .int(PythonInt(items.count))
    }
    ns.define("isinstance(obj, class_or_tuple)") { args in
      .bool(try Self.isInstance(args.value("obj") ?? .none, args.value("class_or_tuple") ?? .none, at: args.range("class_or_tuple")))
    }
    ns.define("issubclass(cls, class_or_tuple)") { args in
      guard case .object(let o as ClassObject) = args.value("cls") ?? .none else {
        throw EvaluationError("issubclass() arg 1 must be a class", at: args.range("cls"), type: "TypeError")
      }
      let targets: [Value]
      if case .tuple(let t) = args.value("class_or_tuple") ?? .none { targets = t } else { targets = [args.value("class_or_tuple") ?? .none] }
      return .bool(targets.contains { if case .object(let c as ClassObject) = $0 { return o.isSubclass(of: c) } else { return false } })
    }
    ns.define("type(obj)") { [unowned self] args in
      switch args.value("obj") ?? .none {
      case .object(let o as InstanceObject): return .object(o.pythonClass)
      case let v: return builtins[v.typeName] ?? .string(v.typeName)
      }
    }
    ns.define("hasattr(obj, name)") { [unowned self] args in
      let name = try args.string("name") ?? ""
      do {
        _ = try attribute(of: args.value("obj") ?? .none, name, at: args.callRange, baseExpression: .none(args.callRange))
        return .bool(true)
      } catch let e as EvaluationError where e.type == "AttributeError" {
        return .bool(false)
      }
    }
    ns.define("getattr(obj, name, default=None)") { [unowned self] args in
      let name = try args.string("name") ?? ""
      do {
        return try attribute(of: args.value("obj") ?? .none, name, at: args.callRange, baseExpression: .none(args.callRange))
      } catch let e as EvaluationError where e.type == "AttributeError" && args.isGiven("default") {
        return args.value("default") ?? .none
      }
    }
    ns.define("setattr(obj, name, value)") { [unowned self] args in
      try setAttribute(of: args.value("obj") ?? .none, try args.string("name") ?? "", args.value("value") ?? .none, at: args.callRange)
      return .none
    }
    ns.define("callable(obj)") { args in
      switch args.value("obj") ?? .none {
      case .object(let o as InstanceObject): return .bool(o.pythonClass.lookup("__call__") != nil)
      case .object(let o): return .bool(o is PythonFunction || o is BuiltinFunction || o is BoundMethod || o is MethodObject || o is ClassObject)
      default: return .bool(false)
      }
    }
    ns.define("enumerate(iterable, start=0)") { [unowned self] args in
      let start = try args.int("start") ?? .zero
      let items = try iterate(args.value("iterable") ?? .none, at: args.range("iterable"))
      return .object(ListObject(items.enumerated().map { .tuple([.int(start + PythonInt($0.offset)), $0.element]) }))
    }
    ns.define("zip(*iterables, strict=False)") { [unowned self] args in
      let lists = try args.extraPositional.map { try iterate($0.value, at: $0.range) }
      let n = lists.map(\.count).min() ?? 0
      if try args.bool("strict") == true, Set(lists.map(\.count)).count > 1 {
        throw EvaluationError("zip() arguments have different lengths", at: args.callRange, type: "ValueError")
      }
      return .object(ListObject((0..<n).map { i in .tuple(lists.map { $0[i] }) }))
    }
    ns.define("reversed(seq)") { [unowned self] args in
      .object(ListObject(try iterate(args.value("seq") ?? .none, at: args.range("seq")).reversed()))
    }
    ns.define("iter(object)") { [unowned self] args in
      let value = args.value("object") ?? .none
      switch value {
      case .object(let it as IteratorObject): return .object(it)
      case .object(let lazy as any PythonIterable):
        return .object(IteratorObject(try lazy.makeIterator(at: args.range("object")), of: value.typeName))
      default:
        return .object(IteratorObject(items: try iterate(value, at: args.range("object")), of: value.typeName))
      }
    }
    ns.define("next(iterator, *default)") { args in
      let value = args.value("iterator") ?? .none
      if case .object(let instance as InstanceObject) = value, instance.pythonClass.lookup("__next__") != nil {
        // A script's own iterator class: its __next__, StopIteration giving the default.
        do {
          return try instance.callDunder("__next__", [], at: args.callRange) ?? .none
        } catch let e as PythonException where e.typeName == "StopIteration" && args.extraPositional.count == 1 {
          return args.extraPositional[0].value
        }
      }
      guard case .object(let it as IteratorObject) = value else {
        throw EvaluationError("'\(value.typeName)' object is not an iterator", at: args.range("iterator"), type: "TypeError")
      }
      if let item = try it.next(at: args.callRange) { return item }
      if args.extraPositional.count > 1 {
        throw EvaluationError("next expected at most 2 arguments, got \(args.extraPositional.count + 1)", at: args.callRange, type: "TypeError")
      }
      if let fallback = args.extraPositional.first { return fallback.value }
      throw EvaluationError("", at: args.callRange, type: "StopIteration")
    }
    ns.define("sum(iterable, start=0)") { [unowned self] args in
      try Builtins.sum(try iterate(args.value("iterable") ?? .none, at: args.range("iterable")), args)
    }
    ns.define("sorted(iterable, *, key=None, reverse=False)") { [unowned self] args in
      var items = try iterate(args.value("iterable") ?? .none, at: args.range("iterable"))
      try sort(&items, key: args.value("key"), reverse: try args.bool("reverse") ?? false, at: args.callRange)
      return .object(ListObject(items))
    }
    for (name, larger) in [("min", false), ("max", true)] {
      ns.define("\(name)(*args, key=None, default=None)") { [unowned self] args in
        var candidates = args.extraPositional.map(\.value)
        if candidates.count == 1 { candidates = try iterate(candidates[0], at: args.callRange) }
        guard var best = candidates.first else {
          if args.isGiven("default") { return args.value("default") ?? .none }
          throw EvaluationError("\(name)() arg is an empty sequence", at: args.callRange, type: "ValueError")
        }
        let key = args.value("key").flatMap { $0.isNone ? nil : $0 }
        var bestKey = try key.map { try callValue($0, [best], at: args.callRange) } ?? best
        for c in candidates.dropFirst() {
          let k = try key.map { try callValue($0, [c], at: args.callRange) } ?? c
          let better = larger ? try compare(.greater, k, bestKey, args.callRange) : try compare(.less, k, bestKey, args.callRange)
          if better {
            best = c
            bestKey = k
          }
        }
        return best
      }
    }
    ns.define("map(function, *iterables)") { [unowned self] args in
      let f = args.value("function") ?? .none
      let lists = try args.extraPositional.map { try iterate($0.value, at: $0.range) }
      let n = lists.map(\.count).min() ?? 0
      return .object(ListObject(try (0..<n).map { i in try callValue(f, lists.map { $0[i] }, at: args.callRange) }))
    }
    ns.define("filter(function, iterable)") { [unowned self] args in
      let f = args.value("function") ?? .none
      let items = try iterate(args.value("iterable") ?? .none, at: args.range("iterable"))
      return .object(ListObject(try items.filter { f.isNone ? $0.isTruthy : try callValue(f, [$0], at: args.callRange).isTruthy }))
    }
    ns.define("any(iterable)") { [unowned self] args in
      .bool(try iterate(args.value("iterable") ?? .none, at: args.range("iterable")).contains { $0.isTruthy })
    }
    ns.define("all(iterable)") { [unowned self] args in
      .bool(try iterate(args.value("iterable") ?? .none, at: args.range("iterable")).allSatisfy { $0.isTruthy })
    }
    ns.define("round(number, ndigits=None)") { args in
      let v = args.value("number") ?? .none
      let digits = try args.int("ndigits")
      switch v {
      case .int(let i): return .int(i)
      case .bool(let b): return .int(PythonInt(b ? 1 : 0))
      case .float(let d):
        guard let digits, let n = digits.int else {
          guard d.isFinite else { throw EvaluationError("cannot convert float \(PythonFloat.repr(d)) to integer", at: args.callRange, type: d.isNaN ? "ValueError" : "OverflowError") }
          return .int(try Builtins.int(of: .float(d.rounded(.toNearestOrEven)), at: args.callRange))
        }
        return .float(Self.roundHalfEven(d, digits: n))
      default:
        throw EvaluationError("type \(v.typeName) doesn't define __round__ method", at: args.range("number"), type: "TypeError")
      }
    }
    ns.define("divmod(a, b)") { [unowned self] args in
      let a = args.value("a") ?? .none, b = args.value("b") ?? .none
      return .tuple([try binary(.floorDivide, a, b, args.callRange), try binary(.modulo, a, b, args.callRange)])
    }
    ns.define("pow(base, exp, mod=None)") { [unowned self] args in
      try binary(.power, args.value("base") ?? .none, args.value("exp") ?? .none, args.callRange)
    }
    ns.define("dict(mapping=None, **kwargs)") { [unowned self] args in
      let dict = DictObject()
      try merge(args.value("mapping"), keywords: args.extraKeywords, into: dict, at: args.range("mapping"))
      return .object(dict)
    }
    ns.define("set(iterable=None)") { [unowned self] args in
      guard let v = args.value("iterable"), !v.isNone else { return .object(SetObject()) }
      return .object(try SetObject.built(from: v, at: args.range("iterable"), elements: try iterate(v, at: args.range("iterable"))))
    }
    ns.define("frozenset(iterable=None)") { [unowned self] args in
      guard let v = args.value("iterable"), !v.isNone else { return .object(SetObject(frozen: true)) }
      return .object(try SetObject.built(from: v, frozen: true, at: args.range("iterable"), elements: try iterate(v, at: args.range("iterable"))))
    }
    ns.define("list(iterable=None)") { [unowned self] args in
      guard let v = args.value("iterable"), !v.isNone else { return .object(ListObject([])) }
      return .object(ListObject(try iterate(v, at: args.range("iterable"))))
    }
    ns.define("tuple(iterable=None)") { [unowned self] args in
      guard let v = args.value("iterable"), !v.isNone else { return .tuple([]) }
      return .tuple(try iterate(v, at: args.range("iterable")))
    }
    ns.define("chr(i)") { args in
      guard let code = try args.int("i")?.int, let scalar = Unicode.Scalar(code) else {
        throw EvaluationError("chr() arg not in range(0x110000)", at: args.range("i"), type: "ValueError")
      }
      return .string(String(Character(scalar)))
    }
    ns.define("ord(c)") { args in
      guard let s = try args.string("c"), s.unicodeScalars.count == 1 else {
        throw EvaluationError("ord() expected a character", at: args.range("c"), type: "TypeError")
      }
      return .int(PythonInt(Int(s.unicodeScalars.first!.value)))
    }
    ns.define("id(obj)") { args in
      if case .object(let o) = args.value("obj") ?? .none { return .int(PythonInt(ObjectIdentifier(o).hashValue & Int.max)) }
      throw EvaluationError("id() of a value without identity is not emulated", at: args.callRange)
    }
    ns.define("hash(obj)") { args in
      let value = args.value("obj") ?? .none
      switch value {
      case .int, .bool, .float, .string, .bytes, .tuple:
        guard let h = PythonHash.hash(value) else {
          throw EvaluationError("unhashable type: '\(value.typeName)'", at: args.range("obj"), type: "TypeError")
        }
        return .int(PythonInt(h))
      case .object(let o) where o is ListObject || o is DictObject || o is SetObject:
        throw EvaluationError("unhashable type: '\(value.typeName)'", at: args.range("obj"), type: "TypeError")
      default:
        throw EvaluationError(
          "hash() of a '\(value.typeName)' is its identity in CPython, which no run can reproduce; hash() takes str, bytes, numbers and tuples of them",
          at: args.callRange)
      }
    }
    for (name, value) in ns.members { builtins[name] = value }
    builtins["super"] = .object(BuiltinFunction(signature: Signature("super(*args)")) { args in
      throw EvaluationError("super() is only supported inside a method, as super() or super(Class, self)", at: args.callRange)
    })
    builtins["NotImplemented"] = .string("NotImplemented")
    builtins["__name__"] = .string("__main__")
  }

  /// `dict(mapping, **kwargs)` and `d.update(mapping, **kwargs)`: a dict's
  /// entries or an iterable of pairs, then the keywords, into `dict`.
  func merge(
    _ mapping: Value?, keywords: [(name: String, value: Located<Value>)], into dict: DictObject, at range: SourceRange
  ) throws {
    if let m = mapping, !m.isNone {
      if case .object(let o as DictObject) = m {
        for (k, v) in o.entries { dict[k] = v }
      } else {
        for pair in try iterate(m, at: range) {
          let kv = try iterate(pair, at: range)
          guard kv.count == 2 else {
            throw EvaluationError(
              "dictionary update sequence element has length \(kv.count); 2 is required", at: range, type: "ValueError")
          }
          dict[kv[0]] = kv[1]
        }
      }
    }
    for (name, value) in keywords { dict[.string(name)] = value.value }
  }

  /// Calls a value with positional arguments.
  func callValue(_ callee: Value, _ positional: [Value], at range: SourceRange) throws -> Value {
    var arguments = Arguments(callRange: range, calleeRange: range)
    arguments.positional = positional.map { Located($0, range) }
    return try call(callee, arguments, calleeExpression: .none(range))
  }

  /// A stable sort by Python's `<`, as `sorted` and `list.sort` do.
  func sort(_ items: inout [Value], key: Value?, reverse: Bool, at range: SourceRange) throws {
    let key = key.flatMap { $0.isNone ? nil : $0 }
    let keys = try items.map { item in try key.map { k in try callValue(k, [item], at: range) } ?? item }
    var order = Array(items.indices)
    var failure: (any Error)?
    // Merge sort keeps equal keys in order (Python's sort is stable, also with reverse=True).
    func less(_ a: Int, _ b: Int) -> Bool {
      do {
        return reverse ? try compare(.less, keys[b], keys[a], range) : try compare(.less, keys[a], keys[b], range)
      } catch {
        failure = failure ?? error
        return false
      }
    }
    order = Self.mergeSorted(order, by: less)
    if let failure { throw failure }
    items = order.map { items[$0] }
  }

  static func mergeSorted(_ a: [Int], by less: (Int, Int) -> Bool) -> [Int] {
    guard a.count > 1 else { return a }
    let left = mergeSorted(Array(a[..<(a.count / 2)]), by: less)
    let right = mergeSorted(Array(a[(a.count / 2)...]), by: less)
    var out: [Int] = []
    out.reserveCapacity(a.count)
    var i = 0, j = 0
    while i < left.count && j < right.count {
      if less(right[j], left[i]) {
        out.append(right[j])
        j += 1
      } else {
        out.append(left[i])
        i += 1
      }
    }
    out += left[i...]
    out += right[j...]
    return out
  }

  static func isInstance(_ value: Value, _ classes: Value, at range: SourceRange) throws -> Bool {
    if case .tuple(let items) = classes { return try items.contains { try isInstance(value, $0, at: range) } }
    if case .object(let f as BuiltinFunction) = classes, Builtins.typeNames.contains(f.name) {
      // The builtin types are functions in the engine; compare by name (bool is a subclass of int).
      if case .bool = value, f.name == "int" { return true }
      return value.typeName == f.name
    }
    guard case .object(let o) = classes, let cls = o as? ClassObject ?? (o as? ClassAlias)?.aliasedClass else {
      throw EvaluationError("isinstance() arg 2 must be a type, a tuple of types, or a union", at: range, type: "TypeError")
    }
    if cls === Builtins.objectClass { return true }
    if case .object(let v as InstanceObject) = value { return v.pythonClass.isSubclass(of: cls) }
    if case .object(let v as ClassMembership) = value { return v.isInstance(of: cls) }
    return false
  }

  /// Python's `round(x, n)`: the double nearest the decimal rounding, ties to even.
  static func roundHalfEven(_ x: Double, digits: Int) -> Double {
    guard x.isFinite else { return x }
    if digits > 300 { return x }
    let text = String(format: "%.\(Swift.max(0, digits))f", x)
    if digits >= 0 { return Double(text) ?? x }
    let scale = pow10(-digits)
    return (x / scale).rounded(.toNearestOrEven) * scale
  }

  static func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n { r *= 10 }
    return r
  }

  // MARK: str and formatting

  /// Runs `body`, placing an error that has no place of its own (an
  /// object that cannot be printed) at `range`.
  func located<T>(_ range: SourceRange, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch var e as EvaluationError where e.range == nil {
      e.range = range
      throw e
    }
  }

  /// `str(value)`: strings as they are, instances by `__str__` (or
  /// `__repr__`), exceptions by their message, everything else by `repr`.
  func str(_ value: Value) throws -> String {
    switch value {
    case .string(let s): return s
    case .object(let a as ArrayObject) where a.numpyScalarText != nil: return a.numpyScalarText!
    case .object(let o as InstanceObject):
      if let s = try o.callDunder("__str__", []) {
        guard case .string(let text) = s else {
          throw EvaluationError("__str__ returned non-string (type \(s.typeName))", at: nil, type: "TypeError")
        }
        return text
      }
      if o.pythonClass.isSubclass(of: ExceptionClasses.baseException), o.pythonClass.lookup("__repr__") == nil {
        return ExceptionClasses.message(of: o)
      }
      return o.repr
    default:
      if let a = JAXArrays.firstUnprintable(in: value) { throw JAXArrays.unprintable(a) }
      return value.repr
    }
  }

  /// The text of an f-string.
  func format(_ parts: [FormattedPart]) throws -> String {
    var out = ""
    for part in parts {
      switch part {
      case .literal(let text):
        out += text
      case .field(let expression, let conversion, let spec, let debugText):
        let value = try evaluate(expression)
        if let debugText { out += debugText }
        var converted = value
        switch conversion {
        case "r", "a": converted = .string(value.repr)
        case "s": converted = .string(try str(value))
        default: break
        }
        let specText = try spec.map { try format($0) } ?? ""
        do {
          out += try FormatSpec.format(converted, specText, str: str)
        } catch var e as EvaluationError {
          if e.range == nil { e.range = expression.range }
          throw e
        }
      }
    }
    return out
  }
}
