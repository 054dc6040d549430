import PythonSubset

/// A `torch.nn.Module` in a script run: a built-in layer (`nn.Linear`) or an
/// instance of the user's `class Net(nn.Module)`, the same Swift object
/// underneath, as PyTorch's modules are one class hierarchy.
///
/// Assignment registers as PyTorch's `Module.__setattr__` does: an
/// `nn.Parameter` becomes a parameter, a module a child, each in
/// assignment order, which is the order of `named_parameters()`,
/// `children()` and `state_dict()`.
///
/// ```python
/// class Net(nn.Module):
///     def __init__(self):
///         super().__init__()
///         self.fc1 = nn.Linear(4, 8)     # child 'fc1', drawn now
///         self.scale = nn.Parameter(torch.ones(1))
/// [n for n, _ in Net().named_parameters()]   # ['fc1.weight', 'fc1.bias', 'scale']
/// ```
///
/// Edge cases: assigning a parameter or module before `super().__init__()`
/// is PyTorch's `AttributeError`; assigning a plain tensor where a
/// parameter is registered is its `TypeError`; assigning `None` keeps the
/// name registered (a `bias=False` layer has parameter `bias` = None).
final class TorchModuleInstance: InstanceObject {
  unowned let script: TorchScript
  /// A placeholder for the module's path in trace events, replaced by the
  /// path from the module tree when the run ends (`model.fc1`).
  let token: String
  /// Whether `Module.__init__` has run.
  var initialized = false
  var parameters: [(name: String, value: ArrayObject?)] = []
  var buffers: [(name: String, value: ArrayObject?)] = []
  var modules: [(name: String, value: TorchModuleInstance?)] = []
  var training = true
  /// A built-in layer's `extra_repr()` (`in_features=4, out_features=8, bias=True`).
  var extraRepr = ""

  init(class pythonClass: ClassObject, script: TorchScript) {
    self.script = script
    self.token = script.newToken()
    super.init(class: pythonClass)
    script.created.append(self)
  }

  /// `ModuleList` prints runs of equal children once (`(0-1): 2 x Linear(…)`).
  var compressesRepeats = false

  override var repr: String {
    if pythonClass.lookup("__repr__") != nil { return super.repr }
    var extra = extraRepr
    if let method = pythonClass.lookup("extra_repr"), !method.isBuiltin, case .string(let s)? = try? callDunder("extra_repr", []) {
      extra = s
    }
    guard compressesRepeats else { return Self.render(name: typeName, extra: extra, children: children) }
    // ModuleList.__repr__: consecutive children with the same text become one line.
    var blocks: [(first: Int, last: Int, text: String)] = []
    for (i, (_, child)) in children.enumerated() {
      let text = child.repr
      if let last = blocks.last, last.text == text { blocks[blocks.count - 1].last = i } else { blocks.append((i, i, text)) }
    }
    guard !blocks.isEmpty else { return typeName + "()" }
    let lines = blocks.map { b -> String in
      let head = b.first == b.last ? "(\(b.first)): " : "(\(b.first)-\(b.last)): \(b.last - b.first + 1) x "
      return Self.indent(head + b.text)
    }
    return typeName + "(\n  " + lines.joined(separator: "\n  ") + "\n)"
  }

  /// PyTorch's `_addindent(text, 2)`: every line but the first indented.
  static func indent(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { $0.offset == 0 ? String($0.element) : "  " + $0.element }.joined(separator: "\n")
  }

  private var children: [(String, TorchModuleInstance)] { modules.compactMap { m in m.value.map { (m.name, $0) } } }

  /// PyTorch's `Module.__repr__`: the extra text in parentheses, or one
  /// line per child, indented.
  static func render(name: String, extra: String, children: [(String, TorchModuleInstance)]) -> String {
    var lines = extra.isEmpty ? [] : extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for (key, child) in children {
      lines.append("(\(key)): " + indent(child.repr))
    }
    var main = name + "("
    if !lines.isEmpty {
      if lines.count == 1 && children.isEmpty {
        main += lines[0]
      } else {
        main += "\n  " + lines.joined(separator: "\n  ") + "\n"
      }
    }
    return main + ")"
  }

  override func nativeAttribute(_ name: String) throws -> Value? {
    if let p = parameters.last(where: { $0.name == name }) { return p.value.map { .object($0) } ?? Value.none }
    if let b = buffers.last(where: { $0.name == name }) { return b.value.map { .object($0) } ?? Value.none }
    if let m = modules.last(where: { $0.name == name }) { return m.value.map { .object($0) } ?? Value.none }
    if name == "training" { return .bool(training) }
    return nil
  }

