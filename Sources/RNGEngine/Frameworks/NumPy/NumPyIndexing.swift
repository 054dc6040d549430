import PythonSubset
import RNGStreams

/// NumPy's indexing, to read (`x[i]`) and to write (`x[i] = v`): integers
/// and slices (basic indexing, a view), integer arrays and lists (fancy
/// indexing, a copy) and boolean masks (`x[x > 0.5]`, `x[:, keep]`, an
/// n-D mask over as many axes), mixed as NumPy mixes them: the index arrays
/// broadcast together, and their axes replace the indexed ones in place
/// when they are next to each other, or come first when a slice separates
/// them (an integer counts as an index array then). `None` (np.newaxis)
/// adds an axis of one element and `...` stands for every axis the index
/// does not name; both part the index arrays as a slice would (an ellipsis
/// of no axes too), as in NumPy.
///
/// ```python
/// x[1:3]          # rows 1 and 2, a view
/// x[x > 0.5]      # the elements where the mask is true, 1-D, a copy
/// x[[0, 2], 1:]   # rows 0 and 2, columns 1 on
/// x[:, None]      # a column of one-element rows, a view
/// x[..., 0]       # the first element along the last axis, a view
/// ```
///
/// Edge cases: a bare `True`/`False` is refused with a message; errors
/// are NumPy's IndexErrors, word for word.
enum NumPyIndexing {
  /// What an index selects: the array's own positions in the result's C order, the result's
  /// shape, and for basic indexing the result's place in the owner's memory (it is a view).
  struct Selection {
    var positions: [Int]
    var shape: [Int]
    var layout: StridedLayout?
    /// Every axis was indexed by an integer: one element, read as a scalar.
    var scalar: Bool
    /// The index was one boolean array over every axis (NumPy's own assignment message).
    var wholeMask: Bool
  }

  private enum Entry {
    case slice([Int], step: Int)
    case integer(Int)
    case array([Int], shape: [Int])
    /// An ellipsis standing for no axes: nothing selected, but it parts the index arrays.
    case gap
  }

  /// `array[index]`: a view for basic indexing, a copy for fancy indexing or masks.
  static func item(_ array: ArrayObject, _ index: Value, at range: SourceRange) throws -> Value {
    let s = try select(array, index, at: range)
    let tensor = TensorIndexing.gather(array.tensor, (s.positions, s.shape))
    if let layout = s.layout, !s.scalar { return .object(NumPyViews.view(of: array, tensor, layout: layout)) }
    return .object(ArrayObject(tensor, kind: .numpy, methods: array.methods))
  }

