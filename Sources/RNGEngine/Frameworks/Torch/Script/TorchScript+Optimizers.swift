import CTrainingKernels
import Foundation
import PythonSubset

/// `torch.optim.SGD`, `Adam` and `AdamW` over a list of parameters, with
/// PyTorch's defaults and its single-tensor update formulas (the CPU path).
///
/// ```python
/// opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
/// opt.zero_grad(); loss.backward(); opt.step()
/// ```
///
/// Fidelity: the steps are PyTorch's in float32 (scalars such as
/// `lr / (1 - beta1 ** step)` in float64 first, as in its Python code),
/// but PyTorch's vectorised kernels fuse some multiply-adds, so parameters
/// after a step agree to within rounding. Edge cases: parameter groups
/// (a list of dicts), `amsgrad`, `maximize`, `nesterov` without momentum
/// and learning-rate schedulers are refused or absent.
extension TorchScript {
  func makeOptimizers() -> Namespace {
    let optim = Namespace(name: "torch.optim")
    optim.define("SGD(params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)") {
      [unowned self] args in
      let settings = TorchOptimizer.Settings(
        kind: .sgd, lr: try args.double("lr") ?? 0.001, momentum: try args.double("momentum") ?? 0,
        dampening: try args.double("dampening") ?? 0, weightDecay: try args.double("weight_decay") ?? 0,
        nesterov: try args.bool("nesterov") ?? false)
      if settings.nesterov && (settings.momentum <= 0 || settings.dampening != 0) {
        throw args.error("nesterov", "Nesterov momentum requires a momentum and zero dampening")
      }
      return .object(try TorchOptimizer(try parameters(args), settings, tape: tape, args))
    }
    for (name, kind, decay) in [("Adam", TorchOptimizer.Kind.adam, 0.0), ("AdamW", .adamW, 0.01)] {
      optim.define("\(name)(params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=\(decay), amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None)") {
        [unowned self] args in
        if args.value("amsgrad")?.isTruthy == true { throw args.error("amsgrad", "\(name)(amsgrad=True) is not emulated") }
        var betas = (0.9, 0.999)
        if let b = args.value("betas") {
          let items = try TorchScript.items(b, at: args.range("betas")).compactMap(BoundArguments.asDouble)
          guard items.count == 2 else { throw args.error("betas", "betas must be a pair of floats") }
          betas = (items[0], items[1])
        }
        let settings = TorchOptimizer.Settings(
          kind: kind, lr: try args.double("lr") ?? 0.001, weightDecay: try args.double("weight_decay") ?? decay,
          betas: betas, eps: try args.double("eps") ?? 1e-8)
        return .object(try TorchOptimizer(try parameters(args), settings, tape: tape, args))
      }
    }
    return optim
  }

  /// The float32 tensors an optimizer updates.
  private func parameters(_ args: BoundArguments) throws -> [ArrayObject] {
    let items = try TorchScript.items(args.value("params") ?? .none, at: args.range("params"))
    return try items.map { item in
      guard case .object(let a as ArrayObject) = item, a.kind == .torch, a.tensor.dtype == .float32 else {
        throw args.error(
          "params", "\(args.signature.name)(): rngdiff run takes a list of float32 parameters (model.parameters()); parameter groups are not emulated, got \(item.typeName)")
      }
      return a
    }
  }
}

/// An optimizer over its parameters, with its per-parameter state.
final class TorchOptimizer: PythonObject {
  enum Kind { case sgd, adam, adamW }

  struct Settings {
    var kind: Kind
    var lr: Double
    var momentum = 0.0
    var dampening = 0.0
    var weightDecay = 0.0
    var nesterov = false
    var betas = (0.9, 0.999)
    var eps = 1e-8
  }

  let parameters: [ArrayObject]
  var settings: Settings
  unowned let tape: TorchTape
  private var step = 0
  private var first: [[Float]?]
  private var second: [[Float]?]

  init(_ parameters: [ArrayObject], _ settings: Settings, tape: TorchTape, _ args: BoundArguments) throws {
    guard !parameters.isEmpty else { throw args.error("params", "optimizer got an empty parameter list") }
    self.parameters = parameters
    self.settings = settings
    self.tape = tape
    first = Array(repeating: nil, count: parameters.count)
    second = Array(repeating: nil, count: parameters.count)
  }

