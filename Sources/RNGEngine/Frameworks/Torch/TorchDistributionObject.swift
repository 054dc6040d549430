import PythonSubset
import TorchStreams

/// A `torch.distributions` object as the call strings see it:
/// `Normal(0.0, 1.0)` keeps its parameters as tensors (`loc`, `scale`, …)
/// and draws with `sample(sample_shape)` and, where PyTorch has it,
/// `rsample(sample_shape)`.
///
/// ```python
/// d = torch.distributions.Normal(torch.zeros(2), 1.0)
/// d.sample((3,))          # shape (3, 2)
/// d.batch_shape           # (2,)
/// ```
///
/// Edge cases: `sample_shape` is a tuple or list of ints (`()` by default);
/// a distribution without `rsample` (`Bernoulli`, `Categorical`) refuses it
/// as PyTorch does.
final class TorchDistributionObject: PythonObject {
  /// The class name (`"Normal"`).
  let typeName: String
  /// The parameters as tensors, by attribute name, in constructor order.
  let parameters: [(name: String, tensor: Value)]
  /// `batch_shape` and `event_shape`.
  let batchShape: [Int]
  let eventShape: [Int]
  /// Draws for the full shape `sample_shape + batch_shape + event_shape`.
  let draw: (BoundArguments, [Int]) throws -> Value
  /// Whether the distribution is reparameterizable (`has_rsample`).
  let hasRSample: Bool

  init(
    typeName: String, parameters: [(name: String, tensor: Value)], batchShape: [Int], eventShape: [Int] = [],
    hasRSample: Bool, draw: @escaping (BoundArguments, [Int]) throws -> Value
  ) {
    self.typeName = typeName
    self.parameters = parameters
    self.batchShape = batchShape
    self.eventShape = eventShape
    self.hasRSample = hasRSample
    self.draw = draw
  }

  var repr: String {
    "\(typeName)(" + parameters.map { "\($0.name): \($0.tensor.repr)" }.joined(separator: ", ") + ")"
  }

  func attribute(_ name: String) throws -> Value? {
    if let parameter = parameters.first(where: { $0.name == name }) { return parameter.tensor }
    switch name {
    case "batch_shape": return .tuple(batchShape.map { .int(PythonInt($0)) })
    case "event_shape": return .tuple(eventShape.map { .int(PythonInt($0)) })
    case "has_rsample": return .bool(hasRSample)
    case "sample": return .object(sampler("sample"))
    case "rsample":
      guard hasRSample else { return .object(refusal()) }
      return .object(sampler("rsample"))
    default: return nil
    }
  }

  var attributeNames: [String] {
    (parameters.map(\.name) + ["batch_shape", "event_shape", "has_rsample", "rsample", "sample"]).sorted()
  }

  private func sampler(_ name: String) -> BuiltinFunction {
    BuiltinFunction(signature: Signature("\(name)(sample_shape=())")) { [self] args in
      var sampleShape: [Int] = []
      if let given = args.value("sample_shape"), !given.isNone {
        sampleShape = try BoundArguments.torchShape(
          Located(given, args.range("sample_shape")), function: name, parameter: "sample_shape")
      }
      let shape = sampleShape + batchShape + eventShape
      _ = try BoundArguments.checkedShape(shape, at: args.range("sample_shape"))
      return try draw(args, sampleShape)
    }
  }

  private func refusal() -> BuiltinFunction {
    BuiltinFunction(signature: Signature("rsample(sample_shape=())")) { [typeName] args in
      throw EvaluationError(
        "\(typeName) has no rsample (has_rsample is False: its samples are not reparameterizable); use sample()",
        at: args.callRange)
    }
  }
}
