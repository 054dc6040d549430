import Foundation
import PythonSubset
import RNGStreams
import TorchStreams

/// The tensor methods that do not draw: reductions (`sum`, `mean`, `max`,
/// `min`, `argmax`, `argmin`, with `dim` and `keepdim`), shape changes
/// (`view`, `reshape`, `flatten`, `unsqueeze`, `squeeze`, `t`), `size`,
/// `dim`, `numel`, dtype casts (`float`, `double`, `long`, `bool`, `to`),
/// `clone`, `detach`, `numpy` and the elementwise `abs`, `exp`, `log`, `sqrt`.
///
/// ```python
/// x = torch.rand(2, 3)
/// x.sum(dim=1)           # shape (2,)
/// x.max(dim=0)           # (values, indices)
/// x.view(-1, 2).t()      # shape (2, 3)
/// ```
///
/// Fidelity: `max`, `min`, `argmax`, `argmin`, the shape changes, casts and
/// integer sums are exact. Float `sum` and `mean` add in float64 and round
/// once to the dtype, where PyTorch's vectorised cascade sums in the dtype:
/// float32 results agree to within an ulp. Ties in `argmax` go to the
/// first index, as PyTorch's CPU kernel does; a NaN wins.
extension TorchSession {
  /// Adds the non-drawing methods to `methods`.
  static func addTensorOps(to methods: inout ArrayMethods) {
    for name in ["sum", "mean"] {
      methods.define("\(name)(dim=None, keepdim=False, *, dtype=None)") { tensor, args in
        try reduce(tensor, args, name)
      }
    }
    for name in ["max", "min", "argmax", "argmin"] {
      methods.define("\(name)(dim=None, keepdim=False)") { tensor, args in try reduce(tensor, args, name) }
    }
    for name in ["view", "reshape"] {
      methods.define("\(name)(*shape)") { tensor, args in
        var items = args.extraPositional.map(\.value)
        if items.count == 1, case .tuple(let t) = items[0] { items = t }
        if items.count == 1, case .object(let l as ListObject) = items[0] { items = l.elements }
        let dims = try items.map { v -> Int in
          guard let i = BoundArguments.asInt(v)?.int else { throw args.error("shape", "\(name)(): shape must be ints, got \(v.repr)") }
          return i
        }
        return try reshaped(tensor, try inferred(dims, count: tensor.tensor.count, at: args.callRange))
      }
    }
    methods.define("flatten(start_dim=0, end_dim=-1)") { tensor, args in
      let shape = tensor.tensor.shape
      guard !shape.isEmpty else { return try reshaped(tensor, [1]) }
      let start = try axis(try args.intValue("start_dim") ?? 0, rank: shape.count, args)
      let end = try axis(try args.intValue("end_dim") ?? -1, rank: shape.count, args)
      guard start <= end else { throw args.error("start_dim", "flatten() has invalid args: start_dim cannot come after end_dim") }
      return try reshaped(tensor, Array(shape[..<start]) + [shape[start...end].reduce(1, *)] + Array(shape[(end + 1)...]))
    }
    methods.define("unsqueeze(dim)") { tensor, args in
      var shape = tensor.tensor.shape
      let d = try axis(try args.intValue("dim") ?? 0, rank: shape.count + 1, args)
      shape.insert(1, at: d)
      return try reshaped(tensor, shape)
    }
    methods.define("squeeze(dim=None)") { tensor, args in
      var shape = tensor.tensor.shape
      if let d = try args.intValue("dim") {
        guard !shape.isEmpty else { return try reshaped(tensor, shape) }
        let k = try axis(d, rank: shape.count, args)
        if shape[k] == 1 { shape.remove(at: k) }
      } else {
        shape.removeAll { $0 == 1 }
      }
      return try reshaped(tensor, shape)
    }
    methods.define("t()") { tensor, args in
      let shape = tensor.tensor.shape
      guard shape.count <= 2 else {
        throw EvaluationError("t() expects a tensor with <= 2 dimensions, but self is \(shape.count)D", at: args.callRange, type: "RuntimeError")
      }
      guard shape.count == 2 else { return .object(ArrayObject(tensor.tensor, kind: .torch, methods: tensor.methods)) }
      let (rows, columns) = (shape[0], shape[1])
      let order = (0..<(rows * columns)).map { k in (k % rows) * columns + k / rows }
      return .object(ArrayObject(gathered(tensor.tensor, order, shape: [columns, rows]), kind: .torch, methods: tensor.methods))
    }
    methods.define("size(dim=None)") { tensor, args in
      let shape = tensor.tensor.shape
      if let d = try args.intValue("dim") { return .int(PythonInt(shape[try axis(d, rank: shape.count, args)])) }
      return .tuple(shape.map { .int(PythonInt($0)) })
    }
    methods.define("dim()") { tensor, _ in .int(PythonInt(tensor.tensor.shape.count)) }
    methods.define("numel()") { tensor, _ in .int(PythonInt(tensor.tensor.count)) }
    for (name, dtype) in [("float", TorchDType.float32), ("double", .float64), ("long", .int64), ("bool", .bool)] {
      methods.define("\(name)()") { tensor, args in try cast(tensor, to: dtype, args) }
    }
    methods.define("to(*args, **kwargs)") { tensor, args in
      var target: TorchDType?
      for v in args.extraPositional + args.extraKeywords.map(\.value) {
        switch v.value {
        case .dtype(let d):
          guard let t = TorchDType(d) else { throw EvaluationError("to(): torch.\(d.rawValue) is not emulated", at: v.range) }
          target = t
        case .string("cpu"): continue
        case .object(let o) where o.repr == "device(type='cpu')": continue
        default: throw EvaluationError("to(): rngdiff run emulates CPU tensors; accepted: a dtype, 'cpu'", at: v.range)
        }
      }
      guard let target else { return .object(tensor) }
      return try cast(tensor, to: target, args)
    }
    for name in ["clone", "detach", "contiguous", "cpu"] {
      methods.define("\(name)()") { tensor, _ in .object(ArrayObject(tensor.tensor, kind: .torch, methods: tensor.methods)) }
    }
    methods.define("numpy()") { tensor, _ in NumPyResult.array(tensor.tensor) }
    let elementwise: [(String, (Double) -> Double)] = [
      ("abs", { Swift.abs($0) }), ("exp", { _exp($0) }), ("log", { _log($0) }), ("sqrt", { $0.squareRoot() }),
    ]
    for (name, f) in elementwise {
      methods.define("\(name)()") { tensor, args in
        switch tensor.tensor.storage {
        case .float(let v):
          let values: [Float] = name == "abs" ? v.map { Swift.abs($0) } : name == "sqrt" ? v.map { $0.squareRoot() } : v.map { Float(f(Double($0))) }
          return .object(ArrayObject(Tensor(shape: tensor.tensor.shape, float32: values), kind: .torch, methods: tensor.methods))
        case .double(let v):
          return .object(ArrayObject(Tensor(shape: tensor.tensor.shape, float64: v.map(f)), kind: .torch, methods: tensor.methods))
        case .int(let v) where name == "abs":
          return .object(ArrayObject(Tensor(shape: tensor.tensor.shape, int64: v.map { $0 == .min ? $0 : Swift.abs($0) }), kind: .torch, methods: tensor.methods))
        default:
          throw EvaluationError("\(name)() on torch.\(tensor.tensor.dtype.rawValue) tensors is not emulated; use .float() first", at: args.callRange)
        }
      }
    }
  }

