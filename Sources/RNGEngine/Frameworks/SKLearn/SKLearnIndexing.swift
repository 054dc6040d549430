import PythonSubset

/// scikit-learn's `_num_samples` and `_safe_indexing` for what scripts pass
/// to a splitter: NumPy arrays (rows along the first axis) and lists.
///
/// ```python
/// train_test_split(np.arange(10).reshape(5, 2), [0, 1, 0, 1, 1])
/// ```
enum SKLearnIndexing {
  /// The number of samples: an array's first dimension, a list's or tuple's length.
  static func length(of value: Value, at range: SourceRange) throws -> Int {
    switch value {
    case .object(let array as ArrayObject):
      guard let first = array.tensor.arrayShape.first else {
        throw EvaluationError("Singleton array \(array.repr) cannot be considered a valid collection.", at: range, type: "TypeError")
      }
      return first
    case .object(let list as ListObject): return list.elements.count
    case .tuple(let items): return items.count
    default:
      throw EvaluationError(
        "Expected sequence or array-like, got \(value.typeName); rngdiff run's scikit-learn takes NumPy arrays and lists",
        at: range, type: "TypeError")
    }
  }

  /// The number of samples all of `arrays` have.
  ///
  /// - Throws: scikit-learn's `ValueError` naming every length when they differ.
  static func commonLength(of arrays: [Located<Value>], at range: SourceRange) throws -> Int {
    let lengths = try arrays.map { try length(of: $0.value, at: $0.range) }
    guard Set(lengths).count <= 1 else {
      throw EvaluationError(
        "Found input variables with inconsistent numbers of samples: [\(lengths.map(String.init).joined(separator: ", "))]",
        at: range, type: "ValueError")
    }
    return lengths.first ?? 0
  }

  /// The rows `indices` of `value`, as scikit-learn returns them: an array of those rows, or a list.
  static func take(_ value: Value, _ indices: [Int], at range: SourceRange) throws -> Value {
    switch value {
    case .object(let array as ArrayObject):
      let shape = array.tensor.shape
      let row = shape.dropFirst().reduce(1, *)
      let flat = indices.flatMap { $0 * row ..< ($0 + 1) * row }
      let rows = TensorIndexing.gather(array.tensor, (flat: flat, shape: [indices.count] + shape.dropFirst()))
      return .object(ArrayObject(rows, kind: array.kind, methods: array.methods))
    case .object(let list as ListObject): return .object(ListObject(indices.map { list.elements[$0] }))
    case .tuple(let items): return .object(ListObject(indices.map { items[$0] }))
    default:
      throw EvaluationError("rngdiff run's scikit-learn takes NumPy arrays and lists, got \(value.typeName)", at: range, type: "TypeError")
    }
  }

  /// Indices as a NumPy int64 array.
  static func array(_ indices: [Int]) -> Value {
    .object(ArrayObject(Tensor(shape: [indices.count], int64: indices.map { Int64($0) }), kind: .numpy))
  }
}
