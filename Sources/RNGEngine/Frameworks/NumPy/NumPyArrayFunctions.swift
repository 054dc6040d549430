import Foundation
import PythonSubset
import RNGStreams

/// The NumPy array helpers call strings and scripts use to build arguments
/// (`arange`, `array`, `asarray`, `ones`, `zeros`, `frombuffer`, and
/// `linspace`, `eye`, `concatenate`, `stack` in
/// `NumPyArrayFunctions+Assembly.swift`, `where`, `unique`, `argsort`, … in
/// `NumPyArrayFunctions+Selection.swift`) and the array methods (`reshape`, a view as in NumPy,
/// `copy`, `astype`, `flatten`, `tolist`, the reductions, along an axis in
/// `NumPyArrayFunctions+AxisReductions.swift`). They draw nothing.
///
/// ```swift
/// NumPyArrayFunctions.namespace["arange"]   // arange(start, stop=None, step=None, dtype=None)
/// ```
///
/// Edge cases: dtypes are int8…int64, uint8…uint64, float32, float64 and
/// bool; Python ints beyond 64 bits are refused.
enum NumPyArrayFunctions {
  /// The helper functions by name.
  /// `a.sum()`, `a.mean()`, `a.max()`, `a.min()` over every element, as NumPy computes them:
  /// float sums pairwise in the array's type; an int or bool mean in float64.
  ///
  /// `chunk`: the whole-array sum runs in chunks (a large non-contiguous view, see
  /// `summationChunk(of:_:at:)`).
  static func reduce(_ name: String, _ t: Tensor, at range: SourceRange, chunk: Int? = nil) throws -> Value {
    let n = t.count
    if (name == "max" || name == "min") && n == 0 {
      throw EvaluationError("zero-size array to reduction operation \(name == "max" ? "maximum" : "minimum") which has no identity", at: range, type: "ValueError")
    }
    switch t.storage {
    case .double(let v):
      switch name {
      case "sum": return .float(NumPyArithmetic.chunkedSum(v, chunk: chunk))
      case "mean": return .float(NumPyArithmetic.chunkedSum(v, chunk: chunk) / Double(n))
      case "max": return .float(v.contains { $0.isNaN } ? .nan : v.max()!)
      default: return .float(v.contains { $0.isNaN } ? .nan : v.min()!)
      }
    case .float(let v):
      let result: Float
      switch name {
      case "sum": result = NumPyArithmetic.chunkedSum(v, chunk: chunk)
      case "mean": result = NumPyArithmetic.chunkedSum(v, chunk: chunk) / Float(n)
      case "max": result = v.contains { $0.isNaN } ? .nan : v.max()!
      default: result = v.contains { $0.isNaN } ? .nan : v.min()!
      }
      return NumPyResult.array(Tensor(shape: [], float32: [result]))
    case .bool(let v):
      // A mask's sum counts its true elements (int64); its mean is that count over n in float64.
      let ones = v.map { $0 ? 1.0 : 0.0 }
      switch name {
      case "sum": return .int(PythonInt(v.filter { $0 }.count))
      case "mean": return .float(NumPyArithmetic.pairwiseSum(ones[...]) / Double(n))
      case "max": return .bool(v.contains(true))
      default: return .bool(!v.contains(false))
      }
    case .int(let v) where t.dtype == .int64:
      switch name {
      case "sum": return .int(PythonInt(v.reduce(0, &+)))
      case "mean": return .float(NumPyArithmetic.pairwiseSum(v.map(Double.init)[...]) / Double(n))
      case "max": return .int(PythonInt(v.max()!))
      default: return .int(PythonInt(v.min()!))
      }
    default:
      throw EvaluationError("\(name)() of a \(t.dtype.rawValue) array is not emulated yet", at: range)
    }
  }

  static let namespace: [String: Value] = {
    let ns = Namespace(name: "numpy")
    ns.define("arange(start, stop=None, step=None, dtype=None)") { args in try arange(args) }
    ns.define("array(object, dtype=None)") { args in
      NumPyResult.array(try convert(args, "object", dtype: try dtype(args), copy: true))
    }
    ns.define("asarray(a, dtype=None)") { args in
      let value = args.value("a") ?? .none
      if case .object(let o) = value, let a = o as? ArrayObject, a.kind == .numpy, try dtype(args).map({ $0 == a.tensor.dtype }) ?? true {
        return value  // the array itself, as NumPy returns it when no conversion is needed
      }
      return NumPyResult.array(try convert(args, "a", dtype: try dtype(args), copy: false))
    }
    ns.define("ones(shape, dtype=None)") { args in try filled(args, with: 1) }
    ns.define("zeros(shape, dtype=None)") { args in try filled(args, with: 0) }
    ns.define("frombuffer(buffer, dtype=float, count=-1, offset=0)") { args in try frombuffer(args) }
    ns.define("newaxis", .none)
    for (name, value) in [("pi", Double.pi), ("e", M_E), ("inf", .infinity), ("nan", .nan)] { ns.define(name, .float(value)) }
    defineAssembly(in: ns)
    defineAxes(in: ns)
    defineMatrixProducts(in: ns)
    defineElementwise(in: ns)
    defineTranscendental(in: ns)
    defineSelection(in: ns)
    defineLogical(in: ns)
    return ns.members
  }()

