import NumPyStreams
import PythonSubset
import RNGBits
import RNGStreams

/// The `RandomState` the engine builds: its bit generator is known only when
/// the script runs (MT19937 for `np.random.seed` and `RandomState(seed)`,
/// any of the five for `RandomState(PCG64(seed))` and the like).
typealias EngineRandomState = RandomState<NumPyAnyBitGenerator>

extension RandomState where Bits == MT19937 {
  /// This stream as the engine holds it.
  var engine: EngineRandomState { converted(NumPyAnyBitGenerator.mt19937) }
}

/// A NumPy `RandomState`: the hidden global one behind `np.random.seed`,
/// `np.random.rand`, … (stream `"global"`), or a user's
/// `np.random.RandomState(seed)` or `np.random.RandomState(PCG64(seed))`
/// (streams `"RandomState#1"`, …).
///
/// ```swift
/// let rs = RandomStateObject(state: try RandomState(seed: 0).engine)
/// try rs.attribute("randn")      // the bound method randn(*args)
/// ```
///
/// Methods have NumPy 2.4's signatures. With `size=None` a float64 or
/// int64 sampler returns a Python float or int, other dtypes a NumPy scalar;
/// otherwise an array of that shape. Over a bit generator object the two
/// share one state (``NumPyBitGeneratorOwner``).
///
/// Edge cases, as NumPy 2.4.6 does them: `seed(...)` on a `RandomState` over
/// another bit generator than MT19937 raises "can only re-seed a MT19937
/// BitGenerator"; there `get_state()` returns the state dict
/// (`get_state(legacy=False)`), where NumPy also warns (rngdiff prints no
/// warnings), and `set_state` takes that dict only.
final class RandomStateObject: PythonObject {
  var state: EngineRandomState

  /// A `RandomState` over `state`; for `RandomState(bg)`, `bitGenerator` is
  /// `bg`, which then reads and moves this object's state.
  init(state: EngineRandomState, bitGenerator: NumPyBitGeneratorObject? = nil) {
    self.state = state
    bitGenerator?.owner = self
  }

  var typeName: String { "numpy.random.RandomState" }
  var repr: String { "RandomState(\(state.bitGenerator.numpyName)) (\(state.identity.name))" }
  func attribute(_ name: String) throws -> Value? { Self.methods.bound(name, to: self) }
  var attributeNames: [String] { Self.methods.names }

  /// Reseeds in place as `seed(value)` does (legacy MT19937 seeding),
  /// keeping the observer.
  func reseed(_ value: Value) throws {
    let observer = state.observer
    let name = state.identity.name
    state = try NumPySeeds.randomState(value, name: name).engine
    state.observer = observer
    if value.isNone {
      // An explicit call that asks for OS entropy: the trace names the call.
      state.identity.seeding = .requestedEntropy(call: name == "global" ? "np.random.seed(None)" : "\(name).seed(None)")
    }
    state.reportSeeding()
  }