  static func select(_ array: ArrayObject, _ index: Value, at range: SourceRange) throws -> Selection {
    let realShape = array.tensor.shape
    var parts: [Value]
    if case .tuple(let items) = index { parts = items } else { parts = [index] }
    // Each part, read once: an index array (a mask covers as many axes as it has).
    var arrays: [Int: Tensor] = [:]
    var consumed = 0
    var ellipses = 0
    for (k, part) in parts.enumerated() {
      if case .bool = part {
        throw EvaluationError("indexing with a bare True or False adds an axis in NumPy; not emulated yet", at: range)
      }
      if part.isEllipsis {
        ellipses += 1
        continue
      }
      if part.isNone { continue }
      if case .object(let o) = part, o is SliceObject {
        consumed += 1
        continue
      }
      if BoundArguments.asInt(part)?.int != nil {
        consumed += 1
        continue
      }
      guard let indexArray = try indexTensor(part, at: range) else {
        throw EvaluationError(
          "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
          at: range, type: "IndexError")
      }
      arrays[k] = indexArray
      if case .bool = indexArray.storage { consumed += max(indexArray.rank, 1) } else { consumed += 1 }
    }
    if ellipses > 1 { throw EvaluationError("an index can only have a single ellipsis ('...')", at: range, type: "IndexError") }
    if consumed > realShape.count {
      throw EvaluationError(
        "too many indices for array: array is \(realShape.count)-dimensional, but \(consumed) were indexed", at: range,
        type: "IndexError")
    }
    // The axes the index walks: the array's own, and one of one element per `None` (a new axis,
    // stepping nowhere). Strides are the array's own C-order ones and its owner's.
    let ownStrides = StridedLayout.contiguous(realShape).strides
    let base = NumPyViews.layout(of: array)
    var shape: [Int] = [], strides: [Int] = [], baseStrides: [Int] = []
    var entries: [Entry] = []
    var axis = 0  // the next axis of the array
    func whole() {
      shape.append(realShape[axis])
      strides.append(ownStrides[axis])
      baseStrides.append(base.strides[axis])
      entries.append(.slice(Array(0..<realShape[axis]), step: 1))
      axis += 1
    }
    func take() -> Int {
      shape.append(realShape[axis])
      strides.append(ownStrides[axis])
      baseStrides.append(base.strides[axis])
      axis += 1
      return axis - 1
    }
    var wholeMask = false
    for (k, part) in parts.enumerated() {
      if part.isNone {
        shape.append(1)
        strides.append(0)
        baseStrides.append(0)
        entries.append(.slice([0], step: 1))
      } else if part.isEllipsis {
        let count = realShape.count - consumed
        // An ellipsis of no axes still parts the index arrays on either side, as in NumPy.
        if count == 0 {
          shape.append(1)
          strides.append(0)
          baseStrides.append(0)
          entries.append(.gap)
        }
        for _ in 0..<count { whole() }
      } else if case .object(let slice as SliceObject) = part {
        let a = take()
        let picked = try slice.indices(count: realShape[a], at: range)
        entries.append(.slice(picked, step: picked.count > 1 ? picked[1] - picked[0] : 1))
      } else if let i = BoundArguments.asInt(part), let n = i.int {
        let a = take()
        entries.append(.integer(try position(n, realShape[a], a, at: range)))
      } else if let indexArray = arrays[k] {
        if case .bool(let mask) = indexArray.storage {
          // A k-D mask stands for the k index arrays of its true positions (np.nonzero).
          let width = max(indexArray.rank, 1)
          for (j, extent) in indexArray.shape.enumerated() where extent != realShape[axis + j] {
            throw EvaluationError(
              "boolean index did not match indexed array along axis \(axis + j); size of axis is \(realShape[axis + j]) but size of corresponding boolean axis is \(extent)",
              at: range, type: "IndexError")
          }
          let unit = StridedLayout.contiguous(indexArray.shape).strides
          let trues = mask.indices.filter { mask[$0] }
          for j in 0..<width {
            _ = take()
            entries.append(.array(trues.map { $0 / unit[j] % indexArray.shape[j] }, shape: [trues.count]))
          }
          wholeMask = parts.count == 1 && width == realShape.count
          continue
        }
        guard case .int(let values) = indexArray.storage else {
          throw EvaluationError("arrays used as indices must be of integer (or boolean) type", at: range, type: "IndexError")
        }
        let a = take()
        entries.append(.array(try values.map { try position(Int($0), realShape[a], a, at: range) }, shape: indexArray.shape))
      }
    }
    // Axes after the index are taken whole.
    while axis < realShape.count { whole() }
    let advanced = entries.indices.filter { if case .array = entries[$0] { return true } else { return false } }
    if advanced.isEmpty {
      // Basic indexing: a view of the array's elements.
      var factors: [[Int]] = []
      var result: [Int] = []
      var layout = StridedLayout(offset: base.offset, strides: [])
      for (axis, entry) in entries.enumerated() {
        switch entry {
        case .integer(let p):
          factors.append([p * strides[axis]])
          layout.offset += p * baseStrides[axis]
        case .slice(let picked, let step):
          factors.append(picked.map { $0 * strides[axis] })
          result.append(picked.count)
          layout.offset += (picked.first ?? 0) * baseStrides[axis]
          layout.strides.append(step * baseStrides[axis])
        case .array, .gap: break
        }
      }
      // Every axis taken by an integer: a scalar (an ellipsis keeps a 0-d array, as in NumPy).
      let scalar = result.isEmpty && ellipses == 0
      return Selection(positions: combine(factors), shape: result, layout: layout, scalar: scalar, wholeMask: false)
    }
    // Fancy indexing: integers join the index arrays, which broadcast together.
    let joined = entries.indices.filter {
      switch entries[$0] {
      case .array, .integer: return true
      case .slice, .gap: return false
      }
    }
    let arrayShapes = joined.map { axis -> [Int] in if case .array(_, let s) = entries[axis] { return s } else { return [] } }
    guard let broadcast = broadcastShape(arrayShapes) else {
      let shown = arrayShapes.filter { !$0.isEmpty }.map(NumPyArithmetic.text).joined(separator: " ")
      throw EvaluationError("shape mismatch: indexing arrays could not be broadcast together with shapes \(shown) ", at: range, type: "IndexError")
    }
    let count = broadcast.elementCount
    var group = [Int](repeating: 0, count: count)
    for axis in joined {
      switch entries[axis] {
      case .integer(let p):
        for k in 0..<count { group[k] += p * strides[axis] }
      case .array(let values, let s):
        guard let at = Broadcasting.index(from: s, to: broadcast) else { continue }
        for k in 0..<count { group[k] += values[at(k)] * strides[axis] }
      case .slice, .gap: break
      }
    }
    let adjacent = joined.last! - joined.first! + 1 == joined.count
    var factors: [[Int]] = []
    var result: [Int] = []
    if !adjacent {
      factors.append(group)
      result += broadcast
    }
    for (axis, entry) in entries.enumerated() {
      if case .slice(let picked, _) = entry {
        factors.append(picked.map { $0 * strides[axis] })
        result.append(picked.count)
      } else if adjacent && axis == joined.first {
        factors.append(group)
        result += broadcast
      }
    }
    return Selection(positions: combine(factors), shape: result, layout: nil, scalar: false, wholeMask: wholeMask)
  }

