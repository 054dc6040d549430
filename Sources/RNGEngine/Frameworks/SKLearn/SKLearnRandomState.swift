import PythonSubset

/// scikit-learn's `check_random_state`, over the script's NumPy: `None` is
/// NumPy's global `RandomState` (what `np.random.seed` seeds), an int makes
/// a new `np.random.RandomState(seed)` (so an estimator or splitter given an
/// int starts over at every call that asks for its state), and a
/// `RandomState` is used as it is, carrying on from call to call.
///
/// ```python
/// train_test_split(x, random_state=0)                       # RandomState(0).permutation(n)
/// train_test_split(x, random_state=np.random.RandomState(0))  # that object, moved on
/// train_test_split(x)                                       # np.random's global state
/// ```
///
/// Edge case: a NumPy `Generator` is refused, as scikit-learn refuses it.
struct SKLearnRandomState {
  /// NumPy's global `RandomState` object.
  let global: () throws -> RandomStateObject
  /// `np.random.RandomState(seed)`.
  let make: (Value, SourceRange) throws -> Value

  func resolve(_ seed: Value, at range: SourceRange) throws -> RandomStateObject {
    switch seed {
    case .none: return try global()
    case .int, .bool:
      guard case .object(let state as RandomStateObject) = try make(seed, range) else {
        throw EvaluationError("np.random.RandomState(\(seed.repr)) could not be made", at: range)
      }
      return state
    case .object(let state as RandomStateObject): return state
    default:
      throw EvaluationError("\(seed.repr) cannot be used to seed a numpy.random.RandomState instance", at: range, type: "ValueError")
    }
  }

  /// `rng.permutation(n)` through the object's own method, so its draw is recorded as NumPy's.
  static func permutation(_ state: RandomStateObject, _ n: Int, at range: SourceRange) throws -> [Int] {
    try indices(call(state, "permutation", .int(PythonInt(n)), at: range), at: range)
  }

  /// `rng.shuffle(np.arange(n))` through the object's own method: the shuffled indices.
  static func shuffledRange(_ state: RandomStateObject, _ n: Int, at range: SourceRange) throws -> [Int] {
    let array = ArrayObject(Tensor(shape: [n], int64: (0..<Int64(n)).map { $0 }), kind: .numpy)
    _ = try call(state, "shuffle", .object(array), at: range)
    return try indices(.object(array), at: range)
  }

  private static func call(_ state: RandomStateObject, _ method: String, _ argument: Value, at range: SourceRange) throws -> Value {
    try call(state, method, [argument], at: range)
  }

  /// `state.method(*positional, **keywords)` through the object's own method, so its draw is recorded as NumPy's.
  static func call(
    _ state: RandomStateObject, _ method: String, _ positional: [Value], _ keywords: [(String, Value)] = [], at range: SourceRange
  ) throws -> Value {
    guard case .object(let function)? = try state.attribute(method) else {
      throw EvaluationError("RandomState.\(method) is not available", at: range)
    }
    return try function.call(Arguments(
      positional: positional.map { Located($0, range) }, keywords: keywords.map { ($0.0, Located($0.1, range)) },
      callRange: range, calleeRange: range))
  }

  private static func indices(_ value: Value, at range: SourceRange) throws -> [Int] {
    guard case .object(let array as ArrayObject) = value, case .int(let values) = array.tensor.storage else {
      throw EvaluationError("a permutation of integers was expected", at: range)
    }
    return values.map { Int($0) }
  }
}
