import Foundation
import PythonSubset
import RNGStreams

/// The `jax.numpy` array arithmetic of a training loop, on float32, int32
/// and bool arrays, with each operation recorded on the running
/// ``JAXTape`` (if any) so `jax.grad` can differentiate it.
///
/// ```python
/// h = jnp.tanh(x @ w + b)          # float32, broadcasting as NumPy
/// loss = jnp.mean((h - y) ** 2)
/// ```
///
/// Types follow JAX with x64 off: a Python number is weak (a float32
/// array times `0.5` stays float32, an int32 array times `0.5` becomes
/// float32); int32 with float32 gives float32; `/` of ints gives float32.
/// Every element is the IEEE float32 operation; `exp`, `log`, `tanh` use
/// the C library's float32 functions and sums run in index order, where
/// XLA uses its own approximations and blocked reductions, so values can
/// differ from JAX's in the last bits (docs/scripts.md gives the measured
/// agreement).
///
/// Edge cases: float64, float16 and integer types other than int32 (and
/// uint32 key data, bool) are refused in arithmetic with one sentence;
/// shapes that do not broadcast raise JAX's `TypeError`-like message.
enum JAXArrays {
  enum Kind: Int, Comparable {
    case bool, int, float
    static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  /// One side of an operation.
  struct Operand {
    var values: [Float]
    var ints: [Int64]
    var shape: [Int]
    var kind: Kind
    /// A Python scalar, whose type yields to the array's.
    var weak: Bool
    var array: ArrayObject?
  }

  /// A JAX array value (not a key array), or nil.
  static func array(_ v: Value) -> ArrayObject? {
    if case .object(let a as ArrayObject) = v, a.kind == .jax, a.tensor.dtype.elementAxes == 0 { return a }
    return nil
  }

  static func isArray(_ v: Value) -> Bool { array(v) != nil }

  /// The operand of a value: a JAX array, a NumPy array (converted as
  /// `jnp.asarray` does), or a Python number; nil for anything else.
  static func operand(_ v: Value, at range: SourceRange) throws -> Operand? {
    switch v {
    case .float(let d): return Operand(values: [Float(d)], ints: [], shape: [], kind: .float, weak: true)
    case .int(let i):
      guard let n = i.int64, n >= Int64(Int32.min), n <= Int64(Int32.max) else {
        throw EvaluationError("Python int \(i) is too large to convert to int32", at: range, type: "OverflowError")
      }
      return Operand(values: [Float(n)], ints: [n], shape: [], kind: .int, weak: true)
    case .bool(let b): return Operand(values: [b ? 1 : 0], ints: [b ? 1 : 0], shape: [], kind: .bool, weak: true)
    case .object(let a as ArrayObject) where a.kind == .jax || a.kind == .numpy:
      let t = a.tensor
      switch (t.dtype, t.storage) {
      case (.float32, .float(let f)): return Operand(values: f, ints: [], shape: t.shape, kind: .float, weak: false, array: a)
      case (.float64, .double(let d)) where a.kind == .numpy:
        return Operand(values: d.map { Float($0) }, ints: [], shape: t.shape, kind: .float, weak: false)
      case (.int32, .int(let i)):
        return Operand(values: i.map { Float($0) }, ints: i, shape: t.shape, kind: .int, weak: false, array: a)
      case (.int64, .int(let i)) where a.kind == .numpy:
        return Operand(values: i.map { Float($0) }, ints: i, shape: t.shape, kind: .int, weak: false, array: a)
      case (.uint32, .int(let i)):
        return Operand(values: i.map { Float($0) }, ints: i, shape: t.shape, kind: .int, weak: false, array: a)
      case (.bool, .bool(let b)):
        return Operand(values: b.map { $0 ? 1 : 0 }, ints: b.map { $0 ? 1 : 0 }, shape: t.shape, kind: .bool, weak: false, array: a)
      default:
        throw EvaluationError(
          "jax.numpy arithmetic on \(t.dtype.rawValue) arrays is not emulated; rngdiff run computes in float32, int32 and bool (x64 off)",
          at: range, type: "TypeError")
      }
    default: return nil
    }
  }

