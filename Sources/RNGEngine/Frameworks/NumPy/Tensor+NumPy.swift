import PythonSubset
import RNGStreams

/// The row operations `shuffle`, `permutation` and `choice`
/// apply along axis 0.
extension Tensor {
  /// Elements per row along axis 0 (1 for a 1-D tensor).
  var rowLength: Int { shape.dropFirst().reduce(1, *) }

  /// The rows at `rows` (indices along axis 0), stacked into a tensor of
  /// shape `leading + shape[1...]`.
  ///
  /// - Precondition: rank ≥ 1, every index in `0..<shape[0]`, and
  ///   `leading.elementCount == rows.count`.
  func gatheringRows(_ rows: [Int], leading: [Int]) -> Tensor {
    let width = rowLength
    func gather<T>(_ v: [T]) -> [T] {
      var out = [T]()
      out.reserveCapacity(rows.count * width)
      for r in rows { out += v[(r * width)..<((r + 1) * width)] }
      return out
    }
    let newShape = leading + shape.dropFirst()
    switch storage {
    case .float(let v): return Tensor(dtype: dtype, shape: newShape, storage: .float(gather(v)))
    case .double(let v): return Tensor(dtype: dtype, shape: newShape, storage: .double(gather(v)))
    case .int(let v): return Tensor(dtype: dtype, shape: newShape, storage: .int(gather(v)))
    case .unsigned(let v): return Tensor(dtype: dtype, shape: newShape, storage: .unsigned(gather(v)))
    case .bool(let v): return Tensor(dtype: dtype, shape: newShape, storage: .bool(gather(v)))
    case .big(let v): return Tensor(dtype: dtype, shape: newShape, storage: .big(gather(v)))
    }
  }

  /// The same elements with another shape of the same element count.
  func reshaped(_ newShape: [Int]) -> Tensor { Tensor(dtype: dtype, shape: newShape, storage: storage) }

  /// Element `i` (C order) as a Python value: float, int or bool.
  func element(_ i: Int) -> Value {
    switch storage {
    case .float(let v): return .float(Double(v[i]))
    case .double(let v): return .float(v[i])
    case .int(let v): return .int(PythonInt(v[i]))
    case .unsigned(let v): return .int(PythonInt(v[i]))
    case .bool(let v): return .bool(v[i])
    case .big(let v): return .int(v[i])
    }
  }
}

/// How NumPy results become engine values. Internal to the NumPy binding.
enum NumPyResult {
  /// Methods of NumPy arrays in the engine (`reshape`, `copy`, …).
  static var arrayMethods: ArrayMethods { NumPyArrayFunctions.arrayMethods }

  /// `tensor` as a NumPy array object.
  static func array(_ tensor: Tensor) -> Value {
    .object(ArrayObject(tensor, kind: .numpy, methods: arrayMethods))
  }

  /// A sampler's result: an array of `shape`, or for `shape == nil`
  /// (`size=None`) the single value as NumPy returns it: a Python float or
  /// int for float64 / int64, a NumPy scalar (0-d array) for other dtypes.
  static func value(_ values: DrawnValues, shape: [Int]?) -> Value {
    value(Tensor(values, shape: shape ?? []), scalar: shape == nil)
  }

  /// `tensor` as an array, or, when `scalar`, its one element.
  static func value(_ tensor: Tensor, scalar: Bool) -> Value {
    guard scalar, tensor.count == 1 else { return array(tensor) }
    switch tensor.dtype {
    case .float64, .int64, .bool: return tensor.element(0)
    default: return array(tensor.reshaped([]))
    }
  }
}
