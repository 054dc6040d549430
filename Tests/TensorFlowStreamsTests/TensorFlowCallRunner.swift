// Test support: evaluates golden CALL strings of framework "tensorflow"
// against the Swift emulation.

import RNGStreams
import TensorFlowStreams

/// A value while evaluating a CALL.
enum TFValue {
  case tensor(TensorValues, [Int])
  case number(PyNumber)
  case string(String)
  case none
  case dtype(TensorFlowDType)
  case list([TFValue])
  case function(String)

  /// The tensors a call reports, in order (golden.outputs_of).
  var outputs: [(TensorValues, [Int])] {
    switch self {
    case .tensor(let v, let s): return [(v, s)]
    case .number(.int(let v)): return [(.int64([Int64(v)]), [])]
    case .number(.float(let v)): return [(.float64([v]), [])]
    case .list(let items): return items.flatMap(\.outputs)
    default: return []
    }
  }
}

struct RunnerFailure: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// One process of TensorFlow: a context plus the names CALLs bound.
struct TensorFlowCallRunner {
  var tf: TensorFlowEagerContext
  var bindings: [String: TFValue] = [:]
  var functions: [String: (body: PyExpr, graph: TensorFlowGraph?)] = [:]

  init(seed: Int64?, observer: (any DrawObserver)? = nil) {
    tf = TensorFlowEagerContext(observer: observer)
    if let seed { tf.setSeed(seed) }
  }

  /// Runs one CALL; returns the value it reports (nil for an assignment).
  mutating func run(_ source: String) throws -> TFValue? {
    let statement = try PyStatement(source)
    if let target = statement.target {
      if case .call(.name("function"), let args, _) = statement.expr, case .lambda(let body)? = args.first {
        functions[target] = (body, nil)
        bindings[target] = .function(target)
      } else {
        bindings[target] = try eval(statement.expr)
      }
      return nil
    }
    return try eval(statement.expr)
  }

  mutating func eval(_ e: PyExpr) throws -> TFValue {
    if let n = PyNumber.fold(e) { return .number(n) }
    switch e {
    case .none: return .none
    case .string(let s): return .string(s)
    case .name(let n):
      if let d = TensorFlowDType(name: n) { return .dtype(d) }
      if let b = bindings[n] { return b }
      throw RunnerFailure("unknown name \(n)")
    case .binary("or", let l, let r):
      let left = try eval(l)
      if case .none = left { return try eval(r) }
      return left
    case .list(let items): return .list(try items.map { try eval($0) })
    case .tuple(let items): return .list(try items.map { try eval($0) })
    case .call(.name(let f), let args, let kwargs):
      var kw: [String: TFValue] = [:]
      for (k, v) in kwargs { kw[k] = try eval(v) }
      return try call(f, try args.map { try eval($0) }, kw)
    default:
      throw RunnerFailure("cannot evaluate \(e)")
    }
  }

  // MARK: argument conversion

  func shape(_ v: TFValue?) throws -> [Int] {
    guard case .list(let items)? = v else { throw RunnerFailure("shape expected") }
    return try items.map { item in
      guard case .number(.int(let d)) = item else { throw RunnerFailure("shape entries must be ints") }
      return Int(d)
    }
  }

  func int(_ v: TFValue?) throws -> Int64? {
    switch v {
    case nil, .none?: return nil
    case .number(.int(let x))?: return Int64(x)
    default: throw RunnerFailure("int expected, got \(String(describing: v))")
    }
  }

  func scalar(_ v: TFValue?) throws -> TensorFlowScalar? {
    switch v {
    case nil, .none?: return nil
    case .number(.int(let x))?: return .int(Int64(x))
    case .number(.float(let x))?: return .float(x)
    default: throw RunnerFailure("number expected")
    }
  }

  func dtype(_ v: TFValue?) throws -> TensorFlowDType {
    switch v {
    case nil: return .float32
    case .dtype(let d)?: return d
    case .string(let s)?: return TensorFlowDType(name: s)!
    default: throw RunnerFailure("dtype expected")
    }
  }

  func seedList(_ v: TFValue?) throws -> [Int64] {
    guard case .list(let items)? = v else { throw RunnerFailure("seed list expected") }
    return try items.map { try int($0)! }
  }

