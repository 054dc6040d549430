import PythonSubset

extension TorchDataContext {
  /// `len(dataset)` for what a DataLoader accepts as a map-style dataset: a
  /// `Dataset` (or any class with `__len__`), a range, list, tuple or tensor.
  ///
  /// - Throws: a located `TypeError` when `dataset` has no length.
  func length(of dataset: Value, at range: SourceRange) throws -> Int {
    switch dataset {
    case .object(let o as InstanceObject):
      if case .int(let n)? = try o.callDunder("__len__", [], at: range), let count = n.int, count >= 0 { return count }
    case .object(let r as RangeObject): return r.count
    case .object(let a as ArrayObject): if let first = a.tensor.arrayShape.first { return first }
    default: if let items = Builtins.items(of: dataset) { return items.count }
    }
    throw EvaluationError(
      "object of type '\(dataset.typeName)' has no len(): a DataLoader dataset needs __len__ and __getitem__ (a Dataset subclass, TensorDataset, a list or a range)",
      at: range, type: "TypeError")
  }

  /// `dataset[index]`.
  func item(of dataset: Value, _ index: Int, at range: SourceRange) throws -> Value {
    let key = Value.int(PythonInt(index))
    if case .object(let o as InstanceObject) = dataset, let v = try o.callDunder("__getitem__", [key], at: range) { return v }
    if case .object(let a as ArrayObject) = dataset { return wrap(try TensorIndexing.index(a.tensor, key, at: range)) }
    return try Subscripting.item(dataset, key, at: range)
  }

  /// `default_collate(batch)`: tensors stacked along a new first dimension;
  /// ints to an int64 tensor, floats to float64, bools to bool; tuples and
  /// lists collated item by item (a tuple gives a list, as PyTorch's does);
  /// dicts key by key; strings left as a list.
  ///
  /// - Throws: a located `RuntimeError` when tensors of different shapes or
  ///   items of different kinds meet in one batch.
  func collate(_ batch: [Value], at range: SourceRange) throws -> Value {
    guard let first = batch.first else { return .object(ListObject([])) }
    switch first {
    case .object(let a as ArrayObject):
      let tensors = try batch.map { v -> Tensor in
        guard case .object(let t as ArrayObject) = v, t.tensor.shape == a.tensor.shape, t.tensor.dtype == a.tensor.dtype else {
          throw EvaluationError(
            "stack expects each tensor to be equal size and dtype, but got \(a.tensor.shape) (\(a.tensor.dtype.rawValue)) and \(v.typeName) in one batch",
            at: range, type: "RuntimeError")
        }
        return t.tensor
      }
      return wrap(try Self.stack(tensors, at: range))
    case .bool:
      return wrap(Tensor(shape: [batch.count], bool: batch.map(\.isTruthy)))
    case .int:
      let values = try batch.map { v -> Int64 in
        guard case .int(let i) = v, let x = i.int64 else { throw mixed(batch, at: range) }
        return x
      }
      return wrap(Tensor(shape: [batch.count], int64: values))
    case .float:
      let values = try batch.map { v -> Double in
        switch v {
        case .float(let d): return d
        case .int(let i): return Double(i.int64 ?? 0)
        default: throw mixed(batch, at: range)
        }
      }
      return wrap(Tensor(shape: [batch.count], float64: values))
    case .string:
      return .object(ListObject(batch))
    case .tuple(let items):
      return .object(ListObject(try transposed(batch, width: items.count, at: range)))
    case .object(let list as ListObject):
      return .object(ListObject(try transposed(batch, width: list.elements.count, at: range)))
    case .object(let dict as DictObject):
      return .object(DictObject(try dict.entries.map { entry in
        let column = try batch.map { v -> Value in
          guard case .object(let d as DictObject) = v, let x = d[entry.key] else { throw mixed(batch, at: range) }
          return x
        }
        return (entry.key, try collate(column, at: range))
      }))
    default:
      throw EvaluationError(
        "default_collate: batch must contain tensors, numbers, dicts or lists; found \(first.typeName)", at: range, type: "TypeError")
    }
  }

  private func transposed(_ batch: [Value], width: Int, at range: SourceRange) throws -> [Value] {
    let rows = try batch.map { v -> [Value] in
      guard let items = Builtins.items(of: v), items.count == width else {
        throw EvaluationError("each element in list of batch should be of equal size", at: range, type: "RuntimeError")
      }
      return items
    }
    return try (0..<width).map { column in try collate(rows.map { $0[column] }, at: range) }
  }

  private func mixed(_ batch: [Value], at range: SourceRange) -> EvaluationError {
    EvaluationError(
      "default_collate: the items of one batch must be of one kind, got \(batch.map(\.typeName).joined(separator: ", "))",
      at: range, type: "TypeError")
  }

  /// `torch.stack(tensors)`.
  static func stack(_ tensors: [Tensor], at range: SourceRange) throws -> Tensor {
    let first = tensors[0]
    let shape = [tensors.count] + first.shape
    var storage = first.storage
    for t in tensors.dropFirst() {
      switch (storage, t.storage) {
      case (.float(let a), .float(let b)): storage = .float(a + b)
      case (.double(let a), .double(let b)): storage = .double(a + b)
      case (.int(let a), .int(let b)): storage = .int(a + b)
      case (.unsigned(let a), .unsigned(let b)): storage = .unsigned(a + b)
      case (.bool(let a), .bool(let b)): storage = .bool(a + b)
      case (.big(let a), .big(let b)): storage = .big(a + b)
      default: throw EvaluationError("stack expects tensors of one dtype in a batch", at: range, type: "RuntimeError")
      }
    }
    return Tensor(dtype: first.dtype, shape: shape, storage: storage)
  }
}
