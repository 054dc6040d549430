import Foundation
import PythonSubset
import RNGStreams
import TorchStreams

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
    if op == .matrixMultiply { return try matmul(a.0, b.0, owner, tensor(l), tensor(r), at: range) }
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
        do throws(IntegerElementwise.Edge) {
          if let value = try IntegerElementwise.combine(op, x[ia(k)], y[ib(k)], bool: kind == .bool) { out[k] = value }
        } catch .zeroDivisor {
          throw EvaluationError("ZeroDivisionError", at: range, type: "ZeroDivisionError")
        } catch .negativePower {
          throw EvaluationError("Integers to negative integer powers are not allowed.", at: range, type: "RuntimeError")
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
    let made = ArrayObject(result, kind: .torch, methods: owner.methods)
    if let tape = owner.methods.context as? TorchTape, tape.shouldRecord([tensor(l), tensor(r)]) {
      try recordGradient(op, tape, made, (tensor(l), a.0, ia), (tensor(r), b.0, ib), at: range)
    }
    return .object(made)
  }

  /// `t op= v` on a torch tensor: PyTorch writes `t op v` into `t` itself, so every
  /// reference (a module's parameter in `for p in model.parameters(): p -= lr * p.grad`)
  /// sees it. The result must keep `t`'s shape and dtype (PyTorch's errors otherwise);
  /// with gradients on, a tensor that requires grad (or a value that does) is refused.
  static func inPlace(_ op: BinaryOperator, _ target: ArrayObject, _ result: Value, _ value: Value, at range: SourceRange) throws -> Value {
    guard case .object(let made as ArrayObject) = result else { return result }
    if let tape = target.methods.context as? TorchTape, tape.enabled {
      if tape.isLeaf(target) {
        throw EvaluationError(
          "a leaf Variable that requires grad is being used in an in-place operation.", at: range, type: "RuntimeError")
      }
      if tape.requiresGrad(target) || tensor(value).map(tape.requiresGrad) == true {
        throw EvaluationError(
          "in-place arithmetic on a tensor in the autograd graph is not emulated; write t = t \(op.rawValue) … instead", at: range)
      }
    }
    // A float result goes back into a float tensor of another width, as PyTorch casts it.
    let floats: [DType] = [.float32, .float64]
    if made.tensor.dtype != target.tensor.dtype, floats.contains(made.tensor.dtype), floats.contains(target.tensor.dtype),
      let dtype = TorchDType(target.tensor.dtype), let values = DrawnValues(torchCasting: made.tensor.storage, to: dtype)
    {
      made.tensor = Tensor(values, shape: made.tensor.shape)
    }
    guard made.tensor.dtype == target.tensor.dtype else {
      throw EvaluationError(
        "result type \(TorchScript.scalarName(made.tensor.dtype)) can't be cast to the desired output type \(TorchScript.scalarName(target.tensor.dtype))",
        at: range, type: "RuntimeError")
    }
    guard made.tensor.shape == target.tensor.shape else {
      func text(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
      throw EvaluationError(
        "output with shape \(text(target.tensor.shape)) doesn't match the broadcast shape \(text(made.tensor.shape))", at: range,
        type: "RuntimeError")
    }
    target.tensor = made.tensor
    return .object(target)
  }

  /// How `a op b` sends its gradient back to each tensor operand (broadcast dimensions summed).
  static func recordGradient(
    _ op: BinaryOperator, _ tape: TorchTape, _ made: ArrayObject,
    _ l: (ArrayObject?, NumPyArithmetic.Operand, (Int) -> Int), _ r: (ArrayObject?, NumPyArithmetic.Operand, (Int) -> Int),
    at range: SourceRange
  ) throws {
    let x = l.1.values.map { Float($0) }, y = r.1.values.map { Float($0) }
    let (ia, ib) = (l.2, r.2)
    if op == .power && r.0.map(tape.requiresGrad) == true {
      throw EvaluationError("autograd through a tensor exponent is not emulated; use a number as the exponent", at: range)
    }
    guard [.add, .subtract, .multiply, .divide, .power].contains(op) else {
      throw EvaluationError("autograd through \(op.rawValue) is not emulated; accepted: + - * / and ** with a number", at: range)
    }
    // PyTorch's names: a number minus a tensor is `RsubBackward1`, a number over one `MulBackward0`.
    let name: String
    switch op {
    case .add: name = "AddBackward0"
    case .subtract: name = l.0 == nil ? "RsubBackward1" : "SubBackward0"
    case .multiply: name = "MulBackward0"
    case .divide: name = l.0 == nil ? "MulBackward0" : "DivBackward0"
    default: name = "PowBackward0"
    }
    try tape.record(made, inputs: [l.0, r.0], name: name, at: range) { g in
      let ga: [Float]?, gb: [Float]?
      switch op {
      case .add:
        (ga, gb) = (TorchTape.unbroadcast(g, count: x.count, index: ia) { _ in 1 }, TorchTape.unbroadcast(g, count: y.count, index: ib) { _ in 1 })
      case .subtract:
        (ga, gb) = (TorchTape.unbroadcast(g, count: x.count, index: ia) { _ in 1 }, TorchTape.unbroadcast(g, count: y.count, index: ib) { _ in -1 })
      case .multiply:
        (ga, gb) = (TorchTape.unbroadcast(g, count: x.count, index: ia) { y[ib($0)] }, TorchTape.unbroadcast(g, count: y.count, index: ib) { x[ia($0)] })
      case .divide:
        ga = TorchTape.unbroadcast(g, count: x.count, index: ia) { 1 / y[ib($0)] }
        gb = TorchTape.unbroadcast(g, count: y.count, index: ib) { -x[ia($0)] / (y[ib($0)] * y[ib($0)]) }
      default:
        // x ** c: c · x^(c-1).
        ga = TorchTape.unbroadcast(g, count: x.count, index: ia) { k in
          let c = y[ib(k)]
          return c == 2 ? 2 * x[ia(k)] : c * Float(Foundation.pow(Double(x[ia(k)]), Double(c - 1)))
        }
        gb = nil
      }
      return [ga, gb]
    }
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
  static func matmul(
    _ a: NumPyArithmetic.Operand, _ b: NumPyArithmetic.Operand, _ owner: ArrayObject, _ lhs: ArrayObject?, _ rhs: ArrayObject?,
    at range: SourceRange
  ) throws -> Value {
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
    let result: Tensor
    if a.kind == .float32 {
      result = Tensor(shape: shape, float32: OrderedProduct.product(a.values.map { Float($0) }, b.values.map { Float($0) }, m: m, k: k, n: n))
    } else {
      // a @ b is a @ (b.T).T: the affine kernel with b transposed and no bias.
      let bt = (0..<(n * k)).map { b.values[($0 % k) * n + $0 / k] }
      result = Tensor(shape: shape, float64: TorchScript.affine(a.values, bt, nil, rows: m, inputs: k, outputs: n))
    }
    let made = ArrayObject(result, kind: .torch, methods: owner.methods)
    if let tape = owner.methods.context as? TorchTape, tape.shouldRecord([lhs, rhs]) {
      let x = a.values.map { Float($0) }, y = b.values.map { Float($0) }
      // d(a) = g @ bᵀ, d(b) = aᵀ @ g, on the flat [m, k] and [k, n] layouts.
      let name = a.shape.count == 2 ? (b.shape.count == 2 ? "MmBackward0" : "MvBackward0") : (b.shape.count == 2 ? "SqueezeBackward4" : "DotBackward0")
      try tape.record(made, inputs: [lhs, rhs], name: name, at: range) { g in
        [OrderedProduct.productTransposed(g, y, m: m, k: n, n: k), OrderedProduct.transposedProduct(x, g, rows: m, m: k, n: n)]
      }
    }
    return .object(made)
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
