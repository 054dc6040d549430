import PythonSubset
import RNGStreams
import TorchStreams

/// `torch.nn.Module`: the base class of every layer and of the user's
/// models, with PyTorch's methods over the module tree.
///
/// ```python
/// model = Net()
/// [n for n, p in model.named_parameters()]    # ['fc1.weight', 'fc1.bias', ...]
/// model.eval()                                # training False, recursively
/// model.load_state_dict(other.state_dict())   # copies values into the parameters
/// ```
///
/// Edge cases: `named_parameters()`, `parameters()`, `children()` and
/// `named_modules()` return lists (PyTorch returns generators; iterating
/// is the same); `state_dict()` is a dict whose values are the parameters
/// themselves (PyTorch's share their storage); `to(...)` accepts the CPU
/// only and changes nothing; `zero_grad()` sets each parameter's `.grad` to None
/// (zeros with `set_to_none=False`).
extension TorchScript {
  /// Makes `torch.nn.Module`.
  func makeModuleClass() throws -> ClassObject {
    let module = try ClassObject(name: "Module", bases: [Builtins.objectClass], module: "torch.nn.modules.module") { [unowned self] cls in
      TorchModuleInstance(class: cls, script: self)
    }
    define(module, "__init__(self, *args, **kwargs)") { m, _ in
      m.initialized = true
      return .none
    }
    module.setMember("__call__", .object(TorchModuleCall(script: self)))
    define(module, "forward(self, *input)") { m, args in
      throw EvaluationError("Module [\(m.typeName)] is missing the required \"forward\" function", at: args.callRange, type: "NotImplementedError")
    }
    define(module, "named_parameters(self, prefix='', recurse=True, remove_duplicate=True)") { m, args in
      .object(ListObject(m.namedParameters(prefix: try args.string("prefix") ?? "", recurse: try args.bool("recurse") ?? true).map {
        .tuple([.string($0.0), .object($0.1)])
      }))
    }
    define(module, "parameters(self, recurse=True)") { m, args in
      .object(ListObject(m.namedParameters(recurse: try args.bool("recurse") ?? true).map { .object($0.1) }))
    }
    define(module, "named_modules(self, memo=None, prefix='', remove_duplicate=True)") { m, args in
      .object(ListObject(m.namedModules(prefix: try args.string("prefix") ?? "").map { .tuple([.string($0.0), .object($0.1)]) }))
    }
    define(module, "modules(self)") { m, _ in .object(ListObject(m.namedModules().map { .object($0.1) })) }
    define(module, "named_children(self)") { m, _ in
      .object(ListObject(m.childModules.map { .tuple([.string($0.0), .object($0.1)]) }))
    }
    define(module, "children(self)") { m, _ in .object(ListObject(m.childModules.map { .object($0.1) })) }
    define(module, "state_dict(self, *args, destination=None, prefix='', keep_vars=False)") { m, _ in
      .object(DictObject(m.stateEntries().map { (.string($0.0), .object($0.1)) }))
    }
    define(module, "load_state_dict(self, state_dict, strict=True, assign=False)") { [unowned self] m, args in
      try loadStateDict(m, args)
    }
    define(module, "train(self, mode=True)") { m, args in
      m.setTraining(try args.bool("mode") ?? true)
      return .object(m)
    }
    define(module, "eval(self)") { m, _ in
      m.setTraining(false)
      return .object(m)
    }
    for name in ["to", "cpu", "float"] {
      define(module, "\(name)(self, *args, **kwargs)") { m, args in
        for v in args.extraPositional + args.extraKeywords.map(\.value) {
          switch v.value {
          case .string(let s) where s == "cpu": continue
          case .dtype(.float32) where name != "cpu": continue
          case .object(let d) where d.repr == "device(type='cpu')": continue
          default:
            throw EvaluationError(
              "\(name)(): rngdiff run emulates float32 modules on the CPU; accepted: 'cpu', torch.device('cpu'), torch.float32",
              at: v.range)
          }
        }
        return .object(m)
      }
    }
    define(module, "zero_grad(self, set_to_none=True)") { [unowned self] m, args in
      tape.clearGrads(m.namedParameters().map(\.1), toNone: try args.bool("set_to_none") ?? true)
      return .none
    }
    define(module, "apply(self, fn)") { m, args in
      let fn = args.value("fn") ?? .none
      func visit(_ node: TorchModuleInstance) throws {
        for (_, child) in node.childModules { try visit(child) }
        var call = Arguments(callRange: args.callRange, calleeRange: args.range("fn"))
        call.positional = [Located(.object(node), args.callRange)]
        _ = try ClassObject.callValue(fn, call)
      }
      try visit(m)
      return .object(m)
    }
    define(module, "add_module(self, name, module)") { m, args in
      try m.setAttribute(try args.string("name") ?? "", args.value("module") ?? .none)
      return .none
    }
    define(module, "register_module(self, name, module)") { m, args in
      try m.setAttribute(try args.string("name") ?? "", args.value("module") ?? .none)
      return .none
    }
    define(module, "register_parameter(self, name, param)") { [unowned self] m, args in
      let name = try args.string("name") ?? ""
      let value = args.value("param") ?? .none
      if value.isNone {
        TorchModuleInstance.put(&m.parameters, name, nil)
      } else if let p = parameter(value) {
        TorchModuleInstance.put(&m.parameters, name, p)
      } else {
        throw args.error("param", "cannot assign '\(typeDescription(value))' object to parameter '\(name)' (torch.nn.Parameter or None required)")
      }
      return .none
    }
    define(module, "register_buffer(self, name, tensor, persistent=True)") { m, args in
      let name = try args.string("name") ?? ""
      switch args.value("tensor") ?? .none {
      case .none: TorchModuleInstance.put(&m.buffers, name, nil)
      case .object(let a as ArrayObject) where a.kind == .torch: TorchModuleInstance.put(&m.buffers, name, a)
      case let v: throw args.error("tensor", "cannot assign '\(v.typeName)' object to buffer '\(name)' (torch Tensor or None required)")
      }
      return .none
    }
    define(module, "extra_repr(self)") { m, _ in .string(m.extraRepr) }
    return module
  }

