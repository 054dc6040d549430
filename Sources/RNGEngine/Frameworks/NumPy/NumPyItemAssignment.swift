import PythonSubset
import RNGStreams

/// Writing into NumPy arrays: `x[i] = v` for every index `NumPyIndexing`
/// reads (integers, slices, index arrays, masks), and the in-place
/// operators (`x += v`, `x[mask] *= 2`). The value broadcasts to what the
/// index selects and is cast to the array's dtype as NumPy casts it: a
/// float written into an int array truncates (an array's NaN becomes
/// −2⁶³, as the x86-64 wheels' C cast gives; a Python NaN is NumPy's
/// ValueError), a Python int into float32 rounds through float64. The
/// write reaches the array's owner and every view of it (`NumPyViews`).
///
/// ```python
/// x[x > 0.5] = 0
/// x[:, 1] = col            # col broadcast over the rows
/// i[0] = 2.7               # int array: 2
/// x += 1                   # in place: every view of x sees it
/// ```
///
/// Edge cases: arrays other than bool, int64, float32 and float64 are
/// refused; NumPy's shape errors are its own sentences; an in-place
/// operator whose result does not cast back (`int_array += 0.5`) is NumPy's
/// `UFuncTypeError`.
enum NumPyItemAssignment {
  static let castingError = "numpy._core._exceptions._UFuncOutputCastingError"

  /// `array[index] = value`.
  static func set(_ array: ArrayObject, _ index: Value, _ value: Value, at range: SourceRange) throws {
    try writable(array.tensor.dtype, at: range)
    let selection = try NumPyIndexing.select(array, index, at: range)
    let target = selection.shape
    let depth = selection.wholeMask ? Int.max : selection.scalar ? nil : target.count
    var source = try values(value, into: array.tensor.dtype, rank: depth, at: range)
    if selection.wholeMask {
      // One mask over every axis: NumPy's own rule, a 0-D or 1-D value of one or every selected element.
      guard source.rank <= 1 else {
        throw EvaluationError(
          "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has \(source.rank) dimensions",
          at: range, type: "TypeError")
      }
      guard source.count == 1 || source.count == target.elementCount else {
        throw EvaluationError(
          "NumPy boolean array indexing assignment cannot assign \(source.count) input values to the \(target.elementCount) output values where the mask is true",
          at: range, type: "ValueError")
      }
    } else if selection.scalar && source.rank > 0 {
      throw EvaluationError("setting an array element with a sequence.", at: range, type: "ValueError")
    }
    // Leading axes of one element go (an array written into fewer axes).
    var shape = source.shape
    while shape.count > target.count, shape.first == 1 { shape.removeFirst() }
    guard let at = Broadcasting.index(from: shape, to: target) else {
      if selection.layout == nil && !selection.wholeMask {
        throw EvaluationError(
          "shape mismatch: value array of shape \(NumPyArithmetic.text(source.shape)) could not be broadcast to indexing result of shape \(NumPyArithmetic.text(target))",
          at: range, type: "ValueError")
      }
      throw EvaluationError(
        "could not broadcast input array from shape \(NumPyArithmetic.text(source.shape)) into shape \(NumPyArithmetic.text(target))",
        at: range, type: "ValueError")
    }
    source = TensorIndexing.gather(source, ((0..<target.elementCount).map(at), target))
    try NumPyViews.write(array, source, at: selection.positions, range: range)
  }

  /// `array op= value`: computed as `array op value`, cast back to the array's dtype under
  /// NumPy's same-kind rule, and written into the array (and its views). Returns the array.
  static func inPlace(_ op: BinaryOperator, _ array: ArrayObject, _ value: Value, at range: SourceRange) throws -> Value {
    try writable(array.tensor.dtype, at: range)
    guard case .object(let made as ArrayObject)? = try NumPyArithmetic.binary(op, .object(array), value, at: range) else {
      throw EvaluationError("unsupported operand type(s) for \(op.rawValue)=: 'numpy.ndarray' and '\(value.typeName)'", at: range, type: "TypeError")
    }
    let result = made.tensor
    guard result.shape == array.tensor.shape else {
      throw EvaluationError(
        "non-broadcastable output operand with shape \(NumPyArithmetic.text(array.tensor.shape)) doesn't match the broadcast shape \(NumPyArithmetic.text(result.shape))",
        at: range, type: "ValueError")
    }
    if rank(result.dtype) > rank(array.tensor.dtype) {
      throw EvaluationError(
        "Cannot cast ufunc '\(ufunc(op))' output from dtype('\(result.dtype.rawValue)') to dtype('\(array.tensor.dtype.rawValue)') with casting rule 'same_kind'",
        at: range, type: castingError)
    }
    try NumPyViews.write(array, cast(result, to: array.tensor.dtype), at: nil, range: range)
    return .object(array)
  }

  private static func writable(_ dtype: DType, at range: SourceRange) throws {
    guard [.bool, .int64, .float32, .float64].contains(dtype) else {
      throw EvaluationError("writing into \(dtype.rawValue) arrays is not emulated yet; astype('int64') or 'float64' first", at: range)
    }
  }

  /// bool < integer < float: NumPy's kinds, for the same-kind rule.
  private static func rank(_ dtype: DType) -> Int {
    switch dtype {
    case .bool: return 0
    case .float32, .float64: return 2
    default: return 1
    }
  }

