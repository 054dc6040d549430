import Foundation
import PythonSubset
import RNGStreams

/// PyTorch's elementwise arithmetic and comparisons on tensors
/// (`x * 2 - 1`, `(x - mean) / std`, `a @ b`, `x > 0.5`): broadcasting
/// (NumPy's rules, ``NumPyArithmetic/broadcast(_:_:at:)``) with PyTorch's
/// type promotion, where categories outrank sizes and a Python scalar or a
/// 0-d tensor only decides the category:
///
/// ```python
/// torch.arange(3) * 0.5          # float32 (the default dtype), not float64
/// torch.arange(3) / 2            # float32: true division of ints
/// torch.ones(2) + torch.tensor(1.0, dtype=torch.float64)   # float32: the 0-d tensor yields
/// ```
///
/// Values: `+ - * /`, `//`, `%`, comparisons and `x ** 2` are the IEEE
/// operation in the result dtype, bit-exact with PyTorch's CPU kernels.
/// Other powers round the C library's `pow` in float64 (within an ulp of
/// PyTorch's). `@` sums each dot product in order, in the dtype: PyTorch's
/// GEMM blocks the sums, so float32 products agree to a few ulps.
///
/// Edge cases: a tensor with a NumPy array is refused (PyTorch wants
/// `torch.from_numpy`); integer division or modulo by zero is
/// PyTorch's `ZeroDivisionError`.
enum TorchArithmetic {
  typealias Kind = NumPyArithmetic.Kind

  /// Which operands decide the category first: tensors with dimensions,
  /// then 0-d tensors, then Python scalars.
  enum Priority: Int { case scalar, zeroDimensional, dimensioned }

  static func tensor(_ v: Value) -> ArrayObject? {
    if case .object(let a as ArrayObject) = v, a.kind == .torch { return a }
    return nil
  }

  static func operand(_ v: Value, at range: SourceRange) throws -> (NumPyArithmetic.Operand, Priority)? {
    if let a = tensor(v) {
      let t = a.tensor
      let priority: Priority = t.shape.isEmpty ? .zeroDimensional : .dimensioned
      switch t.storage {
      case .double(let d): return (.init(values: d, ints: nil, shape: t.shape, kind: .float64, weak: false), priority)
      case .float(let f) where t.dtype == .float32:
        return (.init(values: f.map(Double.init), ints: nil, shape: t.shape, kind: .float32, weak: false), priority)
      case .int(let i) where t.dtype == .int64:
        return (.init(values: i.map(Double.init), ints: i, shape: t.shape, kind: .int, weak: false), priority)
      case .bool(let b):
        return (.init(values: b.map { $0 ? 1 : 0 }, ints: b.map { $0 ? 1 : 0 }, shape: t.shape, kind: .bool, weak: false), priority)
      default:
        throw EvaluationError(
          "arithmetic on torch.\(t.dtype.rawValue) tensors is not emulated yet; convert with .float(), .double() or .long() first", at: range)
      }
    }
    if case .object(let a as ArrayObject) = v, a.kind == .numpy {
      throw EvaluationError(
        "unsupported operand: a torch tensor with a NumPy array; convert it with torch.from_numpy(...) first", at: range, type: "TypeError")
    }
    guard let scalar = try NumPyArithmetic.operand(v, at: range) else { return nil }
    // A Python float is the default dtype (float32) when it decides the category.
    var weak = scalar
    if weak.kind == .float64 { weak.kind = .float32 }
    return (weak, .scalar)
  }

  /// PyTorch's `result_type`: the highest kind within each priority, then
  /// a higher priority keeps its kind unless a lower one has a higher
  /// category (int below float), which promotes it.
  static func promoted(_ a: (NumPyArithmetic.Operand, Priority), _ b: (NumPyArithmetic.Operand, Priority)) -> Kind {
    var best: [Priority: Kind] = [:]
    for (operand, priority) in [a, b] { best[priority] = max(best[priority] ?? .bool, operand.kind) }
    func combine(_ higher: Kind?, _ lower: Kind?) -> Kind? {
      guard let higher else { return lower }
      guard let lower else { return higher }
      if higher == .float32 || higher == .float64 { return higher }
      if higher == .bool || lower == .float32 || lower == .float64 { return max(higher, lower) }
      return higher
    }
    return combine(best[.dimensioned], combine(best[.zeroDimensional], best[.scalar])) ?? .float32
  }