  // MARK: Making arrays

  static func float32(_ values: [Float], _ shape: [Int]) -> ArrayObject {
    ArrayObject(Tensor(dtype: .float32, shape: shape, storage: .float(values)), kind: .jax, methods: JAXArrayMethods.shared)
  }

  static func int32(_ values: [Int64], _ shape: [Int]) -> ArrayObject {
    ArrayObject(Tensor(dtype: .int32, shape: shape, storage: .int(values.map { Int64(Int32(truncatingIfNeeded: $0)) })),
                kind: .jax, methods: JAXArrayMethods.shared)
  }

  static func bool(_ values: [Bool], _ shape: [Int]) -> ArrayObject {
    ArrayObject(Tensor(dtype: .bool, shape: shape, storage: .bool(values)), kind: .jax, methods: JAXArrayMethods.shared)
  }

  /// The float32 elements of `v` (converted from int/bool), with its shape.
  static func floats(_ v: Value, _ what: String, at range: SourceRange) throws -> (values: [Float], shape: [Int], array: ArrayObject?) {
    if case .object(let o) = v, o is ListObject || o is ArrayObject, array(v) == nil, !(o is ArrayObject && (o as? ArrayObject)?.kind == .numpy) {
      throw EvaluationError("\(what) must be a JAX array, got \(v.typeName)", at: range, type: "TypeError")
    }
    var value = v
    if case .object(let o) = v, o is ListObject { value = try asArray(v, at: range) }
    if case .tuple = v { value = try asArray(v, at: range) }
    guard let op = try operand(value, at: range) else {
      throw EvaluationError("\(what) must be an array or a number, got \(v.typeName)", at: range, type: "TypeError")
    }
    return (op.values, op.shape, op.array)
  }

  /// `jnp.asarray` of a nested list or number (float32 if any float, else int32, or bool).
  static func asArray(_ v: Value, at range: SourceRange) throws -> Value {
    if isArray(v) { return v }
    var leaves: [JAXArrayBuilder.Leaf] = []
    guard let shape = JAXArrayBuilder.flatten(v, into: &leaves) else {
      throw EvaluationError("expected a number, an array or a rectangular list of numbers, got \(v.typeName)", at: range, type: "TypeError")
    }
    let builder = JAXArrayBuilder(config: .init())
    let dtype = builder.inferredDType(leaves)
    var bools: [Bool] = [], ints: [Int64] = [], floats: [Float] = []
    for leaf in leaves {
      switch leaf {
      case .bool(let b): bools.append(b); ints.append(b ? 1 : 0); floats.append(b ? 1 : 0)
      case .int(let i):
        guard let n = i.int64, n >= Int64(Int32.min), n <= Int64(Int32.max) else {
          throw EvaluationError("Python int \(i) is too large to convert to int32", at: range, type: "OverflowError")
        }
        ints.append(n); floats.append(Float(n))
      case .float(let d): floats.append(Float(d))
      }
    }
    switch dtype {
    case .bool: return .object(bool(bools, shape))
    case .float32: return .object(float32(floats, shape))
    default: return .object(int32(ints, shape))
    }
  }

  // MARK: Broadcasting

  /// The shape two shapes broadcast to, or nil.
  static func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let n = max(a.count, b.count)
    let pa = Array(repeating: 1, count: n - a.count) + a, pb = Array(repeating: 1, count: n - b.count) + b
    var out: [Int] = []
    for (x, y) in zip(pa, pb) {
      if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
    }
    return out
  }

  /// Sums a gradient of `shape` back onto `small` (the broadcast axes added up).
  static func unbroadcast(_ g: [Float], from shape: [Int], to small: [Int]) -> [Float] {
    if shape == small { return g }
    guard let map = Broadcasting.index(from: small, to: shape) else { return g }
    var out = [Float](repeating: 0, count: small.elementCount)
    for i in g.indices { out[map(i)] += g[i] }
    return out
  }

  static func shapeText(_ s: [Int]) -> String { JAXBinding.pythonTuple(s) }
}
