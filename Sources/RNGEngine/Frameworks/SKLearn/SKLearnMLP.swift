import Foundation
import PythonSubset

/// `sklearn.neural_network.MLPClassifier` and `MLPRegressor` (scikit-learn
/// 1.9.1) with the stochastic solvers `adam` and `sgd`: the draws exactly as
/// scikit-learn makes them, the float64 training arithmetic
/// (``SKLearnMLPNetwork``, ``SKLearnMLPOptimizer``) as close as measured.
///
/// Every `fit` takes `check_random_state(random_state)` anew: an int makes a
/// new `RandomState` (the same weights and epoch orders at every `fit`), a
/// `RandomState` carries on from the last `fit`, `None` draws from NumPy's
/// global stream. On the first fit (every fit without `warm_start`) each
/// layer draws `uniform(-b, b, (fan_in, fan_out))` then `uniform(-b, b,
/// fan_out)`, `b = √(f / (fan_in + fan_out))` (`f = 2` for `logistic`, else
/// 6): consumers `MLPClassifier#1.coefs_[i]` and `.intercepts_[i]`, role
/// `init`. `early_stopping` (the regressor) splits with `train_test_split`'s
/// `permutation(n)` (role `split`); with `shuffle=True` each epoch draws
/// `shuffle(arange(n))` and reorders the sample indices by it (role `shuffle`).
///
/// ```python
/// clf = MLPClassifier((8,), random_state=0, max_iter=50)
/// clf.fit(x, y); clf.fit(x, y)     # the same model twice: RandomState(0) each time
/// ```
///
/// `partial_fit` runs one epoch on the optimizer it kept (the classifier's
/// first call needs `classes=`), taking `check_random_state` anew each call.
///
/// Edge cases: `solver='lbfgs'`, `sample_weight`,
/// `early_stopping` on the classifier (a stratified split), `loss='poisson'`,
/// float32 `X` and string labels are refused by name.
final class SKLearnMLP: PythonObject {
  let isClassifier: Bool
  let args: BoundArguments
  let resolver: SKLearnRandomState
  let name: String
  let consuming: (String, String, () throws -> Void) throws -> Void
  var state: State?

  struct State {
    var net: SKLearnMLPNetwork
    var classes: [Double]
    var intLabels: Bool
    var outputs: Int
    var iterations = 0
    var samplesSeen = 0
    var lossCurve: [Double] = []
    var loss = Double.nan
    var bestLoss = Double.infinity
    var noImprovement = 0
    var validationScores: [Double] = []
    var bestValidation = -Double.infinity
    var best: ([[Double]], [[Double]])?
    /// The optimizer of the last `fit` or `partial_fit`: `partial_fit` carries on with it.
    var optimizer: SKLearnMLPOptimizer?
  }

  init(
    classifier: Bool, _ args: BoundArguments, randomState resolver: SKLearnRandomState, name: String,
    consuming: @escaping (String, String, () throws -> Void) throws -> Void
  ) {
    isClassifier = classifier
    self.args = args
    self.resolver = resolver
    self.name = name
    self.consuming = consuming
  }

  static let commonParameters =
    "hidden_layer_sizes=(100,), activation='relu', *, solver='adam', alpha=0.0001, batch_size='auto', learning_rate='constant', learning_rate_init=0.001, power_t=0.5, max_iter=200, shuffle=True, random_state=None, tol=0.0001, verbose=False, warm_start=False, momentum=0.9, nesterovs_momentum=True, early_stopping=False, validation_fraction=0.1, beta_1=0.9, beta_2=0.999, epsilon=1e-08, n_iter_no_change=10, max_fun=15000"
  static let classifierSignature = "MLPClassifier(\(commonParameters))"
  static let regressorSignature = "MLPRegressor(loss='squared_error', \(commonParameters))"

  var estimator: String { isClassifier ? "MLPClassifier" : "MLPRegressor" }
  var typeName: String { estimator }
  var repr: String { "\(estimator)()" }
  var attributeNames: [String] {
    ["best_loss_", "classes_", "coefs_", "fit", "intercepts_", "partial_fit", "loss_", "loss_curve_", "n_features_in_", "n_iter_", "n_layers_", "n_outputs_",
     "out_activation_", "predict", "predict_proba", "random_state", "score", "t_", "validation_scores_"]
  }

