import PythonSubset
import RNGStreams

/// NumPy's matrix products — `a @ b`, `np.matmul`, `np.dot`, `a.dot(b)` —
/// for int64, float64 and float32 arrays: 1-D·1-D, 2-D·1-D, 1-D·2-D,
/// 2-D·2-D and (for `@`/`matmul`) stacks of matrices whose leading axes
/// broadcast.
///
/// Int products are exact (wrapping as NumPy's int64 loop does). Float
/// products are summed in the order OpenBLAS sums them in NumPy 2.4.6's
/// wheel on the reference machine, where that order was measured equal
/// element for element (fixtures/reference/numpy/measure_matmul_order.py;
/// the kernels are ``OpenBLASProduct``'s, one piece for both):
///
/// - inner dimension 1: the products themselves, for every shape;
/// - `dgemm` (at least two rows and two columns): each element a forward
///   chain of fused multiply-adds, for inner dimensions up to 15, and for 16
///   to 100 where the columns come in whole blocks of 8 — past the last
///   block OpenBLAS splits the sum; `sgemm`: the same chain up to 24;
/// - `ddot` (one row times one column, float64): the same chain up to 15;
/// - `dgemv_t` (a matrix times one column, float64): OpenBLAS's kernel,
///   ``OpenBLASProduct/columnProduct(_:row:rows:)``, up to 100.
///
/// Everything else is refused with the reason: one row times a matrix
/// (`dgemv_n`, whose order was not matched), float32 vector products, larger
/// inner dimensions, and operands whose axes do not run in memory order (a
/// transpose: OpenBLAS then runs other kernels, and `x @ x.T` its `syrk`) or
/// whose last axis is not one block (NumPy then uses its own loop).
///
/// ```python
/// w = rs.rand(3, 4)
/// y = x @ w            # (n, 3) @ (3, 4): dgemm, each element a chain of fmas
/// ```
enum NumPyMatrixProduct {
  enum Style {
    case matmul, dot
  }

  /// The longest inner dimension whose products rngdiff emulates, where the kernel allows it.
  static let longestInner = 100
  /// The longest inner dimension every `dgemm`/`sgemm` element (and `ddot`) was measured equal to the chain.
  static let longestChain = 15
  /// The longest inner dimension every `sgemm` element was measured equal to the chain.
  static let longestFloat32Chain = 24

