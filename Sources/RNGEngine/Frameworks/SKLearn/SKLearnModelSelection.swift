import PythonSubset

/// `sklearn.model_selection` in `rngdiff run`: `train_test_split` and
/// `KFold`, with scikit-learn 1.9's draws and messages.
///
/// ```python
/// from sklearn.model_selection import train_test_split, KFold
/// x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=0)
/// for train, test in KFold(5, shuffle=True, random_state=1).split(x): ...
/// ```
///
/// - `train_test_split` shuffles with one `permutation(n)` of
///   `check_random_state(random_state)`: the test rows are its first
///   `n_test` entries, the train rows the next `n_train`, in that order.
///   `shuffle=False` takes the first `n_train` rows for training.
/// - `KFold.split` is lazy, as scikit-learn's generator: the shuffle
///   (`rng.shuffle(np.arange(n))`) happens when the loop asks for the first
///   fold; each fold's train and test indices come out sorted.
///
/// Edge case: `stratify=` is refused (StratifiedShuffleSplit is not emulated).
enum SKLearnModelSelection {
  static func namespace(randomState: SKLearnRandomState) -> Namespace {
    let ns = Namespace(name: "sklearn.model_selection")
    ns.define("train_test_split(*arrays, test_size=None, train_size=None, random_state=None, shuffle=True, stratify=None)") { args in
      try trainTestSplit(args, randomState: randomState)
    }
    ns.define("KFold(n_splits=5, *, shuffle=False, random_state=None)") { args in
      .object(try SKLearnKFold(args, randomState: randomState))
    }
    return ns
  }

  static func trainTestSplit(_ args: BoundArguments, randomState: SKLearnRandomState) throws -> Value {
    try validateParameters(args)
    let arrays = args.extraPositional
    guard let first = arrays.first else {
      throw EvaluationError("At least one array required as input", at: args.callRange, type: "ValueError")
    }
    let n = try SKLearnIndexing.commonLength(of: arrays, at: args.callRange)
    let (nTrain, nTest) = try SKLearnSplitSizes.validate(
      samples: n, testSize: args.value("test_size") ?? .none, trainSize: args.value("train_size") ?? .none,
      defaultTestSize: 0.25, at: args.callRange)
    let shuffle = args.value("shuffle")?.isTruthy ?? true  // a bool, checked above
    if let stratify = args.value("stratify"), !stratify.isNone {
      if !shuffle {
        throw args.error("stratify", "Stratified train/test split is not implemented for shuffle=False")
      }
      throw args.error("stratify", "train_test_split(stratify=...) is not emulated by rngdiff run (StratifiedShuffleSplit); accepted: stratify=None")
    }
    let train: [Int], test: [Int]
    if shuffle {
      let rng = try randomState.resolve(args.value("random_state") ?? .none, at: args.range("random_state"))
      let permutation = try SKLearnRandomState.permutation(rng, n, at: first.range)
      test = Array(permutation[0..<nTest])
      train = Array(permutation[nTest..<(nTest + nTrain)])
    } else {
      train = Array(0..<nTrain)
      test = Array(nTrain..<(nTrain + nTest))
    }
    var parts: [Value] = []
    for array in arrays {
      parts.append(try SKLearnIndexing.take(array.value, train, at: array.range))
      parts.append(try SKLearnIndexing.take(array.value, test, at: array.range))
    }
    return .object(ListObject(parts))
  }
}