  struct Parameters {
    var hidden: [Int]
    var activation: String
    var solver: String
    var alpha: Double
    var batchSize: Int?
    var schedule: String
    var rate: Double
    var powerT: Double
    var maxIter: Int
    var shuffle: Bool
    var tol: Double
    var warmStart: Bool
    var momentum: Double
    var nesterov: Bool
    var earlyStopping: Bool
    var validationFraction: Double
    var beta1: Double, beta2: Double, epsilon: Double
    var patience: Int
  }

  private func parameters(at call: SourceRange) throws -> Parameters {
    func invalid(_ name: String, _ constraint: String) -> EvaluationError {
      EvaluationError(
        "The '\(name)' parameter of \(estimator) must be \(constraint). Got \((args.value(name) ?? .none).repr) instead.",
        at: call, type: "sklearn.utils._param_validation.InvalidParameterError")
    }
    func string(_ name: String, _ fallback: String, _ options: [String]) throws -> String {
      let value = args.value(name) ?? .string(fallback)
      guard case .string(let s) = value, options.contains(s) else {
        throw invalid(name, "a str among {\(options.map { "'\($0)'" }.joined(separator: ", "))}")
      }
      return s
    }
    func number(_ name: String, _ fallback: Double, _ constraint: String, _ ok: (Double) -> Bool) throws -> Double {
      guard let v = BoundArguments.asDouble(args.value(name) ?? .float(fallback)), ok(v) else { throw invalid(name, constraint) }
      return v
    }
    func integer(_ name: String, _ fallback: Int, _ least: Int) throws -> Int {
      guard case .int(let i) = args.value(name) ?? .int(PythonInt(fallback)), let v = i.int, v >= least else {
        throw invalid(name, "an int in the range [\(least), inf)")
      }
      return v
    }
    let solver = try string("solver", "adam", ["lbfgs", "sgd", "adam"])
    if solver == "lbfgs" {
      throw EvaluationError("\(estimator)(solver='lbfgs') is not emulated; solver='adam' and 'sgd' are", at: call, type: "NotImplementedError")
    }
    let activation = try string("activation", "relu", ["identity", "logistic", "tanh", "relu"])
    let hiddenValue = args.value("hidden_layer_sizes") ?? .tuple([.int(PythonInt(100))])
    let hidden: [Int]
    if case .int(let i) = hiddenValue, let v = i.int {
      guard v >= 1 else { throw invalid("hidden_layer_sizes", "an array-like or an int in the range [1, inf)") }
      hidden = [v]
    } else if let items = Builtins.items(of: hiddenValue), let sizes = items.map({ BoundArguments.asInt($0)?.int }) as [Int?]?,
      !sizes.contains(where: { $0 == nil })
    {
      hidden = sizes.map { $0! }
      if hidden.contains(where: { $0 <= 0 }) {
        throw EvaluationError("hidden_layer_sizes must be > 0, got \(hidden).", at: call, type: "ValueError")
      }
    } else {
      throw invalid("hidden_layer_sizes", "an array-like or an int in the range [1, inf)")
    }
    if !isClassifier {
      let loss = try string("loss", "squared_error", ["squared_error", "poisson"])
      if loss == "poisson" {
        throw EvaluationError("MLPRegressor(loss='poisson') is not emulated", at: call, type: "NotImplementedError")
      }
    }
    var batchSize: Int?
    if let b = args.value("batch_size"), !{ if case .string("auto") = b { return true }; return false }() {
      guard case .int(let i) = b, let v = i.int, v >= 1 else { throw invalid("batch_size", "a str among {'auto'} or an int in the range [1, inf)") }
      batchSize = v
    }
    if args.value("verbose")?.isTruthy == true {
      throw EvaluationError("\(estimator)(verbose=True) is not emulated", at: call, type: "NotImplementedError")
    }
    let early = args.value("early_stopping")?.isTruthy ?? false
    if early && isClassifier {
      throw EvaluationError(
        "MLPClassifier(early_stopping=True) splits with a stratified train_test_split, which rngdiff does not emulate", at: call,
        type: "NotImplementedError")
    }
    return Parameters(
      hidden: hidden, activation: activation, solver: solver,
      alpha: try number("alpha", 1e-4, "a float in the range [0.0, inf)") { $0 >= 0 }, batchSize: batchSize,
      schedule: try string("learning_rate", "constant", ["constant", "invscaling", "adaptive"]),
      rate: try number("learning_rate_init", 1e-3, "a float in the range (0.0, inf)") { $0 > 0 },
      powerT: try number("power_t", 0.5, "a float in the range [0.0, inf)") { $0 >= 0 },
      maxIter: try integer("max_iter", 200, 1), shuffle: args.value("shuffle")?.isTruthy ?? true,
      tol: try number("tol", 1e-4, "a float in the range [0.0, inf)") { $0 >= 0 }, warmStart: args.value("warm_start")?.isTruthy ?? false,
      momentum: try number("momentum", 0.9, "a float in the range [0, 1]") { $0 >= 0 && $0 <= 1 },
      nesterov: args.value("nesterovs_momentum")?.isTruthy ?? true, earlyStopping: early,
      validationFraction: try number("validation_fraction", 0.1, "a float in the range [0.0, 1.0)") { $0 >= 0 && $0 < 1 },
      beta1: try number("beta_1", 0.9, "a float in the range [0.0, 1.0)") { $0 >= 0 && $0 < 1 },
      beta2: try number("beta_2", 0.999, "a float in the range [0.0, 1.0)") { $0 >= 0 && $0 < 1 },
      epsilon: try number("epsilon", 1e-8, "a float in the range (0.0, inf)") { $0 > 0 },
      patience: try integer("n_iter_no_change", 10, 1))
  }

