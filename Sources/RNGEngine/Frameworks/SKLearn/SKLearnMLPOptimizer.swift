import Foundation

/// scikit-learn 1.9.1's stochastic optimizers for the MLP, element by
/// element in float64: `adam` (`m = β₁m + (1-β₁)g`, `v = β₂v + (1-β₂)g²`,
/// `lr = lr₀·√(1-β₂ᵗ)/(1-β₁ᵗ)`, `Δ = -lr·m/(√v + ε)`) and `sgd` with
/// momentum (Nesterov's by default) and the `constant`, `invscaling`
/// (`lr₀/(t+1)^power_t` after each epoch, `t` counting samples) and
/// `adaptive` (÷5 when the loss stalls, down to 1e-6) schedules. A fresh one
/// at every `fit`, as scikit-learn makes one.
///
/// ```swift
/// var opt = SKLearnMLPOptimizer(adam: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, shapes: sizes)
/// opt.update(&params, grads)
/// ```
struct SKLearnMLPOptimizer {
  enum Kind {
    case adam(beta1: Double, beta2: Double, epsilon: Double)
    case sgd(schedule: String, momentum: Double, nesterov: Bool, powerT: Double)
  }

  let kind: Kind
  let initialRate: Double
  private(set) var rate: Double
  private var t = 0
  private var first: [[Double]], second: [[Double]]

  init(_ kind: Kind, rate: Double, sizes: [Int]) {
    self.kind = kind
    initialRate = rate
    self.rate = rate
    first = sizes.map { [Double](repeating: 0, count: $0) }
    second = first
  }

  /// One step: `params[i] += Δᵢ`.
  mutating func update(_ params: inout [[Double]], _ grads: [[Double]]) {
    switch kind {
    case .adam(let b1, let b2, let eps):
      t += 1
      for i in params.indices {
        for k in params[i].indices {
          let g = grads[i][k]
          first[i][k] = b1 * first[i][k] + (1 - b1) * g
          second[i][k] = b2 * second[i][k] + (1 - b2) * (g * g)
        }
      }
      rate = initialRate * (1 - pow(b2, Double(t))).squareRoot() / (1 - pow(b1, Double(t)))
      for i in params.indices {
        for k in params[i].indices { params[i][k] += -rate * first[i][k] / (second[i][k].squareRoot() + eps) }
      }
    case .sgd(_, let momentum, let nesterov, _):
      for i in params.indices {
        for k in params[i].indices {
          let g = grads[i][k]
          let velocity = momentum * first[i][k] - rate * g
          first[i][k] = velocity
          params[i][k] += nesterov ? momentum * velocity - rate * g : velocity
        }
      }
    }
  }

  /// `iteration_ends(t)`: `invscaling` lowers the rate after each epoch.
  mutating func epochEnded(samples: Int) {
    if case .sgd("invscaling", _, _, let powerT) = kind { rate = initialRate / pow(Double(samples + 1), powerT) }
  }

  /// `trigger_stopping`: whether training stops when the loss stalls (`adaptive` divides the rate by 5 instead, until 1e-6).
  mutating func stalled() -> Bool {
    guard case .sgd("adaptive", _, _, _) = kind else { return true }
    if rate <= 1e-6 { return true }
    rate /= 5
    return false
  }
}