  /// Every sum of one offset from each factor, the last factor varying fastest.
  private static func combine(_ factors: [[Int]]) -> [Int] {
    var flat = [0]
    for factor in factors {
      flat = flat.flatMap { base in factor.map { base + $0 } }
    }
    return flat
  }

  private static func broadcastShape(_ shapes: [[Int]]) -> [Int]? {
    let rank = shapes.map(\.count).max() ?? 0
    var result = [Int](repeating: 1, count: rank)
    for s in shapes {
      for (j, extent) in s.enumerated() {
        let axis = rank - s.count + j
        if result[axis] == 1 {
          result[axis] = extent
        } else if extent != 1 && extent != result[axis] {
          return nil
        }
      }
    }
    return result
  }

  /// An index given as an array or a (nested) list: its elements as a tensor; nil for anything else.
  private static func indexTensor(_ part: Value, at range: SourceRange) throws -> Tensor? {
    switch part {
    case .object(let a as ArrayObject) where a.kind == .numpy:
      switch a.tensor.storage {
      case .unsigned(let v): return Tensor(shape: a.tensor.shape, int64: v.map { Int64(truncatingIfNeeded: $0) })
      default: return a.tensor
      }
    case .object(let list as ListObject):
      if list.elements.isEmpty { return Tensor(shape: [0], int64: []) }
      guard let tensor = SampleOutput.asArray(part) else { return nil }
      if case .big = tensor.storage {
        throw EvaluationError("Python int too large to convert to C long", at: range, type: "OverflowError")
      }
      return tensor
    default:
      return nil
    }
  }

  private static func position(_ n: Int, _ extent: Int, _ axis: Int, at range: SourceRange) throws -> Int {
    let j = n < 0 ? n + extent : n
    guard (0..<extent).contains(j) else {
      throw EvaluationError("index \(n) is out of bounds for axis \(axis) with size \(extent)", at: range, type: "IndexError")
    }
    return j
  }

}
