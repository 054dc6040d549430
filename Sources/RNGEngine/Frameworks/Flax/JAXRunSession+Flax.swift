import JAXStreams
import PythonSubset
import RNGStreams
import RNGTrace

extension JAXRunSession {
  /// `flax.linen`: `Module`, `compact`, `Dense`, `Dropout`, `Sequential`,
  /// the activations of `jax.nn`, and `initializers`.
  func flaxLinen() throws -> Namespace {
    if let linen { return linen }
    let made = Namespace(name: "flax.linen")
    let module = try ClassObject(name: "Module", bases: [Builtins.objectClass], module: "flax.linen") { [unowned self] cls in
      FlaxModule(class: cls, session: self)
    }
    module.setMember("__init__", .object(BuiltinFunction(signature: Signature("__init__(self, *args, name=None, parent=None, **fields)")) { args in
      guard case .object(let m as FlaxModule)? = args.value("self") else { return .none }
      try Self.setFields(m, args)
      m.bindAtConstruction()
      return .none
    }))
    made.define("Module", .object(module))
    made.define("compact(fun)") { args in args.value("fun") ?? .none }
    made.define("nowrap(fun)") { args in args.value("fun") ?? .none }
    for name in ["relu", "sigmoid", "tanh", "softmax", "log_softmax", "one_hot"] {
      if let f = nn.members[name] { made.define(name, f) }
    }
    let initializers = FlaxInitializers.namespace(self)  // the same functions as jax.nn.initializers
    made.define("initializers", .object(initializers))
    try defineLayers(in: made, module: module, initializers: initializers)
    linen = made
    return made
  }

  /// Sets a user module's fields from the constructor's arguments.
  static func setFields(_ m: FlaxModule, _ args: BoundArguments) throws {
    if let name = try args.string("name") { m.explicitName = name }
    // Positional fields follow the class's fields with defaults, in definition order.
    var fields: [String] = []
    for cls in m.pythonClass.mro.reversed() where cls.module != "flax.linen" && cls !== Builtins.objectClass {
      for member in cls.members where !member.name.hasPrefix("_") && !fields.contains(member.name) {
        switch member.value {
        case .object(let o) where o is PythonFunction || o is ClassObject || o is BuiltinFunction: continue
        case .object(let o) where String(describing: type(of: o)).contains("Method") || String(describing: type(of: o)).contains("Property"): continue
        default: fields.append(member.name)
        }
      }
    }
    for (i, p) in args.extraPositional.enumerated() {
      guard i < fields.count else {
        throw EvaluationError(
          "\(m.className)() got \(args.extraPositional.count) positional arguments but has \(fields.count) fields with defaults; pass fields by keyword, e.g. \(m.className)(\(fields.first ?? "name")=...)",
          at: p.range, type: "TypeError")
      }
      try m.setAttribute(fields[i], p.value)
      m.adopt(p.value, as: fields[i])
    }
    for (name, value) in args.extraKeywords {
      try m.setAttribute(name, value.value)
      m.adopt(value.value, as: name)
    }
  }

  /// The root rngs of `init(rngs)` / `apply(rngs=)`: a key means `{'params': key}`.
  func flaxRngs(_ value: Value?, _ args: BoundArguments, _ name: String) throws -> [String: JAXKey] {
    guard let value, !value.isNone else { return [:] }
    if case .object(let a as ArrayObject) = value, let (keys, shape, _) = a.jaxKeys, shape.isEmpty, let key = keys.first {
      return ["params": key]
    }
    guard case .object(let dict as DictObject) = value else {
      throw args.error(name, "\(name) must be a key such as jax.random.key(0) or a dict such as {'params': key, 'dropout': key}, got \(JAXBinding.describe(value))")
    }
    var out: [String: JAXKey] = [:]
    for (k, v) in dict.entries {
      guard case .string(let collection) = k, case .object(let a as ArrayObject) = v, let (keys, shape, _) = a.jaxKeys, shape.isEmpty, let key = keys.first else {
        throw args.error(name, "\(name) must map collection names to single keys, got \(k.repr): \(JAXBinding.describe(v))")
      }
      out[collection] = key
    }
    return out
  }