  private static func ufunc(_ op: BinaryOperator) -> String {
    switch op {
    case .add: return "add"
    case .subtract: return "subtract"
    case .multiply: return "multiply"
    case .divide: return "divide"
    case .floorDivide: return "floor_divide"
    case .modulo: return "remainder"
    case .power: return "power"
    case .bitAnd: return "bitwise_and"
    case .bitOr: return "bitwise_or"
    case .bitXor: return "bitwise_xor"
    case .shiftLeft: return "left_shift"
    case .shiftRight: return "right_shift"
    case .matrixMultiply: return "matmul"
    }
  }

  /// The value to write, as elements of `dtype`: an array cast as NumPy casts arrays, Python
  /// numbers (alone or in nested lists) as NumPy converts Python numbers. `rank` is the number of
  /// axes the index selects (nil for one element); a list may not nest deeper.
  static func values(_ value: Value, into dtype: DType, rank: Int?, at range: SourceRange) throws -> Tensor {
    if case .object(let a as ArrayObject) = value {
      guard a.kind == .numpy, [.bool, .int64, .float32, .float64].contains(a.tensor.dtype) else {
        throw EvaluationError("writing a \(a.typeName) of \(a.tensor.dtype.rawValue) into a NumPy array is not emulated yet", at: range)
      }
      return cast(a.tensor, to: dtype)
    }
    var scalars: [Value] = []
    guard let shape = SampleOutput.flatten(value, into: &scalars, maxDepth: 32, arrays: false) else {
      throw EvaluationError("only numbers, bools, NumPy arrays and (nested, even) lists of numbers can be written into an array here", at: range)
    }
    if let rank, shape.count > rank {
      throw EvaluationError(
        "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of \(rank).",
        at: range, type: "ValueError")
    }
    if rank == nil && !shape.isEmpty {
      throw EvaluationError("setting an array element with a sequence.", at: range, type: "ValueError")
    }
    switch dtype {
    case .float64:
      return Tensor(shape: shape, float64: try scalars.map { try double($0, at: range) })
    case .float32:
      return Tensor(shape: shape, float32: try scalars.map { Float(try double($0, at: range)) })
    case .bool:
      return Tensor(shape: shape, bool: scalars.map(\.isTruthy))
    default:
      return Tensor(shape: shape, int64: try scalars.map { try integer($0, at: range) })
    }
  }

  /// A Python number as a C double, as NumPy converts it (an int rounds to nearest).
  private static func double(_ v: Value, at range: SourceRange) throws -> Double {
    switch v {
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    case .int(let i):
      guard let d = i.double else { throw EvaluationError("int too large to convert to float", at: range, type: "OverflowError") }
      return d
    default: return .nan
    }
  }

  /// A Python number as a C long, through Python's `int()`: floats truncate.
  private static func integer(_ v: Value, at range: SourceRange) throws -> Int64 {
    switch v {
    case .bool(let b): return b ? 1 : 0
    case .int(let i):
      guard let n = i.int64 else { throw EvaluationError("Python int too large to convert to C long", at: range, type: "OverflowError") }
      return n
    case .float(let d):
      if d.isNaN { throw EvaluationError("cannot convert float NaN to integer", at: range, type: "ValueError") }
      if d.isInfinite { throw EvaluationError("cannot convert float infinity to integer", at: range, type: "OverflowError") }
      let t = d.rounded(.towardZero)
      guard t >= -0x1p63, t < 0x1p63 else { throw EvaluationError("Python int too large to convert to C long", at: range, type: "OverflowError") }
      return Int64(t)
    default: return 0
    }
  }

  /// `tensor` cast to `dtype` as NumPy's unsafe array cast does on x86-64.
  static func cast(_ tensor: Tensor, to dtype: DType) -> Tensor {
    if tensor.dtype == dtype { return tensor }
    let shape = tensor.shape
    switch (tensor.storage, dtype) {
    case (.double(let v), .float32): return Tensor(shape: shape, float32: v.map { Float($0) })
    case (.double(let v), .bool): return Tensor(shape: shape, bool: v.map { $0 != 0 })
    case (.double(let v), _): return Tensor(shape: shape, int64: v.map(cInt64))
    case (.float(let v), .float64): return Tensor(shape: shape, float64: v.map { Double($0) })
    case (.float(let v), .bool): return Tensor(shape: shape, bool: v.map { $0 != 0 })
    case (.float(let v), _): return Tensor(shape: shape, int64: v.map { cInt64(Double($0)) })
    case (.int(let v), .float64): return Tensor(shape: shape, float64: v.map { Double($0) })
    case (.int(let v), .float32): return Tensor(shape: shape, float32: v.map { Float($0) })
    case (.int(let v), .bool): return Tensor(shape: shape, bool: v.map { $0 != 0 })
    case (.bool(let v), .float64): return Tensor(shape: shape, float64: v.map { $0 ? 1 : 0 })
    case (.bool(let v), .float32): return Tensor(shape: shape, float32: v.map { $0 ? 1 : 0 })
    case (.bool(let v), _): return Tensor(shape: shape, int64: v.map { $0 ? 1 : 0 })
    default: return tensor
    }
  }

  /// C's `(int64_t)x` as `cvttsd2si` computes it: NaN and out-of-range values give −2⁶³.
  private static func cInt64(_ x: Double) -> Int64 {
    guard x > -0x1p63 - 1024, x < 0x1p63 else { return .min }
    return Int64(x)
  }
}
