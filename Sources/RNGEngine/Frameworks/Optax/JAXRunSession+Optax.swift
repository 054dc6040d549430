import Foundation
import PythonSubset

extension JAXRunSession {
  /// `optax`: `sgd`, `adam`, `apply_updates`.
  ///
  /// ```python
  /// tx = optax.adam(1e-3)
  /// state = tx.init(params)
  /// updates, state = tx.update(grads, state, params)
  /// params = optax.apply_updates(params, updates)
  /// ```
  ///
  /// The arithmetic is Optax 0.2.8's, in float32: Python-float
  /// hyperparameters (`1 - b1`, `-learning_rate`) are computed in double
  /// and rounded once; Adam's bias corrections are `1 - b**count` in float32.
  /// Edge cases: a schedule as learning rate, and `mu_dtype`, are refused.
  func optax() -> Namespace {
    let ns = Namespace(name: "optax")
    ns.define("sgd(learning_rate, momentum=None, nesterov=False, accumulator_dtype=None)") { args in
      try args.requireNone("accumulator_dtype")
      let lr = try Self.learningRate(args)
      let momentum = try args.double("momentum")
      return .object(OptaxTransformation(kind: .sgd(momentum: momentum.flatMap { $0 == 0 ? nil : $0 }, nesterov: try args.bool("nesterov") ?? false), learningRate: lr))
    }
    ns.define("adam(learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, *, nesterov=False)") { args in
      try args.requireNone("mu_dtype")
      try args.requireDefault("nesterov", isDefault: { !$0.isTruthy }, accepted: "False")
      let lr = try Self.learningRate(args)
      return .object(OptaxTransformation(
        kind: .adam(b1: try args.double("b1") ?? 0.9, b2: try args.double("b2") ?? 0.999, eps: try args.double("eps") ?? 1e-8,
                    epsRoot: try args.double("eps_root") ?? 0),
        learningRate: lr))
    }
    ns.define("apply_updates(params, updates)") { args in
      let updates = try JAXTransformations.leaves(args.value("updates") ?? .none)
      var i = 0
      return try JAXTransformations.map(args.value("params") ?? .none) { p in
        defer { i += 1 }
        guard i < updates.count else { throw args.error("updates", "apply_updates() params and updates have different structures") }
        return try JAXArrays.binary(.add, p, updates[i], at: args.callRange) ?? p
      }
    }
    return ns
  }

  static func learningRate(_ args: BoundArguments) throws -> Double {
    guard let value = try? args.double("learning_rate") else {
      throw args.error("learning_rate", "optax learning_rate is emulated as a number only (not a schedule), got \((args.value("learning_rate") ?? .none).typeName)")
    }
    return value
  }
}

/// An `optax.GradientTransformation` (`sgd` or `adam`): `init(params)` and
/// `update(grads, state, params=None)`. The state is a tuple of pytrees
/// (`()` for plain SGD, `(trace,)` with momentum, `(count, mu, nu)` for Adam).
final class OptaxTransformation: PythonObject {
  enum Kind {
    case sgd(momentum: Double?, nesterov: Bool)
    case adam(b1: Double, b2: Double, eps: Double, epsRoot: Double)
  }

  let kind: Kind
  let learningRate: Double

  init(kind: Kind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  var typeName: String { "GradientTransformationExtraArgs" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "init":
      return .object(BuiltinFunction(signature: Signature("init(params)")) { [self] args in
        let zeros = try JAXTransformations.map(args.value("params") ?? .none) { leaf in
          let (values, shape, _) = try JAXArrays.floats(leaf, "a parameter", at: args.callRange)
          return .object(JAXArrays.float32([Float](repeating: 0, count: values.count), shape))
        }
        switch kind {
        case .sgd(let momentum, _): return .tuple(momentum == nil ? [] : [zeros])
        case .adam: return .tuple([.object(JAXArrays.int32([0], [])), zeros, try JAXTransformations.map(zeros) { $0 }])
        }
      })
    case "update":
      return .object(BuiltinFunction(signature: Signature("update(updates, state, params=None)")) { [self] args in
        try update(args)
      })
    default: return nil
    }
  }

  private func update(_ args: BoundArguments) throws -> Value {
    let grads = args.value("updates") ?? .none
    let range = args.callRange
    let g = try JAXTransformations.leaves(grads).map { try JAXArrays.floats($0, "an update", at: range).values }
    guard case .tuple(let state) = args.value("state") ?? .none else {
      throw args.error("state", "update() takes the state init() returned")
    }
    func leaves(_ v: Value) throws -> [[Float]] {
      try JAXTransformations.leaves(v).map { try JAXArrays.floats($0, "a state entry", at: range).values }
    }
    func tree(_ values: [[Float]]) throws -> Value {
      var i = 0
      return try JAXTransformations.map(grads) { leaf in
        defer { i += 1 }
        let shape = JAXArrays.array(leaf)?.tensor.shape ?? []
        return .object(JAXArrays.float32(values[i], shape))
      }
    }
    let step = Float(-learningRate)
    switch kind {
    case .sgd(let momentum, let nesterov):
      guard let momentum else { return .tuple([try tree(g.map { $0.map { step * $0 } }), .tuple([])]) }
      guard state.count == 1, let traces = try? leaves(state[0]), traces.count == g.count else {
        throw args.error("state", "update() takes the state init() returned")
      }
      let m = Float(momentum)
      var newTrace: [[Float]] = [], out: [[Float]] = []
      for (gi, ti) in zip(g, traces) {
        let t = zip(gi, ti).map { $0 + m * $1 }
        newTrace.append(t)
        out.append((nesterov ? zip(gi, t).map { $0 + m * $1 } : t).map { step * $0 })
      }
      return .tuple([try tree(out), .tuple([try tree(newTrace)])])
    case .adam(let b1, let b2, let eps, let epsRoot):
      guard state.count == 3, let count = JAXArrays.array(state[0]), case .int(let c) = count.tensor.storage,
        let mu = try? leaves(state[1]), let nu = try? leaves(state[2]), mu.count == g.count, nu.count == g.count
      else { throw args.error("state", "update() takes the state init() returned") }
      let n = (c.first ?? 0) + 1
      let oneMinusB1 = Float(1 - b1), oneMinusB2 = Float(1 - b2), fb1 = Float(b1), fb2 = Float(b2)
      let bc1 = 1 - Foundation.pow(fb1, Float(n)), bc2 = 1 - Foundation.pow(fb2, Float(n))
      let fe = Float(eps), fer = Float(epsRoot)
      var newMu: [[Float]] = [], newNu: [[Float]] = [], out: [[Float]] = []
      for k in g.indices {
        let m = zip(g[k], mu[k]).map { oneMinusB1 * $0 + fb1 * $1 }
        let v = zip(g[k], nu[k]).map { oneMinusB2 * ($0 * $0) + fb2 * $1 }
        newMu.append(m)
        newNu.append(v)
        out.append(zip(m, v).map { mi, vi in step * ((mi / bc1) / ((vi / bc2 + fer).squareRoot() + fe)) })
      }
      return .tuple([try tree(out), .tuple([.object(JAXArrays.int32([n], [])), try tree(newMu), try tree(newNu)])])
    }
  }
}
