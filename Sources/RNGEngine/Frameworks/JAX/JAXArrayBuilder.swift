import JAXStreams
import PythonSubset
import RNGStreams

/// Makes JAX arrays from Python values as `jnp.array`, `jnp.arange` and
/// `jnp.reshape` do, under one configuration (which decides the default
/// dtypes: int32/float32, or int64/float64 with x64).
///
/// ```python
/// array([1.5, 2.5])              # float32 (float64 with x64)
/// array([1, 2], dtype=uint32)    # uint32
/// reshape(arange(12), (4, 3))    # int32
/// ```
///
/// Edge cases, as in JAX: a Python int outside the dtype's range is refused
/// (`OverflowError` in JAX); floats cast to an integer dtype truncate toward
/// zero; a ragged list is refused; 64-bit dtypes become 32-bit without x64.
struct JAXArrayBuilder {
  let config: JAXConfig

  /// One element of a Python value on its way into an array.
  enum Leaf {
    case bool(Bool)
    case int(PythonInt)
    case float(Double)
  }

  /// `jnp.array(args[name], dtype)`.
  func array(_ args: BoundArguments, _ name: String, dtype: JAXDType?) throws -> Tensor {
    let v = args.value(name) ?? .none
    let function = args.signature.name
    if case .object(let o) = v, let a = o as? ArrayObject {
      guard let values = a.tensor.jaxValues else {
        throw args.error(name, "\(function)() argument '\(name)' must not be a key array; use key_data(keys) for its data")
      }
      guard let dtype else { return a.tensor }
      return try cast(Self.leaves(of: values), shape: a.tensor.shape, to: config.canonical(dtype), args, name)
    }
    var leaves: [Leaf] = []
    guard let shape = Self.flatten(v, into: &leaves) else {
      throw args.error(
        name, "\(function)() argument '\(name)' must be a number or a rectangular list of numbers, got \(JAXBinding.describe(v))")
    }
    return try cast(leaves, shape: shape, to: config.canonical(dtype ?? inferredDType(leaves)), args, name)
  }

  /// The dtype `jnp.array` gives Python numbers: bool if all are bools,
  /// the default float if any is a float (or there are none), else the
  /// default int.
  func inferredDType(_ leaves: [Leaf]) -> JAXDType {
    if leaves.isEmpty { return config.defaultFloat }
    if leaves.allSatisfy({ if case .bool = $0 { return true } else { return false } }) { return .bool }
    if leaves.contains(where: { if case .float = $0 { return true } else { return false } }) { return config.defaultFloat }
    return config.defaultInt
  }

  /// `leaves` converted to `dtype`.
  func cast(_ leaves: [Leaf], shape: [Int], to dtype: JAXDType, _ args: BoundArguments, _ name: String) throws -> Tensor {
    let values: DrawnValues
    if dtype == .bool {
      values = .bool(leaves.map { leaf in
        switch leaf {
        case .bool(let b): return b
        case .int(let i): return !i.isZero
        case .float(let d): return d != 0
        }
      })
    } else if dtype.isFloat {
      let doubles = leaves.map { leaf -> Double in
        let d: Double
        switch leaf {
        case .bool(let b): d = b ? 1 : 0
        case .int(let i): d = i.double ?? .nan
        case .float(let x): d = x
        }
        return dtype.rounding(d) ?? d
      }
      values = dtype == .float64 ? .float64(doubles) : DrawnValues(doubles.map { Float($0) }, roundedTo: dtype.elementType)
    } else {
      let range = Self.integerRange(dtype)
      var ints: [PythonInt] = []
      ints.reserveCapacity(leaves.count)
      for leaf in leaves {
        let i: PythonInt
        switch leaf {
        case .bool(let b): i = PythonInt(b ? 1 : 0)
        case .int(let x): i = x
        case .float(let d):
          let t = d.rounded(.towardZero)
          guard t.isFinite, abs(t) < 9.2e18 else {
            throw args.error(name, "cannot convert float \(PythonFloat.repr(d)) to \(dtype.name)")
          }
          i = PythonInt(Int64(t))
        }
        guard range.contains(i) else {
          throw args.error(name, "Python integer \(i) out of bounds for \(dtype.name)")
        }
        ints.append(i)
      }
      // In range, so the low 64 bits are the value (uint64 above 2**63 included).
      values = DrawnValues(wrapping: ints.map { Int64(bitPattern: $0.truncatingUInt64) }, as: dtype.elementType)
    }
    return Tensor(values, shape: shape)
  }

  /// The values of an integer dtype, as Python ints.
  static func integerRange(_ dtype: JAXDType) -> ClosedRange<PythonInt> {
    switch dtype {
    case .uint8: return PythonInt(0)...PythonInt(Int64(UInt8.max))
    case .uint16: return PythonInt(0)...PythonInt(Int64(UInt16.max))
    case .uint32: return PythonInt(0)...PythonInt(Int64(UInt32.max))
    case .uint64: return PythonInt(0)...PythonInt(UInt64.max)
    case .int8: return PythonInt(Int64(Int8.min))...PythonInt(Int64(Int8.max))
    case .int16: return PythonInt(Int64(Int16.min))...PythonInt(Int64(Int16.max))
    case .int32: return PythonInt(Int64(Int32.min))...PythonInt(Int64(Int32.max))
    default: return PythonInt(Int64.min)...PythonInt(Int64.max)
    }
  }

  /// The elements of an array as leaves.
  static func leaves(of values: DrawnValues) -> [Leaf] {
    switch values {
    case .bool(let v): return v.map { .bool($0) }
    case .uint64(let v): return v.map { .int(PythonInt($0)) }
    default:
      if values.isFloatingPoint { return values.doubles.map { .float($0) } }
      return (values.integers ?? []).map { .int(PythonInt($0)) }
    }
  }

