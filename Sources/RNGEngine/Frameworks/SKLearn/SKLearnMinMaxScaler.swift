import PythonSubset

/// `sklearn.preprocessing.MinMaxScaler(feature_range=(0, 1), *, copy=True, clip=False)`,
/// scikit-learn 1.9.1's arithmetic in the data's float dtype (float32 stays
/// float32, ints and lists become float64): per column `scale_ = (hi - lo) /
/// (max - min)` (a range under 10 ε taken as 1), `min_ = lo - min * scale_`;
/// `transform` is `x * scale_ + min_` as two roundings, then the clip.
///
/// ```python
/// scaler = MinMaxScaler().fit(x_train)
/// x = scaler.transform(x_test)
/// ```
///
/// Edge cases: NaNs are ignored by `fit` (`nanmin`/`nanmax`) and pass
/// through `transform`; 1-D data is refused as scikit-learn refuses it.
final class SKLearnMinMaxScaler: PythonObject {
  let low: Double, high: Double
  let clip: Bool
  var fitted: (dtype: DType, min: [Double], max: [Double], scale: [Double], offset: [Double], samples: Int)?

  init(_ args: BoundArguments) throws {
    let range = Builtins.items(of: args.value("feature_range") ?? .tuple([.int(PythonInt(0)), .int(PythonInt(1))]))?
      .compactMap { BoundArguments.asDouble($0) } ?? []
    guard range.count == 2 else { throw args.error("feature_range", "MinMaxScaler() argument 'feature_range' must be a tuple (min, max)") }
    (low, high) = (range[0], range[1])
    clip = args.value("clip")?.isTruthy ?? false
  }

  var typeName: String { "MinMaxScaler" }
  var repr: String { "MinMaxScaler()" }
  var attributeNames: [String] {
    ["data_max_", "data_min_", "data_range_", "fit", "fit_transform", "inverse_transform", "min_", "n_features_in_", "n_samples_seen_", "scale_", "transform"]
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "fit":
      return SKLearnScaling.method("fit(X, y=None)") { [self] args in try fit(args); return .object(self) }
    case "transform":
      return SKLearnScaling.method("transform(X)") { [self] args in try transform(args, inverse: false) }
    case "inverse_transform":
      return SKLearnScaling.method("inverse_transform(X)") { [self] args in try transform(args, inverse: true) }
    case "fit_transform":
      return SKLearnScaling.method("fit_transform(X, y=None)") { [self] args in try fit(args); return try transform(args, inverse: false) }
    case "data_min_", "data_max_", "data_range_", "scale_", "min_", "n_samples_seen_", "n_features_in_":
      guard let f = fitted else {
        throw EvaluationError("'MinMaxScaler' object has no attribute '\(name)'", at: nil, type: "AttributeError")
      }
      let columns: [Double]
      switch name {
      case "data_min_": columns = f.min
      case "data_max_": columns = f.max
      case "data_range_": columns = zip(f.max, f.min).map { SKLearnScaling.round($0 - $1, f.dtype) }
      case "scale_": columns = f.scale
      case "min_": columns = f.offset
      case "n_samples_seen_": return .int(PythonInt(f.samples))
      default: return .int(PythonInt(f.min.count))
      }
      return NumPyResult.array(SKLearnScaling.tensor(columns, rows: nil, dtype: f.dtype))
    default: return nil
    }
  }

  private func fit(_ args: BoundArguments) throws {
    guard low < high else {
      throw EvaluationError(
        "Minimum of desired feature range must be smaller than maximum. Got (\(PythonFloat.repr(low)), \(PythonFloat.repr(high))).",
        at: args.callRange, type: "ValueError")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "MinMaxScaler")
    let (lo, hi) = (SKLearnScaling.round(low, data.dtype), SKLearnScaling.round(high, data.dtype))
    var minimum: [Double] = [], maximum: [Double] = [], scale: [Double] = [], offset: [Double] = []
    let eps = data.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    for c in 0..<data.columns {
      let column = (0..<data.rows).map { data.values[$0 * data.columns + c] }.filter { !$0.isNaN }
      let mn = column.min() ?? .nan, mx = column.max() ?? .nan
      var range = SKLearnScaling.round(mx - mn, data.dtype)
      if range < 10 * eps { range = 1 }
      let s = SKLearnScaling.round(SKLearnScaling.round(hi - lo, data.dtype) / range, data.dtype)
      minimum.append(mn)
      maximum.append(mx)
      scale.append(s)
      offset.append(SKLearnScaling.round(lo - SKLearnScaling.round(mn * s, data.dtype), data.dtype))
    }
    fitted = (data.dtype, minimum, maximum, scale, offset, data.rows)
  }

  private func transform(_ args: BoundArguments, inverse: Bool) throws -> Value {
    guard let f = fitted else {
      throw EvaluationError(
        "This MinMaxScaler instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
        at: args.callRange, type: "sklearn.exceptions.NotFittedError")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "MinMaxScaler", features: f.min.count)
    let round = { (x: Double) in SKLearnScaling.round(x, data.dtype) }
    let (lo, hi) = (round(low), round(high))
    let values = data.values.enumerated().map { i, x -> Double in
      let c = i % data.columns
      if inverse { return round(round(x - f.offset[c]) / f.scale[c]) }
      let y = round(round(x * f.scale[c]) + f.offset[c])
      return clip && !y.isNaN ? min(max(y, lo), hi) : y
    }
    return NumPyResult.array(SKLearnScaling.tensor(values, rows: data.rows, dtype: data.dtype))
  }
}

