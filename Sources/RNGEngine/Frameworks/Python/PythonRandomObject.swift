import PythonStreams
import PythonSubset
import RNGStreams

/// A CPython `random.Random` object: the hidden global instance behind the
/// module-level `random.*` functions, or a user's `Random(seed)`.
///
/// ```swift
/// let r = try PythonRandomObject(stream: PythonRandom(seed: 7))
/// try r.attribute("random")      // the bound method random()
/// ```
///
/// Methods take the signatures of the CPython release `version` follows
/// (3.11 unless `--config python_version` says otherwise; see
/// ``PythonVersion``) and return Python values (floats, ints of any size,
/// lists, bytes), never arrays. `shuffle(x)` shuffles a list in place and
/// returns None.
final class PythonRandomObject: PythonObject {
  private var ownStream: PythonRandom
  /// Set when a Keras process shares this stream (the global `random`
  /// Keras draws default seeds from): the state then lives there, so the
  /// script's `random.*` calls and Keras' draws advance one stream.
  var sharedWith: KerasSession?
  /// The CPython release whose signatures, errors and results this object follows.
  let version: PythonVersion

  init(stream: PythonRandom, version: PythonVersion = .default) {
    self.ownStream = stream
    self.version = version
  }

  /// The Mersenne Twister state the methods draw from.
  var stream: PythonRandom {
    get { sharedWith?.state.python ?? ownStream }
    _modify {
      if let keras = sharedWith {
        yield &keras.state.python
      } else {
        yield &ownStream
      }
    }
  }

  var typeName: String { "random.Random" }
  var repr: String { "<random.Random object (\(stream.identity.name))>" }
  func attribute(_ name: String) throws -> Value? { Self.methods.bound(name, to: self) }
  var attributeNames: [String] { Self.methods.names }

