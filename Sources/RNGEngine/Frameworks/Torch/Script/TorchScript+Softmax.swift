import Foundation
import PythonSubset

/// `softmax` and `log_softmax` along a dimension, as functions
/// (`F.softmax`, `F.log_softmax`, `torch.softmax`, `torch.log_softmax`) and
/// modules (`nn.Softmax(dim)`, `nn.LogSoftmax(dim)`), with their gradients;
/// with `F.nll_loss` they make the classic classifier head.
///
/// ```python
/// out = F.log_softmax(model(x), dim=1)
/// loss = F.nll_loss(out, labels)        # the same as F.cross_entropy(model(x), labels)
/// ```
///
/// Fidelity: each row is computed in float64 (largest value subtracted
/// first) and rounded to the input's dtype once; PyTorch's vectorised float32
/// kernel agrees to within an ulp or so. Edge cases: `dim=None` picks
/// PyTorch's legacy dimension (0 for 0-, 1- and 3-D inputs, else 1);
/// `dtype=` is refused; integer inputs are PyTorch's error.
extension TorchScript {
  func defineSoftmax(in torch: Namespace, nn: Namespace, functional: Namespace, _ module: ClassObject) throws {
    for (name, log) in [("softmax", false), ("log_softmax", true)] {
      let call: (BoundArguments) throws -> Value = { [unowned self] args in
        if !(args.value("dtype")?.isNone ?? true) { throw args.error("dtype", "\(name)(dtype=…) is not emulated; cast the input first") }
        return try softmax(try args.torchTensor("input").object, dim: try args.intValue("dim"), log: log, at: args.callRange)
      }
      functional.define("\(name)(input, dim=None, _stacklevel=3, dtype=None)", call)
      torch.define("\(name)(input, dim, dtype=None)", call)
      let cls = try layerClass(log ? "LogSoftmax" : "Softmax", "activation", module)
      define(cls, "__init__(self, dim=None)") { m, args in
        m.initialized = true
        let dim = try args.intValue("dim")
        try m.setAttribute("dim", dim.map { .int(PythonInt($0)) } ?? .none)
        m.extraRepr = "dim=\(dim.map(String.init) ?? "None")"
        return .none
      }
      define(cls, "forward(self, input)") { [unowned self] m, args in
        let dim = try m.attribute("dim").flatMap { BoundArguments.asInt($0)?.int }
        return try softmax(try args.torchTensor("input").object, dim: dim, log: log, at: args.range("input"))
      }
      nn.define(log ? "LogSoftmax" : "Softmax", .object(cls))
    }
  }

  /// `softmax(input, dim)` or its logarithm, recorded for `backward()`.
  func softmax(_ input: ArrayObject, dim: Int?, log: Bool, at range: SourceRange) throws -> Value {
    let shape = input.tensor.shape
    let rank = shape.count
    let chosen = dim ?? ([0, 1, 3].contains(rank) ? 0 : 1)
    let r = Swift.max(rank, 1)
    guard chosen >= -r && chosen < r else {
      throw EvaluationError(
        "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(chosen))", at: range, type: "IndexError")
    }
    let d = chosen < 0 ? chosen + r : chosen
    let (outer, n, inner) = rank == 0 ? (1, 1, 1) : (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *))
    let x: [Double]
    switch input.tensor.storage {
    case .float(let v): x = v.map(Double.init)
    case .double(let v): x = v
    default:
      throw EvaluationError(
        "\"\(log ? "log_softmax_lastdim_kernel_impl" : "softmax_lastdim_kernel_impl")\" not implemented for '\(Self.scalarName(input.tensor.dtype))'",
        at: range, type: "RuntimeError")
    }
    var y = [Double](repeating: 0, count: x.count)
    for o in 0..<outer {
      for i in 0..<inner {
        let at = { (k: Int) in (o * n + k) * inner + i }
        let top = (0..<n).map { x[at($0)] }.max() ?? 0
        let sum = (0..<n).reduce(0.0) { $0 + Foundation.exp(x[at($1)] - top) }
        for k in 0..<n { y[at(k)] = log ? x[at(k)] - top - Foundation.log(sum) : Foundation.exp(x[at(k)] - top) / sum }
      }
    }
    guard input.tensor.dtype == .float32 else { return session.tensor(.float64(y), shape: shape) }
    let out = y.map { Float($0) }
    let made = session.array(.float32(out), shape: shape)
    // softmax: dx = y·(g − Σ g·y); log_softmax: dx = g − exp(y)·Σ g (sums along dim).
    try tape.record(made, inputs: [input], name: log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", at: range) { g in
      var dx = [Float](repeating: 0, count: g.count)
      for o in 0..<outer {
        for i in 0..<inner {
          let at = { (k: Int) in (o * n + k) * inner + i }
          if log {
            let total = (0..<n).reduce(0.0) { $0 + Double(g[at($1)]) }
            for k in 0..<n { dx[at(k)] = Float(Double(g[at(k)]) - Foundation.exp(Double(out[at(k)])) * total) }
          } else {
            let dot = (0..<n).reduce(0.0) { $0 + Double(g[at($1)]) * Double(out[at($1)]) }
            for k in 0..<n { dx[at(k)] = Float(Double(out[at(k)]) * (Double(g[at(k)]) - dot)) }
          }
        }
      }
      return [dx]
    }
    return .object(made)
  }
}
