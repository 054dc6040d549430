import PythonSubset

/// One printed output of `rngdiff sample`: a tensor from one call.
public struct SampleOutput: Sendable, Hashable {
  /// Index of the call in the call string (0-based).
  public var call: Int
  /// The call's source text.
  public var expression: String
  /// The output's name, for objects with named outputs (`weight`, `bias`).
  public var name: String?
  public var tensor: Tensor

  public init(call: Int, expression: String, name: String? = nil, tensor: Tensor) {
    self.call = call
    self.expression = expression
    self.name = name
    self.tensor = tensor
  }
}

/// An object whose printed form is several named tensors, such as
/// `nn.Linear(3, 4)` (weight, then bias).
public protocol NamedOutputs: PythonObject {
  var namedOutputs: [(name: String, tensor: Tensor)] { get }
}

extension SampleOutput {
  /// The outputs of one call's value, by the rules in
  /// fixtures/reference/golden.py: named outputs first; a tuple or list of
  /// arrays gives one output per item; otherwise the value as
  /// `numpy.asarray` would convert it.
  static func outputs(of value: Value, call: Int, expression: String, range: SourceRange) throws -> [SampleOutput] {
    if case .object(let o) = value, let named = o as? NamedOutputs {
      return named.namedOutputs.map { SampleOutput(call: call, expression: expression, name: $0.name, tensor: $0.tensor) }
    }
    if let items = sequenceItems(value), !items.isEmpty {
      let arrays = items.compactMap { item -> Tensor? in
        if case .object(let o) = item, let a = o as? ArrayObject { return a.tensor }
        return nil
      }
      if arrays.count == items.count {
        return arrays.map { SampleOutput(call: call, expression: expression, tensor: $0) }
      }
    }
    guard let tensor = asArray(value) else {
      throw EvaluationError("this call gives a \(value.typeName), which has no values to print", at: range)
    }
    return [SampleOutput(call: call, expression: expression, tensor: tensor)]
  }

  /// Whether ``outputs(of:call:expression:range:)`` can print `value`.
  static func hasValues(_ value: Value) -> Bool {
    if case .object(let o) = value, o is NamedOutputs { return true }
    if let items = sequenceItems(value), !items.isEmpty,
      items.allSatisfy({ if case .object(let o) = $0 { o is ArrayObject } else { false } })
    {
      return true
    }
    return asArray(value) != nil
  }

  private static func sequenceItems(_ value: Value) -> [Value]? {
    switch value {
    case .tuple(let items): return items
    case .object(let o): return (o as? ListObject)?.elements
    default: return nil
    }
  }

  /// `numpy.asarray(value)` for numbers, bools, arrays and (nested) lists
  /// of them; nil for anything else.
  static func asArray(_ value: Value) -> Tensor? {
    switch value {
    case .object(let o):
      if let a = o as? ArrayObject { return a.tensor }
      if let r = o as? RangeObject { return ints((0..<r.count).map { PythonInt(r.element($0)) }, shape: [r.count]) }
    default: break
    }
    var scalars: [Value] = []
    guard let shape = flatten(value, into: &scalars) else { return nil }
    if scalars.allSatisfy({ if case .bool = $0 { return true } else { return false } }) && !scalars.isEmpty {
      return Tensor(shape: shape, bool: scalars.map { if case .bool(let b) = $0 { return b } else { return false } })
    }
    if scalars.contains(where: { if case .float = $0 { return true } else { return false } }) || scalars.isEmpty {
      return Tensor(shape: shape, float64: scalars.map { BoundArguments.asDouble($0) ?? .nan })
    }
    return ints(scalars.map { BoundArguments.asInt($0) ?? .zero }, shape: shape)
  }

  private static func ints(_ values: [PythonInt], shape: [Int]) -> Tensor {
    let narrow = values.compactMap(\.int64)
    if narrow.count == values.count { return Tensor(shape: shape, int64: narrow) }
    return Tensor(dtype: .pythonInt, shape: shape, storage: .big(values))
  }

  /// Collects scalar leaves in C order; returns the shape, or nil when the
  /// value is ragged, holds something that is not a number, or nests deeper
  /// than `maxDepth` (NumPy's 64 dimensions by default; a list that
  /// contains itself). With `arrays` false, an array inside the lists is not
  /// a number either (NumPy's item assignment takes lists of numbers only).
  static func flatten(_ value: Value, into scalars: inout [Value], depth: Int = 0, maxDepth: Int = 64, arrays: Bool = true) -> [Int]? {
    guard depth <= maxDepth else { return nil }
    switch value {
    case .int, .float, .bool:
      scalars.append(value)
      return []
    case .object(let o) where arrays && o is ArrayObject:
      guard let a = o as? ArrayObject else { return nil }
      let t = a.tensor
      switch t.storage {
      case .float(let v): scalars += v.map { .float(Double($0)) }
      case .double(let v): scalars += v.map { .float($0) }
      case .int(let v): scalars += v.map { .int(PythonInt($0)) }
      case .unsigned(let v): scalars += v.map { .int(PythonInt($0)) }
      case .bool(let v): scalars += v.map { .bool($0) }
      case .big(let v): scalars += v.map { .int($0) }
      }
      return t.shape
    default:
      guard let items = sequenceItems(value) else { return nil }
      var inner: [Int]?
      for item in items {
        guard let s = flatten(item, into: &scalars, depth: depth + 1, maxDepth: maxDepth, arrays: arrays) else { return nil }
        if let inner, inner != s { return nil }
        inner = s
      }
      return [items.count] + (inner ?? [])
    }
  }
}
