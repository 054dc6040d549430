import PythonSubset
import RNGStreams
import TorchStreams

/// The `torch.*` functions of a session: samplers, tensor constructors and
/// seeding, with PyTorch's Python signatures.
extension TorchSession {
  /// Adds the samplers, constructors, `manual_seed` and `initial_seed` to `ns`.
  func defineFunctions(in ns: Namespace) {
    defineSamplers(in: ns)
    defineLikeSamplers(in: ns)
    defineConstructors(in: ns)
    defineCreation(in: ns)
    ns.define("manual_seed(seed)") { [generator] args in try generator.manualSeed(args) }
    ns.define("initial_seed()") { [generator] _ in generator.initialSeed }
  }

  /// `rand`, `randn`, `randint`, `randperm` (`normal` is in TorchSession+Distributions).
  private func defineSamplers(in ns: Namespace) {
    let sized = "*size, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False, pin_memory=False"
    ns.define("rand", .object(TorchSizedFunction("rand(\(sized))") { args, shape in
      try args.requireDefaultCPUGenerator()
      let dtype = try args.torchDType() ?? .float32
      return try draw(args, shape: shape) { try $0.rand(shape, dtype: dtype) }
    }))
    ns.define("randn", .object(TorchSizedFunction("randn(\(sized))") { args, shape in
      try args.requireDefaultCPUGenerator()
      let dtype = try args.torchDType() ?? .float32
      return try draw(args, shape: shape) { try $0.randn(shape, dtype: dtype) }
    }))
    ns.define(
      "randint(low=0, high=None, size=None, *, generator=None, out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False)"
    ) { args in
      try args.requireDefaultCPUGenerator()
      // PyTorch's overloads: randint(high, size) and randint(low, high, size).
      var low = args.values["low"].flatMap { $0.value.isNone ? nil : $0 }
      var high = args.values["high"].flatMap { $0.value.isNone ? nil : $0 }
      var size = args.values["size"].flatMap { $0.value.isNone ? nil : $0 }
      if size == nil, high != nil {
        (low, high, size) = (nil, low, high)
      } else if high == nil {
        (low, high) = (nil, low)
      }
      guard let high else {
        throw EvaluationError("randint() missing required argument 'high'; accepted: \(args.signature.text)", at: args.callRange)
      }
      guard let size else {
        throw EvaluationError("randint() missing required argument 'size'; accepted: \(args.signature.text)", at: args.callRange)
      }
      let lowValue = try low.map { try BoundArguments.torchInt($0, function: "randint", parameter: "low") } ?? 0
      let highValue = try BoundArguments.torchInt(high, function: "randint", parameter: "high")
      let shape = try BoundArguments.torchShape(size, function: "randint", parameter: "size")
      let dtype = try args.torchDType() ?? .int64
      do {
        return tensor(try generator.state.randint(lowValue, highValue, shape, dtype: dtype), shape: shape)
      } catch let e as FrameworkError {
        let place = e.parameter == "low" ? low?.range : e.parameter == "high" ? high.range : nil
        throw EvaluationError(e.message, at: place ?? args.callRange)
      }
    }
    ns.define(
      "randperm(n, *, generator=None, out=None, dtype=torch.int64, layout=torch.strided, device=None, requires_grad=False, pin_memory=False)"
    ) { args in
      try args.requireDefaultCPUGenerator()
      let n = try args.torchInt("n") ?? 0
      let dtype = try args.torchDType() ?? .int64
      let shape = [Int(clamping: n)]
      return try draw(args, shape: shape) { try $0.randperm(n, dtype: dtype) }
    }
  }

