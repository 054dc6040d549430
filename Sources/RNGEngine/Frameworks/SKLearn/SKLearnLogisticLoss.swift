import Foundation

/// scikit-learn 1.9.1's `LinearModelLoss` for `LogisticRegression`, in
/// float64: the mean half-binomial loss (two classes) or half-multinomial
/// loss (more), plus `l2 / 2 · ‖W‖²` with `l2 = 1/(C·n)`, and its gradient,
/// over the parameters as scipy sees them (binary: the weights, then the
/// intercept; multinomial: `(classes, features + 1)` ravelled in Fortran
/// order, the classes of one feature together).
///
/// ```swift
/// let loss = SKLearnLogisticLoss(x: x, rows: n, columns: p, y: codes, classes: 2, intercept: true, l2: 1 / Double(n))
/// let (f, g) = loss.evaluate(w)
/// ```
///
/// The per-sample formulas are scikit-learn's Cython ones (the same
/// branches at -37, -2 and 18; log-sum-exp after the row's maximum); the
/// matrix products and sums run in plain order (OpenBLAS's `dgemv_t` order
/// for `X @ w`), so `f` and `g` may differ from scikit-learn's in the last bits.
struct SKLearnLogisticLoss {
  let x: [Double]
  let rows: Int, columns: Int
  /// Each sample's class index (binary: 0 or 1).
  let y: [Int]
  let classes: Int
  let intercept: Bool
  let l2: Double

  /// The number of parameters scipy minimises over.
  var count: Int { (classes == 2 ? 1 : classes) * (columns + (intercept ? 1 : 0)) }

  /// The raw predictions, `X @ W' + b`, row-major `(rows, classes or 1)`.
  func raw(_ w: [Double]) -> [Double] {
    if classes == 2 {
      let weights = Array(w[0..<columns])
      let b = intercept ? w[columns] : 0
      return OpenBLASProduct.product(x, rows: rows, inner: columns, weights, columns: 1).map { $0 + b }
    }
    let dof = columns + (intercept ? 1 : 0)
    var out = [Double](repeating: 0, count: rows * classes)
    for i in 0..<rows {
      for k in 0..<classes {
        var s = 0.0
        for j in 0..<columns {
          let wkj = w[j * classes + k]
          s = j == 0 ? x[i * columns] * wkj : s.addingProduct(x[i * columns + j], wkj)
        }
        out[i * classes + k] = s + (intercept ? w[(dof - 1) * classes + k] : 0)
      }
    }
    return out
  }

  /// The loss and its gradient at `w`.
  func evaluate(_ w: [Double]) -> (Double, [Double]) {
    let raw = raw(w)
    let n = Double(rows)
    var losses = [Double](repeating: 0, count: rows)
    var grad = [Double](repeating: 0, count: count)
    if classes == 2 {
      var pointwise = [Double](repeating: 0, count: rows)
      for i in 0..<rows { (losses[i], pointwise[i]) = Self.binomial(Double(y[i]), raw[i]) }
      pointwise = pointwise.map { $0 / n }
      var penalty = 0.0
      for j in 0..<columns { penalty += w[j] * w[j] }
      for j in 0..<columns {
        var s = 0.0
        for i in 0..<rows { s = i == 0 ? x[j] * pointwise[0] : s.addingProduct(x[i * columns + j], pointwise[i]) }
        grad[j] = s + l2 * w[j]
      }
      if intercept { grad[columns] = NumPyArithmetic.pairwiseSum(pointwise[...]) }
      return (NumPyArithmetic.pairwiseSum(losses[...]) / n + 0.5 * l2 * penalty, grad)
    }
    var pointwise = [Double](repeating: 0, count: rows * classes)
    for i in 0..<rows {
      let row = raw[(i * classes)..<((i + 1) * classes)]
      let top = row.max() ?? 0
      var p = row.map { exp($0 - top) }
      var sum = 0.0
      for v in p { sum += v }
      losses[i] = log(sum) + top
      for k in 0..<classes {
        if y[i] == k { losses[i] -= raw[i * classes + k] }
        p[k] /= sum
        pointwise[i * classes + k] = p[k] - (y[i] == k ? 1 : 0)
      }
    }
    pointwise = pointwise.map { $0 / n }
    var penalty = 0.0
    for j in 0..<columns {
      for k in 0..<classes {
        let v = w[j * classes + k]
        penalty += v * v
        var s = 0.0
        for i in 0..<rows { s = i == 0 ? pointwise[k] * x[j] : s.addingProduct(pointwise[i * classes + k], x[i * columns + j]) }
        grad[j * classes + k] = s + l2 * v
      }
    }
    if intercept {
      for k in 0..<classes {
        var s = 0.0
        for i in 0..<rows { s += pointwise[i * classes + k] }
        grad[columns * classes + k] = s
      }
    }
    return (NumPyArithmetic.pairwiseSum(losses[...]) / n + 0.5 * l2 * penalty, grad)
  }

  /// scikit-learn's `closs_grad_half_binomial`: the loss and its derivative in the raw prediction.
  static func binomial(_ y: Double, _ raw: Double) -> (Double, Double) {
    if raw <= -37 {
      let e = exp(raw)
      return (e - y * raw, e - y)
    } else if raw <= -2 {
      let e = exp(raw)
      return (log1p(e) - y * raw, ((1 - y) * e - y) / (1 + e))
    } else if raw <= 18 {
      let e = exp(-raw)
      return (log1p(e) + (1 - y) * raw, ((1 - y) - y * e) / (1 + e))
    }
    let e = exp(-raw)
    return (e + (1 - y) * raw, ((1 - y) - y * e) / (1 + e))
  }
}
