import PythonSubset

/// List, set and dict comprehensions and generator expressions.
///
/// As in Python 3, a comprehension's loop variables live in their own
/// scope (they do not leak into the enclosing one), the first iterable is
/// evaluated in the enclosing scope, and clauses nest left to right.
/// A generator expression is evaluated eagerly into a list when it is
/// created: draws inside it happen at that moment rather than as it is
/// consumed (docs/scripts.md lists this difference).
extension Interpreter {
  func comprehension(
    _ kind: ComprehensionKind, element: Expression, value: Expression?, clauses: [ComprehensionClause]
  ) throws -> Value {
    guard let first = clauses.first else { return .none }
    let firstItems = try iterate(try evaluate(first.iterable), at: first.iterable.range)
    let outer = scope
    var targets = Set<String>()
    for clause in clauses { Self.names(in: clause.target, into: &targets) }
    scope = Scope(kind: .function, parent: outer.kind == .classBody ? (outer.parent ?? outer) : outer, localNames: targets)
    defer { scope = outer }
    var results: [Value] = []
    let dict = DictObject()
    func loop(_ index: Int, _ items: [Value]) throws {
      let clause = clauses[index]
      for item in items {
        try tick(clause.iterable.range)
        try assign(item, to: clause.target)
        var keep = true
        for condition in clause.conditions where !(try Truth.of(try evaluate(condition), at: condition.range)) {
          keep = false
          break
        }
        guard keep else { continue }
        if index + 1 < clauses.count {
          let next = clauses[index + 1]
          try loop(index + 1, try iterate(try evaluate(next.iterable), at: next.iterable.range))
        } else if kind == .dictionary, let value {
          let key = try evaluate(element)
          dict[key] = try evaluate(value)
        } else {
          let value = try evaluate(element)
          if kind == .set { try SetObject.requireHashable(value, at: element.range) }
          results.append(value)
        }
      }
    }
    try loop(0, firstItems)
    switch kind {
    case .list, .generator: return .object(ListObject(results))
    case .set: return .object(SetObject(results))
    case .dictionary: return .object(dict)
    }
  }

  static func names(in target: Expression, into names: inout Set<String>) {
    switch target {
    case .name(let n, _): names.insert(n)
    case .tuple(let items, _), .list(let items, _): for item in items { Self.names(in: item, into: &names) }
    case .starred(let inner, _): Self.names(in: inner, into: &names)
    default: break
    }
  }
}
