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
/// Methods take CPython 3.11's signatures and return Python values (floats,
/// ints of any size, lists, bytes), never arrays. `shuffle(x)` shuffles a
/// list in place and returns None.
final class PythonRandomObject: PythonObject {
  var stream: PythonRandom

  init(stream: PythonRandom) { self.stream = stream }

  var typeName: String { "random.Random" }
  var repr: String { "<random.Random object (\(stream.identity.name))>" }
  func attribute(_ name: String) throws -> Value? { Self.methods.bound(name, to: self) }
  var attributeNames: [String] { Self.methods.names }

  /// CPython 3.11's `Random` methods that rngdiff emulates.
  static let methods: PythonClassMethods<PythonRandomObject> = {
    var m = PythonClassMethods<PythonRandomObject>()
    typealias A = PythonRandomArguments
    m.define("seed(a=None, version=2)") { r, args in
      try args.framework {
        let value = args.value("a") ?? .none
        let version = try args.int("version") ?? PythonInt(2)
        if version != PythonInt(2) {
          switch value {
          case .string, .bytes:
            throw FrameworkError(
              "random.seed() with version=\(version) is not supported by rngdiff for str and bytes seeds; accepted: version=2",
              parameter: "version")
          default: break
          }
        }
        let observer = r.stream.observer
        r.stream = try PythonRandom.seeded(by: value, name: r.stream.identity.name)
        r.stream.observer = observer
        r.stream.reportSeeding()
        return .none
      }
    }
    m.define("random()") { r, _ in .float(r.stream.random()) }
    m.define("uniform(a, b)") { r, args in
      .float(r.stream.uniform(try A.requiredNumber(args, "a"), try A.requiredNumber(args, "b")))
    }
    m.define("randint(a, b)") { r, args in
      guard let a = try A.randrangeBound(args, "a", ordinal: "arg 1"), let b = try A.randrangeBound(args, "b", ordinal: "stop")
      else { throw args.error("b", "randint() arguments must be ints, got None") }
      return try args.framework {
        do {
          return A.int(try r.stream.randint(a: a, b: b))
        } catch var e as FrameworkError {
          e.parameter = "b"  // randint(a, b) is randrange(a, b + 1): its stop is b
          throw e
        }
      }
    }
    m.define("randrange(start, stop=None, step=1)") { r, args in
      guard let start = try A.randrangeBound(args, "start", ordinal: "arg 1") else {
        throw args.error("start", "randrange() argument 'start' must be an int, got None")
      }
      let stop = try A.randrangeBound(args, "stop", ordinal: "stop")
      let step = try A.randrangeBound(args, "step", ordinal: "step") ?? 1
      // CPython tests `step is not 1` before converting it: only the int 1 passes without a stop.
      if stop == nil, let given = args.value("step") {
        guard case .int(let one) = given, one == PythonInt(1) else {
          throw args.error("step", "Missing a non-None stop argument")
        }
      }
      return try args.framework { A.int(try r.stream.randrange(start, stop, step)) }
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
    m.define("shuffle(x)") { r, args in
      let value = args.value("x") ?? .none
      guard case .object(let o) = value, let list = o as? ListObject else {
        throw args.error("x", "shuffle() argument 'x' must be a list (shuffled in place), got \(value.typeName)")
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
      .float(r.stream.gauss(mu: try args.double("mu") ?? 0, sigma: try args.double("sigma") ?? 1))
    }
    m.define("normalvariate(mu=0.0, sigma=1.0)") { r, args in
      .float(r.stream.normalvariate(mu: try args.double("mu") ?? 0, sigma: try args.double("sigma") ?? 1))
    }
    m.define("getstate()") { r, _ in
      let state = r.stream.getState()
      let words = state.key.map { Value.int(PythonInt(UInt64($0))) } + [.int(PythonInt(state.position))]
      return .tuple([.int(PythonInt(3)), .tuple(words), state.gaussNext.map(Value.float) ?? .none])
    }
    m.define("setstate(state)") { r, args in
      let value = args.value("state") ?? .none
      guard case .tuple(let parts) = value, parts.count == 3, case .int(let version) = parts[0], version == PythonInt(3),
        let words = BoundArguments.asIntSequence(parts[1]), words.count == 625
      else {
        throw args.error("state", "setstate() argument 'state' must be a tuple returned by getstate()")
      }
      var key: [UInt32] = []
      for word in words.dropLast() {
        guard let w = word.uint64, let small = UInt32(exactly: w) else {
          throw args.error("state", "setstate() state words must be ints in 0..2**32 - 1")
        }
        key.append(small)
      }
      let gaussNext: Double?
      switch parts[2] {
      case .none: gaussNext = nil
      case let v:
        guard let d = BoundArguments.asDouble(v) else {
          throw args.error("state", "setstate() argument 'state' must end with a float or None")
        }
        gaussNext = d
      }
      try args.framework { try r.stream.setState(key: key, position: words[624].int ?? -1, gaussNext: gaussNext) }
      return .none
    }
    return m
  }()
}
