import PythonSubset
import RNGStreams
import TorchStreams

extension TorchSession {
  /// Adds `torch.utils.data` (and `torch.Generator` when the namespace has
  /// none yet) to `torch`: `Dataset`, `TensorDataset`, `Subset`, `Sampler`,
  /// `SequentialSampler`, `RandomSampler`, `SubsetRandomSampler`,
  /// `BatchSampler`, `DataLoader`, `random_split`, `get_worker_info`.
  ///
  /// ```python
  /// loader = torch.utils.data.DataLoader(range(10), batch_size=4, shuffle=True)
  /// list(loader)   # [tensor([6, 9, 0, 7]), tensor([3, 5, 4, 2]), tensor([1, 8])] after manual_seed(0)
  /// ```
  func defineData(in torch: Namespace) throws {
    let context = TorchDataContext(main: generator, methods: methods, consumers: dataConsumers, workerGlobals: workerGlobals)
    if try torch.attribute("Generator") == nil {
      torch.define("Generator(device='cpu')") { args in
        if let device = args.value("device"), !device.isNone, device.repr != "'cpu'" {
          throw args.error("device", "only CPU generators are emulated, got device=\(device.repr)")
        }
        return .object(context.newGenerator())
      }
    }
    let data = Namespace(name: "torch.utils.data")
    try context.defineDatasets(in: data)
    try context.defineSamplers(in: data)
    try context.defineLoader(in: data)
    data.define("get_worker_info()") { _ in context.currentWorker.map { .object($0) } ?? .none }
    let utils = Namespace(name: "torch.utils", members: ["data": .object(data)])
    torch.define("utils", .object(utils))
  }
}

extension TorchDataContext {
  /// A class of `torch.utils.data` whose instances are ``TorchDataInstance``s
  /// of type `T`, with a native `__init__` and `__len__`.
  func dataClass<T: TorchDataInstance>(
    _ name: String, base: ClassObject? = nil, as type: T.Type, signature: String,
    _ initialize: @escaping (T, BoundArguments) throws -> Void
  ) throws -> ClassObject {
    let cls = try ClassObject(name: name, bases: [base ?? Builtins.objectClass], module: "torch.utils.data") { [unowned self] cls in
      T(class: cls, context: self)
    }
    cls.setMember("__init__", .object(BuiltinFunction(signature: Signature(signature)) { args in
      guard case .object(let instance as T)? = args.value("self") else { return .none }
      try initialize(instance, args)
      return .none
    }))
    return cls
  }

  /// A `__len__` member reading the instance's native length.
  func lengthMember() -> Value {
    .object(BuiltinFunction(signature: Signature("__len__(self)")) { args in
      guard case .object(let instance as TorchDataInstance)? = args.value("self"), let length = instance.length else {
        throw EvaluationError("object has no len()", at: args.callRange, type: "TypeError")
      }
      return .int(PythonInt(try length()))
    })
  }

  /// An error at the argument `name` of the type PyTorch raises
  /// (`ValueError` unless `type` says otherwise), so that a script's
  /// message reads as PyTorch's: `loader.py:5:38: ValueError: batch_size ...`.
  static func refusal(_ args: BoundArguments, _ name: String, _ message: String, type: String = "ValueError") -> EvaluationError {
    var error = args.error(name, message)
    error.type = type
    return error
  }

  /// A positive int argument, refused with PyTorch's sentence otherwise.
  static func positive(_ args: BoundArguments, _ name: String, what: String) throws -> Int? {
    guard let v = args.value(name), !v.isNone else { return nil }
    guard case .int(let i) = v, let n = i.int, n > 0 else {
      throw refusal(args, name, "\(what) should be a positive integer value, but got \(name)=\(v.repr)")
    }
    return n
  }

  static func flag(_ args: BoundArguments, _ name: String) throws -> Bool {
    guard let v = args.value(name), !v.isNone else { return false }
    guard case .bool(let b) = v else { throw refusal(args, name, "\(name) should be a boolean value, but got \(name)=\(v.repr)", type: "TypeError") }
    return b
  }
}
