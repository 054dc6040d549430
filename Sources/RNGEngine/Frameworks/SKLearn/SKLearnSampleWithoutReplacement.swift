import PythonSubset

/// `sklearn.utils.random.sample_without_replacement(n_population, n_samples,
/// method="auto", random_state=None)`: scikit-learn 1.9.1's Cython sampler,
/// with each method's own draws on `check_random_state(random_state)`.
///
/// ```python
/// sample_without_replacement(10, 5, random_state=42)    # ratio 0.5: permutation(10)[:5] → [8, 1, 5, 0, 7]
/// sample_without_replacement(1000, 3, random_state=0)   # ratio 0.003: tracking selection, randint(1000) per pick
/// sample_without_replacement(4, 4, random_state=0)      # ratio 1.0: reservoir sampling, no draw at all
/// ```
///
/// - `auto` with `0.01 < n_samples / n_population < 0.99`: `rng.permutation(n_population)[:n_samples]`.
/// - otherwise `auto` and `tracking_selection`: below a ratio of 0.2, tracking
///   selection (`randint(n_population)` per pick, drawn again while the pick was
///   taken before); from 0.2 on, reservoir sampling.
/// - `reservoir_sampling`: `out = [0, n_samples)`, then for each `i` from
///   `n_samples` to `n_population - 1`, `j = randint(0, i + 1)` and `out[j] = i` when `j < n_samples`.
/// - `pool`: `j = randint(n_population - i)` picks from a pool whose last
///   unpicked entry fills the hole.
///
/// Every `randint` is a scalar call on the `RandomState` (one recorded draw
/// each), as the Cython loop makes it. Edge cases: the sizes go through
/// `int()` (floats truncate); a population of 0 has the ratio 1.0; an unknown
/// method is refused after the size checks with scikit-learn's message.
enum SKLearnSampleWithoutReplacement {
  static let methods = ["auto", "tracking_selection", "reservoir_sampling", "pool"]

  static func namespace(randomState: SKLearnRandomState) -> Namespace {
    let ns = Namespace(name: "sklearn.utils.random")
    ns.define("sample_without_replacement(n_population, n_samples, method='auto', random_state=None)") { args in
      let population = try size(args, "n_population"), count = try size(args, "n_samples")
      guard case .string(let method) = args.value("method") ?? .string("auto") else {
        throw EvaluationError(
          "Expected a method name in \(methodTuple), got \((args.value("method") ?? .none).repr). ", at: args.range("method"), type: "ValueError")
      }
      let values = try sample(
        population: population, count: count, method: method, at: args.callRange,
        rng: { try randomState.resolve(args.value("random_state") ?? .none, at: args.range("random_state")) })
      return NumPyResult.array(Tensor(shape: [values.count], int64: values.map(Int64.init)))
    }
    return ns
  }

  private static var methodTuple: String { "(" + methods.map { "'\($0)'" }.joined(separator: ", ") + ")" }

  /// `int(value)` of a size argument (an int, a bool or a float, truncated).
  private static func size(_ args: BoundArguments, _ name: String) throws -> Int {
    switch args.value(name) ?? .none {
    case .float(let f) where f.isFinite && abs(f) < 9e18: return Int(f.rounded(.towardZero))
    case let v:
      guard let i = BoundArguments.asInt(v)?.int else {
        throw EvaluationError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'", at: args.range(name), type: "TypeError")
      }
      return i
    }
  }

  /// The sample, drawn from `rng()` (resolved only once a method that draws is chosen, as `check_random_state` runs there).
  static func sample(
    population: Int, count: Int, method: String, at range: SourceRange, rng: () throws -> RandomStateObject
  ) throws -> [Int] {
    try check(population: population, count: count, at: range)
    let ratio = population != 0 ? Double(count) / Double(population) : 1.0
    if method == "auto" && ratio > 0.01 && ratio < 0.99 {
      return Array(try SKLearnRandomState.permutation(rng(), population, at: range).prefix(count))
    }
    switch method {
    case "auto", "tracking_selection":
      return ratio < 0.2
        ? try tracking(population: population, count: count, rng: rng(), at: range)
        : try reservoir(population: population, count: count, rng: rng(), at: range)
    case "reservoir_sampling":
      return try reservoir(population: population, count: count, rng: rng(), at: range)
    case "pool":
      _ = try NumPyArguments.count([population], at: range)  // the pool is an array of the whole population
      return try pool(population: population, count: count, rng: rng(), at: range)
    default:
      throw EvaluationError("Expected a method name in \(methodTuple), got \(method). ", at: range, type: "ValueError")
    }
  }

  private static func check(population: Int, count: Int, at range: SourceRange) throws {
    if population < 0 {
      throw EvaluationError("n_population should be greater than 0, got \(population).", at: range, type: "ValueError")
    }
    if count > population {
      throw EvaluationError(
        "n_population should be greater or equal than n_samples, got n_samples > n_population (\(count) > \(population))",
        at: range, type: "ValueError")
    }
    if count < 0 { throw EvaluationError("negative dimensions are not allowed", at: range, type: "ValueError") }
    _ = try NumPyArguments.count([count], at: range)
  }

  /// `rng.randint(low, high)` as one scalar call on the object, so the draw is recorded as NumPy's.
  private static func randint(_ rng: RandomStateObject, _ bounds: [Int], at range: SourceRange) throws -> Int {
    let value = try SKLearnRandomState.call(rng, "randint", bounds.map { .int(PythonInt($0)) }, at: range)
    guard let i = BoundArguments.asInt(value)?.int else { throw EvaluationError("randint returned \(value.repr)", at: range) }
    return i
  }

  private static func tracking(population: Int, count: Int, rng: RandomStateObject, at range: SourceRange) throws -> [Int] {
    var selected = Set<Int>(), out: [Int] = []
    out.reserveCapacity(count)
    for _ in 0..<count {
      var j = try randint(rng, [population], at: range)
      while selected.contains(j) { j = try randint(rng, [population], at: range) }
      selected.insert(j)
      out.append(j)
    }
    return out
  }

  private static func reservoir(population: Int, count: Int, rng: RandomStateObject, at range: SourceRange) throws -> [Int] {
    var out = Array(0..<count)
    guard population > count else { return out }
    for i in count..<population {
      let j = try randint(rng, [0, i + 1], at: range)
      if j < count { out[j] = i }
    }
    return out
  }

  private static func pool(population: Int, count: Int, rng: RandomStateObject, at range: SourceRange) throws -> [Int] {
    var pool = Array(0..<population), out: [Int] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      let j = try randint(rng, [population - i], at: range)
      out.append(pool[j])
      pool[j] = pool[population - i - 1]
    }
    return out
  }
}
