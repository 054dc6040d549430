import JAXStreams
import PythonSubset
import RNGStreams

/// A `flax.linen.Module`: a user's subclass (`class MLP(nn.Module)`), or a
/// built-in layer (`nn.Dense`, `nn.Dropout`, `nn.Sequential`).
///
/// ```python
/// class MLP(nn.Module):
///     hidden: int = 16
///     @nn.compact
///     def __call__(self, x, train=False):
///         x = nn.relu(nn.Dense(self.hidden)(x))
///         x = nn.Dropout(0.5, deterministic=not train)(x)
///         return nn.Dense(1)(x)
/// params = MLP().init(jax.random.key(0), x)
/// y = MLP().apply(params, x, train=True, rngs={"dropout": jax.random.key(1)})
/// ```
///
/// Fields are keyword arguments (`MLP(hidden=32)`), or positional in the
/// order the class defines defaults for them. A module is bound to a
/// ``FlaxScope`` while an `init`/`apply` runs: the top module to the root;
/// a submodule to a child scope named by its `name=`, the attribute `setup`
/// assigned it to (`dense`, `layers_0`) or the field it was passed as
/// (`inner`), or its class and a per-class
/// counter (`Dense_0`) — when it is constructed inside a running module, as
/// Flax names it, else at its first call.
///
/// Edge cases: calling a module outside `init`/`apply`, `apply` without a
/// parameter a module asks for, and `method=`/`mutable=` other than the
/// defaults are refused with one located sentence.
final class FlaxModule: InstanceObject {
  enum Builtin {
    case user
    case dense(features: Int, useBias: Bool, kernelInit: Value, biasInit: Value)
    case dropout(rate: Double, deterministic: Bool?, rngCollection: String)
    case sequential([Value])
  }

  unowned let session: JAXRunSession
  var builtin: Builtin = .user
  /// `name=` given at construction.
  var explicitName: String?
  /// The name `setup` gave it (the attribute), with the module that ran `setup`.
  var setupName: String?
  weak var setupParent: FlaxModule?
  /// The scope of the current `init`/`apply`, and which run it belongs to.
  var scope: FlaxScope?
  var generation = -1
  private(set) var isInSetup = false

  init(class cls: ClassObject, session: JAXRunSession) {
    self.session = session
    super.init(class: cls)
  }

  var className: String { pythonClass.name }

  override func nativeAttribute(_ name: String) throws -> Value? {
    switch name {
    case "init":
      return .object(BuiltinFunction(signature: Signature("init(rngs, *args, method=None, mutable=None, **kwargs)")) { [self] args in
        try self.session.flaxInit(self, args)
      })
    case "apply":
      return .object(BuiltinFunction(signature: Signature("apply(variables, *args, rngs=None, method=None, mutable=False, **kwargs)")) { [self] args in
        try self.session.flaxApply(self, args)
      })
    case "param":
      return .object(BuiltinFunction(signature: Signature("param(name, init_fn, *init_args)")) { [self] args in
        try self.session.flaxParam(self, args)
      })
    case "make_rng":
      return .object(BuiltinFunction(signature: Signature("make_rng(name='params')")) { [self] args in
        let scope = try self.boundScope(at: args.callRange)
        let collection = try args.string("name") ?? "params"
        let key = try self.session.frameworkCall(at: args.callRange) { try scope.rngKey(collection, self.session.jaxRandom()) }
        return .object(ArrayObject(jaxKeys: [key], shape: [], typed: true))
      })
    case "is_initializing":
      return .object(BuiltinFunction(signature: Signature("is_initializing()")) { [self] _ in
        .bool(self.scope?.initializing ?? false)
      })
    case "name":
      return explicitName.map { .string($0) } ?? setupName.map { .string($0) } ?? scope?.path.last.map { .string($0) } ?? Value.none
    case "features": if case .dense(let f, _, _, _) = builtin { return .int(PythonInt(f)) }
    case "rate": if case .dropout(let r, _, _) = builtin { return .float(r) }
    case "layers": if case .sequential(let l) = builtin { return .object(ListObject(l)) }
    default: break
    }
    return nil
  }

  /// Names a module that `setup` assigns to an attribute (lists: `name_0`, `name_1`, …).
  override func didSetAttribute(_ name: String, _ value: Value) throws {
    guard isInSetup else { return }
    adopt(value, as: name)
  }

