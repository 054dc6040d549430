import PythonSubset

/// A sequence passed to `random.choice`, `choices` or `sample`: a `range`
/// kept lazy (so `sample(range(10**9), 10)` never builds a billion items),
/// or the items of a list, tuple, str, bytes or array.
enum PythonSequenceArgument {
  case range(RangeObject)
  case items([Value])

  /// The sequence `value` is, or nil for a non-sequence (a dict, a number).
  init?(_ value: Value) {
    switch value {
    case .object(let o) where o is RangeObject:
      guard let r = o as? RangeObject else { return nil }
      self = .range(r)
    case .object(let o) where o is DictObject:
      return nil
    default:
      guard let items = Builtins.items(of: value) else { return nil }
      self = .items(items)
    }
  }

  var count: Int {
    switch self {
    case .range(let r): return r.count
    case .items(let items): return items.count
    }
  }

  /// The element at `index` (in `0..<count`).
  func element(_ index: Int) -> Value {
    switch self {
    case .range(let r): return .int(PythonInt(r.element(index)))
    case .items(let items): return items[index]
    }
  }

  /// How CPython names the sequence in an `IndexError` ("list", "tuple",
  /// "range object", "string").
  func indexName(of value: Value) -> String {
    switch value {
    case .string: return "string"
    case .tuple: return "tuple"
    case .bytes: return "index"
    default: break
    }
    if case .range = self { return "range object" }
    return "list"
  }

  /// Every element, built on demand.
  var elements: [Value] { (0..<count).map(element) }
}