  /// `model.init(rngs, *args, **kwargs)`: runs `__call__` with every parameter created; `{'params': …}`.
  func flaxInit(_ m: FlaxModule, _ args: BoundArguments) throws -> Value {
    try args.requireNone("method")
    let rngs = try flaxRngs(args.value("rngs"), args, "rngs")
    let params = DictObject()
    let root = FlaxScope(path: [], rngs: rngs, params: params, initializing: true)
    _ = try run(m, root, args)
    return .object(DictObject([(.string("params"), .object(params))]))
  }

  /// `model.apply(variables, *args, rngs=None, **kwargs)`: `__call__` with the given parameters.
  func flaxApply(_ m: FlaxModule, _ args: BoundArguments) throws -> Value {
    try args.requireNone("method")
    try args.requireDefault("mutable", isDefault: { !$0.isTruthy }, accepted: "False")
    guard case .object(let variables as DictObject)? = args.value("variables") else {
      throw args.error("variables", "apply() takes the variables init() returned, such as {'params': params}")
    }
    var params: DictObject?
    if case .object(let p as DictObject)? = variables[.string("params")] { params = p }
    let rngs = try flaxRngs(args.value("rngs"), args, "rngs")
    let root = FlaxScope(path: [], rngs: rngs, params: params, initializing: false)
    return try run(m, root, args)
  }

  private func run(_ m: FlaxModule, _ root: FlaxScope, _ args: BoundArguments) throws -> Value {
    flaxGeneration += 1
    let savedStack = flaxStack
    flaxStack = []
    defer { flaxStack = savedStack }
    m.attach(root)
    let call = Arguments(positional: args.extraPositional, keywords: args.extraKeywords, callRange: args.callRange)
    return try m.call(call)
  }

  /// `self.param(name, init_fn, *init_args)`.
  func flaxParam(_ m: FlaxModule, _ args: BoundArguments) throws -> Value {
    let scope = try m.boundScope(at: args.callRange)
    let name = try args.string("name") ?? ""
    let path = (["params"] + scope.path + [name]).joined(separator: "/")
    let initArgs = args.extraPositional.map(\.value)
    return try param(scope, name: name, path: path, at: args.callRange) { key in
      var call = Arguments(callRange: args.callRange)
      call.positional = ([.object(ArrayObject(jaxKeys: [key], shape: [], typed: true))] + initArgs).map { Located($0, args.callRange) }
      return try ClassObject.callValue(args.value("init_fn") ?? .none, call)
    }
  }

  /// A parameter: made with `make` and the scope's next `params` key in `init`, read in `apply`.
  func param(_ scope: FlaxScope, name: String, path: String, at range: SourceRange, _ make: (JAXKey) throws -> Value) throws -> Value {
    if let existing = scope.params?[.string(name)] { return existing }
    guard scope.initializing else {
      throw EvaluationError(
        "apply() has no parameter '\(path)': the variables passed do not hold it (pass what init() returned)", at: range, type: "flax.errors.ScopeParamNotFoundError")
    }
    let value = try consuming(path, role: "init") {
      let key = try frameworkCall(at: range) { try scope.rngKey("params", jaxRandom()) }
      return try make(key)
    }
    scope.ensureParams()[.string(name)] = value
    if let recorder, let a = JAXArrays.array(value), let values = a.tensor.drawnValues {
      try recorder.tensor(path, moment: .initial, shape: a.tensor.shape, values: values)
    }
    return value
  }

  /// Runs `body` with `path` as the consumer of its draws (when recording).
  func consuming<T>(_ path: String, role: String, _ body: () throws -> T) throws -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(path, role: role, body)
  }

  /// Converts a ``FrameworkError`` into a located error.
  func frameworkCall<T>(at range: SourceRange, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: range)
    } catch let e as FlaxScope.InvalidRng {
      throw EvaluationError(e.message, at: range, type: "flax.errors.InvalidRngError")
    }
  }
}