  /// `l @ r` (or `np.dot(l, r)`): the product as NumPy computes it, or a located refusal.
  static func product(_ l: Value, _ r: Value, style: Style, at range: SourceRange) throws -> Value {
    let name = style == .matmul ? "matmul" : "dot"
    let left = try array(l, at: range), right = try array(r, at: range)
    guard let a = try NumPyArithmetic.operand(left, at: range), let b = try NumPyArithmetic.operand(right, at: range) else {
      throw EvaluationError("unsupported operand type(s) for @: '\(l.typeName)' and '\(r.typeName)'", at: range, type: "TypeError")
    }
    if a.shape.isEmpty || b.shape.isEmpty {
      if style == .dot { return try NumPyArithmetic.binary(.multiply, left, right, at: range) ?? .none }
      throw EvaluationError(
        "matmul: Input operand \(a.shape.isEmpty ? 0 : 1) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)",
        at: range, type: "ValueError")
    }
    if style == .dot && (a.shape.count > 2 || b.shape.count > 2) {
      throw EvaluationError("np.dot of arrays of more than two axes is not emulated by rngdiff run; use @ (np.matmul), which broadcasts stacks of matrices", at: range)
    }
    // Core dimensions: a 1-D left operand is one row, a 1-D right operand one column.
    let m = a.shape.count == 1 ? 1 : a.shape[a.shape.count - 2]
    let k = a.shape[a.shape.count - 1]
    let kb = b.shape.count == 1 ? b.shape[0] : b.shape[b.shape.count - 2]
    let n = b.shape.count == 1 ? 1 : b.shape[b.shape.count - 1]
    guard k == kb else {
      if style == .dot {
        let dim = b.shape.count == 1 ? 0 : b.shape.count - 2
        throw EvaluationError(
          "shapes \(NumPyArithmetic.text(a.shape)) and \(NumPyArithmetic.text(b.shape)) not aligned: \(k) (dim \(a.shape.count - 1)) != \(kb) (dim \(dim))",
          at: range, type: "ValueError")
      }
      throw EvaluationError(
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(kb) is different from \(k))",
        at: range, type: "ValueError")
    }
    let batchA = Array(a.shape.dropLast(a.shape.count == 1 ? 1 : 2)), batchB = Array(b.shape.dropLast(b.shape.count == 1 ? 1 : 2))
    guard let batch = broadcast(batchA, batchB) else {
      throw EvaluationError(
        "operands could not be broadcast together with shapes \(NumPyArithmetic.text(a.shape)) \(NumPyArithmetic.text(b.shape)) in their leading axes",
        at: range, type: "ValueError")
    }
    var shape = batch
    if a.shape.count > 1 { shape.append(m) }
    if b.shape.count > 1 { shape.append(n) }
    let kind = NumPyArithmetic.promoted(a, b)
    if kind == .bool {
      throw EvaluationError("\(name) of two bool arrays is not emulated by rngdiff run; astype('int64') first", at: range)
    }
    if kind != .int {
      for (value, side) in [(left, "left"), (right, "right")] { try requireBlasLayout(value, side, name, at: range) }
      try requireMeasured(kind, m: m, k: k, n: n, name, at: range)
    }
    let mapA = Broadcasting.index(from: batchA, to: batch), mapB = Broadcasting.index(from: batchB, to: batch)
    let count = batch.elementCount
    switch kind {
    case .int:
      let x = a.ints ?? [], y = b.ints ?? []
      var out: [Int64] = []
      out.reserveCapacity(count * m * n)
      for p in 0..<count {
        let oa = (mapA?(p) ?? 0) * m * k, ob = (mapB?(p) ?? 0) * k * n
        for i in 0..<m {
          for j in 0..<n {
            var s: Int64 = 0
            for t in 0..<k { s = s &+ x[oa + i * k + t] &* y[ob + t * n + j] }
            out.append(s)
          }
        }
      }
      return result(Tensor(shape: shape, int64: out))
    case .float32:
      let x = a.values.map { Float($0) }, y = b.values.map { Float($0) }
      var out: [Float] = []
      out.reserveCapacity(count * m * n)
      for p in 0..<count {
        let oa = (mapA?(p) ?? 0) * m * k, ob = (mapB?(p) ?? 0) * k * n
        out += OpenBLASProduct.chain(Array(x[oa..<(oa + m * k)]), rows: m, inner: k, Array(y[ob..<(ob + k * n)]), columns: n)
      }
      return result(Tensor(shape: shape, float32: out))
    default:
      var out: [Double] = []
      out.reserveCapacity(count * m * n)
      for p in 0..<count {
        let oa = (mapA?(p) ?? 0) * m * k, ob = (mapB?(p) ?? 0) * k * n
        out += OpenBLASProduct.product(
          Array(a.values[oa..<(oa + m * k)]), rows: m, inner: k, Array(b.values[ob..<(ob + k * n)]), columns: n)
      }
      return result(Tensor(shape: shape, float64: out))
    }
  }

  /// Refuses a float product whose order was not measured equal to NumPy's on the reference machine.
  private static func requireMeasured(_ kind: NumPyArithmetic.Kind, m: Int, k: Int, n: Int, _ name: String, at range: SourceRange) throws {
    if k <= 1 { return }
    let type = kind == .float32 ? "float32" : "float64"
    let script = "fixtures/reference/numpy/measure_matmul_order.py"
    func refuse(_ why: String) -> EvaluationError {
      EvaluationError("\(name) of \(type) operands with core shapes (\(m),\(k)) and (\(k),\(n)): \(why) (\(script)); not emulated by rngdiff run", at: range)
    }
    if m == 1 && n == 1 {
      guard kind == .float64 else { throw refuse("OpenBLAS's sdot sums in an order rngdiff does not reproduce") }
      guard k <= longestChain else { throw refuse("OpenBLAS's ddot splits sums of 16 or more terms in an order rngdiff does not reproduce") }
      return
    }
    if m == 1 { throw refuse("one row times a matrix runs OpenBLAS's gemv_n kernel, whose order rngdiff does not reproduce") }
    if n == 1 {
      guard kind == .float64 else { throw refuse("OpenBLAS's sgemv_t kernel sums in an order rngdiff does not reproduce") }
      guard k <= longestInner else { throw refuse("dgemv_t was measured for inner dimensions up to \(longestInner)") }
      return
    }
    if kind == .float32 {
      guard k <= longestFloat32Chain else {
        throw refuse("sgemm was measured equal to a chain of fused multiply-adds for inner dimensions up to \(longestFloat32Chain) only")
      }
      return
    }
    if k <= longestChain { return }
    guard n % 8 == 0 else {
      throw refuse("with an inner dimension of 16 or more OpenBLAS splits the sums of the columns past the last whole block of 8 in an order rngdiff does not reproduce")
    }
    guard k <= longestInner else { throw refuse("gemm was measured for inner dimensions up to \(longestInner)") }
  }

  /// Refuses an operand OpenBLAS would read with another kernel than the one measured: axes out
  /// of memory order (a transpose) or a last axis that is not one block of memory.
  private static func requireBlasLayout(_ value: Value, _ side: String, _ name: String, at range: SourceRange) throws {
    guard case .object(let array as ArrayObject) = value, let layout = array.viewed?.layout else { return }
    let axes = zip(array.tensor.shape, layout.strides).filter { $0.0 != 1 }
    let steps = axes.map(\.1)
    let ordered = !zip(steps, steps.dropFirst()).contains { $0.0 <= $0.1 } && steps.allSatisfy { $0 > 0 }
    let lastContiguous = array.tensor.shape.last.map { $0 == 1 } ?? true || layout.strides.last == 1
    guard ordered && lastContiguous else {
      throw EvaluationError(
        "\(name) with a \(side) operand that is a view \(ordered ? "whose last axis is not one block of memory" : "whose axes do not run in memory order (a transpose)") runs \(ordered ? "NumPy's own loop" : "other OpenBLAS kernels (syrk for x @ x.T)"), whose order rngdiff does not reproduce; multiply a copy (x.copy()) instead",
        at: range)
    }
  }

  /// A value as a NumPy array (numbers and lists as `np.asarray` makes them).
  private static func array(_ v: Value, at range: SourceRange) throws -> Value {
    if case .object(let a as ArrayObject) = v, a.kind == .numpy { return v }
    if case .object(let o) = v, !(o is ListObject) { return v }
    guard case .object(let asarray as BuiltinFunction)? = NumPyArrayFunctions.namespace["asarray"] else { return v }
    return try asarray.call(Arguments(positional: [Located(v, range)], callRange: range, calleeRange: range))
  }

  /// A 0-d result as NumPy returns it (a Python float or int for float64 and int64), else the array.
  private static func result(_ t: Tensor) -> Value {
    if t.shape.isEmpty {
      if case .double(let v) = t.storage { return .float(v[0]) }
      if case .int(let v) = t.storage { return .int(PythonInt(v[0])) }
    }
    return NumPyResult.array(t)
  }

  private static func broadcast(_ x: [Int], _ y: [Int]) -> [Int]? {
    let rank = max(x.count, y.count)
    let px = [Int](repeating: 1, count: rank - x.count) + x, py = [Int](repeating: 1, count: rank - y.count) + y
    var out: [Int] = []
    for (p, q) in zip(px, py) {
      guard p == q || p == 1 || q == 1 else { return nil }
      out.append(p == 1 ? q : p)
    }
    return out
  }
}

extension NumPyArrayFunctions {
  /// `np.matmul(a, b)`, `np.dot(a, b)` and the method `a.dot(b)`.
  static func defineMatrixProducts(in ns: Namespace) {
    ns.define("matmul(x1, x2)") { args in
      try NumPyMatrixProduct.product(args.value("x1") ?? .none, args.value("x2") ?? .none, style: .matmul, at: args.callRange)
    }
    ns.define("dot(a, b)") { args in
      try NumPyMatrixProduct.product(args.value("a") ?? .none, args.value("b") ?? .none, style: .dot, at: args.callRange)
    }
  }

  static func defineMatrixProductMethods(in m: inout ArrayMethods) {
    m.define("dot(b)") { array, args in
      try NumPyMatrixProduct.product(.object(array), args.value("b") ?? .none, style: .dot, at: args.callRange)
    }
  }
}
