// Maps the CALL strings of fixtures/reference/numpy*/…jsonl onto the
// NumPyStreams API (RandomState for "numpy", NumPyGenerator for
// "numpy-generator"), so each golden case runs through the Swift samplers.
import NumPyStreams
import RNGStreams

/// A NumPy array as the golden calls build them: flat values plus a shape.
struct NPArray {
  var values: NumPyValues
  var shape: [Int]

  var count: Int { values.count }
  /// Elements per row along axis 0.
  var rowLength: Int { shape.dropFirst().reduce(1, *) }

  /// Applies the same reordering of rows to any array kind.
  func reordered(_ body: (inout [Int]) -> Void) -> NPArray {
    var order = Array(0..<count)
    body(&order)
    func gather<T>(_ v: [T]) -> [T] { order.map { v[$0] } }
    let values: NumPyValues
    switch self.values {
    case .float64(let v): values = .float64(gather(v))
    case .float32(let v): values = .float32(gather(v))
    case .int64(let v): values = .int64(gather(v))
    case .int32(let v): values = .int32(gather(v))
    case .int16(let v): values = .int16(gather(v))
    case .int8(let v): values = .int8(gather(v))
    case .uint64(let v): values = .uint64(gather(v))
    case .uint32(let v): values = .uint32(gather(v))
    case .uint16(let v): values = .uint16(gather(v))
    case .uint8(let v): values = .uint8(gather(v))
    case .bool(let v): values = .bool(gather(v))
    }
    return NPArray(values: values, shape: shape)
  }

  /// The elements at `indices` (axis 0 of a 1-D array).
  func gathered(_ indices: [Int64], shape: [Int]) -> NPArray {
    var picked = self.reordered { order in order = indices.map { Int($0) } }
    picked.shape = shape
    return picked
  }
}

/// A stream object of either API, shared by reference between calls.
final class StreamBox {
  var legacy: RandomState?
  var generator: NumPyGenerator?
  init(legacy: RandomState) { self.legacy = legacy }
  init(generator: NumPyGenerator) { self.generator = generator }
}

indirect enum NPValue {
  case none
  case bool(Bool)
  case int(Int128)
  case float(Double)
  case str(String)
  case bytes([UInt8])
  case list([NPValue])
  case array(NPArray)
  case dtype(String)
  case function(String)
  case stream(StreamBox)
  case method(NPValue, String)

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
    default: return nil
    }
  }

  /// A `size` argument: nil for None (a scalar), else the shape.
  var asShape: [Int]?? {
    switch self {
    case .none: return .some(nil)
    case .int(let n): return .some([Int(n)])
    case .list(let items):
      let dims = items.compactMap(\.asInt).map { Int($0) }
      return dims.count == items.count ? .some(dims) : nil
    default: return nil
    }
  }
}

struct EvaluationError: Error, CustomStringConvertible {
  var description: String
}

struct NumPyCallEvaluator {
  let global: StreamBox
  var instances = 0

  init(global: StreamBox) { self.global = global }

  mutating func run(_ call: String) throws -> NPValue {
    try evaluate(try PyExpr.parse(call))
  }

