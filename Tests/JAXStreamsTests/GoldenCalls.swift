import Foundation
import JAXStreams
import RNGStreams
import TestSupport

// A small evaluator for the call strings of fixtures/reference/jax/*.jsonl
// (`uniform(key(0), (5,), float16, -2.0, 3.0)`), mapping each jax.random call
// onto the JAXRandom API. It knows exactly the syntax the generator writes.

/// A value while evaluating a golden call.
indirect enum GoldenValue {
  case int(Int64)
  case float(Double)
  case string(String)
  case bool(Bool)
  case none
  case sequence([GoldenValue])
  case key(JAXKey)
  case keys([JAXKey], shape: [Int])
  case array(JAXArray)
  case dtype(JAXDType)
  case scalar(Double, JAXDType)
  case function(String)
}

struct GoldenCallError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// One golden case of a JAX golden file.
struct GoldenCase: Decodable {
  struct Output: Decodable {
    var call: Int
    var expr: String
    var dtype: String
    var shape: [Int]
    var values: [GoldenNumber]
  }
  struct Config: Decodable {
    var jax_threefry_partitionable: Bool
    var jax_enable_x64: Bool
  }
  var calls: [String]
  var outputs: [Output]
  var config: Config

  var jaxConfig: JAXConfig {
    JAXConfig(threefryPartitionable: config.jax_threefry_partitionable, enableX64: config.jax_enable_x64)
  }
}

/// A JSON number or bool exactly as written.
enum GoldenNumber: Decodable, Equatable {
  case int(Int64), uint(UInt64), double(Double), bool(Bool)
  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let i = try? c.decode(Int64.self) { self = .int(i) }
    else if let u = try? c.decode(UInt64.self) { self = .uint(u) }
    else { self = .double(try c.decode(Double.self)) }
  }
  var asDouble: Double {
    switch self {
    case .int(let i): return Double(i)
    case .uint(let u): return Double(u)
    case .double(let d): return d
    case .bool(let b): return b ? 1 : 0
    }
  }
}

enum GoldenFile {
  static func cases(_ name: String) throws -> [GoldenCase] {
    let text = try String(contentsOf: Fixtures.url("reference/jax/\(name).jsonl"), encoding: .utf8)
    let lines = text.split(separator: "\n").dropFirst()  // header
    return try lines.map { try JSONDecoder().decode(GoldenCase.self, from: Data($0.utf8)) }
  }
}

// MARK: - Tokenizer and parser

enum Token: Equatable {
  case name(String), int(String), float(Double), string(String), punct(Character)
}

func tokenize(_ s: String) throws -> [Token] {
  var tokens: [Token] = []
  let chars = Array(s)
  var i = 0
  func unaryPosition() -> Bool {
    guard let last = tokens.last else { return true }
    if case .punct(let p) = last { return p != ")" && p != "]" }
    return false
  }
  while i < chars.count {
    let c = chars[i]
    if c == " " { i += 1; continue }
    if c.isNumber || (c == "-" && unaryPosition() && i + 1 < chars.count && chars[i + 1].isNumber) {
      var j = i + 1
      while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
        || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E")) { j += 1 }
      let text = String(chars[i..<j])
      if text.contains(".") || text.contains("e") || text.contains("E") {
        guard let d = Double(text) else { throw GoldenCallError("bad number \(text)") }
        tokens.append(.float(d))
      } else {
        tokens.append(.int(text))
      }
      i = j
    } else if c.isLetter || c == "_" {
      var j = i + 1
      while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
      tokens.append(.name(String(chars[i..<j])))
      i = j
    } else if c == "'" || c == "\"" {
      var j = i + 1
      while j < chars.count, chars[j] != c { j += 1 }
      tokens.append(.string(String(chars[(i + 1)..<j])))
      i = j + 1
    } else {
      tokens.append(.punct(c))
      i += 1
    }
  }
  return tokens
}

/// Evaluates golden call strings under one configuration.
struct GoldenEvaluator {
  var random: JAXRandom
  private var tokens: [Token] = []
  private var position = 0

  init(config: JAXConfig, observer: (any DrawObserver)? = nil) {
    random = JAXRandom(config: config, observer: observer)
  }

  mutating func evaluate(_ text: String) throws -> GoldenValue {
    tokens = try tokenize(text)
    position = 0
    let value = try expression()
    guard position == tokens.count else { throw GoldenCallError("trailing input in \(text)") }
    return value
  }