  /// A copy of `tensor` with `shape` (same element count).
  static func reshaped(_ tensor: ArrayObject, _ shape: [Int]) throws -> Value {
    .object(ArrayObject(Tensor(dtype: tensor.tensor.dtype, shape: shape, storage: tensor.tensor.storage), kind: .torch, methods: tensor.methods))
  }

  /// `dims` with one `-1` worked out; PyTorch's error when the count does not fit.
  static func inferred(_ dims: [Int], count: Int, at range: SourceRange) throws -> [Int] {
    var dims = dims
    let unknown = dims.indices.filter { dims[$0] == -1 }
    let known = dims.filter { $0 != -1 }.reduce(1) { $0 &* $1 }
    func invalid() -> EvaluationError {
      EvaluationError(
        "shape '[\(dims.map(String.init).joined(separator: ", "))]' is invalid for input of size \(count)", at: range, type: "RuntimeError")
    }
    guard unknown.count <= 1, dims.allSatisfy({ $0 >= -1 }) else { throw invalid() }
    if let i = unknown.first {
      guard known > 0, count % known == 0 else { throw invalid() }
      dims[i] = count / known
    }
    guard dims.reduce(1, *) == count else { throw invalid() }
    return dims
  }

  /// A dimension index in `0..<rank` (negative counts from the end), with PyTorch's error.
  static func axis(_ d: Int, rank: Int, _ args: BoundArguments) throws -> Int {
    let r = Swift.max(rank, 1)
    guard d >= -r && d < r else {
      throw EvaluationError(
        "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(d))", at: args.callRange, type: "IndexError")
    }
    return d < 0 ? d + r : d
  }

  /// The elements of `tensor` at `order`, as a tensor of `shape`.
  static func gathered(_ tensor: Tensor, _ order: [Int], shape: [Int]) -> Tensor {
    switch tensor.storage {
    case .float(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .float(order.map { v[$0] }))
    case .double(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .double(order.map { v[$0] }))
    case .int(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .int(order.map { v[$0] }))
    case .unsigned(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .unsigned(order.map { v[$0] }))
    case .bool(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .bool(order.map { v[$0] }))
    case .big(let v): return Tensor(dtype: tensor.dtype, shape: shape, storage: .big(order.map { v[$0] }))
    }
  }