  func attribute(_ attr: String) throws -> Value? {
    switch attr {
    case "fit":
      return SKLearnScaling.method("fit(X, y, sample_weight=None)") { [self] a in try fit(a, incremental: false); return .object(self) }
    case "partial_fit":
      return SKLearnScaling.method(isClassifier ? "partial_fit(X, y, sample_weight=None, classes=None)" : "partial_fit(X, y, sample_weight=None)") {
        [self] a in try fit(a, incremental: true); return .object(self)
      }
    case "predict":
      return SKLearnScaling.method("predict(X)") { [self] a in try predict(a) }
    case "predict_proba" where isClassifier:
      return SKLearnScaling.method("predict_proba(X)") { [self] a in
        let (s, out, rows) = try outputs(a)
        let values = s.outputs == 1 ? out.flatMap { [1 - $0, $0] } : out
        return NumPyResult.array(Tensor(shape: [rows, max(s.outputs, 2)], float64: values))
      }
    case "score":
      return SKLearnScaling.method("score(X, y, sample_weight=None)") { [self] a in .float(try score(a)) }
    case "random_state": return args.value("random_state") ?? Value.none
    default: break
    }
    guard let s = state else {
      if ["classes_", "coefs_", "intercepts_", "loss_", "loss_curve_", "n_iter_", "t_", "n_layers_", "n_outputs_", "out_activation_", "best_loss_", "validation_scores_", "n_features_in_"].contains(attr) {
        throw EvaluationError("'\(estimator)' object has no attribute '\(attr)'", at: nil, type: "AttributeError")
      }
      return nil
    }
    let units = s.net.units
    switch attr {
    case "classes_" where isClassifier: return NumPyResult.array(labels(s.classes, s))
    case "coefs_":
      var arrays: [Value] = []
      for i in 0..<(units.count - 1) { arrays.append(NumPyResult.array(Tensor(shape: [units[i], units[i + 1]], float64: s.net.coefs[i]))) }
      return .object(ListObject(arrays))
    case "intercepts_":
      return .object(ListObject(s.net.intercepts.map { NumPyResult.array(Tensor(shape: [$0.count], float64: $0)) }))
    case "loss_": return .float(s.loss)
    case "loss_curve_": return .object(ListObject(s.lossCurve.map { .float($0) }))
    case "n_iter_": return .int(PythonInt(s.iterations))
    case "t_": return .int(PythonInt(s.samplesSeen))
    case "n_layers_": return .int(PythonInt(units.count))
    case "n_outputs_": return .int(PythonInt(s.outputs))
    case "n_features_in_": return .int(PythonInt(units[0]))
    case "out_activation_": return .string(s.net.output)
    case "best_loss_": return s.validationScores.isEmpty && s.bestLoss.isFinite ? .float(s.bestLoss) : Value.none
    case "validation_scores_": return s.validationScores.isEmpty ? Value.none : .object(ListObject(s.validationScores.map { .float($0) }))
    default: return nil
    }
  }

  private func labels(_ values: [Double], _ s: State) -> Tensor {
    s.intLabels ? Tensor(shape: [values.count], int64: values.map { Int64($0) }) : Tensor(shape: [values.count], float64: values)
  }

