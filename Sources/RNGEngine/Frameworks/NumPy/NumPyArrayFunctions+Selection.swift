import PythonSubset
import RNGStreams

/// NumPy's functions that pick elements rather than compute them:
/// `np.where` (the true positions, or a choice between two arrays),
/// `np.maximum`/`np.minimum`, `argmax`/`argmin`, `np.unique`,
/// `np.bincount`, `argsort`, and the element tests `np.signbit`, `np.isnan`.
/// They draw nothing.
///
/// ```python
/// idx = np.where(y == 1)[0]
/// x = np.where(x > 0, x, 0.0)
/// order = np.argsort(scores, kind="stable")
/// ```
///
/// Exact by construction: comparisons and copies only, except
/// `bincount(weights=…)`, which adds each weight to its bin in input order as
/// NumPy does. Edge cases: NaN propagates through `maximum`/`minimum` and is
/// the extreme for `argmax`/`argmin`; on equal values (`0.0` and `-0.0`)
/// `maximum`/`minimum` return the second argument, as NumPy's loops do.
/// `argsort` with NumPy's default (introsort, not stable) is refused when a
/// sorted line holds equal values, whose order introsort leaves to its
/// pivots; `kind="stable"` (or `"mergesort"`) is always exact.
extension NumPyArrayFunctions {
  static func defineSelection(in ns: Namespace) {
    ns.define("where(condition, x=None, y=None)") { args in
      let condition = try operand(args, "condition")
      guard args.isGiven("x") || args.isGiven("y") else { return nonzero(condition) }
      guard args.isGiven("x") && args.isGiven("y") else {
        throw EvaluationError("either both or neither of x and y should be given", at: args.callRange, type: "ValueError")
      }
      return try choose(condition, args.value("x") ?? .none, args.value("y") ?? .none, at: args.callRange)
    }
    for name in ["maximum", "minimum"] {
      ns.define("\(name)(x1, x2)") { args in try extreme(name == "maximum", args.value("x1") ?? .none, args.value("x2") ?? .none, at: args.callRange) }
    }
    for name in ["argmax", "argmin"] {
      ns.define("\(name)(a, axis=None)") { args in
        let tensor = try operand(args, "a")
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: max(tensor.rank, 1)) }
        return try argExtreme(name == "argmax", tensor, axis: axis, at: args.callRange)
      }
    }
    ns.define("unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None)") { args in
      for option in ["return_index", "return_inverse"] where args.value(option)?.isTruthy == true {
        throw args.error(option, "unique(\(option)=True) is not emulated yet; accepted: return_counts")
      }
      if args.isGiven("axis") { throw args.error("axis", "unique(axis=...) is not emulated yet") }
      return try unique(try operand(args, "ar"), counts: args.value("return_counts")?.isTruthy == true, at: args.callRange)
    }
    ns.define("bincount(x, weights=None, minlength=0)") { args in try bincount(args) }
    // Exact tests of each element (to find signed zeros and NaNs).
    for (name, test) in [("signbit", { (x: Double) in x.sign == .minus }), ("isnan", { (x: Double) in x.isNaN })] {
      ns.define("\(name)(x)") { args in
        let input = args.value("x") ?? .none
        let t = try operand(args, "x")
        let result = Tensor(shape: t.shape, bool: t.doubles.map(test))
        return NumPyArithmetic.isArray(input) || !t.shape.isEmpty ? NumPyResult.array(result) : NumPyResult.value(result, scalar: true)
      }
    }
    ns.define("argsort(a, axis=-1, kind=None, order=None)") { args in
      let tensor = try operand(args, "a")
      return try argsort(tensor, args, at: args.callRange)
    }
  }

  /// Array methods `argmax`, `argmin`, `argsort`.
  static func defineSelectionMethods(in m: inout ArrayMethods) {
    for name in ["argmax", "argmin"] {
      m.define("\(name)(axis=None)") { array, args in
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: max(array.tensor.rank, 1)) }
        return try argExtreme(name == "argmax", array.tensor, axis: axis, at: args.callRange)
      }
    }
    m.define("argsort(axis=-1, kind=None, order=None)") { array, args in try argsort(array.tensor, args, at: args.callRange) }
  }

  // MARK: where

  /// Whether each element is nonzero (NaN counts as nonzero).
  static func truth(_ t: Tensor) -> [Bool] {
    switch t.storage {
    case .bool(let v): return v
    case .int(let v): return v.map { $0 != 0 }
    case .unsigned(let v): return v.map { $0 != 0 }
    case .float(let v): return v.map { $0 != 0 }
    case .double(let v): return v.map { $0 != 0 }
    case .big(let v): return v.map { !$0.isZero }
    }
  }

  /// `np.where(condition)`: one int64 array of positions per axis.
  private static func nonzero(_ t: Tensor) -> Value {
    let truths = truth(t)
    let shape = t.shape.isEmpty ? [1] : t.shape
    let unit = StridedLayout.contiguous(shape).strides
    let trues = truths.indices.filter { truths[$0] }
    return .tuple(shape.indices.map { axis in
      NumPyResult.array(Tensor(shape: [trues.count], int64: trues.map { Int64($0 / unit[axis] % shape[axis]) }))
    })
  }

  /// `np.where(condition, x, y)`: broadcast together, in the type NumPy promotes `x` and `y` to.
  private static func choose(_ condition: Tensor, _ x: Value, _ y: Value, at range: SourceRange) throws -> Value {
    guard let a = try NumPyArithmetic.operand(arrayValue(x), at: range), let b = try NumPyArithmetic.operand(arrayValue(y), at: range) else {
      throw EvaluationError("where() takes numbers or arrays for x and y", at: range, type: "TypeError")
    }
    let kind = NumPyArithmetic.promoted(a, b)
    let c = NumPyArithmetic.Operand(values: [], ints: nil, shape: condition.shape, kind: .bool, weak: false)
    let (ab, _, _) = try NumPyArithmetic.broadcast(a, b, at: range)
    var joint = a
    joint.shape = ab
    let (shape, ic, _) = try NumPyArithmetic.broadcast(c, joint, at: range)
    guard let ia = Broadcasting.index(from: a.shape, to: shape), let ib = Broadcasting.index(from: b.shape, to: shape) else {
      throw EvaluationError("operands could not be broadcast together", at: range, type: "ValueError")
    }
    let truths = truth(condition)
    let n = shape.elementCount
    switch kind {
    case .bool, .int:
      let p = a.ints ?? [], q = b.ints ?? []
      let picked = (0..<n).map { truths[ic($0)] ? p[ia($0)] : q[ib($0)] }
      return kind == .bool ? NumPyResult.array(Tensor(shape: shape, bool: picked.map { $0 != 0 })) : NumPyResult.array(Tensor(shape: shape, int64: picked))
    case .float32:
      return NumPyResult.array(Tensor(shape: shape, float32: (0..<n).map { Float(truths[ic($0)] ? a.values[ia($0)] : b.values[ib($0)]) }))
    case .float64:
      return NumPyResult.array(Tensor(shape: shape, float64: (0..<n).map { truths[ic($0)] ? a.values[ia($0)] : b.values[ib($0)] }))
    }
  }

  /// A list argument as the array NumPy makes of it; numbers and arrays as they are.
  private static func arrayValue(_ v: Value) throws -> Value {
    switch v {
    case .int, .float, .bool: return v
    case .object(let a as ArrayObject) where a.kind == .numpy: return v
    default:
      guard let t = SampleOutput.asArray(v), t.dtype != .pythonInt else { return v }
      return NumPyResult.array(t)
    }
  }

  // MARK: maximum, minimum

  private static func extreme(_ isMax: Bool, _ x: Value, _ y: Value, at range: SourceRange) throws -> Value {
    let l = try arrayValue(x), r = try arrayValue(y)
    guard let a = try NumPyArithmetic.operand(l, at: range), let b = try NumPyArithmetic.operand(r, at: range) else {
      throw EvaluationError("\(isMax ? "maximum" : "minimum")() takes numbers or arrays", at: range, type: "TypeError")
    }
    let (shape, ia, ib) = try NumPyArithmetic.broadcast(a, b, at: range)
    let kind = NumPyArithmetic.promoted(a, b)
    let n = shape.elementCount
    func pick<F: BinaryFloatingPoint>(_ p: F, _ q: F) -> F {
      if p.isNaN { return p }
      if q.isNaN { return q }
      return isMax ? (p > q ? p : q) : (p < q ? p : q)
    }
    let result: Tensor
    switch kind {
    case .bool, .int:
      let p = a.ints ?? [], q = b.ints ?? []
      let picked = (0..<n).map { k -> Int64 in isMax ? Swift.max(p[ia(k)], q[ib(k)]) : Swift.min(p[ia(k)], q[ib(k)]) }
      result = kind == .bool ? Tensor(shape: shape, bool: picked.map { $0 != 0 }) : Tensor(shape: shape, int64: picked)
    case .float32:
      result = Tensor(shape: shape, float32: (0..<n).map { pick(Float(a.values[ia($0)]), Float(b.values[ib($0)])) })
    case .float64:
      result = Tensor(shape: shape, float64: (0..<n).map { pick(a.values[ia($0)], b.values[ib($0)]) })
    }
    if !NumPyArithmetic.isArray(l) && !NumPyArithmetic.isArray(r) { return NumPyResult.value(result, scalar: true) }
    return NumPyResult.array(result)
  }

  // MARK: argmax, argmin

  /// The position of the first largest (smallest) element, a NaN being the first extreme.
  private static func firstExtreme(_ isMax: Bool, _ values: [Double]) -> Int {
    var best = 0
    for k in values.indices {
      if values[k].isNaN { return k }
      if isMax ? values[k] > values[best] : values[k] < values[best] { best = k }
    }
    return best
  }

  private static func argExtreme(_ isMax: Bool, _ t: Tensor, axis: Int?, at range: SourceRange) throws -> Value {
    let name = isMax ? "argmax" : "argmin"
    let lines = try lines(t, axis: axis, name: name, at: range)
    if lines.values.contains(where: \.isEmpty) {
      throw EvaluationError("attempt to get \(name) of an empty sequence", at: range, type: "ValueError")
    }
    let found = lines.values.map { line -> Int64 in
      if let ints = line.ints { return Int64(ints.indices.max { isMax ? ints[$0] < ints[$1] || (ints[$0] == ints[$1] && $0 > $1) : ints[$0] > ints[$1] || (ints[$0] == ints[$1] && $0 > $1) } ?? 0) }
      return Int64(firstExtreme(isMax, line.doubles))
    }
    if lines.shape.isEmpty { return .int(PythonInt(found[0])) }
    return NumPyResult.array(Tensor(shape: lines.shape, int64: found))
  }

  /// One line of elements along an axis: exact ints, or the float values widened.
  struct Line {
    var doubles: [Double]
    var ints: [Int64]?
    var isEmpty: Bool { doubles.isEmpty }
  }

  /// The lines along `axis` (every element when nil) in the order of the result, and its shape.
  static func lines(_ t: Tensor, axis: Int?, name: String, at range: SourceRange) throws -> (values: [Line], shape: [Int]) {
    let ints: [Int64]?
    switch t.storage {
    case .int(let v): ints = v
    case .bool(let v): ints = v.map { $0 ? 1 : 0 }
    case .float, .double: ints = nil
    default: throw EvaluationError("\(name)() of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
    let doubles = t.doubles
    guard let axis, t.rank > 0 else { return ([Line(doubles: doubles, ints: ints)], []) }
    let extent = t.shape[axis]
    let inner = t.shape[(axis + 1)...].reduce(1, *)
    let outer = t.shape[..<axis].reduce(1, *)
    var result: [Line] = []
    for o in 0..<outer {
      for i in 0..<inner {
        let at = (0..<extent).map { o * extent * inner + $0 * inner + i }
        result.append(Line(doubles: at.map { doubles[$0] }, ints: ints.map { v in at.map { v[$0] } }))
      }
    }
    var shape = t.shape
    shape.remove(at: axis)
    return (result, shape)
  }

  // MARK: unique, bincount

  private static func unique(_ t: Tensor, counts: Bool, at range: SourceRange) throws -> Value {
    let flat = t.reshaped([t.count])
    let order = stableOrder(try lines(flat, axis: nil, name: "unique", at: range).values[0])
    var keep: [Int] = []
    var tally: [Int64] = []
    for k in order {
      if let last = keep.last, same(flat, last, k) {
        tally[tally.count - 1] += 1
      } else {
        keep.append(k)
        tally.append(1)
      }
    }
    let values = NumPyResult.array(TensorIndexing.gather(flat, (keep, [keep.count])))
    return counts ? .tuple([values, NumPyResult.array(Tensor(shape: [tally.count], int64: tally))]) : values
  }

  /// Equal elements for `unique`: NaNs are one value (NumPy 2's `equal_nan=True`).
  private static func same(_ t: Tensor, _ i: Int, _ j: Int) -> Bool {
    switch t.storage {
    case .double(let v): return v[i] == v[j] || (v[i].isNaN && v[j].isNaN)
    case .float(let v): return v[i] == v[j] || (v[i].isNaN && v[j].isNaN)
    case .int(let v): return v[i] == v[j]
    case .bool(let v): return v[i] == v[j]
    default: return false
    }
  }

  /// Positions in ascending order of value, equal values in their order, NaN last.
  private static func stableOrder(_ line: Line) -> [Int] {
    if let ints = line.ints {
      return ints.indices.sorted { ints[$0] < ints[$1] || (ints[$0] == ints[$1] && $0 < $1) }
    }
    let v = line.doubles
    return v.indices.sorted { p, q in
      let (a, b) = (v[p], v[q])
      if a.isNaN || b.isNaN { return !a.isNaN || (a.isNaN && b.isNaN && p < q) }
      return a < b || (a == b && p < q)
    }
  }

  private static func bincount(_ args: BoundArguments) throws -> Value {
    let x = try operand(args, "x")
    guard case .int(let values) = x.storage, x.dtype == .int64 || x.count == 0 || x.dtype == .bool else {
      if x.count == 0 { return NumPyResult.array(Tensor(shape: [0], int64: [])) }
      throw args.error("x", "Cannot cast array data from dtype('\(x.dtype.rawValue)') to dtype('int64') according to the rule 'safe'")
    }
    guard x.rank == 1 else { throw args.error("x", "object too deep for desired array") }
    if values.contains(where: { $0 < 0 }) {
      throw EvaluationError("'list' argument must have no negative elements", at: args.range("x"), type: "ValueError")
    }
    let minlength = try args.intValue("minlength") ?? 0
    if minlength < 0 { throw EvaluationError("'minlength' must not be negative", at: args.range("minlength"), type: "ValueError") }
    let length = Swift.max(Int(values.max() ?? -1) + 1, minlength)
    _ = try NumPyArguments.count([length], at: args.callRange)
    if let w = args.value("weights"), !w.isNone {
      let weights = try operand(args, "weights")
      guard weights.shape == x.shape else { throw EvaluationError("The weights and list don't have the same length.", at: args.range("weights"), type: "ValueError") }
      var out = [Double](repeating: 0, count: length)
      for (k, bin) in values.enumerated() { out[Int(bin)] += weights.doubles[k] }
      return NumPyResult.array(Tensor(shape: [length], float64: out))
    }
    var out = [Int64](repeating: 0, count: length)
    for bin in values { out[Int(bin)] += 1 }
    return NumPyResult.array(Tensor(shape: [length], int64: out))
  }

  // MARK: argsort

  private static func argsort(_ t: Tensor, _ args: BoundArguments, at range: SourceRange) throws -> Value {
    if let order = args.value("order"), !order.isNone { throw args.error("order", "argsort(order=...) is for structured arrays; not emulated") }
    let kind = args.value("kind").flatMap { if case .string(let s) = $0 { return s } else { return nil } }
    let stable = kind == "stable" || kind == "mergesort"
    if let kind, !stable && kind != "quicksort" && kind != "heapsort" {
      throw args.error("kind", "sort kind must be one of 'quick', 'heap', or 'stable' (got '\(kind)')")
    }
    let axisValue = args.value("axis")  // nil: the default, the last axis; None: the flattened array
    let flat = axisValue?.isNone == true
    let source = flat ? t.reshaped([t.count]) : t
    let axis = flat || source.rank == 0 ? nil : axisValue == nil ? source.rank - 1 : try normalizedAxis(args, "axis", rank: source.rank)
    let lines = try lines(source, axis: axis ?? (source.rank == 0 ? nil : 0), name: "argsort", at: range)
    let orders = try lines.values.map { line -> [Int] in
      let order = stableOrder(line)
      if !stable, let tie = zip(order, order.dropFirst()).first(where: { tied(line, $0.0, $0.1) }) {
        throw EvaluationError(
          "argsort(kind=\(kind.map { "'\($0)'" } ?? "None")) orders equal values (positions \(Swift.min(tie.0, tie.1)) and \(Swift.max(tie.0, tie.1)) of a sorted line) as NumPy's introsort leaves them, which rngdiff does not reproduce; pass kind='stable'",
          at: range)
      }
      return order
    }
    // Back into the input's layout: the sorted positions run along the axis.
    let shape = source.rank == 0 ? [] : source.shape
    guard let axis, !shape.isEmpty else {
      return NumPyResult.array(Tensor(shape: shape.isEmpty ? [] : [orders[0].count], int64: orders[0].map(Int64.init)))
    }
    let extent = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
    var out = [Int64](repeating: 0, count: shape.elementCount)
    for (l, order) in orders.enumerated() {
      let (o, i) = (l / inner, l % inner)
      for (k, p) in order.enumerated() { out[o * extent * inner + k * inner + i] = Int64(p) }
    }
    return NumPyResult.array(Tensor(shape: shape, int64: out))
  }

  /// Two elements an unstable sort may put either way round: equal values (NaNs are all equal).
  private static func tied(_ line: Line, _ p: Int, _ q: Int) -> Bool {
    if let ints = line.ints { return ints[p] == ints[q] }
    let (a, b) = (line.doubles[p], line.doubles[q])
    return a == b || (a.isNaN && b.isNaN)
  }
}
