import PythonSubset
import RNGStreams
import TorchStreams

/// The in-place random methods of `torch.Tensor`. Each fills the tensor it
/// is called on (keeping its shape and dtype) and returns it, as PyTorch's
/// methods do: `empty(20).uniform_(-0.5, 0.5)`, `empty(3, 4).normal_(0, 2)`,
/// `empty(10).bernoulli_(0.3)`, `empty(5, dtype=torch.int64).random_(0, 10)`.
extension TorchSession {
  /// The methods every tensor of a session carries, drawing from `generator`.
  static func tensorMethods(_ generator: TorchDefaultGenerator) -> ArrayMethods {
    var methods = ArrayMethods()

    func fill(
      _ tensor: ArrayObject, _ args: BoundArguments,
      _ body: (inout TorchGenerator, [Int], TorchDType) throws -> DrawnValues
    ) throws -> Value {
      try TorchSession.fill(tensor, args, generator: generator, body)
    }

    methods.define("uniform_(from=0, to=1, *, generator=None)") { tensor, args in
      let from = try args.double("from") ?? 0
      let to = try args.double("to") ?? 1
      return try fill(tensor, args) { try $0.uniform_($1, dtype: $2, from: from, to: to) }
    }
    methods.define("normal_(mean=0, std=1, *, generator=None)") { tensor, args in
      let mean = try args.double("mean") ?? 0
      let std = try args.double("std") ?? 1
      return try fill(tensor, args) { try $0.normal_($1, dtype: $2, mean: mean, std: std) }
    }
    // PyTorch's overloads are random_(from, to), random_(to) and random_()
    // (the dtype's whole non-negative range).
    methods.define("random_(from=0, to=None, *, generator=None)") { tensor, args in
      var from = try args.torchInt("from")
      var to = try args.torchInt("to")
      if to == nil { (from, to) = (0, from) }
      guard let from, let to else {
        return try fill(tensor, args) { try $0.random_($1, dtype: $2) }
      }
      return try fill(tensor, args) { try $0.random_($1, dtype: $2, from: from, to: to) }
    }
    addTensorOps(to: &methods)
    defineDistributionMethods(&methods, generator: generator)
    return methods
  }

  /// Fills `tensor` in place with what `body` draws for its shape and dtype
  /// on `generator`, and returns the tensor.
  static func fill(
    _ tensor: ArrayObject, _ args: BoundArguments, generator: TorchDefaultGenerator,
    _ body: (inout TorchGenerator, [Int], TorchDType) throws -> DrawnValues
  ) throws -> Value {
    try args.requireDefaultCPUGenerator()
    guard let dtype = TorchDType(tensor.tensor.dtype) else {
      throw EvaluationError(
        "rngdiff does not emulate \(args.signature.name) on torch.\(tensor.tensor.dtype.rawValue) tensors; accepted: \(TorchDType.acceptedNames)",
        at: args.callRange)
    }
    let shape = tensor.tensor.shape
    let values = try args.framework { try body(&generator.state, shape, dtype) }
    tensor.tensor = Tensor(values, shape: shape)
    return .object(tensor)
  }
}
