import PythonSubset
import RNGStreams
import TensorFlowStreams

/// A `tf.random.Generator` in the call strings: its sampling methods, its
/// `state`, `split`, `make_seeds` and resets.
///
/// ```python
/// g = Generator.from_seed(1234)
/// g.uniform([3]); g.normal([2], dtype=float64); g.state     # [2002 + 512, 0, 0]
/// a, b = g.split(2)
/// ```
///
/// Each generator is a stream named `generator#N` in creation order (the
/// global generator too); `reset_from_seed` and `reset` start
/// `generator#N/reset1`, …; split children are new generators whose
/// seeding names the parent.
///
/// Edge cases: ThreeFry is refused (see
/// ``BoundArguments/tfGeneratorAlgorithm(_:)``); `binomial` advances the
/// counter by its own rule (see ``TensorFlowStreams/TensorFlowGenerator``).
final class TensorFlowGeneratorObject: PythonObject {
  var generator: TensorFlowGenerator
  let process: TensorFlowProcess

  init(_ generator: TensorFlowGenerator, process: TensorFlowProcess) {
    self.generator = generator
    self.process = process
  }

  var typeName: String { "tf.random.Generator" }
  var repr: String { "<tf.random.Generator \(generator.baseName)>" }

  static let methodNames = [
    "algorithm", "binomial", "key", "make_seeds", "normal", "reset", "reset_from_key_counter", "reset_from_seed",
    "skip", "split", "state", "truncated_normal", "uniform", "uniform_full_int",
  ]
  var attributeNames: [String] { Self.methodNames }

