import PythonSubset
import RNGStreams

extension JAXArrays {
  /// `a @ b`, `jnp.dot`, `jnp.matmul` for 1-D and 2-D float32 arrays;
  /// each product sums in float32 in index order.
  static func matmul(_ l: Value, _ r: Value, at range: SourceRange) throws -> Value {
    let (x, xs, xa) = try floats(l, "matmul operand", at: range)
    let (y, ys, ya) = try floats(r, "matmul operand", at: range)
    guard (1...2).contains(xs.count), (1...2).contains(ys.count) else {
      throw EvaluationError(
        "matmul of arrays of shapes \(shapeText(xs)) and \(shapeText(ys)) is not emulated; rngdiff run multiplies 1-D and 2-D arrays",
        at: range, type: "TypeError")
    }
    let (n, k) = xs.count == 2 ? (xs[0], xs[1]) : (1, xs[0])
    let (k2, m) = ys.count == 2 ? (ys[0], ys[1]) : (ys[0], 1)
    guard k == k2 else {
      throw EvaluationError(
        "dot_general requires contracting dimensions to have the same shape, got \(shapeText(xs)) and \(shapeText(ys))",
        at: range, type: "TypeError")
    }
    var out = [Float](repeating: 0, count: n * m)
    for i in 0..<n {
      for j in 0..<m {
        var s: Float = 0
        for p in 0..<k { s += x[i * k + p] * y[p * m + j] }
        out[i * m + j] = s
      }
    }
    var shape: [Int] = []
    if xs.count == 2 { shape.append(n) }
    if ys.count == 2 { shape.append(m) }
    let result = float32(out, shape)
    if let tape = JAXTape.current, tape.traces([xa, ya]) {
      tape.record(result, [
        (xa, { g in
          var gx = [Float](repeating: 0, count: n * k)
          for i in 0..<n { for p in 0..<k { var s: Float = 0; for j in 0..<m { s += g[i * m + j] * y[p * m + j] }; gx[i * k + p] = s } }
          return gx
        }),
        (ya, { g in
          var gy = [Float](repeating: 0, count: k * m)
          for p in 0..<k { for j in 0..<m { var s: Float = 0; for i in 0..<n { s += x[i * k + p] * g[i * m + j] }; gy[p * m + j] = s } }
          return gy
        }),
      ])
    }
    return .object(result)
  }

  /// The axes a reduction's `axis` names, normalised (nil: all).
  static func axes(_ axis: Value?, rank: Int, at range: SourceRange) throws -> [Int] {
    guard let axis, !axis.isNone else { return Array(0..<rank) }
    let given: [Int]
    if let one = BoundArguments.asInt(axis)?.int { given = [one] } else if let many = BoundArguments.asIntSequence(axis) {
      given = many.compactMap(\.int)
    } else {
      throw EvaluationError("axis must be an int, a tuple of ints or None, got \(axis.typeName)", at: range, type: "TypeError")
    }
    return try given.map { a in
      let n = a < 0 ? a + rank : a
      guard n >= 0, n < rank else {
        throw EvaluationError("axis \(a) is out of bounds for array of dimension \(rank)", at: range, type: "ValueError")
      }
      return n
    }
  }

  /// `sum`, `mean`, `max`, `min` over `axis` (all when None), keeping the axes when asked.
  static func reduce(_ name: String, _ v: Value, axis: Value?, keepdims: Bool, at range: SourceRange) throws -> Value {
    let (x, shape, source) = try floats(v, "\(name)() argument", at: range)
    let reduced = Set(try axes(axis, rank: shape.count, at: range))
    let outShapeKept = shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
    let outShape = keepdims ? outShapeKept : shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
    guard let map = Broadcasting.index(from: outShapeKept, to: shape) else { throw EvaluationError("bad reduction", at: range) }
    let m = outShapeKept.elementCount
    let groupSize = m == 0 ? 0 : x.count / max(m, 1)
    if (name == "max" || name == "min") && groupSize == 0 {
      throw EvaluationError("zero-size array to reduction operation \(name) which has no identity", at: range, type: "ValueError")
    }
    var out = [Float](repeating: name == "max" ? -.infinity : (name == "min" ? .infinity : 0), count: m)
    for i in x.indices {
      switch name {
      case "max": out[map(i)] = Swift.max(out[map(i)], x[i])
      case "min": out[map(i)] = Swift.min(out[map(i)], x[i])
      default: out[map(i)] += x[i]
      }
    }
    if name == "mean" { for j in out.indices { out[j] /= Float(groupSize) } }
    let result = float32(out, outShape)
    if let tape = JAXTape.current, tape.traces([source]) {
      tape.record(result, [(source, { g in
        switch name {
        case "sum": return x.indices.map { g[map($0)] }
        case "mean": return x.indices.map { g[map($0)] / Float(groupSize) }
        default:
          var ties = [Float](repeating: 0, count: m)
          for i in x.indices where x[i] == out[map(i)] { ties[map(i)] += 1 }
          return x.indices.map { x[$0] == out[map($0)] ? g[map($0)] / ties[map($0)] : 0 }
        }
      })])
    }
    return .object(result)
  }

