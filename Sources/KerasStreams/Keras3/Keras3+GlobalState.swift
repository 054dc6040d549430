import JAXStreams
import PythonStreams
import RNGStreams

extension Keras3 {
  /// The process-wide random state of a Python process that imported Keras 3:
  /// Python's global `random` (which Keras draws default seeds from), every
  /// `SeedGenerator`'s state, the global `SeedGenerator` that `seed=None`
  /// ops use, and where draws are reported.
  ///
  /// ```swift
  /// var keras = Keras3.GlobalState(backend: .jax, python: PythonRandom(seed: 0))
  /// try keras.setRandomSeed(.int(11))
  /// try keras.uniform([3])        // global SeedGenerator state [Random(11).randint(1, 10**9), 0]
  /// try keras.uniform([3])        // state ((s + 1) * 5387 % 933199, 5387), in uint32
  /// ```
  ///
  /// Reports: draws from Python's `random` are reported by ``python`` on its
  /// own stream (`"global"`, as PythonStreams names the module-level
  /// `random`); random ops report through TensorFlowStreams (stream
  /// `stateless(s0,s1)`, Philox blocks) or JAXStreams (stream `key(a,b)`,
  /// Threefry blocks); default seeds, `SeedGenerator` steps, int seeds and
  /// TensorFlow's seed cast report a ``SeedDerivation`` (rules
  /// `keras.make_default_seed`, `keras.seed_generator.next`,
  /// `keras.global_seed_generator.next`, `keras.draw_seed`,
  /// `keras.tensorflow.cast_seed`, `keras.utils.set_random_seed`).
  ///
  /// NumPy's global state is not part of this module:
  /// `keras.utils.set_random_seed(s)` also runs `np.random.seed(s)`, which
  /// the caller applies when it emulates NumPy too. TensorFlow's global seed
  /// (`tf.random.set_seed(s)`) does not affect any Keras 3 op.
  public struct GlobalState {
    /// `KERAS_BACKEND`.
    public let backend: Backend
    /// Python's module-level `random` state.
    public var python: PythonRandom
    /// Receives every draw and derivation; also set on ``python``.
    public var observer: (any DrawObserver)? {
      didSet { python.observer = observer; jax.observer = observer }
    }

    /// `[seed, counter]` of every `SeedGenerator`, by id, in the backend's
    /// seed dtype (uint32 values held in `Int64`).
    var generatorStates: [[Int64]] = []
    var generatorNames: [String] = []
    /// The global `SeedGenerator`, created at the first `seed=None` op.
    public internal(set) var globalGenerator: SeedGenerator?
    /// `object_name_uids`: how often each auto name was handed out.
    var nameCounts: [String: Int] = [:]
    /// JAX's `jax.random` under its default configuration.
    var jax: JAXRandom

    /// A fresh process on `backend` whose Python `random` is `python`.
    ///
    /// Without `python`, the process is unseeded, as Python seeds `random`
    /// from the operating system: values then differ from run to run.
    public init(backend: Backend, python: PythonRandom? = nil, observer: (any DrawObserver)? = nil) {
      self.backend = backend
      var random = python ?? Self.entropySeeded()
      random.observer = observer
      self.python = random
      self.observer = observer
      jax = JAXRandom(config: JAXConfig(), observer: observer)
    }

    /// Python's `random` seeded from the operating system.
    static func entropySeeded() -> PythonRandom {
      let words = Entropy.words(624)
      var random = PythonRandom(seedWords: words)
      random.identity.seeding = .entropy
      random.identity.seedMaterial = "init_by_array(624 words from os.urandom)"
      return random
    }

    /// The name ``uniqueName(_:)`` would hand out next, without taking it.
    public func nextUniqueName(_ prefix: String) -> String {
      let n = nameCounts[prefix, default: 0]
      return n == 0 ? prefix : "\(prefix)_\(n)"
    }

    /// `auto_name(prefix)`: `prefix`, then `prefix_1`, `prefix_2`, …
    public mutating func uniqueName(_ prefix: String) -> String {
      let n = nameCounts[prefix, default: 0]
      nameCounts[prefix] = n + 1
      return n == 0 ? prefix : "\(prefix)_\(n)"
    }
  }
}
