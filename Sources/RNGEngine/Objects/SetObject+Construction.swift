import PythonSubset

extension SetObject {
  /// `set(iterable)` (and `frozenset(iterable)`): another set is merged (its table order, one resize
  /// up front); a dict's keys are added after one resize for all of them;
  /// anything else is added value by value.
  ///
  /// ```swift
  /// try SetObject.built(from: .object(other), at: range, elements: other.elements)   // as set(other)
  /// ```
  static func built(from iterable: Value, frozen: Bool = false, at range: SourceRange, elements: @autoclosure () throws -> [Value]) throws
    -> SetObject
  {
    let set = SetObject(frozen: frozen)
    switch iterable {
    case .object(let other as SetObject):
      set.merge(other)
    case .object(let dict as DictObject):
      set.reserve(adding: dict.entries.count)
      for (key, _) in dict.entries { set.insert(key) }
    default:
      for e in try elements() {
        try requireHashable(e, at: range)
        set.insert(e)
      }
    }
    return set
  }

  /// CPython's `TypeError: unhashable type: 'list'` for a list, dict or set
  /// (or a tuple holding one) put in a set.
  static func requireHashable(_ v: Value, at range: SourceRange) throws {
    guard PythonHash.hash(v) == nil else { return }
    var culprit = v
    while case .tuple(let items) = culprit, let inner = items.first(where: { PythonHash.hash($0) == nil }) { culprit = inner }
    throw EvaluationError("unhashable type: '\(culprit.typeName)'", at: range, type: "TypeError")
  }

  /// A set display `{a, b, *c}`, as CPython 3.11 compiles it: three or more
  /// constants become one frozenset constant (built, then rebuilt from its
  /// own order) merged into an empty set, which can leave another table than
  /// adding them one by one; otherwise each item is added in order, a
  /// starred set merged.
  ///
  /// ```swift
  /// // {1, 2, 3, 4, 5}: frozenset of 32 slots merged into 16 slots
  /// ```
  static func display(_ items: [Expression], evaluate: (Expression) throws -> Value, iterate: (Value, SourceRange) throws -> [Value]) throws
    -> SetObject
  {
    let set = SetObject()
    if items.count > 2 && items.allSatisfy(isConstant) {
      // The compiler builds the frozenset, then rebuilds it from its own
      // iteration order when it merges the code object's constants.
      let constant = SetObject(try items.map(evaluate))
      set.merge(SetObject(constant.members))
      return set
    }
    for item in items {
      if case .starred(let inner, let range) = item {
        let value = try evaluate(inner)
        if case .object(let other as SetObject) = value { set.merge(other) } else {
          for e in try iterate(value, range) {
            try requireHashable(e, at: range)
            set.insert(e)
          }
        }
      } else {
        let value = try evaluate(item)
        try requireHashable(value, at: item.range)
        set.insert(value)
      }
    }
    return set
  }

  /// What CPython's compiler folds into a constant: literals, signed
  /// numbers, and tuples of constants.
  static func isConstant(_ e: Expression) -> Bool {
    switch e {
    case .none, .bool, .integer, .float, .string, .bytes, .ellipsis: return true
    case .unary(_, let inner, _): return isConstant(inner) && !isTuple(inner)
    case .tuple(let items, _): return items.allSatisfy(isConstant)
    default: return false
    }
  }

  private static func isTuple(_ e: Expression) -> Bool {
    if case .tuple = e { return true }
    return false
  }

  /// One resize ahead of adding `count` keys, as `set(dict)` does.
  func reserve(adding count: Int) {
    if (fillCount + count) * 5 >= (capacity - 1) * 3 { growTable(toFit: (used + count) * 2) }
  }

  /// `a == b` for sets: the same members, in any order.
  func hasSameMembers(as other: SetObject) -> Bool {
    used == other.used && members.allSatisfy(other.contains)
  }
}
