import Foundation

/// A Dense layer's `activation=`: what it computes forward and how a
/// gradient flows back through it.
///
/// ```swift
/// let a = KerasActivation(name: "relu")!          // nil for a name not emulated
/// a.apply(KerasMatrix(rows: 1, columns: 2, values: [-1, 2])).values   // [0, 2]
/// ```
///
/// Edge cases: `None` and `"linear"` are the identity; `softmax` works on
/// each row (the last axis) after subtracting the row's maximum, as Keras
/// does; relu's gradient at exactly 0 is 0.
enum KerasActivation: String, Sendable, Hashable, CaseIterable {
  case linear, relu, tanh, sigmoid, softmax

  /// The activation `Dense(activation=name)` names; nil means linear.
  init?(name: String?) {
    guard let name else { self = .linear; return }
    self.init(rawValue: name)
  }

  /// The names accepted, for messages.
  static var names: String { allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }

  /// The activation of the pre-activation `z`.
  func apply(_ z: KerasMatrix) -> KerasMatrix {
    switch self {
    case .linear: return z
    case .relu: return z.map { Swift.max($0, 0) }
    case .tanh: return z.map { Foundation.tanh($0) }
    case .sigmoid: return z.map { 1 / (1 + Foundation.exp(-$0)) }
    case .softmax:
      var out = z
      for i in 0..<z.rows {
        let row = z.values[(i * z.columns)..<((i + 1) * z.columns)]
        let top = row.max() ?? 0
        let exps = row.map { Foundation.exp($0 - top) }
        var total: Float = 0
        for e in exps { total += e }
        for (j, e) in exps.enumerated() { out[i, j] = e / total }
      }
      return out
    }
  }

  /// The gradient with respect to `z`, given the gradient with respect to
  /// the output `a` (`a = apply(z)`).
  func backward(_ gradient: KerasMatrix, output a: KerasMatrix, input z: KerasMatrix) -> KerasMatrix {
    switch self {
    case .linear: return gradient
    case .relu: return gradient.combined(with: z) { g, x in x > 0 ? g : 0 }
    case .tanh: return gradient.combined(with: a) { g, y in g * (1 - y * y) }
    case .sigmoid: return gradient.combined(with: a) { g, y in g * y * (1 - y) }
    case .softmax:
      var out = gradient
      for i in 0..<a.rows {
        var dot: Float = 0
        for j in 0..<a.columns { dot += gradient[i, j] * a[i, j] }
        for j in 0..<a.columns { out[i, j] = a[i, j] * (gradient[i, j] - dot) }
      }
      return out
    }
  }
}
