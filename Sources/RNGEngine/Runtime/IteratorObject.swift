import PythonSubset

/// What `iter(x)` returns: one pass over `x`, advanced by `next(it)` and by
/// a `for` loop over it (which goes on from where `next` left it, as a
/// Python iterator does).
///
/// ```python
/// x_batch, y_batch = next(iter(dataset))   # the first batch of a new pass
/// it = iter(loader); first = next(it); rest = [b for b in it]
/// ```
///
/// Edge cases: `next` at the end raises `StopIteration`, or returns its
/// default; `iter` of an iterator is the same iterator; `iter` of a list,
/// tuple, string, dict or range walks a snapshot of its items taken when
/// `iter` is called (changing a list while iterating it is not emulated).
final class IteratorObject: PythonIterable {
  private let iterator: any PythonIterator
  let sourceType: String

  init(_ iterator: any PythonIterator, of sourceType: String) {
    self.iterator = iterator
    self.sourceType = sourceType
  }

  /// A pass over a snapshot of `items`.
  convenience init(items: [Value], of sourceType: String) {
    self.init(SnapshotIterator(items), of: sourceType)
  }

  var typeName: String { sourceType + "_iterator" }
  var repr: String { "<\(typeName) object>" }
  var isTruthy: Bool { true }

  func makeIterator(at range: SourceRange) throws -> any PythonIterator { iterator }

  func next(at range: SourceRange) throws -> Value? { try iterator.next(at: range) }

  private final class SnapshotIterator: PythonIterator {
    let items: [Value]
    var position = 0
    init(_ items: [Value]) { self.items = items }
    func next(at range: SourceRange) throws -> Value? {
      guard position < items.count else { return nil }
      defer { position += 1 }
      return items[position]
    }
  }
}
