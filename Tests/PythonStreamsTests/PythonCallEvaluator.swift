// Maps the CALL strings of fixtures/reference/python/*.jsonl onto the
// PythonStreams API, so each golden case runs through PythonRandom.
import PythonStreams
import RNGStreams

/// A Python value as the golden calls produce them.
indirect enum PyValue {
  case none
  case bool(Bool)
  case int(Int128)
  /// An int given by 32-bit words, least significant first (getrandbits).
  case words([UInt32])
  case float(Double)
  case str(String)
  case bytes([UInt8])
  case list([PyValue])
  case range(Int128, Int128, Int128)
  case function(String)
  case instance(RandomBox)
  case method(RandomBox, String)

  var asInt: Int128? {
    switch self {
    case .int(let v): return v
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  var asDouble: Double? {
    switch self {
    case .float(let v): return v
    case .int(let v): return Double(v)
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }

  /// The elements of a list or range.
  var elements: [PyValue]? {
    switch self {
    case .list(let items): return items
    case .range(let start, let stop, let step):
      return Swift.stride(from: start, to: stop, by: Int128.Stride(step)).map { .int($0) }
    default: return nil
    }
  }

  var length: Int? {
    switch self {
    case .list(let items): return items.count
    case .range(let start, let stop, let step):
      guard step > 0 else { return nil }
      return stop > start ? Int((stop - start + step - 1) / step) : 0
    default: return nil
    }
  }
}

/// A `random.Random` object: the module-level one or a user instance.
final class RandomBox {
  var random: PythonRandom
  init(_ random: PythonRandom) { self.random = random }
}

struct EvaluationError: Error, CustomStringConvertible {
  var description: String
}

/// Evaluates CALL strings against one module-level stream plus user instances.
struct PythonCallEvaluator {
  let global: RandomBox
  var instances = 0

  init(global: PythonRandom) { self.global = RandomBox(global) }

  mutating func run(_ call: String) throws -> PyValue {
    try evaluate(try PyExpr.parse(call))
  }

  mutating func evaluate(_ expr: PyExpr) throws -> PyValue {
    switch expr {
    case .int(let text):
      guard let v = Int128(text) else { throw EvaluationError(description: "int \(text)") }
      return .int(v)
    case .float(let v): return .float(v)
    case .string(let s): return .str(s)
    case .bytes(let b): return .bytes(b)
    case .name(let name):
      switch name {
      case "True": return .bool(true)
      case "False": return .bool(false)
      case "None": return .none
      default: return .function(name)
      }
    case .list(let items): return .list(try items.map { try evaluate($0) })
    case .tuple(let items): return .list(try items.map { try evaluate($0) })
    case .negate(let inner):
      switch try evaluate(inner) {
      case .int(let v): return .int(-v)
      case .float(let v): return .float(-v)
      default: throw EvaluationError(description: "negate")
      }
    case .binary(let op, let lhs, let rhs):
      guard let a = try evaluate(lhs).asInt, let b = try evaluate(rhs).asInt else {
        throw EvaluationError(description: "binary \(op) on non-ints")
      }
      switch op {
      case "+": return .int(a + b)
      case "-": return .int(a - b)
      case "*": return .int(a * b)
      default:
        var result: Int128 = 1
        for _ in 0..<Int(b) { result *= a }
        return .int(result)
      }
    case .attribute(let base, let name):
      guard case .instance(let box) = try evaluate(base) else { throw EvaluationError(description: "attribute") }
      return .method(box, name)
    case .call(let callee, let args, let keywords):
      let function = try evaluate(callee)
      let values = try args.map { try evaluate($0) }
      var named = [String: PyValue]()
      for (key, value) in keywords { named[key] = try evaluate(value) }
      switch function {
      case .function(let name): return try call(name, on: global, values, named)
      case .method(let box, let name): return try call(name, on: box, values, named)
      default: throw EvaluationError(description: "not callable")
      }
    }
  }

  static func seed(of value: PyValue) throws -> PythonSeed {
    switch value {
    case .bool(let b): return .bool(b)
    case .int(let v):
      if let small = Int64(exactly: v) { return .int(small) }
      let magnitude = v.magnitude
      return .bigInt(magnitude: (0..<4).map { UInt32(truncatingIfNeeded: magnitude >> (32 * UInt128($0))) }, negative: v < 0)
    case .float(let d): return .float(d)
    case .str(let s): return .string(s)
    case .bytes(let b): return .bytes(b)
    default: throw EvaluationError(description: "seed type")
    }
  }

  mutating func call(_ name: String, on box: RandomBox, _ args: [PyValue], _ named: [String: PyValue]) throws -> PyValue {
    func int(_ i: Int) throws -> Int64 {
      guard i < args.count, let v = args[i].asInt, let small = Int64(exactly: v) else {
        throw EvaluationError(description: "\(name): int argument \(i)")
      }
      return small
    }
    func wide(_ i: Int) throws -> Int128 {
      guard i < args.count, let v = args[i].asInt else { throw EvaluationError(description: "\(name): int argument \(i)") }
      return v
    }
    func double(_ i: Int, _ key: String, _ fallback: Double) throws -> Double {
      if i < args.count { return args[i].asDouble ?? fallback }
      return named[key]?.asDouble ?? fallback
    }
    switch name {
    case "list":
      guard let items = args.first?.elements else { return .list([]) }
      return .list(items)
    case "range":
      let a = try args.map { v -> Int128 in
        guard let i = v.asInt else { throw EvaluationError(description: "range") }
        return i
      }
      return a.count == 1 ? .range(0, a[0], 1) : .range(a[0], a[1], a.count > 2 ? a[2] : 1)
    case "float":
      guard case .str(let text) = args.first else { throw EvaluationError(description: "float") }
      return .float(text == "inf" ? .infinity : text == "-inf" ? -.infinity : Double(text) ?? .nan)
    case "Random":
      instances += 1
      let seed = try Self.seed(of: args.first ?? .none)
      return .instance(RandomBox(try PythonRandom(seed: seed, name: PythonRandom.instanceName(instances))))
    case "seed":
      try box.random.seed(try Self.seed(of: args[0]))
      return args[0]
    case "random": return .float(box.random.random())
    case "uniform": return .float(box.random.uniform(try double(0, "a", 0), try double(1, "b", 1)))
    case "gauss": return .float(box.random.gauss(mu: try double(0, "mu", 0), sigma: try double(1, "sigma", 1)))
    case "normalvariate":
      return .float(box.random.normalvariate(mu: try double(0, "mu", 0), sigma: try double(1, "sigma", 1)))
    case "randrange":
      let stop: Int128? = args.count > 1 ? try wide(1) : nil
      return .int(try box.random.randrange(try wide(0), stop, args.count > 2 ? try wide(2) : 1))
    case "randint": return .int(try box.random.randint(a: try wide(0), b: try wide(1)))
    case "getrandbits": return .words(try box.random.getrandbitsWords(Int(try int(0))))
    case "randbytes": return .list(try box.random.randbytes(Int(try int(0))).map { .int(Int128($0)) })
    case "choice":
      guard let items = args.first?.elements else { throw EvaluationError(description: "choice") }
      return try box.random.choice(items)
    case "choices":
      guard let items = args.first?.elements else { throw EvaluationError(description: "choices") }
      let k = Int(named["k"]?.asInt ?? 1)
      let weights = named["weights"]?.elements?.compactMap(\.asDouble)
      let cumulative = named["cum_weights"]?.elements?.compactMap(\.asDouble)
      return .list(try box.random.choices(items, weights: weights, cumWeights: cumulative, k: k))
    case "shuffle":
      guard var items = args.first?.elements else { throw EvaluationError(description: "shuffle") }
      box.random.shuffle(&items)
      return .list(items)
    case "sample":
      guard let population = args.first, let n = population.length else { throw EvaluationError(description: "sample") }
      let k = Int(try int(1))
      let counts = named["counts"]?.elements?.compactMap { $0.asInt.map { Int($0) } }
      if case .range(0, _, 1) = population, counts == nil {
        return .list(try box.random.sample(populationSize: n, k: k).map { .int(Int128($0)) })
      }
      return .list(try box.random.sample(population.elements ?? [], k: k, counts: counts))
    default:
      throw EvaluationError(description: "unknown function \(name)")
    }
  }
}

extension PyValue {
  /// Whether this value is what golden.py recorded in `output` (floats bit
  /// for bit, ints exactly, dtype and shape included).
  func mismatch(against output: GoldenOutput) -> String? {
    var values = [PyValue]()
    var shape = [Int]()
    switch self {
    case .list(let items):
      values = items
      shape = [items.count]
    default:
      values = [self]
    }
    if shape != output.shape { return "shape \(shape) != \(output.shape)" }
    if values.count != output.values.count { return "count \(values.count) != \(output.values.count)" }
    for (i, (got, expected)) in zip(values, output.values).enumerated() {
      switch got {
      case .float(let v):
        guard output.dtype == "float64", let e = expected.doubleValue, e.bitPattern == v.bitPattern else {
          return "[\(i)] \(v) (\(output.dtype)) != \(expected)"
        }
      case .bool(let b):
        guard output.dtype == "bool", expected == .bool(b) else { return "[\(i)] \(b) != \(expected)" }
      case .int(let v):
        guard case .number(let text) = expected, Int128(text) == v else { return "[\(i)] \(v) != \(expected)" }
        let fits = Int64(exactly: v) != nil
        if output.dtype != (fits ? "int64" : "int") { return "[\(i)] dtype \(output.dtype)" }
      case .words(let words):
        guard case .number(let text) = expected, Self.words(ofDecimal: text) == Self.trim(words) else {
          return "[\(i)] words \(words) != \(expected)"
        }
      default:
        return "[\(i)] unexpected value kind"
      }
    }
    return nil
  }

  static func trim(_ words: [UInt32]) -> [UInt32] {
    var w = words
    while w.count > 1, w.last == 0 { w.removeLast() }
    return w.isEmpty ? [0] : w
  }

  /// A non-negative decimal literal as 32-bit words, least significant first.
  static func words(ofDecimal text: String) -> [UInt32] {
    var words: [UInt32] = [0]
    for digit in text.utf8 {
      var carry = UInt64(digit - UInt8(ascii: "0"))
      for i in words.indices {
        let v = UInt64(words[i]) * 10 + carry
        words[i] = UInt32(truncatingIfNeeded: v)
        carry = v >> 32
      }
      if carry > 0 { words.append(UInt32(carry)) }
    }
    return trim(words)
  }
}

extension PythonRandom {
  /// The module-level stream after `random.seed(seed)` for a golden case's
  /// seed (null: unseeded, the case seeds itself).
  static func forGolden(_ seed: JSONValue) throws -> PythonRandom {
    switch seed {
    case .null: return PythonRandom(seed: 0)
    case .string(let text): return try PythonRandom(seed: .string(text))
    case .number(let text):
      guard let value = Int128(text) else { throw EvaluationError(description: "seed \(text)") }
      return try PythonRandom(seed: PythonCallEvaluator.seed(of: .int(value)))
    default: throw EvaluationError(description: "seed \(seed)")
    }
  }
}
