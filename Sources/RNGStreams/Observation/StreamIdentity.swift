/// The framework whose semantics a stream emulates.
public enum Framework: String, Sendable, Hashable, CaseIterable, Codable {
  case numpy
  case python
  case torch
  case tensorflow
  case keras
  case tfKeras = "tf-keras"
  case jax
}

/// The bit generator underneath a stream.
public enum BitAlgorithm: String, Sendable, Hashable, Codable {
  case mt19937
  case philox4x32_10 = "philox4x32-10"
  case threefry2x32_20 = "threefry2x32-20"
  case pcg64
  case pcg64dxsm
  case philox4x64_10 = "philox4x64-10"
  case sfc64
}

/// The unit a stream's counter is measured in.
///
/// Each algorithm has one natural unit; a trace states it so that counters
/// from different streams are never compared by accident.
public enum CounterUnit: String, Sendable, Hashable, Codable {
  /// One tempered 32-bit MT19937 output.
  case word32 = "u32"
  /// One 64-bit output (PCG64).
  case word64 = "u64"
  /// One 128-bit Philox block (four 32-bit words).
  case philoxBlock = "block128"
  /// One Threefry2x32 hash evaluation (two 32-bit words).
  case threefryBlock = "block64"
}

extension BitAlgorithm {
  /// The counter unit of streams built on this algorithm.
  public var counterUnit: CounterUnit {
    switch self {
    case .mt19937: return .word32
    case .pcg64, .pcg64dxsm, .philox4x64_10, .sfc64: return .word64
    case .philox4x32_10: return .philoxBlock
    case .threefry2x32_20: return .threefryBlock
    }
  }
}

/// How a stream got its state.
public enum StreamSeeding: Sendable, Hashable {
  /// An explicit seeding call, such as `np.random.seed(0)`.
  case explicit(call: String)
  /// Derived from other state by a named rule (for example a TensorFlow op
  /// seed from the global seed and the eager op counter).
  case derived(rule: String, from: String)
  /// Never seeded: the framework took entropy from the operating system.
  case entropy
  /// Seeded from the operating system's entropy by an explicit call that
  /// passed no seed (`np.random.seed(None)`, `random.seed()`).
  case requestedEntropy(call: String)
  /// Never seeded, and the framework starts from a fixed default seed, the
  /// same in every process (torch's 67280421310721); `from` names it.
  case frameworkDefault(from: String)
  /// Seeded with a value drawn from another stream: the draw that started at
  /// `counter` on `stream` (PyTorch's `RandomSampler` seeds its generator with
  /// `torch.empty((), dtype=torch.int64).random_()` from the default one).
  indirect case drawn(from: StreamIdentity, counter: UInt64, call: String)
}

/// One generator state in a run: which framework, which algorithm, which key.
///
/// Two streams are the same stream when their identities are equal. The
/// `name` is stable and human-readable, e.g. `"global"` for NumPy's module
/// level `RandomState`, `"cpu-default"` for PyTorch's default CPU generator,
/// `"op(87654321,5)"` for one TensorFlow stateful kernel, `"stateless(1,2)"`
/// for a stateless call, `"key(0,42)"` for a JAX key.
///
/// ```swift
/// let global = StreamIdentity(framework: .numpy, name: "global",
///                             algorithm: .mt19937, seedMaterial: "init_genrand(0)",
///                             seeding: .explicit(call: "np.random.seed(0)"))
/// ```
public struct StreamIdentity: Sendable, Hashable {
  public var framework: Framework
  public var name: String
  public var algorithm: BitAlgorithm
  /// The key or seed words that determine the stream, in a readable form
  /// (`"init_genrand(0)"`, `"init_by_array([42])"`, `"key=(0x…,0x…) counter=(…)"`).
  public var seedMaterial: String
  public var seeding: StreamSeeding

  public init(
    framework: Framework, name: String, algorithm: BitAlgorithm, seedMaterial: String,
    seeding: StreamSeeding
  ) {
    self.framework = framework
    self.name = name
    self.algorithm = algorithm
    self.seedMaterial = seedMaterial
    self.seeding = seeding
  }

  /// The unit of this stream's counter.
  public var counterUnit: CounterUnit { algorithm.counterUnit }
}
