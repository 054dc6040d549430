import NumPyStreams
import PythonSubset
import RNGStreams

/// Distribution parameters as NumPy reads them (`PyArray_FROM_OTF(x,
/// NPY_DOUBLE)`): a number is a scalar, a list or array keeps its shape and
/// broadcasts. Internal to the NumPy binding.
///
/// ```swift
/// try NumPyDistributionArguments.float(args, "scale", default: 1.0)   // scale=[1, 2] → shape [2]
/// ```
enum NumPyDistributionArguments {
  /// A float parameter; `fallback` when absent (nil: required).
  static func float(_ args: BoundArguments, _ name: String, default fallback: Double? = nil) throws -> NumPyParameter {
    guard let value = args.value(name), !value.isNone else {
      if let fallback { return NumPyParameter(name, fallback) }
      throw args.error(name, "must be real number, not NoneType")
    }
    if let d = BoundArguments.asDouble(value) { return NumPyParameter(name, d) }
    if case .string(let s) = value { throw args.error(name, "could not convert string to float: '\(s)'") }
    guard let tensor = SampleOutput.asArray(value) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a number or an array-like of numbers, got \(value.typeName)")
    }
    if tensor.dtype == .pythonInt {
      throw args.error(name, "Python int too large to convert to C long")
    }
    return NumPyParameter(name, values: tensor.doubles, shape: tensor.shape)
  }

  /// An integer parameter (`binomial`'s `n`, `hypergeometric`'s counts):
  /// ints and bools exactly; floats truncated toward zero, as NumPy's
  /// `<int64_t>` / `NPY_INT64` conversions do (`binomial(100.123, p)` is
  /// `binomial(100, p)`).
  static func integer(_ args: BoundArguments, _ name: String) throws -> NumPyParameter {
    let value = args.value(name) ?? .none
    if let i = BoundArguments.asInt(value) {
      guard let n = i.int64 else { throw args.error(name, "Python int too large to convert to C long") }
      return NumPyParameter(name, integer: n)
    }
    if case .float(let d) = value { return NumPyParameter(name, integer: try truncated(d, args, name)) }
    guard !value.isNone, let tensor = SampleOutput.asArray(value) else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be an int or an array-like of ints, got \(value.typeName)")
    }
    let ints: [Int64]
    switch tensor.storage {
    case .int(let v): ints = v
    case .big: throw args.error(name, "Python int too large to convert to C long")
    default: ints = try tensor.doubles.map { try truncated($0, args, name) }
    }
    if tensor.rank == 0 { return NumPyParameter(name, integer: ints[0]) }
    return NumPyParameter(name, values: ints.map(Double.init), shape: tensor.shape, integers: ints)
  }

  private static func truncated(_ d: Double, _ args: BoundArguments, _ name: String) throws -> Int64 {
    if d.isNaN { throw args.error(name, "cannot convert float NaN to integer") }
    guard let n = Int64(exactly: d.rounded(.towardZero)) else {
      throw args.error(name, d.isInfinite ? "cannot convert float infinity to integer" : "Python int too large to convert to C long")
    }
    return n
  }

  /// A 1-d float sequence (`pvals`, `alpha`).
  static func vector(_ args: BoundArguments, _ name: String, scalarMessage: String) throws -> [Double] {
    let value = args.value(name) ?? .none
    guard let tensor = SampleOutput.asArray(value), !value.isNone else {
      throw args.error(name, "\(args.signature.name)() argument '\(name)' must be a sequence of numbers, got \(value.typeName)")
    }
    if tensor.rank == 0 { throw args.error(name, scalarMessage) }
    if tensor.rank > 1 { throw args.error(name, "object too deep for desired array") }
    return tensor.doubles
  }

  /// `size`, and the element limit on the result (parameters may make it
  /// larger than `size` alone says).
  static func size(_ args: BoundArguments) throws -> [Int]? {
    try NumPyArguments.size(args)
  }

  /// The Python value of a sample, after checking rngdiff's element limit.
  static func result(_ sample: NumPySample, _ args: BoundArguments) throws -> Value {
    if let shape = sample.shape { _ = try NumPyArguments.count(shape, at: args.callRange) }
    return NumPyResult.value(sample.values, shape: sample.shape)
  }
}
