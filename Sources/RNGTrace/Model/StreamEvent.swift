/// The declaration of one random stream: one generator state with its
/// framework, algorithm, key and how it was seeded.
///
/// A trace declares a stream before its first draw. Declaring an `id`
/// again is a *reseed*: the stream's counter restarts at ``start`` and the
/// new ``seedMaterial`` and ``seeding`` apply to the draws that follow (for
/// example a second `np.random.seed(0)` before a second `fit`).
///
/// ```swift
/// let global = StreamEvent(id: "np", framework: .numpy, name: "global", algorithm: .mt19937,
///                          seedMaterial: "init_genrand(0)",
///                          seeding: .explicit(call: "np.random.seed(0)", source: "report.py:3"))
/// global.unit     // .word32, from the algorithm
/// ```
///
/// Edge cases: ``id`` is the producer's handle and only has to be unique
/// within one trace; the differ never compares ids across traces, it matches
/// streams by the consumers that draw from them.
public struct StreamEvent: Sendable, Hashable {
  /// Position in the trace's execution order, when the producer numbers every event.
  public var seq: UInt64?
  /// The handle draws refer to (`"s1"`, `"np.global"`).
  public var id: String
  /// The framework (`numpy`, `torch`, …).
  public var framework: FrameworkName
  /// The framework's own name for the stream: `"global"`, `"cpu-default"`,
  /// `"op(87654321,5)"`, `"key(0,42)"`.
  public var name: String
  /// The bit generator.
  public var algorithm: AlgorithmName
  /// The unit the stream's counters count in.
  public var unit: CounterUnitName
  /// The key or seed words, readable (`"init_genrand(0)"`, `"key=(0x0,0x2a)"`).
  public var seedMaterial: String
  /// How the stream got its state.
  public var seeding: StreamSeeding
  /// The counter the stream starts at (usually 0).
  public var start: UInt64

  /// A stream declaration. `unit` defaults to the algorithm's natural unit
  /// (`u32` for unknown algorithms: pass it explicitly then).
  public init(
    seq: UInt64? = nil, id: String, framework: FrameworkName, name: String, algorithm: AlgorithmName,
    unit: CounterUnitName? = nil, seedMaterial: String, seeding: StreamSeeding, start: UInt64 = 0
  ) {
    self.seq = seq
    self.id = id
    self.framework = framework
    self.name = name
    self.algorithm = algorithm
    self.unit = unit ?? algorithm.defaultUnit ?? .word32
    self.seedMaterial = seedMaterial
    self.seeding = seeding
    self.start = start
  }
}

/// How a stream got its state.
///
/// ```swift
/// StreamSeeding.explicit(call: "torch.manual_seed(0)", source: "a.py:2")
/// StreamSeeding.derived(rule: "tf.get_seed", from: "global_seed=1234, op counter 5", source: nil)
/// StreamSeeding.entropy
/// StreamSeeding.requestedEntropy(call: "np.random.seed(None)", source: "a.py:3")
/// StreamSeeding.frameworkDefault(from: "torch's default seed 67280421310721", source: nil)
/// StreamSeeding.drawn(DrawReference(stream: "torch", counter: 12), call: "g.manual_seed(seed)", source: "a.py:7")
/// StreamSeeding.restored(from: "ckpt/epoch3.pt", position: 5000, call: "torch.set_rng_state(s)", source: "b.py:30")
/// ```
///
/// Edge cases: the forms `default`, `drawn` and `restored` are fixed states
/// (the same in every run that takes them): only ``entropy`` and
/// ``requestedEntropy`` change from run to run.
public enum StreamSeeding: Sendable, Hashable {
  /// An explicit seeding call and the source line it is on.
  case explicit(call: String, source: String?)
  /// Derived from other state by a named rule (see the trace's derivation events).
  case derived(rule: String, from: String, source: String?)
  /// Never seeded: the framework took entropy from the operating system.
  case entropy
  /// Seeded from the operating system's entropy by an explicit call that
  /// passed no seed (`np.random.seed(None)`, `torch.seed()`,
  /// `random.seed()`): written `{"how":"entropy","call":…,"source":…}`.
  case requestedEntropy(call: String, source: String?)
  /// Never seeded by the script, and the framework starts from a fixed
  /// default seed (torch's 67280421310721, TensorFlow's default graph seed
  /// 87654321): written `{"how":"default","from":…,"source":…}`, both optional.
  /// `from` says which default; `source` is the first line that used it.
  case frameworkDefault(from: String?, source: String?)
  /// Seeded with a value drawn from another stream
  /// (`g.manual_seed(int(torch.randint(…)))`, PyTorch's `RandomSampler`,
  /// Keras's `randint` layer seeds): written
  /// `{"how":"drawn","stream":…,"counter":…,"seq":…,"call":…,"source":…}`.
  case drawn(DrawReference, call: String?, source: String?)
  /// Restored from a saved state (a checkpoint's RNG state):
  /// written `{"how":"restored","from":…,"position":…,"call":…,"source":…}`.
  /// `from` names where the state came from; `position` is how many units the
  /// state had consumed since its seeding (the seed material), when known.
  case restored(from: String, position: UInt64?, call: String?, source: String?)

  /// `"explicit"`, `"derived"`, `"entropy"`, `"default"`, `"drawn"` or
  /// `"restored"`, as written in traces.
  public var how: String {
    switch self {
    case .explicit: return "explicit"
    case .derived: return "derived"
    case .entropy, .requestedEntropy: return "entropy"
    case .frameworkDefault: return "default"
    case .drawn: return "drawn"
    case .restored: return "restored"
    }
  }

  /// Whether the state came from OS entropy (never seeded, or seeded with no seed).
  ///
  /// ```swift
  /// StreamSeeding.requestedEntropy(call: "np.random.seed(None)", source: nil).isEntropy   // true
  /// StreamSeeding.frameworkDefault(from: nil, source: nil).isEntropy                      // false
  /// ```
  public var isEntropy: Bool {
    switch self {
    case .entropy, .requestedEntropy: return true
    case .explicit, .derived, .frameworkDefault, .drawn, .restored: return false
    }
  }

  /// The source line, when the seeding names one.
  public var source: String? {
    switch self {
    case .explicit(_, let source), .derived(_, _, let source), .requestedEntropy(_, let source),
      .frameworkDefault(_, let source), .drawn(_, _, let source), .restored(_, _, _, let source):
      return source
    case .entropy: return nil
    }
  }

  /// The call that seeded the stream, when the seeding names one.
  public var call: String? {
    switch self {
    case .explicit(let call, _), .requestedEntropy(let call, _): return call
    case .drawn(_, let call, _), .restored(_, _, let call, _): return call
    case .derived, .entropy, .frameworkDefault: return nil
    }
  }
}
