import PythonSubset

/// `sklearn.preprocessing.StandardScaler(*, copy=True, with_mean=True, with_std=True)`,
/// scikit-learn 1.9.1's arithmetic: `fit` accumulates in float64 whatever
/// the data's dtype (per column, row after row, as NumPy sums along axis 0):
/// `mean = Σx / n`, `var = (Σ(x − mean)² − (Σ(x − mean))² / n) / n`,
/// `scale = sqrt(var)` (1 for a column whose variance is within float64
/// rounding of 0); `transform` subtracts and divides in the data's dtype.
///
/// ```python
/// x = StandardScaler().fit_transform(x)
/// ```
///
/// Edge cases: NaNs are not emulated (refused at `fit`); 1-D data is
/// refused as scikit-learn refuses it.
final class SKLearnStandardScaler: PythonObject {
  let withMean: Bool, withStd: Bool
  var fitted: (mean: [Double], variance: [Double], scale: [Double], samples: Int)?

  init(_ args: BoundArguments) {
    withMean = args.value("with_mean")?.isTruthy ?? true
    withStd = args.value("with_std")?.isTruthy ?? true
  }

  var typeName: String { "StandardScaler" }
  var repr: String { "StandardScaler()" }
  var attributeNames: [String] {
    ["fit", "fit_transform", "inverse_transform", "mean_", "n_features_in_", "n_samples_seen_", "scale_", "transform", "var_"]
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "fit":
      return SKLearnScaling.method("fit(X, y=None, sample_weight=None)") { [self] args in try fit(args); return .object(self) }
    case "transform":
      return SKLearnScaling.method("transform(X, copy=None)") { [self] args in try transform(args, inverse: false) }
    case "inverse_transform":
      return SKLearnScaling.method("inverse_transform(X, copy=None)") { [self] args in try transform(args, inverse: true) }
    case "fit_transform":
      return SKLearnScaling.method("fit_transform(X, y=None)") { [self] args in try fit(args); return try transform(args, inverse: false) }
    case "mean_", "var_", "scale_", "n_samples_seen_", "n_features_in_":
      guard let f = fitted else {
        throw EvaluationError("'StandardScaler' object has no attribute '\(name)'", at: nil, type: "AttributeError")
      }
      switch name {
      // A float: scikit-learn counts the samples as n minus the NaNs, in float64.
      case "n_samples_seen_": return .float(Double(f.samples))
      case "n_features_in_": return .int(PythonInt(f.mean.count))
      case "mean_": return withMean || withStd ? NumPyResult.array(Tensor(shape: [f.mean.count], float64: f.mean)) : .none
      case "var_": return withStd ? NumPyResult.array(Tensor(shape: [f.variance.count], float64: f.variance)) : .none
      default: return withStd ? NumPyResult.array(Tensor(shape: [f.scale.count], float64: f.scale)) : .none
      }
    default: return nil
    }
  }

  private func fit(_ args: BoundArguments) throws {
    if let weight = args.value("sample_weight"), !weight.isNone {
      throw args.error("sample_weight", "StandardScaler.fit(sample_weight=...) is not emulated by rngdiff run; leave it None")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "StandardScaler")
    guard !data.values.contains(where: { $0.isNaN }) else {
      throw args.error("X", "StandardScaler with NaN values is not emulated by rngdiff run")
    }
    let n = Double(data.rows)
    var means: [Double] = [], variances: [Double] = [], scales: [Double] = []
    for c in 0..<data.columns {
      let column = (0..<data.rows).map { data.values[$0 * data.columns + c] }
      let sum = column.reduce(0, +)
      let mean = (0 + sum) / n
      var correction = 0.0, squares = 0.0
      for x in column {
        let t = x - sum / n
        correction += t
        squares += t * t
      }
      let variance = (squares - correction * correction / n) / n
      let eps = Double.ulpOfOne
      let constant = variance <= Double(data.rows) * eps * variance + pow2(Double(data.rows) * mean * eps)
      means.append(mean)
      variances.append(variance)
      scales.append(constant ? 1 : variance.squareRoot())
    }
    fitted = (means, variances, scales, data.rows)
  }

  private func pow2(_ x: Double) -> Double { x * x }

  private func transform(_ args: BoundArguments, inverse: Bool) throws -> Value {
    guard let f = fitted else {
      throw EvaluationError(
        "This StandardScaler instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
        at: args.callRange, type: "sklearn.exceptions.NotFittedError")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "StandardScaler", features: f.mean.count)
    let round = { (x: Double) in SKLearnScaling.round(x, data.dtype) }
    let values = data.values.enumerated().map { i, x -> Double in
      let c = i % data.columns
      var y = x
      if inverse {
        if withStd { y = round(y * round(f.scale[c])) }
        if withMean { y = round(y + round(f.mean[c])) }
      } else {
        if withMean { y = round(y - round(f.mean[c])) }
        if withStd { y = round(y / round(f.scale[c])) }
      }
      return y
    }
    return NumPyResult.array(SKLearnScaling.tensor(values, rows: data.rows, dtype: data.dtype))
  }
}
