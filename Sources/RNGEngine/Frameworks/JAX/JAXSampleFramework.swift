import JAXStreams
import PythonSubset
import RNGStreams

/// `rngdiff sample jax`: `jax.random` for `threefry2x32` (the default),
/// `rbg` and `unsafe_rbg` keys, bit for bit, with the names its call strings use.
///
/// ```swift
/// let jax = try JAXSampleFramework(configuration: .init(options: ["jax_threefry_partitionable": "false"]))
/// let outputs = try SampleSession.evaluate(calls: "uniform(key(0), (5,))", in: jax, callDescription: "jax call")
/// ```
///
/// ```sh
/// rngdiff sample jax 'uniform(key(0), (5,)); split(key(0))'
/// rngdiff sample jax --config jax_enable_x64=true 'normal(key(42), (5,))'
/// ```
///
/// The namespace holds the `jax.random` functions rngdiff emulates (`key`,
/// `PRNGKey`, `split`, `fold_in`, `key_data`, `wrap_key_data`, `bits`,
/// `uniform`, `normal`, `truncated_normal`, `bernoulli`, `randint`,
/// `permutation`, `choice`) with JAX's own signatures, plus what the call
/// strings need to make arguments: `array`, `arange`, `reshape`, `inf`, and
/// the dtypes (`float32`, `bfloat16`, `uint8`, …, `bool_`), which are also
/// callable (`float16(0.3)`).
///
/// Typed keys (`key(0)`) print as their key data with dtype `key<fry>`
/// (`key<rbg>`, `key<urbg>` for `impl='rbg'`, `'unsafe_rbg'`); raw keys
/// (`PRNGKey(0)`) are `uint32` arrays, read as keys of
/// `jax_default_prng_impl`. Every function takes both, as JAX does.
///
/// Edge cases: JAX has no global seed, so a configuration with a seed is
/// refused. `--config` accepts `jax_threefry_partitionable`,
/// `jax_enable_x64` and `jax_default_prng_impl` (default: JAX 0.10.2's,
/// partitionable, x32, `threefry2x32`).
public final class JAXSampleFramework: SampleFramework {
  /// The emulated `jax.random`, with the configuration and the observer.
  public let random: JAXRandom
  public let namespace: [String: Value]

  /// A JAX session; throws for a seed (JAX has none) and for an unknown
  /// `--config` name or value.
  public init(configuration: SampleConfiguration) throws {
    if let seed = configuration.seed {
      throw EvaluationError("jax has no global seed; pass keys explicitly, e.g. uniform(key(0), (5,))", at: seed.range)
    }
    let config = try JAXConfig(options: configuration.options)
    let random = JAXRandom(config: config, observer: configuration.observer)
    let builder = JAXArrayBuilder(config: config)
    let ns = Namespace(name: "jax.random")
    Self.defineKeyFunctions(in: ns, random)
    Self.defineSamplers(in: ns, random, builder)
    Self.defineDistributions(in: ns, random)
    Self.defineArrayFunctions(in: ns, builder)
    self.random = random
    self.namespace = ns.members
  }

  /// The array functions and dtype names the call strings use.
  static func defineArrayFunctions(in ns: Namespace, _ builder: JAXArrayBuilder) {
    ns.define("array(object, dtype=None, *, copy=True, order='K', ndmin=0, device=None, out_sharding=None)") { args in
      try args.requireDefault("ndmin", isDefault: { BoundArguments.asInt($0)?.isZero ?? false }, accepted: "0")
      try args.requireNone("device")
      try args.requireNone("out_sharding")
      return try builder.array(args, "object", dtype: try args.jaxDType("dtype")).jaxValue
    }
    ns.define("arange(start, stop=None, step=None, dtype=None, *, device=None, out_sharding=None)") { args in
      try args.requireNone("device")
      try args.requireNone("out_sharding")
      return try builder.arange(args).jaxValue
    }
    ns.define("reshape(a, shape, order='C', *, copy=None, out_sharding=None)") { args in
      try args.requireDefault("order", isDefault: { if case .string("C") = $0 { true } else { false } }, accepted: "'C'")
      try args.requireNone("out_sharding")
      return try builder.reshape(args).jaxValue
    }
    ns.define("inf", .float(.infinity))
    for dtype in JAXDType.allCases {
      let name = dtype == .bool ? "bool_" : dtype.name
      ns.define(name, .object(JAXScalarType(dtype, name: name, builder: builder)))
    }
  }
}
