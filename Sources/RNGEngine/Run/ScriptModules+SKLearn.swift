import PythonSubset
import RNGTrace

extension ScriptModules {
  /// The scikit-learn modules `import` accepts.
  static let sklearnModules = ["sklearn", "sklearn.datasets", "sklearn.linear_model", "sklearn.model_selection", "sklearn.neural_network", "sklearn.preprocessing", "sklearn.utils", "sklearn.utils.random"]

  /// `import sklearn` / `from sklearn.model_selection import …`: scikit-learn
  /// 1.9.1's splitters, `make_blobs`, `make_classification`, `utils.shuffle`
  /// and `utils.random.sample_without_replacement` over the script's NumPy
  /// (``SKLearnModelSelection``, ``SKLearnDatasets``, ``SKLearnClassification``,
  /// ``SKLearnSampleWithoutReplacement``), the scalers, `LogisticRegression`
  /// (``SKLearnLogisticRegression``) and `MLPClassifier`/`MLPRegressor`
  /// (``SKLearnMLP``, its draws attributed to the estimator through the recorder).
  ///
  /// Importing `sklearn.model_selection`, `sklearn.datasets`, `sklearn.linear_model`, `sklearn.neural_network` or `sklearn.preprocessing` imports
  /// `sklearn.callback`, whose progress bar imports `rich` when it is
  /// installed (it is, in the reference environment, with Keras): the first
  /// of the imports that load Rich takes its word of Python's `random`
  /// (measured: `random.seed(1); import sklearn.model_selection;
  /// random.random()` gives the value after one `getrandbits(24)`);
  /// `import sklearn`, `import sklearn.utils` and `import sklearn.utils.random` draw nothing.
  func sklearnModule(_ name: String, at range: SourceRange) throws -> Value {
    if let made = loaded[name] { return made }
    let numpy = try numPy()
    guard let constructor = numpy.namespace["RandomState"], case .object(let randomState) = constructor else {
      throw EvaluationError("the sklearn module could not be made", at: range)
    }
    let resolver = SKLearnRandomState(global: { numpy.global }) { seed, range in
      try randomState.call(Arguments(positional: [Located(seed, range)], callRange: range, calleeRange: range))
    }
    let top: Namespace
    if case .object(let made as Namespace)? = loaded["sklearn"] {
      top = made
    } else {
      top = Namespace(name: "sklearn", members: ["__version__": .string("1.9.1")])
      loaded["sklearn"] = .object(top)
    }
    importedSKLearn = true
    guard name != "sklearn" else { return .object(top) }
    if name == "sklearn.utils.random" {
      // `import sklearn.utils.random` loads sklearn.utils first and becomes its attribute `random`.
      guard case .object(let utils as Namespace) = try sklearnModule("sklearn.utils", at: range) else {
        throw EvaluationError("the sklearn.utils module could not be made", at: range)
      }
      let module = SKLearnSampleWithoutReplacement.namespace(randomState: resolver)
      utils.define("random", .object(module))
      loaded[name] = .object(module)
      return .object(module)
    }
    let module: Namespace
    switch name {
    case "sklearn.datasets": module = SKLearnDatasets.namespace(randomState: resolver)
    case "sklearn.linear_model":
      module = Namespace(name: name)
      module.define(SKLearnLogisticRegression.signature) { args in .object(SKLearnLogisticRegression(args, randomState: resolver)) }
    case "sklearn.neural_network":
      module = Namespace(name: name)
      var made: [Bool: Int] = [:]
      let recorder = self.recorder
      let consuming: (String, String, () throws -> Void) throws -> Void = { path, role, body in
        if let recorder { try recorder.consuming(path, role: role, body) } else { try body() }
      }
      for classifier in [true, false] {
        module.define(classifier ? SKLearnMLP.classifierSignature : SKLearnMLP.regressorSignature) { args in
          made[classifier, default: 0] += 1
          let name = "\(classifier ? "MLPClassifier" : "MLPRegressor")#\(made[classifier] ?? 1)"
          return .object(SKLearnMLP(classifier: classifier, args, randomState: resolver, name: name, consuming: consuming))
        }
      }
    case "sklearn.utils": module = SKLearnDatasets.utils(randomState: resolver)
    case "sklearn.preprocessing":
      module = Namespace(name: name)
      module.define("MinMaxScaler(feature_range=(0, 1), *, copy=True, clip=False)") { args in .object(try SKLearnMinMaxScaler(args)) }
      module.define("StandardScaler(*, copy=True, with_mean=True, with_std=True)") { args in .object(SKLearnStandardScaler(args)) }
    default: module = SKLearnModelSelection.namespace(randomState: resolver)
    }
    if name != "sklearn.utils" { try importRich() }
    loaded[name] = .object(module)
    top.define(String(name.dropFirst("sklearn.".count)), .object(module))
    return .object(module)
  }
}
