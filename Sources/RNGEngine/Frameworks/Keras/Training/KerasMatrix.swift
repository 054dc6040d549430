/// A row-major float32 matrix: one batch of rows as the training core sees
/// it (a Dense layer's inputs, outputs and gradients).
///
/// ```swift
/// let x = KerasMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
/// let w = KerasMatrix(rows: 3, columns: 1, values: [1, 0, -1])
/// x.times(w).values   // [-2, -2]
/// ```
///
/// Every product accumulates in float32, in increasing index order of the
/// summed axis (``OrderedProduct``'s vectorised kernels; TensorFlow's and XLA's CPU kernels block and vectorise
/// theirs, so results can differ from theirs in the last bits; see
/// docs/scripts.md, "Training", for the measured agreement). Under
/// `--device gpu` or `--threads N` the run's ``ReductionOrder`` cuts
/// and reorders each sum instead (`KerasMatrix+ReductionOrder.swift`).
struct KerasMatrix: Sendable, Hashable {
  var rows: Int
  var columns: Int
  /// The elements, row after row; `rows * columns` of them.
  var values: [Float]

  init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "a \(rows)×\(columns) matrix needs \(rows * columns) values")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// A matrix of zeros.
  static func zeros(rows: Int, columns: Int) -> KerasMatrix {
    KerasMatrix(rows: rows, columns: columns, values: Array(repeating: 0, count: rows * columns))
  }

  subscript(row: Int, column: Int) -> Float {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// `self · other` (`rows × other.columns`).
  func times(_ other: KerasMatrix) -> KerasMatrix {
    precondition(columns == other.rows, "inner dimensions differ")
    if let plan = ReductionOrder.current?.plan(length: columns) { return times(other, plan) }
    return KerasMatrix(
      rows: rows, columns: other.columns, values: OrderedProduct.product(values, other.values, m: rows, k: columns, n: other.columns))
  }

  /// `selfᵀ · other` (`columns × other.columns`): a kernel's gradient.
  func transposedTimes(_ other: KerasMatrix) -> KerasMatrix {
    precondition(rows == other.rows, "row counts differ")
    if let plan = ReductionOrder.current?.plan(length: rows) { return transposedTimes(other, plan) }
    return KerasMatrix(
      rows: columns, columns: other.columns,
      values: OrderedProduct.transposedProduct(values, other.values, rows: rows, m: columns, n: other.columns))
  }

  /// `self · otherᵀ` (`rows × other.rows`): the gradient flowing back through a kernel.
  func timesTransposed(_ other: KerasMatrix) -> KerasMatrix {
    precondition(columns == other.columns, "column counts differ")
    if let plan = ReductionOrder.current?.plan(length: columns) { return timesTransposed(other, plan) }
    return KerasMatrix(
      rows: rows, columns: other.rows, values: OrderedProduct.productTransposed(values, other.values, m: rows, k: columns, n: other.rows))
  }

  /// The sum of each column over the rows: a bias's gradient.
  func columnSums() -> [Float] {
    if let plan = ReductionOrder.current?.plan(length: rows) { return columnSums(plan) }
    var sums = [Float](repeating: 0, count: columns)
    for i in 0..<rows {
      for j in 0..<columns { sums[j] += self[i, j] }
    }
    return sums
  }

  /// `row + vector` for every row (a bias add).
  func addingToEachRow(_ vector: [Float]) -> KerasMatrix {
    var out = self
    for i in 0..<rows {
      for j in 0..<columns { out[i, j] += vector[j] }
    }
    return out
  }

  /// The rows at `indices`, in that order (a batch gathered from the data).
  func gathering(rows indices: some Collection<Int>) -> KerasMatrix {
    var values: [Float] = []
    values.reserveCapacity(indices.count * columns)
    for i in indices { values.append(contentsOf: self.values[(i * columns)..<((i + 1) * columns)]) }
    return KerasMatrix(rows: indices.count, columns: columns, values: values)
  }

  /// Element by element with another matrix of the same shape.
  func combined(with other: KerasMatrix, _ f: (Float, Float) -> Float) -> KerasMatrix {
    precondition(rows == other.rows && columns == other.columns, "shapes differ")
    return KerasMatrix(rows: rows, columns: columns, values: zip(values, other.values).map(f))
  }

  /// Each element through `f`.
  func map(_ f: (Float) -> Float) -> KerasMatrix {
    KerasMatrix(rows: rows, columns: columns, values: values.map(f))
  }
}
