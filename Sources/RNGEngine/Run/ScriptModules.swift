import RNGRecording
import Foundation
import PythonSubset
import RNGStreams
import RNGTrace
import KerasStreams
import TensorFlowStreams

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
  let recorder: TraceRecorder?
  var observer: (any DrawObserver)? { recorder }
  let arguments: [String]
  /// `os.environ`, with the variables that change results recorded in the trace.
  let environment: DictObject
  var loaded: [String: Value] = [:]
  /// Python's global `random`: made with the process, shared with Keras.
  let python: PythonSampleFramework
  /// NumPy's global `RandomState` and its module names, made at first import.
  private var numpy: NumPySampleFramework?
  /// Keras 3's process state, made at the first `import keras` (or `tensorflow`).
  private(set) var keras: KerasSession?
  /// PyTorch's process state, made at the first `import torch`.
  var torch: TorchScript?
  /// JAX's process state, made at the first `import jax` (or `flax`, `optax`).
  var jax: JAXRunSession?
  /// Whether `jax._src.clusters` (NumPy's five doubles) and `rich` (one word of
  /// Python's `random`) were imported; each draws once per process.
  var importedJAXClusters = false, importedRich = false
  /// Whether the script imported scikit-learn (its version goes in the trace's config).
  var importedSKLearn = false
  /// `tf.config.experimental.enable_op_determinism()` was called (recorded in the trace's config).
  var opDeterminismEnabled = false
  /// `--profile tf1-keras`: `tensorflow` is TensorFlow 1.x in graph mode, with its tf.keras.
  var tf1Keras = false

  /// The profile the run followed, by the rule docs/scripts.md gives: Keras 3
  /// on its backend when Keras was imported, else NumPy when it was, else
  /// Python; and the versions of what was imported.
  var profile: (profile: TraceProfile, libraries: [NamedValue]) {
    var libraries = [NamedValue("python", "3.11.7")]
    if numpy != nil || keras != nil || jax != nil { libraries.append(NamedValue("numpy", "2.4.6")) }
    if importedSKLearn { libraries.append(NamedValue("scikit-learn", "1.9.1")) }
    if let run = keras?.tfKeras { return run.graph != nil ? tf1KerasProfile(libraries) : tfKerasProfile(libraries) }
    if let keras {
      libraries.append(NamedValue("keras", "3.15.1"))
      libraries.append(keras.backend == .tensorflow ? NamedValue("tensorflow", "2.21.0") : NamedValue("jax", "0.10.2"))
      return (TraceProfile(framework: .keras, version: "3.15.1", semantics: "keras3-\(keras.backend.rawValue)"), libraries)
    }
    if torch != nil { return torchProfile(libraries) }
    if let jax { return jaxProfile(jax, libraries) }
    if numpy != nil { return (TraceProfile(framework: .numpy, version: "2.4.6"), libraries) }
    return (TraceProfile(framework: .python, version: "3.11.7"), libraries)
  }

  /// The modules `import` accepts now.
  static let available = [
    "flax", "flax.linen", "jax", "jax.nn", "jax.numpy", "jax.random", "keras", "math", "numpy", "numpy.random", "os", "os.path", "random", "sys", "tensorflow", "optax", "tf_keras", "time",
    "torch", "torch.nn", "torch.nn.functional", "torch.nn.init",
  ] + seederModules + sklearnModules

  /// The folder of the script, where `import sibling` looks for `sibling.py`.
  var scriptFolder: String?
  /// Where the script's and its modules' `print` writes, and the line hook.
  var output: (String) -> Void = { _ in }
  var onStatement: ((String, SourceRange) -> Void)?
  /// The interpreters of imported sibling modules, kept while their functions may run.
  private var moduleInterpreters: [Interpreter] = []
  private var importing: Set<String> = []

  init(recorder: TraceRecorder?, arguments: [String], environment: [String: String]) throws {
    self.recorder = recorder
    self.arguments = arguments
    self.environment = DictObject(environment.sorted { $0.key < $1.key }.map { (.string($0.key), .string($0.value)) })
    python = try PythonSampleFramework(configuration: SampleConfiguration(observer: recorder))
  }

  /// TensorFlow 2's process state (global seed, op-seed generator, kernels), made at `import tensorflow`.
  var tensorflow: TensorFlowProcess?
  /// The last global seed given to TensorFlow (by `tf.random.set_seed` or Keras's
  /// `set_random_seed`) and the line that gave it: applied at `import tensorflow`, and declared
  /// when the script's first TensorFlow random op starts the recording.
  var pendingTensorFlowSeed: (seed: Value, range: SourceRange, source: String?)?

  /// `os.environ[name]` as the script left it.
  func environmentValue(_ name: String) -> String? {
    if case .string(let v)? = environment[.string(name)] { return v }
    return nil
  }

  func module(_ name: String, at range: SourceRange) throws -> Value {
    if let m = loaded[name] { return m }
    let made: Value
    switch name {
    case "random":
      made = .object(Namespace(name: "random", members: python.namespace))
    case "numpy.random", "numpy":
      let numpy = try numPy()
      let random = Namespace(name: "numpy.random", members: numpy.namespace)
      var top = NumPyArrayFunctions.namespace.merging(NumPyDTypes.namespace) { a, _ in a }
      top["random"] = .object(random)
      loaded["numpy.random"] = .object(random)
      loaded["numpy"] = .object(Namespace(name: "numpy", members: top))
      return loaded[name]!
    case "keras" where tf1Keras, "tf_keras" where tf1Keras:
      throw tf1Refusal(name, at: range)
    case "tensorflow" where tf1Keras:
      made = try tf1TensorFlowModule(at: range)
    case "keras":
      made = try kerasModule(at: range)
    case "tf_keras":
      made = try tfKerasModule(at: range)
    case "tensorflow":
      made = try tensorFlowModule(at: range)
    case "torch", "torch.nn", "torch.nn.functional", "torch.nn.init":
      return try torchModule(name)
    case _ where Self.seederModules.contains(name):
      made = try seederModule(name, at: range)
    case _ where Self.sklearnModules.contains(name):
      return try sklearnModule(name, at: range)
    case "torch.utils", "torch.utils.data":
      return try torchDataModule(name, at: range)
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
    case let n where Self.jaxFamily.contains(String(n.split(separator: ".").first ?? "")):
      return try jaxModule(name, at: range)
    default:
      if let sibling = try siblingModule(name, at: range) { return sibling }
      throw EvaluationError(
        "No module named '\(name)' in the engine; modules rngdiff run has: \(Self.available.joined(separator: ", "))",
        at: range, type: "ModuleNotFoundError")
    }
    loaded[name] = made
    return made
  }

  /// `import helpers` of `helpers.py` beside the script: run once, in its
  /// own module scope, sharing this process (its draws are the same streams).
  private func siblingModule(_ name: String, at range: SourceRange) throws -> Value? {
    guard let scriptFolder, !name.contains(".") else { return nil }
    let path = (scriptFolder.isEmpty ? "" : scriptFolder + "/") + name + ".py"
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    guard !importing.contains(name) else {
      throw EvaluationError(
        "cannot import name '\(name)' while it is being imported (circular import)", at: range, type: "ImportError")
    }
    importing.insert(name)
    defer { importing.remove(name) }
    let source = SourceText(name: path, text: String(decoding: data, as: UTF8.self))
    let program = try Parser.parse(source)
    let interpreter = Interpreter(source: source, globals: ["__name__": .string(name)])
    interpreter.isModule = true
    interpreter.reportsTopLevelValues = false
    interpreter.output = output
    interpreter.importer = { [unowned self] n, r in try self.module(n, at: r) }
    let hook = onStatement
    interpreter.onStatement = { hook?(path, $0) }
    moduleInterpreters.append(interpreter)
    try interpreter.run(program)
    let module = Value.object(Namespace(name: name, members: interpreter.globals))
    loaded[name] = module
    return module
  }

  /// NumPy's module state, when the script imported it.
  var loadedNumPy: NumPySampleFramework? { numpy }

  func numPy() throws -> NumPySampleFramework {
    if let numpy { return numpy }
    let made = try NumPySampleFramework(configuration: SampleConfiguration(observer: recorder))
    numpy = made
    return made
  }

  /// Keras 3 on the backend `KERAS_BACKEND` names when it is first imported
  /// (tensorflow by default). Importing it runs JAX's `k8s_cluster` (five
  /// doubles of NumPy's global stream) and `rich`'s import, which takes
  /// one word of Python's global `random` (`getrandbits(24)`).
  ///
  /// - Parameter importSideEffects: false for TensorFlow 1.x, which imports neither.
  func kerasModule(at range: SourceRange, importSideEffects: Bool = true) throws -> Value {
    if let m = loaded["keras"] { return m }
    let backendName: String
    if case .string(let b)? = environment[.string("KERAS_BACKEND")] { backendName = b } else { backendName = "tensorflow" }
    guard let backend = Keras3.Backend(rawValue: backendName) else {
      throw EvaluationError(
        "KERAS_BACKEND='\(backendName)' is not emulated; accepted: tensorflow, jax", at: range, type: "ModuleNotFoundError")
    }
    // The reference environment has JAX installed: TensorFlow and Keras's JAX backend import
    // jax._src.clusters.k8s_cluster, which evaluates np.random.rand(5) on NumPy's global stream
    // (once per process, before Rich's word; docs/scripts.md).
    if importSideEffects {
      try importJAXClusters()
      try importRich()
    }
    let session = KerasSession(Keras3.GlobalState(backend: backend, python: python.global.stream, observer: recorder))
    session.recorder = recorder
    python.global.sharedWith = session
    session.seedNumPy = { [self] seed, range in
      let numpy = try numPy()
      do {
        try numpy.global.reseed(seed)
      } catch let e as FrameworkError {
        throw EvaluationError(e.message, at: range)
      }
    }
    session.numpyPermutation = { [self] n in try numPy().global.state.permutation(n) }
    session.output = { [unowned self] text in self.output(text) }
    session.seedTensorFlow = { [self] seed, range in try seedTensorFlow(seed, at: range) }
    keras = session
    let names = session.namespace
    guard case .object(let keras as Namespace)? = names["keras"], case .object(let layers as Namespace)? = try keras.attribute("layers")
    else { throw EvaluationError("the keras module could not be made", at: range) }
    try session.defineClasses(in: keras, layers: layers)
    keras.define("backend", .object(Namespace(name: "keras.backend", members: [
      "backend": .object(BuiltinFunction(signature: Signature("backend()")) { _ in .string(backendName) }),
      "clear_session": .object(BuiltinFunction(signature: Signature("clear_session(free_memory=True)")) { [session] _ in
        session.clearSession()
        return .none
      }),
    ])))
    loaded["keras"] = .object(keras)
    return .object(keras)
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
