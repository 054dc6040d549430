import PythonSubset

/// `a.sum(axis=k)`, `mean`, `max`, `min` along one axis of an array of any
/// rank, in NumPy's order: when the reduced axis is the contiguous one (no
/// axis after it holds more than one element) each line is summed pairwise,
/// as a whole-array sum is; otherwise the lines are added one after another,
/// element by element (`((x[0] + x[1]) + x[2]) + …`), which is how NumPy's
/// iterator runs them. So `x.sum(axis=0)` of an `(n, 1)` array is pairwise.
/// A mean divides that sum by the count (int arrays are summed as float64);
/// `max`/`min` propagate NaN.
///
/// ```python
/// x.mean(axis=0)     # ((x[0] + x[1]) + x[2]) + … then / n, per column
/// x.sum(axis=1)      # pairwise over each row
/// v.sum(axis=1)      # (a, b, c) array: b rows added one after another, per (a, c)
/// ```
extension NumPyArrayFunctions {
  static func reduce(_ name: String, _ t: Tensor, axis: Int, at range: SourceRange) throws -> Value {
    if t.rank <= 1 { return try reduce(name, t, at: range) }
    let extent = t.shape[axis]
    let inner = t.shape[(axis + 1)...].reduce(1, *)
    let outer = t.shape[..<axis].reduce(1, *)
    if (name == "max" || name == "min") && extent == 0 {
      throw EvaluationError("zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity", at: range, type: "ValueError")
    }
    var shape = t.shape
    shape.remove(at: axis)
    if case .bool(let v) = t.storage {
      // A mask along an axis: sum counts (int64), mean in float64, max/min are any/all.
      let ints = Tensor(shape: t.shape, int64: v.map { $0 ? 1 : 0 })
      guard case .object(let made as ArrayObject) = try reduce(name, ints, axis: axis, at: range) else { return .none }
      if name == "max" || name == "min", case .int(let r) = made.tensor.storage {
        return NumPyResult.array(Tensor(shape: shape, bool: r.map { $0 != 0 }))
      }
      return .object(made)
    }
    let geometry = (outer: outer, extent: extent, inner: inner)
    switch t.storage {
    case .double(let v):
      return NumPyResult.array(Tensor(shape: shape, float64: reduced(name, v, geometry)))
    case .float(let v):
      return NumPyResult.array(Tensor(shape: shape, float32: reduced(name, v, geometry)))
    case .int(let v) where t.dtype == .int64:
      if name == "mean" {
        return NumPyResult.array(Tensor(shape: shape, float64: reduced(name, v.map(Double.init), geometry)))
      }
      var values: [Int64] = []
      for o in 0..<outer {
        for i in 0..<inner {
          let line = (0..<extent).map { v[(o * extent + $0) * inner + i] }
          switch name {
          case "sum": values.append(line.reduce(0, &+))
          case "max": values.append(line.max()!)
          default: values.append(line.min()!)
          }
        }
      }
      return NumPyResult.array(Tensor(shape: shape, int64: values))
    default:
      throw EvaluationError("\(name)(axis=...) of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
  }

  private static func reduced<F: BinaryFloatingPoint>(_ name: String, _ v: [F], _ g: (outer: Int, extent: Int, inner: Int)) -> [F] {
    var result: [F] = []
    result.reserveCapacity(g.outer * g.inner)
    for o in 0..<g.outer {
      let block = o * g.extent * g.inner
      if g.inner == 1 {
        // The reduced axis is the contiguous one: pairwise, as a whole-array sum.
        let line = v[block..<(block + g.extent)]
        switch name {
        case "sum": result.append(NumPyArithmetic.pairwiseSum(line))
        case "mean": result.append(NumPyArithmetic.pairwiseSum(line) / F(g.extent))
        case "max": result.append(line.contains { $0.isNaN } ? .nan : line.max()!)
        default: result.append(line.contains { $0.isNaN } ? .nan : line.min()!)
        }
        continue
      }
      if g.extent == 0 {
        result += Array(repeating: name == "sum" ? 0 : .nan, count: g.inner)
        continue
      }
      // One line after another, element by element.
      var acc = Array(v[block..<(block + g.inner)])
      for e in 1..<g.extent {
        let start = block + e * g.inner
        for i in 0..<g.inner {
          let x = v[start + i]
          switch name {
          case "sum", "mean": acc[i] += x
          case "max": acc[i] = acc[i].isNaN || x.isNaN ? .nan : max(acc[i], x)
          default: acc[i] = acc[i].isNaN || x.isNaN ? .nan : min(acc[i], x)
          }
        }
      }
      result += name == "mean" ? acc.map { $0 / F(g.extent) } : acc
    }
    return result
  }
}
