import PythonSubset

/// A native object with a length (Python's `__len__`), for `len(x)`.
///
/// ```swift
/// // len(tf.data.Dataset.range(10).batch(3))   → 4
/// ```
///
/// Edge case: an object whose length Python refuses (an infinite dataset)
/// throws the same exception from ``length(at:)``.
public protocol PythonSized: PythonObject {
  func length(at range: SourceRange) throws -> Int
}
