import Foundation
import PythonSubset
import RNGStreams
import TorchStreams

/// Forward passes that do not draw: `Linear`, `Embedding` and the
/// activations, in the tensor's own dtype.
///
/// ```python
/// y = nn.Linear(4, 2)(torch.ones(3, 4))   # [3, 2]: x @ W.T + b
/// torch.relu(y)                           # exact
/// ```
///
/// Fidelity: `Embedding` and `ReLU` are exact. `Linear` sums each dot
/// product left to right in float32 and adds the bias last; PyTorch's CPU
/// GEMM blocks and fuses the sums differently, so outputs agree to a few
/// float32 ulps, not bit for bit (docs/scripts.md gives the measured
/// difference). `Tanh`, `Sigmoid` and `GELU` use the C library's
/// functions in float64 rounded to float32, where PyTorch's vectorised
/// kernels differ by an ulp or so.
extension TorchScript {
  /// `input @ weight.T + bias` over the last axis of `input`.
  func linearForward(_ input: ArrayObject, _ m: TorchModuleInstance, at range: SourceRange) throws -> Value {
    guard let weight = m.parameters.first(where: { $0.name == "weight" })?.value else {
      throw EvaluationError("Linear has no weight", at: range, type: "AttributeError")
    }
    let bias = m.parameters.first(where: { $0.name == "bias" })?.value
    let shape = input.tensor.shape
    let (outFeatures, inFeatures) = (weight.tensor.shape.first ?? 0, weight.tensor.shape.count > 1 ? weight.tensor.shape[1] : 0)
    guard weight.tensor.shape.count == 2, bias.map({ $0.tensor.count == outFeatures }) ?? true else {
      throw EvaluationError(
        "Linear: a weight of shape [\(weight.tensor.shape.map(String.init).joined(separator: ", "))] and its bias do not make a linear map",
        at: range, type: "RuntimeError")
    }
    guard let last = shape.last, last == inFeatures else {
      let rows = shape.dropLast().reduce(1, *)
      throw EvaluationError(
        "mat1 and mat2 shapes cannot be multiplied (\(rows)x\(shape.last ?? 0) and \(inFeatures)x\(outFeatures))", at: range,
        type: "RuntimeError")
    }
    guard input.tensor.dtype == weight.tensor.dtype else {
      throw EvaluationError(
        "mat1 and mat2 must have the same dtype, but got \(Self.scalarName(input.tensor.dtype)) and \(Self.scalarName(weight.tensor.dtype))",
        at: range, type: "RuntimeError")
    }
    let rows = shape.dropLast().reduce(1, *)
    let outShape = Array(shape.dropLast()) + [outFeatures]
    switch (input.tensor.storage, weight.tensor.storage) {
    case (.float(let x), .float(let w)):
      let b: [Float]? = { if case .float(let v)? = bias?.tensor.storage { return v } else { return nil } }()
      let made = session.array(.float32(Self.affine(x, w, b, rows: rows, inputs: inFeatures, outputs: outFeatures)), shape: outShape)
      // PyTorch's names: addmm for a matrix with a bias, mm without, a view of either for other ranks.
      let name = input.tensor.shape.count == 2 ? (bias == nil ? "MmBackward0" : "AddmmBackward0") : "ViewBackward0"
      try tape.record(made, inputs: [input, weight, bias], name: name, at: range) { g in
        // dx = g · w (summed over the outputs), dw = gᵀ · x and db (summed over the rows), each in order.
        var db = [Float](repeating: 0, count: outFeatures)
        for r in 0..<rows {
          for o in 0..<outFeatures { db[o] += g[r * outFeatures + o] }
        }
        return [
          OrderedProduct.product(g, w, m: rows, k: outFeatures, n: inFeatures),
          OrderedProduct.transposedProduct(g, x, rows: rows, m: outFeatures, n: inFeatures), db,
        ]
      }
      return .object(made)
    case (.double(let x), .double(let w)):
      let b: [Double]? = { if case .double(let v)? = bias?.tensor.storage { return v } else { return nil } }()
      return session.tensor(.float64(Self.affine(x, w, b, rows: rows, inputs: inFeatures, outputs: outFeatures)), shape: outShape)
    default:
      throw EvaluationError("Linear expects a floating-point input, got \(Self.scalarName(input.tensor.dtype))", at: range, type: "RuntimeError")
    }
  }

