import Foundation
import JAXStreams
import PythonSubset
import RNGStreams

/// The `jax.numpy` and `jax.nn` functions of a training loop, on top of
/// ``JAXArrays`` (so `jax.grad` sees them).
///
/// ```python
/// logits = x @ params["w"] + params["b"]
/// loss = -jnp.mean(jnp.sum(jax.nn.one_hot(y, 3) * jax.nn.log_softmax(logits), axis=-1))
/// ```
///
/// `jax.nn.softmax` and `log_softmax` subtract the (gradient-stopped)
/// maximum first, as JAX does. Edge case: a name JAX has but rngdiff does
/// not emulate is an `AttributeError` that lists what is there.
enum JAXNumPy {
  static func astype(_ v: Value, _ args: BoundArguments) throws -> Value {
    guard let a = JAXArrays.array(v) else { throw args.error("dtype", "astype() needs a JAX array") }
    guard let dtype = try args.jaxDType("dtype") else { return v }
    let op = try JAXArrays.operand(v, at: args.callRange)!
    let shape = a.tensor.shape
    switch JAXConfig().canonical(dtype) {
    case .float32:
      let result = JAXArrays.float32(op.values, shape)
      JAXTape.current?.record(result, [(a.tensor.dtype == .float32 ? a : nil, { $0 })])
      return .object(result)
    case .int32: return .object(JAXArrays.int32(a.tensor.dtype == .float32 ? op.values.map { Int64($0.rounded(.towardZero)) } : op.ints, shape))
    case .bool: return .object(JAXArrays.bool(op.values.map { $0 != 0 }, shape))
    default:
      throw args.error("dtype", "astype(\(dtype.name)) is not emulated in rngdiff run; accepted: float32, int32, bool")
    }
  }

  /// The gradient-stopped maximum along `axis`, kept as an axis of size 1.
  static func stoppedMax(_ x: Value, axis: Value, at range: SourceRange) throws -> Value {
    try JAXTape.$current.withValue(nil) { try JAXArrays.reduce("max", x, axis: axis, keepdims: true, at: range) }
  }

  static func logSoftmax(_ x: Value, axis: Value, at range: SourceRange) throws -> Value {
    let shifted = try JAXArrays.binary(.subtract, x, try stoppedMax(x, axis: axis, at: range), at: range)!
    let e = try JAXArrays.unary(shifted, "exp", at: range, { Foundation.exp($0) }, derivative: { _, y in y })
    let s = try JAXArrays.reduce("sum", e, axis: axis, keepdims: true, at: range)
    let l = try JAXArrays.unary(s, "log", at: range, { Foundation.log($0) }, derivative: { x, _ in 1 / x })
    return try JAXArrays.binary(.subtract, shifted, l, at: range)!
  }

  /// `jax.nn.logsumexp(x, axis)`: `log(sum(exp(x - m))) + m` with `m` the
  /// gradient-stopped maximum (0 where that is infinite), as JAX orders it.
  static func logSumExp(_ x: Value, axis: Value, at range: SourceRange) throws -> Value {
    let kept = try stoppedMax(x, axis: axis, at: range)
    let (m, keptShape, _) = try JAXArrays.floats(kept, "logsumexp() maximum", at: range)
    let shift = m.map { $0.isFinite ? $0 : 0 }
    let finite = JAXArrays.float32(shift, keptShape)
    let e = try JAXArrays.unary(
      try JAXArrays.binary(.subtract, x, .object(finite), at: range)!, "exp", at: range, { Foundation.exp($0) }, derivative: { _, y in y })
    let s = try JAXArrays.reduce("sum", e, axis: axis, keepdims: false, at: range)
    let l = try JAXArrays.unary(s, "log", at: range, { Foundation.log($0) }, derivative: { x, _ in 1 / x })
    let shape = JAXArrays.array(l)?.tensor.shape ?? []
    return try JAXArrays.binary(.add, l, .object(JAXArrays.float32(shift, shape)), at: range)!
  }

  static func softmax(_ x: Value, axis: Value, at range: SourceRange) throws -> Value {
    let shifted = try JAXArrays.binary(.subtract, x, try stoppedMax(x, axis: axis, at: range), at: range)!
    let e = try JAXArrays.unary(shifted, "exp", at: range, { Foundation.exp($0) }, derivative: { _, y in y })
    let s = try JAXArrays.reduce("sum", e, axis: axis, keepdims: true, at: range)
    return try JAXArrays.binary(.divide, e, s, at: range)!
  }

