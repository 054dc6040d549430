import PythonSubset
import RNGTrace

extension ScriptModules {
  /// The scikit-learn modules `import` accepts.
  static let sklearnModules = ["sklearn", "sklearn.model_selection"]

  /// `import sklearn` / `from sklearn.model_selection import …`: scikit-learn
  /// 1.9.1's splitters over the script's NumPy (``SKLearnModelSelection``).
  ///
  /// Importing `sklearn.model_selection` imports `sklearn.callback`, whose
  /// progress bar imports `rich` when it is installed (it is, in the
  /// reference environment, with Keras): the first of the imports that load
  /// Rich takes its word of Python's `random` (measured: `random.seed(1);
  /// import sklearn.model_selection; random.random()` gives the value after
  /// one `getrandbits(24)`); `import sklearn` alone draws nothing.
  func sklearnModule(_ name: String, at range: SourceRange) throws -> Value {
    if let made = loaded[name] { return made }
    let numpy = try numPy()
    guard let constructor = numpy.namespace["RandomState"], case .object(let randomState) = constructor else {
      throw EvaluationError("the sklearn module could not be made", at: range)
    }
    let resolver = SKLearnRandomState(global: { numpy.global }) { seed, range in
      try randomState.call(Arguments(positional: [Located(seed, range)], callRange: range, calleeRange: range))
    }
    let selection = loaded["sklearn.model_selection"] ?? .object(SKLearnModelSelection.namespace(randomState: resolver))
    if name == "sklearn.model_selection" {
      try importRich()
      loaded[name] = selection
    }
    let top = loaded["sklearn"] ?? .object(Namespace(name: "sklearn", members: ["__version__": .string("1.9.1")]))
    if case .object(let sklearn as Namespace) = top, loaded["sklearn.model_selection"] != nil {
      sklearn.define("model_selection", selection)
    }
    loaded["sklearn"] = top
    importedSKLearn = true
    return loaded[name]!
  }
}
