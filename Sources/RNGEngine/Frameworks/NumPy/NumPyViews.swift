import PythonSubset

/// Where a view's elements lie in its owner's elements (C order): a start
/// and one step per axis, as NumPy's offset and strides (counted in
/// elements, not bytes).
struct StridedLayout: Equatable {
  var offset: Int
  var strides: [Int]

  /// The layout of an owner's own elements in C order.
  static func contiguous(_ shape: [Int]) -> StridedLayout {
    var strides = [Int](repeating: 1, count: shape.count)
    for axis in stride(from: shape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
    return StridedLayout(offset: 0, strides: strides)
  }

  /// The owner positions of the view's elements, in the view's C order.
  func positions(_ shape: [Int]) -> [Int] {
    var flat = [offset]
    for (extent, step) in zip(shape, strides) {
      flat = flat.flatMap { base in (0..<extent).map { base + $0 * step } }
    }
    return flat
  }

  /// How NumPy's iterator hands a whole-array sum of a view's elements to its pairwise loop.
  enum SummationOrder: Equatable {
    /// All at once: one block, one strided axis, or at most one buffer of 8192 elements.
    case pairwise
    /// In buffers of this many elements (whole rows), each pairwise, added one after another.
    case chunks(Int)
    /// Not measured by rngdiff (three axes left, or rows longer than a buffer).
    case unmeasured
  }

  /// The order of a whole-array sum of the elements of `shape` at this layout: the axes that step
  /// evenly through memory merge; what is left is summed at once, or by buffers of whole rows.
  func summationOrder(_ shape: [Int]) -> SummationOrder {
    var axes: [(extent: Int, step: Int)] = []
    for (extent, step) in zip(shape, strides) where extent != 1 {
      if let last = axes.last, last.step == extent * step {
        axes[axes.count - 1] = (last.extent * extent, step)
      } else {
        axes.append((extent, step))
      }
    }
    let buffer = 8192
    if axes.count <= 1 || shape.elementCount <= buffer { return .pairwise }
    if axes.count == 2, axes[1].extent <= buffer { return .chunks(buffer / axes[1].extent * axes[1].extent) }
    return .unmeasured
  }

  /// The same elements seen with `newShape` without copying, or nil where
  /// NumPy's `reshape` has to copy (a view whose axes cannot be merged or
  /// split in place, such as a column slice flattened).
  func reshaped(from shape: [Int], to newShape: [Int]) -> StridedLayout? {
    if shape.elementCount == 0 { return StridedLayout(offset: offset, strides: Self.contiguous(newShape).strides) }
    // Axes of one element can have any stride; leave them out of the grouping.
    let old = zip(shape, strides).filter { $0.0 != 1 }
    var result = [Int](repeating: 0, count: newShape.count)
    var i = 0, j = 0
    while i < old.count && j < newShape.count {
      // The smallest run of old axes and new axes holding the same number of elements.
      let (oi, ni) = (i, j)
      var (oj, nj) = (i + 1, j + 1)
      var oldProduct = old[i].0, newProduct = newShape[j]
      while oldProduct != newProduct {
        if oldProduct < newProduct {
          guard oj < old.count else { return nil }
          oldProduct *= old[oj].0
          oj += 1
        } else {
          guard nj < newShape.count else { return nil }
          newProduct *= newShape[nj]
          nj += 1
        }
      }
      // The old run must be one block of evenly spaced elements.
      for k in oi..<(oj - 1) where old[k].1 != old[k + 1].0 * old[k + 1].1 { return nil }
      result[nj - 1] = old[oj - 1].1
      for k in stride(from: nj - 1, to: ni, by: -1) { result[k - 1] = result[k] * newShape[k] }
      (i, j) = (oj, nj)
    }
    // Trailing axes of one element (the old ones were left out above).
    while j < newShape.count {
      result[j] = 1
      j += 1
    }
    return StridedLayout(offset: offset, strides: result)
  }
}

/// NumPy's views: basic indexing (`x[0]`, `x[1:3]`, `x[:, 1]`) and
/// `reshape` give arrays that share their owner's memory, so a write
/// through either is seen by the other. The engine keeps each view's
/// elements as its own ``Tensor`` and, on every write, writes the owner and
/// refreshes all its live views from it.
///
/// ```python
/// row = x[0]
/// row[1] = 5.0        # x[0, 1] is 5.0 too
/// x[0] = 0            # and row is all zeros
/// ```
///
/// Copies (`x[mask]`, `x[[0, 2]]`, `copy()`, `astype`, arithmetic) own
/// their memory. An array whose memory another framework shares
/// (`torch.from_numpy`) refuses NumPy writes, as the engine's copy there
/// would not follow them.
enum NumPyViews {
  /// Where `array`'s elements lie in its owner (itself, when it owns its memory).
  static func layout(of array: ArrayObject) -> StridedLayout {
    array.viewed?.layout ?? .contiguous(array.tensor.shape)
  }

