import NumPyStreams
import PythonSubset
import RNGStreams

/// The `Generator` the engine builds: its bit generator is known only when
/// the script runs, so draws dispatch on ``NumPyAnyBitGenerator``.
typealias EngineGenerator = NumPyGenerator<NumPyAnyBitGenerator>

/// A NumPy `Generator`: what `np.random.default_rng(seed)` returns (on PCG64)
/// and `np.random.Generator(SFC64(seed))` and the like (on the others).
///
/// ```swift
/// let rng = GeneratorObject(generator: EngineGenerator(seedSequence: SeedSequence(entropy: [0]), name: "g"))
/// try rng.attribute("integers")    // the bound method integers(low, high=None, ...)
/// ```
///
/// Methods have NumPy 2.4's signatures. `axis` must be 0 (the only axis
/// rngdiff permutes along); `out=` fills a float array in place.
final class GeneratorObject: PythonObject {
  var generator: EngineGenerator
  /// The bit generator object sharing this Generator's state (`bit_generator`),
  /// made on first use for a `default_rng` Generator.
  private var bitGeneratorObject: NumPyBitGeneratorObject?

  init(generator: EngineGenerator, bitGenerator: NumPyBitGeneratorObject? = nil) {
    self.generator = generator
    bitGeneratorObject = bitGenerator
    bitGenerator?.owner = self
  }

  /// `Generator.bit_generator`: the object whose state this Generator draws from.
  var bitGenerator: NumPyBitGeneratorObject {
    if let bitGeneratorObject { return bitGeneratorObject }
    let kind = NumPyBitGeneratorObject.Kind(rawValue: generator.bitGenerator.numpyName) ?? .pcg64
    let sequence = generator.seedSequence
    let entropy = Value.object(ListObject(sequence.entropy.map { .int(PythonInt(UInt64($0))) }))
    let seed = NumPySeedSequenceObject(entropyValue: entropy, spawnKey: [], sequence: sequence)
    let made = NumPyBitGeneratorObject(kind: kind, seedSequenceObject: seed, seedText: seed.repr, bits: generator.bitGenerator)
    made.wrapped = true
    made.owner = self
    bitGeneratorObject = made
    return made
  }

  var typeName: String { "numpy.random.Generator" }
  var repr: String { "Generator(\(generator.bitGenerator.numpyName)) (\(generator.identity.name))" }
  func attribute(_ name: String) throws -> Value? {
    if name == "bit_generator" { return .object(bitGenerator) }
    return Self.methods.bound(name, to: self)
  }
  var attributeNames: [String] { (Self.methods.names + ["bit_generator"]).sorted() }

