// Test support: evaluates golden CALL strings of framework "tf-keras"
// against the Swift emulation.

import KerasStreams
import PythonStreams
import RNGStreams
import TensorFlowStreams

/// A value while evaluating a CALL.
enum TFKerasValue {
  case tensor(TensorValues, [Int])
  case number(PyNumber)
  case string(String)
  case none
  case bool(Bool)
  case list([TFKerasValue])
  case initializer(Int)
  case dropout(Int)
  case callable(String)

  var outputs: [(TensorValues, [Int])] {
    switch self {
    case .tensor(let v, let s): return [(v, s)]
    case .number(.int(let v)): return [(.int64([Int64(v)]), [])]
    case .number(.float(let v)): return [(.float64([v]), [])]
    default: return []
    }
  }
}

struct TFKerasRunnerFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// One Python process with tf-keras imported.
struct TFKerasCallRunner {
  var python: PythonRandom
  var tf: TensorFlowEagerContext
  var backend: TFKeras.Backend
  var initializers: [any TFKeras.Initializer] = []
  var dropouts: [TFKeras.Dropout] = []
  var bindings: [String: TFKerasValue] = [:]

  init(seed: Int64?, observer: (any DrawObserver)? = nil) throws {
    // An unseeded process's global random is seeded from entropy; golden
    // cases without a seed reseed it before relying on it.
    python = PythonRandom(seedWords: [0x5eed])
    tf = TensorFlowEagerContext(observer: observer)
    backend = TFKeras.Backend(observer: observer)
    if let seed { try TFKeras.setRandomSeed(seed, python: &python, tensorflow: &tf, backend: &backend) }
  }

  mutating func run(_ source: String) throws -> TFKerasValue? {
    let statement = try PyStatement(source)
    let value = try eval(statement.expr)
    if let target = statement.target {
      bindings[target] = value
      return nil
    }
    return value
  }

  mutating func eval(_ e: PyExpr) throws -> TFKerasValue {
    if let n = PyNumber.fold(e) { return .number(n) }
    switch e {
    case .none: return .none
    case .bool(let b): return .bool(b)
    case .string(let s): return .string(s)
    case .list(let items), .tuple(let items): return .list(try items.map { try eval($0) })
    case .name(let n):
      if let b = bindings[n] { return b }
      return .callable(n)
    case .call(let callee, let args, let kwargs):
      let f = try eval(callee)
      var kw: [String: TFKerasValue] = [:]
      for (k, v) in kwargs { kw[k] = try eval(v) }
      return try call(f, try args.map { try eval($0) }, kw)
    default:
      throw TFKerasRunnerFailure("cannot evaluate \(e)")
    }
  }

  func int(_ v: TFKerasValue?) -> Int64? {
    if case .number(.int(let x))? = v { return Int64(x) }
    return nil
  }

  func scalar(_ v: TFKerasValue?) -> TensorFlowScalar? {
    switch v {
    case .number(.int(let x))?: return .int(Int64(x))
    case .number(.float(let x))?: return .float(x)
    default: return nil
    }
  }

  func string(_ v: TFKerasValue?) -> String? {
    if case .string(let s)? = v { return s }
    return nil
  }

  func shape(_ v: TFKerasValue?) throws -> [Int] {
    guard case .list(let items)? = v else { throw TFKerasRunnerFailure("shape expected") }
    return items.map { if case .number(.int(let d)) = $0 { Int(d) } else { -1 } }
  }

  func dtype(_ v: TFKerasValue?) -> TensorFlowDType {
    string(v).flatMap(TensorFlowDType.init(name:)) ?? .float32
  }

