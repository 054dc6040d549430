import PythonSubset

/// NumPy's module-level reductions (`np.sum`, `np.mean`, `np.max`,
/// `np.min`, `np.var`, `np.std`) and the elementwise functions whose result
/// is exact in IEEE arithmetic on every machine (`np.sqrt`, `np.abs`,
/// `np.square`, `np.floor`, `np.ceil`, `np.sign`, `np.round`, `np.clip`
/// with number bounds). They draw nothing.
///
/// ```python
/// mu, sigma = np.mean(x, axis=0), np.std(x, axis=0)
/// x = np.clip((x - mu) / sigma, -3, 3)
/// ```
///
/// `var` is NumPy's two-pass formula: the mean (summed in the reduction's
/// order, then divided), the squared deviations, their sum divided by the
/// count; `std` its square root. Edge cases: `exp`, `log`, `sin` and the
/// other transcendental functions are in `+Transcendental` — NumPy's SIMD
/// versions differ by CPU — and `ddof` other than 0 is refused.
extension NumPyArrayFunctions {
  static func defineElementwise(in ns: Namespace) {
    for name in ["sum", "mean", "max", "min", "amax", "amin"] {
      let reduction = name.hasPrefix("am") ? String(name.dropFirst()) : name  // amax is max
      ns.define("\(name)(a, axis=None)") { args in
        try requireMemoryOrder(of: args.value("a") ?? .none, reduction, at: args.callRange)
        let tensor = try operand(args, "a")
        if let axis = args.value("axis"), !axis.isNone {
          return try reduce(reduction, tensor, axis: try normalizedAxis(args, "axis", rank: max(tensor.rank, 1)), at: args.callRange)
        }
        return try reduce(reduction, tensor, at: args.callRange, chunk: try summationChunk(of: args.value("a") ?? .none, reduction, at: args.callRange))
      }
    }
    for name in ["var", "std"] {
      ns.define("\(name)(a, axis=None, dtype=None, out=None, ddof=0)") { args in
        if let ddof = try args.intValue("ddof"), ddof != 0 { throw args.error("ddof", "\(name)(ddof=\(ddof)) is not emulated by rngdiff run; accepted: ddof=0") }
        try requireMemoryOrder(of: args.value("a") ?? .none, name, at: args.callRange)
        let tensor = try operand(args, "a")
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: max(tensor.rank, 1)) }
        let chunk = axis == nil ? try summationChunk(of: args.value("a") ?? .none, name, at: args.callRange) : nil
        return try variance(tensor, axis: axis, root: name == "std", at: args.callRange, chunk: chunk)
      }
    }
    let unary: [(String, (Double) -> Double)] = [
      ("sqrt", { $0.squareRoot() }), ("abs", { Swift.abs($0) }), ("absolute", { Swift.abs($0) }),
      ("square", { $0 * $0 }), ("floor", { $0.rounded(.down) }), ("ceil", { $0.rounded(.up) }),
    ]
    for (name, f) in unary {
      ns.define("\(name)(x)") { args in
        let value = args.value("x") ?? .none
        let tensor = try operand(args, "x")
        let result: Tensor
        switch tensor.storage {
        case .float(let v): result = Tensor(shape: tensor.shape, float32: v.map { Float(f(Double($0))) })
        case .double(let v): result = Tensor(shape: tensor.shape, float64: v.map(f))
        case .int(let v) where tensor.dtype == .int64 && name != "sqrt":
          // abs and square stay int64 (wrapping as NumPy's do); floor and ceil of ints give float64 in NumPy 2.4.
          if name == "floor" || name == "ceil" {
            result = Tensor(shape: tensor.shape, float64: v.map(Double.init))
          } else {
            result = Tensor(shape: tensor.shape, int64: v.map { name == "square" ? $0 &* $0 : ($0 < 0 ? 0 &- $0 : $0) })
          }
        case .int(let v) where tensor.dtype == .int64:
          result = Tensor(shape: tensor.shape, float64: v.map { Double($0).squareRoot() })
        default:
          throw args.error("x", "\(name)() of a \(tensor.dtype.rawValue) array is not emulated by rngdiff run; astype('float64') first")
        }
        return scalarOrArray(result, input: value)
      }
    }
    ns.define("sign(x)") { args in
      let value = args.value("x") ?? .none
      let tensor = try operand(args, "x")
      func sign<F: BinaryFloatingPoint>(_ x: F) -> F { x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x }
      switch tensor.storage {
      case .float(let v): return scalarOrArray(Tensor(shape: tensor.shape, float32: v.map(sign)), input: value)
      case .double(let v): return scalarOrArray(Tensor(shape: tensor.shape, float64: v.map(sign)), input: value)
      case .int(let v) where tensor.dtype == .int64:
        return scalarOrArray(Tensor(shape: tensor.shape, int64: v.map { $0 > 0 ? 1 : $0 < 0 ? -1 : 0 }), input: value)
      default: throw args.error("x", "sign() of a \(tensor.dtype.rawValue) array is not emulated by rngdiff run; astype('float64') first")
      }
    }
    for name in ["round", "around"] {
      ns.define("\(name)(a, decimals=0)") { args in try rounded(args) }
    }
    ns.define("clip(a, a_min, a_max)") { args in
      var tensor = try operand(args, "a")
      let low = args.value("a_min").flatMap(BoundArguments.asDouble), high = args.value("a_max").flatMap(BoundArguments.asDouble)
      if case .int(let v) = tensor.storage, tensor.dtype == .int64 {
        let bounds = [args.value("a_min"), args.value("a_max")].compactMap { $0 }.filter { !$0.isNone }
        if bounds.allSatisfy({ BoundArguments.asInt($0)?.int64 != nil }) {
          // Int bounds keep an int64 array int64.
          let lo = args.value("a_min").flatMap(BoundArguments.asInt)?.int64, hi = args.value("a_max").flatMap(BoundArguments.asInt)?.int64
          return NumPyResult.array(Tensor(shape: tensor.shape, int64: v.map { x in
            var y = x
            if let lo { y = Swift.max(y, lo) }
            if let hi { y = Swift.min(y, hi) }
            return y
          }))
        }
        // A float bound makes the result float64, as NumPy 2 promotes an int array with a Python float.
        tensor = Tensor(shape: tensor.shape, float64: v.map(Double.init))
      }
      func clipped(_ x: Double) -> Double {
        var y = x
        if let low { y = y.isNaN ? y : Swift.max(y, low) }
        if let high { y = y.isNaN ? y : Swift.min(y, high) }
        return y
      }
      switch tensor.storage {
      case .float(let v): return NumPyResult.array(Tensor(shape: tensor.shape, float32: v.map { Float(clipped(Double($0))) }))
      case .double(let v): return NumPyResult.array(Tensor(shape: tensor.shape, float64: v.map(clipped)))
      default: throw args.error("a", "clip() of a \(tensor.dtype.rawValue) array is not emulated by rngdiff run; accepted: float32 and float64 arrays with number bounds")
      }
    }
  }

  /// `np.round(a, decimals)`: NumPy's own way — for decimals ≥ 0 `rint(a · 10ᵈ) / 10ᵈ`, for decimals
  /// < 0 `rint(a / 10⁻ᵈ) · 10⁻ᵈ`, in the array's float type (10ᵈ as NumPy's `power_of_ten`: exact up
  /// to 10⁸, then multiplied by ten); int arrays are returned as they are for decimals ≥ 0.
  private static func rounded(_ args: BoundArguments) throws -> Value {
    let value = args.value("a") ?? .none
    let tensor = try operand(args, "a")
    let decimals = try args.intValue("decimals") ?? 0
    var factor = 1.0
    let powers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]
    let magnitude = Swift.abs(decimals)
    if magnitude < 9 {
      factor = powers[magnitude]
    } else {
      factor = 1e9
      for _ in 9..<magnitude { factor *= 10 }
    }
    func round<F: BinaryFloatingPoint>(_ x: F, _ f: F) -> F {
      if decimals == 0 { return x.rounded(.toNearestOrEven) }
      return decimals > 0 ? (x * f).rounded(.toNearestOrEven) / f : (x / f).rounded(.toNearestOrEven) * f
    }
    switch tensor.storage {
    case .float(let v): return scalarOrArray(Tensor(shape: tensor.shape, float32: v.map { round($0, Float(factor)) }), input: value)
    case .double(let v): return scalarOrArray(Tensor(shape: tensor.shape, float64: v.map { round($0, factor) }), input: value)
    case .int where tensor.dtype == .int64 && decimals >= 0: return scalarOrArray(tensor, input: value)
    default:
      throw args.error("a", "round() of a \(tensor.dtype.rawValue) array\(decimals < 0 ? " to negative decimals" : "") is not emulated by rngdiff run; astype('float64') first")
    }
  }

  /// The argument as an array (numbers and lists as `np.asarray` makes them).
  static func operand(_ args: BoundArguments, _ name: String) throws -> Tensor {
    guard case .object(let asarray as BuiltinFunction)? = namespace["asarray"],
      case .object(let array as ArrayObject) = try asarray.call(
        Arguments(positional: [Located(args.value(name) ?? .none, args.range(name))], callRange: args.callRange, calleeRange: args.callRange))
    else { throw args.error(name, "\(args.signature.name)() takes an array") }
    return array.tensor
  }

  /// A NumPy scalar's value for a Python number argument, else the array.
  private static func scalarOrArray(_ result: Tensor, input: Value) -> Value {
    if case .object = input { return NumPyResult.array(result) }
    if case .float(let v) = result.storage, let x = v.first { return .float(Double(x)) }
    if case .double(let v) = result.storage, let x = v.first { return .float(x) }
    if case .int(let v) = result.storage, let x = v.first { return .int(PythonInt(x)) }
    return NumPyResult.array(result)
  }

  /// `np.var` / `np.std` (ddof 0) of a float or int64 array, whole or along any axis: each line's
  /// mean and then its squared deviations summed in the order `sum` uses along that axis.
  /// `chunk`: the mean's whole-array sum runs in chunks (a large view; the deviations are a new array).
  static func variance(_ t: Tensor, axis given: Int?, root: Bool, at range: SourceRange, chunk: Int? = nil) throws -> Value {
    // Along the only axis of a 1-D array is the whole array.
    let axis = t.rank <= 1 ? nil : given
    let floats: Tensor
    switch t.storage {
    case .float, .double: floats = t
    case .int(let v) where t.dtype == .int64: floats = Tensor(shape: t.shape, float64: v.map(Double.init))
    default: throw EvaluationError("var() of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
    // The lines along the reduced axis (the whole array when none), in the result's order.
    let extent = axis.map { floats.shape[$0] } ?? floats.count
    let inner = axis.map { floats.shape[($0 + 1)...].reduce(1, *) } ?? 1
    let outer = axis.map { floats.shape[..<$0].reduce(1, *) } ?? 1
    func finish<F: BinaryFloatingPoint>(_ v: [F]) -> [F] {
      // Pairwise when the reduced axis is the contiguous one, else one line after another.
      let sequential = inner > 1
      func total(_ line: [F]) -> F { sequential ? line.reduce(0, +) : NumPyArithmetic.pairwiseSum(line[...]) }
      var result: [F] = []
      for o in 0..<outer {
        for i in 0..<inner {
          let line = (0..<extent).map { v[(o * extent + $0) * inner + i] }
          let count = F(line.count)
          let mean = (axis == nil ? NumPyArithmetic.chunkedSum(line, chunk: chunk) : total(line)) / count
          let r = total(line.map { let d = $0 - mean; return d * d }) / count
          result.append(root ? r.squareRoot() : r)
        }
      }
      return result
    }
    var shape = floats.shape
    if let axis { shape.remove(at: axis) } else { shape = [] }
    switch floats.storage {
    case .float(let v):
      return NumPyResult.array(Tensor(shape: shape, float32: finish(v)))
    case .double(let v):
      let r = finish(v)
      return shape.isEmpty ? .float(r[0]) : NumPyResult.array(Tensor(shape: shape, float64: r))
    default: throw EvaluationError("var() of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
  }
}