  /// `rand_like`, `randn_like`, `randint_like`: the shape (and by default
  /// the dtype) of another tensor.
  private func defineLikeSamplers(in ns: Namespace) {
    let options = "generator=None, dtype=None, layout=None, device=None, requires_grad=False, memory_format=torch.preserve_format"
    func like(_ args: BoundArguments) throws -> (shape: [Int], dtype: TorchDType) {
      try args.requireDefaultCPUGenerator()
      let input = try args.torchTensor("input")
      return (input.object.tensor.shape, try args.torchDType() ?? input.dtype)
    }
    ns.define("rand_like(input, *, \(options))") { args in
      let (shape, dtype) = try like(args)
      return try draw(args, shape: shape) { try $0.rand(shape, dtype: dtype) }
    }
    ns.define("randn_like(input, *, \(options))") { args in
      let (shape, dtype) = try like(args)
      return try draw(args, shape: shape) { try $0.randn(shape, dtype: dtype) }
    }
    ns.define("randint_like(input, low=0, high=None, *, \(options))") { args in
      let (shape, dtype) = try like(args)
      var low = try args.torchInt("low")
      var high = try args.torchInt("high")
      if high == nil { (low, high) = (0, low) }
      guard let high else {
        throw EvaluationError("randint_like() missing required argument 'high'; accepted: \(args.signature.text)", at: args.callRange)
      }
      return try draw(args, shape: shape) { try $0.randint(low ?? 0, high, shape, dtype: dtype) }
    }
  }

  /// `empty`, `zeros`, `ones`, `full`, `tensor`: tensors without draws, to
  /// fill in place or to pass to `dropout`.
  private func defineConstructors(in ns: Namespace) {
    let options = "out=None, dtype=None, layout=torch.strided, device=None, requires_grad=False"
    for (name, fill, extra) in [
      ("empty", Int64(0), ", pin_memory=False, memory_format=torch.contiguous_format"), ("zeros", 0, ""), ("ones", 1, ""),
    ] {
      ns.define(name, .object(TorchSizedFunction("\(name)(*size, \(options)\(extra))") { args, shape in
        try args.requireDefaultCPUGenerator()
        let dtype = try args.torchDType() ?? .float32
        let count = shape.elementCount
        return tensor(DrawnValues(wrapping: [Int64](repeating: fill, count: count), as: dtype.elementType), shape: shape)
      }))
    }
    ns.define("full(size, fill_value, *, \(options))") { args in
      try args.requireDefaultCPUGenerator()
      let shape = try args.torchShape("size") ?? []
      let fill = args.value("fill_value") ?? .none
      // PyTorch's default dtype follows the fill value: bool, int64 or float32.
      let inferred: TorchDType
      let storage: Tensor.Storage
      switch fill {
      case .bool(let b): (inferred, storage) = (.bool, .bool([b]))
      case .int(let i):
        guard let n = i.int64 else { throw args.error("fill_value", "full() fill_value does not fit in int64: \(i)") }
        (inferred, storage) = (.int64, .int([n]))
      case .float(let d): (inferred, storage) = (.float32, .double([d]))
      default:
        throw args.error("fill_value", "full() argument 'fill_value' must be a number, got \(fill.typeName) \(fill.repr)")
      }
      let dtype = try args.torchDType() ?? inferred
      guard let one = DrawnValues(torchCasting: storage, to: dtype) else {
        throw args.error("fill_value", "full() cannot convert \(fill.repr) to torch.\(dtype.name)")
      }
      return tensor(one.repeated(shape.elementCount), shape: shape)
    }
    ns.define("tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False)") { args in
      try args.requireDefaultCPUGenerator()
      let data = args.value("data") ?? .none
      guard let source = SampleOutput.asArray(data) else {
        throw args.error("data", "tensor() needs a number, a bool, a tensor or a rectangular (nested) list of them, got \(data.typeName) \(data.repr)")
      }
      if case .big = source.storage {
        throw args.error("data", "tensor(): Overflow when unpacking long: a value does not fit in int64")
      }
      let copiesATensor: Bool
      if case .object(let o) = data, o is ArrayObject { copiesATensor = true } else { copiesATensor = false }
      // Python floats become float32 (PyTorch's default dtype), ints int64, bools bool.
      let inferred = copiesATensor ? TorchDType(source.dtype) : (source.dtype == .float64 ? .float32 : TorchDType(source.dtype))
      guard let dtype = try args.torchDType() ?? inferred else {
        throw args.error("data", "rngdiff does not emulate torch.\(source.dtype.rawValue) tensors; accepted: \(TorchDType.acceptedNames)")
      }
      guard let values = DrawnValues(torchCasting: source.storage, to: dtype) else {
        throw args.error("data", "tensor() cannot convert a NaN, infinite or too large value to torch.\(dtype.name)")
      }
      return tensor(values, shape: source.shape)
    }
  }

  /// `count` copies of a one-element value.

}