/// What scikit-learn's scalers share: the data as a float matrix
/// (`validate_data`), and arithmetic rounded in its dtype.
enum SKLearnScaling {
  struct Matrix {
    var values: [Double]
    var rows: Int
    var columns: Int
    var dtype: DType
  }

  /// `X` as a 2-D float matrix: float32 and float64 arrays keep their dtype, ints and lists become float64.
  static func matrix(_ args: BoundArguments, _ name: String, estimator: String, features: Int? = nil) throws -> Matrix {
    let value = args.value(name) ?? .none
    let tensor: Tensor
    if case .object(let array as ArrayObject) = value {
      tensor = array.tensor
    } else if let converted = SampleOutput.asArray(value), converted.rank == 2 {
      tensor = Tensor(shape: converted.shape, float64: converted.doubles)
    } else {
      throw args.error(name, "\(estimator) takes a 2-D array or a list of rows, got \(value.typeName)")
    }
    guard tensor.rank == 2 else {
      throw args.error(name, "Expected a 2-dimensional container but got \(tensor.rank)-d array instead. Reshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.")
    }
    let dtype: DType = tensor.dtype == .float32 ? .float32 : .float64
    if let features, tensor.shape[1] != features {
      throw EvaluationError(
        "X has \(tensor.shape[1]) features, but \(estimator) is expecting \(features) features as input.", at: args.range(name), type: "ValueError")
    }
    return Matrix(values: tensor.doubles, rows: tensor.shape[0], columns: tensor.shape[1], dtype: dtype)
  }

  /// A bound method of a scaler.
  static func method(_ signature: String, _ body: @escaping (BoundArguments) throws -> Value) -> Value {
    .object(BuiltinFunction(signature: Signature(signature), body: body))
  }

  /// `x` rounded to the dtype (float32 values as floats), as NumPy stores the result of each operation.
  static func round(_ x: Double, _ dtype: DType) -> Double { dtype == .float32 ? Double(Float(x)) : x }

  static func tensor(_ values: [Double], rows: Int?, dtype: DType) -> Tensor {
    let shape = rows.map { [$0, values.count / max($0, 1)] } ?? [values.count]
    return dtype == .float32 ? Tensor(shape: shape, float32: values.map { Float($0) }) : Tensor(shape: shape, float64: values)
  }
}
