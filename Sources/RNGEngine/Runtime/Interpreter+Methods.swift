import PythonSubset

/// The methods of the builtin containers and strings scripts use:
/// `str` (`join`, `split`, `format`, …), `list` (`append`, `sort`, …),
/// `dict` (`get`, `items`, …) and `set` (`add`, …). Each is a builtin
/// function bound to its receiver, so `f = xs.append; f(1)` works too.
extension Interpreter {
  func builtinMethod(of base: Value, _ name: String, at range: SourceRange) throws -> Value? {
    switch base {
    case .string(let s): return stringMethod(s, name)
    case .int(let i):
      switch name {
      case "real", "numerator": return .int(i)
      case "imag": return .int(.zero)
      case "denominator": return .int(PythonInt(1))
      case "bit_length": return method("bit_length()") { _ in .int(PythonInt(i.bitLength)) }
      default: return nil
      }
    case .float(let d):
      switch name {
      case "real": return .float(d)
      case "imag": return .float(0)
      case "is_integer": return method("is_integer()") { _ in .bool(d.isFinite && d == d.rounded()) }
      default: return nil
      }
    case .object(let list as ListObject): return listMethod(list, name)
    case .object(let dict as DictObject): return dictMethod(dict, name)
    case .object(let set as SetObject): return setMethod(set, name)
    case .tuple(let items):
      switch name {
      case "count": return method("count(value)") { [unowned self] a in .int(PythonInt(try items.filter { try equal($0, a.value("value") ?? .none) }.count)) }
      case "index": return method("index(value)") { [unowned self] a in
        guard let i = try items.firstIndex(where: { try equal($0, a.value("value") ?? .none) }) else {
          throw EvaluationError("tuple.index(x): x not in tuple", at: a.callRange, type: "ValueError")
        }
        return .int(PythonInt(i))
      }
      default: return nil
      }
    default: return nil
    }
  }

  private func method(_ signature: String, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
    .object(BuiltinFunction(signature: Signature(signature), body: body))
  }

