import PythonSubset

/// NumPy's logic on truth values: `any`, `all` and `count_nonzero` (whole,
/// or along an axis) as functions and `any`/`all` as array methods, and
/// `logical_and`, `logical_or`, `logical_xor`, `logical_not` with
/// broadcasting. An element is true when it is nonzero (NaN is true). They
/// draw nothing and are exact.
///
/// ```python
/// accuracy = (pred == y).mean()
/// if np.any(np.isnan(x)): ...
/// keep = np.logical_and(x > 0, x < 1)
/// ```
extension NumPyArrayFunctions {
  static func defineLogical(in ns: Namespace) {
    for name in ["any", "all", "count_nonzero"] {
      ns.define("\(name)(a, axis=None)") { args in
        let tensor = try operand(args, "a")
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: Swift.max(tensor.rank, 1)) }
        return try truthReduction(name, tensor, axis: axis, at: args.callRange)
      }
    }
    for name in ["logical_and", "logical_or", "logical_xor"] {
      ns.define("\(name)(x1, x2)") { args in
        let a = Tensor(shape: try operand(args, "x1").shape, bool: truth(try operand(args, "x1")))
        let b = Tensor(shape: try operand(args, "x2").shape, bool: truth(try operand(args, "x2")))
        let op: BinaryOperator = name == "logical_and" ? .bitAnd : name == "logical_or" ? .bitOr : .bitXor
        guard let result = try NumPyArithmetic.binary(op, NumPyResult.array(a), NumPyResult.array(b), at: args.callRange) else { return .none }
        return result
      }
    }
    ns.define("logical_not(x)") { args in
      let tensor = try operand(args, "x")
      return NumPyResult.array(Tensor(shape: tensor.shape, bool: truth(tensor).map { !$0 }))
    }
  }

  /// `a.any()`, `a.all()`.
  static func defineLogicalMethods(in m: inout ArrayMethods) {
    for name in ["any", "all"] {
      m.define("\(name)(axis=None)") { array, args in
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: Swift.max(array.tensor.rank, 1)) }
        return try truthReduction(name, array.tensor, axis: axis, at: args.callRange)
      }
    }
  }

  private static func truthReduction(_ name: String, _ t: Tensor, axis: Int?, at range: SourceRange) throws -> Value {
    let truths = truth(t)
    func combine(_ line: [Bool]) -> Int64 {
      switch name {
      case "any": return line.contains(true) ? 1 : 0
      case "all": return line.contains(false) ? 0 : 1
      default: return Int64(line.filter { $0 }.count)
      }
    }
    guard let axis, t.rank > 1 else {
      let r = combine(truths)
      return name == "count_nonzero" ? .int(PythonInt(r)) : .bool(r != 0)
    }
    let extent = t.shape[axis], inner = t.shape[(axis + 1)...].reduce(1, *), outer = t.shape[..<axis].reduce(1, *)
    var values: [Int64] = []
    for o in 0..<outer {
      for i in 0..<inner { values.append(combine((0..<extent).map { truths[(o * extent + $0) * inner + i] })) }
    }
    var shape = t.shape
    shape.remove(at: axis)
    if name == "count_nonzero" { return NumPyResult.array(Tensor(shape: shape, int64: values)) }
    return NumPyResult.array(Tensor(shape: shape, bool: values.map { $0 != 0 }))
  }
}