extension SKLearnModelSelection {
  /// `train_test_split`'s `@validate_params`, in its parameters' order:
  /// `InvalidParameterError` (a `ValueError`) with scikit-learn's sentence.
  static func validateParameters(_ args: BoundArguments) throws {
    func refuse(_ name: String, _ expected: String) -> EvaluationError {
      EvaluationError(
        "The '\(name)' parameter of train_test_split must be \(expected). Got \((args.value(name) ?? .none).repr) instead.",
        at: args.range(name), type: "sklearn.utils._param_validation.InvalidParameterError")
    }
    for name in ["test_size", "train_size"] {
      switch args.value(name) ?? .none {
      case .none: continue
      case .float(let f) where f > 0 && f < 1: continue
      case .int(let i) where i >= PythonInt(1): continue
      default: throw refuse(name, "a float in the range (0.0, 1.0), an int in the range [1, inf) or None")
      }
    }
    switch args.value("random_state") ?? .none {
    case .none, .object(is RandomStateObject): break
    case .int(let i) where i >= PythonInt(0) && i <= PythonInt(4_294_967_295): break
    default:
      throw refuse("random_state", "an int in the range [0, 4294967295], an instance of 'numpy.random.mtrand.RandomState' or None")
    }
    switch args.value("shuffle") ?? .bool(true) {
    case .bool: break
    default: throw refuse("shuffle", "an instance of 'bool' or an instance of 'numpy.bool'")
    }
  }
}

/// scikit-learn's `_validate_shuffle_split`: the train and test sizes from
/// `test_size` and `train_size` (a float is a fraction, an int a count).
enum SKLearnSplitSizes {
  enum Size {
    case none, fraction(Double), count(Int)
    init(_ value: Value, name: String, at range: SourceRange) throws {
      switch value {
      case .none: self = .none
      case .float(let f): self = .fraction(f)
      case .int(let i):
        guard let n = i.int else { throw EvaluationError("\(name)=\(i) is too large", at: range, type: "ValueError") }
        self = .count(n)
      default: throw EvaluationError("Invalid value for \(name): \(value.repr)", at: range, type: "ValueError")
      }
    }
    var text: String {
      switch self {
      case .none: return "None"
      case .fraction(let f): return PythonFloat.repr(f)
      case .count(let n): return String(n)
      }
    }
  }

  static func validate(samples n: Int, testSize: Value, trainSize: Value, defaultTestSize: Double, at range: SourceRange) throws -> (train: Int, test: Int) {
    var test = try Size(testSize, name: "test_size", at: range)
    let train = try Size(trainSize, name: "train_size", at: range)
    if case .none = test, case .none = train { test = .fraction(defaultTestSize) }
    for (size, name) in [(test, "test_size"), (train, "train_size")] {
      let bad: Bool
      switch size {
      case .count(let c): bad = c >= n || c <= 0
      case .fraction(let f): bad = f <= 0 || f >= 1
      case .none: bad = false
      }
      if bad {
        throw EvaluationError(
          "\(name)=\(size.text) should be either positive and smaller than the number of samples \(n) or a float in the (0, 1) range",
          at: range, type: "ValueError")
      }
    }
    if case .fraction(let a) = train, case .fraction(let b) = test, a + b > 1 {
      throw EvaluationError(
        "The sum of test_size and train_size = \(PythonFloat.repr(a + b)), should be in the (0, 1) range. Reduce test_size and/or train_size.",
        at: range, type: "ValueError")
    }
    var nTest = 0.0, nTrain = 0.0
    switch test {
    case .fraction(let f): nTest = (f * Double(n)).rounded(.up)
    case .count(let c): nTest = Double(c)
    case .none: break
    }
    switch train {
    case .fraction(let f): nTrain = (f * Double(n)).rounded(.down)
    case .count(let c): nTrain = Double(c)
    case .none: nTrain = Double(n) - nTest
    }
    if case .none = test { nTest = Double(n) - nTrain }
    if nTrain + nTest > Double(n) {
      throw EvaluationError(
        "The sum of train_size and test_size = \(Int(nTrain + nTest)), should be smaller than the number of samples \(n). Reduce test_size and/or train_size.",
        at: range, type: "ValueError")
    }
    if Int(nTrain) == 0 {
      throw EvaluationError(
        "With n_samples=\(n), test_size=\(test.text) and train_size=\(train.text), the resulting train set will be empty. Adjust any of the aforementioned parameters.",
        at: range, type: "ValueError")
    }
    return (Int(nTrain), Int(nTest))
  }
}