  /// Collects the scalar leaves of a number, a (nested) list or tuple, or
  /// arrays inside them, in C order; returns the shape, or nil when the
  /// value is ragged or holds something that is not a number.
  static func flatten(_ value: Value, into leaves: inout [Leaf]) -> [Int]? {
    switch value {
    case .bool(let b):
      leaves.append(.bool(b))
      return []
    case .int(let i):
      leaves.append(.int(i))
      return []
    case .float(let d):
      leaves.append(.float(d))
      return []
    case .object(let o) where o is ArrayObject:
      guard let a = o as? ArrayObject, let values = a.tensor.jaxValues else { return nil }
      leaves += Self.leaves(of: values)
      return a.tensor.shape
    default:
      let items: [Value]
      switch value {
      case .tuple(let t): items = t
      case .object(let o) where o is ListObject: items = (o as? ListObject)?.elements ?? []
      default: return nil
      }
      var inner: [Int]?
      for item in items {
        guard let s = flatten(item, into: &leaves) else { return nil }
        if let inner, inner != s { return nil }
        inner = s
      }
      return [items.count] + (inner ?? [])
    }
  }
}

// MARK: - arange and reshape

extension JAXArrayBuilder {
  /// `jnp.arange(start, stop=None, step=None, dtype=None)`.
  func arange(_ args: BoundArguments) throws -> Tensor {
    var bounds: [(name: String, leaf: Leaf)] = []
    for name in ["start", "stop", "step"] where args.isGiven(name) {
      let v = args.value(name) ?? .none
      var leaves: [Leaf] = []
      guard let shape = Self.flatten(v, into: &leaves), shape.isEmpty, let leaf = leaves.first else {
        throw args.error(name, "arange() argument '\(name)' must be a number, got \(JAXBinding.describe(v))")
      }
      bounds.append((name, leaf))
    }
    func number(_ name: String) -> Leaf? { bounds.first { $0.name == name }?.leaf }
    let given = (start: number("start") ?? .int(.zero), stop: number("stop"), step: number("step") ?? .int(PythonInt(1)))
    let (start, stop) = given.stop.map { (given.start, $0) } ?? (.int(.zero), given.start)
    let leaves: [Leaf]
    if case .int(let a) = Self.integral(start), case .int(let b) = Self.integral(stop), case .int(let s) = Self.integral(given.step) {
      guard let a = a.int64, let b = b.int64, let s = s.int64 else {
        throw args.error("stop", "arange() bounds must fit in a signed 64-bit integer")
      }
      if s == 0 { throw args.error("step", "arange() argument 'step' must not be zero") }
      let span = s > 0 ? b - a : a - b
      let count = span <= 0 ? 0 : (span + abs(s) - 1) / abs(s)
      try Self.checkCount(Int(count), args)
      leaves = (0..<count).map { .int(PythonInt(a + $0 * s)) }
    } else {
      let a = Self.double(start), b = Self.double(stop), s = Self.double(given.step)
      if s == 0 { throw args.error("step", "arange() argument 'step' must not be zero") }
      let length = ((b - a) / s).rounded(.up)
      guard !(length.isNaN || length == .infinity) else { throw args.error("stop", "arange() needs finite bounds") }
      let count = length > 0 ? Int(Swift.min(length, Double(JAXRandom.maximumElements + 1))) : 0
      try Self.checkCount(count, args)
      leaves = (0..<count).map { .float(a + Double($0) * s) }
    }
    let dtype = try args.jaxDType("dtype") ?? inferredDType(leaves + [start, stop, given.step])
    return try cast(leaves, shape: [leaves.count], to: config.canonical(dtype), args, "start")
  }

  /// `jnp.reshape(a, shape)`; one dimension may be -1.
  func reshape(_ args: BoundArguments) throws -> Tensor {
    let array = try self.array(args, "a", dtype: nil)
    let v = args.value("shape") ?? .none
    guard let dims = BoundArguments.asShape(v) else {
      throw args.error("shape", "reshape() argument 'shape' must be an int or a tuple of ints, got \(JAXBinding.describe(v))")
    }
    var shape = dims
    let known = dims.filter { $0 != -1 }
    if known.contains(where: { $0 < 0 }) || dims.count - known.count > 1 {
      throw args.error("shape", "reshape() argument 'shape' must hold sizes ≥ 0 and at most one -1, got \(JAXBinding.pythonTuple(dims))")
    }
    let product = known.reduce(1, *)
    if let i = dims.firstIndex(of: -1), product > 0, array.count % product == 0 { shape[i] = array.count / product }
    guard !shape.contains(-1), shape.reduce(1, *) == array.count else {
      throw args.error(
        "shape",
        "cannot reshape array of shape \(JAXBinding.pythonTuple(array.shape)) (size \(array.count)) into shape \(JAXBinding.pythonTuple(dims))")
    }
    return array.reshaped(shape)
  }

  private static func integral(_ leaf: Leaf) -> Leaf {
    if case .bool(let b) = leaf { return .int(PythonInt(b ? 1 : 0)) }
    return leaf
  }

  private static func double(_ leaf: Leaf) -> Double {
    switch leaf {
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return i.double ?? .nan
    case .float(let d): return d
    }
  }

  private static func checkCount(_ count: Int, _ args: BoundArguments) throws {
    guard count <= JAXRandom.maximumElements else {
      throw args.error("stop", "arange() would make more than \(JAXRandom.maximumElements) elements, more than rngdiff makes in one call")
    }
  }
}
