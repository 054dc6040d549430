/// A Python `set`.
///
/// Members keep their insertion order. CPython orders a set by hash: for
/// small ints that is ascending order, which this matches when the ints are
/// added in order; for strings it depends on `PYTHONHASHSEED`, which the
/// engine does not emulate yet (docs/scripts.md says so), so iterating a
/// set of strings follows insertion order here.
public final class SetObject: PythonObject {
  public private(set) var elements: [Value] = []

  public init(_ elements: [Value] = []) {
    for e in elements { insert(e) }
  }

  public var typeName: String { "set" }
  public var repr: String {
    ReprGuard.render(self, placeholder: "{...}") {
      elements.isEmpty ? "set()" : "{" + elements.map(\.repr).joined(separator: ", ") + "}"
    }
  }
  public var isTruthy: Bool { !elements.isEmpty }

  public func contains(_ v: Value) -> Bool { elements.contains { $0.repr == v.repr } }

  public func insert(_ v: Value) {
    if !contains(v) { elements.append(v) }
  }

  @discardableResult
  public func remove(_ v: Value) -> Bool {
    guard let i = elements.firstIndex(where: { $0.repr == v.repr }) else { return false }
    elements.remove(at: i)
    return true
  }

  public func removeAll() { elements.removeAll() }
}