  /// `y` as a `rows × outputs` float matrix (the classifier's one-hot or 0/1 column), the classes, whether they were ints.
  private func targets(_ a: BoundArguments, rows: Int, previous: State?, keepClasses: Bool, incremental: Bool) throws -> ([Double], Int, [Double], Bool) {
    let value = a.value("y") ?? .none
    guard let tensor = SampleOutput.asArray(value), tensor.rank == 1 || tensor.rank == 2, tensor.dtype != .pythonInt else {
      throw a.error("y", "\(estimator) takes y as an array or list of numbers, got \(value.typeName)")
    }
    guard tensor.shape[0] == rows else {
      throw EvaluationError(
        "Found input variables with inconsistent numbers of samples: [\(rows), \(tensor.shape[0])]", at: a.range("y"), type: "ValueError")
    }
    let values = tensor.doubles
    let columns = tensor.rank == 2 ? tensor.shape[1] : 1
    guard isClassifier else { return (values, columns, [], false) }
    guard columns == 1 else {
      throw a.error("y", "MLPClassifier with a 2-D (multilabel) y is not emulated")
    }
    if values.contains(where: { $0 != $0.rounded() || !$0.isFinite }) {
      throw EvaluationError(
        "Unknown label type: continuous. Maybe you are trying to fit a classifier, which expects discrete classes on a regression target with continuous values.",
        at: a.range("y"), type: "ValueError")
    }
    var intLabels = !tensor.dtype.isFloatingPoint
    var classes = Array(Set(values)).sorted()
    if incremental {
      // partial_fit: the classes of the first call's `classes=` (or of the last fit), `y` within them.
      let given = (a.value("classes")).flatMap { $0.isNone ? nil : SampleOutput.asArray($0) }
      if previous == nil && given == nil {
        throw EvaluationError("classes must be passed on the first call to partial_fit.", at: a.callRange, type: "ValueError")
      }
      let known = previous?.classes ?? Array(Set(given?.doubles ?? [])).sorted()
      if let given, let previous, Array(Set(given.doubles)).sorted() != previous.classes {
        throw EvaluationError("`classes` is not the same as on last call to partial_fit", at: a.range("classes"), type: "ValueError")
      }
      if classes.contains(where: { !known.contains($0) }) {
        throw EvaluationError("`y` has classes not in `self.classes_`.", at: a.callRange, type: "ValueError")
      }
      if let previous { intLabels = previous.intLabels } else if let given { intLabels = !given.dtype.isFloatingPoint }
      classes = known
    } else if keepClasses, let previous {
      guard Set(classes) == Set(previous.classes) else {
        throw EvaluationError("warm_start can only be used where `y` has the same classes as in the previous call to fit.", at: a.callRange, type: "ValueError")
      }
      classes = previous.classes
    }
    guard classes.count >= 2 else {
      throw a.error("y", "MLPClassifier with a single class is not emulated")
    }
    if classes.count == 2 { return (values.map { $0 == classes[1] ? 1 : 0 }, 1, classes, intLabels) }
    var onehot = [Double](repeating: 0, count: rows * classes.count)
    for (r, v) in values.enumerated() { onehot[r * classes.count + (classes.firstIndex(of: v) ?? 0)] = 1 }
    return (onehot, classes.count, classes, intLabels)
  }

  private func fit(_ a: BoundArguments, incremental: Bool) throws {
    let p = try parameters(at: a.callRange)
    if incremental && p.earlyStopping {
      throw EvaluationError("partial_fit does not support early_stopping=True", at: a.callRange, type: "ValueError")
    }
    if let w = a.value("sample_weight"), !w.isNone {
      throw EvaluationError("\(estimator).fit(sample_weight=…) is not emulated", at: a.range("sample_weight"), type: "NotImplementedError")
    }
    let firstPass = state == nil || (!p.warmStart && !incremental)
    let data = try SKLearnScaling.matrix(a, "X", estimator: estimator, features: firstPass ? nil : state?.net.units[0])
    guard data.dtype == .float64 else {
      throw a.error("X", "\(estimator).fit on float32 X is not emulated (scikit-learn trains it in float32); pass float64")
    }
    let (y, outputs, classes, intLabels) = try targets(a, rows: data.rows, previous: firstPass ? nil : state, keepClasses: !firstPass, incremental: incremental)
    let units = [data.columns] + p.hidden + [outputs]
    let rs = try resolver.resolve(args.value("random_state") ?? .none, at: a.callRange)
    if firstPass {
      let output = isClassifier ? (outputs == 1 ? "logistic" : "softmax") : "identity"
      var coefs: [[Double]] = [], intercepts: [[Double]] = []
      for i in 0..<(units.count - 1) {
        let bound = (Double(p.activation == "logistic" ? 2 : 6) / Double(units[i] + units[i + 1])).squareRoot()
        func uniform(_ shape: Value, _ consumer: String) throws -> [Double] {
          var drawn: Value = .none
          try consuming(consumer, "init") {
            drawn = try SKLearnRandomState.call(rs, "uniform", [.float(-bound), .float(bound), shape], at: a.callRange)
          }
          guard case .object(let array as ArrayObject) = drawn else { throw EvaluationError("uniform drew no array", at: a.callRange) }
          return array.tensor.doubles
        }
        coefs.append(try uniform(.tuple([.int(PythonInt(units[i])), .int(PythonInt(units[i + 1]))]), "\(name).coefs_[\(i)]"))
        intercepts.append(try uniform(.int(PythonInt(units[i + 1])), "\(name).intercepts_[\(i)]"))
      }
      state = State(
        net: SKLearnMLPNetwork(units: units, activation: p.activation, output: output, coefs: coefs, intercepts: intercepts),
        classes: classes, intLabels: intLabels, outputs: outputs)
    } else if state?.net.units != units {
      throw EvaluationError("\(estimator) with warm_start needs the same layer sizes as the last fit", at: a.callRange, type: "ValueError")
    }
    try train(p, x: data.values, rows: data.rows, y: y, rs: rs, incremental: incremental, at: a.callRange)
  }

