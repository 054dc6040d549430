import Foundation
import PythonSubset
import RNGStreams

/// NumPy's elementwise arithmetic and comparisons on arrays, for the data
/// preparation scripts do (`x * 2 - 1`, `(x - mean) / std`, `x > 0.5`):
/// broadcasting, and NumPy 2's type promotion, where a Python scalar is
/// "weak" (a float32 array times `0.5` stays float32; an int64 array
/// divided by anything is float64).
///
/// ```python
/// x = np.random.rand(3, 2).astype("float32")
/// y = (x - 0.5) * 2        # float32, shape (3, 2)
/// ```
///
/// Values are exact: each element is the IEEE operation NumPy performs on
/// the same dtype. Array dtypes other than bool, int64, float32 and float64
/// are refused; `@` is `NumPyMatrixProduct`.
enum NumPyArithmetic {
  enum Kind: Int, Comparable {
    case bool, int, float32, float64
    static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  struct Operand {
    var values: [Double]
    var ints: [Int64]?
    var shape: [Int]
    var kind: Kind
    /// A Python scalar, whose type yields to the array's.
    var weak: Bool
  }

  static func operand(_ v: Value, at range: SourceRange) throws -> Operand? {
    switch v {
    case .object(let a as ArrayObject) where a.kind == .numpy:
      let t = a.tensor
      switch t.storage {
      case .double(let d) where t.dtype == .float64: return Operand(values: d, ints: nil, shape: t.shape, kind: .float64, weak: false)
      case .float(let f) where t.dtype == .float32: return Operand(values: f.map(Double.init), ints: nil, shape: t.shape, kind: .float32, weak: false)
      case .int(let i) where t.dtype == .int64: return Operand(values: i.map(Double.init), ints: i, shape: t.shape, kind: .int, weak: false)
      case .bool(let b): return Operand(values: b.map { $0 ? 1 : 0 }, ints: b.map { $0 ? 1 : 0 }, shape: t.shape, kind: .bool, weak: false)
      default:
        throw EvaluationError("arithmetic on \(t.dtype.rawValue) arrays is not emulated yet; astype('float64') or 'int64' first", at: range)
      }
    case .float(let d): return Operand(values: [d], ints: nil, shape: [], kind: .float64, weak: true)
    case .int(let i):
      guard let n = i.int64 else { throw EvaluationError("Python int too large to convert to C long", at: range, type: "OverflowError") }
      return Operand(values: [Double(n)], ints: [n], shape: [], kind: .int, weak: true)
    case .bool(let b): return Operand(values: [b ? 1 : 0], ints: [b ? 1 : 0], shape: [], kind: .bool, weak: true)
    default: return nil
    }
  }

  /// The result kind of `a op b` before division's float rule.
  static func promoted(_ a: Operand, _ b: Operand) -> Kind {
    if a.weak != b.weak {
      // A Python scalar takes the array's type within its own kind: a float with a float32 array
      // stays float32; an int with a bool array is int64; a float with an int or bool array float64.
      let (array, scalar) = a.weak ? (b, a) : (a, b)
      switch scalar.kind {
      case .bool: return array.kind
      case .int: return array.kind == .bool ? .int : array.kind
      case .float32, .float64: return array.kind == .float32 || array.kind == .float64 ? array.kind : .float64
      }
    }
    let hi = max(a.kind, b.kind), lo = min(a.kind, b.kind)
    if hi == .float32 && lo == .int { return .float64 }
    return hi
  }

