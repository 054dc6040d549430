import PythonSubset
import RNGStreams
import TorchStreams

/// The sampling functions of `torch` beyond the basic ones: `normal` in all
/// its forms, `bernoulli`, `multinomial`, `poisson`, `_standard_gamma`,
/// `_sample_dirichlet`, the `torch.distributions` module, and the
/// distribution methods of tensors (`exponential_`, `geometric_`,
/// `log_normal_`, `cauchy_`, `bernoulli_` with a tensor `p`).
///
/// ```python
/// torch.normal(torch.zeros(3), 2.0)               # tensor mean, float std
/// torch.multinomial(torch.tensor([0.2, 0.8]), 4, replacement=True)
/// torch.distributions.Gamma(2.0, 1.0).sample((5,))
/// torch.empty(4).exponential_(1.5)
/// ```
extension TorchSession {
  /// Adds the functions and the `distributions` module to `torch`.
  func defineDistributions(in torch: Namespace) {
    defineNormal(in: torch)
    torch.define("bernoulli(input, p=None, *, generator=None, out=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensor("input")
      let shape = input.object.tensor.shape
      if let p = try args.double("p") {
        return try draw(args, shape: shape) { try $0.bernoulli_(shape, dtype: input.dtype, p: p) }
      }
      return try drawTensor(args) { try $0.bernoulli(TorchTensorValues(input.values, shape: shape)) }
    }
    torch.define("multinomial(input, num_samples, replacement=False, *, generator=None, out=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensorValues("input")
      let samples = try args.torchInt("num_samples") ?? 0
      let replacement = try args.bool("replacement") ?? false
      return try drawTensor(args) { try $0.multinomial(input, samples: Int(clamping: samples), replacement: replacement) }
    }
    torch.define("poisson(input, generator=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensorValues("input")
      return try drawTensor(args) { try $0.poisson(input) }
    }
    torch.define("_standard_gamma(input, generator=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensorValues("input")
      return try drawTensor(args, at: "input") { try $0.standardGamma(input) }
    }
    torch.define("_sample_dirichlet(input, generator=None)") { [self] args in
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensorValues("input")
      return try drawTensor(args, at: "input") { try $0.dirichlet(input) }
    }
    torch.define("distributions", .object(distributionsModule()))
  }

  /// `torch.normal`: `normal(mean, std, size)` with floats, or
  /// `normal(mean, std)` where either or both are tensors.
  private func defineNormal(in torch: Namespace) {
    let floatForm = "normal(mean, std, size, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, pin_memory=False, requires_grad=False)"
    torch.define(
      "normal(mean, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, pin_memory=False, requires_grad=False)"
    ) { [self] args in
      try args.requireDefaultCPUGenerator()
      let mean = args.value("mean").flatMap(Self.tensorArgument)
      let std = args.value("std").flatMap(Self.tensorArgument)
      if mean == nil && std == nil {
        guard args.isGiven("size") else {
          throw EvaluationError("normal() missing required argument 'size'; accepted: \(floatForm)", at: args.callRange)
        }
        for name in ["mean", "std"] where args.value(name).flatMap(BoundArguments.asDouble) == nil {
          let v = args.value(name) ?? .none
          throw args.error(name, "normal() argument '\(name)' must be a number or a tensor, got \(v.typeName) \(v.repr)")
        }
        let meanValue = try args.double("mean") ?? 0
        let stdValue = try args.double("std") ?? 1
        let shape = try args.torchShape("size") ?? []
        let dtype = try args.torchDType() ?? .float32
        return try draw(args, shape: shape) { try $0.normal(mean: meanValue, std: stdValue, size: shape, dtype: dtype) }
      }
      for name in ["size", "dtype"] where args.isGiven(name) {
        throw args.error(name, "normal() with a tensor mean or std takes its shape and dtype from them; leave \(name) unset")
      }
      for name in ["mean", "std"] where args.isGiven(name) && Self.tensorArgument(args.value(name) ?? .none) == nil
        && args.value(name).flatMap(BoundArguments.asDouble) == nil
      {
        let v = args.value(name) ?? .none
        throw args.error(name, "normal() argument '\(name)' must be a number or a tensor, got \(v.typeName) \(v.repr)")
      }
      switch (mean, std) {
      case (let m?, let s?): return try drawTensor(args) { try $0.normal(mean: m, std: s) }
      case (let m?, nil):
        let s = try args.double("std") ?? 1
        return try drawTensor(args) { try $0.normal(mean: m, std: s) }
      default:
        let m = try args.double("mean") ?? 0
        return try drawTensor(args) { try $0.normal(mean: m, std: std!) }
      }
    }
  }

