import PythonSubset

/// `nn.Sequential`, `nn.ModuleList` and `nn.ModuleDict`: modules that hold
/// modules, named `0`, `1`, … (or by key), in order.
///
/// ```python
/// net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
/// [n for n, _ in net.named_parameters()]   # ['0.weight', '0.bias', '2.weight', '2.bias']
/// net[0], len(net)                          # the first Linear, 3
/// ```
///
/// Edge cases: a non-module element is PyTorch's `TypeError`; indexing
/// past the end is `IndexError`; a slice of a `Sequential` is a new
/// `Sequential` of the same modules.
extension TorchScript {
  func defineContainers(in nn: Namespace, _ module: ClassObject) throws {
    let sequential = try layerClass("Sequential", "container", module)
    define(sequential, "__init__(self, *args)") { [unowned self] m, args in
      m.initialized = true
      if args.extraPositional.count == 1, case .object(let dict as DictObject) = args.extraPositional[0].value {
        for entry in dict.entries {
          guard case .string(let key) = entry.key else { continue }
          try add(entry.value, named: key, to: m, at: args.extraPositional[0].range)
        }
        return .none
      }
      for (i, item) in args.extraPositional.enumerated() { try add(item.value, named: String(i), to: m, at: item.range) }
      return .none
    }
    define(sequential, "forward(self, input)") { m, args in
      var x = args.value("input") ?? .none
      for (_, child) in m.childModules {
        var call = Arguments(callRange: args.callRange, calleeRange: args.callRange)
        call.positional = [Located(x, args.range("input"))]
        x = try child.call(call)
      }
      return x
    }
    define(sequential, "append(self, module)") { [unowned self] m, args in
      try add(args.value("module") ?? .none, named: String(m.modules.count), to: m, at: args.range("module"))
      return .object(m)
    }
    defineSequenceAccess(sequential, slice: { [unowned self] m, picked in
      let copy = TorchModuleInstance(class: sequential, script: self)
      copy.initialized = true
      for (i, child) in picked.enumerated() { copy.modules.append((String(i), child)) }
      _ = m
      return .object(copy)
    })
    nn.define("Sequential", .object(sequential))

    let list = try layerClass("ModuleList", "container", module)
    define(list, "__init__(self, modules=None)") { [unowned self] m, args in
      m.initialized = true
      m.compressesRepeats = true
      if let items = args.value("modules"), !items.isNone {
        for item in try Self.items(items, at: args.range("modules")) {
          try add(item, named: String(m.modules.count), to: m, at: args.range("modules"))
        }
      }
      return .none
    }
    define(list, "append(self, module)") { [unowned self] m, args in
      try add(args.value("module") ?? .none, named: String(m.modules.count), to: m, at: args.range("module"))
      return .object(m)
    }
    define(list, "extend(self, modules)") { [unowned self] m, args in
      for item in try Self.items(args.value("modules") ?? .none, at: args.range("modules")) {
        try add(item, named: String(m.modules.count), to: m, at: args.range("modules"))
      }
      return .object(m)
    }
    defineSequenceAccess(list, slice: { [unowned self] _, picked in
      let copy = TorchModuleInstance(class: list, script: self)
      copy.initialized = true
      for (i, child) in picked.enumerated() { copy.modules.append((String(i), child)) }
      return .object(copy)
    })
    nn.define("ModuleList", .object(list))

    let dict = try layerClass("ModuleDict", "container", module)
    define(dict, "__init__(self, modules=None)") { [unowned self] m, args in
      m.initialized = true
      guard let items = args.value("modules"), !items.isNone else { return .none }
      if case .object(let d as DictObject) = items {
        for entry in d.entries {
          guard case .string(let key) = entry.key else {
            throw args.error("modules", "module name should be a string, got \(entry.key.typeName)")
          }
          try add(entry.value, named: key, to: m, at: args.range("modules"))
        }
      } else {
        for pair in try Self.items(items, at: args.range("modules")) {
          let parts = try Self.items(pair, at: args.range("modules"))
          guard parts.count == 2, case .string(let key) = parts[0] else {
            throw args.error("modules", "ModuleDict update sequence elements must be (name, module) pairs")
          }
          try add(parts[1], named: key, to: m, at: args.range("modules"))
        }
      }
      return .none
    }
    define(dict, "__getitem__(self, key)") { m, args in
      let key = try args.string("key") ?? ""
      guard let child = m.modules.first(where: { $0.name == key })?.value else {
        throw EvaluationError(Value.string(key).repr, at: args.range("key"), type: "KeyError")
      }
      return .object(child)
    }
    define(dict, "__setitem__(self, key, module)") { [unowned self] m, args in
      try add(args.value("module") ?? .none, named: try args.string("key") ?? "", to: m, at: args.range("module"))
      return .none
    }
    define(dict, "__len__(self)") { m, _ in .int(PythonInt(m.modules.count)) }
    define(dict, "__iter__(self)") { m, _ in .object(ListObject(m.modules.map { .string($0.name) })) }
    define(dict, "__contains__(self, key)") { m, args in .bool(m.modules.contains { $0.name == (try? args.string("key")) ?? "" }) }
    define(dict, "keys(self)") { m, _ in .object(ListObject(m.modules.map { .string($0.name) })) }
    define(dict, "values(self)") { m, _ in .object(ListObject(m.childModules.map { .object($0.1) })) }
    define(dict, "items(self)") { m, _ in .object(ListObject(m.childModules.map { .tuple([.string($0.0), .object($0.1)]) })) }
    nn.define("ModuleDict", .object(dict))
  }

  /// Registers `value` as child `name` of `m`: it must be a module.
  private func add(_ value: Value, named name: String, to m: TorchModuleInstance, at range: SourceRange) throws {
    guard case .object(let child as TorchModuleInstance) = value else {
      throw EvaluationError("\(value.typeName) is not a Module subclass", at: range, type: "TypeError")
    }
    TorchModuleInstance.put(&m.modules, name, child)
  }

  /// `__getitem__` (an int or a slice), `__len__` and `__iter__` over the children.
  private func defineSequenceAccess(_ cls: ClassObject, slice: @escaping (TorchModuleInstance, [TorchModuleInstance]) throws -> Value) {
    define(cls, "__getitem__(self, idx)") { m, args in
      let children = m.childModules.map(\.1)
      if case .object(let s as SliceObject)? = args.value("idx") {
        return try slice(m, try s.indices(count: children.count, at: args.range("idx")).map { children[$0] })
      }
      guard let i = BoundArguments.asInt(args.value("idx") ?? .none)?.int else {
        throw args.error("idx", "\(m.typeName) indices must be integers or slices, not \(args.value("idx")?.typeName ?? "None")")
      }
      guard i >= -children.count && i < children.count else {
        throw EvaluationError("index \(i) is out of range", at: args.range("idx"), type: "IndexError")
      }
      return .object(children[i < 0 ? i + children.count : i])
    }
    define(cls, "__len__(self)") { m, _ in .int(PythonInt(m.childModules.count)) }
    define(cls, "__iter__(self)") { m, _ in .object(ListObject(m.childModules.map { .object($0.1) })) }
  }

  /// The items of a list or tuple.
  static func items(_ value: Value, at range: SourceRange) throws -> [Value] {
    switch value {
    case .tuple(let t): return t
    case .object(let l as ListObject): return l.elements
    default:
      throw EvaluationError("expected a list or tuple of modules, got \(value.typeName)", at: range, type: "TypeError")
    }
  }
}
