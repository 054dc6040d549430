import PythonSubset
import RNGStreams
import TorchStreams

extension TorchDataContext {
  /// `Dataset`, `TensorDataset`, `Subset` and `random_split`.
  func defineDatasets(in data: Namespace) throws {
    let dataset = try ClassObject(name: "Dataset", bases: [Builtins.objectClass], module: "torch.utils.data") { [unowned self] cls in
      TorchDataInstance(class: cls, context: self)
    }
    datasetClass = dataset
    data.define("Dataset", .object(dataset))
    let getItem = Value.object(BuiltinFunction(signature: Signature("__getitem__(self, index)")) { [unowned self] args in
      guard case .object(let instance as TorchDataInstance)? = args.value("self"), let at = instance.attributes["_getitem"] else {
        throw EvaluationError("Subclasses of Dataset should implement __getitem__.", at: args.callRange, type: "NotImplementedError")
      }
      _ = self
      return try TorchDataContext.call(at, [args.value("index") ?? Value.none], at: args.callRange)
    })

    let tensorDataset = try dataClass("TensorDataset", base: dataset, as: TorchDataInstance.self, signature: "__init__(self, *tensors)") { [unowned self] instance, args in
      let tensors = try args.extraPositional.map { t -> ArrayObject in
        guard case .object(let a as ArrayObject) = t.value, let first = a.tensor.arrayShape.first else {
          throw EvaluationError("TensorDataset takes tensors with a first dimension, got \(t.value.typeName)", at: t.range, type: "TypeError")
        }
        _ = first
        return a
      }
      let sizes = tensors.map { $0.tensor.arrayShape.first ?? 0 }
      if let first = sizes.first, sizes.contains(where: { $0 != first }) {
        throw EvaluationError("Size mismatch between tensors: first dimensions \(sizes)", at: args.callRange, type: "AssertionError")
      }
      instance.length = { sizes.first ?? 0 }
      instance.attributes["tensors"] = .tuple(tensors.map { .object($0) })
      instance.attributes["_getitem"] = .object(BuiltinFunction(signature: Signature("getitem(index)")) { [unowned self] inner in
        let key = inner.value("index") ?? Value.none
        return .tuple(try tensors.map { self.wrap(try TensorIndexing.index($0.tensor, key, at: inner.callRange)) })
      })
    }
    tensorDataset.setMember("__len__", lengthMember())
    tensorDataset.setMember("__getitem__", getItem)
    data.define("TensorDataset", .object(tensorDataset))

    let subset = try dataClass("Subset", base: dataset, as: TorchDataInstance.self, signature: "__init__(self, dataset, indices)") { [unowned self] instance, args in
      try configureSubset(instance, dataset: args.value("dataset") ?? Value.none, indices: TorchDataContext.items(of: args.value("indices") ?? Value.none, at: args.range("indices")))
    }
    subset.setMember("__len__", lengthMember())
    subset.setMember("__getitem__", getItem)
    data.define("Subset", .object(subset))

    data.define("random_split(dataset, lengths, generator=None)") { [unowned self] args in
      let count = try length(of: args.value("dataset") ?? Value.none, at: args.range("dataset"))
      let lengths = try TorchDataContext.items(of: args.value("lengths") ?? Value.none, at: args.range("lengths")).map { v -> TorchSamplerOrder.SplitLength in
        switch v {
        case .int(let i): guard let n = i.int, n >= 0 else { throw args.error("lengths", "random_split lengths must be non-negative ints or fractions, got \(v.repr)") }; return .count(n)
        case .float(let f): return .fraction(f)
        case .bool(let b): return .count(b ? 1 : 0)
        default: throw args.error("lengths", "random_split lengths must be ints or fractions, got \(v.typeName) \(v.repr)")
        }
      }
      let sizes: [Int]
      do {
        sizes = try args.framework { try TorchSamplerOrder.splitLengths(lengths, count: count) }
      } catch var error as EvaluationError {
        error.type = "ValueError"  // PyTorch's random_split raises ValueError for lengths it cannot use
        throw error
      }
      let source: any TorchGeneratorBox = try generatorArgument(args) ?? main
      let pieces = try args.framework { try TorchSamplerOrder.split(lengths: sizes, generator: &source.state) }
      return .object(ListObject(try pieces.map { piece in
        let s = TorchDataInstance(class: subset, context: self)
        try configureSubset(s, dataset: args.value("dataset") ?? Value.none, indices: piece.map { .int(PythonInt($0)) })
        return .object(s)
      }))
    }
  }