  /// `tensor.float()` and friends: PyTorch's casts (floats to ints toward zero).
  static func cast(_ tensor: ArrayObject, to dtype: TorchDType, _ args: BoundArguments) throws -> Value {
    guard let values = DrawnValues(torchCasting: tensor.tensor.storage, to: dtype) else {
      throw EvaluationError("cannot convert a NaN, infinite or too large value to torch.\(dtype.name)", at: args.callRange, type: "RuntimeError")
    }
    return .object(ArrayObject(Tensor(values, shape: tensor.tensor.shape), kind: .torch, methods: tensor.methods))
  }

  /// `sum`, `mean`, `max`, `min`, `argmax`, `argmin` over everything or along `dim`.
  static func reduce(_ tensor: ArrayObject, _ args: BoundArguments, _ name: String) throws -> Value {
    let t = tensor.tensor
    let shape = t.shape
    let keepdim = try args.bool("keepdim") ?? false
    let values = t.doubles
    let isFloat32 = t.dtype == .float32
    guard t.dtype == .float32 || t.dtype == .float64 || t.dtype == .int64 || t.dtype == .bool else {
      throw EvaluationError("\(name)() on torch.\(t.dtype.rawValue) tensors is not emulated", at: args.callRange)
    }
    if ["mean"].contains(name) && !(t.dtype == .float32 || t.dtype == .float64) {
      throw EvaluationError(
        "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(TorchScript.scalarName(t.dtype))",
        at: args.callRange, type: "RuntimeError")
    }
    let dim = try args.intValue("dim").map { try axis($0, rank: shape.count, args) }
    let (outer, n, inner) = dim.map { d in (shape[..<d].reduce(1, *), shape[d], shape[(d + 1)...].reduce(1, *)) } ?? (1, t.count, 1)
    if n == 0 && name != "sum" && name != "mean" {
      throw EvaluationError("\(name)(): Expected reduction dim to be specified for input.numel() == 0.", at: args.callRange, type: "RuntimeError")
    }
    var results: [Double] = []
    var indices: [Int64] = []
    for o in 0..<outer {
      for i in 0..<inner {
        let items = (0..<n).map { values[(o * n + $0) * inner + i] }
        switch name {
        case "sum" where t.dtype == .int64 || t.dtype == .bool:
          let ints: [Int64] = { if case .int(let v) = t.storage { return v } else { return values.map { Int64($0) } } }()
          var acc: Int64 = 0
          for k in 0..<n { acc = acc &+ ints[(o * n + k) * inner + i] }
          indices.append(acc)
          results.append(0)
        case "sum", "mean":
          var acc = 0.0
          for x in items { acc += x }
          if name == "mean" { acc /= Double(n) }
          results.append(isFloat32 ? Double(Float(acc)) : acc)
        default:
          var best = 0
          for k in 1..<Swift.max(n, 1) {
            let x = items[k], b = items[best]
            if b.isNaN { break }
            if x.isNaN || (name.hasSuffix("max") ? x > b : x < b) { best = k }
          }
          results.append(items.isEmpty ? .nan : items[best])
          indices.append(Int64(best))
        }
      }
    }
    var outShape = shape
    if let dim { if keepdim { outShape[dim] = 1 } else { outShape.remove(at: dim) } } else { outShape = keepdim ? shape.map { _ in 1 } : [] }
    func wrap(_ storage: Tensor.Storage, _ dtype: DType) -> Value {
      .object(ArrayObject(Tensor(dtype: dtype, shape: outShape, storage: storage), kind: .torch, methods: tensor.methods))
    }
    if name.hasPrefix("arg") { return wrap(.int(indices), .int64) }
    let valueDType: DType = (name == "sum" && (t.dtype == .bool || t.dtype == .int64)) ? .int64 : t.dtype
    let valueStorage: Tensor.Storage
    switch valueDType {
    case .float32: valueStorage = .float(results.map { Float($0) })
    case .float64: valueStorage = .double(results)
    case .bool: valueStorage = .bool(results.map { $0 != 0 })
    default: valueStorage = name == "sum" ? .int(indices) : .int(results.map { Int64($0) })
    }
    let valuesTensor = wrap(valueStorage, valueDType)
    if dim != nil && (name == "max" || name == "min") { return .tuple([valuesTensor, wrap(.int(indices), .int64)]) }
    return valuesTensor
  }
}

private func _exp(_ x: Double) -> Double { Foundation.exp(x) }
private func _log(_ x: Double) -> Double { Foundation.log(x) }
