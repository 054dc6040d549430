import NumPyStreams
import PythonSubset
import RNGBits

/// `np.random.SeedSequence(entropy, *, spawn_key=(), pool_size=4)`: the
/// object NumPy's bit generators are seeded from, with `spawn` and
/// `generate_state`.
///
/// ```python
/// ss = SeedSequence(42); a, b = ss.spawn(2)
/// Generator(PCG64(a)).random(2); ss.n_children_spawned      # 2
/// ss.generate_state(4); SeedSequence(42, spawn_key=(1,)).generate_state(2, uint64)
/// ```
///
/// Edge cases: `entropy=None` (operating-system entropy) is refused;
/// `spawn` numbers children on from `n_children_spawned`, so two calls give
/// different children, as in NumPy.
final class NumPySeedSequenceObject: PythonObject {
  /// The entropy as the user gave it (an int or a list of ints), for `.entropy`.
  let entropyValue: Value
  /// The spawn key as ints, for `.spawn_key`.
  let spawnKey: [PythonInt]
  let sequence: SeedSequence
  var childrenSpawned: Int

  init(entropyValue: Value, spawnKey: [PythonInt], sequence: SeedSequence, childrenSpawned: Int = 0) {
    self.entropyValue = entropyValue
    self.spawnKey = spawnKey
    self.sequence = sequence
    self.childrenSpawned = childrenSpawned
  }

  var typeName: String { "numpy.random.SeedSequence" }
  var repr: String { "SeedSequence(entropy=\(entropyValue.repr), spawn_key=\(spawnKeyValue.repr))" }
  var spawnKeyValue: Value { .tuple(spawnKey.map { .int($0) }) }

  func attribute(_ name: String) throws -> Value? {
    switch name {
    case "entropy": return entropyValue
    case "spawn_key": return spawnKeyValue
    case "pool_size": return .int(PythonInt(sequence.pool.count))
    case "n_children_spawned": return .int(PythonInt(childrenSpawned))
    case "pool":
      return NumPyResult.array(Tensor(shape: [sequence.pool.count], int64: sequence.pool.map(Int64.init), dtype: .uint32))
    default: return Self.methods.bound(name, to: self)
    }
  }

  var attributeNames: [String] { (["entropy", "spawn_key", "pool_size", "n_children_spawned", "pool"] + Self.methods.names).sorted() }

  /// `spawn(n)`: children whose spawn keys extend this one's, numbered on.
  func spawn(_ count: Int) -> [NumPySeedSequenceObject] {
    let children = sequence.spawn(count, firstChild: childrenSpawned)
    let first = childrenSpawned
    childrenSpawned += count
    return children.enumerated().map { i, child in
      NumPySeedSequenceObject(entropyValue: entropyValue, spawnKey: spawnKey + [PythonInt(first + i)], sequence: child)
    }
  }

  static let methods: PythonClassMethods<NumPySeedSequenceObject> = {
    var m = PythonClassMethods<NumPySeedSequenceObject>()
    m.define("generate_state(n_words, dtype=np.uint32)") { s, args in
      guard let n = BoundArguments.asInt(args.value("n_words") ?? .none)?.int64, n >= 0 else {
        throw args.error("n_words", "n_words must be a non-negative integer")
      }
      let count = try NumPyArguments.count([Int(n)], at: args.range("n_words"))
      switch try NumPyDTypes.argument(args) ?? .uint32 {
      case .uint32:
        let words = s.sequence.generateState32(count)
        return NumPyResult.array(Tensor(shape: [count], int64: words.map(Int64.init), dtype: .uint32))
      case .uint64:
        let words = s.sequence.generateState64(count)
        return NumPyResult.array(Tensor(dtype: .uint64, shape: [count], storage: .unsigned(words)))
      default:
        throw args.error("dtype", "only support uint32 or uint64")
      }
    }
    m.define("spawn(n_children)") { s, args in
      guard let n = BoundArguments.asInt(args.value("n_children") ?? .none)?.int64, n >= 0 else {
        throw args.error("n_children", "n_children must be a non-negative integer")
      }
      let count = try NumPyArguments.count([Int(n)], at: args.range("n_children"))
      return .object(ListObject(s.spawn(count).map { .object($0) }))
    }
    return m
  }()

  /// The constructor `SeedSequence(entropy=None, *, spawn_key=(), pool_size=4)`.
  static var constructor: Value {
    .object(BuiltinFunction(signature: Signature("SeedSequence(entropy=None, *, spawn_key=(), pool_size=4)")) { args in
      let entropy = args.value("entropy") ?? .none
      if entropy.isNone {
        throw args.error("entropy", "rngdiff needs explicit entropy for SeedSequence(...); None would draw it from the operating system")
      }
      guard let pool = BoundArguments.asInt(args.value("pool_size") ?? .int(PythonInt(4)))?.int64, pool >= 4, pool <= 1 << 20 else {
        throw args.error("pool_size", "The size of the entropy pool should be at least 4")
      }
      let keyValue = args.value("spawn_key") ?? .tuple([])
      guard let items = Builtins.items(of: keyValue) else {
        throw args.error("spawn_key", "spawn_key must be a sequence of non-negative integers")
      }
      var key: [PythonInt] = []
      for item in items {
        guard let i = BoundArguments.asInt(item), !i.isNegative else {
          throw args.error("spawn_key", "expected non-negative integer")
        }
        key.append(i)
      }
      let words = try args.framework { try NumPySeeds.entropyWords(entropy) }
      let keyWords = key.flatMap { $0.isZero ? [UInt32(0)] : $0.words32 }
      let sequence = SeedSequence(entropy: words, spawnKey: keyWords, poolSize: Int(pool))
      return .object(NumPySeedSequenceObject(entropyValue: entropy, spawnKey: key, sequence: sequence))
    })
  }
}