  /// A new array holding `tensor` that views `array`'s owner at `layout` (relative to the owner).
  static func view(of array: ArrayObject, _ tensor: Tensor, layout: StridedLayout) -> ArrayObject {
    let made = ArrayObject(tensor, kind: .numpy, methods: array.methods)
    let owner = array.viewed?.owner ?? array
    made.viewed = (owner, layout)
    owner.views.removeAll { $0.array == nil }
    owner.views.append(WeakArray(array: made))
    return made
  }

  /// `array.reshape(shape)` as NumPy makes it: a view when the elements can be seen in the new
  /// shape in place, a copy otherwise.
  static func reshape(_ array: ArrayObject, to shape: [Int]) -> Value {
    let tensor = array.tensor.reshaped(shape)
    guard let layout = layout(of: array).reshaped(from: array.tensor.shape, to: shape) else { return NumPyResult.array(tensor) }
    return .object(view(of: array, tensor, layout: layout))
  }

  /// Writes `values` (in `array`'s dtype) over `array`'s elements at `positions` (its own C-order
  /// positions; all of them when nil), and makes its owner and every live view of the owner see them.
  static func write(_ array: ArrayObject, _ values: Tensor, at positions: [Int]?, range: SourceRange) throws {
    let owner = array.viewed?.owner ?? array
    if let sharer = owner.sharedWith {
      throw EvaluationError(
        "this array's memory is shared with a tensor made by \(sharer), whose copy in the engine would not see the write; write into a copy (x.copy()) instead",
        at: range)
    }
    let own = positions ?? Array(0..<array.tensor.count)
    let inOwner: [Int]
    if let layout = array.viewed?.layout {
      let all = layout.positions(array.tensor.shape)
      inOwner = own.map { all[$0] }
    } else {
      inOwner = own
    }
    scatter(values, into: &owner.tensor, at: inOwner)
    owner.views.removeAll { $0.array == nil }
    for weak in owner.views {
      guard let view = weak.array, let layout = view.viewed?.layout else { continue }
      view.tensor = TensorIndexing.gather(owner.tensor, (layout.positions(view.tensor.shape), view.tensor.shape))
    }
  }

  /// Puts `values`' elements at `positions` of `target`, in order (a later duplicate wins), in place.
  static func scatter(_ values: Tensor, into target: inout Tensor, at positions: [Int]) {
    func put<T>(_ source: [T], _ destination: inout [T]) {
      for (k, p) in positions.enumerated() { destination[p] = source[k] }
    }
    var storage = target.storage
    target.storage = .bool([])  // storage is then the only reference: written in place
    switch values.storage {
    case .double(let v):
      guard case .double(var d) = storage else { preconditionFailure("scatter needs one storage kind") }
      storage = .bool([])
      put(v, &d)
      storage = .double(d)
    case .float(let v):
      guard case .float(var d) = storage else { preconditionFailure("scatter needs one storage kind") }
      storage = .bool([])
      put(v, &d)
      storage = .float(d)
    case .int(let v):
      guard case .int(var d) = storage else { preconditionFailure("scatter needs one storage kind") }
      storage = .bool([])
      put(v, &d)
      storage = .int(d)
    case .bool(let v):
      guard case .bool(var d) = storage else { preconditionFailure("scatter needs one storage kind") }
      storage = .bool([])
      put(v, &d)
      storage = .bool(d)
    case .unsigned(let v):
      guard case .unsigned(var d) = storage else { preconditionFailure("scatter needs one storage kind") }
      storage = .bool([])
      put(v, &d)
      storage = .unsigned(d)
    case .big: preconditionFailure("scatter needs one storage kind")
    }
    target.storage = storage
  }

}