  /// `a op b` when either side is a torch tensor; nil otherwise.
  static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard let owner = tensor(l) ?? tensor(r) else { return nil }
    guard let a = try operand(l, at: range), let b = try operand(r, at: range) else {
      throw EvaluationError("unsupported operand type(s) for \(op.rawValue): '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
    }
    if op == .matrixMultiply { return try matmul(a.0, b.0, owner, at: range) }
    let (shape, ia, ib) = try NumPyArithmetic.broadcast(a.0, b.0, at: range)
    var kind = promoted(a, b)
    switch op {
    case .divide:
      if kind == .int || kind == .bool { kind = .float32 }
    case .add, .subtract, .multiply, .floorDivide, .modulo, .power:
      if kind == .bool && op == .subtract {
        throw EvaluationError(
          "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.",
          at: range, type: "RuntimeError")
      }
      if kind == .bool && op != .add && op != .multiply { kind = .int }
    default:
      throw EvaluationError("operator \(op.rawValue) on torch tensors is not emulated yet", at: range)
    }
    let n = shape.reduce(1, *)
    let result: Tensor
    if kind == .int || kind == .bool {
      let x = a.0.ints ?? [], y = b.0.ints ?? []
      var out = [Int64](repeating: 0, count: n)
      for k in 0..<n {
        let p = x[ia(k)], q = y[ib(k)]
        switch op {
        case .add: out[k] = kind == .bool ? ((p | q) != 0 ? 1 : 0) : p &+ q
        case .subtract: out[k] = p &- q
        case .multiply: out[k] = kind == .bool ? ((p & q) != 0 ? 1 : 0) : p &* q
        case .floorDivide, .modulo:
          guard q != 0 else { throw EvaluationError("ZeroDivisionError", at: range, type: "ZeroDivisionError") }
          var quotient = p / q, rest = p % q
          if rest != 0 && ((rest < 0) != (q < 0)) { quotient -= 1; rest += q }
          out[k] = op == .floorDivide ? quotient : rest
        case .power:
          guard q >= 0 else {
            throw EvaluationError("Integers to negative integer powers are not allowed.", at: range, type: "RuntimeError")
          }
          var value: Int64 = 1, base = p, e = q
          while e > 0 {
            if e & 1 == 1 { value = value &* base }
            base = base &* base
            e >>= 1
          }
          out[k] = value
        default: break
        }
      }
      result = kind == .bool ? Tensor(shape: shape, bool: out.map { $0 != 0 }) : Tensor(shape: shape, int64: out)
    } else if kind == .float32 {
      var out = [Float](repeating: 0, count: n)
      for k in 0..<n { out[k] = floatOp(op, Float(a.0.values[ia(k)]), Float(b.0.values[ib(k)])) }
      result = Tensor(shape: shape, float32: out)
    } else {
      var out = [Double](repeating: 0, count: n)
      for k in 0..<n { out[k] = floatOp(op, a.0.values[ia(k)], b.0.values[ib(k)]) }
      result = Tensor(shape: shape, float64: out)
    }
    return .object(ArrayObject(result, kind: .torch, methods: owner.methods))
  }

  /// One operation in the element type; `x ** 2` is `x * x` and `x ** 0.5`
  /// a square root, as PyTorch's `pow` kernel special-cases them.
  static func floatOp<F: BinaryFloatingPoint>(_ op: BinaryOperator, _ x: F, _ y: F) -> F {
    guard op == .power else { return NumPyArithmetic.floatOp(op, x, y) }
    switch y {
    case 2: return x * x
    case 0.5: return x.squareRoot()
    case 1: return x
    case -1: return 1 / x
    default: return F(Foundation.pow(Double(x), Double(y)))
    }
  }

  /// `a @ b` for 1-D and 2-D operands of one float dtype.
  static func matmul(_ a: NumPyArithmetic.Operand, _ b: NumPyArithmetic.Operand, _ owner: ArrayObject, at range: SourceRange) throws -> Value {
    guard a.kind == b.kind, a.kind == .float32 || a.kind == .float64, (1...2).contains(a.shape.count), (1...2).contains(b.shape.count)
    else {
      throw EvaluationError(
        "@ is emulated for 1-D and 2-D tensors of one floating dtype (float32 or float64); got shapes \(a.shape) and \(b.shape)", at: range)
    }
    let (m, k) = a.shape.count == 2 ? (a.shape[0], a.shape[1]) : (1, a.shape[0])
    let (k2, n) = b.shape.count == 2 ? (b.shape[0], b.shape[1]) : (b.shape[0], 1)
    guard k == k2 else {
      throw EvaluationError(
        "mat1 and mat2 shapes cannot be multiplied (\(m)x\(k) and \(k2)x\(n))", at: range, type: "RuntimeError")
    }
    var shape: [Int] = []
    if a.shape.count == 2 { shape.append(m) }
    if b.shape.count == 2 { shape.append(n) }
    // a @ b is a @ (b.T).T: the affine kernel with b transposed and no bias.
    let bt = (0..<(n * k)).map { b.values[($0 % k) * n + $0 / k] }
    let result = a.kind == .float32
      ? Tensor(shape: shape, float32: TorchScript.affine(a.values.map { Float($0) }, bt.map { Float($0) }, nil, rows: m, inputs: k, outputs: n))
      : Tensor(shape: shape, float64: TorchScript.affine(a.values, bt, nil, rows: m, inputs: k, outputs: n))
    return .object(ArrayObject(result, kind: .torch, methods: owner.methods))
  }

  /// `a < b` and friends when either side is a torch tensor: a bool tensor.
  static func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard let owner = tensor(l) ?? tensor(r), let a = try operand(l, at: range), let b = try operand(r, at: range) else { return nil }
    let (shape, ia, ib) = try NumPyArithmetic.broadcast(a.0, b.0, at: range)
    let kind = promoted(a, b)
    let n = shape.reduce(1, *)
    var out = [Bool](repeating: false, count: n)
    for k in 0..<n {
      var x = a.0.values[ia(k)], y = b.0.values[ib(k)]
      if kind == .float32 { (x, y) = (Double(Float(x)), Double(Float(y))) }
      switch op {
      case .less: out[k] = x < y
      case .lessOrEqual: out[k] = x <= y
      case .greater: out[k] = x > y
      case .greaterOrEqual: out[k] = x >= y
      case .equal: out[k] = x == y
      case .notEqual: out[k] = x != y
      default: return nil
      }
    }
    return .object(ArrayObject(Tensor(shape: shape, bool: out), kind: .torch, methods: owner.methods))
  }
}