  /// The methods of `Generator` that rngdiff emulates.
  static let methods: PythonClassMethods<GeneratorObject> = {
    var m = PythonClassMethods<GeneratorObject>()
    typealias A = NumPyArguments
    m.define("random(size=None, dtype=np.float64, out=None)") { g, args in
      let dtype = try NumPyDTypes.floatDType(args, function: "random")
      return try filling(args, dtype: dtype) { n, shape in
        try args.framework { try g.generator.random(count: n, dtype: dtype, shape: shape) }
      }
    }
    m.define("standard_normal(size=None, dtype=np.float64, out=None)") { g, args in
      let dtype = try NumPyDTypes.floatDType(args, function: "standard_normal")
      return try filling(args, dtype: dtype) { n, shape in
        try args.framework { try g.generator.standardNormal(count: n, dtype: dtype, shape: shape) }
      }
    }
    m.define("uniform(low=0.0, high=1.0, size=None)") { g, args in
      let lowParameter = try NumPyDistributionArguments.float(args, "low", default: 0)
      let highParameter = try NumPyDistributionArguments.float(args, "high", default: 1)
      let size = try A.size(args)
      if !lowParameter.isScalar || !highParameter.isScalar {
        let sample = try args.framework { try g.generator.uniform(low: lowParameter, high: highParameter, size: size) }
        return try NumPyDistributionArguments.result(sample, args)
      }
      let low = lowParameter.values[0], high = highParameter.values[0]
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try g.generator.uniform(low: low, high: high, count: n, shape: size ?? []) }
      return NumPyResult.value(.float64(values), shape: size)
    }
    m.define("normal(loc=0.0, scale=1.0, size=None)") { g, args in
      let locParameter = try NumPyDistributionArguments.float(args, "loc", default: 0)
      let scaleParameter = try NumPyDistributionArguments.float(args, "scale", default: 1)
      let size = try A.size(args)
      if !locParameter.isScalar || !scaleParameter.isScalar {
        let sample = try args.framework { try g.generator.normal(loc: locParameter, scale: scaleParameter, size: size) }
        return try NumPyDistributionArguments.result(sample, args)
      }
      let loc = locParameter.values[0], scale = scaleParameter.values[0]
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework { try g.generator.normal(loc: loc, scale: scale, count: n, shape: size ?? []) }
      return NumPyResult.value(.float64(values), shape: size)
    }
    m.define("integers(low, high=None, size=None, dtype=np.int64, endpoint=False)") { g, args in
      guard let low = try A.integerBound(args, "low") else { throw args.error("low", "integers() argument 'low' must be an int, got None") }
      let high = try A.integerBound(args, "high")
      let size = try A.size(args)
      let dtype = try NumPyDTypes.integerDType(args, function: "integers")
      let endpoint = (args.value("endpoint") ?? .bool(false)).isTruthy
      let n = try A.count(size ?? [], at: args.callRange)
      let values = try args.framework {
        try g.generator.integers(low: low, high: high, count: n, dtype: dtype, endpoint: endpoint, shape: size ?? [])
      }
      return NumPyResult.value(values, shape: size)
    }
    m.define("shuffle(x, axis=0)") { g, args in
      if case .object(let o)? = args.value("x"), let a = o as? ArrayObject {
        try A.requireAxisZero(args, rank: a.tensor.rank)
      }
      return try NumPyPermutations.shuffle(args) { order, shape in g.generator.shuffle(&order, shape: shape) }
    }
    m.define("permutation(x, axis=0)") { g, args in
      if BoundArguments.asInt(args.value("x") ?? .none) == nil {
        try A.requireAxisZero(args, rank: try A.arrayLike(args, "x").rank)
      }
      return try NumPyPermutations.permutation(
        args, zeroDimensionalMessage: "axis 0 is out of bounds for array of dimension 0",
        range: { g.generator.permutation($0) }, rows: { order, shape in g.generator.permutation(order, shape: shape) })
    }
    m.define("choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)") { g, args in
      let value = args.value("a") ?? .none
      let population = try NumPyPermutations.population(
        args, scalarMessage: "a must be a sequence or an integer, not <class '\(value.typeName)'>")
      if case .rows(let t) = population { try A.requireAxisZero(args, rank: t.rank) }
      let size = try A.size(args)
      let n = try A.count(size ?? [], at: args.callRange)
      let replace = (args.value("replace") ?? .bool(true)).isTruthy
      let shuffle = (args.value("shuffle") ?? .bool(true)).isTruthy
      let p = try A.probabilities(args)
      let populationSize = population.streamPopulation.count
      if !replace, p == nil, populationSize > 10_000, n > populationSize / (shuffle ? 50 : 20) {
        _ = try A.count([populationSize], at: args.range("a"))  // a partial shuffle of the whole population
      }
      let indices = try args.framework {
        try g.generator.choice(population.streamPopulation, count: n, replace: replace, p: p, shuffle: shuffle, shape: size ?? [])
      }
      return NumPyPermutations.choiceResult(population, indices: indices, size: size)
    }
    m.define("spawn(n_children)") { g, args in
      guard let n = BoundArguments.asInt(args.value("n_children") ?? .none)?.int64, n >= 0 else {
        throw args.error("n_children", "n_children must be a non-negative integer")
      }
      let count = try NumPyArguments.count([Int(n)], at: args.range("n_children"))
      let parent = g.bitGenerator
      let children = parent.seedSequenceObject.spawn(count).map { seed -> Value in
        let bits = NumPyBitGeneratorObject(kind: parent.kind, seedSequenceObject: seed, seedText: seed.repr)
        bits.wrapped = true
        let index = seed.spawnKey.last.map { "\($0)" } ?? "0"
        var child = EngineGenerator(
          bitGenerator: bits.bits, seedSequence: seed.sequence, name: "\(g.generator.identity.name).spawn(\(index))",
          call: "\(g.generator.identity.name).spawn(...)", observer: g.generator.observer)
        child.observer = g.generator.observer
        return .object(GeneratorObject(generator: child, bitGenerator: bits))
      }
      return .object(ListObject(children))
    }
    defineDistributions(&m)
    return m
  }()

  /// `random` / `standard_normal` with `size` and `out`: values of `dtype`
  /// as a new array (or scalar), or written into `out` and returned.
  private static func filling(
    _ args: BoundArguments, dtype: FloatDType, draw: (Int, [Int]) throws -> DrawnValues
  ) throws -> Value {
    let size = try NumPyArguments.size(args)
    guard let outValue = args.value("out"), !outValue.isNone else {
      let n = try NumPyArguments.count(size ?? [], at: args.callRange)
      return NumPyResult.value(try draw(n, size ?? []), shape: size)
    }
    guard case .object(let o) = outValue, let out = o as? ArrayObject, out.kind == .numpy,
      NumPyViews.layout(of: out).positions(out.tensor.shape) == Array(0..<out.tensor.count).map({ $0 + NumPyViews.layout(of: out).offset })
    else {
      throw EvaluationError(
        "Supplied output array must be contiguous, writable, aligned, and in machine byte-order.", at: args.range("out"), type: "ValueError")
    }
    if out.tensor.dtype.rawValue != dtype.rawValue {
      throw args.error("out", "Supplied output array has the wrong type. Expected \(dtype.rawValue), got \(out.tensor.dtype.rawValue)")
    }
    if let size, size != out.tensor.shape {
      throw args.error("size", "size must match out.shape when used together")
    }
    try NumPyViews.write(out, Tensor(try draw(out.tensor.count, out.tensor.shape), shape: out.tensor.shape), at: nil, range: args.callRange)
    return outValue
  }
}

extension ChoicePopulation {
  /// The number of values drawn from.
  var count: Int {
    switch self {
    case .range(let n): return n
    case .array(let n): return n
    }
  }
}

extension GeneratorObject: NumPyBitGeneratorOwner {
  static var sharedStream: ReferenceWritableKeyPath<GeneratorObject, EngineGenerator> { \.generator }
}
