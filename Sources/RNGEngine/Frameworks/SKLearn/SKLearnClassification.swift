import PythonSubset

/// `sklearn.datasets.make_classification` in `rngdiff run`, with scikit-learn
/// 1.9.1's draws on `check_random_state(random_state)`, in its order:
///
/// ```python
/// X, y = make_classification(n_samples=100, n_features=20, random_state=0)
/// # 1. the cluster vertices: sample_without_replacement(2**n_informative, n_clusters)
/// #    (randint(2, size=(n_clusters, n_informative - 30)) first when n_informative > 30)
/// # 2. hypercube=False: uniform(size=(n_clusters, 1)), uniform(size=(1, n_informative))
/// # 3. standard_normal(size=(n_samples, n_informative))
/// # 4. per cluster: A = 2 * uniform(size=(n_informative, n_informative)) - 1, X_k = X_k @ A + vertex
/// # 5. n_redundant > 0: B = 2 * uniform(size=(n_informative, n_redundant)) - 1, X[:, redundant] = X[:, informative] @ B
/// # 6. n_repeated > 0: uniform(size=n_repeated) picks the repeated columns
/// # 7. the useless columns: standard_normal(size=(n_samples, n_random))
/// # 8. flip_y: uniform(size=n_samples) < flip_y, then randint(n_classes, size=flips)
/// # 9. shift=None: uniform(size=n_features); scale=None: uniform(size=n_features)
/// # 10. shuffle=True: shuffle(arange(n_samples)) for the rows, then shuffle(arange(n_features)) for the columns
/// ```
///
/// The labels and every random choice are exact. The two matrix products are
/// ``OpenBLASProduct``'s (OpenBLAS's order as measured, bit for bit in the
/// common shapes, within an ulp or so otherwise). Edge cases: the parameters
/// are checked as `@validate_params` checks them, with its messages;
/// `return_X_y=False` (a `Bunch`) is refused by name.
enum SKLearnClassification {
  static func makeClassification(_ args: BoundArguments, randomState: SKLearnRandomState) throws -> Value {
    try validate(args)
    if !(args.value("return_X_y") ?? .bool(true)).isTruthy {
      throw args.error("return_X_y", "make_classification(return_X_y=False) (a Bunch) is not emulated by rngdiff run; accepted: return_X_y=True")
    }
    let rng = try randomState.resolve(args.value("random_state") ?? .none, at: args.range("random_state"))
    let range = args.callRange
    func int(_ name: String, _ fallback: Int) throws -> Int {
      guard let v = args.value(name), !v.isNone else { return fallback }
      if case .bool(let b) = v { return b ? 1 : 0 }
      return try args.intValue(name) ?? fallback
    }
    let n = try int("n_samples", 100), features = try int("n_features", 20)
    let informative = try int("n_informative", 2), redundant = try int("n_redundant", 2), repeated = try int("n_repeated", 0)
    let classes = try int("n_classes", 2), perClass = try int("n_clusters_per_class", 2)
    let flipY = BoundArguments.asDouble(args.value("flip_y") ?? .float(0.01)) ?? 0.01
    let classSep = BoundArguments.asDouble(args.value("class_sep") ?? .float(1)) ?? 1

    guard informative + redundant + repeated <= features else {
      throw EvaluationError(
        "Number of informative, redundant and repeated features must sum to less than the number of total features", at: range,
        type: "ValueError")
    }
    let (clusters, overflow) = classes.multipliedReportingOverflow(by: perClass)
    if informative < 62 && (overflow || (1 << informative) < clusters) {
      throw EvaluationError(
        "n_classes(\(classes)) * n_clusters_per_class(\(perClass)) must be smaller or equal 2**n_informative(\(informative))=\(1 << informative)",
        at: range, type: "ValueError")
    }
    // What rngdiff makes in one call (NumPy's MemoryError territory beyond).
    if overflow { _ = try NumPyArguments.count([classes, perClass], at: range) }
    _ = try NumPyArguments.count([n, features], at: range)
    _ = try NumPyArguments.count([clusters, informative], at: range)
    let weights = try classWeights(args, classes: classes)
    let random = features - informative - redundant - repeated

    // Samples per cluster by weight, the remainder one by one.
    var perCluster = (0..<clusters).map { k in Int((Double(n) * weights[k % classes] / Double(perClass)).rounded(.towardZero)) }
    let given = perCluster.reduce(0, +)
    if n > given { for i in 0..<(n - given) { perCluster[i % clusters] += 1 } }

    var x = [Double](repeating: 0, count: n * features)
    var y = [Int64](repeating: 0, count: n)

    // The polytope's vertices.
    let bits = try hypercube(clusters, informative, rng: rng, at: range)
    var centroids = bits.map { Double($0) * (2 * classSep) - classSep }
    if !(args.value("hypercube") ?? .bool(true)).isTruthy {
      let perRow = try draw(rng, "uniform", [clusters, 1], at: range)
      for k in 0..<clusters { for j in 0..<informative { centroids[k * informative + j] *= perRow[k] } }
      let perColumn = try draw(rng, "uniform", [1, informative], at: range)
      for k in 0..<clusters { for j in 0..<informative { centroids[k * informative + j] *= perColumn[j] } }
    }

    let normal = try draw(rng, "standard_normal", [n, informative], at: range)
    for i in 0..<n { for j in 0..<informative { x[i * features + j] = normal[i * informative + j] } }

    var stop = 0
    for k in 0..<clusters {
      let start = stop
      stop += perCluster[k]
      let (low, high) = sliceBounds(start, stop, count: n)
      for i in low..<high { y[i] = Int64(k % classes) }
      let a = try draw(rng, "uniform", [informative, informative], at: range).map { 2 * $0 - 1 }
      guard high > low else { continue }
      var block: [Double] = []
      for i in low..<high { block += x[(i * features)..<(i * features + informative)] }
      let mixed = OpenBLASProduct.product(block, rows: high - low, inner: informative, a, columns: informative)
      for i in low..<high {
        for j in 0..<informative { x[i * features + j] = mixed[(i - low) * informative + j] + centroids[k * informative + j] }
      }
    }

    if redundant > 0 {
      let b = try draw(rng, "uniform", [informative, redundant], at: range).map { 2 * $0 - 1 }
      var block: [Double] = []
      for i in 0..<n { block += x[(i * features)..<(i * features + informative)] }
      let combined = OpenBLASProduct.product(block, rows: n, inner: informative, b, columns: redundant)
      for i in 0..<n { for j in 0..<redundant { x[i * features + informative + j] = combined[i * redundant + j] } }
    }

    let useful = informative + redundant
    if repeated > 0 {
      let picks = try draw(rng, "uniform", [repeated], at: range).map { Int(Double(useful - 1) * $0 + 0.5) }
      for i in 0..<n { for (j, column) in picks.enumerated() { x[i * features + useful + j] = x[i * features + column] } }
    }

    if random > 0 {
      let noise = try draw(rng, "standard_normal", [n, random], at: range)
      for i in 0..<n { for j in 0..<random { x[i * features + features - random + j] = noise[i * random + j] } }
    }

    // flip_y is at least 0 (validated), so the uniforms are always drawn.
    let flips = try draw(rng, "uniform", [n], at: range).map { $0 < flipY }
    let labels = try SKLearnRandomState.call(
      rng, "randint", [.int(PythonInt(classes))], [("size", .int(PythonInt(flips.filter { $0 }.count)))], at: range)
    var next = 0
    let newLabels = SampleOutput.asArray(labels)?.doubles ?? []
    for i in 0..<n where flips[i] {
      y[i] = Int64(newLabels[next])
      next += 1
    }

    let shift = try perFeature(args, "shift", features: features, samples: n) {
      try draw(rng, "uniform", [features], at: range).map { (2 * $0 - 1) * classSep }
    }
    for i in 0..<n { for j in 0..<features { x[i * features + j] += shift[j] } }
    let scale = try perFeature(args, "scale", features: features, samples: n) {
      try draw(rng, "uniform", [features], at: range).map { 1 + 100 * $0 }
    }
    for i in 0..<n { for j in 0..<features { x[i * features + j] *= scale[j] } }

    if (args.value("shuffle") ?? .bool(true)).isTruthy {
      let rows = try SKLearnRandomState.shuffledRange(rng, n, at: range)
      x = rows.flatMap { x[($0 * features)..<(($0 + 1) * features)] }
      y = rows.map { y[$0] }
      let columns = try SKLearnRandomState.shuffledRange(rng, features, at: range)
      x = (0..<n).flatMap { i in columns.map { x[i * features + $0] } }
    }
    return .tuple([
      NumPyResult.array(Tensor(shape: [n, features], float64: x)), NumPyResult.array(Tensor(shape: [n], int64: y)),
    ])
  }

