/// `compile(metrics=["accuracy"])`: Keras 3 picks the accuracy that suits
/// the shapes (`compile_utils.get_metric`): binary for a one-column output,
/// sparse categorical for one target column against several outputs,
/// categorical otherwise.
///
/// ```swift
/// KerasAccuracy(targetColumns: 1, outputs: 1)   // .binary: threshold 0.5
/// ```
enum KerasAccuracy: String, Sendable, Hashable {
  case binary = "binary_accuracy"
  case categorical = "categorical_accuracy"
  case sparseCategorical = "sparse_categorical_accuracy"

  init(targetColumns: Int, outputs: Int) {
    if outputs == 1 {
      self = .binary
    } else {
      self = targetColumns == 1 ? .sparseCategorical : .categorical
    }
  }

  /// 1 or 0 per row: whether the prediction matches the target.
  func matches(predictions p: KerasMatrix, targets y: KerasMatrix) -> [Float] {
    (0..<p.rows).map { i in
      switch self {
      case .binary:
        // Keras averages over the last axis; with one column that is the match itself.
        var hits: Float = 0
        for j in 0..<p.columns where (p[i, j] > 0.5 ? Float(1) : 0) == y[i, j] { hits += 1 }
        return hits / Float(p.columns)
      case .categorical:
        return Self.argmax(p, row: i) == Self.argmax(y, row: i) ? 1 : 0
      case .sparseCategorical:
        return Float(Self.argmax(p, row: i)) == y[i, 0] ? 1 : 0
      }
    }
  }

  /// The first column holding the row's maximum.
  static func argmax(_ m: KerasMatrix, row: Int) -> Int {
    var best = 0
    for j in 1..<Swift.max(m.columns, 1) where m[row, j] > m[row, best] { best = j }
    return best
  }
}
