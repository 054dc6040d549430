import PythonSubset

/// Python's truth test (`if x:`, `while`, `not`, `and`/`or`, `assert`,
/// `bool(x)`), with NumPy's refusals: an array of more than one element, or
/// of none, has no truth value (NumPy's ValueError), and a one-element array
/// is as true as its element.
///
/// ```python
/// if (x > 0.5).any(): ...     # fine
/// if x > 0.5: ...             # ValueError for more than one element, as in NumPy
/// ```
enum Truth {
  static func of(_ v: Value, at range: SourceRange) throws -> Bool {
    if case .object(let a as ArrayObject) = v, a.kind == .numpy, a.tensor.dtype.elementAxes == 0 {
      if a.tensor.count > 1 {
        throw EvaluationError(
          "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()", at: range, type: "ValueError")
      }
      if a.tensor.count == 0 {
        throw EvaluationError(
          "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.", at: range,
          type: "ValueError")
      }
    }
    return v.isTruthy
  }
}
