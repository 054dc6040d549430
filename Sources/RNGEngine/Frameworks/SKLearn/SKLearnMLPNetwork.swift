import Foundation

/// The float64 arithmetic of scikit-learn 1.9.1's multi-layer perceptron
/// (`BaseMultilayerPerceptron`): the forward pass (`X @ W + b`, the hidden
/// activation, then `identity`, `logistic` or `softmax`), the loss
/// (`squared_error`, `binary_log_loss`, `log_loss`, with probabilities
/// clipped to `[ε, 1 - ε]`) plus `α/2 · ΣW² / n`, and backpropagation
/// (`δ_last = out - y`; `∂W = (Aᵀδ + αW) / n`, `∂b = Σδ / n`). Nothing here
/// is random; ``SKLearnMLP`` draws the initial weights.
///
/// ```swift
/// var net = SKLearnMLPNetwork(units: [4, 8, 1], activation: "relu", output: "logistic", coefs: w, intercepts: b)
/// let (loss, coefGrads, interceptGrads) = net.gradients(x, rows: n, y: y, alpha: 1e-4, loss: "binary_log_loss")
/// ```
///
/// The matrix products run as forward chains of fused multiply-adds (and
/// OpenBLAS's `dgemv_t` order for one output column), not everywhere in
/// OpenBLAS's order: results may differ from scikit-learn's in the last bits
/// (docs/scripts.md gives the measured agreement).
struct SKLearnMLPNetwork {
  let units: [Int]
  let activation: String
  let output: String
  /// Layer `i`: `units[i] × units[i + 1]`, row-major.
  var coefs: [[Double]]
  var intercepts: [[Double]]

  /// The activations of every layer, the input first.
  func forward(_ x: [Double], rows: Int) -> [[Double]] {
    var layers = [x]
    for i in 0..<(units.count - 1) {
      var a = OpenBLASProduct.product(layers[i], rows: rows, inner: units[i], coefs[i], columns: units[i + 1])
      let width = units[i + 1]
      for k in a.indices { a[k] += intercepts[i][k % width] }
      Self.activate(&a, i == units.count - 2 ? output : activation, columns: width)
      layers.append(a)
    }
    return layers
  }

  static func activate(_ a: inout [Double], _ kind: String, columns: Int) {
    switch kind {
    case "logistic": a = a.map { 1 / (1 + exp(-$0)) }
    case "tanh": a = a.map { tanh($0) }
    case "relu": a = a.map { $0 > 0 ? $0 : ($0.isNaN ? $0 : 0) }
    case "softmax":
      let rows = a.count / columns
      for r in 0..<rows {
        let line = a[(r * columns)..<((r + 1) * columns)]
        let top = line.max() ?? 0
        var e = line.map { exp($0 - top) }
        var sum = 0.0
        for v in e { sum += v }
        e = e.map { $0 / sum }
        a.replaceSubrange((r * columns)..<((r + 1) * columns), with: e)
      }
    default: break
    }
  }

  /// The loss of `out` against `y` (both `rows × outputs`), without the penalty.
  static func loss(_ name: String, y: [Double], out: [Double], rows: Int) -> Double {
    let outputs = out.count / max(rows, 1)
    let n = Double(rows)
    func columnMeans(_ values: [Double]) -> [Double] {
      (0..<outputs).map { c in
        if outputs == 1 { return NumPyArithmetic.pairwiseSum(values[...]) / n }
        var s = 0.0
        for r in 0..<rows { s += values[r * outputs + c] }
        return s / n
      }
    }
    func total(_ v: [Double]) -> Double { v.reduce(0, +) }
    let eps = Double.ulpOfOne
    switch name {
    case "squared_error":
      let means = columnMeans(zip(y, out).map { ($0 - $1) * ($0 - $1) })
      return 0.5 * (total(means) / Double(outputs))
    case "binary_log_loss":
      let terms = zip(y, out).map { t, p -> Double in
        let q = min(max(p, eps), 1 - eps)
        return (t != 0 ? log(q) : 0) + (t != 0 ? 0 : log(1 - q))
      }
      return -total(columnMeans(terms))
    default:
      let terms = zip(y, out).map { t, p in t != 0 ? log(min(max(p, eps), 1 - eps)) : 0 }
      return -total(columnMeans(terms))
    }
  }

  /// `_backprop`: the loss (with the L2 penalty) and the gradients of every layer's weights and biases.
  func gradients(_ x: [Double], rows: Int, y: [Double], alpha: Double, loss lossName: String)
    -> (Double, [[Double]], [[Double]])
  {
    let acts = forward(x, rows: rows)
    let n = Double(rows)
    var loss = Self.loss(lossName, y: y, out: acts[acts.count - 1], rows: rows)
    var values = 0.0
    for c in coefs {
      var s = 0.0
      for (k, v) in c.enumerated() { s = k == 0 ? v * v : s.addingProduct(v, v) }
      values += s
    }
    loss += (0.5 * alpha) * values / n
    let last = units.count - 2
    var coefGrads = [[Double]](repeating: [], count: last + 1)
    var interceptGrads = [[Double]](repeating: [], count: last + 1)
    var delta = zip(acts[last + 1], y).map { $0 - $1 }
    var layer = last
    while true {
      let fanIn = units[layer], fanOut = units[layer + 1]
      let transposed = Self.transpose(acts[layer], rows: rows, columns: fanIn)
      var g = OpenBLASProduct.product(transposed, rows: fanIn, inner: rows, delta, columns: fanOut)
      for k in g.indices { g[k] = (g[k] + alpha * coefs[layer][k]) / n }
      coefGrads[layer] = g
      interceptGrads[layer] = (0..<fanOut).map { c in
        if fanOut == 1 { return NumPyArithmetic.pairwiseSum(delta[...]) / n }
        var s = 0.0
        for r in 0..<rows { s += delta[r * fanOut + c] }
        return s / n
      }
      if layer == 0 { break }
      var previous = OpenBLASProduct.product(
        delta, rows: rows, inner: fanOut, Self.transpose(coefs[layer], rows: fanIn, columns: fanOut), columns: fanIn)
      let z = acts[layer]
      switch activation {
      case "logistic": for k in previous.indices { previous[k] = previous[k] * z[k] * (1 - z[k]) }
      case "tanh": for k in previous.indices { previous[k] *= 1 - z[k] * z[k] }
      case "relu": for k in previous.indices where z[k] == 0 { previous[k] = 0 }
      default: break
      }
      delta = previous
      layer -= 1
    }
    return (loss, coefGrads, interceptGrads)
  }

  static func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
    var out = [Double](repeating: 0, count: a.count)
    for r in 0..<rows { for c in 0..<columns { out[c * rows + r] = a[r * columns + c] } }
    return out
  }
}