  mutating func evaluate(_ expr: PyExpr) throws -> NPValue {
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
      case "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64":
        return .dtype(name)
      default: return .function(name)
      }
    case .list(let items), .tuple(let items): return .list(try items.map { try evaluate($0) })
    case .negate(let inner):
      switch try evaluate(inner) {
      case .int(let v): return .int(-v)
      case .float(let v): return .float(-v)
      default: throw EvaluationError(description: "negate")
      }
    case .binary(let op, let lhs, let rhs):
      guard let a = try evaluate(lhs).asInt, let b = try evaluate(rhs).asInt else {
        throw EvaluationError(description: "binary \(op)")
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
      return .method(try evaluate(base), name)
    case .call(let callee, let args, let keywords):
      let function = try evaluate(callee)
      let values = try args.map { try evaluate($0) }
      var named = [String: NPValue]()
      for (key, value) in keywords { named[key] = try evaluate(value) }
      switch function {
      case .function(let name): return try call(name, on: global, values, named)
      case .method(.stream(let box), let name): return try call(name, on: box, values, named)
      case .method(.array(let array), "reshape"):
        var reshaped = array
        reshaped.shape = values.compactMap(\.asInt).map { Int($0) }
        return .array(reshaped)
      default: throw EvaluationError(description: "not callable: \(callee)")
      }
    }
  }

  static func array(_ value: NPValue) throws -> NPArray {
    switch value {
    case .array(let a): return a
    case .list(let items):
      if let ints = Optional(items.compactMap(\.asInt)), ints.count == items.count {
        return NPArray(values: .int64(ints.map { Int64($0) }), shape: [items.count])
      }
      return NPArray(values: .float64(items.compactMap(\.asDouble)), shape: [items.count])
    default: throw EvaluationError(description: "not an array")
    }
  }

  mutating func call(_ name: String, on box: StreamBox, _ args: [NPValue], _ named: [String: NPValue]) throws -> NPValue {
    func argument(_ i: Int, _ key: String) -> NPValue? { i < args.count ? args[i] : named[key] }
    func size(_ i: Int) throws -> [Int]? {
      guard let value = argument(i, "size") else { return nil }
      guard let shape = value.asShape else { throw EvaluationError(description: "\(name): size") }
      return shape
    }
    func double(_ i: Int, _ key: String, _ fallback: Double) -> Double { argument(i, key)?.asDouble ?? fallback }
    func count(_ shape: [Int]?) -> Int { shape?.reduce(1, *) ?? 1 }
    func floats(_ v: [Double], _ shape: [Int]?) -> NPValue {
      .array(NPArray(values: .float64(v), shape: shape ?? []))
    }
    func integerDType() throws -> IntegerDType {
      guard let value = argument(3, "dtype") else { return .int64 }
      switch value {
      case .dtype(let n), .str(let n):
        guard let dtype = IntegerDType(name: n) else { throw EvaluationError(description: "dtype \(n)") }
        return dtype
      default: throw EvaluationError(description: "dtype")
      }
    }

    // Array helpers.
    switch name {
    case "arange":
      let n = Int(args[0].asInt ?? 0)
      return .array(NPArray(values: .int64((0..<Int64(n)).map { $0 }), shape: [n]))
    case "array":
      return .array(try Self.array(args[0]))
    case "ones", "zeros":
      let shape = try size(0) ?? []
      return .array(NPArray(values: .float64(Array(repeating: name == "ones" ? 1 : 0, count: count(shape))), shape: shape))
    case "frombuffer":
      guard case .bytes(let b) = args[0] else { throw EvaluationError(description: "frombuffer") }
      return .array(NPArray(values: .uint8(b), shape: [b.count]))
    case "RandomState":
      instances += 1
      let stream: RandomState
      switch args[0] {
      case .int(let seed): stream = try RandomState(seed: seed, name: RandomState.instanceName(instances))
      case .list(let items):
        stream = try RandomState(seedArray: items.compactMap(\.asInt), name: RandomState.instanceName(instances))
      default: throw EvaluationError(description: "RandomState seed")
      }
      return .stream(StreamBox(legacy: stream))
    default: break
    }

    if box.generator != nil { return try generatorCall(name, on: box, args, named) }
    guard var rs = box.legacy else { throw EvaluationError(description: "no stream") }
    defer { box.legacy = rs }

    switch name {
    case "seed":
      switch args[0] {
      case .int(let seed): try rs.seed(seed)
      case .list(let items): try rs.seed(array: items.compactMap(\.asInt))
      default: throw EvaluationError(description: "seed")
      }
      return args[0]
    case "random", "random_sample", "ranf", "sample":
      let shape = try size(0)
      let n = count(shape)
      let v: [Double]
      switch name {
      case "random": v = try rs.random(count: n, shape: shape ?? [])
      case "random_sample": v = try rs.randomSample(count: n, shape: shape ?? [])
      case "ranf": v = try rs.ranf(count: n, shape: shape ?? [])
      default: v = try rs.sample(count: n, shape: shape ?? [])
      }
      return floats(v, shape)
    case "rand", "randn":
      let shape: [Int]? = args.isEmpty ? nil : args.compactMap(\.asInt).map { Int($0) }
      let n = count(shape)
      return floats(name == "rand" ? try rs.rand(count: n, shape: shape ?? []) : try rs.randn(count: n, shape: shape ?? []), shape)
    case "standard_normal":
      let shape = try size(0)
      return floats(try rs.standardNormal(count: count(shape), shape: shape ?? []), shape)
    case "normal":
      let shape = try size(2)
      return floats(try rs.normal(loc: double(0, "loc", 0), scale: double(1, "scale", 1), count: count(shape)), shape)
    case "uniform":
      let shape = try size(2)
      return floats(try rs.uniform(low: double(0, "low", 0), high: double(1, "high", 1), count: count(shape)), shape)
    case "randint":
      let shape = try size(2)
      let values = try rs.randint(
        low: args[0].asInt ?? 0, high: argument(1, "high")?.asInt, count: count(shape), dtype: try integerDType())
      return .array(NPArray(values: values, shape: shape ?? []))
    case "random_integers":
      let shape = try size(2)
      let values = try rs.randomIntegers(low: args[0].asInt ?? 0, high: argument(1, "high")?.asInt, count: count(shape))
      return .array(NPArray(values: .int64(values), shape: shape ?? []))
    case "bytes":
      return .bytes(try rs.bytes(length: Int(args[0].asInt ?? 0)))
    case "shuffle":
      let array = try Self.array(args[0])
      let result = array.reordered { order in rs.shuffle(&order, rowLength: array.rowLength) }
      return .array(result)
    case "permutation":
      if case .int(let n) = args[0] {
        let values = rs.permutation(Int(n))
        return .array(NPArray(values: .int64(values), shape: [values.count]))
      }
      let array = try Self.array(args[0])
      return .array(array.reordered { order in order = rs.permutation(order, rowLength: array.rowLength) })
    case "choice":
      return try choice(args, named) { population, n, replace, p in
        try rs.choice(population, count: n, replace: replace, p: p)
      }
    default:
      throw EvaluationError(description: "unknown numpy function \(name)")
    }
  }

  mutating func generatorCall(_ name: String, on box: StreamBox, _ args: [NPValue], _ named: [String: NPValue]) throws -> NPValue {
    guard var rng = box.generator else { throw EvaluationError(description: "no generator") }
    defer { box.generator = rng }
    func argument(_ i: Int, _ key: String) -> NPValue? { i < args.count ? args[i] : named[key] }
    func size(_ i: Int) throws -> [Int]? {
      guard let value = argument(i, "size") else { return nil }
      guard let shape = value.asShape else { throw EvaluationError(description: "\(name): size") }
      return shape
    }
    func count(_ shape: [Int]?) -> Int { shape?.reduce(1, *) ?? 1 }
    func double(_ i: Int, _ key: String, _ fallback: Double) -> Double { argument(i, key)?.asDouble ?? fallback }
    func floatDType(_ i: Int) throws -> FloatDType {
      guard let value = argument(i, "dtype") else { return .float64 }
      guard case .dtype(let n) = value, let dtype = FloatDType(name: n) else { throw EvaluationError(description: "dtype") }
      return dtype
    }
    switch name {
    case "random":
      let shape = try size(0)
      return .array(NPArray(values: try rng.random(count: count(shape), dtype: try floatDType(1)), shape: shape ?? []))
    case "standard_normal":
      let shape = try size(0)
      return .array(NPArray(values: try rng.standardNormal(count: count(shape), dtype: try floatDType(1)), shape: shape ?? []))
    case "normal":
      let shape = try size(2)
      let v = try rng.normal(loc: double(0, "loc", 0), scale: double(1, "scale", 1), count: count(shape))
      return .array(NPArray(values: .float64(v), shape: shape ?? []))
    case "uniform":
      let shape = try size(2)
      let v = try rng.uniform(low: double(0, "low", 0), high: double(1, "high", 1), count: count(shape))
      return .array(NPArray(values: .float64(v), shape: shape ?? []))
    case "integers":
      let shape = try size(2)
      var dtype = IntegerDType.int64
      if let value = argument(3, "dtype") {
        guard case .dtype(let n) = value, let d = IntegerDType(name: n) else { throw EvaluationError(description: "dtype") }
        dtype = d
      }
      let endpoint: Bool
      if case .bool(let flag) = named["endpoint"] { endpoint = flag } else { endpoint = false }
      let values = try rng.integers(
        low: args[0].asInt ?? 0, high: argument(1, "high")?.asInt, count: count(shape), dtype: dtype, endpoint: endpoint)
      return .array(NPArray(values: values, shape: shape ?? []))
    case "shuffle":
      let array = try Self.array(args[0])
      return .array(array.reordered { order in rng.shuffle(&order, rowLength: array.rowLength) })
    case "permutation":
      if case .int(let n) = args[0] {
        let values = rng.permutation(Int(n))
        return .array(NPArray(values: .int64(values), shape: [values.count]))
      }
      let array = try Self.array(args[0])
      return .array(array.reordered { order in order = rng.permutation(order, rowLength: array.rowLength) })
    case "choice":
      var shuffle = true
      if case .bool(let flag) = named["shuffle"] { shuffle = flag }
      return try choice(args, named) { population, n, replace, p in
        try rng.choice(population, count: n, replace: replace, p: p, shuffle: shuffle)
      }
    default:
      throw EvaluationError(description: "unknown Generator method \(name)")
    }
  }

  /// `choice(a, size=None, replace=True, p=None)` for either API.
  func choice(
    _ args: [NPValue], _ named: [String: NPValue],
    _ draw: (ChoicePopulation, Int, Bool, [Double]?) throws -> [Int64]
  ) throws -> NPValue {
    let sizeValue = args.count > 1 ? args[1] : named["size"] ?? NPValue.none
    guard let shape = sizeValue.asShape else { throw EvaluationError(description: "choice size") }
    var replace = true
    if case .bool(let flag) = named["replace"] { replace = flag }
    let p = named["p"].flatMap { value -> [Double]? in
      guard case .list(let items) = value else { return nil }
      return items.compactMap(\.asDouble)
    }
    let n = shape?.reduce(1, *) ?? 1
    if case .int(let size) = args[0] {
      let indices = try draw(.range(Int(size)), n, replace, p)
      return .array(NPArray(values: .int64(indices), shape: shape ?? []))
    }
    let population = try Self.array(args[0])
    let indices = try draw(.array(count: population.count), n, replace, p)
    return .array(population.gathered(indices, shape: shape ?? []))
  }
}

