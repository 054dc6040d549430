import PythonSubset

/// A native object a `for` loop walks one item at a time, as Python's
/// iterator protocol does: the next item is made only when the loop asks for
/// it. A torch `DataLoader` loads each batch (and draws its augmentation) at
/// that moment, so the loop body's own draws interleave with the loader's as
/// they do in PyTorch.
///
/// ```swift
/// // for batch in loader: dropout(batch)   → load 0, dropout, load 1, dropout, …
/// ```
///
/// `list(x)`, comprehensions and unpacking drain the iterator at once.
public protocol PythonIterable: PythonObject {
  /// A fresh iterator (Python's `iter(x)`), started at `range`.
  func makeIterator(at range: SourceRange) throws -> any PythonIterator
}

/// One pass over a ``PythonIterable``.
public protocol PythonIterator: AnyObject {
  /// The next item, or nil at the end (`StopIteration`).
  func next(at range: SourceRange) throws -> Value?
}

extension PythonIterable {
  /// Every item of one pass, in order.
  func drain(at range: SourceRange, limit: Int) throws -> [Value] {
    let iterator = try makeIterator(at: range)
    var items: [Value] = []
    while let item = try iterator.next(at: range) {
      items.append(item)
      if items.count > limit {
        throw EvaluationError("an iterable of more than \(limit) items is too large to hold in the engine; loop over it with for instead", at: range, type: "MemoryError")
      }
    }
    return items
  }
}
