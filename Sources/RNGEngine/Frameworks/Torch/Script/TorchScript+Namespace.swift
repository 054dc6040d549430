import PythonSubset
import RNGStreams
import TorchStreams

/// The `torch` module a script imports: ``TorchSession/namespace`` (what
/// `rngdiff sample torch` has, and whatever other parts add to it) with
/// `torch.nn` made of classes, `torch.nn.functional`, seeding
/// (`torch.seed()`, `torch.Generator`, `get_rng_state`/`set_rng_state`)
/// and the elementwise activations.
///
/// ```python
/// import torch
/// import torch.nn.functional as F
/// torch.manual_seed(0); torch.initial_seed()     # 0
/// F.dropout(torch.ones(4), 0.5)                  # a mask drawn from the default generator
/// ```
extension TorchScript {
  /// Builds `torch` and returns it with `torch.nn`, `torch.nn.functional` and `torch.nn.init`.
  func makeModules() throws -> (torch: Namespace, nn: Namespace, functional: Namespace, initModule: Namespace) {
    let members = session.namespace
    guard case .object(let torch as Namespace)? = members["torch"], case .object(let nn as Namespace)? = try torch.attribute("nn"),
      case .object(let initModule as Namespace)? = try nn.attribute("init")
    else { throw EvaluationError("the torch module could not be made", at: nil) }
    moduleClass = try makeModuleClass()
    try defineLayers(in: nn)
    let functional = makeFunctional(nn)
    try defineLosses(in: nn, functional: functional, moduleClass)
    try defineSoftmax(in: torch, nn: nn, functional: functional, moduleClass)
    nn.define("functional", .object(functional))
    wrapInitFunctions(initModule)
    defineSeeding(in: torch)
    defineConfiguration(in: torch)
    for (index, rule) in Self.activations.enumerated() where rule.name != "GELU" {
      torch.define("\(rule.function)(input)") { [unowned self] args in
        try activation(index, try args.torchTensor("input").object, at: args.range("input"))
      }
    }
    let cuda = Namespace(name: "torch.cuda")
    cuda.define("is_available()") { _ in .bool(false) }
    cuda.define("device_count()") { _ in .int(PythonInt(0)) }
    cuda.define("manual_seed(seed)") { _ in .none }
    cuda.define("manual_seed_all(seed)") { _ in .none }
    torch.define("cuda", .object(cuda))
    torch.define("__version__", .string("2.13.0+cpu"))
    defineGradientModes(in: torch)
    torch.define("optim", .object(makeOptimizers()))
    nn.define("utils", .object(makeUtilities()))
    guardFunctions(torch)
    guardFunctions(functional)
    return (torch, nn, functional, initModule)
  }

  /// `torch.nn.functional`: `dropout` and `dropout2d` (drawing, attributed
  /// to the module whose forward pass calls them, role `mask`), `linear`
  /// and the activations.
  private func makeFunctional(_ nn: Namespace) -> Namespace {
    let f = Namespace(name: "torch.nn.functional")
    for (name, feature) in [("dropout", false), ("dropout2d", true)] {
      f.define("\(name)(input, p=0.5, training=True, inplace=False)") { [unowned self] args in
        let p = try args.double("p") ?? 0.5
        if !(p >= 0 && p <= 1) {
          throw EvaluationError(
            "dropout probability has to be between 0 and 1, but got \(args.value("p")?.repr ?? "")", at: args.range("p"), type: "ValueError")
        }
        return try consuming(currentModulePath, role: "mask") {
          try dropoutForward(
            args, p: p, training: try args.bool("training") ?? true, inplace: try args.bool("inplace") ?? false, feature: feature)
        }
      }
    }
    for (index, rule) in Self.activations.enumerated() {
      let signature = rule.name == "GELU" ? "gelu(input, approximate='none')" : "\(rule.function)(input, inplace=False)"
      f.define(signature) { [unowned self] args in
        if rule.name == "GELU", let a = try args.string("approximate"), a != "none" {
          throw args.error("approximate", "gelu(approximate='\(a)') is not emulated; accepted: 'none'")
        }
        return try activation(index, try args.torchTensor("input").object, at: args.range("input"))
      }
    }
    f.define("linear(input, weight, bias=None)") { [unowned self] args in
      let holder = TorchModuleInstance(class: moduleClass, script: self)
      created.removeLast()
      holder.parameters = [("weight", try args.torchTensor("weight").object), ("bias", try args.array("bias"))]
      return try linearForward(try args.torchTensor("input").object, holder, at: args.range("input"))
    }
    return f
  }

  /// `nn.init.*_` on a registered parameter draw with that parameter's path
  /// as consumer (role `init`).
  private func wrapInitFunctions(_ initModule: Namespace) {
    for name in initModule.attributeNames {
      guard case .object(let function as BuiltinFunction)? = try? initModule.attribute(name) else { continue }
      initModule.define(name, .object(TorchInitCall(function: function, script: self)))
    }
  }

