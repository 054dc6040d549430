import PythonSubset

/// A Python `slice(start, stop, step)`.
public final class SliceObject: PythonObject {
  public let start: Value
  public let stop: Value
  public let step: Value

  public init(start: Value, stop: Value, step: Value) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  public var typeName: String { "slice" }

  /// The indices this slice selects from a sequence of `count` items, as
  /// Python's `slice.indices` defines them.
  public func indices(count: Int, at range: SourceRange) throws -> [Int] {
    func int(_ v: Value) throws -> Int? {
      if v.isNone { return nil }
      guard let i = BoundArguments.asInt(v), let n = i.int else {
        throw EvaluationError("slice indices must be integers or None", at: range)
      }
      return n
    }
    let step = try int(self.step) ?? 1
    if step == 0 { throw EvaluationError("slice step cannot be zero", at: range) }
    func clamp(_ v: Int?, _ defaultValue: Int) -> Int {
      guard var v else { return defaultValue }
      if v < 0 { v += count }
      if step > 0 { return min(max(v, 0), count) }
      return min(max(v, -1), count - 1)
    }
    let lower = clamp(try int(start), step > 0 ? 0 : count - 1)
    let upper = clamp(try int(stop), step > 0 ? count : -1)
    return Array(stride(from: lower, to: upper, by: step))
  }
}

/// Indexing of sequences, dicts and arrays (`x[0]`, `x[16:]`, `x[1, :2]`).
enum Subscripting {
  static func item(_ container: Value, _ index: Value, at range: SourceRange) throws -> Value {
    switch container {
    case .tuple(let items):
      return try sequence(items, index, at: range) { .tuple($0) }
    case .string(let s):
      let characters = s.map { Value.string(String($0)) }
      return try sequence(characters, index, at: range) { parts in
        .string(parts.map { if case .string(let c) = $0 { return c } else { return "" } }.joined())
      }
    case .object(let o):
      if let list = o as? ListObject {
        return try sequence(list.elements, index, at: range) { .object(ListObject($0)) }
      }
      if let r = o as? RangeObject {
        let items = (0..<r.count).map { Value.int(PythonInt(r.element($0))) }
        return try sequence(items, index, at: range) { .object(ListObject($0)) }
      }
      if let dict = o as? DictObject {
        guard let v = dict[index] else { throw EvaluationError(index.repr, at: range, type: "KeyError") }
        return v
      }
      if let array = o as? ArrayObject, array.kind == .jax, array.tensor.dtype.elementAxes == 0 {
        return try JAXArrays.item(array, index, at: range)
      }
      if let array = o as? ArrayObject, array.kind == .numpy {
        return try NumPyIndexing.item(array, index, at: range)
      }
      if let array = o as? ArrayObject {
        let at = try TensorIndexing.positions(array.tensor, index, at: range)
        let made = ArrayObject(TensorIndexing.gather(array.tensor, at), kind: array.kind, methods: array.methods)
        if let tape = array.methods.context as? TorchTape {
          try tape.record(made, inputs: [array], name: TensorIndexing.backwardName(index), at: range) { g in [TorchTape.scatter(g, into: array.tensor.count, at: at.flat)] }
        }
        return .object(made)
      }
    default: break
    }
    throw EvaluationError("'\(container.typeName)' object is not subscriptable", at: range, type: "TypeError")
  }

  static func sequence(
    _ items: [Value], _ index: Value, at range: SourceRange, rebuild: ([Value]) -> Value
  ) throws -> Value {
    if case .object(let o) = index, let slice = o as? SliceObject {
      return rebuild(try slice.indices(count: items.count, at: range).map { items[$0] })
    }
    guard let i = BoundArguments.asInt(index), let n = i.int else {
      throw EvaluationError("indices must be integers or slices, not \(index.typeName)", at: range, type: "TypeError")
    }
    let j = n < 0 ? n + items.count : n
    guard items.indices.contains(j) else { throw EvaluationError("index \(n) is out of range", at: range, type: "IndexError") }
    return items[j]
  }
}