  override func setNativeAttribute(_ name: String, _ value: Value) throws -> Bool {
    if name == "training" {
      training = value.isTruthy
      return true
    }
    let parameter = script.parameter(value)
    let module: TorchModuleInstance?
    if case .object(let m as TorchModuleInstance) = value { module = m } else { module = nil }
    if parameter != nil || module != nil, !initialized {
      throw EvaluationError(
        "cannot assign \(parameter != nil ? "parameters" : "module") before Module.__init__() call", at: nil, type: "AttributeError")
    }
    if let parameter {
      _ = deleteAttribute(name)
      buffers.removeAll { $0.name == name }
      modules.removeAll { $0.name == name }
      Self.put(&parameters, name, parameter)
      return true
    }
    if let i = parameters.firstIndex(where: { $0.name == name }) {
      guard value.isNone else {
        throw EvaluationError(
          "cannot assign '\(script.typeDescription(value))' as parameter '\(name)' (torch.nn.Parameter or None expected)", at: nil,
          type: "TypeError")
      }
      parameters[i].value = nil
      return true
    }
    if let module {
      _ = deleteAttribute(name)
      parameters.removeAll { $0.name == name }
      buffers.removeAll { $0.name == name }
      Self.put(&modules, name, module)
      return true
    }
    if let i = modules.firstIndex(where: { $0.name == name }) {
      guard value.isNone else {
        throw EvaluationError(
          "cannot assign '\(script.typeDescription(value))' as child module '\(name)' (torch.nn.Module or None expected)", at: nil,
          type: "TypeError")
      }
      modules[i].value = nil
      return true
    }
    if let i = buffers.firstIndex(where: { $0.name == name }) {
      switch value {
      case .none: buffers[i].value = nil
      case .object(let a as ArrayObject) where a.kind == .torch: buffers[i].value = a
      default:
        throw EvaluationError(
          "cannot assign '\(script.typeDescription(value))' as buffer '\(name)' (torch.Tensor or None expected)", at: nil, type: "TypeError")
      }
      return true
    }
    return false
  }

  /// Sets `name` in an ordered registry, keeping its place when it is there.
  static func put<T>(_ list: inout [(name: String, value: T?)], _ name: String, _ value: T?) {
    if let i = list.firstIndex(where: { $0.name == name }) {
      list[i].value = value
    } else {
      list.append((name, value))
    }
  }

  override var attributeNames: [String] {
    Array(Set(super.attributeNames + parameters.map(\.name) + buffers.map(\.name) + modules.map(\.name) + ["training"])).sorted()
  }

  // MARK: The module tree

  /// `named_modules()`: this module, then each descendant once, depth first.
  func namedModules(prefix: String = "") -> [(String, TorchModuleInstance)] {
    var seen = Set<ObjectIdentifier>()
    var result: [(String, TorchModuleInstance)] = []
    func visit(_ m: TorchModuleInstance, _ path: String) {
      guard seen.insert(ObjectIdentifier(m)).inserted else { return }
      result.append((path, m))
      for (name, child) in m.children { visit(child, path.isEmpty ? name : path + "." + name) }
    }
    visit(self, prefix)
    return result
  }

  /// `named_parameters()`: every parameter once, in registration order, depth first.
  func namedParameters(prefix: String = "", recurse: Bool = true) -> [(String, ArrayObject)] {
    var seen = Set<ObjectIdentifier>()
    var result: [(String, ArrayObject)] = []
    let owners = recurse ? namedModules(prefix: prefix) : [(prefix, self)]
    for (path, m) in owners {
      for (name, p) in m.parameters {
        guard let p, seen.insert(ObjectIdentifier(p)).inserted else { continue }
        result.append((path.isEmpty ? name : path + "." + name, p))
      }
    }
    return result
  }

  /// `state_dict()`'s entries: parameters then buffers of each module, in tree order.
  func stateEntries() -> [(String, ArrayObject)] {
    var result: [(String, ArrayObject)] = []
    func visit(_ m: TorchModuleInstance, _ path: String) {
      let prefix = path.isEmpty ? "" : path + "."
      for (name, p) in m.parameters { if let p { result.append((prefix + name, p)) } }
      for (name, b) in m.buffers { if let b { result.append((prefix + name, b)) } }
      for (name, child) in m.children { visit(child, prefix + name) }
    }
    visit(self, "")
    return result
  }

  /// `train(mode)`: this module and every descendant.
  func setTraining(_ mode: Bool) {
    for (_, m) in namedModules() { m.training = mode }
  }

  var childModules: [(String, TorchModuleInstance)] { children }
}

extension Value {
  /// Whether this is a function the engine implements (not the script's).
  var isBuiltin: Bool {
    if case .object(let o) = self { return o is BuiltinFunction }
    return false
  }
}
