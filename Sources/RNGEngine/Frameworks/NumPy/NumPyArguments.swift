import PythonSubset
import RNGStreams

/// Argument rules shared by NumPy's legacy functions and the Generator's
/// methods, with NumPy's own error texts. Internal to the NumPy binding.
enum NumPyArguments {
  /// The most elements one call makes here; NumPy itself stops at memory.
  static let maximumElements = 1 << 28

  /// NumPy's text for a shape whose byte size overflows.
  static let tooBig = "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size."

  /// A `size` argument: nil for None (one value, returned as a scalar),
  /// else the shape, from an int or a sequence of ints.
  ///
  /// - Throws: NumPy's texts: "negative dimensions are not allowed",
  ///   "expected a sequence of integers or a single integer, got '2.5'",
  ///   "'str' object cannot be interpreted as an integer".
  static func size(_ args: BoundArguments, _ name: String = "size") throws -> [Int]? {
    guard let value = args.value(name), !value.isNone else { return nil }
    var dimensions: [PythonInt]
    switch value {
    case .bool, .float:
      throw args.error(name, "expected a sequence of integers or a single integer, got '\(value.repr)'")
    case .int(let i):
      dimensions = [i]
    default:
      if let i = BoundArguments.asInt(value) {
        dimensions = [i]
      } else if let items = Builtins.items(of: value), !(value.isString) {
        dimensions = try items.map { item in
          guard let i = BoundArguments.asInt(item) else {
            throw args.error(name, "'\(item.typeName)' object cannot be interpreted as an integer")
          }
          return i
        }
      } else {
        throw args.error(name, "'\(value.typeName)' object cannot be interpreted as an integer")
      }
    }
    return try shape(dimensions, at: args.range(name))
  }

  /// `rand(d0, d1, ...)` / `randn(...)` dimensions: nil when none are given.
  static func dimensions(_ args: BoundArguments) throws -> [Int]? {
    if args.extraPositional.isEmpty { return nil }
    var dimensions: [PythonInt] = []
    for item in args.extraPositional {
      guard let i = BoundArguments.asInt(item.value) else {
        throw EvaluationError("'\(item.value.typeName)' object cannot be interpreted as an integer", at: item.range)
      }
      dimensions.append(i)
    }
    return try shape(dimensions, at: args.extraPositional[0].range)
  }

  /// Checks dimensions as NumPy does and against rngdiff's element limit.
  static func shape(_ dimensions: [PythonInt], at range: SourceRange) throws -> [Int] {
    var shape: [Int] = []
    for d in dimensions {
      if d.isNegative { throw EvaluationError("negative dimensions are not allowed", at: range) }
      guard let n = d.int else { throw EvaluationError(tooBig, at: range) }
      shape.append(n)
    }
    _ = try count(shape, at: range)
    return shape
  }

  /// The element count of `shape`, or an error when it exceeds what
  /// rngdiff makes in one call.
  static func count(_ shape: [Int], at range: SourceRange) throws -> Int {
    var total = 1
    for d in shape {
      let (product, overflow) = total.multipliedReportingOverflow(by: d)
      if overflow { throw EvaluationError(tooBig, at: range) }
      total = product
    }
    if total > maximumElements {
      throw EvaluationError("rngdiff makes at most 2**28 values per call; this call asks for \(total)", at: range)
    }
    return total
  }

  /// An integer bound of `randint` / `integers` (`int(low)` in NumPy: ints,
  /// bools, and floats truncated toward zero), clamped far outside every
  /// dtype so the sampler reports NumPy's "out of bounds" message.
  static func integerBound(_ args: BoundArguments, _ name: String) throws -> Int128? {
    guard let value = args.value(name), !value.isNone else { return nil }
    let limit = Int128(1) << 100
    if let i = BoundArguments.asInt(value) {
      if let wide = i.asInt128 { return max(-limit, min(limit, wide)) }
      return i.isNegative ? -limit : limit
    }
    if let d = BoundArguments.asDouble(value) {
      if d.isNaN { throw args.error(name, "cannot convert float NaN to integer") }
      if d.isInfinite { throw args.error(name, "cannot convert float infinity to integer") }
      let t = d.rounded(.towardZero)
      if t.magnitude >= 0x1p100 { return t < 0 ? -limit : limit }
      return Int128(t)
    }
    throw args.error(name, "\(args.signature.name)() argument '\(name)' must be an int, got \(value.typeName) \(value.repr)")
  }

  /// A float parameter (`low`, `loc`, `scale`) with its default.
  static func double(_ args: BoundArguments, _ name: String, default fallback: Double) throws -> Double {
    guard let value = args.value(name), !value.isNone else { return fallback }
    if let d = BoundArguments.asDouble(value) { return d }
    if case .string(let s) = value { throw args.error(name, "could not convert string to float: '\(s)'") }
    throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a number, got \(value.typeName) \(value.repr)")
  }

  /// The probabilities `p` of `choice`, or nil when absent.
  static func probabilities(_ args: BoundArguments) throws -> [Double]? {
    guard let value = args.value("p"), !value.isNone else { return nil }
    guard let tensor = SampleOutput.asArray(value) else {
      throw args.error("p", "\(args.signature.name)() argument 'p' must be a sequence of numbers, got \(value.typeName)")
    }
    if tensor.rank != 1 { throw args.error("p", "p must be 1-dimensional") }
    return tensor.doubles
  }

  /// An array-like argument as NumPy's `asarray` would make it.
  static func arrayLike(_ args: BoundArguments, _ name: String) throws -> Tensor {
    let value = args.value(name) ?? .none
    guard let tensor = SampleOutput.asArray(value) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be an int or an array-like of numbers, got \(value.typeName)")
    }
    return tensor
  }

  /// An `axis` argument that must be 0 (the only axis rngdiff permutes
  /// along) for an array of `rank` dimensions.
  static func requireAxisZero(_ args: BoundArguments, rank: Int) throws {
    guard let axis = try args.intValue("axis") else { return }
    if rank == 0 || axis < -rank || axis >= rank {
      throw args.error("axis", "axis \(axis) is out of bounds for array of dimension \(rank)")
    }
    if (axis < 0 ? axis + rank : axis) != 0 {
      throw args.error("axis", "rngdiff supports axis=0 only here; got axis=\(axis)")
    }
  }
}

extension Value {
  /// Whether this is a str.
  fileprivate var isString: Bool {
    if case .string = self { return true }
    return false
  }
}