  /// `_fit_stochastic`: epochs until `max_iter` or the loss stalls (one epoch for `partial_fit`).
  private func train(
    _ p: Parameters, x: [Double], rows: Int, y: [Double], rs: RandomStateObject, incremental: Bool, at call: SourceRange
  ) throws {
    guard var s = state else { return }
    let columns = s.net.units[0], outputs = s.outputs
    let sizes = s.net.coefs.map(\.count) + s.net.intercepts.map(\.count)
    var optimizer = incremental ? s.optimizer : nil
    optimizer = optimizer ?? SKLearnMLPOptimizer(
      p.solver == "adam"
        ? .adam(beta1: p.beta1, beta2: p.beta2, epsilon: p.epsilon)
        : .sgd(schedule: p.schedule, momentum: p.momentum, nesterov: p.nesterov, powerT: p.powerT),
      rate: p.rate, sizes: sizes)
    var (trainX, trainY, trainRows) = (x, y, rows)
    var validation: (x: [Double], y: [Double], rows: Int)?
    if p.earlyStopping {
      var order: [Int] = []
      try consuming("\(name).fit", "split") { order = try SKLearnRandomState.permutation(rs, rows, at: call) }
      let nTest = Int((p.validationFraction * Double(rows)).rounded(.up))
      let test = Array(order[0..<nTest]), train = Array(order[nTest..<rows])
      func take(_ m: [Double], _ width: Int, _ idx: [Int]) -> [Double] { idx.flatMap { m[($0 * width)..<(($0 + 1) * width)] } }
      guard test.count >= 2 else {
        throw EvaluationError(
          "The validation set is too small. Increase 'validation_fraction' or the size of your dataset.", at: call, type: "ValueError")
      }
      validation = (take(x, columns, test), take(y, outputs, test), test.count)
      (trainX, trainY, trainRows) = (take(x, columns, train), take(y, outputs, train), train.count)
    }
    let batch = min(p.batchSize ?? 200, trainRows)
    var order = Array(0..<trainRows)
    let lossName = isClassifier ? (outputs == 1 ? "binary_log_loss" : "log_loss") : "squared_error"
    s.iterations = 0
    for _ in 0..<p.maxIter {
      if p.shuffle {
        var perm: [Int] = []
        try consuming("\(name).fit", "shuffle") { perm = try SKLearnRandomState.shuffledRange(rs, trainRows, at: call) }
        order = perm.map { order[$0] }
      }
      var accumulated = 0.0
      var start = 0
      while start < trainRows {
        let stop = min(start + batch, trainRows)
        let idx = p.shuffle ? Array(order[start..<stop]) : Array(start..<stop)
        let bx = idx.flatMap { trainX[($0 * columns)..<(($0 + 1) * columns)] }
        let by = idx.flatMap { trainY[($0 * outputs)..<(($0 + 1) * outputs)] }
        let (loss, coefGrads, interceptGrads) = s.net.gradients(bx, rows: idx.count, y: by, alpha: p.alpha, loss: lossName)
        accumulated += loss * Double(stop - start)
        var params = s.net.coefs + s.net.intercepts
        optimizer?.update(&params, coefGrads + interceptGrads)
        let layers = s.net.coefs.count
        s.net.coefs = Array(params[0..<layers])
        s.net.intercepts = Array(params[layers...])
        start = stop
      }
      s.iterations += 1
      s.loss = accumulated / Double(trainRows)
      s.samplesSeen += trainRows
      s.lossCurve.append(s.loss)
      if let v = validation {
        let predicted = s.net.forward(v.x, rows: v.rows).last ?? []
        let score = Self.r2(v.y, predicted, rows: v.rows)
        s.validationScores.append(score)
        if score < s.bestValidation + p.tol { s.noImprovement += 1 } else { s.noImprovement = 0 }
        if score > s.bestValidation {
          s.bestValidation = score
          s.best = (s.net.coefs, s.net.intercepts)
        }
      } else {
        if s.loss > s.bestLoss - p.tol { s.noImprovement += 1 } else { s.noImprovement = 0 }
        if s.loss < s.bestLoss { s.bestLoss = s.loss }
      }
      optimizer?.epochEnded(samples: s.samplesSeen)
      if s.noImprovement > p.patience {
        if optimizer?.stalled() ?? true { break }
        s.noImprovement = 0
      }
      if incremental { break }
    }
    s.optimizer = optimizer
    if validation != nil, let best = s.best { (s.net.coefs, s.net.intercepts) = best }
    for w in s.net.coefs + s.net.intercepts where w.contains(where: { !$0.isFinite }) {
      state = s
      throw EvaluationError(
        "Solver produced non-finite parameter weights. The input data may contain large values and need to be preprocessed.", at: call,
        type: "ValueError")
    }
    state = s
  }