  private func configureSubset(_ instance: TorchDataInstance, dataset: Value, indices: [Value]) throws {
    instance.length = { indices.count }
    instance.attributes["dataset"] = dataset
    instance.attributes["indices"] = .object(ListObject(indices))
    instance.attributes["_getitem"] = .object(BuiltinFunction(signature: Signature("getitem(index)")) { [unowned self] inner in
      guard case .int(let i)? = inner.value("index"), var n = i.int else {
        throw EvaluationError("Subset indices must be ints", at: inner.callRange, type: "TypeError")
      }
      if n < 0 { n += indices.count }
      guard n >= 0, n < indices.count else { throw EvaluationError("list index out of range", at: inner.callRange, type: "IndexError") }
      guard case .int(let j) = indices[n], let k = j.int else { throw EvaluationError("Subset indices must be ints", at: inner.callRange, type: "TypeError") }
      return try item(of: dataset, k, at: inner.callRange)
    })
  }

  /// `Sampler`, `SequentialSampler`, `RandomSampler`, `SubsetRandomSampler`, `BatchSampler`.
  func defineSamplers(in data: Namespace) throws {
    let sampler = try ClassObject(name: "Sampler", bases: [Builtins.objectClass], module: "torch.utils.data") { [unowned self] cls in
      TorchDataInstance(class: cls, context: self)
    }
    sampler.setMember("__init__", .object(BuiltinFunction(signature: Signature("__init__(self, data_source=None)")) { _ in .none }))
    data.define("Sampler", .object(sampler))

    let sequential = try dataClass("SequentialSampler", base: sampler, as: TorchDataInstance.self, signature: "__init__(self, data_source)") { [unowned self] instance, args in
      let source = args.value("data_source") ?? Value.none
      let range = args.range("data_source")
      instance.attributes["data_source"] = source
      instance.length = { try self.length(of: source, at: range) }
      instance.items = { _ in
        let n = try self.length(of: source, at: range)
        var i = 0
        return {
          guard i < n else { return nil }
          defer { i += 1 }
          return .int(PythonInt(i))
        }
      }
    }
    sequential.setMember("__len__", lengthMember())
    data.define("SequentialSampler", .object(sequential))

    let random = try dataClass(
      "RandomSampler", base: sampler, as: TorchDataInstance.self,
      signature: "__init__(self, data_source, replacement=False, num_samples=None, generator=None)"
    ) { [unowned self] instance, args in
      try configureRandom(instance, args)
    }
    random.setMember("__len__", lengthMember())
    data.define("RandomSampler", .object(random))
    randomSamplerClass = random

    let subsetRandom = try dataClass(
      "SubsetRandomSampler", base: sampler, as: TorchDataInstance.self, signature: "__init__(self, indices, generator=None)"
    ) { [unowned self] instance, args in
      let indices = try TorchDataContext.items(of: args.value("indices") ?? Value.none, at: args.range("indices"))
      let explicit = try generatorArgument(args)
      let range = args.callRange
      instance.attributes["indices"] = args.value("indices") ?? Value.none
      instance.length = { indices.count }
      instance.items = { _ in
        let source: any TorchGeneratorBox = explicit ?? self.main
        let order = try self.withFramework(range) { try TorchSamplerOrder.subset(indices, generator: &source.state) }
        return ListIterator(order).nextValue
      }
    }
    subsetRandom.setMember("__len__", lengthMember())
    data.define("SubsetRandomSampler", .object(subsetRandom))

    let batch = try dataClass(
      "BatchSampler", base: sampler, as: TorchDataInstance.self, signature: "__init__(self, sampler, batch_size, drop_last)"
    ) { [unowned self] instance, args in
      guard let size = try TorchDataContext.positive(args, "batch_size", what: "batch_size") else {
        throw TorchDataContext.refusal(args, "batch_size", "batch_size should be a positive integer value, but got batch_size=None")
      }
      let dropLast = try TorchDataContext.flag(args, "drop_last")
      let inner = args.value("sampler") ?? Value.none
      let range = args.range("sampler")
      instance.attributes["sampler"] = inner
      instance.attributes["batch_size"] = .int(PythonInt(size))
      instance.attributes["drop_last"] = .bool(dropLast)
      instance.length = {
        let n = try TorchDataContext.count(of: inner, at: range)
        return dropLast ? n / size : (n + size - 1) / size
      }
      instance.items = { _ in try TorchDataContext.batches(of: inner, size: size, dropLast: dropLast, at: range) }
      _ = self
    }
    batch.setMember("__len__", lengthMember())
    data.define("BatchSampler", .object(batch))
  }

  func configureRandom(_ instance: TorchDataInstance, _ args: BoundArguments) throws {
    let source = args.value("data_source") ?? Value.none
    let range = args.range("data_source")
    let replacement = try TorchDataContext.flag(args, "replacement")
    let explicit = try generatorArgument(args)
    let requested = try TorchDataContext.positive(args, "num_samples", what: "num_samples")
    let count = try length(of: source, at: range)
    if requested == nil && count == 0 {
      throw TorchDataContext.refusal(args, "data_source", "num_samples should be a positive integer value, but got num_samples=0 (the dataset is empty)")
    }
    let samples = requested ?? count
    instance.attributes["data_source"] = source
    instance.attributes["replacement"] = .bool(replacement)
    instance.attributes["num_samples"] = .int(PythonInt(samples))
    instance.attributes["generator"] = explicit.map { Value.object($0) } ?? Value.none
    instance.length = { samples }
    instance.items = { [unowned self, unowned instance] at in
      randomOrder(
        count: try length(of: source, at: range), replacement: replacement, samples: samples, generator: explicit,
        consumer: instance.consumerPath ?? "sampler", at: at)
    }
  }

