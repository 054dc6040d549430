import Foundation
import PythonSubset
import RNGStreams

extension JAXArrays {
  /// `a op b` when either side is a JAX array; nil otherwise.
  static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard isArray(l) || isArray(r) else { return nil }
    if op == .matrixMultiply { return try matmul(l, r, at: range) }
    guard let a = try operand(l, at: range), let b = try operand(r, at: range) else {
      throw EvaluationError("unsupported operand type(s) for \(op.rawValue): '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
    }
    let name: String
    switch op {
    case .add: name = "add"
    case .subtract: name = "subtract"
    case .multiply: name = "multiply"
    case .divide: name = "divide"
    case .power: name = "power"
    default:
      throw EvaluationError("the operator \(op.rawValue) on JAX arrays is not emulated; accepted: + - * / ** @", at: range, type: "TypeError")
    }
    return try elementwise(name, a, b, at: range)
  }

  /// The kind of `a op b`: a weak Python scalar yields to the array.
  static func promoted(_ a: Operand, _ b: Operand) -> Kind {
    if a.weak != b.weak {
      let (array, scalar) = a.weak ? (b, a) : (a, b)
      return max(array.kind, scalar.kind == .bool ? .bool : scalar.kind)
    }
    return max(a.kind, b.kind)
  }

  /// `add`, `subtract`, `multiply`, `divide`, `power`, `maximum`, `minimum`.
  static func elementwise(_ name: String, _ a: Operand, _ b: Operand, at range: SourceRange) throws -> Value {
    guard let shape = broadcastShape(a.shape, b.shape),
      let ia = Broadcasting.index(from: a.shape, to: shape), let ib = Broadcasting.index(from: b.shape, to: shape)
    else {
      throw EvaluationError(
        "\(name) got incompatible shapes for broadcasting: \(shapeText(a.shape)), \(shapeText(b.shape))", at: range, type: "TypeError")
    }
    let n = shape.elementCount
    var kind = promoted(a, b)
    if name == "divide" || name == "power" && b.kind == .float { kind = .float }
    if kind != .float {
      let x = a.ints, y = b.ints
      var out = [Int64](repeating: 0, count: n)
      for i in 0..<n {
        let p = x[ia(i)], q = y[ib(i)]
        switch name {
        case "add": out[i] = p &+ q
        case "subtract": out[i] = p &- q
        case "multiply": out[i] = p &* q
        case "maximum": out[i] = max(p, q)
        case "minimum": out[i] = min(p, q)
        default:
          var r: Int64 = 1
          for _ in 0..<max(0, q) { r = Int64(Int32(truncatingIfNeeded: r &* p)) }
          out[i] = r
        }
      }
      if kind == .bool && (name == "maximum" || name == "minimum" || name == "multiply") {
        return .object(bool(out.map { $0 != 0 }, shape))
      }
      return .object(int32(out, shape))
    }
    let x = a.values, y = b.values
    var out = [Float](repeating: 0, count: n)
    switch name {
    case "add": for i in 0..<n { out[i] = x[ia(i)] + y[ib(i)] }
    case "subtract": for i in 0..<n { out[i] = x[ia(i)] - y[ib(i)] }
    case "multiply": for i in 0..<n { out[i] = x[ia(i)] * y[ib(i)] }
    case "divide": for i in 0..<n { out[i] = x[ia(i)] / y[ib(i)] }
    case "maximum": for i in 0..<n { out[i] = Swift.max(x[ia(i)], y[ib(i)]) }
    case "minimum": for i in 0..<n { out[i] = Swift.min(x[ia(i)], y[ib(i)]) }
    default:
      for i in 0..<n {
        let e = y[ib(i)]
        out[i] = e == 2 ? x[ia(i)] * x[ia(i)] : Foundation.pow(x[ia(i)], e)
      }
    }
    let result = float32(out, shape)
    if let tape = JAXTape.current, tape.traces([a.array, b.array]) {
      func side(_ mine: Operand, _ index: @escaping (Int) -> Int, _ local: @escaping (Int, Float) -> Float) -> (ArrayObject?, ([Float]) -> [Float]) {
        (mine.kind == .float ? mine.array : nil, { g in
          var full = [Float](repeating: 0, count: n)
          for i in 0..<n { full[i] = local(i, g[i]) }
          return unbroadcast(full, from: shape, to: mine.shape)
        })
      }
      let xa = { (i: Int) in x[ia(i)] }, yb = { (i: Int) in y[ib(i)] }
      switch name {
      case "add": tape.record(result, [side(a, ia) { _, g in g }, side(b, ib) { _, g in g }])
      case "subtract": tape.record(result, [side(a, ia) { _, g in g }, side(b, ib) { _, g in -g }])
      case "multiply": tape.record(result, [side(a, ia) { i, g in g * yb(i) }, side(b, ib) { i, g in g * xa(i) }])
      case "divide":
        tape.record(result, [side(a, ia) { i, g in g / yb(i) }, side(b, ib) { i, g in -g * out[i] / yb(i) }])
      case "maximum", "minimum":
        let pickA = { (i: Int) -> Float in xa(i) == yb(i) ? 0.5 : (out[i] == xa(i) ? 1 : 0) }
        tape.record(result, [side(a, ia) { i, g in g * pickA(i) }, side(b, ib) { i, g in g * (1 - pickA(i)) }])
      default:
        guard !(b.array.map { tape.node(of: $0) != nil } ?? false) else {
          throw EvaluationError("the gradient of a power with respect to its exponent is not emulated", at: range)
        }
        tape.record(result, [side(a, ia) { i, g in
          let e = yb(i)
          return e == 2 ? g * 2 * xa(i) : g * e * Foundation.pow(xa(i), e - 1)
        }])
      }
    }
    return .object(result)
  }