  /// The methods of `RandomState` that rngdiff emulates.
  static let methods: PythonClassMethods<RandomStateObject> = {
    var m = PythonClassMethods<RandomStateObject>()
    typealias A = NumPyArguments
    m.define("seed(seed=None)") { r, args in
      guard case .mt19937 = r.state.bitGenerator else {
        throw EvaluationError("can only re-seed a MT19937 BitGenerator", at: args.callRange, type: "TypeError")
      }
      try args.framework { try r.reseed(args.value("seed") ?? .none) }
      return .none
    }
    for name in ["random", "random_sample"] {
      m.define("\(name)(size=None)") { r, args in
        let size = try A.size(args)
        let n = try A.count(size ?? [], at: args.callRange)
        let values = try args.framework {
          name == "random" ? try r.state.random(count: n, shape: size ?? []) : try r.state.randomSample(count: n, shape: size ?? [])
        }
        return NumPyResult.value(.float64(values), shape: size)
      }
    }
    m.define("rand(*args)") { r, args in
      let size = try A.dimensions(args)
      let n = try A.count(size ?? [], at: args.callRange)
      return NumPyResult.value(.float64(try args.framework { try r.state.rand(count: n, shape: size ?? []) }), shape: size)
    }
    m.define("randn(*args)") { r, args in
      let size = try A.dimensions(args)
      let n = try A.count(size ?? [], at: args.callRange)
      return NumPyResult.value(.float64(try args.framework { try r.state.randn(count: n, shape: size ?? []) }), shape: size)
    }
    m.define("standard_normal(size=None)") { r, args in
      let size = try A.size(args)
      let n = try A.count(size ?? [], at: args.callRange)
      return NumPyResult.value(.float64(try args.framework { try r.state.standardNormal(count: n, shape: size ?? []) }), shape: size)
    }
    m.define("uniform(low=0.0, high=1.0, size=None)") { r, args in
      let lowParameter = try NumPyDistributionArguments.float(args, "low", default: 0)
      let highParameter = try NumPyDistributionArguments.float(args, "high", default: 1)
      let size = try A.size(args)
      if !lowParameter.isScalar || !highParameter.isScalar {
        let sample = try args.framework { try r.state.uniform(low: lowParameter, high: highParameter, size: size) }
        return try NumPyDistributionArguments.result(sample, args)
      }
      let low = lowParameter.values[0], high = highParameter.values[0]
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try r.state.uniform(low: low, high: high, count: n, shape: size ?? []) }
      return NumPyResult.value(.float64(values), shape: size)
    }
    m.define("normal(loc=0.0, scale=1.0, size=None)") { r, args in
      let locParameter = try NumPyDistributionArguments.float(args, "loc", default: 0)
      let scaleParameter = try NumPyDistributionArguments.float(args, "scale", default: 1)
      let size = try A.size(args)
      if !locParameter.isScalar || !scaleParameter.isScalar {
        let sample = try args.framework { try r.state.normal(loc: locParameter, scale: scaleParameter, size: size) }
        return try NumPyDistributionArguments.result(sample, args)
      }
      let loc = locParameter.values[0], scale = scaleParameter.values[0]
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try r.state.normal(loc: loc, scale: scale, count: n, shape: size ?? []) }
      return NumPyResult.value(.float64(values), shape: size)
    }
    m.define("randint(low, high=None, size=None, dtype=int)") { r, args in
      guard let low = try A.integerBound(args, "low") else { throw args.error("low", "randint() argument 'low' must be an int, got None") }
      let high = try A.integerBound(args, "high")
      let size = try A.size(args)
      let dtype = try NumPyDTypes.integerDType(args, function: "randint")
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try r.state.randint(low: low, high: high, count: n, dtype: dtype, shape: size ?? []) }
      return NumPyResult.value(values, shape: size)
    }
    m.define("tomaxint(size=None)") { r, args in
      let size = try A.size(args)
      let n = try A.count(size ?? [], at: args.callRange)
      return NumPyResult.value(.int64(try args.framework { try r.state.tomaxint(count: n, shape: size ?? []) }), shape: size)
    }
    m.define("random_integers(low, high=None, size=None)") { r, args in
      guard let low = try A.integerBound(args, "low") else {
        throw args.error("low", "random_integers() argument 'low' must be an int, got None")
      }
      let high = try A.integerBound(args, "high")
      let size = try A.size(args)
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try r.state.randomIntegers(low: low, high: high, count: n, shape: size ?? []) }
      return NumPyResult.value(.int64(values), shape: size)
    }
    m.define("bytes(length)") { r, args in
      guard let length = try args.intValue("length") else { throw args.error("length", "bytes() argument 'length' must be an int, got None") }
      _ = try A.count([max(length, 0)], at: args.range("length"))
      return .bytes(try args.framework {
        do {
          return try r.state.bytes(length: length)
        } catch var e as FrameworkError {
          e.parameter = "length"
          throw e
        }
      })
    }
    m.define("shuffle(x)") { r, args in
      try NumPyPermutations.shuffle(args) { order, shape in r.state.shuffle(&order, shape: shape) }
    }
    m.define("permutation(x)") { r, args in
      try NumPyPermutations.permutation(
        args, zeroDimensionalMessage: "x must be an integer or at least 1-dimensional",
        range: { r.state.permutation($0) }, rows: { order, shape in r.state.permutation(order, shape: shape) })
    }
    m.define("choice(a, size=None, replace=True, p=None)") { r, args in
      let population = try NumPyPermutations.population(args, scalarMessage: "a must be 1-dimensional or an integer")
      if case .rows(let t) = population, t.rank != 1 { throw args.error("a", "a must be 1-dimensional") }
      let size = try A.size(args)
      let n = try A.count(size ?? [], at: args.callRange)
      let replace = (args.value("replace") ?? .bool(true)).isTruthy
      let p = try A.probabilities(args)
      if !replace, p == nil, case .range(let count) = population {
        _ = try A.count([count], at: args.range("a"))  // a full shuffle of the population
      }
      let indices = try args.framework {
        try r.state.choice(population.streamPopulation, count: n, replace: replace, p: p, shape: size ?? [])
      }
      return NumPyPermutations.choiceResult(population, indices: indices, size: size)
    }
    defineDistributions(&m)
    m.define("get_state(legacy=True)") { r, args in
      let hasGauss = Value.int(PythonInt(r.state.hasGauss ? 1 : 0)), gauss = Value.float(r.state.gauss)
      if case .mt19937(let g) = r.state.bitGenerator, (args.value("legacy") ?? .bool(true)).isTruthy {
        let key = NumPyResult.array(Tensor(shape: [g.state.count], int64: g.state.map(Int64.init), dtype: .uint32))
        return .tuple([.string("MT19937"), key, .int(PythonInt(g.position)), hasGauss, gauss])
      }
      // legacy=False, and (with NumPy's RuntimeWarning) legacy=True on another bit generator.
      let entries = NumPyBitGeneratorObject.stateDict(r.state.bitGenerator).entries
      return .object(DictObject(entries + [(.string("has_gauss"), hasGauss), (.string("gauss"), gauss)]))
    }
    m.define("set_state(state)") { r, args in
      guard case .mt19937 = r.state.bitGenerator else {
        try setBitGeneratorState(r, args)
        return .none
      }
      let legacy = try legacyState(args)
      let mt = try args.framework { try legacy.bitGenerator() }
      r.state.setState(bitGenerator: .mt19937(mt), hasGauss: legacy.hasGauss, gauss: legacy.cachedGaussian, material: legacy.material)
      return .none
    }
    return m
  }()

  /// `set_state(state)` on a `RandomState` over PCG64, PCG64DXSM, Philox or
  /// SFC64: a state dict of that bit generator (`has_gauss` and `gauss`
  /// default to no cached value); a legacy tuple names MT19937 and is
  /// refused by the bit generator, as in NumPy.
  private static func setBitGeneratorState(_ r: RandomStateObject, _ args: BoundArguments) throws {
    let value = args.value("state") ?? .none
    let range = args.range("state")
    guard let kind = NumPyBitGeneratorObject.Kind(rawValue: r.state.bitGenerator.numpyName) else { return }
    var dict: DictObject
    if case .object(let o) = value, let given = o as? DictObject {
      guard given[.string("bit_generator")] != nil, given[.string("state")] != nil else {
        throw args.error("state", "state dictionary is not valid.")
      }
      dict = given
    } else {
      guard let items = Builtins.items(of: value), value.isSequenceForState else {
        throw EvaluationError("state must be a dict or a tuple.", at: range, type: "TypeError")
      }
      guard case .string("MT19937")? = items.first else {
        throw args.error("state", "set_state can only be used with legacy MT19937 state instances.")
      }
      guard items.count >= 3 else { throw args.error("state", "tuple index out of range") }
      dict = DictObject([
        (.string("bit_generator"), items[0]),
        (.string("state"), .object(DictObject([(.string("key"), items[1]), (.string("pos"), items[2])]))),
      ])
    }
    let parsed = try NumPyBitGeneratorState(.object(dict), kind: kind, at: range)
    guard let cached = BoundArguments.asDouble(dict[.string("gauss")] ?? .float(0)) else {
      throw args.error("state", "the cached Gaussian must be a float")
    }
    r.state.setState(
      bitGenerator: parsed.bits, hasGauss: (dict[.string("has_gauss")] ?? .int(.zero)).isTruthy, gauss: cached,
      material: "set_state(\(parsed.material))")
  }

  /// The state tuple or dict `set_state` takes, with NumPy's messages.
  private static func legacyState(_ args: BoundArguments) throws -> RandomState<MT19937>.LegacyState {
    let value = args.value("state") ?? .none
    var key: Value = .none, position: Value = .none, hasGauss: Value = .int(.zero), gauss: Value = .float(0)
    if case .object(let o) = value, let dict = o as? DictObject {
      guard dict[.string("bit_generator")] != nil, case .object(let io)? = dict[.string("state")], let inner = io as? DictObject
      else { throw args.error("state", "state dictionary is not valid.") }
      guard case .string("MT19937")? = dict[.string("bit_generator")] else {
        throw args.error("state", "state must be for a MT19937 PRNG")
      }
      key = inner[.string("key")] ?? .none
      position = inner[.string("pos")] ?? .none
      hasGauss = dict[.string("has_gauss")] ?? hasGauss
      gauss = dict[.string("gauss")] ?? gauss
    } else {
      guard let items = Builtins.items(of: value), !(items.isEmpty), value.isSequenceForState else {
        throw args.error("state", "state must be a dict or a tuple.")
      }
      guard case .string("MT19937") = items[0] else {
        throw args.error("state", "set_state can only be used with legacy MT19937 state instances.")
      }
      guard items.count >= 3 else { throw args.error("state", "tuple index out of range") }
      key = items[1]
      position = items[2]
      if items.count > 3 {
        guard items.count >= 5 else { throw args.error("state", "tuple index out of range") }
        hasGauss = items[3]
        gauss = items[4]
      }
    }
    guard let words = BoundArguments.asIntSequence(key), words.count == 624,
      case let small = words.compactMap({ $0.uint64.flatMap { UInt32(exactly: $0) } }), small.count == 624
    else { throw args.error("state", "the state key must hold 624 ints in 0..2**32 - 1") }
    guard let pos = BoundArguments.asInt(position)?.int else { throw args.error("state", "the state position must be an int") }
    guard let cached = BoundArguments.asDouble(gauss) else { throw args.error("state", "the cached Gaussian must be a float") }
    return RandomState<MT19937>.LegacyState(key: small, position: pos, hasGauss: hasGauss.isTruthy, cachedGaussian: cached)
  }
}

extension RandomStateObject: NumPyBitGeneratorOwner {
  static var sharedStream: ReferenceWritableKeyPath<RandomStateObject, EngineRandomState> { \.state }
}

extension Value {
  /// A tuple or list (what `set_state` accepts besides a dict).
  fileprivate var isSequenceForState: Bool {
    switch self {
    case .tuple: return true
    case .object(let o): return o is ListObject
    default: return false
    }
  }
}