  /// `_generate_hypercube(samples, dimensions, rng)`: distinct vertices of the
  /// unit hypercube as bit rows (most significant first), row-major.
  private static func hypercube(_ samples: Int, _ dimensions: Int, rng: RandomStateObject, at range: SourceRange) throws -> [Int] {
    if dimensions > 30 {
      let high = try SKLearnRandomState.call(
        rng, "randint", [.int(PythonInt(2))], [("size", .tuple([.int(PythonInt(samples)), .int(PythonInt(dimensions - 30))]))], at: range)
      let leading = (SampleOutput.asArray(high)?.doubles ?? []).map { Int($0) }
      let trailing = try hypercube(samples, 30, rng: rng, at: range)
      let extra = dimensions - 30
      var rows: [Int] = []
      for k in 0..<samples {
        rows += leading[(k * extra)..<((k + 1) * extra)]
        rows += trailing[(k * 30)..<((k + 1) * 30)]
      }
      return rows
    }
    let picks = try SKLearnSampleWithoutReplacement.sample(population: 1 << dimensions, count: samples, method: "auto", at: range) { rng }
    return picks.flatMap { v in (0..<dimensions).map { j in (v >> (dimensions - 1 - j)) & 1 } }
  }

  /// `rng.method(size=shape)` through the object's own method, as doubles.
  private static func draw(_ rng: RandomStateObject, _ method: String, _ shape: [Int], at range: SourceRange) throws -> [Double] {
    let size: Value = shape.count == 1 ? .int(PythonInt(shape[0])) : .tuple(shape.map { .int(PythonInt($0)) })
    let drawn = try SKLearnRandomState.call(rng, method, [], [("size", size)], at: range)
    return SampleOutput.asArray(drawn)?.doubles ?? []
  }

