import PythonSubset

/// A `torch.nn` module as the call strings see it: `nn.Linear(3, 4)` has
/// drawn its parameters when it is made, and prints as them (`weight`, then
/// `bias`), in `named_parameters()` order.
///
/// ```swift
/// // calls: nn.Linear(3, 4)             → weight [4, 3], bias [4]
/// //        nn.Linear(3, 4).weight      → the weight alone
/// //        nn.Dropout(0.5)(ones(10))   → dropout in training mode
/// ```
///
/// Parameters are tensors with identity: `l = nn.Linear(3, 4);
/// nn.init.zeros_(l.weight); l` prints the zeroed weight.
///
/// Edge cases: a module without parameters (`nn.Dropout`) prints nothing;
/// calling a layer other than `Dropout` (its forward pass) is refused.
final class TorchModule: NamedOutputs {
  /// The class name (`"Linear"`).
  let typeName: String
  /// PyTorch's `repr`, e.g. `Linear(in_features=3, out_features=4, bias=True)`.
  let repr: String
  /// The parameters in registration order; `bias=False` leaves `bias` None.
  let parameters: [(name: String, tensor: ArrayObject?)]
  /// Constructor arguments kept as attributes (`in_features`, `p`, …).
  let attributes: [String: Value]
  /// `module.training`; `eval()` clears it, `train()` sets it.
  var training = true
  /// The forward pass, for the modules whose forward pass draws (`Dropout`).
  let forward: ((TorchModule, Arguments) throws -> Value)?

  init(
    typeName: String, repr: String, parameters: [(name: String, tensor: ArrayObject?)], attributes: [String: Value],
    forward: ((TorchModule, Arguments) throws -> Value)? = nil
  ) {
    self.typeName = typeName
    self.repr = repr
    self.parameters = parameters
    self.attributes = attributes
    self.forward = forward
  }

  var namedOutputs: [(name: String, tensor: Tensor)] {
    parameters.compactMap { parameter in parameter.tensor.map { (parameter.name, $0.tensor) } }
  }

  func attribute(_ name: String) throws -> Value? {
    if let parameter = parameters.first(where: { $0.name == name }) {
      return parameter.tensor.map { .object($0) } ?? Value.none
    }
    if let value = attributes[name] { return value }
    switch name {
    case "training": return .bool(training)
    case "train":
      return .object(BuiltinFunction(signature: Signature("train(mode=True)")) { [self] args in
        training = try args.bool("mode") ?? true
        return .object(self)
      })
    case "eval":
      return .object(BuiltinFunction(signature: Signature("eval()")) { [self] _ in
        training = false
        return .object(self)
      })
    default: return nil
    }
  }

  var attributeNames: [String] {
    (parameters.map(\.name) + attributes.keys + ["eval", "train", "training"]).sorted()
  }

  func call(_ arguments: Arguments) throws -> Value {
    guard let forward else {
      throw EvaluationError(
        "calling \(typeName) (its forward pass) is not emulated: rngdiff samples the draws of its initialisation; print the module, or its weight",
        at: arguments.calleeRange)
    }
    return try forward(self, arguments)
  }
}
