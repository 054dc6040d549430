import Foundation

/// A loss `compile(loss=…)` names: its per-sample values, Keras's default
/// reduction (`"sum_over_batch_size"`: the sum of the per-sample losses
/// divided by the number of samples) and its gradient with respect to the
/// model's output.
///
/// ```swift
/// let mse = KerasLoss(name: "mse")!
/// let p = KerasMatrix(rows: 2, columns: 1, values: [1, 3]), y = KerasMatrix(rows: 2, columns: 1, values: [0, 0])
/// mse.evaluate(predictions: p, targets: y).loss   // (1 + 9) / 2 = 5
/// ```
///
/// The crossentropies clip probabilities to `[1e-7, 1 − 1e-7]` (Keras's
/// `epsilon()`), and the categorical ones first divide each row by its sum,
/// as Keras 3 does for probabilities (`from_logits=False`).
/// `sparse_categorical_crossentropy` takes integer class indices, one per
/// row (a column of `targets`).
///
/// Edge case: a class index outside `0 ..< columns` is reported by
/// ``checkTargets(_:predictionColumns:)`` before training starts.
enum KerasLoss: String, Sendable, Hashable, CaseIterable {
  case meanSquaredError = "mean_squared_error"
  case meanAbsoluteError = "mean_absolute_error"
  case binaryCrossentropy = "binary_crossentropy"
  case categoricalCrossentropy = "categorical_crossentropy"
  case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"

  /// `keras.losses.get(name)` for the names emulated (`"mse"` and `"mae"` too).
  init?(name: String) {
    switch name {
    case "mse", "MSE": self = .meanSquaredError
    case "mae", "MAE": self = .meanAbsoluteError
    default: self.init(rawValue: name)
    }
  }

  /// `keras.losses.MeanSquaredError` and the other class names.
  init?(className: String) {
    switch className {
    case "MeanSquaredError": self = .meanSquaredError
    case "MeanAbsoluteError": self = .meanAbsoluteError
    case "BinaryCrossentropy": self = .binaryCrossentropy
    case "CategoricalCrossentropy": self = .categoricalCrossentropy
    case "SparseCategoricalCrossentropy": self = .sparseCategoricalCrossentropy
    default: return nil
    }
  }

  /// The class names, for `keras.losses`.
  static let classNames = [
    "MeanSquaredError", "MeanAbsoluteError", "BinaryCrossentropy", "CategoricalCrossentropy", "SparseCategoricalCrossentropy",
  ]

  /// The names accepted, for messages.
  static var names: String {
    "'mse', 'mae', " + allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
      + " or keras.losses." + classNames.joined(separator: "/") + "()"
  }

  static let epsilon: Float = 1e-7

  /// A batch's reduced loss, its per-sample losses, and the gradient of
  /// the reduced loss with respect to `predictions`.
  struct Evaluation {
    var loss: Float
    var perSample: [Float]
    var gradient: KerasMatrix
  }

  /// How many target columns a model with `outputs` columns takes.
  func targetColumns(outputs: Int) -> Int { self == .sparseCategoricalCrossentropy ? 1 : outputs }

  /// A message when `targets` do not suit this loss, else nil.
  func checkTargets(_ targets: KerasMatrix, predictionColumns: Int) -> String? {
    if targets.columns != targetColumns(outputs: predictionColumns) {
      return "the targets have \(targets.columns) column(s) but the model's output has \(predictionColumns) (\(rawValue) needs \(targetColumns(outputs: predictionColumns)))"
    }
    if self == .sparseCategoricalCrossentropy {
      for v in targets.values where !(v >= 0 && v < Float(predictionColumns) && v.rounded() == v) {
        return "sparse_categorical_crossentropy needs class indices in 0..<\(predictionColumns), got \(v)"
      }
    }
    return nil
  }

  /// Evaluates the loss of one batch (`sum_over_batch_size` reduction).
  func evaluate(predictions p: KerasMatrix, targets y: KerasMatrix) -> Evaluation {
    let n = p.rows, c = p.columns
    var perSample = [Float](repeating: 0, count: n)
    var grad = KerasMatrix.zeros(rows: n, columns: c)
    let scale = 1 / Float(Swift.max(n, 1))
    let lo = Self.epsilon, hi = 1 - Self.epsilon
    for i in 0..<n {
      switch self {
      case .meanSquaredError, .meanAbsoluteError:
        var sum: Float = 0
        for j in 0..<c {
          let d = p[i, j] - y[i, j]
          if self == .meanSquaredError {
            sum += d * d
            grad[i, j] = 2 * d / Float(c) * scale
          } else {
            sum += Swift.abs(d)
            grad[i, j] = (d > 0 ? 1 : (d < 0 ? -1 : 0)) / Float(c) * scale
          }
        }
        perSample[i] = sum / Float(c)
      case .binaryCrossentropy:
        var sum: Float = 0
        for j in 0..<c {
          let q = Swift.min(Swift.max(p[i, j], lo), hi)
          let t = y[i, j]
          sum += -(t * Foundation.log(q) + (1 - t) * Foundation.log(1 - q))
          let inside = p[i, j] > lo && p[i, j] < hi
          grad[i, j] = inside ? (-(t / q) + (1 - t) / (1 - q)) / Float(c) * scale : 0
        }
        perSample[i] = sum / Float(c)
      case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
        var total: Float = 0
        for j in 0..<c { total += p[i, j] }
        var sum: Float = 0
        var gq = [Float](repeating: 0, count: c)
        for j in 0..<c {
          let t: Float = self == .sparseCategoricalCrossentropy ? (Int(y[i, 0]) == j ? 1 : 0) : y[i, j]
          let q = p[i, j] / total
          let clipped = Swift.min(Swift.max(q, lo), hi)
          sum -= t * Foundation.log(clipped)
          gq[j] = q > lo && q < hi ? -t / clipped : 0
        }
        perSample[i] = sum
        var dot: Float = 0
        for j in 0..<c { dot += gq[j] * p[i, j] }
        for j in 0..<c { grad[i, j] = (gq[j] / total - dot / (total * total)) * scale }
      }
    }
    let reduced = ReductionOrder.sum(perSample)
    return Evaluation(loss: reduced * scale, perSample: perSample, gradient: grad)
  }
}
