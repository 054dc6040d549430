import PythonSubset
import RNGStreams
import TensorFlowStreams

/// Typed accessors for TensorFlow's arguments, with TensorFlow's
/// conversion rules (`tf.convert_to_tensor`: Python ints become int32 when
/// they fit, floats float32) and messages that say what is accepted.
extension BoundArguments {
  /// A shape: a list or tuple of ints (or a 1-D integer tensor). With
  /// `allowInt`, a bare int `n` means `[n]`, as `tf.ones(3)` accepts.
  /// Negative dimensions pass through: the op rejects them as TensorFlow does.
  func tfShape(_ name: String, allowInt: Bool = false) throws -> [Int] {
    let v = value(name) ?? .none
    if case .int = v, !allowInt {
      throw error(name, "\(signature.name)() argument '\(name)' must be a list or tuple of ints such as [3] or (2, 3), got int \(v.repr)")
    }
    guard !v.isNone, let dims = Self.asShape(v) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a list or tuple of ints such as [3] or (2, 3), got \(v.typeName) \(v.repr)")
    }
    return dims
  }

  /// The number of elements of `shape`, which must have no negative
  /// dimension and fit in memory.
  func tfElementCount(_ shape: [Int], _ name: String) throws -> Int {
    var count = 1
    for d in shape {
      guard d >= 0 else { throw error(name, "Dimension \(d) in shape \(shape) must be >= 0.") }
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow else { throw error(name, "shape \(shape) has more elements than fit in memory.") }
      count = product
    }
    return count
  }

  /// A dtype among those emulated (`float32`, `float64`, `int32`,
  /// `int64`), given as a dtype or its name; `defaultValue` when absent or None.
  func tfDType(_ name: String, default defaultValue: TensorFlowDType) throws -> TensorFlowDType {
    guard let v = value(name), !v.isNone else { return defaultValue }
    let text: String?
    switch v {
    case .dtype(let d): text = d.rawValue
    case .string(let s): text = s
    default: text = nil
    }
    if let text, let dtype = TensorFlowDType(name: text) { return dtype }
    throw error(name, "\(signature.name)() argument '\(name)' must be one of the dtypes rngdiff emulates (\(TensorFlowDType.emulatedNames)), got \(v.typeName) \(v.repr)")
  }

  /// A Python number (`minval`, `mean`, …): an int that fits in 64 bits
  /// or a float; nil when absent or None.
  func tfNumber(_ name: String) throws -> TensorFlowScalar? {
    guard let v = value(name), !v.isNone else { return nil }
    switch v {
    case .bool(let b): return .int(b ? 1 : 0)
    case .int(let i):
      guard let n = i.int64 else { throw error(name, "\(signature.name)() argument '\(name)' is out of range for int64: \(i)") }
      return .int(n)
    case .float(let d): return .float(d)
    default:
      throw error(name, "\(signature.name)() argument '\(name)' must be a Python int or float, got \(v.typeName) \(v.repr)")
    }
  }

  /// A Python float or int as a double (`rate`).
  func tfRate(_ name: String) throws -> Double {
    let v = value(name) ?? .none
    switch v {
    case .int, .float, .bool:
      if let d = Self.asDouble(v) { return d }
    default: break
    }
    throw error(name, "\(signature.name)() argument '\(name)' must be a Python float such as 0.5, got \(v.typeName) \(v.repr)")
  }

  /// An op seed (`seed=`): an int of any size, reduced modulo 2**31 - 1
  /// when it does not fit in 64 bits (TensorFlow uses only that residue);
  /// nil when absent or None.
  func tfOpSeed(_ name: String) throws -> Int64? {
    guard let v = value(name), !v.isNone else { return nil }
    switch v {
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return i.int64 ?? TensorFlowSeeds.truncate(magnitude: i.words32, negative: i.isNegative)
    default:
      throw error(name, "\(signature.name)() argument '\(name)' must be an int or None, got \(v.typeName) \(v.repr)")
    }
  }

  /// A stateless seed: a list, tuple or 1-D integer tensor of ints that
  /// fit in int64 (its length is checked by the op).
  func tfSeedPair(_ name: String) throws -> [Int64] {
    let v = value(name) ?? .none
    guard let items = Self.asIntSequence(v) else {
      throw error(name, "\(signature.name)() argument '\(name)' must be a list of two ints such as [1, 2], got \(v.typeName) \(v.repr)")
    }
    var seed: [Int64] = []
    for item in items {
      guard let n = item.int64 else {
        throw error(name, "Can't convert Python sequence with out-of-range integer to Tensor: \(item) does not fit in int64.")
      }
      seed.append(n)
    }
    return seed
  }

  /// A noise shape: nil when absent or None, else a list or tuple of ints.
  func tfNoiseShape(_ name: String) throws -> [Int]? {
    guard let v = value(name), !v.isNone else { return nil }
    return try tfShape(name, allowInt: true)
  }

  /// A tensor argument: a `tf.Tensor`, or Python numbers and (nested)
  /// lists of them converted as `tf.convert_to_tensor` does — ints to
  /// int32 (int64 when one does not fit), any float makes float32 — or to
  /// `dtype` when given.
  func tfTensor(_ name: String, dtype: TensorFlowDType? = nil) throws -> TensorFlowTensor {
    let v = value(name) ?? .none
    do {
      return try TensorFlowTensorConversion.convert(v, dtype: dtype)
    } catch let e as TensorFlowTensorConversion.Failure {
      throw error(name, "\(signature.name)() argument '\(name)' \(e.reason)")
    }
  }
}

