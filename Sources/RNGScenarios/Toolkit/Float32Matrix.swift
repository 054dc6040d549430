/// A float32 matrix in row-major order: the scenarios' fixed inputs, their
/// weights and their activations.
///
/// Every operation rounds to float32 after each multiply and each add, in a
/// stated order, so a forward pass is a genuine, reproducible computation of
/// the weights the emulated initializers drew. (It is not a copy of any
/// framework's kernels: those may fuse or reorder operations, so real
/// frameworks can differ from these values in the last bits.)
///
/// ```swift
/// let x = Float32Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4])
/// let w = Float32Matrix(rows: 2, columns: 1, values: [0.5, -1])
/// x.matmul(w).values            // [-1.5, -2.5]
/// x.transposed.values           // [1, 3, 2, 4]
/// ```
public struct Float32Matrix: Sendable, Hashable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The elements, row after row.
  public private(set) var values: [Float]

  /// A matrix from its elements in row-major order.
  ///
  /// - Precondition: `values.count == rows * columns`.
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "\(values.count) values for a \(rows)×\(columns) matrix")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix whose element (r, c) is `element(r, c)`.
  public init(rows: Int, columns: Int, element: (Int, Int) -> Float) {
    var values: [Float] = []
    values.reserveCapacity(rows * columns)
    for r in 0..<rows {
      for c in 0..<columns { values.append(element(r, c)) }
    }
    self.init(rows: rows, columns: columns, values: values)
  }

  /// The shape as a trace records it: `[rows, columns]`.
  public var shape: [Int] { [rows, columns] }

  /// Element (r, c).
  public subscript(r: Int, c: Int) -> Float { values[r * columns + c] }

  /// The rows at `indices`, in that order (`x[order]` in NumPy and torch).
  public func gathering(rows indices: [Int]) -> Float32Matrix {
    Float32Matrix(rows: indices.count, columns: columns) { r, c in self[indices[r], c] }
  }

  /// Rows `range` (a batch).
  public func slicing(rows range: Range<Int>) -> Float32Matrix {
    gathering(rows: Array(range))
  }

  /// The transpose (torch's `weight.T`).
  public var transposed: Float32Matrix {
    Float32Matrix(rows: columns, columns: rows) { r, c in self[c, r] }
  }

  /// `self @ other`: each element sums its products in float32, first to last.
  ///
  /// - Precondition: `columns == other.rows`.
  public func matmul(_ other: Float32Matrix) -> Float32Matrix {
    precondition(columns == other.rows, "matmul of \(rows)×\(columns) by \(other.rows)×\(other.columns)")
    return Float32Matrix(rows: rows, columns: other.columns) { r, c in
      var sum: Float = 0
      for k in 0..<columns { sum += self[r, k] * other[k, c] }
      return sum
    }
  }

  /// Adds `bias[c]` to every element of column `c`.
  public func addingBias(_ bias: [Float]) -> Float32Matrix {
    precondition(bias.count == columns, "bias of \(bias.count) for \(columns) columns")
    return Float32Matrix(rows: rows, columns: columns) { r, c in self[r, c] + bias[c] }
  }

  /// Applies `f` to every element.
  public func map(_ f: (Float) -> Float) -> Float32Matrix {
    Float32Matrix(rows: rows, columns: columns, values: values.map(f))
  }

  /// Multiplies element by element with `other` (a dropout mask).
  public func multiplying(_ other: Float32Matrix) -> Float32Matrix {
    precondition(shape == other.shape, "elementwise product of \(shape) and \(other.shape)")
    return Float32Matrix(rows: rows, columns: columns, values: zip(values, other.values).map { $0 * $1 })
  }
}