  /// `torch.seed()`, `torch.Generator`, `torch.get_rng_state()` and `torch.set_rng_state(state)`.
  private func defineSeeding(in torch: Namespace) {
    let generator = session.generator
    torch.define("seed()") { args in
      let words = Entropy.words(2)
      let seed = UInt64(words[0]) << 32 | UInt64(words[1])
      try args.framework { try generator.state.manualSeed(seed, call: "torch.seed()", fromEntropy: true) }
      return .int(PythonInt(seed))
    }
    torch.define("get_rng_state()") { _ in .object(TorchRNGState(generator.state)) }
    torch.define("set_rng_state(new_state)") { args in
      guard case .object(let saved as TorchRNGState)? = args.value("new_state") else {
        throw args.error(
          "new_state", "set_rng_state() takes the value torch.get_rng_state() returned in this run, got \(args.value("new_state")?.typeName ?? "None")")
      }
      let observer = generator.state.observer
      generator.state = saved.state
      generator.state.observer = observer
      return .none
    }
    torch.define("Generator(device='cpu')") { [unowned self] args in
      if let device = args.value("device"), device.repr != "'cpu'" {
        throw args.error("device", "torch.Generator(): rngdiff run emulates CPU generators only; device must be 'cpu'")
      }
      generatorCount += 1
      var state = TorchGenerator(unseeded: "generator-\(generatorCount)")
      state.observer = recorder
      return .object(TorchGeneratorObject(state))
    }
  }
}

/// A `torch.nn.init` function whose draws name the parameter they fill.
final class TorchInitCall: PythonObject {
  let function: BuiltinFunction
  unowned let script: TorchScript

  init(function: BuiltinFunction, script: TorchScript) {
    self.function = function
    self.script = script
  }

  var typeName: String { "function" }
  var repr: String { "<function \(function.signature.name)>" }

  func call(_ arguments: Arguments) throws -> Value {
    let target = arguments.positional.first?.value ?? arguments.keywords.first { $0.name == "tensor" }?.value.value
    var path = script.currentModulePath
    if case .object(let a as ArrayObject)? = target, let p = script.parameterPaths[ObjectIdentifier(a)] { path = p }
    return try script.consuming(path, role: "init") { try function.call(arguments) }
  }
}

/// What `torch.get_rng_state()` returns in a run: the generator's whole
/// state, which `torch.set_rng_state` puts back. It stands for PyTorch's
/// 5056-byte `ByteTensor` but does not hold those bytes: use it only to
/// restore.
final class TorchRNGState: PythonObject {
  let state: TorchGenerator

  init(_ state: TorchGenerator) { self.state = state }

  var typeName: String { "torch.Tensor" }
  var repr: String { "<torch RNG state (5056 bytes in PyTorch; the engine keeps it opaque)>" }
}

/// `torch.Generator()`: a CPU generator of its own, from PyTorch's default
/// seed until `manual_seed`. Its draws are the stream `generator-N`.
final class TorchGeneratorObject: PythonObject {
  var state: TorchGenerator

  init(_ state: TorchGenerator) { self.state = state }

  var typeName: String { "torch._C.Generator" }
  var repr: String { "<torch._C.Generator object>" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "manual_seed":
      return .object(BuiltinFunction(signature: Signature("manual_seed(seed)")) { [self] args in
        guard let seed = args.values["seed"] else { return .object(self) }
        let value = try torchSeed(seed)
        try args.framework { try state.manualSeed(value, call: "\(state.stream.name).manual_seed(\(value))") }
        return .object(self)
      })
    case "initial_seed":
      return .object(BuiltinFunction(signature: Signature("initial_seed()")) { [self] _ in .int(PythonInt(state.initialSeed)) })
    case "seed":
      return .object(BuiltinFunction(signature: Signature("seed()")) { [self] args in
        let words = Entropy.words(2)
        let seed = UInt64(words[0]) << 32 | UInt64(words[1])
        try args.framework { try state.manualSeed(seed, call: "\(state.stream.name).seed()", fromEntropy: true) }
        return .int(PythonInt(seed))
      })
    case "get_state":
      return .object(BuiltinFunction(signature: Signature("get_state()")) { [self] _ in .object(TorchRNGState(state)) })
    case "set_state":
      return .object(BuiltinFunction(signature: Signature("set_state(new_state)")) { [self] args in
        guard case .object(let saved as TorchRNGState)? = args.value("new_state") else {
          throw args.error("new_state", "set_state() takes the value get_state() returned in this run")
        }
        let observer = state.observer
        state = saved.state
        state.observer = observer
        return .object(self)
      })
    case "device": return .string("cpu")
    default: return nil
    }
  }

  var attributeNames: [String] { ["device", "get_state", "initial_seed", "manual_seed", "seed", "set_state"] }
}
