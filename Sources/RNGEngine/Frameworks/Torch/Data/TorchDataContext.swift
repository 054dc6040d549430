import PythonSubset
import RNGStreams
import TorchStreams

/// The state `torch.utils.data` shares within one torch session: the default
/// generator every unseeded sampler and loader draws from, the worker whose
/// code is running now (what `get_worker_info()` returns), and the classes.
///
/// A DataLoader worker is a separate process in PyTorch. The engine runs its
/// code in place but swaps in the worker's own default generator while it
/// runs, so a `__getitem__` or `worker_init_fn` draw comes from the worker's
/// stream (`worker1/cpu-default`, seeded `base_seed + 1`), never from the
/// main one.
final class TorchDataContext {
  /// `torch.default_generator` of the main process.
  let main: TorchDefaultGenerator
  /// The tensor methods new tensors carry.
  let methods: ArrayMethods
  /// The worker running now, if any.
  var currentWorker: TorchWorkerInfo?
  /// `torch.Generator()` objects made so far, for their stream names.
  var generatorsMade = 0
  /// `torch.utils.data.Dataset`, the base of every dataset class.
  var datasetClass: ClassObject!
  /// `torch.utils.data.RandomSampler`: a loader names the draws of a sampler of this class.
  var randomSamplerClass: ClassObject!
  /// Who the draws of samplers and loaders belong to.
  let consumers: TorchDataConsumers
  /// The `random` and NumPy streams each worker has its own copies of.
  let workerGlobals: TorchWorkerGlobals

  init(main: TorchDefaultGenerator, methods: ArrayMethods, consumers: TorchDataConsumers, workerGlobals: TorchWorkerGlobals) {
    self.main = main
    self.methods = methods
    self.consumers = consumers
    self.workerGlobals = workerGlobals
  }

  /// A torch tensor wrapping `tensor`.
  func wrap(_ tensor: Tensor) -> Value { .object(ArrayObject(tensor, kind: .torch, methods: methods)) }

  /// Runs `body` as worker `worker`: the main generator's state is swapped
  /// for the worker's and back, and so are `random` and NumPy's global
  /// stream (``TorchWorkerGlobals``); `get_worker_info()` answers for it.
  func running<T>(as worker: TorchWorkerInfo, _ body: () throws -> T) rethrows -> T {
    let saved = main.state
    let savedWorker = currentWorker
    main.state = worker.generator
    currentWorker = worker
    defer {
      worker.generator = main.state
      main.state = saved
      currentWorker = savedWorker
    }
    return try workerGlobals.running(&worker.globals, body)
  }

  /// `torch.Generator()`: a new generator on PyTorch's default seed
  /// 67280421310721, with a stream name of its own.
  func newGenerator() -> TorchDefaultGenerator {
    generatorsMade += 1
    let name = "generator\(generatorsMade)"
    let state = TorchGenerator(
      seed: 67_280_421_310_721, name: name,
      seeding: .explicit(call: "torch.Generator() (default seed 67280421310721)"), kernel: main.state.kernel,
      observer: main.state.observer)
    return TorchDefaultGenerator(state)
  }
}

/// `torch.utils.data.get_worker_info()` inside a worker: its id, the number of
/// workers, its seed and the dataset; and its own default generator.
final class TorchWorkerInfo: PythonObject {
  let id: Int
  let numWorkers: Int
  let seeds: TorchWorkerSeeds
  let dataset: Value
  /// The worker process's `torch.default_generator`.
  var generator: TorchGenerator
  /// The worker process's `random` and NumPy global streams.
  var globals = TorchWorkerGlobals.Streams()

  init(id: Int, numWorkers: Int, seeds: TorchWorkerSeeds, dataset: Value, generator: TorchGenerator) {
    self.id = id
    self.numWorkers = numWorkers
    self.seeds = seeds
    self.dataset = dataset
    self.generator = generator
  }

  var typeName: String { "WorkerInfo" }
  var repr: String { "WorkerInfo(id=\(id), num_workers=\(numWorkers), seed=\(seeds.seed), dataset=\(dataset.repr))" }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "id": return .int(PythonInt(id))
    case "num_workers": return .int(PythonInt(numWorkers))
    case "seed": return .int(PythonInt(seeds.seed))
    case "dataset": return dataset
    default: return nil
    }
  }

  var attributeNames: [String] { ["dataset", "id", "num_workers", "seed"] }
}