  /// Adds a method to `cls` whose body gets the module it is called on.
  func define(_ cls: ClassObject, _ signature: String, _ body: @escaping (TorchModuleInstance, BoundArguments) throws -> Value) {
    let parsed = Signature(signature)
    cls.setMember(parsed.name, .object(BuiltinFunction(signature: parsed) { args in
      guard case .object(let m as TorchModuleInstance)? = args.value("self") else {
        throw EvaluationError(
          "\(parsed.name)() must be called on a torch.nn.Module, got \(args.value("self")?.typeName ?? "nothing")", at: args.callRange,
          type: "TypeError")
      }
      return try body(m, args)
    }))
  }

  /// `load_state_dict`: copies each entry's values into the parameter or
  /// buffer of the same name, with PyTorch's errors for missing, unexpected
  /// and mis-shaped entries.
  private func loadStateDict(_ m: TorchModuleInstance, _ args: BoundArguments) throws -> Value {
    guard case .object(let dict as DictObject)? = args.value("state_dict") else {
      throw args.error(
        "state_dict", "Expected state_dict to be dict-like, got \(args.value("state_dict")?.typeName ?? "None")")
    }
    let strict = try args.bool("strict") ?? true
    let own = m.stateEntries()
    var missing: [String] = []
    var matched: Set<String> = []
    for (name, target) in own {
      guard let value = dict[.string(name)] else {
        missing.append(name)
        continue
      }
      matched.insert(name)
      guard case .object(let source as ArrayObject) = value else {
        throw args.error("state_dict", "While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received \(value.typeName)")
      }
      guard source.tensor.arrayShape == target.tensor.arrayShape else {
        throw EvaluationError(
          "Error(s) in loading state_dict for \(m.typeName): size mismatch for \(name): copying a param with shape torch.Size(\(Self.shapeText(source.tensor.shape))) from checkpoint, the shape in current model is torch.Size(\(Self.shapeText(target.tensor.shape))).",
          at: args.range("state_dict"), type: "RuntimeError")
      }
      if source !== target {
        if let values = DrawnValues(torch: source.tensor), let dtype = TorchDType(target.tensor.dtype),
          let cast = DrawnValues(torchCasting: Tensor(values, shape: source.tensor.shape).storage, to: dtype)
        {
          target.tensor = Tensor(cast, shape: target.tensor.shape)
        } else {
          target.tensor = source.tensor
        }
      }
    }
    let unexpected = dict.entries.compactMap { entry -> String? in
      guard case .string(let k) = entry.key, !matched.contains(k) else { return nil }
      return k
    }
    if strict && (!missing.isEmpty || !unexpected.isEmpty) {
      var parts: [String] = []
      if !unexpected.isEmpty { parts.append("Unexpected key(s) in state_dict: " + unexpected.map { "\"\($0)\"" }.joined(separator: ", ") + ".") }
      if !missing.isEmpty { parts.insert("Missing key(s) in state_dict: " + missing.map { "\"\($0)\"" }.joined(separator: ", ") + ".", at: 0) }
      throw EvaluationError(
        "Error(s) in loading state_dict for \(m.typeName): " + parts.joined(separator: " "), at: args.range("state_dict"), type: "RuntimeError")
    }
    if missing.isEmpty && unexpected.isEmpty { return .object(TorchIncompatibleKeys(missing: [], unexpected: [])) }
    return .object(TorchIncompatibleKeys(missing: missing, unexpected: unexpected))
  }

