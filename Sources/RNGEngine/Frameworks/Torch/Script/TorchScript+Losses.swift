import Foundation
import PythonSubset

/// The losses of a training loop, as modules (`nn.MSELoss()`,
/// `nn.CrossEntropyLoss()`, `nn.BCEWithLogitsLoss()`, `nn.NLLLoss()`) and functions
/// (`F.mse_loss`, `F.cross_entropy`, `F.binary_cross_entropy_with_logits`, `F.nll_loss`),
/// with `reduction='mean' | 'sum' | 'none'` and their gradients.
///
/// ```python
/// loss = nn.CrossEntropyLoss()(logits, labels)   # logits [N, C] float32, labels [N] int64
/// loss.backward()
/// ```
///
/// Fidelity: each loss is computed in float64 and rounded to float32 once;
/// PyTorch sums in float32 in its own order, so values agree to within a
/// few float32 ulps (docs/scripts.md has the measured difference).
/// Edge cases: class weights, `ignore_index` other than the default,
/// label smoothing, `pos_weight` and probability targets for cross entropy
/// are refused.
extension TorchScript {
  enum Loss: String, CaseIterable {
    case mse = "MSELoss", crossEntropy = "CrossEntropyLoss", bceWithLogits = "BCEWithLogitsLoss", nll = "NLLLoss"

    var function: String {
      switch self {
      case .mse: return "mse_loss"
      case .crossEntropy: return "cross_entropy"
      case .nll: return "nll_loss"
      case .bceWithLogits: return "binary_cross_entropy_with_logits"
      }
    }
  }

  func defineLosses(in nn: Namespace, functional: Namespace, _ module: ClassObject) throws {
    for loss in Loss.allCases {
      let cls = try layerClass(loss.rawValue, "loss", module)
      define(cls, "__init__(self, weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None, ignore_index=-100, label_smoothing=0.0)") { m, args in
        m.initialized = true
        try Self.refuseLossOptions(args)
        let reduction = try Self.reduction(args)
        try m.setAttribute("reduction", .string(reduction))
        m.extraRepr = ""
        return .none
      }
      define(cls, "forward(self, input, target)") { [unowned self] m, args in
        guard case .string(let reduction)? = try m.attribute("reduction") else { return .none }
        return try compute(loss, args, reduction: reduction)
      }
      nn.define(loss.rawValue, .object(cls))
      functional.define(
        "\(loss.function)(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0, pos_weight=None)"
      ) { [unowned self] args in
        try Self.refuseLossOptions(args)
        return try compute(loss, args, reduction: try Self.reduction(args))
      }
    }
  }

  static func reduction(_ args: BoundArguments) throws -> String {
    let reduction = try args.string("reduction") ?? "mean"
    guard ["mean", "sum", "none"].contains(reduction) else {
      throw EvaluationError("\(reduction) is not a valid value for reduction", at: args.range("reduction"), type: "ValueError")
    }
    return reduction
  }

  static func refuseLossOptions(_ args: BoundArguments) throws {
    for name in ["weight", "pos_weight", "size_average", "reduce"] where !(args.value(name)?.isNone ?? true) {
      throw args.error(name, "\(args.signature.name)(): \(name)= is not emulated; leave it None")
    }
    if let s = try args.double("label_smoothing"), s != 0 {
      throw args.error("label_smoothing", "label smoothing is not emulated; leave label_smoothing=0.0")
    }
    if let i = try args.intValue("ignore_index"), i != -100 {
      throw args.error("ignore_index", "ignore_index is not emulated; leave it at -100")
    }
  }

