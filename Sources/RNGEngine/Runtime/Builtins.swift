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
        guard let first = a.tensor.arrayShape.first else { throw args.error("obj", "len() of unsized object") }
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
    ns.define("int(x=0)") { args in .int(try int(of: args.value("x") ?? .int(.zero), at: args.range("x"))) }
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
    ns.define("bool(x=False)") { args in .bool(try Truth.of(args.value("x") ?? .bool(false), at: args.range("x"))) }
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
      return try sum(list, args)
    }
    var all = ns.members
    all["None"] = Value.none
    return all
  }()

  /// `sum(iterable, start=0)` of the iterable's items.
  static func sum(_ list: [Value], _ args: BoundArguments) throws -> Value {
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

  /// `object`, the root of every script class.
  nonisolated(unsafe) static let objectClass: ClassObject = try! ClassObject(name: "object", bases: [], module: "builtins")

  /// The builtin types that are functions in the engine, for `isinstance`.
  static let typeNames: Set<String> = ["int", "float", "str", "bool", "list", "dict", "tuple", "set", "frozenset", "bytes", "range"]

  /// Python's `int(x)`: ints and bools as they are, floats truncated toward
  /// zero (exactly, however large), strings and bytes read as base-10
  /// literals (surrounding whitespace, one sign and `_` between digits
  /// allowed), 0-d arrays by their element. Errors are CPython's.
  ///
  /// ```swift
  /// try Builtins.int(of: .float(-1.7), at: range)          // -1
  /// try Builtins.int(of: .string(" 1_000 "), at: range)    // 1000
  /// ```
  static func int(of value: Value, at range: SourceRange) throws -> PythonInt {
    switch value {
    case .int(let i): return i
    case .bool(let b): return PythonInt(b ? 1 : 0)
    case .float(let d): return try truncated(d, at: range)
    case .string(let s): return try literal(s, repr: value.repr, at: range)
    case .bytes(let b): return try literal(String(decoding: b, as: UTF8.self), repr: value.repr, at: range)
    default:
      if let i = BoundArguments.asInt(value) { return i }
      if case .object(let o) = value, let a = o as? ArrayObject, a.tensor.rank == 0, let d = a.tensor.doubles.first {
        return try truncated(d, at: range)
      }
      throw EvaluationError(
        "int() argument must be a string, a bytes-like object or a real number, not '\(value.typeName)'", at: range)
    }
  }

  private static func truncated(_ d: Double, at range: SourceRange) throws -> PythonInt {
    if d.isNaN { throw EvaluationError("cannot convert float NaN to integer", at: range) }
    if d.isInfinite { throw EvaluationError("cannot convert float infinity to integer", at: range) }
    let t = d.rounded(.towardZero)
    if Swift.abs(t) < 0x1p63 { return PythonInt(Int64(t)) }
    // |t| >= 2**63: the significand times a power of two, exactly.
    let magnitude = PythonInt(UInt64(t.significandBitPattern | (1 << 52))).shiftedLeft(Int(t.exponent) - 52)
    return t < 0 ? -magnitude : magnitude
  }

  private static func literal(_ s: String, repr: String, at range: SourceRange) throws -> PythonInt {
    var digits = Substring(s.trimmingPythonWhitespace)
    let negative = digits.first == "-"
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    guard let i = PythonInt(digits: digits, radix: 10) else {
      throw EvaluationError("invalid literal for int() with base 10: \(repr)", at: range)
    }
    return negative ? -i : i
  }

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
      if let set = o as? SetObject { return set.elements }
      if let a = o as? ArrayObject, let n = a.tensor.arrayShape.first {
        if a.kind == .numpy {
          // The rows of a NumPy array are views of it, as `a[i]` is.
          let nowhere = SourceRange(.init(line: 1, column: 1), .init(line: 1, column: 1))
          return (0..<n).compactMap { try? NumPyIndexing.item(a, .int(PythonInt($0)), at: nowhere) }
        }
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