  /// Python's `[start:stop]` bounds on a sequence of `count` items.
  private static func sliceBounds(_ start: Int, _ stop: Int, count: Int) -> (Int, Int) {
    func clamp(_ i: Int) -> Int { i < 0 ? max(i + count, 0) : min(i, count) }
    let low = clamp(start), high = clamp(stop)
    return (low, max(low, high))
  }

  /// The class weights: `1 / n_classes` each, or `weights` (the last inferred as
  /// `1.0 - sum(weights)` when one short).
  private static func classWeights(_ args: BoundArguments, classes: Int) throws -> [Double] {
    guard let value = args.value("weights"), !value.isNone else { return Array(repeating: 1.0 / Double(classes), count: classes) }
    let given = SampleOutput.asArray(value)?.doubles ?? []
    guard given.count == classes || given.count == classes - 1 else {
      throw EvaluationError("Weights specified but incompatible with number of classes.", at: args.callRange, type: "ValueError")
    }
    guard given.count == classes - 1 else { return given }
    return given + [1.0 - given.reduce(0, +)]
  }

  /// `shift` or `scale`: drawn when None, else a number or one per feature (NumPy's broadcast).
  private static func perFeature(
    _ args: BoundArguments, _ name: String, features: Int, samples: Int, drawn: () throws -> [Double]
  ) throws -> [Double] {
    let value = args.value(name) ?? .float(name == "shift" ? 0 : 1)
    if value.isNone { return try drawn() }
    if let one = BoundArguments.asDouble(value) { return Array(repeating: one, count: features) }
    let tensor = SampleOutput.asArray(value)
    let values = tensor?.doubles ?? []
    if (tensor?.rank ?? 1) <= 1 && values.count == features { return values }
    if (tensor?.rank ?? 1) <= 1 && values.count == 1 { return Array(repeating: values[0], count: features) }
    let shape = tensor.map { "(" + $0.shape.map(String.init).joined(separator: ",") + ($0.rank == 1 ? ",)" : ")") } ?? "()"
    throw EvaluationError(
      "operands could not be broadcast together with shapes (\(samples),\(features)) \(shape) (\(samples),\(features)) ",
      at: args.range(name), type: "ValueError")
  }
}