  private func stringMethod(_ s: String, _ name: String) -> Value? {
    switch name {
    case "join":
      return method("join(iterable)") { [unowned self] a in
        let items = try iterate(a.value("iterable") ?? .none, at: a.range("iterable"))
        return .string(try items.map { item -> String in
          guard case .string(let t) = item else {
            throw EvaluationError("sequence item: expected str instance, \(item.typeName) found", at: a.range("iterable"), type: "TypeError")
          }
          return t
        }.joined(separator: s))
      }
    case "split":
      return method("split(sep=None, maxsplit=-1)") { a in
        let limit = try a.int("maxsplit")?.int ?? -1
        if let sep = try a.string("sep") {
          guard !sep.isEmpty else { throw EvaluationError("empty separator", at: a.range("sep"), type: "ValueError") }
          var parts = s.components(separatedBy: sep)
          if limit >= 0 && parts.count > limit + 1 {
            parts = Array(parts[..<limit]) + [parts[limit...].joined(separator: sep)]
          }
          return .object(ListObject(parts.map { .string($0) }))
        }
        let words = s.split(
          maxSplits: limit < 0 ? Int.max : limit, omittingEmptySubsequences: true, whereSeparator: { $0.isWhitespace })
        return .object(ListObject(words.map { .string(String($0)) }))
      }
    case "strip", "lstrip", "rstrip":
      return method("\(name)(chars=None)") { a in
        let chars = try a.string("chars")
        let drop: (Character) -> Bool = { c in chars.map { $0.contains(c) } ?? c.isWhitespace }
        var t = Substring(s)
        if name != "rstrip" { t = t.drop(while: drop) }
        if name != "lstrip" { while let last = t.last, drop(last) { t = t.dropLast() } }
        return .string(String(t))
      }
    case "lower": return method("lower()") { _ in .string(s.lowercased()) }
    case "upper": return method("upper()") { _ in .string(s.uppercased()) }
    case "title": return method("title()") { _ in .string(s.capitalized) }
    case "capitalize": return method("capitalize()") { _ in .string(s.prefix(1).uppercased() + s.dropFirst().lowercased()) }
    case "replace":
      return method("replace(old, new, count=-1)") { a in
        let old = try a.string("old") ?? "", new = try a.string("new") ?? ""
        let count = try a.int("count")?.int ?? -1
        if count < 0 { return .string(s.replacingOccurrences(of: old, with: new)) }
        var out = s
        var done = 0
        var searchStart = out.startIndex
        while done < count, let r = out.range(of: old, range: searchStart..<out.endIndex) {
          out.replaceSubrange(r, with: new)
          searchStart = out.index(r.lowerBound, offsetBy: new.count)
          done += 1
        }
        return .string(out)
      }
    case "startswith", "endswith":
      return method("\(name)(prefix)") { a in
        let candidates: [Value]
        if case .tuple(let t) = a.value("prefix") ?? .none { candidates = t } else { candidates = [a.value("prefix") ?? .none] }
        return .bool(candidates.contains { v in
          guard case .string(let p) = v else { return false }
          return name == "startswith" ? s.hasPrefix(p) : s.hasSuffix(p)
        })
      }
    case "find", "index":
      return method("\(name)(sub)") { a in
        let sub = try a.string("sub") ?? ""
        if let r = s.range(of: sub) { return .int(PythonInt(s.distance(from: s.startIndex, to: r.lowerBound))) }
        if name == "index" { throw EvaluationError("substring not found", at: a.callRange, type: "ValueError") }
        return .int(PythonInt(-1))
      }
    case "count":
      return method("count(sub)") { a in
        let sub = try a.string("sub") ?? ""
        return .int(PythonInt(sub.isEmpty ? s.count + 1 : s.components(separatedBy: sub).count - 1))
      }
    case "format":
      return method("format(*args, **kwargs)") { [unowned self] a in .string(try formatMethod(s, a)) }
    case "isdigit": return method("isdigit()") { _ in .bool(!s.isEmpty && s.allSatisfy(\.isNumber)) }
    case "isalpha": return method("isalpha()") { _ in .bool(!s.isEmpty && s.allSatisfy(\.isLetter)) }
    case "zfill":
      return method("zfill(width)") { a in
        let width = try a.int("width")?.int ?? 0
        let sign = s.hasPrefix("-") || s.hasPrefix("+") ? String(s.prefix(1)) : ""
        let body = s.dropFirst(sign.count)
        return .string(sign + String(repeating: "0", count: Swift.max(0, width - s.count)) + body)
      }
    case "center", "ljust", "rjust":
      return method("\(name)(width, fillchar=' ')") { a in
        var p = FormatSpec.Parsed()
        p.width = try a.int("width")?.int ?? 0
        p.fill = (try a.string("fillchar") ?? " ").first ?? " "
        p.align = name == "center" ? "^" : (name == "ljust" ? "<" : ">")
        return .string(FormatSpec.pad(s, p, numeric: false))
      }
    default: return nil
    }
  }

