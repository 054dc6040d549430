import Foundation
import PythonSubset
import RNGStreams

/// The modules a script run can import, made on first import and shared by
/// every later one, as Python's `sys.modules` is.
///
/// Each framework module wraps the same emulation `rngdiff sample` uses, so
/// a script's `random.random()` or `np.random.rand(3)` is bit-exact with the
/// real library. A stream the script never seeds starts from operating
/// system entropy, as in a fresh interpreter.
///
/// ```python
/// import random, numpy as np
/// random.seed(1); np.random.seed(1)
/// ```
///
/// Edge case: a module the engine does not have yet stops the run before
/// the import with a located message naming the modules it does have.
final class ScriptModules {
  let observer: (any DrawObserver)?
  let arguments: [String]
  /// `os.environ`, with the variables that change results recorded in the trace.
  let environment: DictObject
  private var loaded: [String: Value] = [:]

  /// The modules `import` accepts now.
  static let available = ["math", "numpy", "numpy.random", "os", "os.path", "random", "sys", "time"]

  init(observer: (any DrawObserver)?, arguments: [String], environment: [String: String]) {
    self.observer = observer
    self.arguments = arguments
    self.environment = DictObject(environment.sorted { $0.key < $1.key }.map { (.string($0.key), .string($0.value)) })
  }

  func module(_ name: String, at range: SourceRange) throws -> Value {
    if let m = loaded[name] { return m }
    let made: Value
    switch name {
    case "random":
      let python = try PythonSampleFramework(configuration: SampleConfiguration(observer: observer))
      made = .object(Namespace(name: "random", members: python.namespace))
    case "numpy.random", "numpy":
      let numpy = try NumPySampleFramework(configuration: SampleConfiguration(observer: observer))
      let random = Namespace(name: "numpy.random", members: numpy.namespace)
      var top = NumPyArrayFunctions.namespace.merging(NumPyDTypes.namespace) { a, _ in a }
      top["random"] = .object(random)
      loaded["numpy.random"] = .object(random)
      loaded["numpy"] = .object(Namespace(name: "numpy", members: top))
      return loaded[name]!
    case "math":
      made = .object(Self.math())
    case "os", "os.path":
      let path = Namespace(name: "os.path")
      path.define("join(*parts)") { args in
        .string(try args.extraPositional.map { p -> String in
          guard case .string(let s) = p.value else { throw EvaluationError("join() arguments must be str", at: p.range, type: "TypeError") }
          return s
        }.reduce("") { $0.isEmpty || $1.hasPrefix("/") ? $1 : ($0.hasSuffix("/") ? $0 + $1 : $0 + "/" + $1) })
      }
      path.define("basename(p)") { args in .string(((try args.string("p")) ?? "").split(separator: "/").last.map(String.init) ?? "") }
      let os = Namespace(name: "os", members: ["environ": .object(environment), "path": .object(path), "sep": .string("/")])
      os.define("getenv(key, default=None)") { [environment] args in environment[.string(try args.string("key") ?? "")] ?? args.value("default") ?? .none }
      loaded["os.path"] = .object(path)
      loaded["os"] = .object(os)
      return loaded[name]!
    case "sys":
      made = .object(Namespace(name: "sys", members: [
        "argv": .object(ListObject(arguments.map { .string($0) })),
        "version_info": .tuple([.int(PythonInt(3)), .int(PythonInt(11)), .int(PythonInt(7))]),
        "platform": .string("linux"),
      ]))
    case "time":
      let time = Namespace(name: "time")
      time.define("time()") { _ in .float(Date().timeIntervalSince1970) }
      time.define("perf_counter()") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
      time.define("sleep(seconds)") { _ in .none }
      made = .object(time)
    default:
      let top = String(name.split(separator: ".")[0])
      let planned = ["tensorflow", "keras", "tf_keras", "torch", "jax", "sklearn", "flax", "optax"]
      let why = planned.contains(top)
        ? "'\(top)' is not available in rngdiff run yet (use rngdiff sample for its random calls)"
        : "No module named '\(name)' in the engine"
      throw EvaluationError(
        "\(why); modules rngdiff run has: \(Self.available.joined(separator: ", "))", at: range, type: "ModuleNotFoundError")
    }
    loaded[name] = made
    return made
  }

  /// Python's `math` module (the functions training scripts use).
  static func math() -> Namespace {
    let m = Namespace(name: "math", members: [
      "pi": .float(Double.pi), "e": .float(M_E), "inf": .float(.infinity), "nan": .float(.nan), "tau": .float(2 * Double.pi),
    ])
    let unary: [(String, (Double) -> Double)] = [
      ("sqrt", { $0.squareRoot() }), ("exp", { Foundation.exp($0) }), ("log10", { Foundation.log10($0) }),
      ("log2", { Foundation.log2($0) }), ("sin", { Foundation.sin($0) }), ("cos", { Foundation.cos($0) }),
      ("tan", { Foundation.tan($0) }), ("tanh", { Foundation.tanh($0) }), ("atan", { Foundation.atan($0) }),
      ("fabs", { Swift.abs($0) }), ("log1p", { Foundation.log1p($0) }), ("expm1", { Foundation.expm1($0) }),
    ]
    for (name, f) in unary {
      m.define("\(name)(x)") { args in
        guard let x = try args.double("x") else { throw args.error("x", "must be real number") }
        if name == "sqrt" && x < 0 { throw EvaluationError("math domain error", at: args.range("x"), type: "ValueError") }
        return .float(f(x))
      }
    }
    m.define("log(x, base=None)") { args in
      guard let x = try args.double("x") else { throw args.error("x", "must be real number") }
      guard x > 0 else { throw EvaluationError("math domain error", at: args.range("x"), type: "ValueError") }
      if let b = try args.double("base") { return .float(Foundation.log(x) / Foundation.log(b)) }
      return .float(Foundation.log(x))
    }
    m.define("pow(x, y)") { args in .float(Foundation.pow(try args.double("x") ?? 0, try args.double("y") ?? 0)) }
    for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
      m.define("\(name)(x)") { args in
        if case .int(let i)? = args.value("x") { return .int(i) }
        guard let x = try args.double("x") else { throw args.error("x", "must be real number") }
        return .int(try Builtins.int(of: .float(x.rounded(rule)), at: args.range("x")))
      }
    }
    m.define("isclose(a, b, rel_tol=1e-09, abs_tol=0.0)") { args in
      let a = try args.double("a") ?? 0, b = try args.double("b") ?? 0
      let rel = try args.double("rel_tol") ?? 1e-9, abs = try args.double("abs_tol") ?? 0
      return .bool(a == b || Swift.abs(a - b) <= Swift.max(rel * Swift.max(Swift.abs(a), Swift.abs(b)), abs))
    }
    m.define("isnan(x)") { args in .bool((try args.double("x") ?? 0).isNaN) }
    m.define("isinf(x)") { args in .bool((try args.double("x") ?? 0).isInfinite) }
    m.define("factorial(x)") { args in
      guard let n = try args.int("x")?.int, n >= 0 else {
        throw EvaluationError("factorial() not defined for negative values", at: args.range("x"), type: "ValueError")
      }
      var r = PythonInt(1)
      for k in stride(from: 2, through: n, by: 1) { r = r * PythonInt(k) }
      return .int(r)
    }
    return m
  }
}