  /// The elementwise float32 functions, with their derivatives (from input x and output y).
  static let unaryFunctions: [(String, @Sendable (Float) -> Float, @Sendable (Float, Float) -> Float)] = [
    ("exp", { Foundation.exp($0) }, { _, y in y }),
    ("log", { Foundation.log($0) }, { x, _ in 1 / x }),
    ("tanh", { Foundation.tanh($0) }, { _, y in 1 - y * y }),
    ("sqrt", { $0.squareRoot() }, { _, y in 0.5 / y }),
    ("abs", { Swift.abs($0) }, { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }),
    ("square", { $0 * $0 }, { x, _ in 2 * x }),
    ("negative", { -$0 }, { _, _ in -1 }),
    ("log1p", { Foundation.log1p($0) }, { x, _ in 1 / (1 + x) }),
  ]

  static let sigmoid: @Sendable (Float) -> Float = { 1 / (1 + Foundation.exp(-$0)) }

  /// Fills `ns` with the `jax.numpy` functions.
  static func define(in ns: Namespace) {
    for (name, f, d) in unaryFunctions {
      ns.define("\(name)(x)") { args in try JAXArrays.unary(args.value("x") ?? .none, name, at: args.callRange, f, derivative: d) }
    }
    for (name, op) in [("add", BinaryOperator.add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide), ("power", .power)] {
      ns.define("\(name)(x1, x2)") { args in
        guard let r = try JAXArrays.binary(op, try JAXArrays.asArray(args.value("x1") ?? .none, at: args.callRange), args.value("x2") ?? .none, at: args.callRange) else {
          throw args.error("x1", "\(name)() takes arrays or numbers")
        }
        return r
      }
    }
    for name in ["maximum", "minimum"] {
      ns.define("\(name)(x1, x2)") { args in
        guard let a = try JAXArrays.operand(try JAXArrays.asArray(args.value("x1") ?? .none, at: args.callRange), at: args.callRange),
          let b = try JAXArrays.operand(args.value("x2") ?? .none, at: args.callRange)
        else { throw args.error("x1", "\(name)() takes arrays or numbers") }
        return try JAXArrays.elementwise(name, a, b, at: args.callRange)
      }
    }
    for name in ["sum", "mean", "max", "min"] {
      ns.define("\(name)(a, axis=None, dtype=None, out=None, keepdims=False)") { args in
        try args.requireNone("dtype")
        try args.requireNone("out")
        return try JAXArrays.reduce(
          name, try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange), axis: args.value("axis"),
          keepdims: try args.bool("keepdims") ?? false, at: args.callRange)
      }
    }
    ns.define("argmax(a, axis=None, keepdims=False)") { args in
      let (x, shape, _) = try JAXArrays.floats(args.value("a") ?? .none, "argmax() argument", at: args.callRange)
      let axes = try JAXArrays.axes(args.value("axis"), rank: shape.count, at: args.callRange)
      guard axes.count == shape.count || (axes.count == 1 && axes[0] == shape.count - 1) else {
        throw args.error("axis", "argmax() is emulated over all axes or the last axis only")
      }
      let width = axes.count == shape.count ? x.count : shape[shape.count - 1]
      let rows = width == 0 ? 0 : x.count / width
      let out = (0..<rows).map { r -> Int64 in
        var best = 0
        for j in 0..<width where x[r * width + j] > x[r * width + best] { best = j }
        return Int64(best)
      }
      return .object(JAXArrays.int32(out, axes.count == shape.count ? [] : Array(shape.dropLast())))
    }
    for name in ["all", "any"] {
      ns.define("\(name)(a, axis=None, keepdims=False)") { args in
        try args.requireNone("axis")
        guard let op = try JAXArrays.operand(try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange), at: args.callRange) else {
          throw args.error("a", "\(name)() takes an array")
        }
        let truth = op.values.map { $0 != 0 }
        return .object(JAXArrays.bool([name == "all" ? truth.allSatisfy { $0 } : truth.contains(true)], []))
      }
    }
    ns.define("clip(arr=None, min=None, max=None)") { args in
      // JAX's order: maximum(min, arr), then minimum(max, arr); a tie passes half the gradient.
      var x = try JAXArrays.asArray(args.value("arr") ?? .none, at: args.callRange)
      for (bound, name) in [("min", "maximum"), ("max", "minimum")] {
        guard let v = args.value(bound), !v.isNone else { continue }
        guard let a = try JAXArrays.operand(v, at: args.range(bound)), let b = try JAXArrays.operand(x, at: args.callRange) else {
          throw args.error(bound, "clip() \(bound) must be an array or a number, got \(v.typeName)")
        }
        x = try JAXArrays.elementwise(name, a, b, at: args.callRange)
      }
      return x
    }
    ns.define("dot(a, b)") { args in try JAXArrays.matmul(args.value("a") ?? .none, args.value("b") ?? .none, at: args.callRange) }
    ns.define("matmul(a, b)") { args in try JAXArrays.matmul(args.value("a") ?? .none, args.value("b") ?? .none, at: args.callRange) }
    ns.define("transpose(a, axes=None)") { args in
      try args.requireNone("axes")
      return try JAXArrays.transpose(args.value("a") ?? .none, at: args.callRange)
    }
    ns.define("reshape(a, shape, order='C')") { args in
      try JAXArrays.reshape(try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange), args.value("shape") ?? .none, at: args.callRange)
    }
    ns.define("where(condition, x, y)") { args in
      try JAXArrays.whereOp(args.value("condition") ?? .none, args.value("x") ?? .none, args.value("y") ?? .none, at: args.callRange)
    }
    ns.define("asarray(a, dtype=None)") { args in
      let v = try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange)
      return args.isGiven("dtype") ? try astype(v, args) : v
    }
    for (name, fill) in [("zeros", Float(0)), ("ones", Float(1))] {
      ns.define("\(name)(shape, dtype=None)") { args in
        let shape = try args.shape("shape") ?? []
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) <= JAXRandom.maximumElements else {
          throw args.error("shape", "\(name)() shape must hold non-negative sizes of at most \(JAXRandom.maximumElements) elements in all")
        }
        let made = JAXArrays.float32([Float](repeating: fill, count: shape.elementCount), shape)
        return args.isGiven("dtype") ? try astype(.object(made), args) : .object(made)
      }
      ns.define("\(name)_like(a, dtype=None)") { args in
        guard let a = JAXArrays.array(try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange)) else {
          throw args.error("a", "\(name)_like() needs an array")
        }
        let made = JAXArrays.float32([Float](repeating: fill, count: a.tensor.count), a.tensor.shape)
        let dtype: Value = args.isGiven("dtype") ? (args.value("dtype") ?? .none) : .dtype(a.tensor.dtype)
        let cast = try Signature("astype(dtype)").bind(Arguments(positional: [Located(dtype, args.callRange)], callRange: args.callRange))
        return try astype(.object(made), cast)
      }
    }
  }

  /// Fills `ns` with the `jax.nn` functions.
  static func defineNN(in ns: Namespace) {
    ns.define("relu(x)") { args in
      try JAXArrays.unary(args.value("x") ?? .none, "relu", at: args.callRange, { Swift.max($0, 0) }, derivative: { x, _ in x > 0 ? 1 : 0 })
    }
    ns.define("sigmoid(x)") { args in
      try JAXArrays.unary(args.value("x") ?? .none, "sigmoid", at: args.callRange, sigmoid, derivative: { _, y in y * (1 - y) })
    }
    ns.define("tanh(x)") { args in
      try JAXArrays.unary(args.value("x") ?? .none, "tanh", at: args.callRange, { Foundation.tanh($0) }, derivative: { _, y in 1 - y * y })
    }
    ns.define("softmax(x, axis=-1)") { args in
      try softmax(args.value("x") ?? .none, axis: args.value("axis") ?? .int(PythonInt(-1)), at: args.callRange)
    }
    ns.define("log_softmax(x, axis=-1)") { args in
      try logSoftmax(args.value("x") ?? .none, axis: args.value("axis") ?? .int(PythonInt(-1)), at: args.callRange)
    }
    ns.define("logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False, where=None)") { args in
      try args.requireNone("b")
      try args.requireNone("where")
      try args.requireDefault("keepdims", isDefault: { !$0.isTruthy }, accepted: "False")
      try args.requireDefault("return_sign", isDefault: { !$0.isTruthy }, accepted: "False")
      return try logSumExp(try JAXArrays.asArray(args.value("a") ?? .none, at: args.callRange), axis: args.value("axis") ?? .none, at: args.callRange)
    }
    ns.define("one_hot(x, num_classes, dtype=None, axis=-1)") { args in
      try args.requireDefault("axis", isDefault: { BoundArguments.asInt($0)?.int == -1 }, accepted: "axis=-1")
      guard let op = try JAXArrays.operand(try JAXArrays.asArray(args.value("x") ?? .none, at: args.callRange), at: args.callRange), op.kind != .float else {
        throw args.error("x", "one_hot() argument 'x' must be an integer array such as jnp.array([0, 2, 1])")
      }
      guard let n = try args.intValue("num_classes"), n >= 0 else { throw args.error("num_classes", "one_hot() num_classes must be a non-negative int") }
      var out = [Float](repeating: 0, count: op.ints.count * n)
      for (i, c) in op.ints.enumerated() where c >= 0 && c < Int64(n) { out[i * n + Int(c)] = 1 }
      return .object(JAXArrays.float32(out, op.shape + [n]))
    }
  }
}
