import PythonSubset

/// An n-dimensional array as the engine sees one: a dtype, a shape and the
/// elements in C (row-major) order.
///
/// NumPy arrays, PyTorch and TensorFlow tensors and JAX arrays all become a
/// `Tensor`; the framework that made it is recorded by the object holding it
/// (see ``ArrayObject``). Storage is chosen by dtype:
/// float16/bfloat16/float32 in `Float` (already rounded to the dtype),
/// float64 in `Double`, signed and small unsigned integers in `Int64`,
/// uint64 and key words in `UInt64`, bool in `Bool`, wide Python ints in
/// ``PythonInt``.
///
/// ```swift
/// let t = Tensor(shape: [2, 2], float32: [0.5, 0.25, 1, 2])
/// t.count        // 4
/// t.dtype        // .float32
/// ```
public struct Tensor: Sendable, Hashable {
  public enum Storage: Sendable, Hashable {
    case float([Float])
    case double([Double])
    case int([Int64])
    case unsigned([UInt64])
    case bool([Bool])
    case big([PythonInt])

    public var count: Int {
      switch self {
      case .float(let v): return v.count
      case .double(let v): return v.count
      case .int(let v): return v.count
      case .unsigned(let v): return v.count
      case .bool(let v): return v.count
      case .big(let v): return v.count
      }
    }
  }

  public var dtype: DType
  public var shape: [Int]
  public var storage: Storage

  /// A tensor from parts.
  ///
  /// - Precondition: the storage holds `shape.product` elements of a kind
  ///   that suits `dtype`.
  public init(dtype: DType, shape: [Int], storage: Storage) {
    precondition(shape.reduce(1, *) == storage.count, "shape \(shape) does not match \(storage.count) elements")
    self.dtype = dtype
    self.shape = shape
    self.storage = storage
  }

  public init(shape: [Int], float32 values: [Float]) { self.init(dtype: .float32, shape: shape, storage: .float(values)) }
  public init(shape: [Int], float64 values: [Double]) { self.init(dtype: .float64, shape: shape, storage: .double(values)) }
  public init(shape: [Int], int64 values: [Int64], dtype: DType = .int64) {
    self.init(dtype: dtype, shape: shape, storage: .int(values))
  }
  public init(shape: [Int], bool values: [Bool]) { self.init(dtype: .bool, shape: shape, storage: .bool(values)) }

  /// Number of elements.
  public var count: Int { storage.count }

  /// Number of dimensions.
  public var rank: Int { shape.count }

  /// The shape as the framework reports it (`x.shape`): ``shape`` without
  /// the trailing axes that hold one element's words (a JAX key array of
  /// shape `(3,)` is stored with shape `[3, 2]`). Equal to ``shape`` for
  /// every dtype but keys.
  public var arrayShape: [Int] { Array(shape.dropLast(dtype.elementAxes)) }

  /// The elements widened to `Double` (integers converted, bools 0/1); nil
  /// for wide Python ints that do not fit.
  public var doubles: [Double] {
    switch storage {
    case .float(let v): return v.map(Double.init)
    case .double(let v): return v
    case .int(let v): return v.map(Double.init)
    case .unsigned(let v): return v.map(Double.init)
    case .bool(let v): return v.map { $0 ? 1 : 0 }
    case .big(let v): return v.map { $0.double ?? .nan }
    }
  }
}

extension Array where Element == Int {
  /// The number of elements of an array with this shape.
  public var elementCount: Int { reduce(1, *) }
}