  /// Methods of NumPy arrays.
  static let arrayMethods: ArrayMethods = {
    var m = ArrayMethods()
    m.define("reshape(*shape)") { array, args in
      var requested: [Int] = []
      let items = args.extraPositional
      if items.count == 1, let dims = BoundArguments.asShape(items[0].value), BoundArguments.asInt(items[0].value) == nil {
        requested = dims
      } else {
        for item in items {
          guard let n = BoundArguments.asInt(item.value)?.int else {
            throw EvaluationError("'\(item.value.typeName)' object cannot be interpreted as an integer", at: item.range)
          }
          requested.append(n)
        }
      }
      let shown = "(" + requested.map(String.init).joined(separator: ",") + (requested.count == 1 ? ",)" : ")")
      let failure = EvaluationError("cannot reshape array of size \(array.tensor.count) into shape \(shown)", at: args.callRange)
      let unknown = requested.indices.filter { requested[$0] == -1 }
      if unknown.count > 1 { throw EvaluationError("can only specify one unknown dimension", at: args.callRange) }
      if requested.contains(where: { $0 < -1 }) { throw EvaluationError("negative dimensions not allowed", at: args.callRange) }
      var known = 1
      for (i, d) in requested.enumerated() where i != unknown.first {
        let (product, overflow) = known.multipliedReportingOverflow(by: d)
        guard !overflow else { throw failure }
        known = product
      }
      if let u = unknown.first {
        guard known > 0, array.tensor.count % known == 0 else { throw failure }
        requested[u] = array.tensor.count / known
      } else if known != array.tensor.count {
        throw failure
      }
      return NumPyViews.reshape(array, to: requested)
    }
    m.define("copy()") { array, _ in NumPyResult.array(array.tensor) }
    m.define("flatten()") { array, _ in NumPyResult.array(array.tensor.reshaped([array.tensor.count])) }
    // ravel: a view where the elements can be seen as one axis in place, as reshape(-1).
    m.define("ravel()") { array, _ in NumPyViews.reshape(array, to: [array.tensor.count]) }
    m.define("astype(dtype)") { array, args in
      guard let d = try NumPyDTypes.argument(args) else { throw args.error("dtype", "astype() needs a dtype") }
      return NumPyResult.array(try cast(array.tensor, to: d, checked: false, args: args))
    }
    m.define("tolist()") { array, _ in list(array.tensor) }
    defineSelectionMethods(in: &m)
    defineLogicalMethods(in: &m)
    defineAxesMethods(in: &m)
    defineMatrixProductMethods(in: &m)
    for name in ["sum", "mean", "max", "min"] {
      m.define("\(name)(axis=None)") { array, args in
        try requireMemoryOrder(of: .object(array), name, at: args.callRange)
        if let axis = args.value("axis"), !axis.isNone {
          let k = try normalizedAxis(args, "axis", rank: max(array.tensor.rank, 1))
          return try reduce(name, array.tensor, axis: k, at: args.callRange)
        }
        return try reduce(name, array.tensor, at: args.callRange, chunk: try summationChunk(of: .object(array), name, at: args.callRange))
      }
    }
    for name in ["var", "std"] {
      m.define("\(name)(axis=None, dtype=None, out=None, ddof=0)") { array, args in
        if let ddof = try args.intValue("ddof"), ddof != 0 { throw args.error("ddof", "\(name)(ddof=\(ddof)) is not emulated by rngdiff run; accepted: ddof=0") }
        try requireMemoryOrder(of: .object(array), name, at: args.callRange)
        let axis = try args.value("axis").flatMap { $0.isNone ? nil : try normalizedAxis(args, "axis", rank: max(array.tensor.rank, 1)) }
        let chunk = axis == nil ? try summationChunk(of: .object(array), name, at: args.callRange) : nil
        return try variance(array.tensor, axis: axis, root: name == "std", at: args.callRange, chunk: chunk)
      }
    }
    return m
  }()