extension NPValue {
  /// Why this value differs from golden `output`, or nil when it matches bit
  /// for bit (dtype and shape included).
  func mismatch(against output: GoldenOutput) -> String? {
    switch self {
    case .int(let v):
      guard output.dtype == "int64", output.shape == [], output.values.count == 1,
        case .number(let text) = output.values[0], Int128(text) == v
      else { return "\(v) != \(output.values)" }
      return nil
    case .list(let items):
      let ints = items.compactMap(\.asInt)
      guard ints.count == items.count else { return "list" }
      return NPArray(values: .int64(ints.map { Int64($0) }), shape: [ints.count]).mismatch(against: output)
    case .array(let array):
      return array.mismatch(against: output)
    default:
      return "unexpected value"
    }
  }
}

extension NPArray {
  func mismatch(against output: GoldenOutput) -> String? {
    if values.dtypeName != output.dtype { return "dtype \(values.dtypeName) != \(output.dtype)" }
    if shape != output.shape { return "shape \(shape) != \(output.shape)" }
    if count != output.values.count { return "count \(count) != \(output.values.count)" }
    func checkInts<T: BinaryInteger>(_ v: [T]) -> String? {
      for (i, (got, expected)) in zip(v, output.values).enumerated() {
        guard case .number(let text) = expected, Int128(text) == Int128(got) else { return "[\(i)] \(got) != \(expected)" }
      }
      return nil
    }
    func checkDoubles(_ v: [Double]) -> String? {
      for (i, (got, expected)) in zip(v, output.values).enumerated() {
        guard let e = expected.doubleValue, e.bitPattern == got.bitPattern else { return "[\(i)] \(got) != \(expected)" }
      }
      return nil
    }
    switch values {
    case .float64(let v): return checkDoubles(v)
    case .float32(let v): return checkDoubles(v.map(Double.init))
    case .int64(let v): return checkInts(v)
    case .int32(let v): return checkInts(v)
    case .int16(let v): return checkInts(v)
    case .int8(let v): return checkInts(v)
    case .uint64(let v): return checkInts(v)
    case .uint32(let v): return checkInts(v)
    case .uint16(let v): return checkInts(v)
    case .uint8(let v): return checkInts(v)
    case .bool(let v):
      for (i, (got, expected)) in zip(v, output.values).enumerated() where expected != .bool(got) {
        return "[\(i)] \(got) != \(expected)"
      }
      return nil
    }
  }
}
