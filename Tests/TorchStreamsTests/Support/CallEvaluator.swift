import RNGStreams
import TorchStreams

/// A deliberately small evaluator for the CALL strings of the torch golden files
/// (`randint(-2**40, 2**40, (10,))`, `empty(20, dtype=torch.float64).uniform_(-3, -2)`,
/// `nn.Linear(3, 4, bias=False)`, `dropout(rand(20), 0.3)`), mapping each call onto
/// the TorchStreams API. It exists only so the tests can replay every golden case;
/// the product's front end is elsewhere.
struct CallEvaluator {
  /// A Python value of the subset.
  indirect enum Value {
    case int(Int128)
    case float(Double)
    case bool(Bool)
    case string(String)
    case tuple([Value])
    case name(String)
    case tensor(TorchValues, shape: [Int])
    case uninitialised(shape: [Int], dtype: TorchDType)
    case method(Value, String)
    case parameters([TorchParameter])
  }

  /// One output as golden.py reports it.
  struct Output {
    var dtype: TorchDType
    var shape: [Int]
    var values: TorchValues
    var name: String?
  }

  struct EvaluationError: Error, CustomStringConvertible {
    var description: String
  }

  var generator: TorchGenerator

  /// Evaluates one top-level CALL and returns its outputs.
  mutating func run(_ source: String) throws -> [Output] {
    var parser = Parser(tokens: try Self.tokenize(source))
    let expression = try parser.expression()
    guard parser.atEnd else { throw EvaluationError(description: "trailing input in \(source)") }
    let value = try evaluate(expression)
    switch value {
    case .tensor(let values, let shape):
      return [Output(dtype: values.dtype, shape: shape, values: values, name: nil)]
    case .parameters(let parameters):
      return parameters.map { Output(dtype: $0.values.dtype, shape: $0.shape, values: $0.values, name: $0.name) }
    default:
      throw EvaluationError(description: "\(source) did not produce a tensor")
    }
  }

  // MARK: Evaluation

  private mutating func evaluate(_ node: Node) throws -> Value {
    switch node {
    case .int(let v): return .int(v)
    case .float(let v): return .float(v)
    case .string(let s): return .string(s)
    case .name(let n):
      switch n {
      case "True": return .bool(true)
      case "False": return .bool(false)
      default: return .name(n)
      }
    case .tuple(let items): return .tuple(try items.map { try evaluate($0) })
    case .attribute(let base, let name):
      let value = try evaluate(base)
      if case .name(let path) = value { return .name(path + "." + name) }
      return .method(value, name)
    case .unary(let operand):
      switch try evaluate(operand) {
      case .int(let v): return .int(-v)
      case .float(let v): return .float(-v)
      default: throw EvaluationError(description: "cannot negate")
      }
    case .binary(let op, let lhs, let rhs):
      return try Self.arithmetic(op, try evaluate(lhs), try evaluate(rhs))
    case .call(let calleeNode, let argumentNodes, let keywordNodes):
      let callee = try evaluate(calleeNode)
      var arguments: [Value] = []
      for a in argumentNodes { arguments.append(try evaluate(a)) }
      var keywords: [String: Value] = [:]
      for (k, v) in keywordNodes { keywords[k] = try evaluate(v) }
      return try call(callee, arguments, keywords)
    }
  }

