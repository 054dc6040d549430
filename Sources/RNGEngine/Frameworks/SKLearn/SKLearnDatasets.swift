import PythonSubset

/// `sklearn.datasets.make_blobs` (and ``SKLearnClassification``'s
/// `make_classification`) and `sklearn.utils.shuffle` in `rngdiff
/// run`, with scikit-learn 1.9's draws on `check_random_state(random_state)`.
///
/// ```python
/// x, y = make_blobs(n_samples=60, centers=3, n_features=2, random_state=0)
/// # uniform(-10, 10, size=(3, 2)) for the centers, normal(center, std, size=(20, 2)) per center,
/// # then shuffle(np.arange(60)) and the rows taken in that order
/// x, y = shuffle(x, y, random_state=1)
/// ```
///
/// Edge cases: `n_samples` as a list (samples per center) and array
/// `centers` are accepted; `cluster_std` may be one number or one per center.
enum SKLearnDatasets {
  static func namespace(randomState: SKLearnRandomState) -> Namespace {
    let ns = Namespace(name: "sklearn.datasets")
    ns.define("make_blobs(n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, center_box=(-10.0, 10.0), shuffle=True, random_state=None, return_centers=False)") { args in
      try makeBlobs(args, randomState: randomState)
    }
    ns.define(
      "make_classification(n_samples=100, n_features=20, *, n_informative=2, n_redundant=2, n_repeated=0, n_classes=2, n_clusters_per_class=2, weights=None, flip_y=0.01, class_sep=1.0, hypercube=True, shift=0.0, scale=1.0, shuffle=True, random_state=None, return_X_y=True)"
    ) { args in
      try SKLearnClassification.makeClassification(args, randomState: randomState)
    }
    return ns
  }

  static func utils(randomState: SKLearnRandomState) -> Namespace {
    let ns = Namespace(name: "sklearn.utils")
    ns.define("shuffle(*arrays, random_state=None, n_samples=None)") { args in
      let arrays = args.extraPositional
      guard let first = arrays.first else { return .none }
      let rng = try randomState.resolve(args.value("random_state") ?? .none, at: args.range("random_state"))
      let n = try SKLearnIndexing.length(of: first.value, at: first.range)
      var take = n
      if let wanted = try args.intValue("n_samples") {
        guard wanted <= n else {
          throw args.error("n_samples", "Cannot sample \(wanted) out of arrays with dim \(n) when replace is False")
        }
        take = wanted
      }
      let rows = try shuffled(arrays, rng: rng, count: take, at: args.callRange)
      return rows.count == 1 ? rows[0] : .object(ListObject(rows))
    }
    return ns
  }

  /// `resample(*arrays, replace=False)`: `rng.shuffle(np.arange(n))`, the first `count` of it, each array's rows in that order.
  private static func shuffled(_ arrays: [Located<Value>], rng: RandomStateObject, count: Int, at range: SourceRange) throws -> [Value] {
    let n = try SKLearnIndexing.commonLength(of: arrays, at: range)
    let order = Array(try SKLearnRandomState.shuffledRange(rng, n, at: range).prefix(count))
    return try arrays.map { try SKLearnIndexing.take($0.value, order, at: $0.range) }
  }