  /// The loss of `input` against `target`, recorded for `backward()`.
  func compute(_ loss: Loss, _ args: BoundArguments, reduction: String) throws -> Value {
    let input = try args.torchTensor("input").object
    let target = try args.torchTensor("target").object
    guard case .float(let x) = input.tensor.storage else {
      throw args.error("input", "\(loss.function)(): the input must be float32, got torch.\(input.tensor.dtype.rawValue)")
    }
    var perElement: [Double]
    var gradient: [Double]  // d(per-element loss)/d(input), before the reduction's scale
    var count: Int
    let outShape: [Int]
    switch loss {
    case .mse, .bceWithLogits:
      guard case .float(let y) = target.tensor.storage, target.tensor.shape == input.tensor.shape else {
        throw args.error(
          "target", "\(loss.function)(): the target must be a float32 tensor of the input's shape \(input.tensor.shape), got torch.\(target.tensor.dtype.rawValue) \(target.tensor.shape)")
      }
      if loss == .mse {
        let differences: [Double] = zip(x, y).map { (xv: Float, yv: Float) -> Double in Double(xv) - Double(yv) }
        perElement = differences.map { (d: Double) -> Double in d * d }
        gradient = differences.map { (d: Double) -> Double in 2 * d }
      } else {
        perElement = zip(x, y).map { xv, yv in
          let a = Double(xv), b = Double(yv)
          return Swift.max(a, 0) - a * b + Foundation.log1p(Foundation.exp(-Swift.abs(a)))
        }
        gradient = zip(x, y).map { 1 / (1 + Foundation.exp(-Double($0))) - Double($1) }
      }
      count = x.count
      outShape = input.tensor.shape
    case .crossEntropy, .nll:
      guard input.tensor.shape.count == 2, case .int(let labels) = target.tensor.storage, target.tensor.shape == [input.tensor.shape[0]] else {
        throw args.error(
          "target", "\(loss.function)(): rngdiff run takes scores [N, C] and int64 class indices [N]; got \(input.tensor.shape) and torch.\(target.tensor.dtype.rawValue) \(target.tensor.shape)")
      }
      let (rows, classes) = (input.tensor.shape[0], input.tensor.shape[1])
      perElement = []
      gradient = [Double](repeating: 0, count: x.count)
      for r in 0..<rows {
        let label = Int(labels[r])
        guard label >= 0 && label < classes else {
          throw EvaluationError("Target \(label) is out of bounds.", at: args.range("target"), type: "IndexError")
        }
        let row = (0..<classes).map { Double(x[r * classes + $0]) }
        if loss == .nll {
          // The input is log-probabilities: the loss is minus the label's.
          perElement.append(-row[label])
          gradient[r * classes + label] = -1
          continue
        }
        let top = row.max() ?? 0
        let sum = row.reduce(0) { $0 + Foundation.exp($1 - top) }
        let logSum = top + Foundation.log(sum)
        perElement.append(logSum - row[label])
        for c in 0..<classes { gradient[r * classes + c] = Foundation.exp(row[c] - logSum) - (c == label ? 1 : 0) }
      }
      count = rows
      outShape = [rows]
    }
    let made: ArrayObject
    let scale: Double
    switch reduction {
    case "none":
      made = session.array(.float32(perElement.map { Float($0) }), shape: outShape)
      scale = 1
    case "sum":
      made = session.array(.float32([Float(perElement.reduce(0, +))]), shape: [])
      scale = 1
    default:
      made = session.array(.float32([Float(perElement.reduce(0, +) / Double(Swift.max(count, 1)))]), shape: [])
      scale = 1 / Double(Swift.max(count, 1))
    }
    let perRow = loss == .crossEntropy || loss == .nll ? input.tensor.shape.last ?? 1 : 1
    let name = ["MseLossBackward0", "NllLossBackward0", "BinaryCrossEntropyWithLogitsBackward0", "NllLossBackward0"][Loss.allCases.firstIndex(of: loss) ?? 0]
    try tape.record(made, inputs: [input, nil], name: name, at: args.callRange) { g in
      [gradient.enumerated().map { k, d in Float(d * scale * Double(reduction == "none" ? g[k / perRow] : g[0])) }]
    }
    return .object(made)
  }
}