/// Indexing of the other frameworks' arrays (NumPy's own, with masks, index
/// arrays and views, is `NumPyIndexing`): ints and slices, one per leading
/// axis, and one 1-D integer array per index (`x[idx]` with
/// `idx = torch.randperm(n)`), which selects those positions of its axis in order.
enum TensorIndexing {
  static func index(_ tensor: Tensor, _ index: Value, at range: SourceRange) throws -> Tensor {
    try gather(tensor, positions(tensor, index, at: range))
  }

  /// The flat positions `tensor[index]` reads, in order, and the result's shape.
  static func positions(_ tensor: Tensor, _ index: Value, at range: SourceRange) throws -> (flat: [Int], shape: [Int]) {
    var parts: [Value]
    if case .tuple(let items) = index { parts = items } else { parts = [index] }
    let indexable = tensor.arrayShape.count
    guard parts.count <= indexable else {
      throw EvaluationError("too many indices for an array of \(indexable) dimension\(indexable == 1 ? "" : "s")", at: range)
    }
    // Per axis: the selected positions and whether the axis is kept.
    var selections: [(positions: [Int], keep: Bool)] = []
    var arrays = 0
    for (axis, extent) in tensor.shape.enumerated() {
      guard axis < parts.count else {
        selections.append((Array(0..<extent), true))
        continue
      }
      let part = parts[axis]
      if case .object(let o) = part, let slice = o as? SliceObject {
        selections.append((try slice.indices(count: extent, at: range), true))
      } else if let i = BoundArguments.asInt(part), let n = i.int {
        selections.append(([try position(n, extent, axis, at: range)], false))
      } else if case .object(let o) = part, let array = o as? ArrayObject, array.tensor.rank == 1, case .int(let values) = array.tensor.storage {
        arrays += 1
        guard arrays == 1 else {
          throw EvaluationError("only one integer-array index per subscript is emulated; index the axes one after another", at: range)
        }
        selections.append((try values.map { try position(Int($0), extent, axis, at: range) }, true))
      } else {
        throw EvaluationError("only integers, slices and one 1-D integer array are valid array indices here", at: range)
      }
    }
    var strides = [Int](repeating: 1, count: tensor.rank)
    for axis in stride(from: tensor.rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * tensor.shape[axis + 1] }
    var flat: [Int] = [0]
    for (axis, selection) in selections.enumerated() {
      flat = flat.flatMap { base in selection.positions.map { base + $0 * strides[axis] } }
    }
    return (flat, selections.filter(\.keep).map(\.positions.count))
  }

  private static func position(_ n: Int, _ extent: Int, _ axis: Int, at range: SourceRange) throws -> Int {
    let j = n < 0 ? n + extent : n
    guard (0..<extent).contains(j) else {
      throw EvaluationError("index \(n) is out of bounds for axis \(axis) with size \(extent)", at: range, type: "IndexError")
    }
    return j
  }

  /// PyTorch's name for the backward of `tensor[index]`: its last step that is not a whole axis.
  static func backwardName(_ index: Value) -> String {
    var parts: [Value]
    if case .tuple(let items) = index { parts = items } else { parts = [index] }
    if parts.contains(where: { if case .object(let o) = $0 { return o is ArrayObject } else { return false } }) { return "IndexBackward0" }
    for part in parts.reversed() {
      if case .object(let slice as SliceObject) = part {
        if slice.start.isNone && slice.stop.isNone && slice.step.isNone { continue }
        return "SliceBackward0"
      }
      return "SelectBackward0"
    }
    return parts.count == 1 ? "SliceBackward0" : "AliasBackward0"
  }

  /// The values at `flat`, in the tensor's dtype, with `shape`.
  static func gather(_ tensor: Tensor, _ at: (flat: [Int], shape: [Int])) -> Tensor {
    let flat = at.flat
    func pick<T>(_ values: [T]) -> [T] { flat.map { values[$0] } }
    let storage: Tensor.Storage
    switch tensor.storage {
    case .float(let v): storage = .float(pick(v))
    case .double(let v): storage = .double(pick(v))
    case .int(let v): storage = .int(pick(v))
    case .unsigned(let v): storage = .unsigned(pick(v))
    case .bool(let v): storage = .bool(pick(v))
    case .big(let v): storage = .big(pick(v))
    }
    return Tensor(dtype: tensor.dtype, shape: at.shape, storage: storage)
  }
}
