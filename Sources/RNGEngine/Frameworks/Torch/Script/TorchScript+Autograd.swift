import PythonSubset

/// Autograd's face on tensors: `t.backward(gradient=None)`, `t.grad`,
/// `t.requires_grad`, `t.is_leaf`, `t.requires_grad_(flag)`, and the
/// gradient modes (`torch.no_grad()` records nothing inside).
///
/// ```python
/// w = torch.ones(3).requires_grad_()
/// (w * 2).sum().backward()
/// w.grad.tolist()          # [2.0, 2.0, 2.0]
/// ```
///
/// Edge case: an op with no backward rule here, given a tensor that requires
/// a gradient while gradients are on, is refused where it is called (its
/// result would silently cut the graph); under `torch.no_grad()` or on
/// `t.detach()` it runs.
extension TorchScript {
  /// Tensor methods and functions whose float result never carries a gradient in PyTorch either.
  static let gradientFree: Set<String> = [
    "detach", "zeros_like", "ones_like", "full_like", "empty_like", "rand_like", "randn_like", "randint_like",
    "uniform_", "normal_", "bernoulli_", "random_", "requires_grad_", "backward", "manual_seed", "tensor",
  ]

  /// Whether `result` holds a float tensor that is off the tape.
  static func offTape(_ result: Value, _ tape: TorchTape) -> Bool {
    switch result {
    case .object(let a as ArrayObject):
      return (a.tensor.dtype == .float32 || a.tensor.dtype == .float64) && !tape.requiresGrad(a)
    case .tuple(let items): return items.contains { offTape($0, tape) }
    default: return false
    }
  }

  /// The tensors among a call's arguments (lists and tuples of tensors included).
  static func tensors(in values: [Value]) -> [ArrayObject] {
    values.flatMap { v -> [ArrayObject] in
      switch v {
      case .object(let a as ArrayObject): return [a]
      case .object(let l as ListObject): return tensors(in: l.elements)
      case .tuple(let items): return tensors(in: items)
      default: return []
      }
    }
  }

  static func untracked(_ name: String, at range: SourceRange) -> EvaluationError {
    EvaluationError(
      "autograd through \(name) is not emulated; call it on t.detach() or inside torch.no_grad(), or see docs/scripts.md for the ops that have gradients",
      at: range)
  }

  /// Wraps every tensor method so one without a backward rule refuses a tensor that requires grad.
  static func guardMethods(_ methods: inout ArrayMethods, _ tape: TorchTape) {
    for (name, body) in methods.methods where !gradientFree.contains(name) {
      methods.methods[name] = { [unowned tape] a, arguments in
        if name == "numpy" && tape.requiresGrad(a) {
          throw EvaluationError(
            "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.", at: arguments.callRange, type: "RuntimeError")
        }
        let result = try body(a, arguments)
        if tape.enabled && tape.requiresGrad(a) && offTape(result, tape) { throw untracked("Tensor.\(name)()", at: arguments.callRange) }
        return result
      }
    }
  }

  /// Wraps the functions of `namespace` the same way (`torch.cat`, `F.gelu`, …), and makes
  /// a tensor created with `requires_grad=True` (`torch.zeros(3, requires_grad=True)`) a leaf.
  func guardFunctions(_ namespace: Namespace) {
    for name in namespace.attributeNames {
      guard case .object(let f)? = try? namespace.attribute(name), f is BuiltinFunction || f is TorchSizedFunction else { continue }
      namespace.define(name, .object(GuardedFunction(f, name: "\(namespace.name).\(name)()", free: Self.gradientFree.contains(name), tape: tape)))
    }
  }

  /// `t.grad_fn`: the op that made a recorded tensor, by PyTorch's name (`MulBackward0`).
  final class GradFunction: PythonObject {
    let name: String
    init(name: String) { self.name = name }
    var typeName: String { name }
    var repr: String { "<\(name) object>" }
    func attribute(_ attributeName: String) throws -> Value? {
      attributeName == "name" ? .object(BuiltinFunction(signature: Signature("name()")) { [name] _ in .string(name) }) : nil
    }
  }