  /// `r2_score` averaged over the outputs.
  static func r2(_ y: [Double], _ predicted: [Double], rows: Int) -> Double {
    let outputs = y.count / max(rows, 1)
    var scores: [Double] = []
    for c in 0..<outputs {
      let truth = (0..<rows).map { y[$0 * outputs + c] }
      let guess = (0..<rows).map { predicted[$0 * outputs + c] }
      let mean = NumPyArithmetic.pairwiseSum(truth[...]) / Double(rows)
      let numerator = NumPyArithmetic.pairwiseSum(zip(truth, guess).map { (1.0 * (($0 - $1) * ($0 - $1))) }[...])
      let denominator = NumPyArithmetic.pairwiseSum(truth.map { 1.0 * (($0 - mean) * ($0 - mean)) }[...])
      scores.append(denominator != 0 ? 1 - numerator / denominator : (numerator == 0 ? 1 : 0))
    }
    return scores.reduce(0, +) / Double(outputs)
  }

  private func outputs(_ a: BoundArguments) throws -> (State, [Double], Int) {
    guard let s = state else {
      throw EvaluationError(
        "This \(estimator) instance is not fitted yet. Call 'fit' with appropriate arguments before using this estimator.",
        at: a.callRange, type: "sklearn.exceptions.NotFittedError")
    }
    let data = try SKLearnScaling.matrix(a, "X", estimator: estimator, features: s.net.units[0])
    return (s, s.net.forward(data.values, rows: data.rows).last ?? [], data.rows)
  }

  private func predictions(_ a: BoundArguments) throws -> (State, [Double], Int) {
    let (s, out, rows) = try outputs(a)
    guard isClassifier else { return (s, out, rows) }
    if s.outputs == 1 { return (s, out.map { s.classes[$0 > 0.5 ? 1 : 0] }, rows) }
    let k = s.outputs
    let labels = (0..<rows).map { r -> Double in
      var best = 0
      for j in 1..<k where out[r * k + j] > out[r * k + best] { best = j }
      return s.classes[best]
    }
    return (s, labels, rows)
  }

  private func predict(_ a: BoundArguments) throws -> Value {
    let (s, values, rows) = try predictions(a)
    if isClassifier { return NumPyResult.array(labels(values, s)) }
    return NumPyResult.array(Tensor(shape: s.outputs == 1 ? [rows] : [rows, s.outputs], float64: values))
  }

  private func score(_ a: BoundArguments) throws -> Double {
    let (_, values, rows) = try predictions(a)
    let value = a.value("y") ?? .none
    guard let truth = SampleOutput.asArray(value)?.doubles, truth.count == values.count else {
      throw a.error("y", "\(estimator).score takes y with one value per prediction")
    }
    if isClassifier { return Double(zip(values, truth).filter { $0 == $1 }.count) / Double(rows) }
    return Self.r2(truth, values, rows: rows)
  }
}