  private var peek: Token? { position < tokens.count ? tokens[position] : nil }
  private mutating func take() -> Token? {
    defer { position += 1 }
    return peek
  }
  private mutating func expect(_ c: Character) throws {
    guard take() == .punct(c) else { throw GoldenCallError("expected \(c)") }
  }

  private mutating func expression() throws -> GoldenValue {
    if peek == .punct("-") {
      _ = take()
      let v = try expression()
      switch v {
      case .float(let d): return .float(-d)
      case .int(let i): return .int(-i)
      default: throw GoldenCallError("unary minus on \(v)")
      }
    }
    var value = try atom()
    while true {
      if peek == .punct("(") {
        _ = take()
        var positional: [GoldenValue] = []
        var keywords: [String: GoldenValue] = [:]
        while peek != .punct(")") {
          if case .name(let n) = peek, position + 1 < tokens.count, tokens[position + 1] == .punct("=") {
            position += 2
            keywords[n] = try expression()
          } else {
            positional.append(try expression())
          }
          if peek == .punct(",") { _ = take() }
        }
        try expect(")")
        switch value {
        case .function(let name): value = try call(name, positional, keywords)
        case .dtype(let dt): value = try call(dt.name, positional, keywords)
        default: throw GoldenCallError("call of \(value)")
        }
      } else if peek == .punct("[") {
        _ = take()
        let index = try expression()
        try expect("]")
        guard case .int(let i) = index else { throw GoldenCallError("index \(index)") }
        switch value {
        case .keys(let keys, let shape) where shape.count == 1: value = .key(keys[Int(i)])
        case .keys(let keys, let shape):
          let size = shape.dropFirst().reduce(1, *)
          value = .keys(Array(keys[(Int(i) * size)..<((Int(i) + 1) * size)]), shape: Array(shape.dropFirst()))
        case .sequence(let items): value = items[Int(i)]
        default: throw GoldenCallError("subscript of \(value)")
        }
      } else {
        return value
      }
    }
  }

  private mutating func atom() throws -> GoldenValue {
    switch take() {
    case .int(let text):
      if let i = Int64(text) { return .int(i) }
      throw GoldenCallError("int \(text) beyond int64")
    case .float(let d): return .float(d)
    case .string(let s): return .string(s)
    case .name(let n):
      switch n {
      case "True": return .bool(true)
      case "False": return .bool(false)
      case "None": return .none
      case "inf": return .float(.infinity)
      default:
        if let dtype = JAXDType(name: n) { return .dtype(dtype) }
        return .function(n)
      }
    case .punct(let p) where p == "(" || p == "[":
      let close: Character = p == "(" ? ")" : "]"
      var items: [GoldenValue] = []
      while peek != .punct(close) {
        items.append(try expression())
        if peek == .punct(",") { _ = take() }
      }
      try expect(close)
      return .sequence(items)
    default:
      throw GoldenCallError("unexpected token")
    }
  }

  // MARK: - jax.random calls

  private func bind(
    _ name: String, _ names: [String], _ positional: [GoldenValue], _ keywords: [String: GoldenValue]
  ) throws -> [String: GoldenValue] {
    guard positional.count <= names.count else { throw GoldenCallError("\(name): too many arguments") }
    var bound = keywords
    for (n, v) in zip(names, positional) { bound[n] = v }
    return bound
  }