  /// `x @ w.T + b` for row-major `x` `[rows, inputs]` and `w` `[outputs, inputs]`:
  /// each dot product summed in order in `F`, the bias added last.
  static func affine<F: BinaryFloatingPoint>(_ x: [F], _ w: [F], _ b: [F]?, rows: Int, inputs: Int, outputs: Int) -> [F] {
    var y = [F](repeating: 0, count: rows * outputs)
    for r in 0..<rows {
      for o in 0..<outputs {
        var acc: F = 0
        for k in 0..<inputs { acc += x[r * inputs + k] * w[o * inputs + k] }
        y[r * outputs + o] = acc + (b?[o] ?? 0)
      }
    }
    return y
  }

  /// `x @ w.T + b` in float32: the same sums as the generic loop, from the
  /// vectorised kernel (``OrderedProduct``).
  static func affine(_ x: [Float], _ w: [Float], _ b: [Float]?, rows: Int, inputs: Int, outputs: Int) -> [Float] {
    var y = OrderedProduct.productTransposed(x, w, m: rows, k: inputs, n: outputs)
    guard let b else { return y }
    for r in 0..<rows {
      for o in 0..<outputs { y[r * outputs + o] += b[o] }
    }
    return y
  }

  /// The rows of the weight the integer `input` names.
  func embeddingForward(_ input: ArrayObject, _ m: TorchModuleInstance, at range: SourceRange) throws -> Value {
    guard let weight = m.parameters.first(where: { $0.name == "weight" })?.value else {
      throw EvaluationError("Embedding has no weight", at: range, type: "AttributeError")
    }
    guard case .int(let indices) = input.tensor.storage else {
      throw EvaluationError(
        "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.\(Self.scalarName(input.tensor.dtype))Tensor instead",
        at: range, type: "RuntimeError")
    }
    guard weight.tensor.shape.count == 2 else {
      throw EvaluationError("'weight' must be 2-D", at: range, type: "RuntimeError")
    }
    let (count, dim) = (weight.tensor.shape[0], weight.tensor.shape[1])
    var picked: [Int] = []
    for i in indices {
      guard i >= 0 && i < count else { throw EvaluationError("index out of range in self", at: range, type: "IndexError") }
      picked.append(Int(i))
    }
    let shape = input.tensor.shape + [dim]
    switch weight.tensor.storage {
    case .float(let w):
      let made = session.array(.float32(picked.flatMap { w[($0 * dim)..<($0 * dim + dim)] }), shape: shape)
      // The gradient of a row lookup: each looked-up row's gradient added to the row it read.
      let positions = picked.flatMap { ($0 * dim)..<($0 * dim + dim) }
      try tape.record(made, inputs: [weight], name: "EmbeddingBackward0", at: range) { g in [TorchTape.scatter(g, into: w.count, at: positions)] }
      return .object(made)
    case .double(let w): return session.tensor(.float64(picked.flatMap { w[($0 * dim)..<($0 * dim + dim)] }), shape: shape)
    default: throw EvaluationError("Embedding weight must be floating point", at: range, type: "RuntimeError")
    }
  }

  /// PyTorch's scalar type name (`Float`, `Double`, `Long`, `Bool`).
  static func scalarName(_ dtype: DType) -> String {
    switch dtype {
    case .float32: return "Float"
    case .float64: return "Double"
    case .int64: return "Long"
    case .int32: return "Int"
    case .bool: return "Bool"
    default: return dtype.rawValue
    }
  }

