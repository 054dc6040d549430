import PythonSubset

extension SKLearnClassification {
  /// `make_classification`'s `@validate_params`, in its parameters' order:
  /// `InvalidParameterError` (a `ValueError`) with scikit-learn's sentence.
  ///
  /// ```python
  /// make_classification(n_samples=0)   # The 'n_samples' parameter of make_classification must be an int in the range [1, inf). Got 0 instead.
  /// ```
  ///
  /// Edge cases, as in scikit-learn: a bool passes as an int or a float
  /// (`flip_y=True`), a float never passes as an int (`n_samples=2.0`).
  static func validate(_ args: BoundArguments) throws {
    func refuse(_ name: String, _ expected: String) -> EvaluationError {
      EvaluationError(
        "The '\(name)' parameter of make_classification must be \(expected). Got \((args.value(name) ?? .none).repr) instead.",
        at: args.range(name), type: "sklearn.utils._param_validation.InvalidParameterError")
    }
    func integer(_ v: Value) -> PythonInt? {
      switch v {
      case .int(let i): return i
      case .bool(let b): return PythonInt(b ? 1 : 0)
      default: return nil
      }
    }
    func real(_ v: Value) -> Double? {
      switch v {
      case .int, .bool, .float: return BoundArguments.asDouble(v)
      default: return nil
      }
    }
    func arrayLike(_ v: Value) -> Bool {
      switch v {
      case .tuple: return true
      case .object(let o): return o is ListObject || (o as? ArrayObject).map { $0.tensor.rank > 0 } ?? false
      default: return false
      }
    }
    for (name, low) in [
      ("n_samples", 1), ("n_features", 1), ("n_informative", 1), ("n_redundant", 0), ("n_repeated", 0), ("n_classes", 1),
      ("n_clusters_per_class", 1),
    ] {
      guard let v = args.value(name) else { continue }
      guard let i = integer(v), i >= PythonInt(low) else { throw refuse(name, "an int in the range [\(low), inf)") }
    }
    if let v = args.value("weights"), !v.isNone, !arrayLike(v) { throw refuse("weights", "an array-like or None") }
    if let v = args.value("flip_y") {
      guard let f = real(v), f >= 0, f <= 1 else { throw refuse("flip_y", "a float in the range [0.0, 1.0]") }
    }
    if let v = args.value("class_sep") {
      guard let f = real(v), f > 0 else { throw refuse("class_sep", "a float in the range (0.0, inf)") }
    }
    if let v = args.value("hypercube"), !v.isBool { throw refuse("hypercube", "an instance of 'bool' or an instance of 'numpy.bool'") }
    if let v = args.value("shift"), !v.isNone, real(v) == nil, !arrayLike(v) {
      throw refuse("shift", "a float in the range (-inf, inf), an array-like or None")
    }
    if let v = args.value("scale"), !v.isNone, !arrayLike(v) {
      guard let f = real(v), f > 0 else { throw refuse("scale", "a float in the range (0.0, inf), an array-like or None") }
    }
    if let v = args.value("shuffle"), !v.isBool { throw refuse("shuffle", "an instance of 'bool' or an instance of 'numpy.bool'") }
    switch args.value("random_state") ?? .none {
    case .none, .object(is RandomStateObject), .bool: break
    case .int(let i) where i >= PythonInt(0) && i <= PythonInt(4_294_967_295): break
    default:
      throw refuse("random_state", "an int in the range [0, 4294967295], an instance of 'numpy.random.mtrand.RandomState' or None")
    }
    if let v = args.value("return_X_y"), !v.isBool {
      throw refuse("return_X_y", "an instance of 'bool' or an instance of 'numpy.bool'")
    }
  }
}

extension Value {
  /// A Python bool (what scikit-learn's "boolean" constraint accepts).
  fileprivate var isBool: Bool {
    if case .bool = self { return true }
    return false
  }
}