  // MARK: Helpers

  /// The chunk NumPy sums `value` in when it is a float view whose whole-array sum NumPy's
  /// iterator splits (nil: pairwise over everything); a view whose order rngdiff has not
  /// measured is refused.
  static func summationChunk(of value: Value, _ name: String, at range: SourceRange) throws -> Int? {
    guard case .object(let array as ArrayObject) = value, array.kind == .numpy, let layout = array.viewed?.layout,
      name != "max" && name != "min", [.float32, .float64].contains(array.tensor.dtype)
    else { return nil }
    switch layout.summationOrder(array.tensor.shape) {
    case .pairwise: return nil
    case .chunks(let n): return n
    case .unmeasured:
      throw EvaluationError(
        "\(name)() of the whole of this view (shape \(NumPyArithmetic.text(array.tensor.shape)), \(array.tensor.count) elements, not one block of memory) runs in NumPy's buffered order, which rngdiff does not reproduce for views of three or more axes or rows over 8192 elements; reduce a copy (x.copy()) instead",
        at: range)
    }
  }

  /// Refuses a float sum over a view whose axes do not run in memory order (a transpose): NumPy's
  /// iterator sums it in memory order, which rngdiff does not reproduce.
  static func requireMemoryOrder(of value: Value, _ name: String, at range: SourceRange) throws {
    guard case .object(let array as ArrayObject) = value, array.kind == .numpy, let layout = array.viewed?.layout,
      name != "max" && name != "min", [.float32, .float64].contains(array.tensor.dtype)
    else { return }
    let steps = zip(array.tensor.shape, layout.strides).filter { $0.0 != 1 }.map { Swift.abs($0.1) }
    guard zip(steps, steps.dropFirst()).contains(where: { $0.0 < $0.1 }) else { return }
    throw EvaluationError(
      "\(name)() of a view whose axes do not run in memory order (a transpose, shape \(NumPyArithmetic.text(array.tensor.shape))) is summed by NumPy in memory order, which rngdiff does not reproduce; reduce a copy (x.copy()) instead",
      at: range)
  }

  private static func dtype(_ args: BoundArguments) throws -> DType? { try NumPyDTypes.argument(args) }

  /// `array(object)` / `asarray(a)`: NumPy's conversion of numbers, bools,
  /// (nested) lists and arrays.
  static func convert(_ args: BoundArguments, _ name: String, dtype: DType?, copy: Bool) throws -> Tensor {
    let value = args.value(name) ?? .none
    guard var tensor = SampleOutput.asArray(value) else {
      throw args.error(name, "\(args.signature.name)() needs numbers, bools or (nested) lists of them, got \(value.typeName)")
    }
    if tensor.dtype == .pythonInt && dtype == nil {
      let values = (0..<tensor.count).map { tensor.element($0) }
      let unsigned = values.compactMap { v -> UInt64? in if case .int(let i) = v { return i.uint64 } else { return nil } }
      guard unsigned.count == values.count else {
        throw args.error(name, "rngdiff arrays hold ints of at most 64 bits; this needs NumPy's object dtype")
      }
      tensor = Tensor(dtype: .uint64, shape: tensor.shape, storage: .unsigned(unsigned))
    }
    if let dtype { tensor = try cast(tensor, to: dtype, checked: !isArray(value), args: args) }
    return tensor
  }

  private static func isArray(_ value: Value) -> Bool {
    if case .object(let o) = value { return o is ArrayObject }
    return false
  }

  /// `tensor` converted to `dtype`. Floats to ints truncate toward zero;
  /// ints wrap as C casts do unless `checked`, where a Python int outside
  /// the dtype is NumPy's OverflowError.
  static func cast(_ tensor: Tensor, to dtype: DType, checked: Bool, args: BoundArguments) throws -> Tensor {
    if dtype == tensor.dtype { return tensor }
    let n = tensor.count
    let values = (0..<n).map { tensor.element($0) }
    switch dtype {
    case .float64:
      return Tensor(shape: tensor.shape, float64: try values.map { try double($0, args) })
    case .float32:
      return Tensor(shape: tensor.shape, float32: try values.map { v in
        if case .int(let i) = v, let small = i.int64 { return Float(small) }
        return Float(try double(v, args))
      })
    case .bool:
      return Tensor(shape: tensor.shape, bool: values.map(\.isTruthy))
    case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
      guard let integer = IntegerRange(dtype) else { break }
      let words = try values.map { v -> UInt64 in
        switch v {
        case .bool(let b): return b ? 1 : 0
        case .int(let i):
          if checked && !integer.contains(i) {
            throw args.error("dtype", "Python integer \(i) out of bounds for \(dtype.rawValue)")
          }
          return i.truncatingUInt64
        case .float(let d):
          guard d.isFinite, d.magnitude < 0x1p64 else {
            throw args.error("dtype", "cannot convert float \(PythonFloat.repr(d)) to \(dtype.rawValue) here")
          }
          let t = d.rounded(.towardZero)
          return t < 0 ? UInt64(bitPattern: Int64(t)) : UInt64(t)
        default: return 0
        }
      }
      if dtype == .uint64 { return Tensor(dtype: .uint64, shape: tensor.shape, storage: .unsigned(words)) }
      return Tensor(shape: tensor.shape, int64: words.map(integer.wrap), dtype: dtype)
    default: break
    }
    throw args.error("dtype", "rngdiff does not convert arrays to \(dtype.rawValue)")
  }