  /// `reshape` with one `-1` allowed; the gradient passes straight through.
  static func reshape(_ v: Value, _ shapeValue: Value, at range: SourceRange) throws -> Value {
    guard let a = array(v) else { throw EvaluationError("reshape() needs a JAX array, got \(v.typeName)", at: range, type: "TypeError") }
    var shape: [Int]
    if let one = BoundArguments.asInt(shapeValue)?.int { shape = [one] } else if let many = BoundArguments.asIntSequence(shapeValue) {
      shape = many.compactMap(\.int)
    } else {
      throw EvaluationError("reshape() shape must be an int or a tuple of ints, got \(shapeValue.typeName)", at: range, type: "TypeError")
    }
    let count = a.tensor.count
    if let hole = shape.firstIndex(of: -1) {
      let rest = shape.enumerated().filter { $0.offset != hole }.map(\.element).reduce(1, *)
      if rest > 0, count % rest == 0 { shape[hole] = count / rest }
    }
    guard shape.allSatisfy({ $0 >= 0 }), shape.elementCount == count else {
      throw EvaluationError(
        "cannot reshape array of shape \(shapeText(a.tensor.shape)) (size \(count)) into shape \(shapeText(shape))", at: range,
        type: "TypeError")
    }
    let result = ArrayObject(Tensor(dtype: a.tensor.dtype, shape: shape, storage: a.tensor.storage), kind: .jax, methods: JAXArrayMethods.shared)
    JAXTape.current?.record(result, [(a, { $0 })])
    return .object(result)
  }

  /// `jnp.transpose(x)` / `x.T` of a 1-D or 2-D array.
  static func transpose(_ v: Value, at range: SourceRange) throws -> Value {
    guard let a = array(v) else { throw EvaluationError("transpose() needs a JAX array, got \(v.typeName)", at: range, type: "TypeError") }
    let s = a.tensor.shape
    guard s.count == 2 else {
      if s.count < 2 { return v }
      throw EvaluationError("transpose of a \(s.count)-D array is not emulated; rngdiff run transposes 2-D arrays", at: range)
    }
    let (r, c) = (s[0], s[1])
    let perm = (0..<(r * c)).map { j in (j % r) * c + j / r }
    let positions = Tensor(dtype: .int64, shape: [r * c], storage: .int(perm.map(Int64.init)))
    return try gather(a, positions: positions, shape: [c, r], at: range)
  }

  /// `x[index]` of a JAX array: NumPy's indexing, with the gradient
  /// scattered back to the positions read.
  static func item(_ a: ArrayObject, _ index: Value, at range: SourceRange) throws -> Value {
    let positions = Tensor(dtype: .int64, shape: a.tensor.shape, storage: .int((0..<Int64(a.tensor.count)).map { $0 }))
    if case .object(let o as ArrayObject) = index, o.tensor.dtype != .bool, case .int(let rows) = o.tensor.storage {
      // Rows picked by an integer array (a batch: x[perm[:32]]); negative indices count from the end.
      guard let extent = a.tensor.shape.first else {
        throw EvaluationError("too many indices for array: array is 0-dimensional", at: range, type: "IndexError")
      }
      let width = a.tensor.count / max(extent, 1)
      var picked: [Int64] = []
      for r in rows {
        let row = r < 0 ? r + Int64(extent) : r
        guard row >= 0, row < Int64(extent) else {
          throw EvaluationError("index \(r) is out of bounds for axis 0 with size \(extent)", at: range, type: "IndexError")
        }
        picked += (0..<Int64(width)).map { row * Int64(width) + $0 }
      }
      let shape = o.tensor.shape + Array(a.tensor.shape.dropFirst())
      return try gather(a, positions: Tensor(dtype: .int64, shape: [picked.count], storage: .int(picked)), shape: shape, at: range)
    }
    let picked = try TensorIndexing.index(positions, index, at: range)
    return try gather(a, positions: picked, shape: picked.shape, at: range)
  }

  /// The elements of `a` at `positions` (flat indices), as an array of `shape`.
  static func gather(_ a: ArrayObject, positions: Tensor, shape: [Int], at range: SourceRange) throws -> Value {
    guard case .int(let p) = positions.storage else { throw EvaluationError("bad index", at: range) }
    let index = p.map { Int($0) }
    let t = a.tensor
    let storage: Tensor.Storage
    switch t.storage {
    case .float(let v): storage = .float(index.map { v[$0] })
    case .double(let v): storage = .double(index.map { v[$0] })
    case .int(let v): storage = .int(index.map { v[$0] })
    case .unsigned(let v): storage = .unsigned(index.map { v[$0] })
    case .bool(let v): storage = .bool(index.map { v[$0] })
    case .big(let v): storage = .big(index.map { v[$0] })
    }
    let result = ArrayObject(Tensor(dtype: t.dtype, shape: shape, storage: storage), kind: .jax, methods: JAXArrayMethods.shared)
    let count = t.count
    JAXTape.current?.record(result, [(a, { g in
      var out = [Float](repeating: 0, count: count)
      for (k, i) in index.enumerated() { out[i] += g[k] }
      return out
    })])
    return .object(result)
  }
}