  /// `str.format`: `{}`, `{0}`, `{name}`, `{name.attr}`, `{0[1]}`, conversions and specs.
  func formatMethod(_ template: String, _ a: BoundArguments) throws -> String {
    let positional = a.extraPositional.map(\.value)
    var out = ""
    let chars = Array(template)
    var i = 0
    var automatic = 0
    while i < chars.count {
      let c = chars[i]
      if c == "{" && i + 1 < chars.count && chars[i + 1] == "{" { out.append("{"); i += 2; continue }
      if c == "}" && i + 1 < chars.count && chars[i + 1] == "}" { out.append("}"); i += 2; continue }
      guard c == "{" else { out.append(c); i += 1; continue }
      guard let close = chars[i...].firstIndex(of: "}") else {
        throw EvaluationError("Single '{' encountered in format string", at: a.callRange, type: "ValueError")
      }
      var field = String(chars[(i + 1)..<close])
      i = close + 1
      var spec = ""
      if let colon = field.firstIndex(of: ":") {
        spec = String(field[field.index(after: colon)...])
        field = String(field[..<colon])
      }
      var conversion: Character?
      if let bang = field.firstIndex(of: "!") {
        conversion = field[field.index(after: bang)...].first
        field = String(field[..<bang])
      }
      var head = field.prefix { $0 != "." && $0 != "[" }
      let rest = field.dropFirst(head.count)
      var value: Value
      if head.isEmpty {
        guard automatic < positional.count else {
          throw EvaluationError("Replacement index \(automatic) out of range for positional args tuple", at: a.callRange, type: "IndexError")
        }
        value = positional[automatic]
        automatic += 1
      } else if let n = Int(head) {
        guard n < positional.count else {
          throw EvaluationError("Replacement index \(n) out of range for positional args tuple", at: a.callRange, type: "IndexError")
        }
        value = positional[n]
      } else {
        guard let v = a.extraKeywords.first(where: { $0.name == head })?.value.value else {
          throw EvaluationError("'\(head)'", at: a.callRange, type: "KeyError")
        }
        value = v
      }
      head = ""
      var path = Substring(rest)
      while let first = path.first {
        if first == "." {
          let attr = path.dropFirst().prefix { $0 != "." && $0 != "[" }
          value = try attribute(of: value, String(attr), at: a.callRange, baseExpression: .none(a.callRange))
          path = path.dropFirst(1 + attr.count)
        } else {
          let key = path.dropFirst().prefix { $0 != "]" }
          let index: Value = Int(key).map { .int(PythonInt($0)) } ?? .string(String(key))
          value = try Subscripting.item(value, index, at: a.callRange)
          path = path.dropFirst(2 + key.count)
        }
      }
      switch conversion {
      case "r", "a": value = .string(value.repr)
      case "s": value = .string(try str(value))
      default: break
      }
      out += try FormatSpec.format(value, spec, str: str)
    }
    return out
  }

  private func listMethod(_ list: ListObject, _ name: String) -> Value? {
    switch name {
    case "append": return method("append(object)") { a in list.elements.append(a.value("object") ?? .none); return .none }
    case "extend":
      return method("extend(iterable)") { [unowned self] a in
        list.elements += try iterate(a.value("iterable") ?? .none, at: a.range("iterable"))
        return .none
      }
    case "insert":
      return method("insert(index, object)") { a in
        let n = list.elements.count
        var i = try a.int("index")?.int ?? 0
        if i < 0 { i += n }
        list.elements.insert(a.value("object") ?? .none, at: Swift.min(Swift.max(0, i), n))
        return .none
      }
    case "pop":
      return method("pop(index=-1)") { a in
        let n = list.elements.count
        var i = try a.int("index")?.int ?? -1
        if i < 0 { i += n }
        guard n > 0 else { throw EvaluationError("pop from empty list", at: a.callRange, type: "IndexError") }
        guard list.elements.indices.contains(i) else { throw EvaluationError("pop index out of range", at: a.callRange, type: "IndexError") }
        return list.elements.remove(at: i)
      }
    case "remove":
      return method("remove(value)") { [unowned self] a in
        guard let i = try list.elements.firstIndex(where: { try equal($0, a.value("value") ?? .none) }) else {
          throw EvaluationError("list.remove(x): x not in list", at: a.callRange, type: "ValueError")
        }
        list.elements.remove(at: i)
        return .none
      }
    case "index":
      return method("index(value)") { [unowned self] a in
        guard let i = try list.elements.firstIndex(where: { try equal($0, a.value("value") ?? .none) }) else {
          throw EvaluationError("\((a.value("value") ?? .none).repr) is not in list", at: a.callRange, type: "ValueError")
        }
        return .int(PythonInt(i))
      }
    case "count":
      return method("count(value)") { [unowned self] a in
        .int(PythonInt(try list.elements.filter { try equal($0, a.value("value") ?? .none) }.count))
      }
    case "sort":
      return method("sort(*, key=None, reverse=False)") { [unowned self] a in
        var items = list.elements
        try sort(&items, key: a.value("key"), reverse: try a.bool("reverse") ?? false, at: a.callRange)
        list.elements = items
        return .none
      }
    case "reverse": return method("reverse()") { _ in list.elements.reverse(); return .none }
    case "copy": return method("copy()") { _ in .object(ListObject(list.elements)) }
    case "clear": return method("clear()") { _ in list.elements.removeAll(); return .none }
    default: return nil
    }
  }

