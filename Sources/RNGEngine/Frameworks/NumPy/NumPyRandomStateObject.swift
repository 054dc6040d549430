import NumPyStreams
import PythonSubset
import RNGStreams

/// A NumPy `RandomState`: the hidden global one behind `np.random.seed`,
/// `np.random.rand`, … (stream `"global"`), or a user's
/// `np.random.RandomState(seed)` (streams `"RandomState#1"`, …).
///
/// ```swift
/// let rs = RandomStateObject(state: try RandomState(seed: 0))
/// try rs.attribute("randn")      // the bound method randn(*args)
/// ```
///
/// Methods have NumPy 2.4's signatures. With `size=None` a float64 or
/// int64 sampler returns a Python float or int, other dtypes a NumPy scalar;
/// otherwise an array of that shape.
final class RandomStateObject: PythonObject {
  var state: RandomState

  init(state: RandomState) { self.state = state }

  var typeName: String { "numpy.random.RandomState" }
  var repr: String { "RandomState(MT19937) (\(state.identity.name))" }
  func attribute(_ name: String) throws -> Value? { Self.methods.bound(name, to: self) }
  var attributeNames: [String] { Self.methods.names }

  /// Reseeds in place as `seed(value)` does, keeping the observer.
  func reseed(_ value: Value) throws {
    let observer = state.observer
    let name = state.identity.name
    state = try NumPySeeds.randomState(value, name: name)
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
      let s = r.state.getState()
      let key = NumPyResult.array(Tensor(shape: [s.key.count], int64: s.key.map(Int64.init), dtype: .uint32))
      if (args.value("legacy") ?? .bool(true)).isTruthy {
        return .tuple([.string("MT19937"), key, .int(PythonInt(s.position)), .int(PythonInt(s.hasGauss ? 1 : 0)), .float(s.cachedGaussian)])
      }
      let inner = DictObject([(.string("key"), key), (.string("pos"), .int(PythonInt(s.position)))])
      return .object(DictObject([
        (.string("bit_generator"), .string("MT19937")), (.string("state"), .object(inner)),
        (.string("has_gauss"), .int(PythonInt(s.hasGauss ? 1 : 0))), (.string("gauss"), .float(s.cachedGaussian)),
      ]))
    }
    m.define("set_state(state)") { r, args in
      let legacy = try legacyState(args)
      try args.framework { try r.state.setState(legacy) }
      return .none
    }
    return m
  }()

  /// The state tuple or dict `set_state` takes, with NumPy's messages.
  private static func legacyState(_ args: BoundArguments) throws -> RandomState.LegacyState {
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
    return RandomState.LegacyState(key: small, position: pos, hasGauss: hasGauss.isTruthy, cachedGaussian: cached)
  }
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
