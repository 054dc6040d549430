import PythonSubset
import RNGStreams
import TensorFlowStreams

extension TensorFlowSampleFramework {
  /// `Generator` (with `from_seed`, `from_state`,
  /// `from_non_deterministic_state`, `from_key_counter` and
  /// `Generator(copy_from=None, state=None, alg=None)`),
  /// `get_global_generator`, `set_global_generator`, `create_rng_state`,
  /// `Algorithm`, the dtypes `uint32`/`uint64` `uniform_full_int` takes,
  /// and `stateless_poisson` (rates below 10).
  ///
  /// ```python
  /// g = Generator.from_seed(1234); g.uniform([3])
  /// set_global_generator(Generator.from_seed(7)); get_global_generator().normal([2])
  /// ```
  static func defineGenerator(in ns: Namespace, _ process: TensorFlowProcess) {
    ns.define("Generator", .object(TensorFlowGeneratorClass(process: process)))
    ns.define("get_global_generator()") { args in
      if let global = process.globalGenerator { return .object(global) }
      if process.eager.isOpDeterminismEnabled {
        throw EvaluationError(
          "\"get_global_generator\" cannot be called if determinism is enabled, unless \"set_global_generator\" has already been called. Please call \"set_global_generator\" first.",
          at: args.callRange)
      }
      let global = TensorFlowGeneratorObject(
        TensorFlowGenerator(entropyAlgorithm: .philox, name: process.nextGeneratorName()), process: process)
      process.eager.observer?.observe(seeded: global.generator.stream, start: 0)
      process.globalGenerator = global
      return .object(global)
    }
    ns.define("set_global_generator(generator)") { args in
      guard let generator = try args.object("generator", as: TensorFlowGeneratorObject.self, expected: "a tf.random.Generator") else {
        throw args.error("generator", "set_global_generator() argument 'generator' must be a tf.random.Generator, got None")
      }
      process.globalGenerator = generator
      return .none
    }
    ns.define("stateless_poisson(shape, seed, lam, dtype=tf.int32, name=None)") { args in
      let shape = try args.tfShape("shape")
      let seed = try args.tfSeedPair("seed")
      let lam = try args.tfTensor("lam")
      let dtype = try args.tfDType("dtype", default: .int32)
      let values = try args.framework {
        try StatelessRandomOps.poisson(
          shape, seed: seed, lam: lam.values.doubles, lamShape: lam.shape, dtype: dtype, observer: process.eager.observer)
      }
      return TensorFlowTensor(values, shape: shape).value
    }
    ns.define("create_rng_state(seed, alg)") { args in
      let state = try args.tfGeneratorSeed("seed")
      _ = try args.tfGeneratorAlgorithm("alg")
      return TensorFlowGeneratorObject.int64Tensor(state, shape: [3])
    }
    let algorithm = Namespace(name: "tf.random.Algorithm")
    algorithm.define("PHILOX", .int(PythonInt(1)))
    algorithm.define("THREEFRY", .int(PythonInt(2)))
    algorithm.define("AUTO_SELECT", .int(PythonInt(3)))
    ns.define("Algorithm", .object(algorithm))
    ns.define("uint32", .dtype(.uint32))
    ns.define("uint64", .dtype(.uint64))
  }
}

/// `tf.random.Generator` itself: the constructor and its class methods.
///
/// ```python
/// Generator.from_seed(1234)              # state [1234, 0, 0]
/// Generator.from_seed([1, 2])            # state [0, 1, 2]
/// Generator.from_state([1, 2, 3], alg='philox')
/// Generator(copy_from=g)                 # same state, a new generator
/// ```
final class TensorFlowGeneratorClass: PythonObject {
  let process: TensorFlowProcess

  init(process: TensorFlowProcess) { self.process = process }