  private func call(_ name: String, _ positional: [GoldenValue], _ keywords: [String: GoldenValue]) throws -> GoldenValue {
    func a(_ names: String...) throws -> [String: GoldenValue] { try bind(name, names, positional, keywords) }
    switch name {
    case "key", "PRNGKey":
      let seed = try int(a("seed")["seed"])
      return .key(name == "key" ? try random.key(seed) : try random.prngKey(seed))
    case "split":
      let args = try a("key", "num")
      let key = try self.key(args["key"])
      let shape: [Int]
      switch args["num"] {
      case nil: shape = [2]
      case .int(let n)?: shape = [Int(n)]
      case let other?: shape = try self.shape(other)
      }
      return .keys(try random.split(key, shape: shape), shape: shape)
    case "fold_in":
      let args = try a("key", "data")
      return .key(try random.foldIn(try key(args["key"]), try int(args["data"])))
    case "key_data":
      switch try a("keys")["keys"] {
      case .key(let k)?: return .array(JAXArray(dtype: .uint32, shape: [2], values: .unsigned(random.keyData(k).map(UInt64.init))))
      case .keys(let ks, let shape)?:
        return .array(JAXArray(dtype: .uint32, shape: shape + [2], values: .unsigned(ks.flatMap(\.data).map(UInt64.init))))
      default: throw GoldenCallError("key_data of a non-key")
      }
    case "wrap_key_data":
      let data = try array(a("key_bits_array")["key_bits_array"])
      guard let words = data.unsignedIntegers else { throw GoldenCallError("wrap_key_data of \(data.dtype)") }
      return .key(try random.wrapKeyData(words.map { UInt32(truncatingIfNeeded: $0) }))
    case "bits":
      let args = try a("key", "shape", "dtype")
      return .array(try random.bits(try key(args["key"]), shape: try shape(args["shape"] ?? .sequence([])),
                                    dtype: try dtype(args["dtype"])))
    case "uniform":
      let args = try a("key", "shape", "dtype", "minval", "maxval")
      return .array(try random.uniform(
        try key(args["key"]), shape: try shape(args["shape"] ?? .sequence([])), dtype: try dtype(args["dtype"]),
        minval: try double(args["minval"] ?? .float(0)), maxval: try double(args["maxval"] ?? .float(1))))
    case "normal":
      let args = try a("key", "shape", "dtype")
      return .array(try random.normal(try key(args["key"]), shape: try shape(args["shape"] ?? .sequence([])),
                                      dtype: try dtype(args["dtype"])))
    case "truncated_normal":
      let args = try a("key", "lower", "upper", "shape", "dtype")
      return .array(try random.truncatedNormal(
        try key(args["key"]), lower: try double(args["lower"]), upper: try double(args["upper"]),
        shape: try args["shape"].map(shape), dtype: try dtype(args["dtype"])))
    case "bernoulli":
      let args = try a("key", "p", "shape", "mode")
      var p = 0.5
      var pType: JAXDType? = nil
      switch args["p"] {
      case .scalar(let v, let t)?: (p, pType) = (v, t)
      case let v?: p = try double(v)
      case nil: break
      }
      let mode: JAXRandom.BernoulliMode
      if case .string(let m)? = args["mode"] { mode = JAXRandom.BernoulliMode(rawValue: m) ?? .low } else { mode = .low }
      return .array(try random.bernoulli(try key(args["key"]), p: p, shape: try args["shape"].map(shape), mode: mode, dtype: pType))
    case "randint":
      let args = try a("key", "shape", "minval", "maxval", "dtype")
      return .array(try random.randint(
        try key(args["key"]), shape: try shape(args["shape"]), minval: try int(args["minval"]), maxval: try int(args["maxval"]),
        dtype: try dtype(args["dtype"])))
    case "permutation":
      let args = try a("key", "x")
      if case .int(let n)? = args["x"] { return .array(try random.permutation(try key(args["key"]), Int(n))) }
      return .array(try random.permutation(try key(args["key"]), try array(args["x"])))
    case "choice":
      let args = try a("key", "a", "shape", "replace", "p")
      let shape = try self.shape(args["shape"] ?? .sequence([]))
      var replace = true
      if case .bool(let r)? = args["replace"] { replace = r }
      var p: [Double]? = nil
      if let pv = args["p"], case .array(let pa) = pv { p = pa.doubles }
      if case .int(let n)? = args["a"] {
        return .array(try random.choice(try key(args["key"]), Int(n), shape: shape, replace: replace, p: p))
      }
      return .array(try random.choice(try key(args["key"]), try array(args["a"]), shape: shape, replace: replace, p: p))
    case "array":
      let args = try a("object", "dtype")
      guard case .sequence(let items)? = args["object"] else { throw GoldenCallError("array of a non-list") }
      let explicit = try dtype(args["dtype"])
      if items.allSatisfy({ if case .int = $0 { return true } else { return false } }) {
        let ints = try items.map(int)
        let dt = explicit ?? random.config.defaultInt
        if dt.isUnsignedInteger { return .array(JAXArray(dtype: dt, shape: [ints.count], values: .unsigned(ints.map { UInt64($0) }))) }
        return .array(JAXArray(dtype: dt, shape: [ints.count], values: .signed(ints)))
      }
      return .array(floatArray(try items.map(double), shape: [items.count]))
    case "arange":
      let v = try a("stop")["stop"]
      if case .float(let stop)? = v { return .array(floatArray((0..<Int(stop)).map(Double.init), shape: [Int(stop)])) }
      let n = Int(try int(v))
      return .array(JAXArray(dtype: random.config.defaultInt, shape: [n], values: .signed((0..<Int64(n)).map { $0 })))
    case "reshape":
      let args = try a("a", "shape")
      var arr = try array(args["a"])
      arr.shape = try shape(args["shape"])
      return .array(arr)
    default:
      if let dt = JAXDType(name: name), dt.isFloat {
        return .scalar(try double(try a("x")["x"]), dt)
      }
      throw GoldenCallError("unknown function \(name)")
    }
  }