  /// The activations: `(name, PyTorch's class, float32 rule, float64 rule)`.
  nonisolated(unsafe) static let activations: [(name: String, function: String, float: (Float) -> Float, double: (Double) -> Double)] = [
    ("ReLU", "relu", { $0.isNaN ? $0 : Swift.max($0, 0) }, { $0.isNaN ? $0 : Swift.max($0, 0) }),
    ("Tanh", "tanh", { Float(Foundation.tanh(Double($0))) }, { Foundation.tanh($0) }),
    ("Sigmoid", "sigmoid", { Float(1 / (1 + Foundation.exp(-Double($0)))) }, { 1 / (1 + Foundation.exp(-$0)) }),
    ("GELU", "gelu", { Float(Double($0) * 0.5 * (1 + Foundation.erf(Double($0) / 2.0.squareRoot()))) },
     { $0 * 0.5 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }),
  ]

  /// Applies an activation elementwise to a float tensor.
  func activation(_ index: Int, _ input: ArrayObject, at range: SourceRange) throws -> Value {
    let rule = Self.activations[index]
    switch input.tensor.storage {
    case .float(let x):
      let y = x.map(rule.float)
      let made = session.array(.float32(y), shape: input.tensor.shape)
      if tape.shouldRecord([input]) {
        try tape.record(made, inputs: [input], name: rule.name == "ReLU" ? "ReluBackward0" : "\(rule.name)Backward0", at: range) { g in
          switch rule.name {
          case "ReLU": return [zip(g, x).map { $1 > 0 ? $0 : 0 }]
          case "Tanh": return [zip(g, y).map { $0 * (1 - $1 * $1) }]
          case "GELU":
            // d/dx x·Φ(x) = Φ(x) + x·φ(x), in float64, rounded once.
            return [zip(g, x).map { gv, xv in
              let v = Double(xv)
              let cdf = 0.5 * (1 + Foundation.erf(v / 2.0.squareRoot()))
              let pdf = Foundation.exp(-v * v / 2) / (2 * Double.pi).squareRoot()
              return Float(Double(gv) * (cdf + v * pdf))
            }]
          default: return [zip(g, y).map { $0 * ($1 * (1 - $1)) }]
          }
        }
      }
      return .object(made)
    case .double(let x): return session.tensor(.float64(x.map(rule.double)), shape: input.tensor.shape)
    default:
      if rule.name == "ReLU", case .int(let x) = input.tensor.storage {
        return session.tensor(.int64(x.map { Swift.max($0, 0) }), shape: input.tensor.shape)
      }
      throw EvaluationError(
        "\"\(rule.function)\" not implemented for '\(Self.scalarName(input.tensor.dtype))'", at: range, type: "NotImplementedError")
    }
  }

  func defineActivations(in nn: Namespace, _ module: ClassObject) throws {
    for (index, rule) in Self.activations.enumerated() {
      let cls = try layerClass(rule.name, "activation", module)
      if rule.name == "GELU" {
        define(cls, "__init__(self, approximate='none')") { m, args in
          m.initialized = true
          let approximate = try args.string("approximate") ?? "none"
          guard approximate == "none" else {
            throw args.error("approximate", "GELU(approximate='\(approximate)') is not emulated; accepted: 'none'")
          }
          try m.setAttribute("approximate", .string(approximate))
          m.extraRepr = "approximate='none'"
          return .none
        }
      } else {
        define(cls, "__init__(self, inplace=False)") { m, args in
          m.initialized = true
          let inplace = args.value("inplace")?.isTruthy ?? false
          if rule.name == "ReLU" {
            try m.setAttribute("inplace", .bool(inplace))
            if inplace { m.extraRepr = "inplace=True" }
          }
          return .none
        }
      }
      define(cls, "forward(self, input)") { [unowned self] _, args in
        try activation(index, try args.torchTensor("input").object, at: args.range("input"))
      }
      nn.define(rule.name, .object(cls))
    }
  }
}