  var typeName: String { "type" }
  var repr: String { "<class 'tensorflow.python.ops.stateful_random_ops.Generator'>" }
  var attributeNames: [String] { ["from_key_counter", "from_non_deterministic_state", "from_seed", "from_state"] }

  static let constructor = Signature("Generator(copy_from=None, state=None, alg=None)")

  func call(_ arguments: Arguments) throws -> Value {
    let args = try Self.constructor.bind(arguments)
    if let source = try args.object("copy_from", as: TensorFlowGeneratorObject.self, expected: "a tf.random.Generator") {
      if args.isGiven("state") || args.isGiven("alg") {
        throw args.error("copy_from", "Generator() takes copy_from alone, or state and alg together, not both")
      }
      let name = process.nextGeneratorName()
      return try make(source.generator.state, source.generator.algorithm, name, args, .derived(rule: "tf.random.Generator(copy_from=)", from: source.generator.stream.name))
    }
    guard args.isGiven("state"), args.isGiven("alg") else {
      throw args.error("state", "Generator() needs copy_from=, or state= and alg= together (e.g. Generator(state=[1, 2, 3], alg='philox')); use Generator.from_seed(seed) for a seed")
    }
    let state = try args.tfStateVector("state")
    let alg = try args.tfGeneratorAlgorithm("alg")
    return try make(state, alg, process.nextGeneratorName(), args, .explicit(call: "Generator(state=\(args.value("state")?.repr ?? ""), alg=\(args.value("alg")?.repr ?? ""))"))
  }

  func attribute(_ name: String) throws -> Value? {
    let process = process
    switch name {
    case "from_seed":
      return .object(BuiltinFunction(signature: Signature("from_seed(seed, alg=None)")) { [self] args in
        let state = try args.tfGeneratorSeed("seed")
        let alg = try args.tfGeneratorAlgorithm("alg")
        return try make(state, alg, process.nextGeneratorName(), args, .explicit(call: "Generator.from_seed(\(args.value("seed")?.repr ?? ""))"))
      })
    case "from_state":
      return .object(BuiltinFunction(signature: Signature("from_state(state, alg)")) { [self] args in
        let state = try args.tfStateVector("state")
        let alg = try args.tfGeneratorAlgorithm("alg")
        return try make(state, alg, process.nextGeneratorName(), args, .explicit(call: "Generator.from_state(\(args.value("state")?.repr ?? ""))"))
      })
    case "from_key_counter":
      return .object(BuiltinFunction(signature: Signature("from_key_counter(key, counter, alg)")) { [self] args in
        let state = try TensorFlowGeneratorObject.keyCounterState(args)
        let alg = try args.tfGeneratorAlgorithm("alg")
        return try make(state, alg, process.nextGeneratorName(), args, .explicit(call: "Generator.from_key_counter(...)"))
      })
    case "from_non_deterministic_state":
      return .object(BuiltinFunction(signature: Signature("from_non_deterministic_state(alg=None)")) { args in
        let alg = try args.tfGeneratorAlgorithm("alg")
        if process.eager.isOpDeterminismEnabled {
          throw EvaluationError(
            "\"from_non_deterministic_state\" cannot be called when determinism is enabled.", at: args.callRange)
        }
        let object = TensorFlowGeneratorObject(
          TensorFlowGenerator(entropyAlgorithm: alg, name: process.nextGeneratorName()), process: process)
        process.eager.observer?.observe(seeded: object.generator.stream, start: 0)
        return .object(object)
      })
    default:
      return nil
    }
  }

  private func make(
    _ state: [Int64], _ alg: TensorFlowGenerator.Algorithm, _ name: String, _ args: BoundArguments, _ seeding: StreamSeeding
  ) throws -> Value {
    let generator = try args.framework { try TensorFlowGenerator(state: state, algorithm: alg, name: name, seeding: seeding) }
    process.eager.observer?.observe(seeded: generator.stream, start: 0)
    return .object(TensorFlowGeneratorObject(generator, process: process))
  }
}
