/// The products and sums of ``KerasMatrix`` in the order a
/// ``ReductionPlan`` gives (`--device gpu`, `--threads N`); the plain
/// methods call these when a run has a ``ReductionOrder``.
///
/// ```swift
/// let plan = ReductionOrder(.threads(2)).plan(length: x.columns)!
/// x.times(w, plan)   // each element: two partial sums, added in block order
/// ```
extension KerasMatrix {
  /// `self · other`, each element summed by `plan` (over `columns`).
  func times(_ other: KerasMatrix, _ plan: ReductionPlan) -> KerasMatrix {
    var out = KerasMatrix.zeros(rows: rows, columns: other.columns)
    for i in 0..<rows {
      for j in 0..<other.columns {
        out[i, j] = plan.sum(element: i * other.columns + j) { k in self[i, k] * other[k, j] }
      }
    }
    return out
  }

  /// `selfᵀ · other`, each element summed by `plan` (over `rows`).
  func transposedTimes(_ other: KerasMatrix, _ plan: ReductionPlan) -> KerasMatrix {
    var out = KerasMatrix.zeros(rows: columns, columns: other.columns)
    for i in 0..<columns {
      for j in 0..<other.columns {
        out[i, j] = plan.sum(element: i * other.columns + j) { k in self[k, i] * other[k, j] }
      }
    }
    return out
  }

  /// `self · otherᵀ`, each element summed by `plan` (over `columns`).
  func timesTransposed(_ other: KerasMatrix, _ plan: ReductionPlan) -> KerasMatrix {
    var out = KerasMatrix.zeros(rows: rows, columns: other.rows)
    for i in 0..<rows {
      for j in 0..<other.rows {
        out[i, j] = plan.sum(element: i * other.rows + j) { k in self[i, k] * other[j, k] }
      }
    }
    return out
  }

  /// Each column's sum over the rows, summed by `plan` (over `rows`).
  func columnSums(_ plan: ReductionPlan) -> [Float] {
    (0..<columns).map { j in plan.sum(element: j) { i in self[i, j] } }
  }
}

extension ReductionOrder {
  /// The sum of `values` in the current run's order (index order without one):
  /// a batch's loss, a metric's per-sample values.
  static func sum(_ values: [Float]) -> Float {
    guard let plan = current?.plan(length: values.count) else {
      var sum: Float = 0
      for v in values { sum += v }
      return sum
    }
    return plan.sum(element: 0) { values[$0] }
  }
}