  private static func double(_ v: Value, _ args: BoundArguments) throws -> Double {
    guard let d = BoundArguments.asDouble(v) else { throw args.error("dtype", "int too large to convert to float") }
    return d
  }

  /// The value range of a NumPy integer dtype and its C wrap-around.
  struct IntegerRange {
    let bits: Int
    let signed: Bool

    init?(_ dtype: DType) {
      switch dtype {
      case .int8: (bits, signed) = (8, true)
      case .int16: (bits, signed) = (16, true)
      case .int32: (bits, signed) = (32, true)
      case .int64: (bits, signed) = (64, true)
      case .uint8: (bits, signed) = (8, false)
      case .uint16: (bits, signed) = (16, false)
      case .uint32: (bits, signed) = (32, false)
      case .uint64: (bits, signed) = (64, false)
      default: return nil
      }
    }

    func contains(_ i: PythonInt) -> Bool {
      if signed {
        guard let v = i.int64 else { return false }
        return bits == 64 || (v >= -(Int64(1) << (bits - 1)) && v < (Int64(1) << (bits - 1)))
      }
      guard let v = i.uint64 else { return false }
      return bits == 64 || v < (UInt64(1) << bits)
    }

    /// The low `bits` of `word`, sign-extended for signed dtypes.
    func wrap(_ word: UInt64) -> Int64 {
      if bits == 64 { return Int64(bitPattern: word) }
      let low = word & ((UInt64(1) << bits) - 1)
      if signed && low >> (bits - 1) == 1 { return Int64(bitPattern: low | ~((UInt64(1) << bits) - 1)) }
      return Int64(low)
    }
  }

  /// `arange`: ints give int64 values; any float gives float64 values
  /// `start`, `start + step`, then `start + i·delta` with
  /// `delta = (start + step) − start`, as NumPy fills them.
  static func arange(_ args: BoundArguments) throws -> Value {
    let first = args.value("start") ?? .none
    let hasStop = args.isGiven("stop")
    let startValue: Value = hasStop ? first : .int(.zero)
    let stopValue: Value = hasStop ? (args.value("stop") ?? .none) : first
    let stepValue: Value = args.isGiven("step") ? (args.value("step") ?? .int(PythonInt(1))) : .int(PythonInt(1))
    let parts = [startValue, stopValue, stepValue]
    var tensor: Tensor
    if parts.allSatisfy({ BoundArguments.asInt($0)?.int64 != nil }) {
      let ints = parts.map { BoundArguments.asInt($0)?.int64 ?? 0 }
      let (start, stop, step) = (ints[0], ints[1], ints[2])
      if step == 0 { throw EvaluationError("division by zero", at: args.range("step")) }
      // ceil((stop - start) / step), exactly.
      let span = PythonInt(stop) - PythonInt(start)
      let quotient = try -(-span).floorDivided(by: PythonInt(step))
      guard let length = quotient.int else { throw EvaluationError(NumPyArguments.tooBig, at: args.callRange) }
      let count = max(0, length)
      _ = try NumPyArguments.count([count], at: args.callRange)
      tensor = Tensor(shape: [count], int64: (0..<count).map { start + Int64($0) * step })
    } else {
      let doubles = try parts.enumerated().map { index, part -> Double in
        guard let d = BoundArguments.asDouble(part) else {
          let name = ["start", "stop", "step"][index]
          throw args.error(hasStop || index != 0 ? name : "start", "arange() arguments must be numbers, got \(part.typeName)")
        }
        return d
      }
      let (start, stop, step) = (doubles[0], doubles[1], doubles[2])
      if step == 0 { throw EvaluationError("division by zero", at: args.range("step")) }
      let length = ((stop - start) / step).rounded(.up)
      guard length.isFinite else { throw EvaluationError("arange: cannot compute length", at: args.callRange) }
      if length > Double(NumPyArguments.maximumElements) {
        throw EvaluationError("rngdiff makes at most 2**28 values per call; this call asks for \(PythonFloat.repr(length))", at: args.callRange)
      }
      let count = length > 0 ? Int(length) : 0
      _ = try NumPyArguments.count([count], at: args.callRange)
      let delta = (start + step) - start
      // NumPy stores start and start + step, then fills start + i * delta.
      tensor = Tensor(shape: [count], float64: (0..<count).map { i in
        i == 0 ? start : i == 1 ? start + step : start + Double(i) * delta
      })
    }
    if let dtype = try dtype(args) { tensor = try cast(tensor, to: dtype, checked: false, args: args) }
    return NumPyResult.array(tensor)
  }

