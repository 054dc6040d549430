import PythonSubset

/// `sklearn.model_selection.KFold(n_splits=5, *, shuffle=False, random_state=None)`.
///
/// `split(X)` is lazy, as scikit-learn's generator: nothing is checked or
/// drawn until the loop asks for the first fold; then the indices are
/// `rng.shuffle(np.arange(n))` of `check_random_state(random_state)` (with
/// `shuffle=True`), cut into `n_splits` folds, the first `n % n_splits` one
/// longer; each fold yields `(train, test)`, both sorted.
///
/// ```python
/// kf = KFold(3, shuffle=True, random_state=0)
/// for train, test in kf.split(x): ...     # RandomState(0) made anew by every split()
/// ```
///
/// Edge case: an int `random_state` gives the same folds at every `split`;
/// a `RandomState` object moves on, so a second `split` gives other folds.
final class SKLearnKFold: PythonObject {
  let splits: Int
  let shuffle: Bool
  let randomState: Value
  let resolver: SKLearnRandomState

  init(_ args: BoundArguments, randomState resolver: SKLearnRandomState) throws {
    let value = args.value("n_splits") ?? .int(PythonInt(5))
    guard case .int(let i) = value, let n = i.int else {
      throw EvaluationError(
        "The number of folds must be of Integral type. \(value.repr) of type <class '\(value.typeName)'> was passed.",
        at: args.range("n_splits"), type: "ValueError")
    }
    guard n > 1 else {
      throw EvaluationError(
        "k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, got n_splits=\(n).",
        at: args.range("n_splits"), type: "ValueError")
    }
    let shuffleValue = args.value("shuffle") ?? .bool(false)
    guard case .bool(let shuffle) = shuffleValue else {
      throw EvaluationError("shuffle must be True or False; got \(shuffleValue.repr)", at: args.range("shuffle"), type: "TypeError")
    }
    let randomState = args.value("random_state") ?? .none
    if !shuffle && !randomState.isNone {
      throw EvaluationError(
        "Setting a random_state has no effect since shuffle is False. You should leave random_state to its default (None), or set shuffle=True.",
        at: args.range("random_state"), type: "ValueError")
    }
    splits = n
    self.shuffle = shuffle
    self.randomState = randomState
    self.resolver = resolver
  }

  var typeName: String { "KFold" }
  var repr: String { "KFold(n_splits=\(splits), random_state=\(randomState.repr), shuffle=\(shuffle ? "True" : "False"))" }
  var attributeNames: [String] { ["get_n_splits", "n_splits", "random_state", "shuffle", "split"] }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "n_splits": return .int(PythonInt(splits))
    case "shuffle": return .bool(shuffle)
    case "random_state": return randomState
    case "get_n_splits":
      return .object(BuiltinFunction(signature: Signature("get_n_splits(X=None, y=None, groups=None)")) { [splits] _ in .int(PythonInt(splits)) })
    case "split":
      return .object(BuiltinFunction(signature: Signature("split(X, y=None, groups=None)")) { [self] args in
        .object(Folds(kfold: self, x: args.value("X") ?? .none))
      })
    default: return nil
    }
  }

  /// One `split(X)`: a lazy generator of `(train, test)` pairs.
  final class Folds: PythonIterable {
    let kfold: SKLearnKFold
    let x: Value
    var started = false

    init(kfold: SKLearnKFold, x: Value) {
      self.kfold = kfold
      self.x = x
    }

    var typeName: String { "generator" }

    func makeIterator(at range: SourceRange) throws -> any PythonIterator {
      // A generator runs once: iterating it again gives nothing.
      defer { started = true }
      return Iterator(folds: started ? nil : self)
    }

    /// The folds, computed when the loop at `range` asks for the first.
    func folds(at range: SourceRange) throws -> [Value] {
      let n = try SKLearnIndexing.length(of: x, at: range)
      guard kfold.splits <= n else {
        throw EvaluationError(
          "Cannot have number of splits n_splits=\(kfold.splits) greater than the number of samples: n_samples=\(n).",
          at: range, type: "ValueError")
      }
      var indices = Array(0..<n)
      if kfold.shuffle {
        indices = try SKLearnRandomState.shuffledRange(try kfold.resolver.resolve(kfold.randomState, at: range), n, at: range)
      }
      var out: [Value] = []
      var start = 0
      for k in 0..<kfold.splits {
        let size = n / kfold.splits + (k < n % kfold.splits ? 1 : 0)
        let test = Set(indices[start..<(start + size)])
        start += size
        out.append(.tuple([
          SKLearnIndexing.array((0..<n).filter { !test.contains($0) }), SKLearnIndexing.array(test.sorted()),
        ]))
      }
      return out
    }

    final class Iterator: PythonIterator {
      let folds: Folds?
      var pending: [Value]?
      init(folds: Folds?) { self.folds = folds }
      func next(at range: SourceRange) throws -> Value? {
        guard let folds else { return nil }
        if pending == nil { pending = try folds.folds(at: range) }
        return pending!.isEmpty ? nil : pending!.removeFirst()
      }
    }
  }
}
