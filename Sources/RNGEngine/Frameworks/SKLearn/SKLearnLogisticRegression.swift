import Foundation
import PythonSubset

/// `sklearn.linear_model.LogisticRegression` with its default solver,
/// `lbfgs` (scikit-learn 1.9.1, scipy 1.17): L2 penalty `C`, `tol`,
/// `max_iter`, `fit_intercept`, `warm_start`; two classes (half-binomial
/// loss) or more (multinomial). `fit` minimises ``SKLearnLogisticLoss`` with
/// ``SKLearnLBFGSB`` from zeros (or, with `warm_start`, from the last fit).
///
/// Nothing in `fit` is random: lbfgs draws no number. `random_state` is
/// taken through `check_random_state` as scikit-learn takes it (an int makes
/// a `RandomState` that nothing draws from), and only the `liblinear`, `sag`
/// and `saga` solvers would draw from it; those are refused by name, as are
/// `newton-cg` and `newton-cholesky` (deterministic, not emulated). So a
/// `fit` in a loop gives the same model every time, whatever the seeds.
///
/// ```python
/// model = LogisticRegression()
/// for i in range(2):
///     model.fit(x, y)      # the same coef_ both times: no stream is touched
/// ```
///
/// Edge cases: labels must be numbers (ints, floats, bools); float32 `X` is
/// refused (scikit-learn would fit in float32).
final class SKLearnLogisticRegression: PythonObject {
  let args: BoundArguments
  let randomState: Value
  let resolver: SKLearnRandomState
  var fitted: Fit?

  struct Parameters {
    var c: Double
    var tol: Double
    var maxIter: Int
    var fitIntercept: Bool
    var warmStart: Bool
  }

  struct Fit {
    var classes: [Double]
    var intLabels: Bool
    var features: Int
    /// `(classes or 1) × features`, row-major.
    var coef: [Double]
    var intercept: [Double]
    var iterations: Int
  }

  static let signature =
    "LogisticRegression(penalty='deprecated', *, C=1.0, l1_ratio=0.0, dual=False, tol=0.0001, fit_intercept=True, intercept_scaling=1, class_weight=None, random_state=None, solver='lbfgs', max_iter=100, verbose=0, warm_start=False, n_jobs=None)"

  init(_ args: BoundArguments, randomState resolver: SKLearnRandomState) {
    self.args = args
    self.resolver = resolver
    randomState = args.value("random_state") ?? .none
  }

  /// The parameters, checked as scikit-learn checks them: at `fit` (the error points at the `fit` call).
  private func parameters(at call: SourceRange) throws -> Parameters {
    func invalid(_ name: String, _ constraint: String) -> EvaluationError {
      EvaluationError(
        "The '\(name)' parameter of LogisticRegression must be \(constraint). Got \((args.value(name) ?? .none).repr) instead.",
        at: call, type: "sklearn.utils._param_validation.InvalidParameterError")
    }
    let solverValue = args.value("solver") ?? .string("lbfgs")
    let solvers = ["lbfgs", "liblinear", "newton-cg", "newton-cholesky", "sag", "saga"]
    guard case .string(let solver) = solverValue, solvers.contains(solver) else {
      throw invalid("solver", "a str among {'lbfgs', 'liblinear', 'newton-cg', 'newton-cholesky', 'sag', 'saga'}")
    }
    switch solver {
    case "lbfgs": break
    case "liblinear", "sag", "saga":
      throw EvaluationError(
        "LogisticRegression(solver='\(solver)') draws from its random_state, which rngdiff does not emulate; the default solver='lbfgs' draws nothing and is emulated",
        at: call, type: "NotImplementedError")
    default:
      throw EvaluationError(
        "LogisticRegression(solver='\(solver)') is not emulated (it draws nothing); the default solver='lbfgs' is",
        at: call, type: "NotImplementedError")
    }
    guard let c = BoundArguments.asDouble(args.value("C") ?? .float(1)), c > 0 else {
      throw invalid("C", "a float in the range (0.0, inf]")
    }
    guard let tol = BoundArguments.asDouble(args.value("tol") ?? .float(1e-4)), tol >= 0 else {
      throw invalid("tol", "a float in the range [0.0, inf)")
    }
    let maxValue = args.value("max_iter") ?? .int(PythonInt(100))
    guard case .int(let m) = maxValue, let maxIter = m.int, maxIter >= 0 else {
      throw invalid("max_iter", "an int in the range [0, inf)")
    }
    for name in ["penalty", "class_weight", "n_jobs"] {
      guard let v = args.value(name) else { continue }
      if name == "penalty", case .string("deprecated") = v { continue }
      if v.isNone && name != "penalty" { continue }
      throw EvaluationError("LogisticRegression(\(name)=…) is not emulated; leave it at its default", at: call, type: "NotImplementedError")
    }
    if let ratio = args.value("l1_ratio"), BoundArguments.asDouble(ratio) != 0 {
      throw EvaluationError(
        "LogisticRegression(l1_ratio=\(ratio.repr)) needs solver='saga', which rngdiff does not emulate", at: call, type: "NotImplementedError")
    }
    if let dual = args.value("dual"), dual.isTruthy {
      throw EvaluationError("Solver lbfgs supports only dual=False, got dual=True", at: call, type: "ValueError")
    }
    return Parameters(
      c: c, tol: tol, maxIter: maxIter, fitIntercept: args.value("fit_intercept")?.isTruthy ?? true,
      warmStart: args.value("warm_start")?.isTruthy ?? false)
  }