  var typeName: String {
    switch settings.kind {
    case .sgd: return "SGD"
    case .adam: return "Adam"
    case .adamW: return "AdamW"
    }
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "step": return .object(BuiltinFunction(signature: Signature("step(closure=None)")) { [self] _ in update(); return .none })
    case "zero_grad":
      return .object(BuiltinFunction(signature: Signature("zero_grad(set_to_none=True)")) { [self] args in
        tape.clearGrads(parameters, toNone: try args.bool("set_to_none") ?? true)
        return .none
      })
    default: return nil
    }
  }

  var attributeNames: [String] { ["step", "zero_grad"] }

  /// One step over every parameter that has a gradient.
  func update() {
    step += 1
    let s = settings
    for (i, p) in parameters.enumerated() {
      guard let gradObject = tape.grad(p), case .float(var g) = gradObject.tensor.storage,
        case .float(var w) = p.tensor.storage
      else { continue }
      switch s.kind {
      case .sgd:
        if s.weightDecay != 0 { for k in g.indices { g[k] = g[k].addingProduct(w[k], Float(s.weightDecay)) } }
        if s.momentum != 0 {
          if var buffer = first[i] {
            for k in buffer.indices { buffer[k] = (buffer[k] * Float(s.momentum)).addingProduct(g[k], Float(1 - s.dampening)) }
            first[i] = buffer
          } else {
            first[i] = g
          }
          if s.nesterov, let buffer = first[i] {
            for k in g.indices { g[k] = g[k].addingProduct(buffer[k], Float(s.momentum)) }
          } else if let buffer = first[i] {
            g = buffer
          }
        }
        for k in w.indices { w[k] = w[k].addingProduct(g[k], Float(-s.lr)) }
      case .adam, .adamW:
        if s.kind == .adamW {
          for k in w.indices { w[k] *= Float(1 - s.lr * s.weightDecay) }
        } else if s.weightDecay != 0 {
          for k in g.indices { g[k] = g[k].addingProduct(w[k], Float(s.weightDecay)) }
        }
        // Taken out of the state, so that updating them in place copies nothing.
        var m = first[i] ?? [Float](repeating: 0, count: g.count)
        var v = second[i] ?? [Float](repeating: 0, count: g.count)
        first[i] = nil
        second[i] = nil
        let correction1 = 1 - Foundation.pow(s.betas.0, Double(step))
        let correction2 = 1 - Foundation.pow(s.betas.1, Double(step))
        Self.adamUpdate(
          &w, &m, &v, g, weight: Float(1 - s.betas.0), beta2: Float(s.betas.1), oneMinusBeta2: Float(1 - s.betas.1),
          root: Float(correction2.squareRoot()), eps: Float(s.eps), negativeStepSize: Float(-(s.lr / correction1)))
        first[i] = m
        second[i] = v
      }
      p.tensor = Tensor(shape: p.tensor.shape, float32: w)
    }
  }
}

extension TorchOptimizer {
  /// One Adam step over one parameter, element by element as PyTorch's
  /// single-tensor Adam computes it in float32: `m.lerp_(g, weight)` (its
  /// two-sided formula), `v = v·β₂ + (g·g)·(1 − β₂)` and
  /// `w += (m / (√v / root + eps)) · (−step size)`, the last two fused.
  /// The vectorised kernel of `CTrainingKernels` gives the bits a scalar
  /// loop gives (`rngdiff_adam_update_f32`).
  static func adamUpdate(
    _ w: inout [Float], _ m: inout [Float], _ v: inout [Float], _ g: [Float], weight: Float, beta2: Float, oneMinusBeta2: Float,
    root: Float, eps: Float, negativeStepSize: Float
  ) {
    let count = w.count
    precondition(m.count == count && v.count == count && g.count == count, "Adam's state and gradient match the parameter")
    g.withUnsafeBufferPointer { g in
      m.withUnsafeMutableBufferPointer { m in
        v.withUnsafeMutableBufferPointer { v in
          w.withUnsafeMutableBufferPointer { w in
            rngdiff_adam_update_f32(
              w.baseAddress, m.baseAddress, v.baseAddress, g.baseAddress, count, weight, beta2, oneMinusBeta2, root, eps,
              negativeStepSize)
          }
        }
      }
    }
  }
}

/// `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`: the gradients of
/// the parameters, scaled (or clamped) in place before `opt.step()`.
///
/// ```python
/// loss.backward()
/// nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)   # the total norm before clipping
/// opt.step()
/// ```
///
/// Fidelity: the norms are summed in float64 and rounded once (PyTorch sums
/// in float32), then every gradient is multiplied by `min(1, max_norm /
/// (norm + 1e-6))` in float32, as PyTorch does. Edge cases: `norm_type`
/// other than 2 is refused; no gradients gives `tensor(0.)`.
extension TorchScript {
  func makeUtilities() -> Namespace {
    let utils = Namespace(name: "torch.nn.utils")
    utils.define("clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None)") { [unowned self] args in
      if let type = try args.double("norm_type"), type != 2 {
        throw args.error("norm_type", "clip_grad_norm_(norm_type=\(PythonFloat.repr(type))) is not emulated; accepted: 2.0")
      }
      let maxNorm = try args.double("max_norm") ?? 0
      let grads = try gradients(args)
      guard !grads.isEmpty else { return session.tensor(.float32([0]), shape: []) }
      let norms = grads.map { g -> Double in Double(Float(Self.floats(g).reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())) }
      let total = Float(norms.reduce(0.0) { $0 + $1 * $1 }.squareRoot())
      let coefficient = Swift.min(Float(maxNorm) / (total + 1e-6), 1)
      for g in grads { g.tensor = Tensor(shape: g.tensor.shape, float32: Self.floats(g).map { $0 * coefficient }) }
      return session.tensor(.float32([total]), shape: [])
    }
    utils.define("clip_grad_value_(parameters, clip_value, foreach=None)") { [unowned self] args in
      let limit = Float(try args.double("clip_value") ?? 0)
      for g in try gradients(args) {
        g.tensor = Tensor(shape: g.tensor.shape, float32: Self.floats(g).map { Swift.min(Swift.max($0, -limit), limit) })
      }
      return .none
    }
    return utils
  }

  /// The `.grad` tensors of `parameters` (a tensor or a list of them) that have one.
  private func gradients(_ args: BoundArguments) throws -> [ArrayObject] {
    let value = args.value("parameters") ?? .none
    let items: [Value]
    if case .object(let a as ArrayObject) = value { items = [.object(a)] } else { items = try Self.items(value, at: args.range("parameters")) }
    return items.compactMap { item in
      guard case .object(let p as ArrayObject) = item else { return nil }
      return tape.grad(p)
    }
  }

  static func floats(_ a: ArrayObject) -> [Float] { TorchTape.floats(a) }
}
