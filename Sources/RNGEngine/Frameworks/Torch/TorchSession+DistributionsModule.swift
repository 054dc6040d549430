import PythonSubset
import RNGStreams
import TorchStreams

/// `torch.distributions`: `Normal`, `Uniform`, `Bernoulli`, `Categorical`,
/// `Exponential`, `Gamma`, `Beta`, `Dirichlet`, each drawing as PyTorch's
/// Python code does on the CPU kernels of TorchStreams.
///
/// ```python
/// torch.distributions.Normal(0.0, 1.0).sample((3,))
/// torch.distributions.Categorical(probs=torch.tensor([0.2, 0.8])).sample((5,))
/// torch.distributions.Beta(2.0, 5.0).rsample((4,))
/// ```
///
/// Parameters follow `broadcast_all`: Python numbers become float32 tensors
/// (or the dtype of a tensor parameter), all are broadcast to the batch
/// shape. Arguments are validated as with PyTorch's default
/// `validate_args=True`.
///
/// Edge cases: `logits=` (whose softmax and sigmoid use vectorised `exp`) and
/// `MultivariateNormal` (LAPACK's Cholesky factor and BLAS's matrix-vector
/// product) are refused with the reason; mixed float32/float64 parameters
/// are refused.
extension TorchSession {
  /// The `torch.distributions` module of this session.
  func distributionsModule() -> Namespace {
    let module = Namespace(name: "torch.distributions")
    module.define("Normal(loc, scale, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["loc", "scale"])
      try p.validate(args, "scale", "Normal", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      try p.validate(args, "loc", "Normal", "Real()") { !$0.isNaN }
      let (loc, scale) = (p.tensors[0], p.tensors[1])
      return distribution("Normal", p, hasRSample: true) { args, shape in
        try drawTensor(args) { try $0.normal(mean: loc.expanded(to: shape), std: scale.expanded(to: shape)) }
      }
    }
    module.define("Uniform(low, high, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["low", "high"])
      if p.checks(args), zip(p.tensors[0].values.doubles, p.tensors[1].values.doubles).contains(where: { !($0 < $1) }) {
        throw args.error("low", "Expected parameter low of distribution Uniform to satisfy the constraint LessThan(upper_bound=high), but found invalid values: every low must be below its high")
      }
      let (low, high) = (p.tensors[0], p.tensors[1])
      return distribution("Uniform", p, hasRSample: true) { args, shape in
        let width = Self.combine(high, low, -)
        let rand = try args.framework { try generator.state.rand(shape, dtype: p.dtype) }
        let scaled = Self.combine(TorchTensorValues(rand, shape: shape), try width.expanded(to: shape), *)
        let result = Self.combine(try low.expanded(to: shape), scaled, +)
        return tensor(result.values, shape: shape)
      }
    }
    module.define("Bernoulli(probs=None, logits=None, validate_args=None)") { [self] args in
      try Self.refuseLogits(args, "Bernoulli", function: "sigmoid")
      let p = try DistributionParameters(args, ["probs"])
      try p.validate(args, "probs", "Bernoulli", "Interval(lower_bound=0.0, upper_bound=1.0)") { $0 >= 0 && $0 <= 1 }
      let probs = p.tensors[0]
      return distribution("Bernoulli", p, hasRSample: false) { args, shape in
        try drawTensor(args) { try $0.bernoulli(probs.expanded(to: shape)) }
      }
    }
    module.define("Categorical(probs=None, logits=None, validate_args=None)") { [self] args in
      try Self.refuseLogits(args, "Categorical", function: "logsumexp")
      guard let given = args.value("probs").flatMap(Self.tensorArgument) else {
        let v = args.value("probs") ?? .none
        throw args.error("probs", "Categorical(probs=...) needs a tensor of probabilities, got \(v.typeName) \(v.repr)")
      }
      let probs = try args.framework { try generator.state.categoricalProbabilities(given) }
      let batch = Array(probs.shape.dropLast())
      let parameters = DistributionParameters(tensors: [probs], names: ["probs"], shape: batch, dtype: probs.dtype ?? .float32)
      return .object(TorchDistributionObject(
        typeName: "Categorical", parameters: [("probs", tensor(probs.values, shape: probs.shape))],
        batchShape: batch, hasRSample: false
      ) { [self] args, sampleShape in
        _ = parameters
        return try drawTensor(args) { try $0.categorical(given, sampleShape: sampleShape) }
      })
    }
    module.define("Exponential(rate, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["rate"])
      try p.validate(args, "rate", "Exponential", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      let rate = p.tensors[0]
      return distribution("Exponential", p, hasRSample: true) { args, shape in
        let e = try args.framework { try generator.state.exponential_(shape, dtype: p.dtype, lambda: 1) }
        let result = Self.combine(TorchTensorValues(e, shape: shape), try rate.expanded(to: shape), /)
        return tensor(result.values, shape: shape)
      }
    }
    module.define("Gamma(concentration, rate, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["concentration", "rate"])
      try p.validate(args, "concentration", "Gamma", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      try p.validate(args, "rate", "Gamma", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      let (concentration, rate) = (p.tensors[0], p.tensors[1])
      return distribution("Gamma", p, hasRSample: true) { args, shape in
        let g = try args.framework { try generator.state.standardGamma(concentration.expanded(to: shape)) }
        let divided = Self.combine(g, try rate.expanded(to: shape), /)
        let tiny = p.dtype == .float32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude
        let clamped = Self.combine(divided, divided) { a, _ in Swift.max(a, tiny) }
        return tensor(clamped.values, shape: shape)
      }
    }
    module.define("Beta(concentration1, concentration0, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["concentration1", "concentration0"])
      try p.validate(args, "concentration1", "Beta", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      try p.validate(args, "concentration0", "Beta", "GreaterThan(lower_bound=0.0)") { $0 > 0 }
      // torch.stack([concentration1, concentration0], -1): the pair is the last dimension.
      let a = p.tensors[0].values.doubles
      let b = p.tensors[1].values.doubles
      let pairs = zip(a, b).flatMap { [$0, $1] }
      let stacked = TorchTensorValues(p.dtype == .float32 ? .float32(pairs.map { Float($0) }) : .float64(pairs), shape: p.shape + [2])
      return distribution("Beta", p, hasRSample: true) { args, shape in
        let d = try drawTensor(args) { try $0.dirichlet(stacked.expanded(to: shape + [2])) }
        guard case .object(let o) = d, let array = o as? ArrayObject, let values = DrawnValues(torch: array.tensor) else { return d }
        let first: DrawnValues
        switch values {
        case .float32(let v): first = .float32(stride(from: 0, to: v.count, by: 2).map { v[$0] })
        default: let v = values.doubles; first = .float64(stride(from: 0, to: v.count, by: 2).map { v[$0] })
        }
        return tensor(first, shape: shape)
      }
    }
    module.define("Dirichlet(concentration, validate_args=None)") { [self] args in
      let p = try DistributionParameters(args, ["concentration"])
      guard let event = p.shape.last else {
        throw args.error("concentration", "`concentration` parameter must be at least one-dimensional.")
      }
      try p.validate(args, "concentration", "Dirichlet", "IndependentConstraint(GreaterThan(lower_bound=0.0), 1)") { $0 > 0 }
      let concentration = p.tensors[0]
      let batch = Array(p.shape.dropLast())
      return .object(TorchDistributionObject(
        typeName: "Dirichlet", parameters: [("concentration", tensor(concentration.values, shape: concentration.shape))],
        batchShape: batch, eventShape: [event], hasRSample: true
      ) { [self] args, sampleShape in
        try drawTensor(args) { try $0.dirichlet(concentration.expanded(to: sampleShape + batch + [event])) }
      })
    }
    module.define("MultivariateNormal(loc, covariance_matrix=None, precision_matrix=None, scale_tril=None, validate_args=None)") { args in
      throw EvaluationError(
        "torch.distributions.MultivariateNormal is not emulated: its samples go through LAPACK's Cholesky factor and a BLAS matrix-vector product, whose rounding rngdiff does not reproduce",
        at: args.callRange)
    }
    return module
  }

  /// A distribution object over `parameters` whose draws for
  /// `sample_shape + batch_shape` come from `draw`.
  private func distribution(
    _ name: String, _ parameters: DistributionParameters, hasRSample: Bool,
    _ draw: @escaping (BoundArguments, [Int]) throws -> Value
  ) -> Value {
    let batch = parameters.shape
    let named = zip(parameters.names, parameters.tensors).map { ($0, tensor($1.values, shape: $1.shape)) }
    return .object(TorchDistributionObject(typeName: name, parameters: named, batchShape: batch, hasRSample: hasRSample) {
      args, sampleShape in try draw(args, sampleShape + batch)
    })
  }

  /// `a op b` elementwise in `a`'s dtype, `b` broadcast to `a`'s shape:
  /// one float32 or float64 operation, rounded once.
  static func combine(_ a: TorchTensorValues, _ b: TorchTensorValues, _ op: (Double, Double) -> Double) -> TorchTensorValues {
    let x = a.values.doubles
    let y = (try? b.expanded(to: a.shape))?.values.doubles ?? b.values.doubles
    let result = zip(x, y).map { op($0, $1) }
    switch a.values {
    case .float32: return TorchTensorValues(.float32(result.map { Float($0) }), shape: a.shape)
    default: return TorchTensorValues(.float64(result), shape: a.shape)
    }
  }

  private static func refuseLogits(_ args: BoundArguments, _ name: String, function: String) throws {
    if args.isGiven("logits") {
      if args.isGiven("probs") {
        throw args.error("logits", "Either `probs` or `logits` must be specified, but not both.")
      }
      throw args.error(
        "logits",
        "\(name)(logits=...) is not emulated: PyTorch turns logits into probabilities with a vectorised \(function) whose rounding rngdiff does not reproduce; pass probs=")
    }
    if !args.isGiven("probs") {
      throw EvaluationError("Either `probs` or `logits` must be specified, but not both.", at: args.callRange)
    }
  }
}

/// The parameters of a distribution after `broadcast_all`: one tensor per
/// name, all of the batch shape and of one float dtype.
struct DistributionParameters {
  let tensors: [TorchTensorValues]
  let names: [String]
  let shape: [Int]
  let dtype: TorchDType

  init(tensors: [TorchTensorValues], names: [String], shape: [Int], dtype: TorchDType) {
    self.tensors = tensors
    self.names = names
    self.shape = shape
    self.dtype = dtype
  }

  /// Reads `names` from `args`: torch tensors (float32 or float64) or
  /// numbers, which take the tensors' dtype (float32 when all are numbers).
  init(_ args: BoundArguments, _ names: [String]) throws {
    var dtype: TorchDType?
    var given: [TorchTensorValues?] = []
    for name in names {
      let v = args.value(name) ?? .none
      if let t = TorchSession.tensorArgument(v) {
        guard let d = t.dtype, d.isFloatingPoint else {
          throw args.error(name, "\(args.signature.name)() parameter '\(name)' must be a float32 or float64 tensor or a number, got a \(t.values.dtypeName) tensor")
        }
        if let dtype, dtype != d {
          throw args.error(name, "\(args.signature.name)() with float32 and float64 parameters is not emulated; give every tensor parameter one dtype")
        }
        dtype = d
        given.append(t)
      } else if case .bool = v {
        throw args.error(name, "\(args.signature.name)() parameter '\(name)' must be a number or a tensor, got bool \(v.repr)")
      } else if BoundArguments.asDouble(v) != nil {
        given.append(nil)
      } else {
        throw args.error(name, "\(args.signature.name)() parameter '\(name)' must be a number or a tensor, got \(v.typeName) \(v.repr)")
      }
    }
    let resolved = dtype ?? .float32
    var shape: [Int] = []
    var tensors: [TorchTensorValues] = []
    for (name, tensor) in zip(names, given) {
      let t = tensor ?? {
        let d = BoundArguments.asDouble(args.value(name) ?? .none) ?? 0
        return TorchTensorValues(resolved == .float32 ? .float32([Float(d)]) : .float64([d]), shape: [])
      }()
      shape = try args.framework { try TorchTensorValues.broadcastShape(shape, t.shape) }
      tensors.append(t)
    }
    let batch = shape
    self.tensors = try tensors.map { t in try args.framework { try t.expanded(to: batch) } }
    self.names = names
    self.shape = batch
    self.dtype = resolved
  }

  /// Whether arguments are validated (`validate_args` is not False).
  func checks(_ args: BoundArguments) -> Bool {
    if case .bool(false)? = args.value("validate_args") { return false }
    return true
  }

  /// PyTorch's argument validation: every element of `name` satisfies `holds`.
  func validate(_ args: BoundArguments, _ name: String, _ distribution: String, _ constraint: String, _ holds: (Double) -> Bool) throws {
    guard checks(args), let i = names.firstIndex(of: name) else { return }
    if !tensors[i].values.doubles.allSatisfy(holds) {
      throw args.error(
        name, "Expected parameter \(name) (Tensor of shape \(Self.shapeText(shape))) of distribution \(distribution) to satisfy the constraint \(constraint), but found invalid values")
    }
  }

  static func shapeText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }
}