  /// `ones(shape)` / `zeros(shape)`: float64 unless `dtype` says otherwise.
  static func filled(_ args: BoundArguments, with fill: Double) throws -> Value {
    guard let shape = try NumPyArguments.size(args, "shape") else {
      throw args.error("shape", "\(args.signature.name)() argument 'shape' must be an int or a tuple of ints, got None")
    }
    let n = try NumPyArguments.count(shape, at: args.range("shape"))
    let tensor = Tensor(shape: shape, float64: Array(repeating: fill, count: n))
    guard let dtype = try dtype(args) else { return NumPyResult.array(tensor) }
    return NumPyResult.array(try cast(tensor, to: dtype, checked: false, args: args))
  }

  /// `frombuffer(buffer, dtype=float, count=-1, offset=0)`: the bytes read
  /// as little-endian elements of `dtype`.
  static func frombuffer(_ args: BoundArguments) throws -> Value {
    guard case .bytes(let bytes)? = args.value("buffer") else {
      let given = args.value("buffer") ?? .none
      throw args.error("buffer", "frombuffer() argument 'buffer' must be bytes, got \(given.typeName)")
    }
    let dtype = try NumPyDTypes.argument(args) ?? .float64
    let width: Int
    switch dtype {
    case .int8, .uint8, .bool: width = 1
    case .int16, .uint16: width = 2
    case .int32, .uint32, .float32: width = 4
    case .int64, .uint64, .float64: width = 8
    default: throw args.error("dtype", "rngdiff does not read \(dtype.rawValue) from a buffer")
    }
    let offset = try args.intValue("offset") ?? 0
    if offset < 0 || offset > bytes.count {
      throw args.error("offset", "offset must be non-negative and no greater than buffer length (\(bytes.count))")
    }
    let available = bytes.count - offset
    var count = try args.intValue("count") ?? -1
    if count < 0 {
      if available % width != 0 { throw args.error("buffer", "buffer size must be a multiple of element size") }
      count = available / width
    } else if count > available / width {
      throw args.error("count", "buffer is smaller than requested size")
    }
    let words = (0..<count).map { i -> UInt64 in
      var word: UInt64 = 0
      for b in 0..<width { word |= UInt64(bytes[offset + i * width + b]) << (8 * UInt64(b)) }
      return word
    }
    let tensor: Tensor
    switch dtype {
    case .float64: tensor = Tensor(shape: [count], float64: words.map { Double(bitPattern: $0) })
    case .float32: tensor = Tensor(shape: [count], float32: words.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
    case .bool: tensor = Tensor(shape: [count], bool: words.map { $0 != 0 })
    case .uint64: tensor = Tensor(dtype: .uint64, shape: [count], storage: .unsigned(words))
    default:
      guard let range = IntegerRange(dtype) else { throw args.error("dtype", "unsupported dtype") }
      tensor = Tensor(shape: [count], int64: words.map(range.wrap), dtype: dtype)
    }
    return NumPyResult.array(tensor)
  }

  /// `tolist()`: nested lists of Python scalars.
  static func list(_ tensor: Tensor) -> Value {
    if tensor.rank == 0 { return tensor.element(0) }
    func build(_ axis: Int, _ offset: Int) -> Value {
      let stride = tensor.shape[(axis + 1)...].reduce(1, *)
      let items = (0..<tensor.shape[axis]).map { i -> Value in
        axis == tensor.rank - 1 ? tensor.element(offset + i) : build(axis + 1, offset + i * stride)
      }
      return .object(ListObject(items))
    }
    return build(0, 0)
  }
}
