import PythonSubset
import RNGRecording
import RNGTrace
import RNGStreams
import TorchStreams

/// PyTorch in `rngdiff run`: the process's default generator (never seeded,
/// it starts from operating-system entropy, as PyTorch 2.13's does; a
/// `torch.Generator()` starts from the fixed default seed 67280421310721,
/// seeding form `default`), everything `rngdiff sample torch` has (``TorchSession``'s
/// namespace), and `torch.nn` as classes a script subclasses.
///
/// ```python
/// import torch
/// import torch.nn as nn
/// torch.manual_seed(0)
/// class Net(nn.Module):
///     def __init__(self):
///         super().__init__()
///         self.fc1 = nn.Linear(4, 8)
/// model = Net()        # trace: draws of model.fc1.weight and model.fc1.bias (role init)
/// ```
///
/// Consumer paths come from the module tree. A layer draws when it is made,
/// before the script names it, so its draws carry a placeholder token that
/// ``renamed(_:globals:)`` replaces, when the run ends, by the module's path
/// from the first global variable (in name order) that reaches it
/// (`model.fc1.weight`), else from the first variable that held it while
/// the script ran (a local `model` in `main()`; the first of two modules
/// bound to `classifier`); a module no variable held is named after its
/// class (`linear`, `linear_1`, in creation order). A `DataLoader`'s draws
/// are named the same way, after the variable that holds it, else `loader`
/// (``TorchDataConsumers``).
final class TorchScript {
  private(set) var session: TorchSession
  /// Autograd's records and the leaves' gradients.
  let tape = TorchTape()
  /// The mean and biased variance per group of the last normalization over a batch.
  var lastBatchStatistics: (mean: [Double], variance: [Double])?
  let recorder: TraceRecorder?
  /// Every module made, in creation order.
  var created: [TorchModuleInstance] = []
  /// The `nn.Parameter`s, by identity.
  private var parameterObjects: [ObjectIdentifier: ArrayObject] = [:]
  /// The token path of each registered parameter (`@torch3@.weight`).
  var parameterPaths: [ObjectIdentifier: String] = [:]
  /// Modules whose forward pass is running, innermost last.
  var forwardStack: [TorchModuleInstance] = []
  /// `torch.nn.Module`.
  var moduleClass: ClassObject!
  /// Explicit `torch.Generator()`s made so far (numbers their streams).
  var generatorCount = 0
  private var tokenCount = 0
  /// `config.determinism` and `config.threads` of the trace's header, as the script set them.
  var determinism: [NamedValue] = TorchScript.defaultDeterminism
  var threads: [NamedValue] = []
  /// The path each module had in the first variable that held it.
  private var firstNames: [String: String] = [:]
  /// The first variable that held each DataLoader, by token.
  private var firstLoaderNames: [String: String] = [:]

  init(recorder: TraceRecorder?) {
    self.recorder = recorder
    // The default generator of a fresh process is seeded from entropy (torch.initial_seed()
    // differs in every run); a torch.Generator() starts from the fixed default seed.
    let words = Entropy.words(2)
    let generator = TorchGenerator(entropy: UInt64(words[0]) << 32 | UInt64(words[1]), observer: recorder)
    session = TorchSession(generator)
    session.dataConsumers.recorder = recorder
    session.methods.context = tape
    Self.addAutogradMethods(to: &session.methods, tape)
  }

  func newToken() -> String {
    tokenCount += 1
    return "@torch\(tokenCount)@"
  }

