import PythonStreams
import PythonSubset
import RNGStreams

extension PythonRandomObject {
  /// The distribution methods beyond `gauss` and `normalvariate`:
  /// `triangular`, `expovariate`, `vonmisesvariate`, `gammavariate`,
  /// `betavariate`, `paretovariate`, `weibullvariate`, `lognormvariate` and
  /// (Python 3.12 on) `binomialvariate`, with the profile's signatures.
  ///
  /// ```swift
  /// // rngdiff sample python --seed 1 'gammavariate(2.0, 3.0); betavariate(2, 5)'
  /// // rngdiff sample python --seed 1 --config python_version=3.12 'binomialvariate(10, 0.3)'
  /// ```
  ///
  /// Numbers are taken as floats (an int beyond 2**53 is rounded, where
  /// CPython would compute some steps exactly). Errors are CPython's, at
  /// the argument they concern.
  static func defineDistributions(_ m: inout PythonClassMethods<PythonRandomObject>) {
    typealias A = PythonRandomArguments
    m.define("triangular(low=0.0, high=1.0, mode=None)") { r, args in
      let low = try args.double("low") ?? 0.0
      let high = try args.double("high") ?? 1.0
      let mode = try args.double("mode")
      let value = r.stream.triangular(low: low, high: high, mode: mode)
      // CPython returns `low` itself when (mode - low) / (high - low) divides by zero.
      if mode != nil && high - low == 0, let given = args.value("low") { return given }
      return .float(value)
    }
    m.define("expovariate(lambd=1.0)") { r, args in
      try A.requireDefaults(args, ["lambd"], since: 12, version: r.version)
      let lambd = try args.double("lambd") ?? 1.0
      return .float(try args.framework { try r.stream.expovariate(lambd) })
    }
    m.define("vonmisesvariate(mu, kappa)") { r, args in
      let mu = try A.requiredNumber(args, "mu")
      let kappa = try A.requiredNumber(args, "kappa")
      return .float(try args.framework { try r.stream.vonmisesvariate(mu, kappa) })
    }
    m.define("gammavariate(alpha, beta)") { r, args in
      let alpha = try A.requiredNumber(args, "alpha")
      let beta = try A.requiredNumber(args, "beta")
      return .float(try args.framework { try r.stream.gammavariate(alpha, beta) })
    }
    m.define("betavariate(alpha, beta)") { r, args in
      let alpha = try A.requiredNumber(args, "alpha")
      let beta = try A.requiredNumber(args, "beta")
      return .float(try args.framework { try r.stream.betavariate(alpha, beta) })
    }
    m.define("paretovariate(alpha)") { r, args in
      let alpha = try A.requiredNumber(args, "alpha")
      return .float(try args.framework { try r.stream.paretovariate(alpha, version: r.version) })
    }
    m.define("weibullvariate(alpha, beta)") { r, args in
      let alpha = try A.requiredNumber(args, "alpha")
      let beta = try A.requiredNumber(args, "beta")
      return .float(try args.framework { try r.stream.weibullvariate(alpha, beta) })
    }
    m.define("lognormvariate(mu, sigma)") { r, args in
      let mu = try A.requiredNumber(args, "mu")
      let sigma = try A.requiredNumber(args, "sigma")
      return .float(try args.framework { try r.stream.lognormvariate(mu, sigma) })
    }
    m.define("binomialvariate(n=1, p=0.5)") { r, args in
      guard r.version.isAtLeast(12) else {
        throw EvaluationError(
          "binomialvariate() is new in Python 3.12; this run follows Python \(r.version) (pass --config python_version=3.12)",
          at: args.callRange)
      }
      let n = try args.intValue("n") ?? 1
      let p = try args.double("p") ?? 0.5
      return .int(PythonInt(try args.framework { try r.stream.binomialvariate(n, p) }))
    }
  }

  /// Python 3.9 and 3.10's `shuffle(x, random)`: for i from the end,
  /// `j = floor(random() * (i + 1))` with the caller's function. Its draws
  /// are the function's own (a stream's `random` reports each call); the
  /// shuffle itself reports nothing.
  ///
  /// - Throws: an error at `random` when the function does not return a
  ///   float in [0, 1) (CPython then fails on the index or the type).
  static func shuffle(_ list: ListObject, calling args: BoundArguments) throws {
    guard case .object(let function) = args.value("random") ?? .none else {
      throw args.error("random", "shuffle() argument 'random' must be a function returning a float, got \(args.value("random")?.typeName ?? "None")")
    }
    let call = Arguments(callRange: args.range("random"))
    var i = list.elements.count - 1
    while i >= 1 {
      let result = try function.call(call)
      guard let u = BoundArguments.asDouble(result) else {
        throw args.error("random", "shuffle(): random() returned \(result.typeName), expected a float")
      }
      let scaled = u * Double(i + 1)
      guard scaled.isFinite, scaled >= 0, let j = Int(exactly: scaled.rounded(.down)), j <= i else {
        throw args.error("random", "list index out of range (random() returned \(PythonFloat.repr(u)))")
      }
      list.elements.swapAt(i, j)
      i -= 1
    }
  }
}
