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
        var m = first[i] ?? [Float](repeating: 0, count: g.count)
        var v = second[i] ?? [Float](repeating: 0, count: g.count)
        let weight = Float(1 - s.betas.0)
        for k in m.indices {
          // lerp_(grad, weight): PyTorch's two-sided formula.
          m[k] = weight < 0.5 ? m[k] + weight * (g[k] - m[k]) : g[k] - (g[k] - m[k]) * (1 - weight)
          v[k] = (v[k] * Float(s.betas.1)).addingProduct(g[k] * g[k], Float(1 - s.betas.1))
        }
        let correction1 = 1 - Foundation.pow(s.betas.0, Double(step))
        let correction2 = 1 - Foundation.pow(s.betas.1, Double(step))
        let stepSize = s.lr / correction1
        let root = correction2.squareRoot()
        for k in w.indices {
          let denominator = v[k].squareRoot() / Float(root) + Float(s.eps)
          w[k] = w[k].addingProduct(m[k] / denominator, Float(-stepSize))
        }
        first[i] = m
        second[i] = v
      }
      p.tensor = Tensor(shape: p.tensor.shape, float32: w)
    }
  }
}