  /// Makes the not yet named modules in `value` (a module, or a list or
  /// tuple of them) children of this one, named `name` (`name_0`, …): what
  /// Flax does with a submodule assigned in `setup` or passed as a field
  /// (`Wrapper(inner=nn.Dense(2))` gives `inner`). A module already named
  /// where it was made stays where it is.
  func adopt(_ value: Value, as name: String) {
    let items: [Value]
    switch value {
    case .object(let m as FlaxModule):
      guard !m.isBound else { return }
      m.setupName = name
      m.setupParent = self
      return
    case .object(let list as ListObject): items = list.elements
    case .tuple(let t): items = t
    default: return
    }
    for (i, item) in items.enumerated() {
      if case .object(let m as FlaxModule) = item, !m.isBound {
        m.setupName = "\(name)_\(i)"
        m.setupParent = self
      }
    }
  }

  /// The scope this module is bound to in the current run.
  func boundScope(at range: SourceRange) throws -> FlaxScope {
    guard let scope, generation == session.flaxGeneration else {
      throw EvaluationError(
        "a Flax module can only use parameters and PRNGs inside init() or apply(); call model.init(key, x) or model.apply(params, x)",
        at: range)
    }
    return scope
  }

  /// Binds this module for the current run (a submodule at its first call) and runs `setup` once.
  func bind(at range: SourceRange) throws {
    if generation == session.flaxGeneration, scope != nil { return }
    guard let parent = setupParent ?? session.flaxStack.last, parent !== self else {
      throw EvaluationError(
        "the Flax module \(className) is called outside init()/apply(); call model.init(key, x) or model.apply(params, x)", at: range)
    }
    let parentScope = try parent.boundScope(at: range)
    let name = explicitName ?? setupName ?? parentScope.autoName(className)
    attach(parentScope.child(name))
  }

  /// Names and binds a module made while another one runs, as Flax's
  /// `__post_init__` does: in a compact `__call__` (or any method but
  /// `setup`), a module takes its name when it is constructed, so
  /// `nn.Dense(4)(nn.Dense(8)(x))` makes the outer `Dense(4)` first, as
  /// `Dense_0`. In `setup` an unnamed module waits for the attribute it is
  /// assigned to; a module made outside `init`/`apply` waits for its first call.
  func bindAtConstruction() {
    guard let parent = session.flaxStack.last, parent !== self, !(parent.isInSetup && explicitName == nil),
      let parentScope = parent.scope, parent.generation == session.flaxGeneration
    else { return }
    attach(parentScope.child(explicitName ?? parentScope.autoName(className)))
  }

  /// Whether this module already has its scope in the current run.
  var isBound: Bool { scope != nil && generation == session.flaxGeneration }

  /// Makes `scope` this module's scope for the current run and runs `setup`.
  func attach(_ scope: FlaxScope) {
    self.scope = scope
    generation = session.flaxGeneration
  }

  func runSetup(at range: SourceRange) throws {
    guard case .user = builtin, pythonClass.lookup("setup") != nil else { return }
    isInSetup = true
    defer { isInSetup = false }
    session.flaxStack.append(self)
    defer { session.flaxStack.removeLast() }
    _ = try callDunder("setup", [], at: range)
  }

  override func call(_ arguments: Arguments) throws -> Value {
    try bind(at: arguments.callRange)
    if !ranSetup.contains(session.flaxGeneration) {
      ranSetup.insert(session.flaxGeneration)
      try runSetup(at: arguments.callRange)
    }
    session.flaxStack.append(self)
    defer { session.flaxStack.removeLast() }
    switch builtin {
    case .user: return try super.call(arguments)
    case .dense: return try session.flaxDense(self, arguments)
    case .dropout: return try session.flaxDropout(self, arguments)
    case .sequential(let layers):
      var arguments = arguments
      var result: Value = .none
      for (i, layer) in layers.enumerated() {
        result = try ClassObject.callValue(layer, arguments)
        if i < layers.count - 1 {
          arguments = Arguments(positional: [Located(result, arguments.callRange)], callRange: arguments.callRange, calleeRange: arguments.calleeRange)
        }
      }
      return result
    }
  }

  /// The runs whose `setup` this module already ran.
  var ranSetup: Set<Int> = []
}