  private func dictMethod(_ dict: DictObject, _ name: String) -> Value? {
    switch name {
    case "get": return method("get(key, default=None)") { a in dict[a.value("key") ?? .none] ?? a.value("default") ?? .none }
    case "keys": return method("keys()") { _ in .object(ListObject(dict.entries.map(\.key))) }
    case "values": return method("values()") { _ in .object(ListObject(dict.entries.map(\.value))) }
    case "items": return method("items()") { _ in .object(ListObject(dict.entries.map { .tuple([$0.key, $0.value]) })) }
    case "pop":
      return method("pop(key, default=None)") { a in
        let key = a.value("key") ?? .none
        if let v = dict[key] {
          dict[key] = nil
          return v
        }
        if a.isGiven("default") { return a.value("default") ?? .none }
        throw EvaluationError(key.repr, at: a.callRange, type: "KeyError")
      }
    case "setdefault":
      return method("setdefault(key, default=None)") { a in
        let key = a.value("key") ?? .none
        if let v = dict[key] { return v }
        dict[key] = a.value("default") ?? Value.none
        return a.value("default") ?? .none
      }
    case "update":
      return method("update(other=None, **kwargs)") { [unowned self] a in
        try merge(a.value("other"), keywords: a.extraKeywords, into: dict, at: a.range("other"))
        return .none
      }
    case "copy": return method("copy()") { _ in .object(DictObject(dict.entries)) }
    case "clear": return method("clear()") { _ in for (k, _) in dict.entries { dict[k] = nil }; return Value.none }
    default: return nil
    }
  }

  private func setMethod(_ set: SetObject, _ name: String) -> Value? {
    if set.isFrozen { return nil }  // every method below changes the set
    switch name {
    case "add":
      return method("add(elem)") { a in
        let v = a.value("elem") ?? .none
        try SetObject.requireHashable(v, at: a.range("elem"))
        set.insert(v)
        return .none
      }
    case "discard": return method("discard(elem)") { a in set.remove(a.value("elem") ?? .none); return .none }
    case "remove":
      return method("remove(elem)") { a in
        let v = a.value("elem") ?? .none
        guard set.remove(v) else { throw EvaluationError(v.repr, at: a.callRange, type: "KeyError") }
        return .none
      }
    case "update":
      return method("update(*others)") { [unowned self] a in
        for other in a.extraPositional {
          if case .object(let o as SetObject) = other.value { set.merge(o) } else {
            for v in try iterate(other.value, at: other.range) {
              try SetObject.requireHashable(v, at: other.range)
              set.insert(v)
            }
          }
        }
        return .none
      }
    case "clear": return method("clear()") { _ in set.removeAll(); return .none }
    default: return nil
    }
  }
}

extension ListObject {
  /// `xs[a:b] = values` for a step-1 slice.
  func replace(_ slice: SliceObject, with values: [Value], at range: SourceRange) throws {
    let n = elements.count
    func bound(_ v: Value, _ fallback: Int) -> Int {
      guard let i = BoundArguments.asInt(v)?.int else { return fallback }
      return Swift.min(Swift.max(0, i < 0 ? i + n : i), n)
    }
    guard slice.step.isNone || BoundArguments.asInt(slice.step)?.int == 1 else {
      throw EvaluationError("assigning to an extended slice is not supported", at: range)
    }
    let start = bound(slice.start, 0)
    let stop = Swift.max(start, bound(slice.stop, n))
    elements.replaceSubrange(start..<stop, with: values)
  }
}