  /// A torch tensor argument as sampler input; nil for anything else.
  static func tensorArgument(_ value: Value) -> TorchTensorValues? {
    guard case .object(let o) = value, let array = o as? ArrayObject, array.kind == .torch,
      let values = DrawnValues(torch: array.tensor)
    else { return nil }
    return TorchTensorValues(values, shape: array.tensor.shape)
  }

  /// Runs a sampler that returns its own shape, and wraps the result as a
  /// tensor; an error lands on the argument it names, or on `parameter`.
  func drawTensor(
    _ args: BoundArguments, at parameter: String? = nil, _ body: (inout TorchGenerator) throws -> TorchTensorValues
  ) throws -> Value {
    let result = try args.framework {
      do {
        return try body(&generator.state)
      } catch let e as FrameworkError where parameter != nil {
        throw FrameworkError(e.message, parameter: parameter)
      }
    }
    return tensor(result.values, shape: result.shape)
  }

  /// The distribution methods every tensor carries, added to `methods`.
  static func defineDistributionMethods(_ methods: inout ArrayMethods, generator: TorchDefaultGenerator) {
    func fill(
      _ tensor: ArrayObject, _ args: BoundArguments,
      _ body: (inout TorchGenerator, [Int], TorchDType) throws -> DrawnValues
    ) throws -> Value {
      try TorchSession.fill(tensor, args, generator: generator, body)
    }
    methods.define("exponential_(lambd=1, *, generator=None)") { tensor, args in
      let lambda = try args.double("lambd") ?? 1
      return try fill(tensor, args) { try $0.exponential_($1, dtype: $2, lambda: lambda) }
    }
    methods.define("geometric_(p, *, generator=None)") { tensor, args in
      let p = try args.double("p") ?? 0
      return try fill(tensor, args) { try $0.geometric_($1, dtype: $2, p: p) }
    }
    methods.define("log_normal_(mean=1, std=2, *, generator=None)") { tensor, args in
      let mean = try args.double("mean") ?? 1
      let std = try args.double("std") ?? 2
      return try fill(tensor, args) { try $0.logNormal_($1, dtype: $2, mean: mean, std: std) }
    }
    methods.define("cauchy_(median=0, sigma=1, *, generator=None)") { tensor, args in
      let median = try args.double("median") ?? 0
      let sigma = try args.double("sigma") ?? 1
      return try fill(tensor, args) { try $0.cauchy_($1, dtype: $2, median: median, sigma: sigma) }
    }
    methods.define("bernoulli_(p=0.5, *, generator=None)") { tensor, args in
      if let p = args.value("p").flatMap(tensorArgument) {
        return try fill(tensor, args) { try $0.bernoulli_($1, dtype: $2, p: p) }
      }
      let p = try args.double("p") ?? 0.5
      return try fill(tensor, args) { try $0.bernoulli_($1, dtype: $2, p: p) }
    }
  }
}

extension BoundArguments {
  /// A tensor argument as sampler input, whatever its dtype.
  func torchTensorValues(_ name: String) throws -> TorchTensorValues {
    let input = try torchTensor(name)
    return TorchTensorValues(input.values, shape: input.object.tensor.shape)
  }
}
