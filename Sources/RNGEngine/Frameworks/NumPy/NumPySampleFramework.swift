import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// `rngdiff sample numpy`: NumPy's legacy global stream, the one behind
/// `np.random.seed`, `np.random.rand`, `np.random.randint` and every other
/// module-level `np.random.*` function.
///
/// `--seed S` is `np.random.seed(S)`: an int in 0…2**32 − 1 runs
/// `init_genrand`; a list or tuple of such ints runs `init_by_array`. Other
/// seeds are refused with NumPy's own message. Without `--seed` the stream
/// starts from operating-system entropy, as in a fresh process.
///
/// ```swift
/// let numpy = try NumPySampleFramework(configuration: .init(seed: seed))
/// numpy.namespace["randn"]          // the global RandomState's randn(*args)
/// ```
///
/// The namespace holds the module-level functions rngdiff emulates,
/// `RandomState(seed)` (streams `"RandomState#1"`, …), `default_rng(seed)`
/// (streams `"Generator#1"`, …), the array helpers (`arange`, `array`,
/// `asarray`, `ones`, `zeros`, `frombuffer`) and the dtype names.
final class NumPySampleFramework: SampleFramework {
  let global: RandomStateObject
  let namespace: [String: Value]

  init(configuration: SampleConfiguration) throws {
    try configuration.requireNoOptions(for: .numpy)
    var state: EngineRandomState
    do {
      state = try NumPySeeds.randomState(configuration.seed?.value ?? .none, name: "global").engine
    } catch let e as FrameworkError {
      throw EvaluationError(e.message, at: configuration.seed?.range)
    }
    state.observer = configuration.observer
    let global = RandomStateObject(state: state)
    self.global = global
    var names = NumPyArrayFunctions.namespace.merging(NumPyDTypes.namespace) { a, _ in a }
    for (name, value) in RandomStateObject.methods.all(boundTo: global) { names[name] = value }
    for (alias, operation) in [("ranf", "ranf"), ("sample", "sample")] {
      names[alias] = .object(BuiltinFunction(signature: Signature("\(alias)(size=None)")) { args in
        let size = try NumPyArguments.size(args)
        let n = try NumPyArguments.count(size ?? [], at: args.callRange)
        let values = try args.framework {
          operation == "ranf" ? try global.state.ranf(count: n, shape: size ?? []) : try global.state.sample(count: n, shape: size ?? [])
        }
        return NumPyResult.value(.float64(values), shape: size)
      })
    }
    let objects = NumPyObjectFactory(observer: configuration.observer)
    names["RandomState"] = objects.randomStateClass
    names["default_rng"] = objects.defaultRNG
    names["Generator"] = objects.generatorClass
    for kind in NumPyBitGeneratorObject.Kind.allCases { names[kind.rawValue] = NumPyBitGeneratorObject.constructor(kind) }
    names["SeedSequence"] = NumPySeedSequenceObject.constructor
    namespace = names
  }
}

/// Creates the NumPy objects a call string may construct, numbering their
/// streams per session and passing the session's observer on.
final class NumPyObjectFactory {
  let observer: (any DrawObserver)?
  private var randomStates = 0
  private var generators = 0

  init(observer: (any DrawObserver)?) { self.observer = observer }

  /// `np.random.RandomState(seed=None)`: the legacy MT19937 seeding, or
  /// the legacy samplers over a bit generator object (any of the five),
  /// sharing its state.
  var randomStateClass: Value {
    .object(BuiltinFunction(signature: Signature("RandomState(seed=None)")) { [self] args in
      randomStates += 1
      let name = RandomState<MT19937>.instanceName(randomStates)
      var state: EngineRandomState
      var wrapped: NumPyBitGeneratorObject?
      if case .object(let o)? = args.value("seed"), let bits = o as? NumPyBitGeneratorObject {
        try bits.claim(by: "this RandomState", args, "seed")
        // The bit generator as it stands now, after any random_raw draws.
        state = EngineRandomState(
          bitGenerator: bits.bits, seedSequence: bits.seedSequence, name: name,
          call: "np.random.RandomState(np.random.\(bits.kind.rawValue)(\(bits.seedText)))")
        wrapped = bits
      } else {
        state = try args.framework { try NumPySeeds.randomState(args.value("seed") ?? .none, name: name).engine }
      }
      state.observer = observer
      state.reportSeeding()  // declared where it is seeded, as a real recorder sees it
      return .object(RandomStateObject(state: state, bitGenerator: wrapped))
    })
  }

  /// `np.random.Generator(bit_generator)` on any of NumPy's five bit generators.
  var generatorClass: Value {
    .object(BuiltinFunction(signature: Signature("Generator(bit_generator)")) { [self] args in
      guard case .object(let o)? = args.value("bit_generator"), let bits = o as? NumPyBitGeneratorObject else {
        throw args.error("bit_generator", "Generator() argument 'bit_generator' must be a bit generator such as PCG64(seed)")
      }
      try bits.claim(by: "this Generator", args, "bit_generator")
      return wrap(bits)
    })
  }

  /// A new Generator sharing `bits`' state (already claimed).
  private func wrap(_ bits: NumPyBitGeneratorObject) -> Value {
    generators += 1
    var generator = EngineGenerator(
      bitGenerator: bits.bits, seedSequence: bits.seedSequence, name: "Generator#\(generators)",
      call: "np.random.Generator(np.random.\(bits.kind.rawValue)(\(bits.seedText)))")
    generator.observer = observer
    // Declared where it is made (after any random_raw draws), as a real recorder sees it.
    observer?.observe(seeded: generator.identity, start: generator.bitGenerator.wordsDrawn)
    return .object(GeneratorObject(generator: generator, bitGenerator: bits))
  }

  /// `np.random.default_rng(seed=None)`: a Generator on PCG64 for a seed, the
  /// Generator itself for a Generator, a Generator on it for a bit generator.
  var defaultRNG: Value {
    .object(BuiltinFunction(signature: Signature("default_rng(seed=None)")) { [self] args in
      if case .object(let o)? = args.value("seed") {
        if o is GeneratorObject { return .object(o) }
        if let bits = o as? NumPyBitGeneratorObject {
          try bits.claim(by: "this Generator", args, "seed")
          return wrap(bits)
        }
      }
      generators += 1
      var generator = try args.framework {
        try NumPySeeds.generator(args.value("seed") ?? .none, name: "Generator#\(generators)")
      }
      generator.observer = observer
      // Declared where it is seeded, as a real recorder sees it.
      observer?.observe(seeded: generator.identity, start: generator.bitGenerator.wordsDrawn)
      return .object(GeneratorObject(generator: generator))
    })
  }
}