  mutating func call(_ f: TFKerasValue, _ a: [TFKerasValue], _ kw: [String: TFKerasValue]) throws -> TFKerasValue {
    func arg(_ i: Int, _ name: String) -> TFKerasValue? { i < a.count ? a[i] : kw[name] }
    switch f {
    case .callable("random.seed"):
      python = PythonRandom(seed: int(a[0])!)
      return a[0]
    case .callable("random.random"):
      return .number(.float(python.random()))
    case .callable("ones"):
      let s = try shape(arg(0, "shape"))
      let n = s.reduce(1, *)
      let d = dtype(arg(1, "dtype"))
      return .tensor(d == .float64 ? .float64(Array(repeating: 1, count: n)) : .float32(Array(repeating: 1, count: n)), s)
    case .callable("Dropout"):
      var noise: [Int?]?
      if case .list(let items)? = kw["noise_shape"] {
        noise = items.map { if case .number(.int(let d)) = $0 { Int(d) } else { nil } }
      }
      guard case .number(let rate)? = arg(0, "rate") else { throw TFKerasRunnerFailure("rate expected") }
      dropouts.append(try TFKeras.Dropout(rate.double, noiseShape: noise, seed: int(kw["seed"])))
      return .dropout(dropouts.count - 1)
    case .callable(let name):
      let seed = int(kw["seed"])
      let initializer: any TFKeras.Initializer
      switch name {
      case "GlorotUniform": initializer = TFKeras.VarianceScaling.glorotUniform(seed: seed)
      case "GlorotNormal": initializer = TFKeras.VarianceScaling.glorotNormal(seed: seed)
      case "HeUniform": initializer = TFKeras.VarianceScaling.heUniform(seed: seed)
      case "HeNormal": initializer = TFKeras.VarianceScaling.heNormal(seed: seed)
      case "LecunUniform": initializer = TFKeras.VarianceScaling.lecunUniform(seed: seed)
      case "LecunNormal": initializer = TFKeras.VarianceScaling.lecunNormal(seed: seed)
      case "VarianceScaling":
        initializer = try TFKeras.VarianceScaling(
          scale: scalar(arg(0, "scale")).map { if case .float(let x) = $0 { x } else if case .int(let x) = $0 { Double(x) } else { 1 } } ?? 1,
          mode: TFKeras.VarianceScaling.Mode(rawValue: string(arg(1, "mode")) ?? "fan_in")!,
          distribution: TFKeras.VarianceScaling.Distribution(name: string(arg(2, "distribution")) ?? "truncated_normal")!,
          seed: int(arg(3, "seed")))
      case "RandomUniform":
        initializer = TFKeras.RandomUniform(
          minval: scalar(arg(0, "minval")) ?? -0.05, maxval: scalar(arg(1, "maxval")) ?? 0.05, seed: int(arg(2, "seed")))
      case "RandomNormal":
        initializer = TFKeras.RandomNormal(
          mean: scalar(arg(0, "mean")) ?? 0.0, stddev: scalar(arg(1, "stddev")) ?? 0.05, seed: int(arg(2, "seed")))
      case "TruncatedNormal":
        initializer = TFKeras.TruncatedNormal(
          mean: scalar(arg(0, "mean")) ?? 0.0, stddev: scalar(arg(1, "stddev")) ?? 0.05, seed: int(arg(2, "seed")))
      default:
        throw TFKerasRunnerFailure("unknown callable \(name)")
      }
      initializers.append(initializer)
      return .initializer(initializers.count - 1)
    case .initializer(let id):
      let s = try shape(arg(0, "shape"))
      let values = try initializers[id](s, dtype: dtype(arg(1, "dtype")), backend: &backend, python: &python)
      return .tensor(values, s)
    case .dropout(let id):
      guard case .tensor(let x, let s)? = arg(0, "inputs") else { throw TFKerasRunnerFailure("tensor expected") }
      var training: Bool?
      if case .bool(let b)? = kw["training"] { training = b }
      return .tensor(try dropouts[id](x, shape: s, training: training, tensorflow: &tf), s)
    default:
      throw TFKerasRunnerFailure("cannot call \(f)")
    }
  }
}