  private static func arithmetic(_ op: String, _ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      switch op {
      case "+": return .int(x + y)
      case "-": return .int(x - y)
      case "*": return .int(x * y)
      case "/": return .float(Double(x) / Double(y))
      case "**":
        if y < 0 { return .float(pow2(Double(x), Int(y))) }
        var r: Int128 = 1
        for _ in 0..<Int(y) { r *= x }
        return .int(r)
      default: break
      }
    default:
      let x = try float(a)
      let y = try float(b)
      switch op {
      case "+": return .float(x + y)
      case "-": return .float(x - y)
      case "*": return .float(x * y)
      case "/": return .float(x / y)
      default: break
      }
    }
    throw EvaluationError(description: "unsupported arithmetic \(op)")
  }

  /// `x ** e` for a negative integer exponent of 2 (`2**-52`): exact powers of two.
  private static func pow2(_ x: Double, _ e: Int) -> Double {
    var r = 1.0
    for _ in 0..<(-e) { r /= x }
    return r
  }

  private mutating func call(_ callee: Value, _ args: [Value], _ kw: [String: Value]) throws -> Value {
    switch callee {
    case .name(let function):
      return try callFunction(function, args, kw)
    case .method(let base, let name):
      guard case .uninitialised(let shape, let dtype) = base else {
        throw EvaluationError(description: "method \(name) on a non-empty tensor")
      }
      switch name {
      case "uniform_":
        let from = try Self.float(args.first ?? kw["from"] ?? .float(0))
        let to = try Self.float(args.dropFirst().first ?? kw["to"] ?? .float(1))
        return .tensor(try generator.uniform_(shape, dtype: dtype, from: from, to: to), shape: shape)
      case "normal_":
        let mean = try Self.float(args.first ?? kw["mean"] ?? .float(0))
        let std = try Self.float(args.dropFirst().first ?? kw["std"] ?? .float(1))
        return .tensor(try generator.normal_(shape, dtype: dtype, mean: mean, std: std), shape: shape)
      case "bernoulli_":
        let p = try Self.float(args.first ?? kw["p"] ?? .float(0.5))
        return .tensor(try generator.bernoulli_(shape, dtype: dtype, p: p), shape: shape)
      default:
        throw EvaluationError(description: "unknown method \(name)")
      }
    default:
      throw EvaluationError(description: "not callable")
    }
  }

  private mutating func callFunction(_ function: String, _ args: [Value], _ kw: [String: Value]) throws -> Value {
    let dtype = try kw["dtype"].map(Self.dtype)
    switch function {
    case "rand", "randn", "empty", "ones":
      let shape = try Self.size(args, kw)
      switch function {
      case "rand": return .tensor(try generator.rand(shape, dtype: dtype ?? .float32), shape: shape)
      case "randn": return .tensor(try generator.randn(shape, dtype: dtype ?? .float32), shape: shape)
      case "empty": return .uninitialised(shape: shape, dtype: dtype ?? .float32)
      default:
        let count = shape.reduce(1, *)
        let values: TorchValues = (dtype ?? .float32) == .float64
          ? .float64(Array(repeating: 1, count: count)) : .float32(Array(repeating: 1, count: count))
        return .tensor(values, shape: shape)
      }
    case "randint":
      let positional = args.count
      let low = positional == 3 ? try Self.int64(args[0]) : 0
      let high = try Self.int64(args[positional == 3 ? 1 : 0])
      let shape = try Self.shape(args[positional == 3 ? 2 : 1])
      return .tensor(try generator.randint(low, high, shape, dtype: dtype ?? .int64), shape: shape)
    case "randperm":
      let n = try Self.int64(args[0])
      return .tensor(try generator.randperm(n, dtype: dtype ?? .int64), shape: [Int(n)])
    case "normal":
      let shape = try Self.shape(kw["size"] ?? args[2])
      let values = try generator.normal(mean: Self.float(args[0]), std: Self.float(args[1]), size: shape, dtype: dtype ?? .float32)
      return .tensor(values, shape: shape)
    case "dropout":
      guard case .tensor(let input, let shape) = args[0] else { throw EvaluationError(description: "dropout input") }
      let p = try Self.float(args.dropFirst().first ?? kw["p"] ?? .float(0.5))
      let training = try Self.bool(args.dropFirst(2).first ?? kw["training"] ?? .bool(true))
      return .tensor(try generator.dropout(input, shape: shape, p: p, training: training), shape: shape)
    case "nn.Linear":
      let bias = try Self.bool(kw["bias"] ?? .bool(true))
      return .parameters(try generator.linear(Int(Self.int64(args[0])), Int(Self.int64(args[1])), bias: bias, dtype: dtype ?? .float32))
    case "nn.Conv1d", "nn.Conv2d", "nn.Conv3d":
      let dimensions = Int(String(function.dropLast().last!))!
      let kernel: [Int]
      if case .tuple = args[2] { kernel = try Self.shape(args[2]) } else {
        kernel = Array(repeating: Int(try Self.int64(args[2])), count: dimensions)
      }
      let groups = Int(try Self.int64(kw["groups"] ?? .int(1)))
      let bias = try Self.bool(kw["bias"] ?? .bool(true))
      return .parameters(try generator.conv(
        Int(Self.int64(args[0])), Int(Self.int64(args[1])), kernelSize: kernel, groups: groups, bias: bias,
        dtype: dtype ?? .float32))
    case "nn.init.kaiming_uniform_", "nn.init.kaiming_normal_", "nn.init.xavier_uniform_",
      "nn.init.xavier_normal_", "nn.init.normal_", "nn.init.uniform_":
      guard case .uninitialised(let shape, let tensorType) = args[0] else {
        throw EvaluationError(description: "\(function) needs empty(...)")
      }
      let rest = Array(args.dropFirst())
      func argument(_ index: Int, _ name: String, _ fallback: Value) -> Value {
        index < rest.count ? rest[index] : (kw[name] ?? fallback)
      }
      let values: TorchValues
      switch function {
      case "nn.init.kaiming_uniform_", "nn.init.kaiming_normal_":
        let a = try Self.float(argument(0, "a", .float(0)))
        guard case .string(let modeName) = argument(1, "mode", .string("fan_in")), let mode = TorchFanMode(name: modeName),
          case .string(let nonlinearityName) = argument(2, "nonlinearity", .string("leaky_relu")),
          let nonlinearity = TorchNonlinearity(name: nonlinearityName)
        else { throw EvaluationError(description: "kaiming options") }
        values = function.hasSuffix("uniform_")
          ? try generator.kaimingUniform_(shape, dtype: tensorType, a: a, mode: mode, nonlinearity: nonlinearity)
          : try generator.kaimingNormal_(shape, dtype: tensorType, a: a, mode: mode, nonlinearity: nonlinearity)
      case "nn.init.xavier_uniform_":
        values = try generator.xavierUniform_(shape, dtype: tensorType, gain: Self.float(argument(0, "gain", .float(1))))
      case "nn.init.xavier_normal_":
        values = try generator.xavierNormal_(shape, dtype: tensorType, gain: Self.float(argument(0, "gain", .float(1))))
      case "nn.init.normal_":
        values = try generator.normal_(
          shape, dtype: tensorType, mean: Self.float(argument(0, "mean", .float(0))), std: Self.float(argument(1, "std", .float(1))))
      default:
        values = try generator.uniform_(
          shape, dtype: tensorType, from: Self.float(argument(0, "a", .float(0))), to: Self.float(argument(1, "b", .float(1))))
      }
      return .tensor(values, shape: shape)
    default:
      throw EvaluationError(description: "unknown function \(function)")
    }
  }

  // MARK: Conversions

  private static func size(_ args: [Value], _ kw: [String: Value]) throws -> [Int] {
    if let size = kw["size"] { return try shape(size) }
    if args.count == 1, case .tuple = args[0] { return try shape(args[0]) }
    return try args.map { Int(try int64($0)) }
  }

  private static func shape(_ value: Value) throws -> [Int] {
    if case .tuple(let items) = value { return try items.map { Int(try int64($0)) } }
    return [Int(try int64(value))]
  }

  private static func int64(_ value: Value) throws -> Int64 {
    guard case .int(let v) = value, let exact = Int64(exactly: v) else {
      throw EvaluationError(description: "expected an int64, got \(value)")
    }
    return exact
  }

  private static func float(_ value: Value) throws -> Double {
    switch value {
    case .float(let v): return v
    case .int(let v): return Double(v)
    default: throw EvaluationError(description: "expected a float, got \(value)")
    }
  }

  private static func bool(_ value: Value) throws -> Bool {
    guard case .bool(let v) = value else { throw EvaluationError(description: "expected a bool") }
    return v
  }

  private static func dtype(_ value: Value) throws -> TorchDType {
    guard case .name(let path) = value else { throw EvaluationError(description: "expected a dtype") }
    switch path {
    case "torch.float32", "torch.float": return .float32
    case "torch.float64", "torch.double": return .float64
    case "torch.int64", "torch.long": return .int64
    case "torch.int32", "torch.int": return .int32
    case "torch.int16", "torch.short": return .int16
    case "torch.int8": return .int8
    case "torch.uint8": return .uint8
    case "torch.bool": return .bool
    default: throw EvaluationError(description: "unknown dtype \(path)")
    }
  }

  // MARK: Syntax

  indirect enum Node {
    case int(Int128)
    case float(Double)
    case string(String)
    case name(String)
    case tuple([Node])
    case attribute(Node, String)
    case unary(Node)
    case binary(String, Node, Node)
    case call(Node, [Node], [(String, Node)])
  }

  enum Token: Equatable {
    case number(String)
    case name(String)
    case string(String)
    case symbol(String)
  }

  static func tokenize(_ source: String) throws -> [Token] {
    var tokens: [Token] = []
    let chars = Array(source)
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == " " { i += 1; continue }
      if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
        var j = i
        while j < chars.count, chars[j].isNumber || chars[j] == "." || chars[j] == "e" || chars[j] == "E"
          || ((chars[j] == "-" || chars[j] == "+") && (chars[j - 1] == "e" || chars[j - 1] == "E"))
        { j += 1 }
        tokens.append(.number(String(chars[i..<j])))
        i = j
      } else if c.isLetter || c == "_" {
        var j = i
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
        tokens.append(.name(String(chars[i..<j])))
        i = j
      } else if c == "'" || c == "\"" {
        var j = i + 1
        while j < chars.count, chars[j] != c { j += 1 }
        tokens.append(.string(String(chars[(i + 1)..<j])))
        i = j + 1
      } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*" {
        tokens.append(.symbol("**"))
        i += 2
      } else if "()+-*/,.=".contains(c) {
        tokens.append(.symbol(String(c)))
        i += 1
      } else {
        throw EvaluationError(description: "unexpected character \(c) in \(source)")
      }
    }
    return tokens
  }

  struct Parser {
    var tokens: [Token]
    var position = 0

    var atEnd: Bool { position == tokens.count }

    mutating func next() -> Token? {
      guard position < tokens.count else { return nil }
      defer { position += 1 }
      return tokens[position]
    }

    func peek(_ symbol: String) -> Bool { position < tokens.count && tokens[position] == .symbol(symbol) }

    mutating func expect(_ symbol: String) throws {
      guard next() == .symbol(symbol) else { throw EvaluationError(description: "expected \(symbol)") }
    }

    mutating func expression() throws -> Node {
      var lhs = try term()
      while peek("+") || peek("-") {
        guard case .symbol(let op) = next() else { break }
        lhs = .binary(op, lhs, try term())
      }
      return lhs
    }

    mutating func term() throws -> Node {
      var lhs = try unary()
      while peek("*") || peek("/") {
        guard case .symbol(let op) = next() else { break }
        lhs = .binary(op, lhs, try unary())
      }
      return lhs
    }

    mutating func unary() throws -> Node {
      if peek("-") {
        position += 1
        return .unary(try unary())
      }
      let base = try postfix()
      if peek("**") {
        position += 1
        return .binary("**", base, try unary())
      }
      return base
    }

    mutating func postfix() throws -> Node {
      var node = try atom()
      while true {
        if peek(".") {
          position += 1
          guard case .name(let name) = next() else { throw EvaluationError(description: "expected a name") }
          node = .attribute(node, name)
        } else if peek("(") {
          position += 1
          var args: [Node] = []
          var keywords: [(String, Node)] = []
          while !peek(")") {
            if case .name(let key) = tokens[position], position + 1 < tokens.count, tokens[position + 1] == .symbol("=") {
              position += 2
              keywords.append((key, try expression()))
            } else {
              args.append(try expression())
            }
            if peek(",") { position += 1 }
          }
          position += 1
          node = .call(node, args, keywords)
        } else {
          return node
        }
      }
    }

    mutating func atom() throws -> Node {
      switch next() {
      case .number(let text):
        if text.contains(".") || text.contains("e") || text.contains("E") {
          guard let v = Double(text) else { throw EvaluationError(description: "bad float \(text)") }
          return .float(v)
        }
        guard let v = Int128(text) else { throw EvaluationError(description: "bad int \(text)") }
        return .int(v)
      case .name(let name): return .name(name)
      case .string(let s): return .string(s)
      case .symbol("("):
        var items: [Node] = []
        var sawComma = false
        while !peek(")") {
          items.append(try expression())
          if peek(",") { position += 1; sawComma = true }
        }
        position += 1
        return items.count == 1 && !sawComma ? items[0] : .tuple(items)
      default:
        throw EvaluationError(description: "unexpected token")
      }
    }
  }
}
