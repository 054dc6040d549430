import PythonSubset
import RNGStreams
import TorchStreams

/// One pass over a `DataLoader`, as PyTorch 2.13's in-order iterators run it.
///
/// At `iter(loader)`: the base seed is drawn (``TorchStreams/TorchGenerator/drawSeed()``)
/// from the loader's generator, or the default one, whatever `num_workers`
/// is. With workers, each worker's `random` is seeded `base_seed + worker_id`,
/// its default generator the same (reported as a `torch.utils.data.worker_seed`
/// derivation) and its NumPy global stream from both (``TorchWorkerGlobals``),
/// `worker_init_fn(worker_id)` runs in it, and the first
/// `2 · num_workers` batches of indices are taken from the sampler at once
/// (PyTorch's prefetch), so an unseeded `RandomSampler` draws its seed here.
/// Batch `k` is loaded by worker `k % num_workers`, in its own stream;
/// batches come back in order. Without workers each batch is loaded in the
/// main process when the loop asks for it.
final class TorchDataLoaderIterator: PythonIterator {
  let loader: TorchDataLoader
  let context: TorchDataContext
  let baseSeed: UInt64
  var workers: [TorchWorkerInfo] = []
  var indices: () throws -> Value?
  var queue: [Value] = []
  var batchNumber = 0

  init(_ loader: TorchDataLoader, at range: SourceRange) throws {
    self.loader = loader
    context = loader.context
    indices = try loader.indexBatches(at: range)
    let source: any TorchGeneratorBox = loader.generator ?? context.main
    let counter = source.state.wordsDrawn
    let from = source.state.stream
    let consumers = context.consumers
    consumers.iteratedUnnamed.append(loader)
    if case .object(let sampler as TorchDataInstance) = loader.sampler, sampler.pythonClass.isSubclass(of: context.randomSamplerClass) {
      sampler.consumerPath = loader.token + ".sampler"
    }
    baseSeed = UInt64(consumers.consuming(loader.token, role: "seed") { source.state.drawSeed() })
    let observer = context.main.state.observer
    for id in 0..<loader.numWorkers {
      let seeds = TorchWorkerSeeds(baseSeed: baseSeed, workerID: id)
      // PyTorch's worker loop seeds random, then torch, then NumPy.
      let python = context.workerGlobals.seededPython(seeds)
      let identityFrom = "base_seed \(baseSeed) (drawn at \(from.name) counter \(counter)) + worker_id \(id)"
      let generator = TorchGenerator(
        seed: seeds.seed, name: "worker\(id)/cpu-default",
        seeding: .derived(rule: "torch.utils.data.worker_seed", from: identityFrom), kernel: context.main.state.kernel)
      consumers.consuming(loader.token, role: "seed") {
        observer?.observe(SeedDerivation(
          rule: "torch.utils.data.worker_seed",
          inputs: [.init("base_seed", "\(baseSeed)"), .init("worker_id", "\(id)")], result: "\(seeds.seed)",
          derived: generator.stream))
      }
      var withObserver = generator
      withObserver.observer = observer
      let worker = TorchWorkerInfo(id: id, numWorkers: loader.numWorkers, seeds: seeds, dataset: loader.dataset, generator: withObserver)
      worker.globals = .init(python: python, numpy: try context.workerGlobals.seededNumPy(seeds))
      workers.append(worker)
    }
    if let initFunction = loader.workerInitFunction {
      for worker in workers {
        _ = try context.running(as: worker) { try TorchDataContext.call(initFunction, [.int(PythonInt(worker.id))], at: range) }
      }
    }
    if loader.numWorkers > 0 {
      for _ in 0..<(2 * loader.numWorkers) {
        guard let batch = try indices() else { break }
        queue.append(batch)
      }
    }
  }

  func next(at range: SourceRange) throws -> Value? {
    let batch: Value
    if !queue.isEmpty {
      batch = queue.removeFirst()
    } else if let b = try indices() {
      batch = b
    } else {
      return nil
    }
    defer { batchNumber += 1 }
    if workers.isEmpty { return try load(batch, at: range) }
    let worker = workers[batchNumber % workers.count]
    let value = try context.running(as: worker) { try load(batch, at: range) }
    if let more = try indices() { queue.append(more) }
    return value
  }

  /// Fetches the items of one batch and collates them (or one item, without batching).
  private func load(_ batch: Value, at range: SourceRange) throws -> Value {
    guard loader.batched else {
      guard case .int(let i) = batch, let index = i.int else { throw EvaluationError("a sampler index must be an int, got \(batch.typeName)", at: range, type: "TypeError") }
      let item = try context.item(of: loader.dataset, index, at: range)
      if let collate = loader.collateFunction { return try TorchDataContext.call(collate, [item], at: range) }
      return item
    }
    let items = try TorchDataContext.items(of: batch, at: range).map { index -> Value in
      guard case .int(let i) = index, let n = i.int else { throw EvaluationError("a sampler index must be an int, got \(index.typeName)", at: range, type: "TypeError") }
      return try context.item(of: loader.dataset, n, at: range)
    }
    if let collate = loader.collateFunction { return try TorchDataContext.call(collate, [.object(ListObject(items))], at: range) }
    return try context.collate(items, at: range)
  }
}

/// `torch.utils.data.DataLoader`: the sampler and batching it was given, and
/// the seeding rules of ``TorchDataLoaderIterator``. Each `for` loop (each
/// `iter()`) is a new pass, with a new base seed.
final class TorchDataLoader: TorchDataInstance {
  var dataset: Value = .none
  var sampler: Value = .none
  var batchSampler: Value = .none
  var batched = true
  var generator: (any TorchGeneratorBox)?
  var numWorkers = 0
  var workerInitFunction: Value?
  var collateFunction: Value?
  /// The loader's consumer token (``TorchDataConsumers``); its name once the run ends.
  var token = "loader"

  /// The batches of indices of one pass (single indices without batching).
  func indexBatches(at range: SourceRange) throws -> () throws -> Value? {
    let source = try TorchDataContext.iterator(of: batched ? batchSampler : sampler, at: range)
    return { try source.next(at: range) }
  }

  override func makeIterator(at range: SourceRange) throws -> any PythonIterator {
    try TorchDataLoaderIterator(self, at: range)
  }
}