  /// The `Random` methods that rngdiff emulates (CPython 3.9 to 3.13).
  static let methods: PythonClassMethods<PythonRandomObject> = {
    var m = PythonClassMethods<PythonRandomObject>()
    typealias A = PythonRandomArguments
    m.define("seed(a=None, version=2)") { r, args in
      try args.framework {
        let value = args.value("a") ?? .none
        let version = try args.int("version") ?? PythonInt(2)
        let observer = r.stream.observer
        let name = r.stream.identity.name
        r.stream = try PythonRandom.seeded(by: value, name: name, version: version)
        r.stream.observer = observer
        if value.isNone {
          // An explicit call that asks for OS entropy: the trace names the call.
          r.stream.identity.seeding = .requestedEntropy(call: name == "global" ? "random.seed(None)" : "\(name).seed(None)")
        }
        r.stream.reportSeeding()
        return .none
      }
    }
    m.define("random()") { r, _ in .float(r.stream.random()) }
    m.define("uniform(a, b)") { r, args in
      .float(r.stream.uniform(try A.requiredNumber(args, "a"), try A.requiredNumber(args, "b")))
    }
    m.define("randint(a, b)") { r, args in
      guard let a = try A.randrangeBound(args, "a", ordinal: "arg 1", version: r.version),
        let b = try A.randrangeBound(args, "b", ordinal: "stop", version: r.version)
      else { throw args.error("b", "randint() arguments must be ints, got None") }
      return try args.framework {
        do {
          return A.int(try r.stream.randint(a: a, b: b))
        } catch var e as FrameworkError {
          e.parameter = "b"  // randint(a, b) is randrange(a, b + 1): its stop is b
          if r.version.isAtLeast(12), e.message.hasPrefix("empty range") {
            e.message = "empty range in randrange(\(a), \(b.addingReportingOverflow(1).partialValue))"
          }
          throw e
        }
      }
    }
    m.define("randrange(start, stop=None, step=1)") { r, args in
      guard let start = try A.randrangeBound(args, "start", ordinal: "arg 1", version: r.version) else {
        throw args.error("start", "randrange() argument 'start' must be an int, got None")
      }
      let stop = try A.randrangeBound(args, "stop", ordinal: "stop", version: r.version)
      var step = try A.randrangeBound(args, "step", ordinal: "step", version: r.version) ?? 1
      // CPython 3.10+ tests `step is not 1` before converting it: only the int 1 passes
      // without a stop. 3.9 ignores the step when there is no stop.
      if stop == nil, let given = args.value("step") {
        if !r.version.isAtLeast(10) {
          step = 1
        } else {
          guard case .int(let one) = given, one == PythonInt(1) else {
            throw args.error("step", "Missing a non-None stop argument")
          }
        }
      }
      return try args.framework {
        do {
          return A.int(try r.stream.randrange(start, stop, step))
        } catch var e as FrameworkError {
          if r.version.isAtLeast(12), let stop, e.message.hasPrefix("empty range") {
            e.message = step == 1
              ? "empty range in randrange(\(start), \(stop))" : "empty range in randrange(\(start), \(stop), \(step))"
          }
          throw e
        }
      }
    }
    m.define("getrandbits(k)") { r, args in
      let k = try A.count(args, "k")
      if k > A.maximumBits { throw args.error("k", "getrandbits(k) supports k up to 2**30 in rngdiff, got \(k)") }
      let words = try args.framework { try r.stream.getrandbitsWords(k) }
      return .int(PythonInt(negative: false, magnitude: words))
    }
    m.define("randbytes(n)") { r, args in
      let n = try A.count(args, "n")
      if n > A.maximumBits / 8 { throw args.error("n", "randbytes(n) supports n up to 2**27 in rngdiff, got \(n)") }
      return .bytes(try args.framework { try r.stream.randbytes(n) })
    }
    m.define("choice(seq)") { r, args in
      let seq = try A.sequence(args, "seq")
      if seq.count == 0 && !r.version.isAtLeast(11) {
        // Python 3.9 and 3.10 index the empty sequence: its own IndexError.
        throw args.error("seq", "\(seq.indexName(of: args.value("seq") ?? .none)) index out of range")
      }
      return seq.element(try args.framework { try r.stream.choice(count: seq.count) })
    }
    m.define("choices(population, weights=None, *, cum_weights=None, k=1)") { r, args in
      let population = try A.sequence(args, "population")
      let k = try args.intValue("k") ?? 1
      if k > A.maximumBits / 4 { throw args.error("k", "choices() makes at most 2**28 values per call here, got k=\(k)") }
      let weights = try A.numbers(args, "weights")
      let cumulative = try A.numbers(args, "cum_weights")
      let picks = try args.framework {
        try r.stream.choices(count: population.count, weights: weights, cumWeights: cumulative, k: k)
      }
      return .object(ListObject(picks.map(population.element)))
    }
    m.define("shuffle(x, random=None)") { r, args in
      let value = args.value("x") ?? .none
      guard case .object(let o) = value, let list = o as? ListObject else {
        throw args.error("x", "shuffle() argument 'x' must be a list (shuffled in place), got \(value.typeName)")
      }
      if args.values["random"] != nil {
        guard !r.version.isAtLeast(11) else {
          throw args.error(
            "random", "shuffle() takes no 'random' argument since Python 3.11 (this run follows Python \(r.version))")
        }
        if args.isGiven("random") {
          try PythonRandomObject.shuffle(list, calling: args)
          return .none
        }
      }
      r.stream.shuffle(&list.elements)
      return .none
    }
    m.define("sample(population, k, *, counts=None)") { r, args in
      let population = try A.sequence(args, "population")
      let k = try A.count(args, "k")
      if k > A.maximumBits / 4 { throw args.error("k", "sample() makes at most 2**28 values per call here, got k=\(k)") }
      let counts = try args.intSequence("counts").map { items in
        try items.map { item in
          guard let n = item.int else { throw args.error("counts", "sample() counts must fit in 64 bits") }
          return n
        }
      }
      let picked: [Value] = try args.framework {
        if counts == nil, case .range(let range) = population {
          return try r.stream.sample(populationSize: range.count, k: k).map(population.element)
        }
        return try r.stream.sample(population.elements, k: k, counts: counts)
      }
      return .object(ListObject(picked))
    }
    m.define("gauss(mu=0.0, sigma=1.0)") { r, args in
      try A.requireDefaults(args, ["mu", "sigma"], since: 11, version: r.version)
      return .float(r.stream.gauss(mu: try args.double("mu") ?? 0, sigma: try args.double("sigma") ?? 1))
    }
    m.define("normalvariate(mu=0.0, sigma=1.0)") { r, args in
      try A.requireDefaults(args, ["mu", "sigma"], since: 11, version: r.version)
      return .float(r.stream.normalvariate(mu: try args.double("mu") ?? 0, sigma: try args.double("sigma") ?? 1))
    }
    defineDistributions(&m)
    m.define("getstate()") { r, _ in
      let state = r.stream.getState()
      let words = state.key.map { Value.int(PythonInt(UInt64($0))) } + [.int(PythonInt(state.position))]
      return .tuple([.int(PythonInt(3)), .tuple(words), state.gaussNext.map(Value.float) ?? .none])
    }
    m.define("setstate(state)") { r, args in
      try args.framework {
        do {
          let state = try PythonRandomState(args.value("state") ?? .none)
          try r.stream.setState(key: state.key, position: state.position, gaussNext: state.gaussNext)
        } catch var e as FrameworkError {
          e.parameter = "state"
          throw e
        }
      }
      return .none
    }
    return m
  }()
}