  var typeName: String { "LogisticRegression" }
  var repr: String { "LogisticRegression()" }
  var attributeNames: [String] {
    ["C", "classes_", "coef_", "decision_function", "fit", "intercept_", "max_iter", "n_features_in_", "n_iter_", "predict", "predict_proba", "random_state", "score", "solver", "tol"]
  }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "fit":
      return SKLearnScaling.method("fit(X, y, sample_weight=None)") { [self] args in try fit(args); return .object(self) }
    case "decision_function":
      return SKLearnScaling.method("decision_function(X)") { [self] args in
        let (f, scores, rows) = try decision(args)
        let k = f.classes.count == 2 ? 1 : f.classes.count
        return NumPyResult.array(Tensor(shape: k == 1 ? [rows] : [rows, k], float64: scores))
      }
    case "predict_proba":
      return SKLearnScaling.method("predict_proba(X)") { [self] args in
        let (f, _, rows) = try decision(args)
        return NumPyResult.array(Tensor(shape: [rows, f.classes.count], float64: try probabilities(args)))
      }
    case "predict":
      return SKLearnScaling.method("predict(X)") { [self] args in
        let (f, labels) = try predict(args)
        return NumPyResult.array(labelTensor(labels, f))
      }
    case "score":
      return SKLearnScaling.method("score(X, y, sample_weight=None)") { [self] args in
        let (_, labels) = try predict(args)
        let truth = try Self.labels(args, count: labels.count)
        let hits = zip(labels, truth).filter { $0 == $1 }.count
        return .float(Double(hits) / Double(labels.count))
      }
    case "C": return args.value("C") ?? .float(1)
    case "tol": return args.value("tol") ?? .float(1e-4)
    case "max_iter": return args.value("max_iter") ?? .int(PythonInt(100))
    case "solver": return args.value("solver") ?? .string("lbfgs")
    case "random_state": return randomState
    case "classes_", "coef_", "intercept_", "n_iter_", "n_features_in_":
      guard let f = fitted else {
        throw EvaluationError("'LogisticRegression' object has no attribute '\(name)'", at: nil, type: "AttributeError")
      }
      switch name {
      case "classes_": return NumPyResult.array(labelTensor(f.classes, f))
      case "coef_": return NumPyResult.array(Tensor(shape: [f.intercept.count, f.features], float64: f.coef))
      case "intercept_": return NumPyResult.array(Tensor(shape: [f.intercept.count], float64: f.intercept))
      case "n_iter_": return NumPyResult.array(Tensor(shape: [1], int64: [Int64(f.iterations)], dtype: .int32))
      default: return .int(PythonInt(f.features))
      }
    default: return nil
    }
  }

  private func labelTensor(_ labels: [Double], _ f: Fit) -> Tensor {
    f.intLabels ? Tensor(shape: [labels.count], int64: labels.map { Int64($0) }) : Tensor(shape: [labels.count], float64: labels)
  }

  /// `y` as numbers, `count` of them.
  static func labels(_ args: BoundArguments, count: Int) throws -> [Double] {
    let value = args.value("y") ?? .none
    guard let tensor = SampleOutput.asArray(value), tensor.rank <= 2, tensor.dtype != .pythonInt else {
      throw args.error("y", "LogisticRegression takes y as an array or list of numbers, got \(value.typeName)")
    }
    if tensor.rank == 2 && tensor.shape[1] != 1 {
      throw args.error("y", "y should be a 1d array, got an array of shape (\(tensor.shape[0]), \(tensor.shape[1])) instead.")
    }
    let values = tensor.doubles
    guard values.count == count else {
      throw EvaluationError(
        "Found input variables with inconsistent numbers of samples: [\(count), \(values.count)]", at: args.range("y"), type: "ValueError")
    }
    return values
  }

  private func fit(_ args: BoundArguments) throws {
    let (c, tol, maxIter, fitIntercept, warmStart) = try {
      let p = try parameters(at: args.callRange)
      return (p.c, p.tol, p.maxIter, p.fitIntercept, p.warmStart)
    }()
    if let w = args.value("sample_weight"), !w.isNone {
      throw EvaluationError("LogisticRegression.fit(sample_weight=…) is not emulated", at: args.range("sample_weight"), type: "NotImplementedError")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "LogisticRegression")
    guard data.dtype == .float64 else {
      throw args.error("X", "LogisticRegression.fit on float32 X is not emulated (scikit-learn fits it in float32); pass float64")
    }
    let y = try Self.labels(args, count: data.rows)
    let intLabels = SampleOutput.asArray(args.value("y") ?? .none).map { !$0.dtype.isFloatingPoint } ?? true
    if y.contains(where: { $0 != $0.rounded() || !$0.isFinite }) {
      throw EvaluationError(
        "Unknown label type: continuous. Maybe you are trying to fit a classifier, which expects discrete classes on a regression target with continuous values.",
        at: args.range("y"), type: "ValueError")
    }
    let classes = Array(Set(y)).sorted()
    guard classes.count >= 2 else {
      let only = intLabels ? "np.int64(\(Int(classes.first ?? 0)))" : "np.float64(\(PythonFloat.repr(classes.first ?? 0)))"
      throw EvaluationError(
        "This solver needs samples of at least 2 classes in the data, but the data contains only one class: \(only)",
        at: args.callRange, type: "ValueError")
    }
    _ = try resolver.resolve(randomState, at: args.callRange)
    let codes = y.map { label in classes.firstIndex(of: label) ?? 0 }
    let loss = SKLearnLogisticLoss(
      x: data.values, rows: data.rows, columns: data.columns, y: codes, classes: classes.count, intercept: fitIntercept,
      l2: 1.0 / (c * Double(data.rows)))
    var w0 = [Double](repeating: 0, count: loss.count)
    if warmStart, let last = fitted, last.classes == classes, last.features == data.columns {
      let k = last.intercept.count
      let dof = data.columns + (fitIntercept ? 1 : 0)
      for r in 0..<k {
        for j in 0..<dof {
          let v = j < data.columns ? last.coef[r * data.columns + j] : last.intercept[r]
          if k == 1 { w0[j] = v } else { w0[j * k + r] = v }
        }
      }
    }
    let result = SKLearnLBFGSB.minimize(x0: w0, maxIterations: maxIter, pgtol: tol, ftol: 64 * Double.ulpOfOne) { loss.evaluate($0) }
    let k = classes.count == 2 ? 1 : classes.count
    var coef = [Double](repeating: 0, count: k * data.columns)
    var intercept = [Double](repeating: 0, count: k)
    for r in 0..<k {
      for j in 0..<data.columns { coef[r * data.columns + j] = k == 1 ? result.x[j] : result.x[j * k + r] }
      if fitIntercept { intercept[r] = k == 1 ? result.x[data.columns] : result.x[data.columns * k + r] }
    }
    fitted = Fit(
      classes: classes, intLabels: intLabels, features: data.columns, coef: coef, intercept: intercept,
      iterations: min(result.iterations, maxIter))
  }

  private func decision(_ args: BoundArguments) throws -> (Fit, [Double], Int) {
    guard let f = fitted else {
      throw EvaluationError(
        "This LogisticRegression instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
        at: args.callRange, type: "sklearn.exceptions.NotFittedError")
    }
    let data = try SKLearnScaling.matrix(args, "X", estimator: "LogisticRegression", features: f.features)
    let k = f.intercept.count
    var scores = [Double](repeating: 0, count: data.rows * k)
    for r in 0..<k {
      let w = Array(f.coef[(r * f.features)..<((r + 1) * f.features)])
      let column = OpenBLASProduct.product(data.values, rows: data.rows, inner: f.features, w, columns: 1)
      for i in 0..<data.rows { scores[i * k + r] = column[i] + f.intercept[r] }
    }
    return (f, scores, data.rows)
  }

  /// `predict_proba`: `[1 - p, p]` with `p = expit(score)` for two classes, else the softmax of the scores.
  private func probabilities(_ args: BoundArguments) throws -> [Double] {
    let (f, scores, rows) = try decision(args)
    if f.classes.count == 2 {
      return scores.flatMap { s -> [Double] in
        let p = 1 / (1 + exp(-s))
        return [1 - p, p]
      }
    }
    let k = f.classes.count
    var out = scores
    for i in 0..<rows {
      let top = out[(i * k)..<((i + 1) * k)].max() ?? 0
      for j in 0..<k { out[i * k + j] = exp(out[i * k + j] - top) }
      var sum = 0.0
      for j in 0..<k { sum += out[i * k + j] }
      for j in 0..<k { out[i * k + j] /= sum }
    }
    return out
  }

  private func predict(_ args: BoundArguments) throws -> (Fit, [Double]) {
    let (f, scores, rows) = try decision(args)
    let k = f.intercept.count
    let labels = (0..<rows).map { i -> Double in
      if k == 1 { return f.classes[scores[i] > 0 ? 1 : 0] }
      let row = scores[(i * k)..<((i + 1) * k)]
      let best = row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) } ?? row.startIndex
      return f.classes[best - i * k]
    }
    return (f, labels)
  }
}
