import JAXStreams
import RNGRecording
import PythonSubset
import RNGStreams

/// JAX in one `rngdiff run` process: the `jax`, `jax.random`, `jax.numpy`
/// and `jax.nn` modules, and the configuration `jax.config.update` changes.
///
/// ```python
/// import jax, jax.numpy as jnp
/// from jax import random
/// jax.config.update("jax_threefry_partitionable", False)
/// k1, k2 = random.split(random.key(0))
/// ```
///
/// `jax.random` is the binding `rngdiff sample jax` has (one copy of each
/// sampler); a configuration change rebuilds its functions under the new
/// flags, so `random.split` looked up after `jax.config.update` follows the
/// new layout, as in JAX. The default is JAX 0.10.2's (partitionable, x32).
///
/// Edge cases: a configuration name other than `jax_threefry_partitionable`,
/// `jax_enable_x64` and `jax_default_prng_impl`, or a value that is not a
/// bool (an emulated implementation's name for `jax_default_prng_impl`), is
/// refused with one located sentence; a function imported by name before a change
/// (`from jax.random import split`) keeps the flags it was made under.
final class JAXRunSession {
  let observer: (any DrawObserver)?
  /// The trace recorder, for consumer paths (Flax parameters, dropout).
  var recorder: TraceRecorder?
  var importedFlax = false, importedOptax = false
  /// `flax.linen`, made at the first import of Flax.
  var linen: Namespace?
  /// The Flax `init`/`apply` runs so far (module bindings of older runs are stale).
  var flaxGeneration = 0
  /// The Flax modules whose methods are running, innermost last.
  var flaxStack: [FlaxModule] = []

  /// `jax.random` under the current configuration, reporting to the trace.
  func jaxRandom() -> JAXRandom { JAXRandom(config: config, observer: observer) }
  private(set) var config = JAXConfig()
  /// Whether the script set a flag (recorded in the profile).
  private(set) var configChanges: [(name: String, value: String)] = []
  let jax = Namespace(name: "jax")
  let random = Namespace(name: "jax.random")
  let numpy = Namespace(name: "jax.numpy")
  let nn = Namespace(name: "jax.nn")
  let configObject = Namespace(name: "jax.config")

  /// The names of `rngdiff sample jax` that build arguments rather than draw;
  /// they belong to `jax.numpy`, not `jax.random`.
  static let arrayNames: Set<String> = Set(["array", "arange", "reshape", "inf", "bool_"] + JAXDType.allCases.map(\.name))

  init(observer: (any DrawObserver)?) throws {
    self.observer = observer
    try rebuild()
    jax.define("random", .object(random))
    jax.define("numpy", .object(numpy))
    jax.define("nn", .object(nn))
    jax.define("config", .object(configObject))
    jax.define("__version__", .string("0.10.2"))
    configObject.define("update(name, val)") { [unowned self] args in
      try self.update(args)
      return .none
    }
    JAXNumPy.define(in: numpy)
    JAXNumPy.defineNN(in: nn)
    nn.define("initializers", .object(FlaxInitializers.namespace(self)))
    JAXTransformations.define(in: jax)
  }

  /// The profile's `semantics`: the Threefry layout (and a default PRNG
  /// implementation other than Threefry) in JAX's own words.
  var semantics: String {
    "jax_threefry_partitionable=\(config.threefryPartitionable ? "True" : "False")"
      + (config.defaultImpl == .threefry2x32 ? "" : ", jax_default_prng_impl=\(config.defaultImpl.name)")
  }

  /// Makes `jax.random` (and the config-dependent array functions) under `config`.
  private func rebuild() throws {
    let framework = try JAXSampleFramework(configuration: SampleConfiguration(observer: observer, options: [
      "jax_threefry_partitionable": config.threefryPartitionable ? "true" : "false",
      "jax_enable_x64": config.enableX64 ? "true" : "false",
      "jax_default_prng_impl": config.defaultImpl.name,
    ]))
    for (name, value) in framework.namespace where name != "reshape" || numpy.members["reshape"] == nil {
      if Self.arrayNames.contains(name) { numpy.define(name, value) } else { random.define(name, Self.scriptHints(value)) }
    }
    configObject.define("jax_threefry_partitionable", .bool(config.threefryPartitionable))
    configObject.define("jax_enable_x64", .bool(config.enableX64))
    configObject.define("jax_default_prng_impl", .string(config.defaultImpl.name))
  }

  /// A sampler whose refusals name the script's way to change the
  /// configuration, not `rngdiff sample`'s flag: `gamma` in float32 says
  /// `jax.config.update("jax_enable_x64", True)` where `sample` says
  /// `--config jax_enable_x64=true`.
  private static func scriptHints(_ value: Value) -> Value {
    guard case .object(let function as BuiltinFunction) = value else { return value }
    return .object(BuiltinFunction(signature: function.signature) { args in
      do {
        return try function.body(args)
      } catch var error as EvaluationError {
        error.message = error.message.replacingOccurrences(
          of: "(--config jax_enable_x64=true)", with: "(call jax.config.update(\"jax_enable_x64\", True) first)")
        throw error
      }
    })
  }

  /// `jax.config.update(name, val)`.
  private func update(_ args: BoundArguments) throws {
    let name = try args.string("name") ?? ""
    guard JAXConfig.optionNames.contains(name) else {
      throw args.error(
        "name", "jax.config.update() of '\(name)' is not emulated; accepted: \(JAXConfig.optionNames.joined(separator: ", "))")
    }
    let text: String
    if name == "jax_default_prng_impl" {
      guard case .string(let implName)? = args.value("val"), let impl = JAXPRNGImpl(name: implName) else {
        throw args.error(
          "val",
          "jax.config.update('jax_default_prng_impl', ...) is emulated for 'threefry2x32', 'rbg' and 'unsafe_rbg', got \(JAXBinding.describe(args.value("val") ?? .none))")
      }
      config.defaultImpl = impl
      text = "'\(impl.name)'"
    } else {
      guard case .bool(let value)? = args.value("val") else {
        throw args.error("val", "jax.config.update('\(name)', ...) takes True or False, got \(JAXBinding.describe(args.value("val") ?? .none))")
      }
      if name == "jax_enable_x64" { config.enableX64 = value } else { config.threefryPartitionable = value }
      text = value ? "True" : "False"
    }
    configChanges.append((name, text))
    observer?.observe(SeedDerivation(
      rule: "jax.config.update", inputs: [.init("name", name), .init("val", text)],
      result: "JAX random values follow \(config.summary) from here on", derived: nil))
    try rebuild()
  }
}
