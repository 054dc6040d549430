import PythonSubset

/// `a.sum(axis=k)`, `mean`, `max`, `min` along one axis of a 1-D or 2-D
/// array, in NumPy's order: along the last (contiguous) axis each row is
/// summed pairwise, as a whole-array sum is; along the first axis the rows
/// are added one after another, element by element. A mean divides that sum
/// by the count (int arrays are summed as float64); `max`/`min` propagate NaN.
///
/// ```python
/// x.mean(axis=0)     # ((x[0] + x[1]) + x[2]) + … then / n, per column
/// x.sum(axis=1)      # pairwise over each row
/// ```
///
/// Edge case: arrays of three or more dimensions are refused with a message.
extension NumPyArrayFunctions {
  static func reduce(_ name: String, _ t: Tensor, axis: Int, at range: SourceRange) throws -> Value {
    if t.rank == 1 { return try reduce(name, t, at: range) }
    guard t.rank == 2 else {
      throw EvaluationError("\(name)(axis=...) of a \(t.rank)-D array is not emulated yet; accepted: 1-D and 2-D arrays", at: range)
    }
    let (rows, columns) = (t.shape[0], t.shape[1])
    if (name == "max" || name == "min") && (axis == 0 ? rows : columns) == 0 {
      throw EvaluationError("zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity", at: range, type: "ValueError")
    }
    let shape = [axis == 0 ? columns : rows]
    switch t.storage {
    case .double(let v):
      return NumPyResult.array(Tensor(shape: shape, float64: reduced(name, v, rows, columns, axis)))
    case .float(let v):
      return NumPyResult.array(Tensor(shape: shape, float32: reduced(name, v, rows, columns, axis)))
    case .int(let v) where t.dtype == .int64:
      if name == "mean" {
        return NumPyResult.array(Tensor(shape: shape, float64: reduced(name, v.map(Double.init), rows, columns, axis)))
      }
      let lines = axis == 1
        ? (0..<rows).map { r in Array(v[(r * columns)..<((r + 1) * columns)]) }
        : (0..<columns).map { c in (0..<rows).map { v[$0 * columns + c] } }
      let values: [Int64] = lines.map { line in
        switch name {
        case "sum": return line.reduce(0, &+)
        case "max": return line.max()!
        default: return line.min()!
        }
      }
      return NumPyResult.array(Tensor(shape: shape, int64: values))
    default:
      throw EvaluationError("\(name)(axis=...) of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
  }

  private static func reduced<F: BinaryFloatingPoint>(_ name: String, _ v: [F], _ rows: Int, _ columns: Int, _ axis: Int) -> [F] {
    if axis == 1 {
      return (0..<rows).map { r in
        let row = v[(r * columns)..<((r + 1) * columns)]
        switch name {
        case "sum": return NumPyArithmetic.pairwiseSum(row)
        case "mean": return NumPyArithmetic.pairwiseSum(row) / F(columns)
        case "max": return row.contains { $0.isNaN } ? .nan : row.max()!
        default: return row.contains { $0.isNaN } ? .nan : row.min()!
        }
      }
    }
    if rows == 0 { return Array(repeating: name == "sum" ? 0 : .nan, count: columns) }
    var result = Array(v[0..<columns])
    for r in 1..<rows {
      for c in 0..<columns {
        let x = v[r * columns + c]
        switch name {
        case "sum", "mean": result[c] += x
        case "max": result[c] = result[c].isNaN || x.isNaN ? .nan : max(result[c], x)
        default: result[c] = result[c].isNaN || x.isNaN ? .nan : min(result[c], x)
        }
      }
    }
    return name == "mean" ? result.map { $0 / F(rows) } : result
  }
}
