import PythonSubset

/// NumPy's axis rearrangements, all views of the array's memory as in
/// NumPy: `np.transpose` / `x.transpose()` / `x.T` (the axes permuted),
/// `np.expand_dims` (new axes of one element) and `np.squeeze` /
/// `x.squeeze()` (axes of one element removed).
///
/// ```python
/// col = np.expand_dims(x, -1)     # (n,) -> (n, 1)
/// xt = x.T                        # a view: x.T[0, 1] is x[1, 0]
/// ```
///
/// Edge cases: NumPy's errors word for word ("axes don't match array",
/// "repeated axis in transpose", "cannot select an axis to squeeze out
/// which has size not equal to one", AxisError for an axis out of range).
extension NumPyArrayFunctions {
  static func defineAxes(in ns: Namespace) {
    ns.define("transpose(a, axes=None)") { args in
      let array = try arrayObject(args, "a")
      let axes = try args.value("axes").flatMap { $0.isNone ? nil : try axisList(args, $0, at: args.range("axes")) }
      return try transposed(array, axes, at: args.callRange)
    }
    ns.define("expand_dims(a, axis)") { args in
      let array = try arrayObject(args, "a")
      guard let given = args.value("axis") else { throw args.error("axis", "expand_dims() missing required argument 'axis'") }
      let axes = try axisList(args, given, at: args.range("axis"))
      let rank = array.tensor.rank + axes.count
      let normalized = try axes.map { try inRange($0, rank: rank, at: args.range("axis")) }
      guard Set(normalized).count == normalized.count else { throw EvaluationError("repeated axis", at: args.callRange, type: "ValueError") }
      var shape: [Int] = []
      var rest = array.tensor.shape.makeIterator()
      for axis in 0..<rank { shape.append(normalized.contains(axis) ? 1 : rest.next()!) }
      return NumPyViews.reshape(array, to: shape)
    }
    ns.define("squeeze(a, axis=None)") { args in
      try squeezed(try arrayObject(args, "a"), args.value("axis"), args)
    }
  }

  static func defineAxesMethods(in m: inout ArrayMethods) {
    m.define("transpose(*axes)") { array, args in
      let items = args.extraPositional
      if items.isEmpty || (items.count == 1 && items[0].value.isNone) { return try transposed(array, nil, at: args.callRange) }
      if items.count == 1 { return try transposed(array, try axisList(args, items[0].value, at: items[0].range), at: args.callRange) }
      return try transposed(array, try axisList(args, .tuple(items.map(\.value)), at: items[0].range), at: args.callRange)
    }
    m.define("squeeze(axis=None)") { array, args in try squeezed(array, args.value("axis"), args) }
    m.properties["T"] = { array in
      try transposed(array, nil, at: SourceRange(.init(line: 1, column: 1), .init(line: 1, column: 1)))
    }
  }

  /// The argument as a NumPy array object (numbers and lists as `np.asarray` makes them).
  static func arrayObject(_ args: BoundArguments, _ name: String) throws -> ArrayObject {
    let value = args.value(name) ?? .none
    if case .object(let a as ArrayObject) = value, a.kind == .numpy { return a }
    guard case .object(let made as ArrayObject) = NumPyResult.array(try operand(args, name)) else {
      throw args.error(name, "\(args.signature.name)() takes an array")
    }
    return made
  }

  /// `array` with its axes in the order `axes` (reversed when nil), a view of the same memory.
  static func transposed(_ array: ArrayObject, _ axes: [Int]?, at range: SourceRange) throws -> Value {
    let rank = array.tensor.rank
    let order: [Int]
    if let axes {
      guard axes.count == rank else { throw EvaluationError("axes don't match array", at: range, type: "ValueError") }
      order = try axes.map { try inRange($0, rank: rank, at: range) }
      guard Set(order).count == rank else { throw EvaluationError("repeated axis in transpose", at: range, type: "ValueError") }
    } else {
      order = Array((0..<rank).reversed())
    }
    let shape = order.map { array.tensor.shape[$0] }
    let own = StridedLayout.contiguous(array.tensor.shape).strides
    let positions = StridedLayout(offset: 0, strides: order.map { own[$0] }).positions(shape)
    let tensor = TensorIndexing.gather(array.tensor, (positions, shape))
    let base = NumPyViews.layout(of: array)
    return .object(NumPyViews.view(of: array, tensor, layout: StridedLayout(offset: base.offset, strides: order.map { base.strides[$0] })))
  }

  /// `squeeze`: the axes of one element named by `axis` (all of them when None) removed, a view.
  private static func squeezed(_ array: ArrayObject, _ axis: Value?, _ args: BoundArguments) throws -> Value {
    let shape = array.tensor.shape
    var drop: [Int]
    if let axis, !axis.isNone {
      drop = try axisList(args, axis, at: args.range("axis")).map { try inRange($0, rank: shape.count, at: args.range("axis")) }
      guard drop.allSatisfy({ shape[$0] == 1 }) else {
        throw EvaluationError("cannot select an axis to squeeze out which has size not equal to one", at: args.callRange, type: "ValueError")
      }
    } else {
      drop = shape.indices.filter { shape[$0] == 1 }
    }
    return NumPyViews.reshape(array, to: shape.indices.filter { !drop.contains($0) }.map { shape[$0] })
  }

  /// An axis argument: one int, or a tuple or list of ints.
  private static func axisList(_ args: BoundArguments, _ value: Value, at range: SourceRange) throws -> [Int] {
    if let i = BoundArguments.asInt(value), let n = i.int { return [n] }
    guard let items = BoundArguments.asIntSequence(value) else {
      throw EvaluationError("'\(value.typeName)' object cannot be interpreted as an integer", at: range, type: "TypeError")
    }
    return try items.map { item in
      guard let n = item.int else { throw EvaluationError("Python int too large to convert to C long", at: range, type: "OverflowError") }
      return n
    }
  }

  private static func inRange(_ axis: Int, rank: Int, at range: SourceRange) throws -> Int {
    guard axis >= -rank && axis < rank else {
      throw EvaluationError("axis \(axis) is out of bounds for array of dimension \(rank)", at: range, type: "numpy.exceptions.AxisError")
    }
    return axis < 0 ? axis + rank : axis
  }
}
