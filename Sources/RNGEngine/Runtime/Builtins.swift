import PythonSubset

/// The Python builtins the subset supports: `range`, `list`, `tuple`, `len`,
/// `abs`, `int`, `float`, `bool`, `str`, `min`, `max`, `sum`.
enum Builtins {
  static let namespace: [String: Value] = {
    let ns = Namespace(name: "builtins")
    ns.define("range(start, stop=None, step=None)") { args in
      func int(_ name: String) throws -> Int? {
        guard let i = try args.int(name) else { return nil }
        guard let n = i.int else { throw args.error(name, "range() argument is too large: \(i)") }
        return n
      }
      let first = try int("start") ?? 0
      let stop = try int("stop")
      let step = try int("step") ?? 1
      if step == 0 { throw args.error("step", "range() arg 3 must not be zero") }
      return stop == nil
        ? .object(RangeObject(start: 0, stop: first, step: 1))
        : .object(RangeObject(start: first, stop: stop!, step: step))
    }
    ns.define("list(iterable=None)") { args in
      guard let v = args.value("iterable") else { return .object(ListObject([])) }
      guard let items = items(of: v) else { throw args.error("iterable", "'\(v.typeName)' object is not iterable") }
      return .object(ListObject(items))
    }
    ns.define("tuple(iterable=None)") { args in
      guard let v = args.value("iterable") else { return .tuple([]) }
      guard let items = items(of: v) else { throw args.error("iterable", "'\(v.typeName)' object is not iterable") }
      return .tuple(items)
    }
    ns.define("len(obj)") { args in
      let v = args.value("obj") ?? .none
      if case .object(let o) = v, let a = o as? ArrayObject {
        guard let first = a.tensor.shape.first else { throw args.error("obj", "len() of unsized object") }
        return .int(PythonInt(first))
      }
      if case .string(let s) = v { return .int(PythonInt(s.count)) }
      guard let items = items(of: v) else { throw args.error("obj", "object of type '\(v.typeName)' has no len()") }
      return .int(PythonInt(items.count))
    }
    ns.define("abs(x)") { args in
      switch args.value("x") ?? .none {
      case .int(let i): return .int(i.magnitudeValue)
      case .bool(let b): return .int(PythonInt(b ? 1 : 0))
      case .float(let d): return .float(Swift.abs(d))
      case let v: throw args.error("x", "bad operand type for abs(): '\(v.typeName)'")
      }
    }
    ns.define("int(x=0)") { args in
      switch args.value("x") ?? .int(.zero) {
      case .int(let i): return .int(i)
      case .bool(let b): return .int(PythonInt(b ? 1 : 0))
      case .float(let d):
        guard d.isFinite else { throw args.error("x", "cannot convert float \(PythonFloat.repr(d)) to integer") }
        let t = d.rounded(.towardZero)
        if Swift.abs(t) < 9.2e18 { return .int(PythonInt(Int64(t))) }
        throw args.error("x", "int() of a float this large is not supported")
      case .string(let s):
        let trimmed = s.trimmingPythonWhitespace
        let negative = trimmed.hasPrefix("-")
        let digits = trimmed.drop { $0 == "-" || $0 == "+" }
        guard let i = PythonInt(digits: digits, radix: 10) else {
          throw args.error("x", "invalid literal for int() with base 10: '\(s)'")
        }
        return .int(negative ? -i : i)
      case let v:
        if let i = BoundArguments.asInt(v) { return .int(i) }
        throw args.error("x", "int() argument must be a string or a number, not '\(v.typeName)'")
      }
    }
    ns.define("float(x=0.0)") { args in
      let v = args.value("x") ?? .float(0)
      if case .string(let s) = v {
        let t = s.trimmingPythonWhitespace.lowercased()
        switch t {
        case "inf", "+inf", "infinity", "+infinity": return .float(.infinity)
        case "-inf", "-infinity": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default:
          if let d = Double(t) { return .float(d) }
          throw args.error("x", "could not convert string to float: '\(s)'")
        }
      }
      if let d = BoundArguments.asDouble(v) { return .float(d) }
      throw args.error("x", "float() argument must be a string or a real number, not '\(v.typeName)'")
    }
    ns.define("bool(x=False)") { args in .bool((args.value("x") ?? .bool(false)).isTruthy) }
    ns.define("str(x='')") { args in
      let v = args.value("x") ?? .string("")
      if case .string = v { return v }
      return .string(v.repr)
    }
    func extreme(_ args: BoundArguments, _ name: String, pickLarger: Bool) throws -> Value {
      var candidates = args.extraPositional.map(\.value)
      if candidates.count == 1, let items = items(of: candidates[0]) { candidates = items }
      guard var best = candidates.first else { throw EvaluationError("\(name)() arg is an empty sequence", at: args.callRange) }
      for c in candidates.dropFirst() {
        guard let a = Interpreter.Number(c), let b = Interpreter.Number(best) else {
          throw EvaluationError("\(name)() supports numbers only here", at: args.callRange)
        }
        let order = Interpreter.order(a, b)
        if pickLarger ? order > 0 : order < 0 { best = c }
      }
      return best
    }
    ns.define("min(*args)") { try extreme($0, "min", pickLarger: false) }
    ns.define("max(*args)") { try extreme($0, "max", pickLarger: true) }
    ns.define("sum(iterable, start=0)") { args in
      guard let v = args.value("iterable"), let list = items(of: v) else {
        throw args.error("iterable", "sum() needs an iterable of numbers")
      }
      var total: Interpreter.Number = Interpreter.Number(args.value("start") ?? .int(.zero)) ?? .int(.zero)
      for item in list {
        guard let n = Interpreter.Number(item) else { throw args.error("iterable", "sum() supports numbers only") }
        switch (total, n) {
        case (.int(let a), .int(let b)): total = .int(a + b)
        default: total = .float((total.double ?? .nan) + (n.double ?? .nan))
        }
      }
      switch total {
      case .int(let i): return .int(i)
      case .float(let d): return .float(d)
      }
    }
    var all = ns.members
    all["None"] = Value.none
    return all
  }()

  /// The items of an iterable (tuple, list, range, str, bytes, dict keys, 1-D array), or nil.
  static func items(of value: Value) -> [Value]? {
    switch value {
    case .tuple(let items): return items
    case .string(let s): return s.map { .string(String($0)) }
    case .bytes(let b): return b.map { .int(PythonInt(Int64($0))) }
    case .object(let o):
      if let list = o as? ListObject { return list.elements }
      if let r = o as? RangeObject { return (0..<r.count).map { .int(PythonInt(r.element($0))) } }
      if let d = o as? DictObject { return d.entries.map(\.key) }
      if let a = o as? ArrayObject, a.tensor.rank >= 1 {
        let n = a.tensor.shape[0]
        return (0..<n).compactMap { i -> Value? in
          guard let t = try? TensorIndexing.index(a.tensor, .int(PythonInt(i)), at: SourceRange(.init(line: 1, column: 1), .init(line: 1, column: 1)))
          else { return nil }
          return .object(ArrayObject(t, kind: a.kind, methods: a.methods))
        }
      }
      return nil
    default: return nil
    }
  }
}

extension String {
  var trimmingPythonWhitespace: String {
    String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