  var observer: (any DrawObserver)? { process.eager.observer }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "state": return Self.int64Tensor(generator.state, shape: [3])
    case "algorithm": return .int(PythonInt(generator.algorithm.rawValue))
    case "key": return Self.int64Tensor([generator.state[2]], shape: [])
    default: return try method(name).map { .object($0) }
    }
  }

  private func method(_ name: String) throws -> BuiltinFunction? {
    switch name {
    case "uniform":
      return BuiltinFunction(signature: Signature("uniform(shape, minval=0, maxval=None, dtype=tf.float32, name=None)")) { [self] args in
        let shape = try args.tfShape("shape")
        // An absent minval is 0; an explicit None asks for the full integer range.
        let minval: TensorFlowScalar? = args.values["minval"] == nil ? 0 : try args.tfNumber("minval")
        let maxval = try args.tfNumber("maxval")
        let dtype = try args.tfDType("dtype", default: .float32)
        let values = try args.framework {
          try generator.uniform(shape, minval: minval, maxval: maxval, dtype: dtype, observer: observer)
        }
        return TensorFlowTensor(values, shape: shape).value
      }
    case "normal", "truncated_normal":
      return BuiltinFunction(signature: Signature("\(name)(shape, mean=0.0, stddev=1.0, dtype=tf.float32, name=None)")) { [self] args in
        let shape = try args.tfShape("shape")
        let mean = try args.tfNumber("mean") ?? 0.0
        let stddev = try args.tfNumber("stddev") ?? 1.0
        let dtype = try args.tfDType("dtype", default: .float32)
        let values = try args.framework {
          name == "normal"
            ? try generator.normal(shape, mean: mean, stddev: stddev, dtype: dtype, observer: observer)
            : try generator.truncatedNormal(shape, mean: mean, stddev: stddev, dtype: dtype, observer: observer)
        }
        return TensorFlowTensor(values, shape: shape).value
      }
    case "uniform_full_int":
      return BuiltinFunction(signature: Signature("uniform_full_int(shape, dtype=tf.uint64, name=None)")) { [self] args in
        let shape = try args.tfShape("shape")
        let dtype = try args.tfFullIntDType("dtype")
        let values = try args.framework { try generator.uniformFullInt(shape, dtype: dtype, observer: observer) }
        return .object(ArrayObject(Tensor(values, shape: shape), kind: .tensorflow, methods: TensorFlowTensor.methods))
      }
    case "make_seeds":
      return BuiltinFunction(signature: Signature("make_seeds(count=1)")) { [self] args in
        let count = try Self.count(args)
        let seeds = try args.framework { try generator.makeSeeds(count: count, observer: observer) }
        return Self.int64Tensor(seeds, shape: [2, count])
      }
    case "split":
      return BuiltinFunction(signature: Signature("split(count=1)")) { [self] args in
        let count = try Self.count(args)
        let names = (0..<count).map { _ in process.nextGeneratorName() }
        let children = try args.framework { try generator.split(names: names, observer: observer) }
        for child in children { observer?.observe(seeded: child.stream, start: 0) }
        return .object(ListObject(children.map { .object(TensorFlowGeneratorObject($0, process: process)) }))
      }
    case "reset_from_seed":
      return BuiltinFunction(signature: Signature("reset_from_seed(seed)")) { [self] args in
        let state = try args.tfGeneratorSeed("seed")
        try reset(state, args, call: "reset_from_seed(\(args.value("seed")?.repr ?? "None"))")
        return .none
      }
    case "reset":
      return BuiltinFunction(signature: Signature("reset(state)")) { [self] args in
        let state = try args.tfStateVector("state")
        try reset(state, args, call: "reset(\(args.value("state")?.repr ?? "None"))")
        return .none
      }
    case "reset_from_key_counter":
      return BuiltinFunction(signature: Signature("reset_from_key_counter(key, counter)")) { [self] args in
        let state = try Self.keyCounterState(args)
        try reset(state, args, call: "reset_from_key_counter(...)")
        return .none
      }
    case "skip":
      return BuiltinFunction(signature: Signature("skip(delta)")) { [self] args in
        guard let delta = try args.intValue("delta"), delta >= 0 else {
          throw args.error("delta", "skip() argument 'delta' must be a non-negative int such as 10")
        }
        return Self.int64Tensor(generator.skip(delta), shape: [3])
      }
    case "binomial":
      return BuiltinFunction(signature: Signature("binomial(shape, counts, probs, dtype=tf.int32, name=None)")) { [self] args in
        let shape = try args.tfShape("shape")
        let counts = try args.tfTensor("counts")
        let probs = try args.tfTensor("probs")
        guard counts.dtype == probs.dtype, counts.dtype == .float32 || counts.dtype == .float64 else {
          throw args.error(
            "counts", "Generator.binomial needs counts and probs of one float dtype (write counts as floats, 10.0), got \(counts.dtype) and \(probs.dtype)")
        }
        let dtype = try args.tfDType("dtype", default: .int32)
        let values = try args.framework {
          try generator.binomial(
            shape, counts: counts.values.doubles, countsShape: counts.shape, probs: probs.values.doubles,
            probsShape: probs.shape, parameterType: probs.dtype, dtype: dtype, observer: observer)
        }
        return TensorFlowTensor(values, shape: shape).value
      }
    default:
      return nil
    }
  }

  private func reset(_ state: [Int64], _ args: BoundArguments, call: String) throws {
    try args.framework { try generator.reset(state: state, seeding: .explicit(call: "\(generator.baseName).\(call)")) }
    observer?.observe(seeded: generator.stream, start: 0)
  }

  /// `count=` of `split` and `make_seeds`: a non-negative int.
  static func count(_ args: BoundArguments) throws -> Int {
    let count = try args.intValue("count") ?? 1
    guard count >= 0 else {
      throw args.error("count", "\(args.signature.name)() argument 'count' must be a non-negative int such as 2")
    }
    return count
  }

  /// `[counter..., key]` from `key=` (a scalar) and `counter=` (two elements).
  static func keyCounterState(_ args: BoundArguments) throws -> [Int64] {
    let counter = try args.tfStateVector("counter")
    guard counter.count == 2 else {
      throw args.error("counter", "\(args.signature.name)() argument 'counter' must have 2 elements for Philox, got \(counter.count)")
    }
    guard let key = try args.int("key")?.int64 else {
      throw args.error("key", "\(args.signature.name)() argument 'key' must be an int64 scalar")
    }
    return counter + [key]
  }

  /// An int64 `tf.Tensor`.
  static func int64Tensor(_ values: [Int64], shape: [Int]) -> Value {
    TensorFlowTensor(.int64(values), shape: shape).value
  }
}