  /// `[2, 3]` as `torch.Size` prints it inside the parentheses: `[2, 3]`.
  static func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// `Module.__call__`: runs `forward` with the call's arguments, with the
/// module on the forward stack so the draws inside name it.
final class TorchModuleCall: PythonObject {
  unowned let script: TorchScript

  init(script: TorchScript) { self.script = script }

  var typeName: String { "method-wrapper" }
  var repr: String { "<slot wrapper '__call__' of 'Module' objects>" }

  func call(_ arguments: Arguments) throws -> Value {
    guard case .object(let m as TorchModuleInstance)? = arguments.positional.first?.value else {
      throw EvaluationError("Module.__call__ needs a module", at: arguments.callRange, type: "TypeError")
    }
    guard let forward = try m.attribute("forward") else {
      throw EvaluationError("Module [\(m.typeName)] is missing the required \"forward\" function", at: arguments.callRange, type: "NotImplementedError")
    }
    var rest = arguments
    rest.positional.removeFirst()
    script.forwardStack.append(m)
    defer { script.forwardStack.removeLast() }
    return try ClassObject.callValue(forward, rest)
  }
}

/// What `load_state_dict` returns: `<All keys matched successfully>`, or
/// the keys that were missing or unexpected (with `strict=False`).
final class TorchIncompatibleKeys: PythonObject {
  let missing: [String]
  let unexpected: [String]

  init(missing: [String], unexpected: [String]) {
    self.missing = missing
    self.unexpected = unexpected
  }

  var typeName: String { "_IncompatibleKeys" }
  var repr: String {
    if missing.isEmpty && unexpected.isEmpty { return "<All keys matched successfully>" }
    func list(_ keys: [String]) -> String { "[" + keys.map { Value.string($0).repr }.joined(separator: ", ") + "]" }
    return "_IncompatibleKeys(missing_keys=\(list(missing)), unexpected_keys=\(list(unexpected)))"
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "missing_keys": return .object(ListObject(missing.map { .string($0) }))
    case "unexpected_keys": return .object(ListObject(unexpected.map { .string($0) }))
    default: return nil
    }
  }
}