/// `tf.convert_to_tensor` for the values the subset has.
enum TensorFlowTensorConversion {
  struct Failure: Error {
    var reason: String
  }

  private enum Leaf {
    case int(PythonInt)
    case float(Double)
    case bool
  }

  static func convert(_ value: Value, dtype requested: TensorFlowDType?) throws -> TensorFlowTensor {
    if case .object(let o) = value, let array = o as? ArrayObject {
      guard let tensor = TensorFlowTensor(array.tensor) else {
        throw Failure(reason: "must be a tensor of one of the dtypes rngdiff emulates (\(TensorFlowDType.emulatedNames)), got dtype \(array.tensor.dtype.rawValue)")
      }
      if let requested, requested != tensor.dtype {
        throw Failure(reason: "is a \(tensor.dtype.rawValue) tensor, which cannot be converted to \(requested.rawValue)")
      }
      return tensor
    }
    var leaves: [Leaf] = []
    var tensorDTypes: Set<TensorFlowDType> = []
    guard let shape = try flatten(value, into: &leaves, dtypes: &tensorDTypes) else {
      throw Failure(reason: "must be a tensor, a number or a (nested) list of numbers of the same length at each level, got \(value.typeName) \(value.repr)")
    }
    if leaves.contains(where: { if case .bool = $0 { true } else { false } }) {
      throw Failure(reason: "holds bools; rngdiff emulates tensors of \(TensorFlowDType.emulatedNames) only")
    }
    let hasFloat = leaves.contains { if case .float = $0 { true } else { false } }
    let dtype: TensorFlowDType
    if let requested {
      dtype = requested
    } else if tensorDTypes.count == 1, let only = tensorDTypes.first, leaves.count > 0 {
      dtype = only
    } else if hasFloat || leaves.isEmpty {
      dtype = .float32
    } else {
      let fits32 = leaves.allSatisfy { if case .int(let i) = $0, let n = i.int64 { Int64(Int32.min)...Int64(Int32.max) ~= n } else { false } }
      dtype = fits32 ? .int32 : .int64
    }
    return TensorFlowTensor(try values(leaves, dtype), shape: shape)
  }

  private static func values(_ leaves: [Leaf], _ dtype: TensorFlowDType) throws -> DrawnValues {
    func double(_ leaf: Leaf) -> Double {
      switch leaf {
      case .int(let i): return i.double ?? .nan
      case .float(let d): return d
      case .bool: return 0
      }
    }
    func integer(_ leaf: Leaf, _ range: ClosedRange<Int64>) throws -> Int64 {
      switch leaf {
      case .int(let i):
        guard let n = i.int64, range ~= n else {
          throw Failure(reason: "holds \(i), which is out of range for \(dtype.rawValue)")
        }
        return n
      case .float(let d):
        throw Failure(reason: "holds \(PythonFloat.repr(d)), which cannot be converted to \(dtype.rawValue)")
      case .bool: return 0
      }
    }
    switch dtype {
    case .float32: return .float32(leaves.map { Float(double($0)) })
    case .float64: return .float64(leaves.map(double))
    case .int32: return .int32(try leaves.map { Int32(try integer($0, Int64(Int32.min)...Int64(Int32.max))) })
    case .int64: return .int64(try leaves.map { try integer($0, Int64.min...Int64.max) })
    }
  }

  /// Collects the leaves in C order; returns the shape, or nil when the
  /// value is ragged or holds something that is not a number.
  private static func flatten(_ value: Value, into leaves: inout [Leaf], dtypes: inout Set<TensorFlowDType>) throws -> [Int]? {
    switch value {
    case .int(let i):
      leaves.append(.int(i))
      return []
    case .float(let d):
      leaves.append(.float(d))
      return []
    case .bool:
      leaves.append(.bool)
      return []
    case .object(let o) where o is ArrayObject:
      guard let array = o as? ArrayObject, let tensor = TensorFlowTensor(array.tensor) else { return nil }
      dtypes.insert(tensor.dtype)
      if let integers = tensor.values.integers {
        leaves += integers.map { .int(PythonInt($0)) }
      } else {
        leaves += tensor.values.doubles.map { .float($0) }
      }
      return tensor.shape
    case .tuple(let items):
      return try flattenItems(items, into: &leaves, dtypes: &dtypes)
    case .object(let o):
      guard let list = o as? ListObject else { return nil }
      return try flattenItems(list.elements, into: &leaves, dtypes: &dtypes)
    default:
      return nil
    }
  }

  private static func flattenItems(_ items: [Value], into leaves: inout [Leaf], dtypes: inout Set<TensorFlowDType>) throws -> [Int]? {
    var inner: [Int]?
    for item in items {
      guard let s = try flatten(item, into: &leaves, dtypes: &dtypes) else { return nil }
      if let inner, inner != s { return nil }
      inner = s
    }
    return [items.count] + (inner ?? [])
  }
}