  /// `DataLoader(dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, …)`.
  func defineLoader(in data: Namespace) throws {
    let loader = try dataClass(
      "DataLoader", as: TorchDataLoader.self,
      signature: "__init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, multiprocessing_context=None, generator=None, *, prefetch_factor=None, persistent_workers=False, pin_memory_device='', in_order=True)"
    ) { [unowned self] loader, args in
      try configureLoader(loader, args, data: data)
    }
    loader.setMember("__len__", lengthMember())
    data.define("DataLoader", .object(loader))
  }

  private func configureLoader(_ loader: TorchDataLoader, _ args: BoundArguments, data: Namespace) throws {
    let dataset = args.value("dataset") ?? Value.none
    loader.dataset = dataset
    let workers = try args.int("num_workers")?.int ?? 0
    guard workers >= 0 else {
      throw TorchDataContext.refusal(args, "num_workers", "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
    }
    guard workers <= 64 else { throw args.error("num_workers", "num_workers=\(workers) is more workers than the engine emulates (at most 64)") }
    loader.numWorkers = workers
    loader.token = consumers.register(loader)
    loader.generator = try generatorArgument(args)
    if let f = args.value("worker_init_fn"), !f.isNone { loader.workerInitFunction = f }
    if let f = args.value("collate_fn"), !f.isNone { loader.collateFunction = f }
    if case .bool(false)? = args.value("in_order"), workers > 0 {
      throw args.error("in_order", "in_order=False (batches as workers finish them) is not emulated: the engine gives batches in order")
    }
    let shuffle = try TorchDataContext.flag(args, "shuffle")
    var sampler = args.value("sampler") ?? Value.none
    let batchSampler = args.value("batch_sampler") ?? Value.none
    let dropLast = try TorchDataContext.flag(args, "drop_last")
    let batchSizeGiven = args.value("batch_size") ?? .int(PythonInt(1))
    if !sampler.isNone && shuffle { throw TorchDataContext.refusal(args, "shuffle", "sampler option is mutually exclusive with shuffle") }
    let range = args.callRange
    func make(_ name: String, _ arguments: [Value], keywords: [(String, Value)] = []) throws -> Value {
      guard case .object(let cls as ClassObject)? = try data.attribute(name) else { return .none }
      return try cls.call(Arguments(
        positional: arguments.map { Located($0, range) }, keywords: keywords.map { ($0.0, Located($0.1, range)) }, callRange: range))
    }
    if !batchSampler.isNone {
      if batchSizeGiven.repr != "1" || shuffle || !sampler.isNone || dropLast {
        throw TorchDataContext.refusal(args, "batch_sampler", "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last")
      }
      loader.batchSampler = batchSampler
      loader.sampler = sampler
      loader.batched = true
      loader.length = { try TorchDataContext.count(of: batchSampler, at: range) }
      return
    }
    if sampler.isNone {
      sampler = shuffle
        ? try make("RandomSampler", [dataset], keywords: [("generator", loader.generator.map { Value.object($0) } ?? Value.none)])
        : try make("SequentialSampler", [dataset])
    }
    loader.sampler = sampler
    if batchSizeGiven.isNone {
      if dropLast { throw TorchDataContext.refusal(args, "drop_last", "batch_size=None option disables auto-batching and is mutually exclusive with drop_last") }
      loader.batched = false
      loader.length = { try TorchDataContext.count(of: sampler, at: range) }
    } else {
      guard case .int(let b) = batchSizeGiven, let size = b.int, size > 0 else {
        throw TorchDataContext.refusal(args, "batch_size", "batch_size should be a positive integer value, but got batch_size=\(batchSizeGiven.repr)")
      }
      let batches = try make("BatchSampler", [sampler, .int(PythonInt(size)), .bool(dropLast)])
      loader.batchSampler = batches
      loader.length = { try TorchDataContext.count(of: batches, at: range) }
    }
    loader.attributes["dataset"] = dataset
    loader.attributes["batch_size"] = batchSizeGiven
    loader.attributes["drop_last"] = .bool(dropLast)
    loader.attributes["num_workers"] = .int(PythonInt(workers))
    loader.attributes["sampler"] = sampler
    loader.attributes["batch_sampler"] = loader.batchSampler
    loader.attributes["generator"] = loader.generator.map { Value.object($0) } ?? Value.none
  }
}

extension ListIterator {
  /// The iterator as a closure.
  var nextValue: () throws -> Value? {
    let here = SourceRange(SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 1))
    return { try self.next(at: here) }
  }
}