  /// Runs `body` with its draws attributed to `path` (and `role`).
  func consuming<T>(_ path: String, role: String, _ body: () throws -> T) rethrows -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(path, role: role, body)
  }

  /// Runs `body` with its draws attributed to `paths` in turn.
  func consuming<T>(each paths: [String], role: String, _ body: () throws -> T) rethrows -> T {
    guard let recorder else { return try body() }
    return try recorder.consuming(each: paths, role: role, body)
  }

  /// The consumer of a draw made now outside a layer of its own: the module
  /// whose forward pass runs, or `<top>`.
  var currentModulePath: String { forwardStack.last?.token ?? "<top>" }

  // MARK: Parameters

  /// `nn.Parameter(data)`: a new tensor holding `data`'s values, known as a parameter.
  func makeParameter(_ tensor: Tensor) -> ArrayObject {
    let p = ArrayObject(tensor, kind: .torch, methods: session.methods)
    if tensor.dtype == .float32 {
      tape.markLeaf(p)
      (p.autograd as? TorchTape.Leaf)?.isParameter = true
    }
    parameterObjects[ObjectIdentifier(p)] = p
    return p
  }

  /// The parameter `value` holds, or nil when it is not one.
  func parameter(_ value: Value) -> ArrayObject? {
    guard case .object(let o as ArrayObject) = value else { return nil }
    return parameterObjects[ObjectIdentifier(o)]
  }

  /// Registers a layer's freshly drawn parameter and records its initial value.
  func register(_ name: String, _ p: ArrayObject, in module: TorchModuleInstance) throws {
    TorchModuleInstance.put(&module.parameters, name, p)
    let path = module.token + "." + name
    if parameterPaths[ObjectIdentifier(p)] == nil { parameterPaths[ObjectIdentifier(p)] = path }
    if let recorder, let values = DrawnValues(torch: p.tensor) {
      try recorder.tensor(path, moment: .initial, shape: p.tensor.shape, values: values)
    }
  }

  /// The type PyTorch names in an assignment error (`torch.FloatTensor`, `int`).
  func typeDescription(_ value: Value) -> String {
    guard case .object(let a as ArrayObject) = value, a.kind == .torch else { return value.typeName }
    switch a.tensor.dtype {
    case .float32: return "torch.FloatTensor"
    case .float64: return "torch.DoubleTensor"
    case .int64: return "torch.LongTensor"
    case .bool: return "torch.BoolTensor"
    default: return "torch.Tensor"
    }
  }

  // MARK: Names

  /// Notes, before a statement runs, the variables that hold modules no
  /// variable held before (`self` excepted: a module under construction),
  /// so a module a later assignment replaces (`classifier = …` twice) or
  /// a function's local (`model` in `main()`) keeps the name it had.
  func noteNames(_ scopes: [[String: Value]]) {
    let consumers = session.dataConsumers
    if !consumers.iteratedUnnamed.isEmpty {
      // Only after an iter(loader): a loader is named by the variables there when it is iterated.
      let waiting = Set(consumers.iteratedUnnamed.map(\.token)).subtracting(firstLoaderNames.keys)
      consumers.iteratedUnnamed.removeAll()
      for variables in scopes where !waiting.isEmpty {
        for name in variables.keys.sorted() {
          guard case .object(let loader as TorchDataLoader)? = variables[name], waiting.contains(loader.token),
            firstLoaderNames[loader.token] == nil
          else { continue }
          firstLoaderNames[loader.token] = name
        }
      }
    }
    guard created.count > firstNames.count else { return }
    for variables in scopes {
      for name in variables.keys.sorted() where name != "self" {
        guard case .object(let root as TorchModuleInstance)? = variables[name], firstNames[root.token] == nil else { continue }
        for (path, m) in root.namedModules(prefix: name) where firstNames[m.token] == nil { firstNames[m.token] = path }
      }
    }
  }

  /// The trace with every module token replaced by the module's path: from
  /// the globals when the run ends, else the first variable that held it,
  /// else its class name.
  func renamed(_ events: [UInt8], globals: [String: Value]) -> [UInt8] {
    let loaders = session.dataConsumers.loaders
    guard tokenCount > 0 || !loaders.isEmpty else { return events }
    var paths: [String: String] = [:]
    for name in globals.keys.sorted() {
      guard case .object(let loader as TorchDataLoader)? = globals[name], paths[loader.token] == nil else { continue }
      paths[loader.token] = name
    }
    for (token, _) in loaders where paths[token] == nil { paths[token] = firstLoaderNames[token] ?? "loader" }
    for name in globals.keys.sorted() {
      guard case .object(let root as TorchModuleInstance)? = globals[name] else { continue }
      for (path, m) in root.namedModules(prefix: name) where paths[m.token] == nil { paths[m.token] = path }
    }
    for (token, path) in firstNames where paths[token] == nil { paths[token] = path }
    var counts: [String: Int] = [:]
    for m in created where paths[m.token] == nil {
      let base = m.pythonClass.name.lowercased()
      let k = counts[base, default: 0]
      counts[base] = k + 1
      paths[m.token] = k == 0 ? base : "\(base)_\(k)"
      for (path, child) in m.namedModules(prefix: paths[m.token]!) where paths[child.token] == nil { paths[child.token] = path }
    }
    let text = String(decoding: events, as: UTF8.self)
    let pieces = text.components(separatedBy: "\"@torch")
    var out = pieces[0]
    for piece in pieces.dropFirst() {
      guard let end = piece.firstIndex(of: "@"), let path = paths["@torch" + piece[..<end] + "@"] else {
        out += "\"@torch" + piece
        continue
      }
      out += "\"" + path + piece[piece.index(after: end)...]
    }
    return Array(out.utf8)
  }
}
