import Foundation

/// A Keras 3 optimizer with its hyperparameters and its slots (momenta,
/// velocities, accumulators), updating float32 variables as Keras 3's
/// `update_step` does.
///
/// ```swift
/// var sgd = KerasOptimizer(.sgd(momentum: 0, nesterov: false), learningRate: 0.1)
/// var w: [[Float]] = [[1, 2]]
/// sgd.apply(gradients: [[1, 1]], to: &w)   // w == [[0.9, 1.9]], iterations == 1
/// ```
///
/// Arithmetic follows the Python source: Python-float constants such as
/// `1 - beta_1` are computed in double and then rounded to float32 once,
/// everything else is float32. Defaults are Keras 3's: SGD 0.01, the
/// others 0.001; Adam `beta_1=0.9, beta_2=0.999, epsilon=1e-7`; RMSprop
/// `rho=0.9, epsilon=1e-7`; Adagrad `initial_accumulator_value=0.1, epsilon=1e-7`.
///
/// Edge case: slots are made at the first update, for the variables given
/// then; later updates must pass the same variables in the same order.
struct KerasOptimizer: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case sgd(momentum: Double, nesterov: Bool)
    case adam(beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool)
    case rmsprop(rho: Double, momentum: Double, epsilon: Double, centered: Bool)
    case adagrad(initialAccumulator: Double, epsilon: Double)

    var className: String {
      switch self {
      case .sgd: "SGD"
      case .adam: "Adam"
      case .rmsprop: "RMSprop"
      case .adagrad: "Adagrad"
      }
    }
  }

  var kind: Kind
  var learningRate: Double
  /// `optimizer.iterations`: updates applied so far.
  private(set) var iterations = 0
  private var slots: [[[Float]]] = []

  init(_ kind: Kind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  /// `keras.optimizers.get(name)` with Keras 3's defaults.
  init?(name: String) {
    switch name.lowercased() {
    case "sgd": self.init(.sgd(momentum: 0, nesterov: false), learningRate: 0.01)
    case "adam": self.init(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false), learningRate: 0.001)
    case "rmsprop": self.init(.rmsprop(rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false), learningRate: 0.001)
    case "adagrad": self.init(.adagrad(initialAccumulator: 0.1, epsilon: 1e-7), learningRate: 0.001)
    default: return nil
    }
  }

  static let names = "'sgd', 'adam', 'rmsprop', 'adagrad' or keras.optimizers.SGD/Adam/RMSprop/Adagrad(...)"

  /// One update of every variable from its gradient (`apply_gradients`).
  ///
  /// `squares`, where given for a variable, replaces each `g²` the
  /// optimizer computes: TensorFlow hands an Embedding's gradient over as
  /// `tf.IndexedSlices`, one row per lookup, and Keras 3 squares those rows
  /// before summing them (Adam's `v`, RMSprop's velocity, Adagrad's
  /// accumulator get `Σ gᵢ²`, not `(Σ gᵢ)²`).
  mutating func apply(gradients: [[Float]], squares: [[Float]?] = [], to variables: inout [[Float]]) {
    precondition(gradients.count == variables.count, "one gradient per variable")
    if slots.isEmpty { slots = variables.map { makeSlots(count: $0.count) } }
    let lr = Float(learningRate)
    for v in variables.indices {
      update(&variables[v], gradient: gradients[v], squares: v < squares.count ? squares[v] : nil, slots: &slots[v], lr: lr)
    }
    iterations += 1
  }

  private func makeSlots(count: Int) -> [[Float]] {
    let zeros = [Float](repeating: 0, count: count)
    switch kind {
    case .sgd(let momentum, _): return momentum != 0 ? [zeros] : []
    case .adam(_, _, _, let amsgrad): return amsgrad ? [zeros, zeros, zeros] : [zeros, zeros]
    case .rmsprop(_, let momentum, _, let centered): return [zeros] + (momentum > 0 ? [zeros] : []) + (centered ? [zeros] : [])
    case .adagrad(let initial, _): return [[Float](repeating: Float(initial), count: count)]
    }
  }

  private func update(_ x: inout [Float], gradient g: [Float], squares: [Float]?, slots s: inout [[Float]], lr: Float) {
    func square(_ i: Int) -> Float { squares?[i] ?? g[i] * g[i] }
    switch kind {
    case .sgd(let momentumValue, let nesterov):
      guard momentumValue != 0 else {
        for i in x.indices { x[i] -= g[i] * lr }
        return
      }
      let momentum = Float(momentumValue)
      for i in x.indices {
        s[0][i] = s[0][i] * momentum - g[i] * lr
        x[i] += nesterov ? s[0][i] * momentum - g[i] * lr : s[0][i]
      }
    case .adam(let beta1, let beta2, let epsilon, let amsgrad):
      let step = Float(iterations + 1)
      let b1p = Foundation.pow(Float(beta1), step), b2p = Foundation.pow(Float(beta2), step)
      let alpha = lr * (1 - b2p).squareRoot() / (1 - b1p)
      let oneMinusBeta1 = Float(1 - beta1), oneMinusBeta2 = Float(1 - beta2), eps = Float(epsilon)
      for i in x.indices {
        s[0][i] += (g[i] - s[0][i]) * oneMinusBeta1
        s[1][i] += (square(i) - s[1][i]) * oneMinusBeta2
        var v = s[1][i]
        if amsgrad {
          s[2][i] = Swift.max(s[2][i], v)
          v = s[2][i]
        }
        x[i] -= (s[0][i] * alpha) / (v.squareRoot() + eps)
      }
    case .rmsprop(let rhoValue, let momentumValue, let epsilon, let centered):
      let rho = Float(rhoValue), oneMinusRho = Float(1 - rhoValue), eps = Float(epsilon)
      let momentumSlot = momentumValue > 0 ? 1 : nil
      let averageSlot = centered ? (momentumValue > 0 ? 2 : 1) : nil
      for i in x.indices {
        s[0][i] = rho * s[0][i] + oneMinusRho * square(i)
        var denominator = s[0][i] + eps
        if let a = averageSlot {
          s[a][i] = rho * s[a][i] + oneMinusRho * g[i]
          denominator = s[0][i] - s[a][i] * s[a][i] + eps
        }
        let increment = (lr * g[i]) / denominator.squareRoot()
        if let m = momentumSlot {
          s[m][i] = Float(momentumValue) * s[m][i] + increment
          x[i] -= s[m][i]
        } else {
          x[i] -= increment
        }
      }
    case .adagrad(_, let epsilon):
      let eps = Float(epsilon)
      for i in x.indices {
        s[0][i] += square(i)
        x[i] -= (lr * g[i]) / (s[0][i] + eps).squareRoot()
      }
    }
  }
}