  private func floatArray(_ values: [Double], shape: [Int]) -> JAXArray {
    random.config.enableX64
      ? JAXArray(dtype: .float64, shape: shape, values: .double(values))
      : JAXArray(dtype: .float32, shape: shape, values: .float(values.map { Float($0) }))
  }
  private func key(_ v: GoldenValue?) throws -> JAXKey {
    if case .key(let k)? = v { return k }
    throw GoldenCallError("expected a key, got \(String(describing: v))")
  }
  private func int(_ v: GoldenValue?) throws -> Int64 {
    switch v {
    case .int(let i)?: return i
    case .bool(let b)?: return b ? 1 : 0
    default: throw GoldenCallError("expected an int, got \(String(describing: v))")
    }
  }
  private func int(_ v: GoldenValue) throws -> Int64 { try int(Optional(v)) }
  private func double(_ v: GoldenValue?) throws -> Double {
    switch v {
    case .int(let i)?: return Double(i)
    case .float(let d)?: return d
    case .scalar(let d, _)?: return d
    default: throw GoldenCallError("expected a number, got \(String(describing: v))")
    }
  }
  private func double(_ v: GoldenValue) throws -> Double { try double(Optional(v)) }
  private func shape(_ v: GoldenValue?) throws -> [Int] {
    switch v {
    case .sequence(let items)?: return try items.map { Int(try int($0)) }
    case .int(let i)?: return [Int(i)]
    default: throw GoldenCallError("expected a shape, got \(String(describing: v))")
    }
  }
  private func shape(_ v: GoldenValue) throws -> [Int] { try shape(Optional(v)) }
  private func dtype(_ v: GoldenValue?) throws -> JAXDType? {
    switch v {
    case nil, .none?: return nil
    case .dtype(let d)?: return d
    default: throw GoldenCallError("expected a dtype, got \(String(describing: v))")
    }
  }
  private func array(_ v: GoldenValue?) throws -> JAXArray {
    if case .array(let a)? = v { return a }
    throw GoldenCallError("expected an array, got \(String(describing: v))")
  }
}

// MARK: - Comparing with the golden outputs

/// A value in the golden file's terms: dtype name, shape, flat values.
struct GoldenRendering {
  var dtype: String
  var shape: [Int]
  var values: [GoldenNumber]

  init(_ value: GoldenValue) throws {
    switch value {
    case .key(let k):
      dtype = k.isTyped ? "key<fry>" : "uint32"
      shape = [2]
      values = k.data.map { .int(Int64($0)) }
    case .keys(let ks, let s):
      dtype = (ks.first?.isTyped ?? true) ? "key<fry>" : "uint32"
      shape = s + [2]
      values = ks.flatMap(\.data).map { .int(Int64($0)) }
    case .array(let a):
      dtype = a.dtype.name
      shape = a.shape
      switch a.values {
      case .bool(let v): values = v.map { .bool($0) }
      case .unsigned(let v): values = v.map { $0 > UInt64(Int64.max) ? .uint($0) : .int(Int64($0)) }
      case .signed(let v): values = v.map { .int($0) }
      case .float(let v): values = v.map { .double(Double($0)) }
      case .double(let v): values = v.map { .double($0) }
      }
    default:
      throw GoldenCallError("cannot render \(value)")
    }
  }

  /// Index of the first value that differs bit for bit, or nil.
  func firstMismatch(_ expected: [GoldenNumber]) -> Int? {
    if values.count != expected.count { return min(values.count, expected.count) }
    for (i, (a, b)) in zip(values, expected).enumerated() {
      switch (a, b) {
      case (.double(let x), _): if x.bitPattern != b.asDouble.bitPattern { return i }
      default: if a != b { return i }
      }
    }
    return nil
  }
}