  /// `a < b`, `a == b`, …: a bool array (no gradient).
  static func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard isArray(l) || isArray(r), let a = try operand(l, at: range), let b = try operand(r, at: range) else { return nil }
    guard let shape = broadcastShape(a.shape, b.shape),
      let ia = Broadcasting.index(from: a.shape, to: shape), let ib = Broadcasting.index(from: b.shape, to: shape)
    else {
      throw EvaluationError("incompatible shapes for comparison: \(shapeText(a.shape)), \(shapeText(b.shape))", at: range, type: "TypeError")
    }
    let test: (Float, Float) -> Bool
    switch op {
    case .less: test = (<)
    case .lessOrEqual: test = (<=)
    case .greater: test = (>)
    case .greaterOrEqual: test = (>=)
    case .equal: test = (==)
    case .notEqual: test = (!=)
    default: return nil
    }
    if promoted(a, b) != .float {
      let x = a.ints, y = b.ints
      return .object(bool((0..<shape.elementCount).map { test(Float(x[ia($0)] - y[ib($0)]), 0) }, shape))
    }
    return .object(bool((0..<shape.elementCount).map { test(a.values[ia($0)], b.values[ib($0)]) }, shape))
  }

  /// A float32 function of each element, with its derivative from the input and the output.
  static func unary(
    _ v: Value, _ name: String, at range: SourceRange, _ f: (Float) -> Float, derivative: ((Float, Float) -> Float)?
  ) throws -> Value {
    let (x, shape, source) = try floats(v, "\(name)() argument", at: range)
    let y = x.map(f)
    let result = float32(y, shape)
    if let derivative, let tape = JAXTape.current, tape.traces([source]) {
      tape.record(result, [(source, { g in (0..<g.count).map { g[$0] * derivative(x[$0], y[$0]) } })])
    }
    return .object(result)
  }

  /// `-x`.
  static func negate(_ v: Value, at range: SourceRange) throws -> Value? {
    guard let a = array(v) else { return nil }
    if a.tensor.dtype == .int32, case .int(let i) = a.tensor.storage { return .object(int32(i.map { 0 &- $0 }, a.tensor.shape)) }
    return try unary(v, "negative", at: range, { -$0 }, derivative: { _, _ in -1 })
  }

  /// `jnp.where(condition, x, y)`.
  static func whereOp(_ c: Value, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value {
    guard let cond = try operand(c, at: range), let a = try operand(l, at: range), let b = try operand(r, at: range) else {
      throw EvaluationError("where() takes arrays or numbers", at: range, type: "TypeError")
    }
    guard let ab = broadcastShape(a.shape, b.shape), let shape = broadcastShape(cond.shape, ab),
      let ic = Broadcasting.index(from: cond.shape, to: shape), let ia = Broadcasting.index(from: a.shape, to: shape),
      let ib = Broadcasting.index(from: b.shape, to: shape)
    else { throw EvaluationError("where() got shapes that do not broadcast", at: range, type: "TypeError") }
    let n = shape.elementCount
    let pick = (0..<n).map { cond.values[ic($0)] != 0 }
    if promoted(a, b) != .float {
      return .object(int32((0..<n).map { pick[$0] ? a.ints[ia($0)] : b.ints[ib($0)] }, shape))
    }
    let result = float32((0..<n).map { pick[$0] ? a.values[ia($0)] : b.values[ib($0)] }, shape)
    if let tape = JAXTape.current, tape.traces([a.array, b.array]) {
      tape.record(result, [
        (a.array, { g in unbroadcast((0..<n).map { pick[$0] ? g[$0] : 0 }, from: shape, to: a.shape) }),
        (b.array, { g in unbroadcast((0..<n).map { pick[$0] ? 0 : g[$0] }, from: shape, to: b.shape) }),
      ])
    }
    return .object(result)
  }
}