  /// A torch function behind autograd's checks (see ``TorchScript/guardFunctions(_:)``).
  final class GuardedFunction: PythonObject {
    let inner: PythonObject
    let name: String
    let free: Bool
    unowned let tape: TorchTape

    init(_ inner: PythonObject, name: String, free: Bool, tape: TorchTape) {
      self.inner = inner
      self.name = name
      self.free = free
      self.tape = tape
    }

    var typeName: String { inner.typeName }
    var repr: String { inner.repr }

    func call(_ arguments: Arguments) throws -> Value {
      let result = try inner.call(arguments)
      if let flag = arguments.keywords.first(where: { $0.name == "requires_grad" })?.value, flag.value.isTruthy,
        case .object(let made as ArrayObject) = result
      {
        guard made.tensor.dtype == .float32 else {
          throw EvaluationError(
            made.tensor.dtype == .float64
              ? "autograd is emulated for float32 tensors; requires_grad=True on a torch.float64 tensor is not"
              : "Only Tensors of floating point and complex dtype can require gradients",
            at: flag.range, type: made.tensor.dtype == .float64 ? nil : "RuntimeError")
        }
        tape.markLeaf(made)
      }
      guard !free, tape.enabled, TorchScript.offTape(result, tape) else { return result }
      let inputs = TorchScript.tensors(in: arguments.positional.map(\.value) + arguments.keywords.map(\.value.value))
      if inputs.contains(where: tape.requiresGrad) { throw TorchScript.untracked(name, at: arguments.callRange) }
      return result
    }
  }

  static func addAutogradMethods(to methods: inout ArrayMethods, _ tape: TorchTape) {
    guardMethods(&methods, tape)
    methods.properties["grad"] = { [unowned tape] a in tape.grad(a).map { .object($0) } ?? .none }
    methods.properties["grad_fn"] = { a in (a.autograd as? TorchTape.Node).map { .object(GradFunction(name: $0.name)) } ?? .none }
    methods.properties["requires_grad"] = { [unowned tape] a in .bool(tape.requiresGrad(a)) }
    methods.properties["is_leaf"] = { [unowned tape] a in .bool(!tape.requiresGrad(a) || tape.isLeaf(a)) }
    methods.define("backward(gradient=None, retain_graph=None, create_graph=False, inputs=None)") { [unowned tape] a, args in
      var gradient: [Float]?
      if let g = try args.array("gradient") {
        guard case .float(let v) = g.tensor.storage, g.tensor.shape == a.tensor.shape else {
          throw args.error("gradient", "backward(gradient=…) must be a float32 tensor of the output's shape \(a.tensor.shape)")
        }
        gradient = v
      }
      if args.value("create_graph")?.isTruthy == true {
        throw args.error("create_graph", "backward(create_graph=True) (higher-order gradients) is not emulated")
      }
      try tape.backward(a, gradient: gradient, at: args.callRange)
      return .none
    }
    methods.define("requires_grad_(requires_grad=True)") { [unowned tape] a, args in
      let on = try args.bool("requires_grad") ?? true
      if on && a.tensor.dtype != .float32 {
        throw EvaluationError("autograd is emulated for float32 tensors; got torch.\(a.tensor.dtype.rawValue)", at: args.callRange)
      }
      tape.markLeaf(a, on)
      return .object(a)
    }
  }

  /// `torch.no_grad()`, `torch.enable_grad()`, `torch.inference_mode()`: context managers setting the tape's mode.
  func defineGradientModes(in torch: Namespace) {
    for (name, mode) in [("no_grad", false), ("enable_grad", true), ("inference_mode", false)] {
      torch.define("\(name)(*args)") { [unowned self] _ in
        let context = Namespace(name: "torch.\(name)")
        var saved: [Bool] = []
        context.define("__enter__()") { [unowned self] _ in
          saved.append(tape.enabled)
          tape.enabled = mode
          return .none
        }
        context.define("__exit__(*args)") { [unowned self] _ in
          tape.enabled = saved.popLast() ?? true
          return .bool(false)
        }
        return .object(context)
      }
    }
    torch.define("is_grad_enabled()") { [unowned self] _ in .bool(tape.enabled) }
  }
}