  func tensor(_ v: TFValue?) throws -> (TensorValues, [Int]) {
    if case .tensor(let t, let s)? = v { return (t, s) }
    guard let v else { throw RunnerFailure("tensor expected") }
    // A nested Python list: ints become int32, floats float32.
    var leaves: [PyNumber] = []
    var shape: [Int] = []
    func walk(_ x: TFValue, depth: Int) throws {
      switch x {
      case .list(let items):
        if shape.count == depth { shape.append(items.count) }
        for i in items { try walk(i, depth: depth + 1) }
      case .number(let n): leaves.append(n)
      default: throw RunnerFailure("list of numbers expected")
      }
    }
    try walk(v, depth: 0)
    if leaves.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
      return (.int32(leaves.map { if case .int(let x) = $0 { return Int32(x) } else { return 0 } }), shape)
    }
    return (.float32(leaves.map { Float($0.double) }), shape)
  }

  // MARK: calls

  mutating func call(_ f: String, _ a: [TFValue], _ kw: [String: TFValue]) throws -> TFValue {
    func arg(_ i: Int, _ name: String) -> TFValue? { i < a.count ? a[i] : kw[name] }
    switch f {
    case "uniform":
      let s = try shape(arg(0, "shape"))
      let v = try tf.uniform(
        s, minval: try scalar(arg(1, "minval")) ?? 0, maxval: try scalar(arg(2, "maxval")),
        dtype: try dtype(arg(3, "dtype")), seed: try int(arg(4, "seed")))
      return .tensor(v, s)
    case "normal", "truncated_normal":
      let s = try shape(arg(0, "shape"))
      let mean = try scalar(arg(1, "mean")) ?? 0.0
      let stddev = try scalar(arg(2, "stddev")) ?? 1.0
      let d = try dtype(arg(3, "dtype"))
      let seed = try int(arg(4, "seed"))
      let v = f == "normal"
        ? try tf.normal(s, mean: mean, stddev: stddev, dtype: d, seed: seed)
        : try tf.truncatedNormal(s, mean: mean, stddev: stddev, dtype: d, seed: seed)
      return .tensor(v, s)
    case "shuffle":
      let (t, s) = try tensor(arg(0, "value"))
      return .tensor(try tf.shuffle(t, shape: s, seed: try int(arg(1, "seed"))), s)
    case "categorical":
      let (logits, s) = try tensor(arg(0, "logits"))
      let samples = Int(try int(arg(1, "num_samples"))!)
      let d = kw["dtype"] == nil ? TensorFlowDType.int64 : try dtype(kw["dtype"])
      let v = try tf.categorical(logits, shape: s, numSamples: samples, dtype: d, seed: try int(kw["seed"]))
      return .tensor(v, [s.first ?? 0, samples])
    case "get_seed":
      let seeds = try tf.getSeed(try int(arg(0, "op_seed")))
      return .tensor(.int64([seeds.seed, seeds.seed2]), [2])
    case "set_seed":
      tf.setSeed(try int(arg(0, "seed")))
      return tf.executingEagerly ? (a.first ?? .none) : .none
    case "ones", "zeros":
      let s = try shape(arg(0, "shape"))
      let d = try dtype(arg(1, "dtype"))
      let n = s.reduce(1, *)
      let x: Double = f == "ones" ? 1 : 0
      return .tensor(d == .float64 ? .float64(Array(repeating: x, count: n)) : .float32(Array(repeating: Float(x), count: n)), s)
    case "nn.dropout":
      let (x, s) = try tensor(arg(0, "x"))
      let rate = try scalar(arg(1, "rate"))!
      let noise = kw["noise_shape"].map { try? shape($0) } ?? nil
      let v = try tf.dropout(
        x, shape: s, rate: rate.doubleValue, noiseShape: noise, seed: try int(arg(3, "seed")))
      return .tensor(v, s)
    case "nn.experimental.stateless_dropout":
      let (x, s) = try tensor(arg(0, "x"))
      let rate = try scalar(arg(1, "rate"))!
      let noise = kw["noise_shape"].map { try? shape($0) } ?? nil
      let v = try StatelessRandomOps.dropout(
        x, shape: s, rate: rate.doubleValue, seed: try seedList(arg(2, "seed")), noiseShape: noise,
        observer: tf.observer)
      return .tensor(v, s)
    case "stateless_uniform":
      let s = try shape(arg(0, "shape"))
      let minval: TensorFlowScalar? = kw.keys.contains("minval") ? try scalar(kw["minval"]) : 0
      let v = try StatelessRandomOps.uniform(
        s, seed: try seedList(arg(1, "seed")), minval: minval, maxval: try scalar(kw["maxval"]),
        dtype: try dtype(kw["dtype"]), alg: kw["alg"].flatMap { if case .string(let x) = $0 { x } else { nil } },
        observer: tf.observer)
      return .tensor(v, s)
    case "stateless_normal", "stateless_truncated_normal":
      let s = try shape(arg(0, "shape"))
      let seed = try seedList(arg(1, "seed"))
      let mean = try scalar(kw["mean"]) ?? 0.0
      let stddev = try scalar(kw["stddev"]) ?? 1.0
      let d = try dtype(kw["dtype"])
      let v = f == "stateless_normal"
        ? try StatelessRandomOps.normal(s, seed: seed, mean: mean, stddev: stddev, dtype: d, observer: tf.observer)
        : try StatelessRandomOps.truncatedNormal(s, seed: seed, mean: mean, stddev: stddev, dtype: d, observer: tf.observer)
      return .tensor(v, s)
    default:
      if let fn = functions[f] {
        // A tf.function call: trace on first call (FuncGraph seed = global seed
        // now), later calls replay the same graph (same seeds, same nodes).
        let graph = fn.graph?.restarted ?? tf.functionGraph(id: f)
        functions[f] = (fn.body, graph)
        tf.enter(graph)
        defer { tf.exit() }
        return try eval(fn.body)
      }
      throw RunnerFailure("unknown function \(f)")
    }
  }
}

extension TensorFlowScalar {
  var doubleValue: Double {
    switch self {
    case .int(let v): return Double(v)
    case .float(let v): return v
    }
  }
}