  private static func makeBlobs(_ args: BoundArguments, randomState: SKLearnRandomState) throws -> Value {
    let rng = try randomState.resolve(args.value("random_state") ?? .none, at: args.range("random_state"))
    let range = args.callRange
    var features = try args.intValue("n_features") ?? 2
    guard features >= 1 else { throw args.error("n_features", "The 'n_features' parameter of make_blobs must be an int in the range [1, inf). Got \(features) instead.") }
    let box = Builtins.items(of: args.value("center_box") ?? .none)?.compactMap { BoundArguments.asDouble($0) } ?? [-10, 10]
    guard box.count == 2 else { throw args.error("center_box", "make_blobs() argument 'center_box' must be a tuple (low, high)") }
    // The centers: drawn, or given as rows.
    var centers: [[Double]]
    var perCenter: [Int]
    let samples = args.value("n_samples") ?? .int(PythonInt(100))
    func drawnCenters(_ count: Int) throws -> [[Double]] {
      let drawn = try SKLearnRandomState.call(
        rng, "uniform", [.float(box[0]), .float(box[1])], [("size", .tuple([.int(PythonInt(count)), .int(PythonInt(features))]))], at: range)
      return try rows(of: drawn, at: range)
    }
    if case .int(let i) = samples, let n = i.int {
      guard n >= 1 else { throw args.error("n_samples", "The 'n_samples' parameter of make_blobs must be an int in the range [1, inf) or an array-like. Got \(n) instead.") }
      switch args.value("centers") ?? .none {
      case .none: centers = try drawnCenters(3)
      case .int(let c): centers = try drawnCenters(c.int ?? 0)
      case let given:
        centers = try rows(of: given, at: args.range("centers"))
        features = centers.first?.count ?? features
      }
      let count = centers.count
      guard count > 0 else { throw args.error("centers", "make_blobs() needs at least one center") }
      perCenter = Array(repeating: n / count, count: count)
      for k in 0..<(n % count) { perCenter[k] += 1 }
    } else {
      guard let list = Builtins.items(of: samples) else { throw args.error("n_samples", "make_blobs() argument 'n_samples' must be an int or a list of ints") }
      perCenter = list.compactMap { BoundArguments.asInt($0)?.int }
      if let given = args.value("centers"), !given.isNone {
        centers = try rows(of: given, at: args.range("centers"))
        guard centers.count == perCenter.count else {
          throw args.error("centers", "Length of `n_samples` not consistent with number of centers. Got n_samples = \(samples.repr) and centers = \(given.repr)")
        }
        features = centers.first?.count ?? features
      } else {
        centers = try drawnCenters(perCenter.count)
      }
    }
    let stdValue = args.value("cluster_std") ?? .float(1)
    let stds: [Double]
    if let one = BoundArguments.asDouble(stdValue) {
      stds = Array(repeating: one, count: centers.count)
    } else if let list = Builtins.items(of: stdValue)?.compactMap({ BoundArguments.asDouble($0) }), list.count == centers.count {
      stds = list
    } else {
      throw args.error("cluster_std", "Length of `clusters_std` not consistent with number of centers. Got centers = \(centers) and cluster_std = \(stdValue.repr)")
    }
    var x: [Double] = [], y: [Int64] = []
    for (k, center) in centers.enumerated() where perCenter[k] > 0 {
      let loc = Value.object(ArrayObject(Tensor(shape: [center.count], float64: center), kind: .numpy))
      let drawn = try SKLearnRandomState.call(
        rng, "normal", [], [("loc", loc), ("scale", .float(stds[k])), ("size", .tuple([.int(PythonInt(perCenter[k])), .int(PythonInt(features))]))],
        at: range)
      x += try rows(of: drawn, at: range).flatMap { $0 }
      y += Array(repeating: Int64(k), count: perCenter[k])
    }
    var xy: [Value] = [
      NumPyResult.array(Tensor(shape: [y.count, features], float64: x)), NumPyResult.array(Tensor(shape: [y.count], int64: y)),
    ]
    if args.value("shuffle")?.isTruthy ?? true {
      xy = try shuffled(xy.map { Located($0, range) }, rng: rng, count: y.count, at: range)
    }
    if args.value("return_centers")?.isTruthy ?? false {
      xy.append(NumPyResult.array(Tensor(shape: [centers.count, features], float64: centers.flatMap { $0 })))
    }
    return .tuple(xy)
  }

  /// The rows of a 2-D float array or a list of lists, as doubles.
  private static func rows(of value: Value, at range: SourceRange) throws -> [[Double]] {
    if case .object(let array as ArrayObject) = value, array.tensor.rank == 2 {
      let values = array.tensor.doubles
      let columns = array.tensor.shape[1]
      return (0..<array.tensor.shape[0]).map { Array(values[($0 * columns)..<(($0 + 1) * columns)]) }
    }
    if let items = Builtins.items(of: value) {
      return try items.map { row in
        guard let numbers = Builtins.items(of: row)?.compactMap({ BoundArguments.asDouble($0) }) else {
          throw EvaluationError("centers must be a 2-D array of numbers", at: range, type: "ValueError")
        }
        return numbers
      }
    }
    throw EvaluationError("centers must be a 2-D array of numbers", at: range, type: "ValueError")
  }
}