  /// `a op b` when either side is a NumPy array; nil otherwise.
  static func binary(_ op: BinaryOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard isArray(l) || isArray(r) else { return nil }
    if op == .matrixMultiply { return try NumPyMatrixProduct.product(l, r, style: .matmul, at: range) }
    guard let a = try operand(l, at: range), let b = try operand(r, at: range) else {
      throw EvaluationError("unsupported operand type(s) for \(op.rawValue): '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
    }
    let (shape, ia, ib) = try broadcast(a, b, at: range)
    var kind = promoted(a, b)
    switch op {
    case .divide:
      if kind == .int || kind == .bool { kind = .float64 }
    case .add, .subtract, .multiply, .floorDivide, .modulo, .power:
      if kind == .bool && op == .subtract {
        throw EvaluationError(
          "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.",
          at: range, type: "TypeError")
      }
      if kind == .bool && op != .add && op != .multiply { kind = .int }
    case .bitAnd, .bitOr, .bitXor:
      guard kind == .int || kind == .bool else {
        let name = op == .bitAnd ? "bitwise_and" : op == .bitOr ? "bitwise_or" : "bitwise_xor"
        throw unsupportedTypes(name, at: range)
      }
    default:
      throw EvaluationError("operator \(op.rawValue) on arrays is not emulated yet", at: range)
    }
    let n = shape.reduce(1, *)
    if kind == .int || kind == .bool {
      let x = a.ints ?? [], y = b.ints ?? []
      var out = [Int64](repeating: 0, count: n)
      for k in 0..<n {
        switch op {
        case .bitAnd: out[k] = x[ia(k)] & y[ib(k)]; continue
        case .bitOr: out[k] = x[ia(k)] | y[ib(k)]; continue
        case .bitXor: out[k] = x[ia(k)] ^ y[ib(k)]; continue
        default: break
        }
        do throws(IntegerElementwise.Edge) {
          if let value = try IntegerElementwise.combine(op, x[ia(k)], y[ib(k)], bool: kind == .bool) { out[k] = value }
        } catch .zeroDivisor {
          out[k] = 0  // NumPy warns and gives 0
        } catch .negativePower {
          throw EvaluationError("Integers to negative integer powers are not allowed.", at: range, type: "ValueError")
        }
      }
      if kind == .bool { return NumPyResult.array(Tensor(shape: shape, bool: out.map { $0 != 0 })) }
      return NumPyResult.array(Tensor(shape: shape, int64: out))
    }
    if op == .power { return try power(a, b, kind: kind, shape: shape, ia, ib, at: range) }
    if kind == .float32 {
      var out = [Float](repeating: 0, count: n)
      for k in 0..<n { out[k] = floatOp(op, Float(a.values[ia(k)]), Float(b.values[ib(k)])) }
      return NumPyResult.array(Tensor(shape: shape, float32: out))
    }
    var out = [Double](repeating: 0, count: n)
    for k in 0..<n { out[k] = floatOp(op, a.values[ia(k)], b.values[ib(k)]) }
    return NumPyResult.array(Tensor(shape: shape, float64: out))
  }

  /// The exponents NumPy's `**` and `np.power` take a fast path for when given as a Python number:
  /// `x*x`, `sqrt(x)`, `1/x`, `x`, ones — exact in the element type on every machine.
  static let fastExponents: Set<Double> = [2, 0.5, -1, 1, 0]

  /// `a ** b` of floats: the fast paths only. Any other exponent runs NumPy's SIMD `pow` (Intel's SVML
  /// on AVX-512 machines), which differs from glibc's on thousands of inputs in a million and is refused.
  private static func power(
    _ a: Operand, _ b: Operand, kind: Kind, shape: [Int], _ ia: (Int) -> Int, _ ib: (Int) -> Int, at range: SourceRange
  ) throws -> Value {
    guard b.weak, !a.weak, let e = b.values.first, fastExponents.contains(e) else {
      let shown = b.weak ? "the exponent \(PythonFloat.repr(b.values.first ?? .nan))" : "an array exponent or base"
      throw EvaluationError(
        "** (np.power) of float arrays with \(shown) runs NumPy's SIMD pow (Intel's SVML on AVX-512 machines), which rngdiff does not reproduce bit for bit (fixtures/reference/numpy/measure_elementwise_libm.py); accepted: exponents 2, 0.5, -1, 1 and 0 given as Python numbers",
        at: range)
    }
    func apply<F: BinaryFloatingPoint>(_ x: F) -> F {
      switch e {
      case 2: return x * x
      case 0.5: return x.squareRoot()
      case -1: return 1 / x
      case 1: return x
      default: return 1
      }
    }
    let n = shape.reduce(1, *)
    if kind == .float32 {
      return NumPyResult.array(Tensor(shape: shape, float32: (0..<n).map { apply(Float(a.values[ia($0)])) }))
    }
    return NumPyResult.array(Tensor(shape: shape, float64: (0..<n).map { apply(a.values[ia($0)]) }))
  }

  /// One IEEE operation in the element type, with NumPy's (Python's) floor division and modulo.
  static func floatOp<F: BinaryFloatingPoint>(_ op: BinaryOperator, _ x: F, _ y: F) -> F {
    switch op {
    case .add: return x + y
    case .subtract: return x - y
    case .multiply: return x * y
    case .divide: return x / y
    case .power: return F(Foundation.pow(Double(x), Double(y)))
    case .floorDivide, .modulo:
      guard y != 0 else { return op == .modulo ? .nan : x / y }
      let (quotient, remainder) = PythonFloat.divmod(x, y)
      return op == .modulo ? remainder : quotient
    default: return .nan
    }
  }

  /// `a < b` and friends when either side is a NumPy array: a bool array, each pair compared in
  /// the promoted type (two ints exactly; a Python float next to a float32 array as a float32).
  static func compare(_ op: ComparisonOperator, _ l: Value, _ r: Value, at range: SourceRange) throws -> Value? {
    guard [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(op) else { return nil }
    guard isArray(l) || isArray(r), let a = try operand(l, at: range), let b = try operand(r, at: range) else { return nil }
    let (shape, ia, ib) = try broadcast(a, b, at: range)
    let n = shape.reduce(1, *)
    let kind = promoted(a, b)
    func holds<T: Comparable>(_ x: T, _ y: T) -> Bool {
      switch op {
      case .less: return x < y
      case .lessOrEqual: return x <= y
      case .greater: return x > y
      case .greaterOrEqual: return x >= y
      case .equal: return x == y
      default: return x != y
      }
    }
    var out = [Bool](repeating: false, count: n)
    if (kind == .int || kind == .bool), let x = a.ints, let y = b.ints {
      for k in 0..<n { out[k] = holds(x[ia(k)], y[ib(k)]) }
    } else if kind == .float32 {
      for k in 0..<n { out[k] = holds(Float(a.values[ia(k)]), Float(b.values[ib(k)])) }
    } else {
      for k in 0..<n { out[k] = holds(a.values[ia(k)], b.values[ib(k)]) }
    }
    return NumPyResult.array(Tensor(shape: shape, bool: out))
  }

  /// `~a` (bools negated, ints bit-inverted) and `-a` for a NumPy array, with NumPy's refusals.
  static func unary(_ op: UnaryOperator, _ v: Value, at range: SourceRange) throws -> Value? {
    guard case .object(let array as ArrayObject) = v, array.kind == .numpy, let a = try operand(v, at: range) else { return nil }
    switch op {
    case .negate:
      if a.kind == .bool {
        throw EvaluationError(
          "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
          at: range, type: "TypeError")
      }
      return try binary(.multiply, v, .int(PythonInt(-1)), at: range)
    case .invert:
      switch array.tensor.storage {
      case .bool(let b): return NumPyResult.array(Tensor(shape: a.shape, bool: b.map { !$0 }))
      case .int(let i) where a.kind == .int: return NumPyResult.array(Tensor(shape: a.shape, int64: i.map { ~$0 }))
      default: throw unsupportedTypes("invert", at: range)
      }
    case .plus:
      return NumPyResult.array(array.tensor)
    case .not:
      return nil
    }
  }

  static func unsupportedTypes(_ ufunc: String, at range: SourceRange) -> EvaluationError {
    EvaluationError(
      "ufunc '\(ufunc)' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
      at: range, type: "TypeError")
  }

  static func isArray(_ v: Value) -> Bool {
    if case .object(let a as ArrayObject) = v, a.kind == .numpy { return true }
    return false
  }

  static func broadcast(_ a: Operand, _ b: Operand, at range: SourceRange) throws -> ([Int], (Int) -> Int, (Int) -> Int) {
    let rank = max(a.shape.count, b.shape.count)
    let pa = [Int](repeating: 1, count: rank - a.shape.count) + a.shape
    let pb = [Int](repeating: 1, count: rank - b.shape.count) + b.shape
    var shape: [Int] = []
    for (x, y) in zip(pa, pb) {
      guard x == y || x == 1 || y == 1 else {
        throw EvaluationError(
          "operands could not be broadcast together with shapes \(Self.text(a.shape)) \(Self.text(b.shape))", at: range,
          type: "ValueError")
      }
      shape.append(x == 1 ? y : x)
    }
    guard let ia = Broadcasting.index(from: a.shape, to: shape), let ib = Broadcasting.index(from: b.shape, to: shape) else {
      throw EvaluationError("operands could not be broadcast together", at: range, type: "ValueError")
    }
    return (shape, ia, ib)
  }

  static func text(_ shape: [Int]) -> String {
    "(" + shape.map(String.init).joined(separator: ",") + (shape.count == 1 ? ",)" : ")")
  }

  /// A whole-array sum as NumPy's iterator runs it: pairwise over all the values, or, given a
  /// chunk, pairwise over each chunk in turn, the chunks added one after another.
  static func chunkedSum<F: BinaryFloatingPoint>(_ a: [F], chunk: Int?) -> F {
    guard let chunk, chunk < a.count else { return pairwiseSum(a[...]) }
    var total: F = 0
    for start in stride(from: 0, to: a.count, by: chunk) { total += pairwiseSum(a[start..<Swift.min(start + chunk, a.count)]) }
    return total
  }

  /// NumPy's pairwise summation of contiguous values (`np.sum`, `np.mean`):
  /// a plain loop under 8 values, eight interleaved partial sums up to 128,
  /// and halves (at a multiple of 8) above.
  static func pairwiseSum<F: BinaryFloatingPoint>(_ a: ArraySlice<F>) -> F {
    let n = a.count
    let base = a.startIndex
    if n < 8 {
      var res: F = 0
      for x in a { res += x }
      return res
    }
    if n <= 128 {
      var r = Array(a[base..<(base + 8)])
      var i = 8
      while i < n - n % 8 {
        for j in 0..<8 { r[j] += a[base + i + j] }
        i += 8
      }
      var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
      while i < n {
        res += a[base + i]
        i += 1
      }
      return res
    }
    var half = n / 2
    half -= half % 8
    return pairwiseSum(a[base..<(base + half)]) + pairwiseSum(a[(base + half)...])
  }
}
