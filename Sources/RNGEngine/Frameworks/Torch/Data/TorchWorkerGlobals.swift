import NumPyStreams
import PythonStreams
import RNGStreams
import TorchStreams

/// The process-wide streams besides torch's that every DataLoader worker
/// process has a copy of: Python's global `random` and NumPy's global
/// `RandomState`. PyTorch's worker loop seeds them in each worker before
/// `worker_init_fn` runs — `random.seed(base_seed + worker_id)`, then (torch
/// itself in between), `np.random.seed(_generate_state(base_seed,
/// worker_id))` — so `random.random()` or `np.random.rand()` in a dataset's
/// `__getitem__` gives other values in every worker and every epoch.
///
/// The engine runs a worker's code in place: while it runs, the worker's
/// copies are swapped in for the script's (``running(_:_:)``), and the trace
/// shows them as the streams `worker<i>/global` (framework `python`, and
/// `numpy`), as the recorder names a real worker's.
///
/// ```python
/// class Noisy(Dataset):
///     def __getitem__(self, i):
///         return np.random.rand()      # worker 0's NumPy stream, not the script's
/// ```
///
/// Without a script run (`rngdiff sample`) nothing is attached and workers
/// have no copies.
final class TorchWorkerGlobals {
  /// Python's global `random`, attached by a script run.
  var python: PythonRandomObject?
  /// NumPy's global `RandomState`, when the script imported NumPy.
  var numpy: () -> RandomStateObject? = { nil }
  var observer: (any DrawObserver)?

  /// One worker's copies.
  struct Streams {
    var python: PythonRandom?
    var numpy: EngineRandomState?
  }

  /// The worker's `random`, seeded now (reported to the observer as a new stream).
  func seededPython(_ seeds: TorchWorkerSeeds) -> PythonRandom? {
    guard python != nil else { return nil }
    var stream = PythonRandom(seedWords: PythonRandom.words(of: seeds.seed), name: "worker\(seeds.workerID)/global")
    stream.identity.seeding = .explicit(call: "random.seed(\(seeds.seed))")
    stream.observer = observer
    stream.reportSeeding()
    return stream
  }

  /// The worker's NumPy global stream, seeded now, when the script imported NumPy.
  func seededNumPy(_ seeds: TorchWorkerSeeds) throws -> EngineRandomState? {
    guard numpy() != nil else { return nil }
    let words = seeds.numpyState.map { Int128($0) }
    var state = try RandomState(seedArray: words, name: "worker\(seeds.workerID)/global").engine
    state.identity.seeding = .explicit(call: "np.random.seed([\(seeds.numpyState.map(String.init).joined(separator: ", "))])")
    state.observer = observer
    state.reportSeeding()
    return state
  }

  /// Runs `body` with the worker's copies in place of the script's, and keeps what it drew.
  func running<T>(_ streams: inout Streams, _ body: () throws -> T) rethrows -> T {
    let python = python, numpy = numpy()
    var savedPython: PythonRandom?, savedNumPy: EngineRandomState?
    if let python, let own = streams.python {
      savedPython = python.stream
      python.stream = own
    }
    if let numpy, let own = streams.numpy {
      savedNumPy = numpy.state
      numpy.state = own
    }
    defer {
      if let python, let saved = savedPython {
        streams.python = python.stream
        python.stream = saved
      }
      if let numpy, let saved = savedNumPy {
        streams.numpy = numpy.state
        numpy.state = saved
      }
    }
    return try body()
  }
}
